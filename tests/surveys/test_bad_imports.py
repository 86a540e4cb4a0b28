"""Import never guesses: each broken file of tests/data/bad is refused with its French message (file, row,
column, what was expected) and leaves the workspace byte-identical; what is declared is kept as written."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from observatoire.cli import main
from observatoire.diagnosis.store import ResultsStore
from observatoire.surveys import read_wave
from observatoire.workspace import Workspace

from ..conftest import tree_digest


@pytest.fixture
def home(tmp_path, bad_inputs):
    """A workspace that already holds one good wave (IMPACT-Citoyens 2016), so refusals have data to spare."""
    root = tmp_path / "home"
    result = run(root, bad_inputs / "na_declared.csv", "--wave", "2016")
    assert result.exit_code == 0, result.output
    return root


def run(home, data, *extra):
    args = [
        "import",
        str(data),
        "--codebook",
        str(data.parent / "codebook.csv"),
        "--study",
        "IMPACT-Citoyens",
    ]
    if "--wave" not in extra:
        extra = ("--wave", "2019", *extra)
    return CliRunner().invoke(
        main, [*args, "--population", "citoyens", *extra], env={"OBSERVATOIRE_HOME": str(home)}
    )


def refused(home, data, *extra) -> str:
    """Import ``data``, expect the French refusal (exit 2) and an untouched workspace; return the message."""
    before = tree_digest(home)
    result = run(home, data, *extra)
    assert result.exit_code == 2, result.output
    assert tree_digest(home) == before
    return result.output.strip().splitlines()[-1]


def test_na_null_and_none_are_kept_as_written_when_declared_or_text(home):
    data, _, _ = read_wave(Workspace.from_env(home), "IMPACT-Citoyens", 2016)
    assert data["sexe"].tolist() == ["H", "NA", "F", "NA"]  # "NA" is a declared code, not a missing answer
    assert data["commentaire"].tolist()[2:] == ["N/A", "NULL"]  # free text stays text
    assert data["commentaire"].isna().tolist() == [False, True, False, False]  # the empty cell is missing
    assert data["q1_emploi"].isna().tolist() == [False, True, False, False]  # the declared code 99 is


@pytest.mark.parametrize("name", ["null_in_rating.csv", "null_in_rating.xlsx"])
def test_undeclared_null_in_a_number_column_is_refused(home, bad_inputs, name):
    message = refused(home, bad_inputs / name)
    assert message.startswith(f"Erreur : fichier {name}, ligne ")
    assert "colonne « q1_emploi » : « NULL » n'est pas un nombre (colonne numérique)" in message


def test_mixed_encoding_names_the_first_line_that_is_not_utf8(home, bad_inputs):
    message = refused(home, bad_inputs / "mixed_encoding.csv")
    assert message.startswith("Erreur : fichier mixed_encoding.csv, ligne 4 : encodage mélangé")
    assert "la ligne 2 l'est" in message
    assert "Enregistrez le fichier entier en UTF-8" in message


def test_a_utf8_bom_then_a_latin1_line_is_refused(home, bad_inputs):
    message = refused(home, bad_inputs / "bom_then_latin1.csv")
    assert message.startswith("Erreur : fichier bom_then_latin1.csv, ligne 3 : encodage mélangé")


def test_a_whole_windows_1252_file_is_still_read(home, bad_inputs, tmp_path):
    text = (bad_inputs / "na_declared.csv").read_text(encoding="utf-8")
    latin = tmp_path / "cp1252.csv"
    latin.write_bytes(text.encode("cp1252"))
    shutil.copy(bad_inputs / "codebook.csv", tmp_path / "codebook.csv")
    assert run(home, latin).exit_code == 0
    data, _, _ = read_wave(Workspace.from_env(home), "IMPACT-Citoyens", 2019)
    assert data["commentaire"].iloc[0] == "très bien"


def test_extreme_weight_is_refused_then_accepted_on_purpose(home, bad_inputs):
    message = refused(home, bad_inputs / "extreme_weight.csv")
    assert message == (
        "Erreur : fichier extreme_weight.csv, ligne 5, colonne « poids » : poids 1e+300 : "
        "9,091e+299 fois le poids médian, au-delà de la limite de 50 fois (erreur de saisie ou d'unité ?) ; "
        "relancez avec --accept-extreme-weights pour l'accepter délibérément (ce sera noté dans la vague et "
        "la construction)"
    )
    result = run(home, bad_inputs / "extreme_weight.csv", "--accept-extreme-weights")
    assert result.exit_code == 0, result.output
    assert (
        "Attention : 1 poids de plus de 50 fois le poids médian acceptés (jusqu'à 9,091e+299 fois)"
        in result.output
    )
    metadata = json.loads((home / "microdata/IMPACT-Citoyens/2019/metadata.json").read_text(encoding="utf-8"))
    assert metadata["extreme_weights"] == 1
    assert metadata["max_weight_ratio"] == pytest.approx(1e300 / 1.1)  # the median of 1,2 0,8 1 1e300


def test_accepted_extreme_weights_are_recorded_by_the_build(home, bad_inputs, tmp_path):
    text = (bad_inputs / "extreme_weight.csv").read_text(encoding="utf-8").replace("1e300", "80")
    (tmp_path / "poids_80.csv").write_text(text, encoding="utf-8")  # 73× the median: over 50, computable
    shutil.copy(bad_inputs / "codebook.csv", tmp_path / "codebook.csv")
    assert run(home, tmp_path / "poids_80.csv").exit_code == 2
    assert run(home, tmp_path / "poids_80.csv", "--accept-extreme-weights").exit_code == 0
    built = CliRunner().invoke(main, ["build"], env={"OBSERVATOIRE_HOME": str(home)})
    assert built.exit_code == 0, built.output
    with ResultsStore.from_workspace(Workspace.from_env(home)) as store:
        parameters = store.current_build().parameters
    assert parameters["extreme_weights_accepted"] == {"IMPACT-Citoyens 2019": 1}


def test_ragged_line_names_its_row_in_french(home, bad_inputs):
    message = refused(home, bad_inputs / "ragged.csv")
    assert message == (
        "Erreur : fichier ragged.csv, ligne 4 : 7 champs au lieu de 6 (nombre de colonnes de l'en-tête) : "
        "un séparateur en trop ou un guillemet mal placé ?"
    )


def test_open_quote_names_the_row_where_it_opens(home, bad_inputs):
    message = refused(home, bad_inputs / "open_quote.csv")
    assert (
        message
        == "Erreur : fichier open_quote.csv, ligne 3 : un guillemet ouvert sur cette ligne n'est jamais fermé"
    )


def test_a_file_that_is_not_excel_is_said_so_in_french(home, bad_inputs):
    message = refused(home, bad_inputs / "not_excel.xlsx")
    assert message.startswith("Erreur : fichier not_excel.xlsx : ce n'est pas un fichier Excel valide")


def test_reimporting_a_wave_needs_replace_and_says_what_it_replaces(home, bad_inputs):
    message = refused(home, bad_inputs / "na_declared.csv", "--wave", "2016")
    assert message.startswith(
        "Erreur : la vague 2016 de l'étude « IMPACT-Citoyens » est déjà importée (na_declared.csv, 4 "
    )
    assert message.endswith("relancez avec --replace pour la remplacer")
    result = run(
        home, bad_inputs / "extreme_weight.csv", "--wave", "2016", "--replace", "--accept-extreme-weights"
    )
    assert result.exit_code == 0, result.output
    assert "Elle remplace la vague importée le " in result.output
    assert "(na_declared.csv, 4 répondants)" in result.output


def test_a_refused_import_into_a_new_workspace_creates_nothing(tmp_path, bad_inputs):
    home = tmp_path / "nouveau"
    result = run(home, bad_inputs / "ragged.csv")
    assert result.exit_code == 2
    assert not home.exists()
