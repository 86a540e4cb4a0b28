"""The build on a small real workspace: two citizens' waves written as files and imported, then built.

Figures are checked against :mod:`observatoire.stats` called directly on the same data, so that the
build's only job (what to estimate, how rows are named) is what these tests check.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from observatoire.diagnosis.build import run_build
from observatoire.diagnosis.build_diagnosis import perceived_vs_objective, tier
from observatoire.diagnosis.codes import SYNTHETIC
from observatoire.diagnosis.export import export_results
from observatoire.diagnosis.store import ResultsStore
from observatoire.errors import InputError
from observatoire.numbers import number
from observatoire.stats.design import Design
from observatoire.stats.table import Statistic, estimate
from observatoire.stats.tests import compare_to_rest, compare_waves
from observatoire.surveys import import_wave, read_wave
from observatoire.workspace import Workspace

#: Respondents per région: Corse (94) is too small to publish on its own.
SAMPLE = {"11": 160, "84": 120, "93": 110, "94": 12, "32": 90, "76": 80}
CODEBOOK = textwrap.dedent(
    """\
    variable;type;label;question;item;domain;min;max;values;missing;level
    ident;id;Identifiant;;;;;;;;
    reg;region;Région de résidence;;;;;;;;region
    strate;strata;Strate;;;;;;;;
    sexe;group;Sexe;;;;;;1=Homme|2=Femme;;
    q1_emploi;rating;Fragilité : emploi;Q1;;emploi;1;10;;99=Ne sait pas;
    q1_numerique;rating;Fragilité : numérique;Q1;;numerique;1;10;;99=Ne sait pas;
    q8;categorical;Travailler ensemble;Q8;;;;;1=Indispensable|2=Nécessaire|3=Pas nécessaire;;
    poids;weight;Poids;;;;;;;;
    """
)


def wave_frame(year: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    region = np.repeat(list(SAMPLE), list(SAMPLE.values()))
    n = len(region)
    shift = np.where(region == "93", 1.2, 0.0) + (0.8 if year == 2015 else 0.0)
    emploi = np.clip(np.round(rng.normal(6.0 + shift, 2.0)), 1, 10).astype(int)
    emploi[rng.random(n) < 0.05] = 99  # ne sait pas
    return pd.DataFrame(
        {
            "ident": [f"{year}-{i}" for i in range(n)],
            "reg": region,
            "strate": np.where(np.isin(region, ["93", "94"]), "sud", "autre"),
            "sexe": rng.integers(1, 3, n),
            "q1_emploi": emploi,
            "q1_numerique": np.clip(np.round(rng.normal(5.0, 2.0, n)), 1, 10).astype(int),
            "q8": rng.choice([1, 2, 3], n, p=[0.3, 0.5, 0.2]),
            "poids": np.round(rng.uniform(0.5, 2.0, n), 3),
        }
    )


def import_citizens(workspace: Workspace, folder: Path, year: int, seed: int) -> Path:
    data = folder / f"citoyens_{year}.csv"
    wave_frame(year, seed).to_csv(data, sep=";", index=False)
    codebook = folder / "codebook.csv"
    codebook.write_text(CODEBOOK, encoding="utf-8")
    study = "PHARE-Citoyens" if year == 2015 else "IMPACT-Citoyens"
    import_wave(data, codebook, workspace, study, year, "citoyens", synthetic=True)
    return data


@pytest.fixture
def workspace(tmp_path) -> Workspace:
    workspace = Workspace(tmp_path / "ws", f"sqlite:///{tmp_path / 'ws' / 'observatoire.sqlite3'}").ensure()
    for year, seed in ((2015, 1), (2019, 2)):
        import_citizens(workspace, tmp_path, year, seed)
    return workspace


@pytest.fixture
def built(workspace):
    report = run_build(workspace)
    with ResultsStore.from_workspace(workspace) as store:
        yield report, store.query()


def _one(frame: pd.DataFrame, **where) -> pd.Series:
    found = frame
    for column, value in where.items():
        found = found[found[column] == value]
    assert len(found) == 1, (where, found)
    return found.iloc[0]


def _design(data: pd.DataFrame) -> Design:
    return Design.from_frame(data, weights="poids", strata="strate", lonely_psu="adjust")


def test_a_mean_and_its_se_are_those_of_stats(built, workspace):
    report, figures = built
    data, _, _ = read_wave(workspace, "IMPACT-Citoyens", 2019)
    direct = estimate(data, _design(data), [Statistic.mean("q1_emploi")], by="reg")
    paca = direct[direct["reg"] == "93"].iloc[0]
    row = _one(figures, wave=2019, question="Q1", item="emploi", territory="93", statistic="mean")
    assert row["territory_level"] == "region"
    assert row["study"] == "IMPACT-Citoyens"
    assert row["estimate"] == pytest.approx(paca["estimate"], rel=1e-12)
    assert row["se"] == pytest.approx(paca["se"], rel=1e-12)
    assert row["ci_low"] == pytest.approx(paca["ci_low"], rel=1e-12)
    assert row["n"] == paca["n"]
    assert row["weighted_n"] == pytest.approx(paca["weighted_n"])
    assert row["source"] == SYNTHETIC
    national = estimate(data, _design(data), [Statistic.mean("q1_emploi")])
    fr = _one(figures, wave=2019, item="emploi", territory="FR", statistic="mean", group="ensemble")
    assert fr["territory_level"] == "nation"
    assert fr["estimate"] == pytest.approx(national["estimate"].iloc[0], rel=1e-12)
    assert fr["se"] == pytest.approx(national["se"].iloc[0], rel=1e-12)
    assert report.build.source == SYNTHETIC
    assert report.figures == len(figures)


def test_shares_are_percent_of_each_answer_and_top_box_is_8_to_10(built, workspace):
    _, figures = built
    data, _, _ = read_wave(workspace, "IMPACT-Citoyens", 2019)
    design = _design(data)
    shares = figures[(figures["wave"] == 2019) & (figures["question"] == "Q8")]
    shares = shares[(shares["statistic"] == "share") & (shares["group"] == "ensemble")]
    shares = shares[shares["territory"] == "FR"]
    assert sorted(shares["item"]) == ["1", "2", "3"]
    assert shares["estimate"].sum() == pytest.approx(100.0)
    direct = estimate(data, design, [Statistic.proportion("q8", 2)])
    two = _one(shares, item="2")
    assert two["estimate"] == pytest.approx(100 * direct["estimate"].iloc[0], rel=1e-12)
    assert two["se"] == pytest.approx(100 * direct["se"].iloc[0], rel=1e-12)
    assert two["extra"]["label"] == "Nécessaire"
    top = estimate(data, design, [Statistic.top_box("q1_emploi", 8, 10)])
    row = _one(figures, wave=2019, item="emploi", territory="FR", group="ensemble", statistic="top_box")
    assert row["estimate"] == pytest.approx(100 * top["estimate"].iloc[0], rel=1e-12)
    assert row["extra"]["label"] == "8-10"
    eight = _one(figures, wave=2019, item="emploi=8", territory="FR", group="ensemble", statistic="share")
    assert eight["question"] == "Q1"


def test_flags_are_the_region_against_the_rest(built, workspace):
    _, figures = built
    data, _, _ = read_wave(workspace, "IMPACT-Citoyens", 2019)
    design = _design(data)
    test = compare_to_rest(design, data["q1_emploi"], data["reg"])
    by_region = test.set_index("group")
    regions = figures[(figures["wave"] == 2019) & (figures["statistic"] == "mean")]
    regions = regions[(regions["item"] == "emploi") & (regions["territory_level"] == "region")]
    regions = regions[~regions["suppressed"]]
    assert len(regions) == 5
    for row in regions.itertuples():
        expected = by_region.loc[row.territory, "flag"] or None
        assert (None if pd.isna(row.flag) else row.flag) == expected, row.territory
        assert row.extra["p_value"] == pytest.approx(by_region.loc[row.territory, "p_value"], rel=1e-9)
    assert _one(regions, territory="93")["flag"] == "+"  # built 1.2 points higher
    assert set(regions["flag"].dropna()) <= {"+", "-"}
    fr = _one(figures, wave=2019, item="emploi", territory="FR", group="ensemble", statistic="mean")
    assert pd.isna(fr["flag"])


def test_a_small_domain_is_stored_suppressed(built):
    _, figures = built
    corse = figures[(figures["territory"] == "94") & (figures["wave"] == 2019)]
    assert len(corse) > 10
    assert corse["suppressed"].all()
    assert corse["estimate"].isna().all()
    assert corse["flag"].isna().all()
    assert (corse["n"] < 30).all()
    paca = figures[(figures["territory"] == "PACA") & (figures["wave"] == 2019)]
    assert paca["territory_level"].eq("survey_region").all()
    assert not _one(paca, item="emploi", statistic="mean")["suppressed"]  # 93 and 94 together


def test_groupings_and_groups_are_derived_from_the_codebook(built):
    _, figures = built
    wave = figures[figures["wave"] == 2019]
    levels = wave.groupby("territory_level")["territory"].agg(lambda codes: sorted(set(codes)))
    assert levels["nation"] == ["FR"]
    assert levels["region"] == sorted(SAMPLE)
    assert set(levels["survey_region"]) == {"HDF", "IDF", "OCC", "PACA", "ARA"}
    assert set(levels["macro_region"]) == {"ile_de_france", "nord_est", "sud_ouest", "sud_est"}
    groups = set(wave.loc[wave["territory_level"] == "nation", "group"])
    assert groups == {"ensemble", "sexe=1", "sexe=2"}
    base = _one(wave, question="base", territory="FR", group="ensemble", statistic="weighted_base")
    data = wave_frame(2019, 2)
    assert base["n"] == len(data)
    assert base["estimate"] == pytest.approx(data["poids"].sum())


def test_wave_to_wave_change_is_the_difference_test(built):
    _, figures = built
    national = figures[(figures["item"] == "emploi") & (figures["territory"] == "FR")]
    national = national[national["group"] == "ensemble"]
    before = _one(national, wave=2015, statistic="mean")
    after = _one(national, wave=2019, statistic="mean")
    change = _one(national, wave=2019, statistic="mean_change")
    expected = compare_waves(before["estimate"], before["se"], after["estimate"], after["se"])
    assert change["estimate"] == pytest.approx(expected["diff"].iloc[0], rel=1e-12)
    assert change["se"] == pytest.approx(expected["se"].iloc[0], rel=1e-12)
    assert change["flag"] == "-"  # built 0.8 points lower in 2019
    assert change["extra"]["from_study"] == "PHARE-Citoyens"
    assert change["extra"]["from_wave"] == 2015
    corse = figures[(figures["territory"] == "94") & figures["statistic"].str.endswith("_change")]
    assert len(corse)
    assert corse["suppressed"].all()
    assert not (figures["wave"].eq(2015) & figures["statistic"].str.endswith("_change")).any()


def test_nothing_to_build_is_a_french_error(tmp_path):
    empty = Workspace(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with pytest.raises(InputError, match="rien à calculer"):
        run_build(empty)


def test_a_corrupt_wave_leaves_the_published_build_and_export(workspace, tmp_path):
    first = run_build(workspace)
    with ResultsStore.from_workspace(workspace) as store:
        export_results(store, tmp_path / "avant.csv")
    data_file = workspace.microdata_dir / "IMPACT-Citoyens" / "2019" / "data.parquet"
    data_file.write_bytes(b"PAR1 ceci n'est plus un fichier parquet")
    with pytest.raises(Exception, match=r"(?i)parquet|magic|file"):
        run_build(workspace)
    with ResultsStore.from_workspace(workspace) as store:
        assert store.current_build().id == first.build.id
        assert [info.status for info in store.history()][:2] == ["failed", "complete"]
        export_results(store, tmp_path / "après.csv")
    assert (tmp_path / "après.csv").read_bytes() == (tmp_path / "avant.csv").read_bytes()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL n'existe pas sur ce système")
def test_killing_observatoire_build_halfway_leaves_the_previous_export(workspace, tmp_path):
    run_build(workspace)
    with ResultsStore.from_workspace(workspace) as store:
        published = store.current_build().id
        export_results(store, tmp_path / "avant.parquet")
    for year in range(2000, 2012):  # more waves: a build long enough to be killed after its first one
        import_citizens(workspace, tmp_path, year, year)
    env = {**os.environ, "OBSERVATOIRE_HOME": str(workspace.root), "DATABASE_URL": workspace.database_url}
    builder = subprocess.Popen(
        [sys.executable, "-m", "observatoire", "build"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        with ResultsStore.from_workspace(workspace) as store:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:  # wait until the new build has rows, then kill it
                building = [info for info in store.history() if info.status == "building"]
                if building and building[0].row_count > 0:
                    break
                assert builder.poll() is None, builder.stdout.read()
                time.sleep(0.02)
            else:
                pytest.fail("the build never wrote a row")
        os.kill(builder.pid, signal.SIGKILL)
        builder.wait(timeout=30)
    finally:
        if builder.poll() is None:
            builder.kill()
            builder.wait()
        builder.stdout.close()
    assert builder.returncode == -signal.SIGKILL
    with ResultsStore.from_workspace(workspace) as store:
        assert store.current_build().id == published
        export_results(store, tmp_path / "après.parquet")
    assert (tmp_path / "après.parquet").read_bytes() == (tmp_path / "avant.parquet").read_bytes()


def test_tiers_are_quarters_of_the_ranked_domains():
    tiers = [tier(rank, 16) for rank in range(1, 17)]
    assert tiers == ["premieres"] * 4 + ["moyennes"] * 8 + ["faibles"] * 4
    assert [tier(rank, 2) for rank in (1, 2)] == ["premieres", "faibles"]


def test_domains_are_ranked_by_mean_within_each_territory(built):
    _, figures = built
    wave = figures[(figures["wave"] == 2019) & (figures["group"] == "ensemble")]
    means = wave[(wave["statistic"] == "mean") & (wave["question"] == "Q1")]
    ranks = wave[(wave["statistic"] == "rank") & (wave["question"] == "Q1")]
    for territory in ("FR", "93", "PACA"):
        expected = means[means["territory"] == territory].sort_values("estimate", ascending=False)["item"]
        found = ranks[ranks["territory"] == territory].sort_values("estimate")
        assert list(found["item"]) == list(expected)
        assert list(found["estimate"]) == [1.0, 2.0]
        assert [extra["tier"] for extra in found["extra"]] == ["premieres", "faibles"]
    corse = ranks[ranks["territory"] == "94"]
    assert corse["suppressed"].all()  # ranked on suppressed figures: suppressed too


def test_perceived_vs_objective_crosses_the_two_first_quarters():
    def rank_row(domain: str, rank: int, value: float) -> dict:
        extra = {"tier": tier(rank, 4), "of": 4, "value": value, "by": "mean"}
        return {
            "study": "IMPACT-Citoyens", "wave": 2019, "population": "citoyens", "question": "Q1",
            "territory_level": "region", "territory": "93", "group": "ensemble", "item": domain,
            "statistic": "rank", "estimate": float(rank), "n": 400, "source": SYNTHETIC, "extra": extra,
        }  # fmt: skip

    ranked = (("emploi", 1, 6.6), ("numerique", 4, 4.9), ("sante", 2, 5.7), ("securite", 3, 5.5))
    ranks = pd.DataFrame([rank_row(*values) for values in ranked])
    objective = {"emploi": 3.0, "numerique": 9.0, "sante": 2.0, "securite": 5.0}
    index = pd.DataFrame({"item": list(objective), "estimate": list(objective.values())}).assign(
        study="indices", wave=2019, population="territoire", question="indice_objectif",
        territory_level="region", territory="93", group="ensemble", statistic="index",
    )  # fmt: skip
    gaps = perceived_vs_objective(ranks, index).set_index("item")
    classes = {item: extra["class"] for item, extra in gaps["extra"].items()}
    assert classes == {
        "numerique": "fragile_sous_percu",
        "emploi": "percu_non_fragile",
        "sante": "ni_l_un_ni_l_autre",
        "securite": "ni_l_un_ni_l_autre",
    }
    assert gaps.loc["numerique", "estimate"] == pytest.approx(4.9 - 9.0)
    assert gaps.loc["numerique", "question"] == "perception_objectif"
    assert gaps.loc["numerique", "extra"]["objective_rank"] == 1


def test_an_unweighted_wave_with_text_codes_and_an_item_a_region_never_answers(tmp_path):
    """No weight nor strata (weights of 1), text answers, a numeric variable, a question skipped in a whole
    région (the other régions still get their figures) and one nobody answered (no figure)."""
    workspace = Workspace(tmp_path / "ws", f"sqlite:///{tmp_path / 'ws' / 'db.sqlite3'}").ensure()
    rng = np.random.default_rng(7)
    region = np.repeat(["11", "84", "93"], 60)
    skipped = np.where(region == "84", np.nan, rng.integers(1, 11, len(region)).astype(float))
    frame = pd.DataFrame(
        {
            "ident": np.arange(len(region)),
            "reg": region,
            "taille": rng.choice(["tpe", "pme", "ge"], len(region)),
            "secteur": rng.choice(["industrie", "services"], len(region)),
            "effectif": rng.integers(1, 500, len(region)),
            "q1_sante": skipped,
            "q1_culture_loisirs": np.nan,  # nobody answered
        }
    )
    frame.to_csv(tmp_path / "entreprises.csv", sep=";", index=False)
    (tmp_path / "codes.csv").write_text(
        textwrap.dedent(
            """\
            variable;type;label;question;item;domain;min;max;values;missing;level
            ident;id;Identifiant;;;;;;;;
            reg;region;Région;;;;;;;;region
            taille;group;Taille;;;;;;tpe=TPE|pme=PME|ge=Grandes entreprises;;
            secteur;categorical;Secteur;SECTEUR;;;;;;;
            effectif;numeric;Effectif salarié;EFFECTIF;;;;;;;
            q1_sante;rating;Fragilité : santé;Q1;;sante;1;10;;;
            q1_culture_loisirs;rating;Fragilité : culture;Q1;;culture_loisirs;1;10;;;
            """
        ),
        encoding="utf-8",
    )
    import_wave(
        tmp_path / "entreprises.csv",
        tmp_path / "codes.csv",
        workspace,
        "IMPACT-Entreprises",
        2021,
        "entreprises",
    )
    report = run_build(workspace)
    assert report.build.source == "enquêtes importées"
    with ResultsStore.from_workspace(workspace) as store:
        figures = store.query()
    assert set(figures["source"]) == {"IMPACT-Entreprises (entreprises.csv)"}
    sante = figures[(figures["item"] == "sante") & (figures["statistic"] == "mean")]
    assert set(sante.loc[sante["territory_level"] == "region", "territory"]) == {"11", "93"}
    assert not (figures["item"] == "culture_loisirs").any()
    data = frame.assign(w=1.0)
    direct = estimate(data, Design.from_frame(data, weights="w"), [Statistic.mean("effectif")])
    effectif = _one(figures, question="EFFECTIF", territory="FR", group="ensemble", statistic="mean")
    assert effectif["estimate"] == pytest.approx(direct["estimate"].iloc[0], rel=1e-12)
    assert effectif["se"] == pytest.approx(direct["se"].iloc[0], rel=1e-12)
    services = _one(figures, question="SECTEUR", item="services", territory="FR", group="ensemble")
    assert services["statistic"] == "share"
    assert 0 < services["estimate"] < 100
    by_size = figures[(figures["territory_level"] == "nation") & figures["group"].str.startswith("taille=")]
    assert set(by_size["group"]) == {"taille=tpe", "taille=pme", "taille=ge"}


def test_the_build_on_every_database(url, workspace):
    """The same build on SQLite and PostgreSQL (``DATABASE_URL``): same figures, same suppressions."""
    on_url = Workspace(workspace.root, url)
    report = run_build(on_url, label="deux bases")
    with ResultsStore.from_workspace(on_url) as store:
        figures = store.query()
    assert report.build.label == "deux bases"
    assert report.figures == len(figures)
    assert report.suppressed == int(figures["suppressed"].sum()) > 0
    reference = run_build(workspace)
    assert (reference.figures, reference.suppressed) == (report.figures, report.suppressed)
    fr = _one(figures, wave=2019, item="emploi", territory="FR", group="ensemble", statistic="mean")
    with ResultsStore.from_workspace(workspace) as store:
        same = _one(
            store.query(), wave=2019, item="emploi", territory="FR", group="ensemble", statistic="mean"
        )
    assert fr["estimate"] == pytest.approx(same["estimate"], rel=1e-12)


def test_observatoire_build_command(workspace, monkeypatch):
    from click.testing import CliRunner

    from observatoire.cli import main

    monkeypatch.setenv("OBSERVATOIRE_HOME", str(workspace.root))
    monkeypatch.setenv("DATABASE_URL", workspace.database_url)
    result = CliRunner().invoke(main, ["build", "--min-base", "50"])
    assert result.exit_code == 0, result.output
    assert "Construction n° 1 publiée" in result.output
    assert "2 vague(s)" in result.output
    with ResultsStore.from_workspace(workspace) as store:
        assert store.current_build().min_base == 50
        figures = store.query()
    assert figures.loc[figures["territory"] == "94", "suppressed"].all()
    counts = f"{number(len(figures), 0)} chiffres ({number(figures['suppressed'].sum(), 0)} non publiés"
    assert "\u202f" in counts  # over a thousand figures, grouped the French way
    assert counts in result.output


def test_observatoire_build_with_nothing_imported_says_what_to_do(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from observatoire.cli import main

    monkeypatch.setenv("OBSERVATOIRE_HOME", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 2
    assert "rien à calculer" in result.output
    assert "observatoire import" in result.output


INDICATOR_METADATA = (
    "code,domain,label,source,vintage,unit,direction\n"
    "taux_chomage,emploi,Taux de chômage au sens du BIT,synthétique,2015-2019,%,+1\n"
)


@pytest.mark.parametrize(
    ("bad_line", "line", "column"),
    [
        ("region,99,taux_chomage,2019,8.1", 4, "territory"),  # unknown territory code
        ("region,93,taux_chomage,2019,8.4", 4, None),  # duplicate (territory, indicator, year)
        ("region,93,taux_chomage,2015,huit", 4, "value"),  # text in a value
    ],
)
def test_a_bad_indicator_file_is_rejected_and_the_store_is_unchanged(
    workspace, tmp_path, bad_line, line, column
):
    first = run_build(workspace, n_draws=20)
    with ResultsStore.from_workspace(workspace) as store:
        export_results(store, tmp_path / "avant.csv")
    folder = workspace.root / "indicateurs"
    folder.mkdir()
    (folder / "indicateurs.csv").write_text(INDICATOR_METADATA, encoding="utf-8")
    (folder / "valeurs.csv").write_text(
        "territory_level,territory,indicator,year,value\n"
        "region,93,taux_chomage,2019,8.4\n"
        "region,11,taux_chomage,2019,7.9\n"
        f"{bad_line}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as raised:
        run_build(workspace, n_draws=20)
    message = str(raised.value)
    assert "valeurs.csv" in message
    assert f"ligne {line}" in message
    if column:
        assert f"« {column} »" in message
    with ResultsStore.from_workspace(workspace) as store:
        assert store.current_build().id == first.build.id
        export_results(store, tmp_path / "après.csv")
    assert (tmp_path / "après.csv").read_bytes() == (tmp_path / "avant.csv").read_bytes()
