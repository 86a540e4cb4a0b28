"""The recommendation engine: nearest first, fit, reasons, tools unplaced, catalysts covering a place."""

from __future__ import annotations

import pytest

from observatoire.errors import NotFoundError
from observatoire.recommend import CASE, CATALYST, TOOL, Need, Record, Ring, recommend


def case(key: str, where: str, *domains: str, **extra: object) -> Record:
    return Record(CASE, key, key.upper(), territories=(where,), domains=domains, **extra)  # type: ignore[arg-type]


RECORDS = (
    case("ici", "commune:13055", "mobilite"),
    case("dep", "departement:13", "mobilite"),
    case("reg", "commune:83137", "mobilite"),  # Toulon, Var: same région as Marseille
    case("macro", "region:84", "mobilite"),  # Auvergne-Rhône-Alpes: Sud-Est like PACA
    case("loin", "departement:59", "mobilite"),
    case("national", "nation:FR", "mobilite"),
    case("autre", "commune:13055", "sante"),
    Record(CATALYST, "cat", "CAT", territories=("departement:13",), domains=("emploi",)),
    Record(TOOL, "outil", "OUTIL", levers=("faire_alliance",)),
)


def test_nearest_first_through_every_ring() -> None:
    found = recommend(RECORDS, Need(domains=("mobilite",)), "commune:13055", kinds=(CASE,))
    assert [m.record.key for m in found] == ["ici", "dep", "reg", "macro", "loin", "national"]
    assert [m.ring for m in found[:5]] == [
        Ring.LOCAL,
        Ring.DEPARTEMENT,
        Ring.REGION,
        Ring.MACRO_REGION,
        Ring.FRANCE,
    ]


def test_a_record_shares_something_with_the_need_or_is_left_out() -> None:
    found = recommend(RECORDS, Need(domains=("sante",)), "commune:13055")
    assert [m.record.key for m in found] == ["autre"]


def test_first_domain_of_the_need_weighs_most_within_a_ring() -> None:
    records = (case("b", "departement:13", "sante"), case("a", "departement:13", "mobilite"))
    found = recommend(records, Need(domains=("mobilite", "sante")), "departement:13")
    assert [m.record.key for m in found] == ["a", "b"]


def test_reason_is_one_french_sentence_naming_what_and_where() -> None:
    found = recommend(RECORDS, Need(domains=("mobilite",)), "commune:13055", kinds=(CASE,))
    assert found[0].reason == "Répond à : mobilité / transports, dans la même commune (Marseille)."
    assert found[1].reason == "Répond à : mobilité / transports, dans le même département (Bouches-du-Rhône)."
    assert "dans la même région (Provence-Alpes-Côte d'Azur)" in found[2].reason
    assert "grande région (Sud-Est)" in found[3].reason
    assert found[5].reason.endswith("à l'échelle nationale.")
    assert all(m.reason.count(".") == 1 and m.reason[0].isupper() for m in found)


def test_catalyst_covering_the_place_comes_first_and_says_so() -> None:
    found = recommend(RECORDS, Need(), "commune:13001", kinds=(CATALYST,))
    assert found[0].covers
    assert found[0].reason == "Couvre Aix-en-Provence."
    assert not recommend(RECORDS, Need(), "departement:83", kinds=(CATALYST,))[0].covers


def test_tools_rank_by_fit_alone_and_are_useful_anywhere() -> None:
    (tool,) = recommend(RECORDS, Need(levers=("faire_alliance",)), "region:93")
    assert tool.record.kind == TOOL
    assert tool.reason == "Illustre le levier apprendre à faire alliances, utile partout."


def test_axes_match_levers_and_the_category_of_a_model() -> None:
    record = Record(CASE, "m", "M", territories=("region:93",), models=("mecenat_classique",))
    assert recommend((record,), Need(axes=("mecenat",)), "region:93")
    assert not recommend((record,), Need(axes=("innovation_societale",)), "region:93")


def test_ties_go_to_stronger_evidence_then_title() -> None:
    records = (
        case("b", "departement:13", "mobilite", evidence=0),
        case("c", "departement:13", "mobilite", evidence=3),
        case("a", "departement:13", "mobilite", evidence=0),
    )
    found = recommend(records, Need(domains=("mobilite",)), "departement:13")
    assert [m.record.key for m in found] == ["c", "a", "b"]


def test_place_at_any_level_and_unknown_place() -> None:
    for place in ("nation:FR", "region:93", "macro_region:sud_est", "epci:200054807", "departement:2A"):
        assert recommend(RECORDS, Need(domains=("mobilite",)), place)
    with pytest.raises(NotFoundError):
        recommend(RECORDS, Need(), "departement:999")


def test_limit() -> None:
    assert len(recommend(RECORDS, Need(), "region:93", limit=3)) == 3
    assert len(recommend(RECORDS, Need(), "region:93", limit=None)) == len(RECORDS)


def test_among_covering_catalysts_the_smallest_coverage_comes_first() -> None:
    records = (
        Record(CATALYST, "a", "A", territories=("departement:13",)),
        Record(CATALYST, "b", "B", territories=("epci:200054807",)),
        Record(CATALYST, "c", "C", territories=("commune:13001",)),
    )
    found = recommend(records, Need(), "commune:13001")
    assert [m.record.key for m in found] == ["c", "b", "a"]
    assert all(m.covers for m in found)
