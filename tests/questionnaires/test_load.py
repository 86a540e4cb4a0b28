"""A broken definition is refused at load, naming the file, the line of the entry and what is wrong."""

from __future__ import annotations

import pytest

from observatoire.errors import InputError
from observatoire.questionnaires import load_file, parse_instrument
from observatoire.questionnaires.partnership_advisor import parse_rules

from .test_scoring import SMALL


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    found = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() == needle:
            found += 1
            if found == occurrence:
                return number
    raise AssertionError(needle)


def test_a_rule_naming_an_unknown_section_is_refused_with_file_and_line() -> None:
    broken = SMALL.replace('section = "a"\nbelow', 'section = "inconnue"\nbelow')
    line = _line_of(broken, "[[rules]]")
    with pytest.raises(InputError) as error:
        parse_instrument(broken, "essai.toml")
    message = str(error.value)
    assert "fichier essai.toml" in message
    assert f"ligne {line}" in message
    assert "inconnue" in message


@pytest.mark.parametrize(
    ("old", "new", "header", "occurrence", "words"),
    [
        ('levers = ["faire_alliance"]', 'levers = ["voler"]', "[[rules]]", 1, "levier « voler »"),
        (
            'levers = ["faire_alliance"]',
            'levers = ["Apprendre à faire alliance"]',
            "[[rules]]",
            1,
            "faire_alliance",
        ),
        ("below = 60", "below = 160", "[[rules]]", 1, "below"),
        (
            'scale = "quatre"\nweight = 2',
            'scale = "cinq"\nweight = 2',
            "[[sections.items]]",
            2,
            "échelle « cinq »",
        ),
        ("minimum = 60", "minimum = 30", "[[levels]]", 3, "seuils"),
        ('code = "b1"', 'code = "a1"', "[[sections]]", 2, "a1"),
    ],
)
def test_broken_entries_name_their_line(old: str, new: str, header: str, occurrence: int, words: str) -> None:
    assert old in SMALL
    broken = SMALL.replace(old, new, 1)
    line = _line_of(broken, header, occurrence)
    with pytest.raises(InputError) as error:
        parse_instrument(broken, "essai.toml")
    assert f"ligne {line}" in str(error.value)
    assert words in str(error.value)


def test_an_unreadable_file_names_it(tmp_path) -> None:
    path = tmp_path / "essai.toml"
    path.write_text("code = [", encoding="utf-8")
    with pytest.raises(InputError, match=r"essai\.toml"):
        load_file(path)


def test_the_file_name_is_the_code(tmp_path) -> None:
    path = tmp_path / "autre.toml"
    path.write_text(SMALL, encoding="utf-8")
    with pytest.raises(InputError, match=r"autre\.toml"):
        load_file(path)
    path = tmp_path / "essai.toml"
    path.write_text(SMALL, encoding="utf-8")
    assert load_file(path).code == "essai"


def test_a_result_is_read_with_the_version_it_was_made_with() -> None:
    from observatoire.errors import NotFoundError
    from observatoire.questionnaires import instrument

    assert instrument("entreprise", 1).version == 1
    assert instrument("entreprise").version == 1
    assert parse_instrument(SMALL, "essai.v1.toml").code == "essai"  # an earlier version's file name
    with pytest.raises(NotFoundError, match="version 99"):
        instrument("entreprise", 99)


@pytest.mark.parametrize("parse", [parse_instrument, parse_rules])
def test_broken_toml_is_said_in_french_with_its_line_and_column(parse) -> None:
    broken = 'code = "essai"\n\n[[sections]\ncode = "a"\n'  # the table's closing bracket is missing
    with pytest.raises(InputError) as error:
        parse(broken, "essai.toml")
    message = str(error.value)
    assert message.startswith("fichier essai.toml, ligne 3 : syntaxe TOML invalide vers la colonne 11")
    assert "Expected" not in message  # tomllib's English reason is left out
