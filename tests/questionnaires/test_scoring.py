"""Scoring on hand-computed examples, for a small instrument written here and for the three packaged ones."""

from __future__ import annotations

import pytest

from observatoire.errors import InputError
from observatoire.questionnaires import instrument, instruments, parse_instrument, score
from observatoire.questionnaires.model import MULTIPLE, Instrument

SMALL = """
code = "essai"
version = 1
title = "Essai"
audience = "Tests"
population = "entreprises"
minutes = 1
description = "Un petit questionnaire calculé à la main."
source = ["001_0a191ba66b55f7cb.txt"]

[[actors]]
code = "a"
label = "A"

[[sizes]]
code = "s"
label = "S"

[[scales]]
code = "quatre"
label = "0 à 3"

[[scales.options]]
code = "zero"
label = "Zéro"
score = 0

[[scales.options]]
code = "un"
label = "Un"
score = 1

[[scales.options]]
code = "deux"
label = "Deux"
score = 2

[[scales.options]]
code = "trois"
label = "Trois"
score = 3

[[scales.options]]
code = "na"
label = "Non applicable"
not_applicable = true

[[levels]]
rank = 1
name = "Un"
minimum = 0
description = "Niveau 1."

[[levels]]
rank = 2
name = "Deux"
minimum = 35
description = "Niveau 2."

[[levels]]
rank = 3
name = "Trois"
minimum = 60
description = "Niveau 3."

[[levels]]
rank = 4
name = "Quatre"
minimum = 80
description = "Niveau 4."

[[sections]]
code = "a"
label = "Axe A"
description = "Deux questions, poids 1."
weight = 1

[[sections.items]]
code = "a1"
text = "Question A1 ?"
scale = "quatre"

[[sections.items]]
code = "a2"
text = "Question A2 ?"
scale = "quatre"
weight = 2

[[sections]]
code = "b"
label = "Axe B"
description = "Deux questions, poids 3."
weight = 3

[[sections.items]]
code = "b1"
text = "Question B1 ?"
scale = "quatre"

[[sections.items]]
code = "b2"
text = "Question B2 ?"
scale = "quatre"

[[rules]]
section = "a"
below = 60
text = "Travaillez l'axe A."
levers = ["faire_alliance"]
"""


@pytest.fixture
def small() -> Instrument:
    return parse_instrument(SMALL, "essai.toml")


def test_hand_computed_example(small: Instrument) -> None:
    # A: a1 = 1/3, a2 (weight 2) = 3/3 → (1 + 2·3) / (3 + 2·3) = 7/9 = 77.78 → level 3.
    # B: b1 = 2/3, b2 = 3/3 → 5/6 = 83.33 → level 4.  Overall: (77.78 + 3 × 83.33) / 4 = 81.94 → level 4.
    result = score(small, {"a1": "un", "a2": "trois", "b1": "deux", "b2": "trois"})
    assert result.section("a").score == pytest.approx(700 / 9)
    assert result.section("a").level.rank == 3
    assert result.section("b").score == pytest.approx(500 / 6)
    assert result.section("b").level.rank == 4
    assert result.score == pytest.approx((700 / 9 + 3 * 500 / 6) / 4)
    assert result.level.rank == 4
    assert result.not_applicable_share == 0


def test_not_applicable_lowers_the_potential_instead_of_counting_zero(small: Instrument) -> None:
    # A: a1 n/a, a2 = 3/3 → 100 (not 2·3 / 9 = 66.7). B: 0 and 3 → 50. Overall (100 + 150) / 4 = 62.5.
    result = score(small, {"a1": "na", "a2": "trois", "b1": "zero", "b2": "trois"})
    assert result.section("a").score == pytest.approx(100)
    assert result.section("a").not_applicable == 1
    assert result.score == pytest.approx(62.5)
    assert result.not_applicable_share == pytest.approx(25)


def test_a_section_wholly_not_applicable_leaves_the_overall(small: Instrument) -> None:
    result = score(small, {"a1": "na", "a2": "na", "b1": "un", "b2": "un"})
    assert result.section("a").score is None
    assert result.section("a").level is None
    assert result.score == pytest.approx(100 / 3)


def test_overall_level_is_at_most_one_above_the_weakest_section(small: Instrument) -> None:
    # A: 0 → level 1; B: 100 → level 4. Overall (0 + 300) / 4 = 75 → level 3 by score, capped at 1 + 1 = 2.
    result = score(small, {"a1": "zero", "a2": "zero", "b1": "trois", "b2": "trois"})
    assert result.score == pytest.approx(75)
    assert result.level.rank == 2


@pytest.mark.parametrize(
    ("answers", "named"),
    [
        ({"a1": "un", "a2": "un", "b1": "un"}, "b2"),
        ({"a1": "un", "a2": "un", "b1": "un", "b2": "un", "zz": "un"}, "zz"),
        ({"a1": "un", "a2": "cinq", "b1": "un", "b2": "un"}, "cinq"),
        ({"a1": ["un"], "a2": "un", "b1": "un", "b2": "un"}, "a1"),
    ],
)
def test_bad_answers_are_refused_naming_them(small: Instrument, answers: dict, named: str) -> None:
    with pytest.raises(InputError, match=named):
        score(small, answers)


def _extreme(chosen: Instrument, highest: bool) -> dict[str, object]:
    answers: dict[str, object] = {}
    for item in chosen.items:
        if item.kind == MULTIPLE:
            answers[item.code] = [item.scale.options[0].code]
            continue
        scored = [o for o in item.scale.options if o.score is not None]
        pick = max if highest else min
        answers[item.code] = pick(scored, key=lambda o: o.score).code
    return answers


@pytest.mark.parametrize("code", ["territoire", "entreprise", "association"])
def test_all_lowest_answers_give_level_1_and_all_highest_level_4(code: str) -> None:
    chosen = instrument(code)
    lowest = score(chosen, _extreme(chosen, highest=False))
    assert lowest.score == 0
    assert lowest.level.rank == 1
    assert all(s.level.rank == 1 for s in lowest.sections)
    highest = score(chosen, _extreme(chosen, highest=True))
    assert highest.score == pytest.approx(100)
    assert highest.level.rank == 4


def test_entreprise_hand_computed() -> None:
    """Every scored answer at « 1 » of 0-3, except « partenariat » at « oui » (3 of 3):
    sections at 1/3; « pratiques partenariales » (6 items) at (3 + 5) / 18 = 44.4, weight 1.5.
    Overall = (4 × 33.33 + 1.5 × 44.44) / 5.5 = 36.36 → level 2 (35 to 60)."""
    chosen = instrument("entreprise")
    answers: dict[str, object] = {}
    for item in chosen.items:
        answers[item.code] = ["emploi"] if item.kind == MULTIPLE else item.scale.options[1].code
    answers["partenariat"] = "oui"
    result = score(chosen, answers)
    assert result.section("pratiques_partenariales").score == pytest.approx(800 / 18)
    assert result.section("politique_rse").score == pytest.approx(100 / 3)
    assert result.score == pytest.approx((4 * 100 / 3 + 1.5 * 800 / 18) / 5.5)
    assert result.level.rank == 2


def test_the_packaged_instruments_have_the_size_they_need() -> None:
    for chosen in instruments():
        scored = [i for i in chosen.items if i.scored]
        assert 4 <= len(chosen.sections) <= 6, chosen.code
        assert 20 <= len(scored) <= 40, chosen.code
        assert [level.rank for level in chosen.levels] == [1, 2, 3, 4]
        assert {rule.section for rule in chosen.rules} == {s.code for s in chosen.sections}
