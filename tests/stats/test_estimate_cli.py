"""The ``observatoire estimate`` contract: exact columns, formats, and French errors with exit code 2."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from observatoire.cli import main
from observatoire.stats.command import CLI_COLUMNS, parse_proportion, parse_top_box
from observatoire.stats.design import Design
from observatoire.stats.table import Statistic, estimate

GOLDEN = json.loads((Path(__file__).parent / "golden" / "golden.json").read_text())


@pytest.fixture
def api_csv(tmp_path) -> Path:
    df = pd.read_csv(Path(__file__).parent / "golden" / "apistrat.csv")
    df["note"] = (df["meals"] // 10).clip(1, 10)
    df.loc[[3, 7], "note"] = np.nan
    path = tmp_path / "api.csv"
    df.to_csv(path, index=False)
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_csv_output_has_exactly_the_contract_columns_and_r_values(api_csv):
    result = run(
        "estimate",
        str(api_csv),
        "--weight",
        "pw",
        "--strata",
        "stype",
        "--fpc",
        "fpc",
        "--by",
        "stype",
        "--mean",
        "api00",
        "--proportion",
        "note=3",
        "--top-box",
        "note=8-10",
    )
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.output), keep_default_na=False, na_values=[""])
    assert list(table.columns) == CLI_COLUMNS
    assert table["group"].tolist() == ["E", "H", "M", "ensemble"] * 3
    assert table["variable"].tolist()[::4] == ["api00", "note=3", "note=8-10"]
    assert table["statistic"].tolist()[::4] == ["mean", "proportion", "top_box"]
    means = table[table["variable"] == "api00"]
    np.testing.assert_allclose(means["estimate"][:3], [float(v) for v in GOLDEN["strat.api00.by_stype_mean"]])
    np.testing.assert_allclose(means["se"][:3], [float(v) for v in GOLDEN["strat.api00.by_stype_se"]])
    assert means["estimate"].iloc[3] == pytest.approx(float(GOLDEN["strat.api00.mean"][0]), rel=1e-12)
    assert (table["n"][table["variable"] != "api00"].iloc[[3, 7]] == 198).all()  # two without an answer
    assert (table["ci_low"] < table["estimate"]).all()


def test_compare_to_rest_adds_the_test_columns(api_csv):
    result = run(
        "estimate",
        str(api_csv),
        "--weight",
        "pw",
        "--strata",
        "stype",
        "--by",
        "stype",
        "--mean",
        "api00",
        "--compare-to-rest",
    )
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.output), keep_default_na=False, na_values=[""])
    assert list(table.columns) == [*CLI_COLUMNS, "diff", "t", "p_value", "flag"]
    assert table["flag"].fillna("").tolist() == ["+", "-", "", ""]
    assert np.isnan(table["diff"].iloc[3])


def test_json_output(api_csv):
    result = run("estimate", str(api_csv), "--weight", "pw", "--mean", "api00", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert len(records) == 1
    assert records[0]["group"] == "ensemble"
    assert set(records[0]) == set(CLI_COLUMNS)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mean", "absent"], "la colonne « absent » n’existe pas"),
        (["--mean", "api00", "--by", "region"], "la colonne « region » n’existe pas"),
        (["--mean", "stype"], "« stype » doit être numérique, mais contient du texte aux observations 1, 2"),
        (["--top-box", "note=10-8"], "plage « 10-8 » invalide"),
        (["--proportion", "note"], "« note » invalide : écrivez VARIABLE=VALEUR"),
        (["--proportion", "stype=X"], "la valeur « X » n’existe pas dans la colonne « stype »"),
        ([], "aucune statistique demandée"),
        (["--mean", "api00", "--level", "95"], "strictement entre 0 et 1"),
    ],
)
def test_bad_requests_get_one_french_line_and_exit_code_2(api_csv, args, message):
    result = run("estimate", str(api_csv), "--weight", "pw", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_bad_weights_and_lonely_psu_are_reported(tmp_path):
    df = pd.DataFrame({"w": [1.0, -1.0, 2.0, 1.0], "st": ["a", "a", "b", "c"], "y": [1, 2, 3, 4]})
    path = tmp_path / "d.csv"
    df.to_csv(path, index=False)
    result = run("estimate", str(path), "--weight", "w", "--mean", "y")
    assert result.exit_code == 2
    assert "nulles ou négatives aux observations 2 " in result.output
    df["w"] = 1.0
    df.to_csv(path, index=False)
    result = run("estimate", str(path), "--weight", "w", "--strata", "st", "--mean", "y")
    assert result.exit_code == 2
    assert "la strate « b » n’a qu’une seule unité primaire" in result.output
    result = run(
        "estimate", str(path), "--weight", "w", "--strata", "st", "--mean", "y", "--lonely-psu", "certainty"
    )
    assert result.exit_code == 0, result.output


def test_specs_are_parsed():
    assert parse_proportion("q3=2") == Statistic.proportion("q3", 2.0)
    assert parse_proportion("secteur=BTP") == Statistic.proportion("secteur", "BTP")
    assert parse_top_box(" q1 = 8 - 10 ") == Statistic.top_box("q1", 8.0, 10.0)
    assert parse_top_box("q1=7,5-10").low == 7.5


def test_t_interval_is_wider_than_the_normal_one():
    df = pd.read_csv(Path(__file__).parent / "golden" / "apiclus1.csv")
    design = Design.from_frame(df, weights="pw", psu="dnum", fpc="fpc")  # 15 PSUs: 14 df
    normal = estimate(df, design, [Statistic.mean("api00")])
    student = estimate(df, design, [Statistic.mean("api00")], ci="t")
    assert student["ci_high"][0] - student["ci_low"][0] > normal["ci_high"][0] - normal["ci_low"][0]
    assert student["se"][0] == normal["se"][0]


def test_parquet_with_nullable_items_takes_the_fast_path_with_the_same_numbers(tmp_path):
    rng = np.random.default_rng(4)
    n = 400
    df = pd.DataFrame(
        {
            "region": pd.Categorical(rng.choice(["Nord", "Sud", "Ouest"], n)),
            "poids": rng.uniform(0.5, 3.0, n),
            "q1": pd.array(rng.integers(1, 11, n), dtype="Int8"),
        }
    )
    df.loc[rng.random(n) < 0.05, "q1"] = pd.NA
    path = tmp_path / "vague.parquet"
    df.to_parquet(path)
    result = run(
        "estimate",
        str(path),
        "--weight",
        "poids",
        "--strata",
        "region",
        "--by",
        "region",
        "--mean",
        "q1",
        "--top-box",
        "q1=8-10",
        "--compare-to-rest",
    )
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.output), keep_default_na=False, na_values=[""])
    design = Design.from_frame(df, weights="poids", strata="region")
    stats = [Statistic.mean("q1"), Statistic.top_box("q1", 8, 10)]
    general = estimate(
        df.assign(q1=df["q1"].astype(float)),
        design,
        stats,
        by="region",
        compare_to_rest=True,
        fast_path=False,
    )
    np.testing.assert_allclose(
        table[["estimate", "se", "deff", "t"]], general[["estimate", "se", "deff", "t"]], rtol=1e-9
    )
    assert table["n"].tolist() == general["n"].tolist()
