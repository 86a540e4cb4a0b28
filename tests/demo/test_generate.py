"""The generated demo: imported waves, sizes, every published figure re-estimated by observatoire.stats."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from observatoire.demo import DemoManifest, published_targets
from observatoire.stats.design import Design
from observatoire.stats.table import Statistic, estimate
from observatoire.surveys import Kind, list_waves, read_wave
from observatoire.workspace import Workspace

pytestmark = pytest.mark.slow

_LEVEL_COLUMN = {"nation": None, "survey_region": "survey_region", "macro_region": "macro_region"}


def _statistic(row: pd.Series) -> Statistic:
    if row["statistic"] == "mean":
        return Statistic.mean(row["variable"])
    if row["statistic"] == "population":
        return Statistic.total("un")
    codes = [int(c) for c in row["codes"].split(";")]
    if codes != list(range(codes[0], codes[-1] + 1)):  # pragma: no cover - every published set is a range
        raise AssertionError(codes)
    return (
        Statistic.proportion(row["variable"], codes[0])
        if len(codes) == 1
        else Statistic.top_box(row["variable"], codes[0], codes[-1])
    )


def _estimates(workspace: Workspace, study: str, wave: int, rows: pd.DataFrame) -> list[float]:
    data, _, _ = read_wave(workspace, study, wave)
    data["un"] = 1.0
    design = Design.from_frame(data, weights="poids", strata="strate", lonely_psu="adjust")
    out = []
    for _, row in rows.iterrows():
        frame, rows_design = data, design
        if row["group_variable"]:  # a subgroup figure: domain estimation within the subgroup
            by = row["group_variable"]
            key = row["group"] if row["territory_level"] == "nation" else None
            if key is None:
                frame = data.assign(cell=data[by].astype(str) + "|" + data["macro_region"].astype(str))
                by, key = "cell", f"{row['group']}|{row['territory']}"
        else:
            by = _LEVEL_COLUMN[row["territory_level"]]
            key = row["territory"] if by else "ensemble"
        if row["statistic"] == "rank":
            items = [c for c in data.columns if c.startswith("coop_")]
            table = estimate(frame, rows_design, [Statistic.proportion(c, 1) for c in items], by=by)
            table = table[table["group"] == key].set_index("variable")["estimate"]
            order = list(table.sort_values(ascending=False).index)
            out.append(float(order.index(row["variable"]) + 1))
            continue
        table = estimate(frame, rows_design, [_statistic(row)], by=by)
        value = float(table.loc[table["group"] == key, "estimate"].iloc[0])
        scale = {"mean": 1.0, "population": 1e-6, "share": 100.0}[row["statistic"]]
        out.append(value * scale)
    return out


def test_every_published_figure_is_met_with_the_stats_estimators(
    demo: DemoManifest, demo_workspace: Workspace
) -> None:
    targets = published_targets()
    survey = targets[targets["study"] != "indices"]
    misses = []
    for (study, wave), rows in survey.groupby(["study", "wave"]):
        for (_, row), value in zip(
            rows.iterrows(), _estimates(demo_workspace, study, int(wave), rows), strict=True
        ):
            if abs(value - row["value"]) > row["tolerance"] + 1e-9:
                misses.append(
                    f"{study} {wave} {row['variable']} {row['territory']}/{row['group']}: "
                    f"{value} vs {row['value']}"
                )
    assert misses == []
    assert demo.unmet == ()
    assert len(survey) == 145


def test_waves_are_imported_and_labelled_synthetic(demo: DemoManifest, demo_workspace: Workspace) -> None:
    imported = {(w.study, w.wave): w for w in list_waves(demo_workspace)}
    assert set(imported) == {(w.study, w.wave) for w in demo.waves}
    for wave in demo.waves:
        meta = imported[(wave.study, wave.wave)]
        assert meta.synthetic
        assert meta.n == wave.n
        assert meta.source_file == wave.data_file.name
        assert wave.codebook_file.is_file()
    formats = {w.data_file.suffix for w in demo.waves}
    assert formats == {".sav", ".csv"}
    assert (demo.root / "manifest.json").is_file()


def test_sample_sizes(demo: DemoManifest, demo_workspace: Workspace) -> None:
    sizes = {(w.study, w.wave): w.n for w in demo.waves}
    assert sizes[("IMPACT-Citoyens", 2019)] == 2400
    for study, wave in (("PHARE-Institutions", 2016), ("IMPACT-Elus locaux", 2020)):
        assert 300 <= sizes[(study, wave)] <= 1000
    citizens, _, _ = read_wave(demo_workspace, "IMPACT-Citoyens", 2019)
    assert (citizens["survey_region"] == "PACA").sum() >= 400
    assert set(citizens["region"]) >= {"93", "94", "11"}
    for study in ("IMPACT-Entreprises", "IMPACT-Associations"):
        data, _, _ = read_wave(demo_workspace, study, 2021)
        assert (data["survey_region"] == "PACA").sum() >= 200, study


def test_manifest_describes_what_to_estimate(demo: DemoManifest, demo_workspace: Workspace) -> None:
    wave = demo.wave("IMPACT-Citoyens", 2019)
    assert wave.ratings == tuple(wave.questions["Q1"])
    assert len(wave.ratings) == 16
    assert (wave.weight, wave.strata) == ("poids", "strate")
    assert wave.territories == ("region", "survey_region")
    assert wave.groups == ("sexe", "age", "pcs", "taille_commune")
    data, codebook, _ = read_wave(demo_workspace, wave.study, wave.wave)
    for name in wave.ratings:
        assert codebook[name].kind == Kind.RATING
        answered = data[name].dropna()
        assert answered.between(1, 10).all()
        assert 0 < data[name].isna().mean() < 0.03  # « ne sait pas » read back as missing
    for question, variables in wave.questions.items():
        assert all(codebook[v].question == question for v in variables)
    associations = demo.wave("PHARE-Associations", 2015)
    assert associations.territories == ("region", "survey_region", "macro_region")
    assert "employeur" in associations.groups


def test_citizen_weights_are_the_published_bases_and_raked_margins(demo_workspace: Workspace) -> None:
    data, _, _ = read_wave(demo_workspace, "IMPACT-Citoyens", 2019)
    by_region = data.groupby("region")["poids"].sum()
    assert by_region["93"] / by_region["94"] == pytest.approx(5218960 / 355486)
    share = data.groupby("sexe")["poids"].sum() / data["poids"].sum()
    assert share["F"] == pytest.approx(0.523)
    age = data.groupby("age")["poids"].sum() / data["poids"].sum()
    assert age["65+"] == pytest.approx(0.26)
    assert data["poids"].max() / data["poids"].min() < 25


def test_numerique_is_not_a_perceived_priority_in_paca(demo_workspace: Workspace) -> None:
    data, _, _ = read_wave(demo_workspace, "IMPACT-Citoyens", 2019)
    paca = data[data["survey_region"] == "PACA"]
    means = {
        c.removeprefix("q1_"): np.average(paca[c].dropna(), weights=paca.loc[paca[c].notna(), "poids"])
        for c in data.columns
        if c.startswith("q1_")
    }
    ranked = sorted(means, key=lambda d: -means[d])
    assert ranked[:2] == ["emploi", "niveau_de_vie"]
    assert set(ranked[2:4]) == {"pauvrete", "vieillissement"}  # 6.2 both
    assert ranked.index("numerique") >= 12
