"""« Pour agir »: the same answer for the territory page and the report, from priorities and records."""

from __future__ import annotations

from observatoire.recommend import CASE, CATALYST, TOOL, Record
from observatoire.recommend.action import for_action
from observatoire.recommend.priorities import Priorities
from observatoire.reference import territories

PACA = territories.territory("93", "region")
RECORDS = (
    Record(
        CASE, "near", "Près", territories=("commune:13055",), domains=("emploi",), levers=("faire_alliance",)
    ),
    Record(CASE, "far", "Loin", territories=("departement:59",), domains=("emploi",)),
    Record(CASE, "other", "Autre domaine", territories=("commune:13055",), domains=("culture_loisirs",)),
    Record(CATALYST, "cat", "Catalyseur", territories=("departement:13",)),
    Record(TOOL, "tool", "Outil d'alliance", levers=("faire_alliance",)),
    Record(TOOL, "unrelated", "Outil d'évaluation", levers=("evaluer_pertinence",)),
)


def test_cases_answer_the_priorities_nearest_first_and_tools_follow_their_levers():
    found = for_action(RECORDS, PACA, Priorities(("emploi",), (), PACA))
    assert [m.record.key for m in found.cases] == ["near", "far"]
    assert [m.record.key for m in found.catalysts] == ["cat"]
    assert [m.record.key for m in found.tools] == ["tool"]
    assert found.priority_labels == ["Emploi / chômage / insertion"]
    assert len(found.matches) == 4


def test_without_priorities_every_case_near_the_place_is_offered():
    found = for_action(RECORDS, PACA, Priorities((), (), PACA))
    assert {m.record.key for m in found.cases} == {"near", "far", "other"}
    assert [m.record.key for m in found.tools] == ["tool"]  # the levers of the cases shown
