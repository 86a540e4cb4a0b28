"""The groupings the studies report on: survey regions, macro-regions and the régions before 2016."""

import csv
from pathlib import Path

import pytest

from observatoire.errors import NotFoundError
from observatoire.reference import territories as ter

PUBLISHED = Path(__file__).resolve().parents[3] / "shared" / "reference" / "published_figures.csv"


def test_the_twelve_survey_regions():
    assert [s.code for s in ter.survey_regions()] == [
        "IDF", "GES", "NAQ", "ARA", "BFC", "BRE", "CVL", "OCC", "HDF", "NOR", "PDL", "PACA",
    ]  # fmt: skip
    paca = ter.territory("PACA")
    assert paca.name == "Provence-Alpes-Côte d'Azur et Corse"
    assert paca.members == ("93", "94")
    assert (
        paca.population == ter.territory("93", "region").population + ter.territory("94", "region").population
    )


def test_the_five_macro_regions():
    assert [(m.code, m.name) for m in ter.macro_regions()] == [
        ("ile_de_france", "Île-de-France"),
        ("nord_ouest", "Nord-Ouest"),
        ("nord_est", "Nord-Est"),
        ("sud_ouest", "Sud-Ouest"),
        ("sud_est", "Sud-Est"),
    ]


@pytest.mark.parametrize("groupings", [ter.survey_regions, ter.macro_regions])
def test_groupings_cover_every_metropolitan_region_exactly_once(groupings):
    members = [code for grouping in groupings() for code in grouping.members]
    assert sorted(members) == sorted(r.code for r in ter.regions())
    for grouping in groupings():
        assert grouping.population == sum(ter.territory(m, "region").population for m in grouping.members)
    assert sum(g.population for g in groupings()) == sum(r.population for r in ter.regions())


def test_grouping_of_a_region():
    assert ter.survey_region_of("94").code == "PACA"
    assert ter.survey_region_of("Corse").code == "PACA"
    assert ter.macro_region_of("28").code == "nord_ouest"
    for region in ter.regions():
        assert region.code in ter.survey_region_of(region.code).members
        assert region.code in ter.macro_region_of(region.code).members


def test_every_survey_region_lies_in_one_macro_region():
    for survey_region in ter.survey_regions():
        assert len({ter.macro_region_of(m).code for m in survey_region.members}) == 1


def test_overseas_regions_have_no_grouping_and_say_so_in_french():
    with pytest.raises(NotFoundError, match=r"La Réunion .*aucune région d'enquête.*France métropolitaine"):
        ter.survey_region_of("04")
    with pytest.raises(NotFoundError, match="aucune macro-région"):
        ter.macro_region_of("Guyane")


def test_regions_before_2016():
    old = ter.regions_2015()
    assert len(old) == 22
    assert len(ter.regions_2015(metropolitan_only=False)) == 27
    assert {r.region for r in old} == {r.code for r in ter.regions()}
    departements = [d for r in old for d in r.members]
    assert sorted(departements) == sorted(d.code for d in ter.departements())
    for region in ter.regions_2015(metropolitan_only=False):
        for code in region.members:
            assert ter.territory(code, "departement").region == region.region, (region.name, code)
        assert region.population == sum(ter.territory(m, "departement").population for m in region.members)


def test_region_2015_of_a_departement():
    assert ter.region_2015_of("08").name == "Champagne-Ardenne"
    assert ter.region_2015_of("63").name == "Auvergne"
    assert ter.region_2015_of("2B").name == "Corse"
    assert [r.code for r in ter.children(ter.territory("42", "region_2015"))] == ["67", "68"]


def test_unchanged_regions_keep_their_code_and_name():
    for code in ("11", "24", "52", "53", "93", "94"):
        old = ter.territory(code, "region_2015")
        assert old.region == code
    assert ter.territory("24", "region_2015").name == "Centre"  # renamed Centre-Val de Loire in 2015


@pytest.mark.skipif(not PUBLISHED.is_file(), reason="shared/reference is absent")
def test_every_territory_of_the_published_figures_resolves():
    with PUBLISHED.open(encoding="utf-8", newline="") as handle:
        codes = {code for row in csv.DictReader(handle) for code in row["territory"].split(";")}
    assert {"PACA+COR", "sud_est", "IDF"} <= codes
    levels = {code: ter.territory(code).level for code in codes}
    assert set(levels.values()) == {"nation", "survey_region", "macro_region"}
