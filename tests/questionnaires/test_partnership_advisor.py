"""The partnership advisor's rules (reference/data/advisor/partenariats.toml) and its ranking."""

from __future__ import annotations

import pytest

from observatoire.errors import InputError
from observatoire.questionnaires.partnership_advisor import advise, parse_rules, rules


def test_innover_puts_innovation_societale_first() -> None:
    advice = advise({"motivations": ["innover"]})
    assert advice.categories[0].category.code == "innovation_societale"
    assert advice.models[0].model.category.code == "innovation_societale"
    assert "innover" in advice.models[0].reason


def test_enjeux_collectifs_puts_mecenat_first_and_performance_cooperation() -> None:
    assert advise({"motivations": ["enjeux_collectifs"]}).categories[0].category.code == "mecenat"
    assert advise({"motivations": ["performance"]}).categories[0].category.code == "cooperation_economique"


def test_a_finer_objective_ranks_its_model_first_within_the_category() -> None:
    advice = advise({"motivations": ["innover"], "objectives": ["changer_echelle"]})
    assert advice.models[0].model.code == "modele_hybride"
    assert advice.models[0].points == 5 + 3
    # the reason is the answer weighing most for that model (the motivation, 5 points)
    assert advice.models[0].reason.startswith("Vous voulez innover")


def test_ties_follow_the_typology_order_and_no_answer_ranks_nothing() -> None:
    assert advise({}).models == ()
    advice = advise({"motivations": ["innover"]})
    assert [m.model.code for m in advice.models] == ["rd_sociale", "partage_expertise", "modele_hybride"]


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        ({"motivation": ["innover"]}, "question « motivation » inconnue"),
        ({"motivations": ["gagner"]}, "réponse « gagner » inconnue"),
        ({"actor": ["association", "entreprise"]}, "une seule réponse"),
    ],
)
def test_bad_answers_are_refused_in_french(answers: dict[str, list[str]], said: str) -> None:
    with pytest.raises(InputError, match=said):
        advise(answers)


def test_every_packaged_answer_weighs_something() -> None:
    for question in rules().questions:
        for option in question.options:
            assert option.models or option.categories, (question.code, option.code)


def test_a_rule_naming_an_unknown_model_is_refused_with_file_and_line() -> None:
    text = """version = 1

[[questions]]
code = "motivations"
label = "Ce que vous cherchez"
kind = "multiple"

[[questions.options]]
code = "innover"
label = "Innover"
reason = "pour innover"
models = { rd_socialle = 2 }
"""
    with pytest.raises(InputError) as caught:
        parse_rules(text, "essai.toml")
    message = str(caught.value)
    assert "essai.toml" in message
    assert "ligne 8" in message
    assert "rd_socialle" in message
