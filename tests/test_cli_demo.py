"""``observatoire demo --build-only`` end to end in a fresh workspace, then the open-data export checked
against every published figure the demo reproduces (the demo's acceptance figures)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from observatoire.demo import published_targets
from observatoire.diagnosis.build_plan import plan_wave
from observatoire.diagnosis.build_summary import summary_lines
from observatoire.diagnosis.export import CSV_OPTIONS
from observatoire.diagnosis.store import ResultsStore
from observatoire.surveys import read_wave
from observatoire.workspace import Workspace

pytestmark = pytest.mark.slow


def _observatoire(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["OBSERVATOIRE_HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-m", "observatoire", *args], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess, pd.DataFrame]:
    home = tmp_path_factory.mktemp("observatoire-data")
    built = _observatoire(home, "demo", "--build-only")
    _observatoire(home, "export", str(home / "resultats.csv"))
    read = {key: value for key, value in CSV_OPTIONS.items() if key in ("sep", "decimal", "encoding")}
    text = dict.fromkeys(("study", "population", "question", "item", "territory", "group", "flag"), str)
    export = pd.read_csv(home / "resultats.csv", keep_default_na=False, na_values=[""], dtype=text, **read)
    export["suppressed"] = export["suppressed"].astype(str).str.lower() == "true"
    return home, built, export


def _figure(export: pd.DataFrame, **where) -> pd.Series:
    found = export
    for column, value in where.items():
        found = found[found[column].isna()] if value is None else found[found[column] == value]
    assert len(found) == 1, where
    return found.iloc[0]


def test_demo_build_only_publishes_a_synthetic_build(demo):
    _, built, export = demo
    assert "Construction n° 1 publiée" in built.stdout
    assert "Résultats publiés" not in built.stdout  # --build-only: no summary
    assert (export["source"] == "synthétique").all()
    assert len(export) > 50_000
    assert export["suppressed"].any()
    assert export.loc[export["suppressed"], "estimate"].isna().all()


def test_the_acceptance_figures(demo):
    """Citizens 2019 emploi: FR 6.4 (± 0.05), PACA 6.6 and flagged higher; 2015 FR 7.1."""
    _, _, export = demo
    emploi = export[(export["item"] == "emploi") & (export["statistic"] == "mean")]
    emploi = emploi[(emploi["question"] == "Q1") & (emploi["group"] == "ensemble")]
    fr_2019 = _figure(emploi, study="IMPACT-Citoyens", wave=2019, territory="FR")
    paca = _figure(emploi, study="IMPACT-Citoyens", wave=2019, territory="PACA")
    fr_2015 = _figure(emploi, study="PHARE-Citoyens", wave=2015, territory="FR")
    assert fr_2019["estimate"] == pytest.approx(6.4, abs=0.05)
    assert paca["estimate"] == pytest.approx(6.6, abs=0.05)
    assert paca["territory_level"] == "survey_region"
    assert paca["flag"] == "+"
    assert fr_2015["estimate"] == pytest.approx(7.1, abs=0.05)
    assert 0 < fr_2019["se"] < 0.1
    assert fr_2019["ci_low"] < fr_2019["estimate"] < fr_2019["ci_high"]


def _items(home: Path) -> dict[tuple[str, str], object]:
    """(study, variable) -> the measure the build made of it (to name the export's items)."""
    workspace = Workspace.from_env(home)
    found = {}
    for study, wave in {(s, w) for s, w in published_targets()[["study", "wave"]].itertuples(index=False)}:
        if study == "indices":
            continue
        _, codebook, _ = read_wave(workspace, study, wave)
        for measure in plan_wave(codebook).measures:
            found[(study, measure.variable)] = measure
    return found


def _group(target) -> str:
    return "ensemble" if not target.group_variable else f"{target.group_variable}={target.group}"


def _shares(export: pd.DataFrame, target, measure, codes: list[str]) -> float:
    where = (export["study"] == target.study) & (export["wave"] == target.wave)
    where &= (export["territory"] == target.territory) & (export["group"] == _group(target))
    where &= (export["statistic"] == "share") & (export["question"] == measure.question)
    found = export[where].set_index("item")["estimate"]
    return float(sum(found[measure.share_item(int(code))] for code in codes))


def _estimate(export: pd.DataFrame, target, items) -> float:
    where = {"wave": target.wave, "territory_level": target.territory_level, "territory": target.territory}
    if target.study == "indices":  # the order of the territory's domains by objective index
        index = export[(export["question"] == "indice_objectif") & (export["statistic"] == "index")]
        index = index[(index["territory"] == target.territory) & (index["wave"] == target.wave)]
        index = index[index["territory_level"] == target.territory_level]
        ordered = list(index.sort_values("estimate", ascending=False)["item"])
        return float(ordered.index(target.item) + 1)
    if target.statistic == "population":
        row = _figure(
            export, study=target.study, question="base", group="ensemble", statistic="weighted_base", **where
        )
        return row["estimate"] / 1e6
    measure = items[(target.study, target.variable)]
    if target.statistic == "mean":
        return _figure(
            export, study=target.study, question=measure.question, item=measure.item, group=_group(target),
            statistic="mean", **where,
        )["estimate"]  # fmt: skip
    if target.statistic == "share":
        return _shares(export, target, measure, target.codes.split(";"))
    assert target.statistic == "rank", target  # cooperation priorities: the build's domain ranks
    ranks = export[(export["question"] == measure.question) & (export["statistic"] == "rank")]
    return _figure(ranks, study=target.study, item=target.item, group=_group(target), **where)["estimate"]


def test_every_published_figure_is_in_the_export(demo):
    home, _, export = demo
    items = _items(home)
    targets = published_targets()
    misses = []
    for target in targets.itertuples(index=False):
        value = _estimate(export, target, items)
        if abs(value - target.value) > target.tolerance + 1e-9:
            misses.append(f"{target.study} {target.variable} {target.territory} {target.statistic}: {value}")
    assert targets["readable"].sum() > 60
    assert not misses, "\n".join(misses)


def test_the_paca_diagnosis(demo):
    """PACA citizens' first priorities are the four of « Un outil collectif de données »; numerique is
    objectively fragile but under-perceived."""
    home, _, _ = demo
    with ResultsStore.from_workspace(Workspace.from_env(home)) as store:
        ranks = store.query(
            study="IMPACT-Citoyens", question="Q1", statistic="rank", territory="PACA", group="ensemble"
        )
        gaps = store.query(study="IMPACT-Citoyens", statistic="gap", territory_level="region", territory="93")
    first = {row.item for row in ranks.itertuples() if row.extra["tier"] == "premieres"}
    assert first == {"emploi", "niveau_de_vie", "pauvrete", "vieillissement"}
    classes = {row.item: row.extra["class"] for row in gaps.itertuples()}
    assert len(classes) == 16
    assert classes["numerique"] == "fragile_sous_percu"
    assert classes["emploi"] == "percu_non_fragile"


def test_the_summary_printed_after_the_build(demo):
    """What ``observatoire demo`` prints without --build-only: labelled synthetic, France and PACA."""
    home, _, _ = demo
    with ResultsStore.from_workspace(Workspace.from_env(home)) as store:
        lines = summary_lines(store)
    text = "\n".join(lines)
    assert lines[0].startswith("Données synthétiques")
    france = next(line for line in lines if line.strip().startswith("France : Emploi"))
    assert france.strip().startswith("France : Emploi 6,4 ± 0,")
    paca = next(line for line in lines if line.strip().startswith("Provence-Alpes-Côte d'Azur et Corse :"))
    assert "Emploi 6,6 ± 0," in paca
    assert "(+)" in paca
    assert "Devoir d'alliance" in text
    assert text.count(" % ± ") >= 6  # three headline shares, France and PACA
