"""observatoire report: one territory or --all, French errors with exit code 2."""

from __future__ import annotations

from click.testing import CliRunner

from observatoire.cli import main


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
