"""Exports write only where they should, and their CSV never carries a live formula.

The workspace is a real one: a wave imported from tests/data/bad with a codebook whose question is a
``=HYPERLINK(...)`` formula, built into a results database named ``resultats.csv`` (the name that once
let an export overwrite it).
"""

from __future__ import annotations

import io
import os
import shutil

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from observatoire.cli import main
from observatoire.diagnosis.build import run_build
from observatoire.diagnosis.export import CSV_OPTIONS, write_open_data_csv
from observatoire.diagnosis.schema import FIGURE_COLUMNS
from observatoire.surveys import import_wave
from observatoire.web.api.responses import csv_bytes
from observatoire.workspace import Workspace

from ..conftest import tree_digest

FORMULA = '=HYPERLINK("http://exemple.org";"clic")'


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from ..conftest import BAD

    root = tmp_path_factory.mktemp("ws")
    workspace = Workspace(root, f"sqlite:///{root / 'resultats.csv'}").ensure()
    import_wave(BAD / "na_declared.csv", BAD / "formula_codebook.csv", workspace, "IMPACT-Citoyens", 2019,
                "citoyens")  # fmt: skip
    run_build(workspace)
    return workspace


@pytest.fixture
def workspace(built, tmp_path):
    """A fresh copy of the built workspace for each test."""
    root = tmp_path / "ws"
    shutil.copytree(built.root, root)
    return Workspace(root, f"sqlite:///{root / 'resultats.csv'}")


def export(workspace, target, *extra):
    env = {"OBSERVATOIRE_HOME": str(workspace.root), "DATABASE_URL": workspace.database_url}
    return CliRunner().invoke(main, ["export", str(target), *extra], env=env)


@pytest.mark.parametrize("force", [(), ("--force",)])
@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("microdata/IMPACT-Citoyens/2019/data.parquet", "un dossier que l'espace de travail gère"),
        ("microdata/nouveau.csv", "un dossier que l'espace de travail gère"),
        ("resultats.csv", "est la base de résultats de l'espace de travail"),
        ("lien.parquet", "un dossier que l'espace de travail gère"),  # a link into microdata/
    ],
)
def test_exports_into_the_workspace_own_files_are_refused_even_forced(workspace, target, words, force):
    os.symlink(workspace.microdata_dir / "IMPACT-Citoyens/2019/data.parquet", workspace.root / "lien.parquet")
    before = tree_digest(workspace.root)
    result = export(workspace, workspace.root / target, *force)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Erreur : export refusé : {workspace.root / target} ")
    assert words in result.output
    assert tree_digest(workspace.root) == before


def test_an_existing_file_that_is_not_an_export_needs_force(workspace, tmp_path):
    notes = tmp_path / "notes.csv"
    notes.write_text("mes notes;importantes\n", encoding="utf-8")
    before = tree_digest(workspace.root)
    result = export(workspace, notes)
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"Erreur : export refusé : {notes} existe et n'est pas un export de l'observatoire ; choisissez un "
        "autre nom, ou relancez avec --force pour le remplacer"
    )
    assert notes.read_text(encoding="utf-8") == "mes notes;importantes\n"
    assert tree_digest(workspace.root) == before
    assert export(workspace, notes, "--force").exit_code == 0
    assert notes.read_bytes().startswith(b"\xef\xbb\xbfstudy;")


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_an_export_of_ours_is_replaced_without_force(workspace, tmp_path, suffix):
    target = tmp_path / f"resultats{suffix}"
    assert export(workspace, target).exit_code == 0
    first = target.read_bytes()
    again = export(workspace, target)
    assert again.exit_code == 0, again.output
    if suffix != ".xlsx":  # the workbook's zip stamps its time
        assert target.read_bytes() == first


def test_csv_export_neutralises_formulas_and_keeps_numbers(workspace, tmp_path):
    target = tmp_path / "resultats.csv"
    assert export(workspace, target).exit_code == 0
    read = {key: value for key, value in CSV_OPTIONS.items() if key in ("sep", "decimal", "encoding")}
    frame = pd.read_csv(target, keep_default_na=False, na_values=[""], dtype={"question": str}, **read)
    assert set(frame.loc[frame["item"].str.startswith("emploi"), "question"]) == {"'" + FORMULA}
    assert FORMULA not in set(frame["question"])
    # the XLSX export writes the same text as a text cell, never a formula
    xlsx = tmp_path / "resultats.xlsx"
    assert export(workspace, xlsx).exit_code == 0
    sheet = openpyxl.load_workbook(xlsx)["resultats"]
    cells = [row[3] for row in sheet.iter_rows(min_row=2) if row[3].value == FORMULA]
    assert cells
    assert {cell.data_type for cell in cells} == {"s"}


def test_the_one_csv_writer_neutralises_text_cells_only():
    """Every OWASP start character in text, a negative number and the flags: CLI and API CSV alike."""
    row = dict.fromkeys(FIGURE_COLUMNS, "x")
    row.update(wave=2019, estimate=-3.5, se=0.5, ci_low=-4.5, ci_high=-2.5, n=40, weighted_n=41.0)
    row.update(suppressed=False)
    cells = ["=1+1", "+33 1", "-2", "@SUM(A1)", "\tonglet", "\rretour", "+", "-", "normal", "-"]
    frame = pd.DataFrame([{**row, "item": cell, "flag": cell} for cell in cells])
    buffer = io.BytesIO()
    write_open_data_csv(frame, buffer)
    assert csv_bytes(frame) == buffer.getvalue()  # the API's CSV answer is the same writer's
    read = {key: value for key, value in CSV_OPTIONS.items() if key in ("sep", "decimal", "encoding")}
    back = pd.read_csv(io.BytesIO(buffer.getvalue()), keep_default_na=False, dtype=str, **read)
    # a carriage return is written as a line feed, which the CSV quotes (a lone CR would split the row)
    expected = ["'=1+1", "'+33 1", "'-2", "'@SUM(A1)", "'\tonglet", "'\nretour", "+", "-", "normal", "-"]
    assert back["item"].tolist() == expected
    assert back["flag"].tolist() == expected  # the significance flags + and - are no formula: kept
    assert set(back["estimate"]) == {"-3,5"}  # a negative estimate stays a number
    assert set(back["ci_low"]) == {"-4,5"}
