"""`observatoire rake`: margin files, atomic output, French summary and errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from observatoire.cli import main
from observatoire.stats.weighting import parse_bounds, parse_margin_spec

from ._api_golden import golden


def _write_api(tmp_path: Path) -> Path:
    from ._api_golden import api

    data = api("apiclus1")[["dnum", "stype", "sch_wide", "pw", "api00"]]
    path = tmp_path / "api.csv"
    data.to_csv(path, index=False)
    (tmp_path / "stype.csv").write_text("stype,Freq\nE,4421\nH,755\nM,1018\n")
    (tmp_path / "schwide.csv").write_text("modalite,effectif\nNo,1072\nYes,5122\n")
    return path


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_rake_command_writes_r_weights_and_prints_a_summary(tmp_path):
    data = _write_api(tmp_path)
    out = tmp_path / "out" / "raked.parquet"
    result = _run(
        "rake", str(data), "--weight", "pw", "--margin", f"stype={tmp_path / 'stype.csv'}",
        "--margin", f"sch_wide={tmp_path / 'schwide.csv'}", "--out", str(out), "--maxit", "10",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = pd.read_parquet(out)
    expected = golden()["calibration"]["rake_stype_schwide"]["weights"]
    np.testing.assert_allclose(written["pw_cal"], expected, rtol=1e-9)
    np.testing.assert_array_equal(written["pw"], pd.read_csv(data)["pw"])
    assert "Redressement terminé en" in result.output
    assert "pw_cal" in result.output
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind


def test_rake_command_with_bounds_and_weight_name(tmp_path):
    data = _write_api(tmp_path)
    out = tmp_path / "raked.parquet"
    result = _run(
        "rake", str(data), "--weight", "pw", "--margin", f"stype={tmp_path / 'stype.csv'}",
        "--margin", f"sch_wide={tmp_path / 'schwide.csv'}", "--out", str(out), "--bounds", "0.7,1.7",
        "--weight-out", "poids_redresse",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = pd.read_parquet(out)
    expected = golden()["calibration"]["raking_calfun_bounded"]["weights"]
    np.testing.assert_allclose(written["poids_redresse"], expected, rtol=1e-9)
    assert (written["poids_redresse"] / written["pw"]).max() <= 1.7 + 1e-9
    assert "pw_cal" not in written


def test_rake_command_names_the_missing_category_in_french(tmp_path):
    data = _write_api(tmp_path)
    (tmp_path / "stype.csv").write_text("stype,Freq\nE,4421\nH,755\n")
    result = _run(
        "rake", str(data), "--weight", "pw", "--margin", f"stype={tmp_path / 'stype.csv'}",
        "--out", str(tmp_path / "x.parquet"),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "« M »" in result.output
    assert "absente(s) de la marge" in result.output
    assert not (tmp_path / "x.parquet").exists()


def test_rake_command_reports_non_convergence(tmp_path):
    data = _write_api(tmp_path)
    result = _run(
        "rake", str(data), "--weight", "pw", "--margin", f"stype={tmp_path / 'stype.csv'}",
        "--margin", f"sch_wide={tmp_path / 'schwide.csv'}", "--out", str(tmp_path / "x.parquet"),
        "--maxit", "1", "--epsilon", "1e-9",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "n’a pas convergé en 1 itérations" in result.output
    assert "--maxit" in result.output


def test_rake_help_documents_the_margin_file_format():
    result = _run("rake", "--help")
    assert result.exit_code == 0
    assert "Fichier de marge" in result.output
    assert "sexe,effectif" in result.output


@pytest.mark.parametrize(
    ("spec", "expected"),
    [("0.3,3", (0.3, 3.0)), ("0,3;3", (0.3, 3.0)), (None, None)],
)
def test_parse_bounds(spec, expected):
    assert parse_bounds(spec) == expected


@pytest.mark.parametrize("spec", ["0.3", "a,b", "1,2,3"])
def test_parse_bounds_rejects_garbage(spec):
    with pytest.raises(Exception, match="BASSE,HAUTE"):
        parse_bounds(spec)


def test_parse_margin_spec():
    assert parse_margin_spec("region=m.csv") == (("region",), "m.csv")
    assert parse_margin_spec("region+sexe=m.csv") == (("region", "sexe"), "m.csv")
    with pytest.raises(Exception, match="COLONNE=FICHIER"):
        parse_margin_spec("region")


def test_rake_command_unknown_weight_column(tmp_path):
    data = _write_api(tmp_path)
    result = _run(
        "rake", str(data), "--weight", "poids", "--margin", f"stype={tmp_path / 'stype.csv'}",
        "--out", str(tmp_path / "x.parquet"),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "« poids » n’existe pas" in result.output


def test_rake_command_margin_file_with_extra_columns_names_the_file(tmp_path):
    data = _write_api(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("stype,Freq,commentaire\nE,4421,x\nH,755,y\nM,1018,z\n")
    result = _run(
        "rake", str(data), "--weight", "pw", "--margin", f"stype={bad}", "--out", str(tmp_path / "x.parquet"),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "bad.csv" in result.output
    assert "une seule colonne d’effectifs" in result.output


def test_rake_command_joint_margin_equals_r_post_stratification(tmp_path):
    data = _write_api(tmp_path)
    joint = tmp_path / "joint.csv"
    joint.write_text(
        "stype,sch_wide,effectif\nE,No,472\nH,No,334\nM,No,266\nE,Yes,3949\nH,Yes,421\nM,Yes,752\n"
    )
    out = tmp_path / "joint.parquet"
    result = _run(
        "rake", str(data), "--weight", "pw", "--margin", f"stype+sch_wide={joint}", "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    expected = golden()["calibration"]["poststratify_joint"]["weights"]
    np.testing.assert_allclose(pd.read_parquet(out)["pw_cal"], expected, rtol=1e-9)
