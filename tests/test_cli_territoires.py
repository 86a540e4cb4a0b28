"""``observatoire territoires``: a territory, its parents and groupings in French; French errors, exit 2."""

from click.testing import CliRunner

from observatoire.cli import main


def _run(*arguments: str):
    return CliRunner().invoke(main, ["territoires", *arguments])


def test_marseille_by_code_shows_its_chain_and_groupings():
    result = _run("13055")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Marseille — commune 13055"
    assert lines[1].startswith("Population : 886\u202f040 habitants")
    for expected in (
        "  Département : Bouches-du-Rhône (13)",
        "  Région : Provence-Alpes-Côte d'Azur (93)",
        "  Région d'enquête : Provence-Alpes-Côte d'Azur et Corse (PACA)",
        "  Macro-région : Sud-Est (sud_est)",
        "  Nation : France (FR)",
    ):
        assert expected in lines
    assert lines.index("  Département : Bouches-du-Rhône (13)") < lines.index(
        "  Région : Provence-Alpes-Côte d'Azur (93)"
    )


def test_unknown_code_is_one_french_line_and_exit_2():
    result = _run("99999")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert result.output.startswith("Erreur : aucun territoire n'a le code « 99999 »")
    assert "Territoires proches" in result.output


def test_a_name_a_postcode_and_a_departement_code():
    assert _run("Marseille").output.startswith("Marseille — commune 13055")
    assert _run("06000").output.startswith("Nice — commune 06088")
    assert _run("2a").output.startswith("Corse-du-Sud — département 2A")


def test_a_postcode_that_is_also_a_commune_code_mentions_both():
    result = _run("13001")
    assert result.exit_code == 0
    assert result.output.startswith("Aix-en-Provence — commune 13001")
    assert "désigne aussi : Marseille (commune 13055, Bouches-du-Rhône)" in result.output


def test_several_words_and_a_level():
    result = _run("Pays", "de", "la", "Loire")
    assert result.output.startswith("Pays de la Loire — région 52")
    assert "Composition : Loire-Atlantique (44)" in result.output
    assert _run("93", "--niveau", "region").output.startswith("Provence-Alpes-Côte d'Azur — région 93")


def test_bad_level_and_ambiguous_name_exit_2_in_french():
    result = _run("13", "--niveau", "canton")
    assert result.exit_code == 2
    assert "niveau de territoire « canton » inconnu" in result.output
    result = _run("Saint-Denis")
    assert result.exit_code == 2
    assert "désigne plusieurs territoires" in result.output


def test_help_is_french():
    result = CliRunner().invoke(main, ["territoires", "--help"])
    assert result.exit_code == 0
    assert "code postal" in result.output
    assert "region_2015" in result.output
