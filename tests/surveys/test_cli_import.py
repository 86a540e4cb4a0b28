"""`observatoire import`: the analyst's command, French output, exit code 2 on a bad file."""

from __future__ import annotations

from click.testing import CliRunner

from observatoire.cli import main
from observatoire.surveys import list_waves, write_codebook
from observatoire.workspace import Workspace


def run(args, home):
    return CliRunner().invoke(main, args, env={"OBSERVATOIRE_HOME": str(home)})


def test_import_command(tmp_path, frame, codebook, write_file):
    data = write_file(frame.assign(note="x"), tmp_path / "vague.csv")
    codebook_file = write_codebook(codebook, tmp_path / "codebook.xlsx")
    home = tmp_path / "home"
    args = ["import", str(data), "--codebook", str(codebook_file), "--study", "IMPACT-Citoyens"]
    result = run([*args, "--wave", "2019", "--population", "citoyens"], home)
    assert result.exit_code == 0, result.output
    assert "4 répondants" in result.output
    assert "note" in result.output  # the column left out is named
    [wave] = list_waves(Workspace.from_env(home))
    assert (wave.study, wave.wave, wave.n, wave.synthetic) == ("IMPACT-Citoyens", 2019, 4, False)


def test_import_command_lists_every_problem_then_fails(tmp_path, frame, codebook, write_file):
    frame.loc[0, "q1_emploi"] = 12
    frame.loc[2, "poids"] = 0.0
    data = write_file(frame, tmp_path / "vague.csv")
    codebook_file = write_codebook(codebook, tmp_path / "codebook.csv")
    home = tmp_path / "home"
    args = ["import", str(data), "--codebook", str(codebook_file), "--study", "S", "--wave", "2019"]
    result = run([*args, "--population", "citoyens"], home)
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert "2 problème(s)" in lines[0]
    assert "ligne 2" in lines[1]
    assert "q1_emploi" in lines[1]
    assert "ligne 4" in lines[2]
    assert "poids" in lines[2]
    assert lines[-1].startswith("Erreur : fichier vague.csv, ligne 2")
    assert list_waves(Workspace.from_env(home)) == []
