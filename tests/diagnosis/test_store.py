"""The results store: round trip, filters, suppression, atomic builds, retention, validation."""

from __future__ import annotations

import math
import time

import pandas as pd
import pytest
from sqlalchemy import func, inspect, select

from observatoire.diagnosis.query import row_dicts
from observatoire.diagnosis.schema import (
    COMPLETE,
    FAILED,
    MIGRATIONS,
    READ_COLUMNS,
    SCHEMA_VERSION,
    builds,
    results,
    schema_version,
)
from observatoire.diagnosis.store import ResultsStore
from observatoire.errors import InputError, StoreError


def _publish(store: ResultsStore, frame: pd.DataFrame, label: str = "essai") -> int:
    with store.new_build(label, "synthétique", {"seed": 1}) as build:
        build.add(frame)
    return build.id


def _stored_rows(store: ResultsStore, build_id: int) -> int:
    with store.engine.connect() as connection:
        return connection.execute(
            select(func.count()).select_from(results).where(results.c.build_id == build_id)
        ).scalar_one()


def test_row_dicts_give_the_values_to_dict_gives(store, make_figures):
    """Pages read small answers as plain records (three times faster than ``to_dict``): the same values
    and Python types, missing ones included."""
    _publish(store, make_figures(6))
    got = store.query()
    fast, slow = row_dicts(got), got.to_dict("records")
    assert len(fast) == len(slow) == 6
    assert any(pd.isna(row["flag"]) for row in slow)  # missing values are compared too
    for mine, theirs in zip(fast, slow, strict=True):
        assert list(mine) == list(theirs)
        for key, value in theirs.items():
            assert type(mine[key]) is type(value), key
            assert (pd.isna(value) is True and pd.isna(mine[key]) is True) or mine[key] == value, key


def test_round_trip_returns_what_was_written(store, make_figures):
    frame = make_figures(6)
    build_id = _publish(store, frame.iloc[:4])
    info = store.current_build()
    assert info.id == build_id
    assert (info.status, info.label, info.source) == (COMPLETE, "essai", "synthétique")
    assert info.parameters == {"seed": 1}
    assert info.row_count == 4
    assert info.min_base == 30
    assert info.finished_at >= info.started_at
    assert info.started_at.utcoffset().total_seconds() == 0

    got = store.query()
    assert list(got.columns) == list(READ_COLUMNS)
    assert len(got) == 4
    assert got["estimate"].tolist() == pytest.approx(frame["estimate"].iloc[:4].tolist())
    assert got["territory"].tolist() == ["FR", "93", "11", "FR"]
    assert got["group"].unique().tolist() == ["ensemble"]
    assert got["source"].unique().tolist() == ["synthétique"]
    assert pd.isna(got["flag"].iloc[0])
    assert got["flag"].iloc[1] == "+"
    assert got["extra"].iloc[0] == {"df": 40, "p_value": 0.01}
    assert str(got["wave"].dtype) == "int64"
    assert str(got["n"].dtype) == "Int64"
    assert got["suppressed"].dtype == bool


def test_batches_keep_their_order(store, make_figures):
    frame = make_figures(9)
    with store.new_build("lots", "synthétique") as build:
        for start in range(0, 9, 4):
            build.add(frame.iloc[start : start + 4])
    assert store.query()["estimate"].tolist() == pytest.approx(frame["estimate"].tolist())
    assert store.current_build().row_count == 9


def test_filters_take_values_and_lists(store, make_figures):
    _publish(store, pd.concat([make_figures(6, wave=2015), make_figures(6, wave=2019)]))
    assert len(store.query()) == 12
    assert len(store.query(wave=2019)) == 6
    assert len(store.query(wave="2015")) == 6
    assert len(store.query(territory="93")) == 4
    assert len(store.query(territory=["93", "11"], wave=2019)) == 4
    assert len(store.query(territory_level="nation", item="domaine_1")) == 2
    assert len(store.query(study="PHARE-Citoyens")) == 6
    assert len(store.query(population="citoyens", question="Q1", statistic="mean", group="ensemble")) == 12
    assert store.query(population="entreprises").empty
    assert list(store.query(population="entreprises").columns) == list(READ_COLUMNS)
    assert store.count(wave=2019, territory=["FR"]) == 2
    assert store.count() == 12
    assert store.distinct("wave") == [2015, 2019]
    assert store.distinct("territory", territory_level="region") == ["11", "93"]
    page = store.query(wave=2019, limit=4, offset=4)
    assert page["estimate"].tolist() == pytest.approx(store.query(wave=2019)["estimate"].iloc[4:].tolist())
    with pytest.raises(InputError, match="filtre inconnu « domaine »"):
        store.count(domaine="emploi")
    with pytest.raises(InputError, match="colonne inconnue"):
        store.distinct("estimate")
    with pytest.raises(InputError, match="vague invalide"):
        store.query(wave="deux mille")
    with pytest.raises(InputError, match="pagination"):
        store.query(limit=-1)


