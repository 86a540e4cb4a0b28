"""A build is synthetic when any of its inputs is, and says so wherever its figures are shown."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from observatoire.demo.indicators import write_indicators
from observatoire.diagnosis.build import run_build
from observatoire.diagnosis.build_summary import summary_lines
from observatoire.diagnosis.store import ResultsStore
from observatoire.messages import t
from observatoire.surveys import import_wave
from observatoire.workspace import Workspace

CODEBOOK = (
    "variable;type;label;question;item;domain;min;max;values;missing;level\n"
    "ident;id;Identifiant;;;;;;;;\n"
    "reg;region;Région de résidence;;;;;;;;region\n"
    "q1_emploi;rating;Fragilité : emploi;Q1;;emploi;1;10;;;\n"
    "poids;weight;Poids;;;;;;;;\n"
)


def _import_real_wave(workspace: Workspace, folder) -> None:
    rng = np.random.default_rng(3)
    region = np.repeat(["11", "84", "93"], 60)
    frame = pd.DataFrame(
        {
            "ident": range(len(region)),
            "reg": region,
            "q1_emploi": rng.integers(1, 11, len(region)),
            "poids": rng.uniform(0.5, 2.0, len(region)).round(3),
        }
    )
    frame.to_csv(folder / "citoyens.csv", sep=";", index=False)
    (folder / "codes.csv").write_text(CODEBOOK, encoding="utf-8")
    import_wave(folder / "citoyens.csv", folder / "codes.csv", workspace, "IMPACT-Citoyens", 2019, "citoyens")


@pytest.fixture
def workspace(tmp_path) -> Workspace:
    workspace = Workspace(tmp_path / "ws", f"sqlite:///{tmp_path / 'ws' / 'r.sqlite3'}").ensure()
    _import_real_wave(workspace, tmp_path)
    return workspace


def test_real_surveys_alone_are_not_synthetic(workspace):
    info = run_build(workspace).build
    assert not info.synthetic
    with ResultsStore.from_workspace(workspace) as store:
        assert t("synthetic.label") not in summary_lines(store, "93")


def test_real_surveys_with_synthetic_indicators_are_synthetic(workspace):
    write_indicators(workspace.indicators_dir, seed=1)
    info = run_build(workspace, n_draws=20).build
    assert info.source == t("build.source.surveys")  # the source names the surveys, not the demo
    assert info.synthetic
    with ResultsStore.from_workspace(workspace) as store:
        assert store.current_build().synthetic
        assert summary_lines(store, "93")[0] == t("synthetic.label")
