"""The published figures as the demo reads them: packaged copy, mapping, values chosen for lost ones."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest

from observatoire.demo import published_targets
from observatoire.demo.targets import CHOSEN
from observatoire.reference import vocabulary

SHARED = Path(__file__).resolve().parents[3] / "shared" / "reference"


@pytest.mark.parametrize("name", ["published_figures.csv", "paca_cooperation_priorities.csv"])
def test_packaged_copy_is_the_shared_reference(name: str) -> None:
    if not (SHARED / name).is_file():
        pytest.skip("the published reference figures (shared/reference) are absent (installed package)")
    packaged = resources.files("observatoire.demo").joinpath("data", name).read_bytes()
    assert packaged == (SHARED / name).read_bytes()


def test_every_readable_value_of_the_reference_is_a_target() -> None:
    text = resources.files("observatoire.demo").joinpath("data", "published_figures.csv").read_text("utf-8")
    expected = 0
    for row in csv.DictReader(text.splitlines()):
        values = [v for v in row["value"].split(";") if v]
        territories = row["territory"].split(";")
        expected += len(values) if len(territories) == 1 else len(territories)
    expected += 3  # the mayors' « prioritaire » figures read in a note
    targets = published_targets()
    readable = targets[targets["readable"] & (targets["study"] != "")]
    priorities = readable[readable["question"] == "COOP"]
    assert len(readable) - len(priorities) == expected
    assert len(priorities) == 16 + 13  # associations' 16 ranks, companies' 13 readable ones


def test_columns_and_tolerances() -> None:
    targets = published_targets()
    for column in (
        "study",
        "wave",
        "population",
        "question",
        "item",
        "territory_level",
        "territory",
        "statistic",
        "value",
        "tolerance",
    ):
        assert column in targets.columns
    tolerance = targets.groupby("statistic")["tolerance"].unique().to_dict()
    assert {k: list(v) for k, v in tolerance.items()} == {
        "mean": [0.05],
        "share": [0.5],
        "population": [0.05],
        "rank": [0.0],
    }
    assert set(targets["territory_level"]) == {"nation", "survey_region", "macro_region", "region"}
    assert set(targets["population"]) - {"territoire"} <= {p.code for p in vocabulary.populations()}


def test_emploi_figures_of_the_publications() -> None:
    targets = published_targets().set_index(["study", "wave", "variable", "territory"])
    assert targets.loc[("IMPACT-Citoyens", 2019, "q1_emploi", "FR"), "value"] == 6.4
    assert targets.loc[("IMPACT-Citoyens", 2019, "q1_emploi", "PACA"), "value"] == 6.6
    assert targets.loc[("PHARE-Citoyens", 2015, "q1_emploi", "FR"), "value"] == 7.1


def test_chosen_values_keep_the_order_of_the_citizens_table() -> None:
    targets = published_targets()
    fr = targets[
        (targets["study"] == "IMPACT-Citoyens")
        & (targets["question"] == "Q1")
        & (targets["territory"] == "FR")
    ]
    means = dict(zip(fr["item"], fr["value"], strict=True))
    assert len(means) == 16
    assert means["transition_energetique"] >= means["pauvrete"] >= means["vieillissement"] >= means["sante"]
    assert means["education"] >= means["mal_logement"] >= means["isolement"] >= means["diversite_handicap"]
    assert means["diversite_handicap"] >= means["numerique"]
    chosen = fr[~fr["readable"]]
    assert set(chosen["item"]) == {
        "pauvrete",
        "vieillissement",
        "mal_logement",
        "isolement",
        "diversite_handicap",
    }
    assert all(note.startswith("valeur choisie") for note in chosen["note"])


def test_cooperation_ranks_are_permutations() -> None:
    targets = published_targets()
    for study in ("IMPACT-Associations", "IMPACT-Entreprises"):
        ranks = targets[(targets["study"] == study) & (targets["question"] == "COOP")]
        assert sorted(ranks["value"]) == list(range(1, 17)), study
        assert set(ranks["item"]) == set(vocabulary.domain_codes())


def test_every_chosen_value_is_used() -> None:
    targets = published_targets()
    used = set(
        zip(
            targets.loc[~targets["readable"], "study"],
            targets.loc[~targets["readable"], "variable"],
            strict=True,
        )
    )
    assert used == set(CHOSEN)


def test_every_rule_of_the_figure_table_is_the_first_to_map_some_figure() -> None:
    from observatoire.demo.targets import _expand, _mapping, _rows

    rules = _mapping().rule
    used = {
        next(i for i, rule in enumerate(rules) if rule.applies(row, item))
        for row in _rows("published_figures.csv")
        for item, _, _ in _expand(row)
    }
    assert used == set(range(len(rules)))


def test_a_misspelt_field_of_the_figure_table_is_refused() -> None:
    import pydantic

    from observatoire.demo.targets import _Rule

    rule = {"question": "Q1 ", "target": {"study": "S", "wave": 2019, "population": "p", "question": "Q1"}}
    with pytest.raises(pydantic.ValidationError, match="variable"):
        _Rule.model_validate(rule)
    rule["target"] |= {"variable": "q1_{item}", "statistc": "mean"}
    with pytest.raises(pydantic.ValidationError, match="statistc"):
        _Rule.model_validate(rule)