def test_an_older_build_can_be_read_by_id(store, make_figures):
    first = _publish(store, make_figures(3))
    _publish(store, make_figures(3, shift=1.0))
    assert store.query(build_id=first)["estimate"].iloc[0] == pytest.approx(6.0)
    assert store.query()["estimate"].iloc[0] == pytest.approx(7.0)
    with pytest.raises(StoreError, match="construction n° 999 introuvable"):
        store.query(build_id=999)


def test_nothing_published_is_a_french_error(url):
    with ResultsStore(url) as store:
        assert store.current_build() is None
        with pytest.raises(StoreError, match="aucune construction publiée : lancez `observatoire build`"):
            store.query()
        with pytest.raises(StoreError, match="aucune construction publiée"):
            store.count()
        store.migrate()  # tables exist, pointer does not
        assert store.current_build() is None
        with pytest.raises(StoreError, match="aucune construction publiée"):
            store.distinct("wave")


def test_reading_does_not_create_a_sqlite_file(tmp_path):
    path = tmp_path / "absent.sqlite3"
    with ResultsStore(f"sqlite:///{path}") as store, pytest.raises(StoreError):
        store.query()
    assert not path.exists()


@pytest.mark.parametrize(("n", "suppressed"), [(29, True), (30, False), (0, True), (None, False)])
def test_suppression_rule(store, make_figures, n, suppressed):
    frame = make_figures(1).assign(n=[n], flag=["+"])
    build_id = _publish(store, frame)
    row = store.query().iloc[0]
    assert row["suppressed"] == suppressed
    assert math.isnan(row["estimate"]) == suppressed
    assert pd.isna(row["flag"]) == suppressed
    with store.engine.connect() as connection:
        blanked = [results.c[name] for name in ("estimate", "se", "ci_low", "ci_high", "extra")]
        stored = connection.execute(select(*blanked).where(results.c.build_id == build_id)).one()
    if suppressed:
        assert tuple(stored) == (None, None, None, None, None)  # NULL in the database, never a number
    else:
        assert stored[0] == pytest.approx(6.0)


def test_suppression_threshold_is_configurable_and_recorded(url, make_figures):
    with ResultsStore(url, min_base=50) as store:
        _publish(store, make_figures(2).assign(n=[49, 50]))
        assert store.query()["suppressed"].tolist() == [True, False]
        assert store.current_build().min_base == 50
        with store.new_build("seuil 10", "synthétique", min_base=10) as build:
            build.add(make_figures(2).assign(n=[9, 10]))
        assert store.query()["suppressed"].tolist() == [True, False]


def test_a_negative_threshold_is_refused(url):
    with pytest.raises(InputError, match="seuil de publication invalide"):
        ResultsStore(url, min_base=-1)
    with ResultsStore(url) as store:
        with pytest.raises(InputError, match="seuil"), store.new_build("x", "y", min_base=-5):
            pass
        assert store.current_build() is None


def test_rows_the_build_marks_suppressed_are_blanked(store, make_figures):
    _publish(store, make_figures(2).assign(n=[500, 500], suppressed=[True, False]))
    got = store.query()
    assert got["suppressed"].tolist() == [True, False]
    assert got["estimate"].isna().tolist() == [True, False]
    assert got["extra"].iloc[0] is None


def test_a_failing_build_leaves_the_published_one(store, make_figures):
    published = _publish(store, make_figures(6))
    before = store.query()
    started = []

    def failing_build():
        with store.new_build("échoue", "synthétique") as build:
            started.append(build)
            build.add(make_figures(6, shift=3.0))
            raise RuntimeError("panne au milieu de la construction")

    with pytest.raises(RuntimeError, match="panne"):
        failing_build()
    build = started[0]
    assert store.current_build().id == published
    pd.testing.assert_frame_equal(store.query(), before)
    failed = next(info for info in store.history() if info.id == build.id)
    assert failed.status == FAILED
    assert _stored_rows(store, build.id) == 0
    with pytest.raises(StoreError, match="terminée"):
        build.add(make_figures(1))


def test_an_empty_build_is_not_published(store, make_figures):
    published = _publish(store, make_figures(3))
    empty = store.new_build("vide", "synthétique")
    with pytest.raises(StoreError, match="ne contient aucun résultat"), empty:
        pass
    assert store.current_build().id == published


def test_an_invalid_batch_fails_the_build(store, make_figures):
    published = _publish(store, make_figures(3))
    with store.new_build("invalide", "synthétique") as build:
        build.add(make_figures(3))
        with pytest.raises(InputError):
            build.add(make_figures(1).assign(territory_level="canton"))
        raise_now = build.id
    # the caller caught the error and finished cleanly: the valid rows are published, the invalid never stored
    assert store.current_build().id == raise_now != published
    assert store.count() == 3


