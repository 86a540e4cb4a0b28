"""The demo never touches real data: a workspace holding a real wave is refused, byte for byte untouched."""

from __future__ import annotations

from click.testing import CliRunner

from observatoire.cli import main

from ..conftest import tree_digest


def test_demo_refuses_a_workspace_with_a_real_wave(tmp_path, bad_inputs):
    home = tmp_path / "home"
    env = {"OBSERVATOIRE_HOME": str(home)}
    data = bad_inputs / "na_declared.csv"
    args = ["import", str(data), "--codebook", str(bad_inputs / "codebook.csv"), "--study", "IMPACT-Citoyens"]
    imported = CliRunner().invoke(main, [*args, "--wave", "2019", "--population", "citoyens"], env=env)
    assert imported.exit_code == 0, imported.output
    before = tree_digest(home)
    result = CliRunner().invoke(main, ["demo", "--build-only"], env=env)
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        "Erreur : la démonstration remplace les vagues de son espace de travail par des données "
        f"synthétiques ; celui-ci ({home}) contient des vagues réelles (IMPACT-Citoyens 2019) : elle est "
        "refusée. Lancez-la dans un autre espace de travail, par exemple "
        "OBSERVATOIRE_HOME=./observatoire-demo observatoire demo"
    )
    assert tree_digest(home) == before
