import click
import pytest
from click.testing import CliRunner

from observatoire import __version__
from observatoire.cli import ALIASES, main


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_is_french():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "fragilités territoriales" in result.output


def test_unknown_command_exits_non_zero():
    result = CliRunner().invoke(main, ["nimportequoi"])
    assert result.exit_code == 2


def _listed(arguments: list[str]) -> list[str]:
    """The command names a --help lists (the lines under « Commandes: »)."""
    output = CliRunner().invoke(main, [*arguments, "--help"]).output
    listing = output.split("Commandes:")[1].splitlines()
    return [line.split()[0] for line in listing if line.startswith("  ") and line.split()]


def test_commands_are_listed_by_their_english_names_only():
    listed = _listed([])
    english = {"vocabulary", "territories", "practices", "catalysts", "tools", "estimate", "serve"}
    assert english <= set(listed)
    assert not set(ALIASES) & set(listed)
    assert "purge" in listed
    assert "margins" in _listed(["consultation"])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (["vocabulaire", "leviers"], ["vocabulary", "leviers"]),
        (["territoires", "--niveau", "commune", "13055"], ["territories", "--level", "commune", "13055"]),
        (["pratiques", "--help"], ["practices", "--help"]),
        (["catalyseurs", "--help"], ["catalysts", "--help"]),
        (["outils", "--help"], ["tools", "--help"]),
        (["purger", "--help"], ["purge", "--help"]),
        (["consultation", "marges", "--help"], ["consultation", "margins", "--help"]),
    ],
)
def test_the_old_french_names_still_run_the_same_command(old, new):
    before, after = CliRunner().invoke(main, old), CliRunner().invoke(main, new)
    assert before.exit_code == after.exit_code == 0, before.output + after.output
    renamed = [(o, n) for o, n in zip(old, new, strict=True) if o != n]
    usage, rest = before.output.split("\n", 1)
    for o, n in renamed:  # the usage line repeats the name typed
        usage = usage.replace(f" {o} ", f" {n} ")
    assert f"{usage}\n{rest}" == after.output
    assert before.output.strip()


def test_every_alias_names_an_existing_command():
    groups = [main, *(c for c in main.commands.values() if isinstance(c, click.Group))]
    names = {name for group in groups for name in group.commands}
    assert set(ALIASES.values()) <= names
