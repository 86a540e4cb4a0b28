"""The evaluation grid as an instrument of the questionnaire machinery, and the mirror of partners' scores."""

from __future__ import annotations

from observatoire.questionnaires import instrument
from observatoire.questionnaires.mirror import DIVERGENCE, PartnerAnswers, evolution, mirror, trend


def _all(code: str) -> dict[str, str]:
    return {item.code: code for item in instrument("evaluation_partenariale").items}


def test_the_grid_is_3_objects_by_7_approaches_and_3_impacts_with_comments() -> None:
    grid = instrument("evaluation_partenariale")
    assert [s.code for s in grid.sections] == ["produit", "equilibre", "reconnaissance", "impacts"]
    assert [len(s.items) for s in grid.sections] == [7, 7, 7, 3]
    assert all(item.comment for item in grid.items)
    assert [o.score for o in grid.items[0].scale.options] == [0, 1, 2, 3, 4, None]
    assert grid.population is None
    assert grid.actors == ()


def test_lines_two_points_apart_are_flagged_and_the_synthesis_names_them() -> None:
    first = _all("3")
    second = _all("3") | {"equilibre_clarte": "1", "impact_confiance": "4", "produit_sens": "nsp"}
    seen = mirror(
        instrument("evaluation_partenariale"),
        [
            PartnerAnswers("Association A", first, {"equilibre_clarte": "Rôles flous"}),
            PartnerAnswers("Entreprise B", second, {}),
        ],
    )
    assert [line.item.code for line in seen.divergent] == ["equilibre_clarte"]
    clarte = next(line for line in seen.lines if line.item.code == "equilibre_clarte")
    assert clarte.scores == (3, 1)
    assert clarte.gap == DIVERGENCE
    assert clarte.comments == ("Rôles flous", "")
    sens = next(line for line in seen.lines if line.item.code == "produit_sens")
    assert sens.gap is None
    assert not sens.divergent
    text = " ".join(seen.synthesis)
    assert "1 ligne(s)" in text
    assert "clarté" in text
    assert "Association A : 3,0 sur 4" in text


def test_one_partner_alone_has_no_divergence_and_evolution_compares_rounds() -> None:
    grid = instrument("evaluation_partenariale")
    before = mirror(grid, [PartnerAnswers("A", _all("1"), {}), PartnerAnswers("B", _all("4"), {})])
    now = mirror(grid, [PartnerAnswers("A", _all("3"), {}), PartnerAnswers("B", _all("3"), {})])
    assert len(before.divergent) == 24
    assert not now.divergent
    change = evolution(before, now)[0]
    assert (change.mean_before, change.mean_now, change.gap_before, change.gap_now) == (2.5, 3, 3, 0)
    assert trend(before, now) == (
        "Depuis le tour précédent, la note moyenne passe de 2,5 à 3,0 sur 4, et les lignes où les "
        "partenaires s'écartent de 2 points ou plus de 24 à 0."
    )
    alone = mirror(grid, [PartnerAnswers("A", _all("2"), {})])
    assert not alone.divergent
    assert "Un seul partenaire" in " ".join(alone.synthesis)