def test_only_one_build_at_a_time(url, make_figures):
    with ResultsStore(url) as first, ResultsStore(url) as second:
        with first.new_build("un", "synthétique") as build:
            build.add(make_figures(3))
            concurrent = second.new_build("deux", "synthétique")
            with pytest.raises(StoreError, match="une autre construction est en cours"), concurrent:
                pass
        assert second.current_build().label == "un"
    with ResultsStore(url) as store:
        _publish(store, make_figures(2), "après")  # the lock was released
        assert store.current_build().label == "après"


def test_retention_keeps_the_last_builds(url, make_figures):
    with ResultsStore(url, keep=2) as store:
        ids = [_publish(store, make_figures(3, shift=float(i)), f"n° {i}") for i in range(4)]
        kept = [info.id for info in store.history()]
        assert kept == [ids[3], ids[2]]
        assert [_stored_rows(store, i) for i in ids] == [0, 0, 3, 3]
        assert store.current_build().id == ids[3]


def test_migrations_are_recorded_and_idempotent(store):
    assert store.migrate() == SCHEMA_VERSION
    assert store.migrate() == SCHEMA_VERSION
    with store.engine.connect() as connection:
        assert connection.execute(select(schema_version.c.version)).scalars().all() == [SCHEMA_VERSION]
        assert connection.execute(select(func.count()).select_from(builds)).scalar_one() == 0


def test_a_version_1_database_is_migrated_in_place(store, make_figures):
    with store.engine.begin() as connection:  # the store as version 1 left it
        schema_version.create(connection)
        connection.execute(schema_version.insert().values(version=1))
        MIGRATIONS[0](connection)
    assert store.migrate() == SCHEMA_VERSION >= 2
    with store.engine.connect() as connection:
        indexes = {index["name"] for index in inspect(connection).get_indexes(results.name)}
    assert {"ix_obs_results_figure", "ix_obs_results_level", "ix_obs_results_territory"} <= indexes
    assert "ix_obs_results_question" not in indexes
    _publish(store, make_figures(3))
    assert store.count(territory_level="region") == 2


def test_a_newer_schema_is_refused(url, make_figures):
    with ResultsStore(url) as store:
        _publish(store, make_figures(2))
        with store.engine.begin() as connection:
            connection.execute(schema_version.update().values(version=SCHEMA_VERSION + 1))
    with ResultsStore(url) as store, pytest.raises(StoreError, match="plus récent"):
        store.query()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.drop(columns=["n"]), "colonnes obligatoires absentes des résultats : n"),
        (lambda f: f.assign(estimat=1.0), "colonnes inconnues dans les résultats : estimat"),
        (lambda f: f.assign(territory_level="canton"), "niveau territorial inconnu « canton »"),
        (lambda f: f.assign(statistic=" "), "colonne « statistic » : valeur obligatoire manquante ou vide"),
        (lambda f: f.assign(territory=None), "colonne « territory » : valeur obligatoire"),
        (lambda f: f.assign(n=12.5), "colonne « n » : un effectif entier"),
        (lambda f: f.assign(n=-1), "colonne « n » : un effectif entier"),
        (lambda f: f.assign(estimate="six"), "colonne « estimate » : un nombre est attendu"),
        (lambda f: f.assign(se=float("inf")), "colonne « se » : un nombre fini"),
        (lambda f: f.assign(wave=None), "colonne « wave » : valeur obligatoire"),
        (lambda f: f.assign(suppressed="oui"), "colonne « suppressed » : vrai ou faux"),
        (lambda f: f.assign(extra=[{"p": float("nan")}] * len(f)), "colonne « extra »"),
        (lambda f: pd.concat([f, f.iloc[[0]]]), "ligne 4 : résultat en double"),
        (lambda f: f.to_dict("records"), "tableau pandas"),
    ],
)
def test_invalid_rows_are_refused_with_a_clear_message(store, make_figures, change, message):
    with pytest.raises(InputError, match=message), store.new_build("invalide", "synthétique") as build:
        build.add(change(make_figures(3)))
    assert store.current_build() is None


def test_the_error_names_the_row(store, make_figures):
    frame = make_figures(3)
    frame.loc[2, "statistic"] = ""
    expected = r"^ligne 3, colonne « statistic »"
    with pytest.raises(InputError, match=expected), store.new_build("x", "y") as build:
        build.add(frame)


def test_readers_are_not_blocked_by_a_writing_transaction(url, make_figures):
    with ResultsStore(url) as store:
        published = _publish(store, make_figures(3))
        with store.new_build("en cours", "synthétique") as build, store.engine.connect() as writer:
            build.add(make_figures(3, shift=1.0))
            writer.execute(results.delete().where(results.c.build_id == build.id))  # write lock held, open
            start = time.perf_counter()
            with ResultsStore(url) as reader:
                assert reader.current_build().id == published
                assert len(reader.query()) == 3
            assert time.perf_counter() - start < 5  # no wait for the writer (SQLite: write-ahead log)
            writer.rollback()
        assert store.current_build().id == build.id


def test_sqlite_files_use_the_write_ahead_log(tmp_path, make_figures):
    with ResultsStore(f"sqlite:///{tmp_path / 'wal.sqlite3'}") as store:
        _publish(store, make_figures(1))
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
