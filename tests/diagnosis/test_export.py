"""Open-data export: exact columns in every format, French CSV dialect, atomic writes, the CLI command."""

from __future__ import annotations

import json
import os
import stat

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from observatoire.cli import main
from observatoire.diagnosis import export
from observatoire.diagnosis.export import export_results
from observatoire.diagnosis.schema import FIGURE_COLUMNS
from observatoire.diagnosis.store import ResultsStore
from observatoire.errors import InputError, StoreError

COLUMNS = [
    "study", "wave", "population", "question", "item", "territory_level", "territory", "group", "statistic",
    "estimate", "se", "ci_low", "ci_high", "n", "weighted_n", "flag", "suppressed", "source",
]  # fmt: skip


def _read(path):
    if path.suffix == ".csv":
        return pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", dtype={"territory": str})
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    return pd.read_excel(path, sheet_name="resultats", dtype={"territory": str})


@pytest.fixture
def published(store, make_figures):
    frame = make_figures(6).assign(n=[100, 29, 100, 100, 100, 100])
    with store.new_build("export", "synthétique", {"graine": 7}) as build:
        build.add(frame)
    return store


def test_the_columns_are_the_open_data_contract():
    assert list(FIGURE_COLUMNS) == COLUMNS


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_every_format_reads_back_with_the_exact_columns(published, tmp_path, suffix):
    path = tmp_path / "sous-dossier" / f"resultats{suffix}"
    done = export_results(published, path)
    assert (done.path, done.rows, done.build.label) == (path, 6, "export")
    back = _read(path)
    assert list(back.columns) == COLUMNS
    assert len(back) == 6
    assert back["estimate"].iloc[0] == pytest.approx(6.0)
    assert pd.isna(back["estimate"].iloc[1])  # n = 29: suppressed, no number
    assert back["suppressed"].tolist() == [False, True, False, False, False, False]
    assert back["territory"].tolist()[:3] == ["FR", "93", "11"]
    assert back["wave"].unique().tolist() == [2019]
    assert back["source"].unique().tolist() == ["synthétique"]
    assert list(tmp_path.joinpath("sous-dossier").iterdir()) == [path]  # no temporary file left


def test_csv_is_the_french_spreadsheet_dialect(published, tmp_path):
    path = tmp_path / "resultats.csv"
    export_results(published, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfstudy;wave;population;")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[1].split(";")[9:11] == ["6,0", "0,05"]
    assert lines[2].split(";")[9:14] == ["", "", "", "", "29"]
    assert lines[2].split(";")[16] == "true"


def test_the_file_is_readable_by_others_as_the_umask_says(published, tmp_path):
    path = tmp_path / "resultats.parquet"
    previous = os.umask(0o022)
    try:
        export_results(published, path)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_parquet_carries_the_build(published, tmp_path):
    path = tmp_path / "resultats.parquet"
    export_results(published, path)
    metadata = json.loads(pq.read_schema(path).metadata[b"observatoire"])
    assert metadata["label"] == "export"
    assert metadata["min_base"] == 30


def test_xlsx_documents_its_columns(published, tmp_path):
    path = tmp_path / "resultats.xlsx"
    export_results(published, path)
    columns = pd.read_excel(path, sheet_name="colonnes")
    assert columns["colonne"].tolist()[: len(COLUMNS)] == COLUMNS
    assert columns["description"].notna().iloc[: len(COLUMNS)].all()


def test_the_same_build_exports_the_same_bytes(published, tmp_path):
    for suffix in (".csv", ".parquet"):
        export_results(published, tmp_path / f"a{suffix}")
        export_results(published, tmp_path / f"b{suffix}")
        assert (tmp_path / f"a{suffix}").read_bytes() == (tmp_path / f"b{suffix}").read_bytes()


def test_unknown_extension_is_an_input_error(published, tmp_path):
    with pytest.raises(InputError, match=r"format d'export inconnu « \.json » : choisissez \.csv, \.parquet"):
        export_results(published, tmp_path / "exports" / "resultats.json")
    assert not (tmp_path / "exports").exists()


def test_a_failed_export_leaves_the_previous_file(published, tmp_path, monkeypatch):
    path = tmp_path / "exports" / "resultats.csv"
    export_results(published, path)
    before = path.read_bytes()

    def broken(frame, target, build):
        target.write_text("à moitié écrit")
        raise OSError("disque plein")

    monkeypatch.setitem(export.WRITERS, ".csv", broken)
    with pytest.raises(OSError, match="disque plein"):
        export_results(published, path)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["resultats.csv"]


def test_xlsx_refuses_more_rows_than_a_sheet_holds(published, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 5)
    with pytest.raises(InputError, match="limite d'une feuille Excel"):
        export_results(published, tmp_path / "resultats.xlsx")
    assert not (tmp_path / "resultats.xlsx").exists()


def test_nothing_to_export(url, tmp_path):
    with ResultsStore(url) as store, pytest.raises(StoreError, match="aucune construction publiée"):
        export_results(store, tmp_path / "resultats.csv")


def test_cli_export_uses_the_workspace(tmp_path, monkeypatch, make_figures):
    monkeypatch.setenv("OBSERVATOIRE_HOME", str(tmp_path / "espace"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    runner = CliRunner()
    missing = runner.invoke(main, ["export", str(tmp_path / "x.csv")])
    assert missing.exit_code == 2
    assert "aucune construction publiée" in missing.output
    assert not (tmp_path / "espace").exists()  # a refused export creates nothing

    (tmp_path / "espace").mkdir()
    database = f"sqlite:///{tmp_path / 'espace' / 'observatoire.sqlite3'}"
    with ResultsStore(database) as store, store.new_build("cli", "synthétique") as build:
        build.add(make_figures(3))
    out = tmp_path / "open-data.parquet"
    done = runner.invoke(main, ["export", str(out)])
    assert done.exit_code == 0, done.output
    assert "3 chiffres exportés" in done.output
    assert list(pd.read_parquet(out).columns) == COLUMNS
    wrong = runner.invoke(main, ["export", str(tmp_path / "x.ods")])
    assert wrong.exit_code == 2
    assert "format d'export inconnu" in wrong.output


def test_xlsx_cells_keep_their_types_and_text(store, make_figures, tmp_path):
    from openpyxl import load_workbook

    odd = make_figures(2).assign(item=["a & b <c> « é »", " espace "], n=[100, 10])
    with store.new_build("xlsx", "synthétique") as build:
        build.add(odd)
    path = tmp_path / "types.xlsx"
    export_results(store, path)
    workbook = load_workbook(path)  # the full reader: validates the package, not only the values
    sheet = workbook["resultats"]
    assert [cell.value for cell in sheet[1]] == COLUMNS
    first, second = sheet[2], sheet[3]
    assert first[4].value == "a & b <c> « é »"
    assert second[4].value == " espace "
    assert (first[1].value, first[13].value, first[16].value) == (2019, 100, False)
    assert first[9].value == pytest.approx(6.0)
    assert second[9].value is None  # suppressed: an empty cell, not a number
    assert second[16].value is True
    assert sheet.max_row == 3
    assert workbook.sheetnames == ["resultats", "colonnes"]
    workbook.close()
