"""A build killed halfway (SIGKILL, no cleanup possible) leaves the published results and export intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from observatoire.diagnosis.export import export_results
from observatoire.diagnosis.schema import BUILDING, FAILED, results
from observatoire.diagnosis.store import ResultsStore

SCRIPT = Path(__file__).with_name("killable_build.py")


def _rows_of(store: ResultsStore, build_id: int) -> int:
    with store.engine.connect() as connection:
        query = select(func.count()).select_from(results).where(results.c.build_id == build_id)
        return connection.execute(query).scalar_one()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL n'existe pas sur ce système")
def test_killing_a_build_halfway_leaves_the_previous_export(url, tmp_path, make_figures):
    with ResultsStore(url) as store:
        with store.new_build("publiée", "synthétique") as build:
            build.add(make_figures(6))
        published = build.id
        before = {suffix: tmp_path / f"avant{suffix}" for suffix in (".csv", ".parquet")}
        for path in before.values():
            export_results(store, path)

    builder = subprocess.Popen(
        [sys.executable, str(SCRIPT), url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        first = builder.stdout.readline()
        second = builder.stdout.readline()  # two batches committed, the third on its way
        assert first.startswith("lot 0 écrit"), first + builder.stderr.read()
        assert second.startswith("lot 1 écrit"), second + builder.stderr.read()
        killed = int(first.rsplit(" ", 1)[1])
        os.kill(builder.pid, signal.SIGKILL)
        builder.wait(timeout=30)
    finally:
        if builder.poll() is None:
            builder.kill()
            builder.wait()
        builder.stdout.close()
        builder.stderr.close()
    assert builder.returncode == -signal.SIGKILL

    with ResultsStore(url) as store:
        assert store.current_build().id == published
        status = {info.id: info.status for info in store.history()}
        assert status[killed] == BUILDING  # abandoned, nobody could mark it
        assert _rows_of(store, killed) >= 1000  # its batches were written, yet not served
        assert store.count() == 6
        for suffix, path in before.items():
            again = tmp_path / f"après{suffix}"
            export_results(store, again)
            assert again.read_bytes() == path.read_bytes()

        with store.new_build("suivante", "synthétique") as build:
            # holding the build lock proves the killed builder is gone: its version is failed at once
            assert {info.id: info.status for info in store.history()}[killed] == FAILED
            assert _rows_of(store, killed) == 0
            build.add(make_figures(6, shift=1.0))
        assert store.current_build().id == build.id
        assert store.query()["estimate"].iloc[0] == pytest.approx(7.0)
        assert killed not in {info.id for info in store.history()}  # retention dropped it
