"""A broken indicator TOML file is refused in French, naming its line, and the build changes nothing."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from observatoire.cli import main

from ..conftest import tree_digest


def test_a_toml_syntax_error_names_its_line_in_french(tmp_path, bad_inputs):
    home = tmp_path / "home"
    folder = home / "indicateurs"
    folder.mkdir(parents=True)
    shutil.copy(bad_inputs / "indicateurs_syntax.toml", folder / "indicateurs.toml")
    (folder / "valeurs.csv").write_text("territory_level,territory,indicator,year,value\n", encoding="utf-8")
    before = tree_digest(home)
    result = CliRunner().invoke(main, ["build"], env={"OBSERVATOIRE_HOME": str(home)})
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        "Erreur : fichier indicateurs.toml, ligne 3 : syntaxe TOML invalide vers la colonne 10 (une table "
        '[[indicator]] de lignes clé = "valeur" est attendue ; relancez avec --debug pour le détail '
        "technique)"
    )
    assert tree_digest(home) == before
