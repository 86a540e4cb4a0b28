"""Every message of the command line is French, click's own included (usage errors, --help headings)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from observatoire.cli import main

from .conftest import tree_digest

# click's English words that would betray an untranslated message
ENGLISH = re.compile(r"\b(Usage|Error|Missing|Invalid|Try|required|No such|Got|is not|Show this|default:)\b")


def run(tmp_path, *args):
    home = tmp_path / "home"
    result = CliRunner().invoke(
        main, list(args), env={"OBSERVATOIRE_HOME": str(home)}, prog_name="observatoire"
    )
    assert tree_digest(home) == {}  # a refused command creates nothing
    return result


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["nope"], "Erreur : Commande inconnue : 'nope'."),
        (["build", "--nope"], "Erreur : Option inconnue : '--nope'."),
        (
            ["buil"],
            "Commande inconnue : 'buil'. (Vouliez-vous dire l'une de celles-ci : 'build', 'builds' ?)",
        ),
        (
            ["build", "--min-base", "abc"],
            "Erreur : Valeur invalide pour '--min-base' : 'abc' n'est pas un entier ",
        ),
        (
            ["build", "--min-base", "-3"],
            "Erreur : Valeur invalide pour '--min-base' : -3 est hors de l'intervalle",
        ),
        (["import"], "Erreur : Argument manquant 'DATA'."),
        (["import", "x.csv"], "Erreur : Option manquante '--codebook'."),
        (["import", "x.csv", "--codebook"], "Erreur : L'option '--codebook' demande une valeur."),
        (["publish"], "Erreur : Argument manquant 'N'."),
        (["publish", "1", "2"], "Erreur : Argument en trop, inattendu (2)"),
        (["estimate", "x.csv", "--weight", "w", "--ci", "z"], "n'est pas l'une des valeurs 'normal', 't'."),
        (["build", "--allow-removal=oui"], "Erreur : L'option '--allow-removal' ne prend pas de valeur."),
    ],
)
def test_usage_errors_are_french(tmp_path, args, expected):
    result = run(tmp_path, *args)
    assert result.exit_code == 2
    assert expected in result.output
    if "--codebook" not in args and "--allow-removal=oui" not in args:  # click prints no usage for those
        assert "Utilisation : observatoire" in result.output
        assert "Essayez « observatoire" in result.output
    assert not ENGLISH.search(result.output), result.output


def test_every_help_is_french(tmp_path):
    for name in [None, *main.commands]:
        result = run(tmp_path, *([name] if name else []), "--help")
        assert result.exit_code == 0, name
        assert result.output.startswith("Utilisation : observatoire"), name
        assert "Afficher cette aide et quitter." in result.output
        assert not ENGLISH.search(result.output), (name, result.output)
