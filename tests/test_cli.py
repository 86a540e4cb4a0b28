from click.testing import CliRunner

from observatoire import __version__
from observatoire.cli import main


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
