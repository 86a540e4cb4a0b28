"""Same seed, same bytes; ``respondents=`` scales every wave."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from observatoire.demo import DemoManifest, generate_demo
from observatoire.demo.generate import MINIMUM_SIZE, WAVES, build_waves
from observatoire.workspace import Workspace

pytestmark = pytest.mark.slow


def _checksums(manifest: DemoManifest) -> dict[str, str]:
    paths = [manifest.indicator_metadata, manifest.indicator_values]
    for wave in manifest.waves:
        paths += [wave.data_file, wave.codebook_file, wave.microdata / "data.parquet"]
    return {p.name + str(i): hashlib.sha256(Path(p).read_bytes()).hexdigest() for i, p in enumerate(paths)}


def test_same_seed_gives_identical_files(demo: DemoManifest, tmp_path: Path) -> None:
    again = generate_demo(Workspace(root=tmp_path / "again", database_url="sqlite://"))
    assert _checksums(again) == _checksums(demo)


def test_another_seed_gives_other_answers(tmp_path: Path) -> None:
    first = generate_demo(Workspace(root=tmp_path / "a", database_url="sqlite://"), respondents=600, seed=1)
    second = generate_demo(Workspace(root=tmp_path / "b", database_url="sqlite://"), respondents=600, seed=2)
    a, b = _checksums(first), _checksums(second)
    assert a.keys() == b.keys()
    same = {k for k in a if a[k] == b[k]}
    assert all("codebook" in k or k.startswith("indicateurs.csv") for k in same), same


def test_respondents_scales_every_wave() -> None:
    doubled = build_waves(respondents=4800)
    assert [w.n for w in doubled] == [2 * size for _, _, size, _ in WAVES]
    small = build_waves(respondents=240)
    assert [w.n for w in small] == [max(MINIMUM_SIZE, round(size / 10)) for _, _, size, _ in WAVES]
    assert all(len(values) == w.n for w in small for values in w.columns.values())
