"""French tables of the vocabulary and the ``observatoire vocabulaire`` command."""

import pytest
from click.testing import CliRunner

from observatoire.cli import main
from observatoire.errors import NotFoundError
from observatoire.reference import vocabulary as v
from observatoire.reference.listing import listing, listing_names


@pytest.mark.parametrize("name", listing_names())
def test_every_listing_has_one_row_per_entry_and_full_rows(name):
    table = listing(name)
    assert table.title
    assert table.rows
    assert all(len(row) == len(table.headers) for row in table.rows)
    assert len({row[0] for row in table.rows}) == len(table.rows)


def test_domain_listing_in_french_with_its_count():
    table = listing("Domaines")
    assert table.title == "Les 16 domaines de fragilité"
    assert table.headers[:3] == ("Code", "Dimension", "Libellé")
    assert [row[0] for row in table.rows] == list(v.domain_codes())
    assert table.rows[0] == ("emploi", "Économique", "Emploi / chômage / insertion", "Emploi")


def test_listing_lookup_is_accent_insensitive_and_suggests():
    assert listing("modèles") == listing("modeles")
    with pytest.raises(NotFoundError, match=r"liste de vocabulaire inconnue : « model ».*modeles"):
        listing("model")


def test_cli_lists_levers():
    result = CliRunner().invoke(main, ["vocabulaire", "leviers"])
    assert result.exit_code == 0, result.output
    assert "Les 7 leviers d'un projet innovant" in result.output
    assert "evaluer_pertinence" in result.output


def test_cli_lists_domains_by_default():
    result = CliRunner().invoke(main, ["vocabulaire"])
    assert result.exit_code == 0, result.output
    assert "transition_energetique" in result.output


def test_cli_unknown_listing_is_one_french_line_and_exit_2():
    result = CliRunner().invoke(main, ["vocabulaire", "levier-associatif"])
    assert result.exit_code == 2
    assert "Erreur : liste de vocabulaire inconnue" in result.output
    assert "leviers-associatifs" in result.output
