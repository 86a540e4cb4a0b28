"""observatoire report: one territory or --all, French errors with exit code 2."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from observatoire.cli import main
from observatoire.reports import data
from observatoire.reports.write import write_all

# The command reads the published case base (Django's database) for the « Pour agir » section.
pytestmark = pytest.mark.django_db


def _run(workspace, *args):
    env = {"OBSERVATOIRE_HOME": str(workspace.root), "DATABASE_URL": workspace.database_url}
    return CliRunner().invoke(main, ["report", *args], env=env)


def test_report_one_region_html_only(report_workspace, tmp_path):
    result = _run(report_workspace, "Bretagne", "--format", "html", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Bretagne : rapport-region-53.html, rapport-region-53-donnees.csv" in result.output
    assert (tmp_path / "rapport-region-53.html").exists()
    assert not (tmp_path / "rapport-region-53.pdf").exists()


def test_report_needs_one_territory_or_all(report_workspace, tmp_path):
    result = _run(report_workspace, "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "--all" in result.output


def test_report_unknown_territory(report_workspace, tmp_path):
    result = _run(report_workspace, "Atlantide", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "Atlantide" in result.output


@pytest.mark.slow
def test_write_all_in_worker_processes(report_workspace, tmp_path):
    places = [data.resolve("94"), data.resolve("FR")]
    written = write_all(report_workspace.database_url, tmp_path, ("html",), territories=places, workers=2)
    assert [done.territory.code for done in written] == ["94", "FR"]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "rapport-nation-fr-donnees.csv",
        "rapport-nation-fr.html",
        "rapport-region-94-donnees.csv",
        "rapport-region-94.html",
    ]
