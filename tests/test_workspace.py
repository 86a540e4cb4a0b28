"""atomic_write: the one way the platform writes a file (whole or not at all, with the umask's mode)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator

import pandas as pd
import pytest

from observatoire.surveys import Codebook, Kind, Variable, write_codebook
from observatoire.workspace import atomic_write


@pytest.fixture
def umask() -> Iterator[None]:
    previous = os.umask(0o027)
    yield
    os.umask(previous)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_writes_the_whole_file_with_the_umasks_mode(tmp_path, umask):
    target = tmp_path / "sub" / "resultats.csv"
    with atomic_write(target) as temporary:
        assert temporary.parent == target.parent
        assert temporary.name.startswith(".")
        assert temporary.suffix == ".csv"  # writers that pick a format by extension still can
        assert not target.exists()
        temporary.write_text("a;b\n", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "a;b\n"
    assert _mode(target) == 0o640  # 0666 less the umask, where mkstemp would give 0600
    assert [path.name for path in target.parent.iterdir()] == ["resultats.csv"]


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path):
    target = tmp_path / "rapport.html"
    target.write_text("avant", encoding="utf-8")

    def interrupted() -> None:
        with atomic_write(target) as temporary:
            temporary.write_text("à moitié", encoding="utf-8")
            raise RuntimeError("interrompu")

    with pytest.raises(RuntimeError):
        interrupted()
    assert target.read_text(encoding="utf-8") == "avant"
    assert [path.name for path in tmp_path.iterdir()] == ["rapport.html"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_codebook_files_are_not_private(tmp_path, umask, suffix):
    codebook = Codebook((Variable("id", Kind.ID, "Identifiant"), Variable("poids", Kind.WEIGHT, "Poids")))
    path = write_codebook(codebook, tmp_path / f"codes{suffix}")
    assert _mode(path) == 0o640


def test_raked_weights_are_not_private(tmp_path, umask):
    from observatoire.stats.weighting import write_parquet_atomically

    path = write_parquet_atomically(pd.DataFrame({"poids": [1.0, 2.0]}), tmp_path / "redresse.parquet")
    assert _mode(path) == 0o640
    assert pd.read_parquet(path)["poids"].tolist() == [1.0, 2.0]
