"""A build never silently shrinks, and an earlier build can be put back: ``build``, ``builds``, ``publish``.

Each refusal is checked through the command a user types: its French message names what would disappear,
it exits 2, and the workspace (microdata, database file and all) is byte-identical afterwards; the figures
check, which can only count once the new build is written, leaves the published build and its export.
"""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from observatoire.cli import main
from observatoire.diagnosis.build import run_build
from observatoire.diagnosis.export import export_results
from observatoire.diagnosis.store import ResultsStore
from observatoire.surveys import import_wave

from ..conftest import tree_digest
from .test_build import CODEBOOK, import_citizens, wave_frame

INDICATORS = (
    "code,domain,label,source,vintage,unit,direction\n"
    "taux_chomage,emploi,Taux de chômage au sens du BIT,synthétique,2015-2019,%,+1\n",
    "territory_level,territory,indicator,year,value\n"
    "region,93,taux_chomage,2019,8.4\nregion,11,taux_chomage,2019,7.9\nregion,84,taux_chomage,2019,6.9\n",
)


@pytest.fixture
def workspace(tmp_path):
    from observatoire.workspace import Workspace

    workspace = Workspace(tmp_path / "ws", f"sqlite:///{tmp_path / 'ws' / 'observatoire.sqlite3'}").ensure()
    for year, seed in ((2015, 1), (2019, 2)):
        import_citizens(workspace, tmp_path, year, seed)
    folder = workspace.root / "indicateurs"
    folder.mkdir()
    (folder / "indicateurs.csv").write_text(INDICATORS[0], encoding="utf-8")
    (folder / "valeurs.csv").write_text(INDICATORS[1], encoding="utf-8")
    run_build(workspace, n_draws=20)
    return workspace


def cli(workspace, *args):
    env = {"OBSERVATOIRE_HOME": str(workspace.root), "DATABASE_URL": workspace.database_url}
    return CliRunner().invoke(main, list(args), env=env)


def refused(workspace, *args) -> str:
    before = tree_digest(workspace.root)
    result = cli(workspace, *args)
    assert result.exit_code == 2, result.output
    assert tree_digest(workspace.root) == before
    return result.output.strip()


def test_a_build_without_its_microdata_is_refused_naming_the_waves(workspace, tmp_path):
    shutil.move(workspace.microdata_dir, tmp_path / "ailleurs")  # the folder moved away
    message = refused(workspace, "build")
    assert message == (
        "Erreur : construction refusée : elle retirerait des résultats publiés (vague(s) IMPACT-Citoyens "
        "2019, PHARE-Citoyens 2015 ; population(s) citoyens). Des fichiers ont-ils été déplacés ou supprimés "
        "(microdata/, indicateurs/) ? Si c'est voulu, relancez avec --allow-removal"
    )
    assert not workspace.microdata_dir.exists()  # not even re-created
    result = cli(workspace, "build", "--allow-removal")
    assert result.exit_code == 0, result.output
    assert "0 vague(s)" in result.output


def test_dropping_the_indices_is_refused(workspace):
    shutil.rmtree(workspace.root / "indicateurs")
    message = refused(workspace, "build")
    assert "(les indices de fragilité objective)" in message


def test_a_build_losing_most_figures_is_refused_and_the_published_one_stays(workspace, tmp_path):
    with ResultsStore.from_workspace(workspace) as store:
        published = store.current_build()
        export_results(store, tmp_path / "avant.csv")
    small = wave_frame(2019, 2).query("reg in ['11', '84']")  # four régions of six lost
    small.to_csv(tmp_path / "petit.csv", sep=";", index=False)
    (tmp_path / "codebook.csv").write_text(CODEBOOK, encoding="utf-8")
    import_wave(tmp_path / "petit.csv", tmp_path / "codebook.csv", workspace, "IMPACT-Citoyens", 2019,
                "citoyens", synthetic=True, replace=True)  # fmt: skip
    result = cli(workspace, "build")
    assert result.exit_code == 2, result.output
    message = result.output.strip().splitlines()[-1]
    assert message.startswith("Erreur : construction refusée : elle publierait ")
    assert f"au lieu des {published.row_count} de la construction n° {published.id} publiée" in message
    assert "au-delà de 10 %) ; les plus touchés : IMPACT-Citoyens 2019 (citoyens) " in message
    assert message.endswith("Si c'est voulu, relancez avec --allow-removal")
    with ResultsStore.from_workspace(workspace) as store:
        assert store.current_build() == published
        export_results(store, tmp_path / "après.csv")
    assert (tmp_path / "après.csv").read_bytes() == (tmp_path / "avant.csv").read_bytes()


def test_builds_lists_the_kept_builds_and_publish_puts_one_back(workspace, tmp_path):
    shutil.move(workspace.microdata_dir, tmp_path / "ailleurs")
    assert cli(workspace, "build", "--allow-removal").exit_code == 0  # build 2: indices only
    listing = cli(workspace, "builds")
    assert listing.exit_code == 0, listing.output
    lines = listing.output.splitlines()
    assert "Constructions conservées" in lines[0]
    [second] = [line for line in lines if line.startswith("│ 2 ")]
    [first] = [line for line in lines if line.startswith("│ 1 ")]
    assert "(indices seuls)" in second
    assert "oui" in second
    assert "IMPACT-Citoyens 2019" in first
    assert "oui" not in first

    message = refused(workspace, "publish", "1", "--allow-removal", "--nope")
    assert "--nope" in message  # click's own refusal, in French (see test_cli)
    result = cli(workspace, "publish", "1")
    assert result.exit_code == 0, result.output
    assert "Construction n° 1 (construction de 2 vague(s)) publiée de nouveau" in result.output
    with ResultsStore.from_workspace(workspace) as store:
        assert store.current_build().id == 1
        assert len(store.query(wave=2019)) > 0

    # going back to the indices-only build would drop both waves: refused like a build
    message = refused(workspace, "publish", "2")
    assert "vague(s) IMPACT-Citoyens 2019, PHARE-Citoyens 2015" in message
    assert cli(workspace, "publish", "2", "--allow-removal").exit_code == 0


def test_publishing_a_build_that_is_not_kept_is_a_french_error(workspace):
    message = refused(workspace, "publish", "99")
    assert message == "Erreur : construction n° 99 introuvable ou non terminée"


@pytest.mark.postgres
def test_refusals_and_publish_on_postgresql(workspace, postgres_url, tmp_path):
    from observatoire.workspace import Workspace

    on_pg = Workspace(workspace.root, postgres_url)
    first = run_build(on_pg, n_draws=20)
    shutil.move(on_pg.microdata_dir, tmp_path / "ailleurs")
    assert "vague(s) IMPACT-Citoyens 2019" in refused(on_pg, "build")
    second = run_build(on_pg, n_draws=20, allow_removal=True)
    result = cli(on_pg, "publish", str(first.build.id))
    assert result.exit_code == 0, result.output
    with ResultsStore.from_workspace(on_pg) as store:
        assert store.current_build().id == first.build.id
        assert [info.id for info in store.kept_builds()] == [second.build.id, first.build.id]
    assert "vague(s) IMPACT-Citoyens 2019" in refused(on_pg, "publish", str(second.build.id))
