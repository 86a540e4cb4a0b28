"""The command line starts fast: its module and the light commands import no heavy library, and a small
estimate loads neither numba (its kernels only pay off on large tables) nor scipy.stats."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("numba", "scipy", "pandas", "sqlalchemy", "django", "pyarrow")
PROBE = """
import sys
from observatoire.cli import main
for args in {commands!r}:
    try:
        main(args)
    except SystemExit as done:
        assert not done.code, (args, done.code)
print(" ".join(sorted(name for name in {watched!r} if name in sys.modules)), file=sys.stderr)
"""


def _imported_by(commands: list[list[str]], watched: tuple[str, ...]) -> list[str]:
    probe = PROBE.format(commands=commands, watched=watched)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stderr.split()


def test_importing_the_cli_imports_no_heavy_library():
    assert _imported_by([], HEAVY) == []


def test_help_and_territoires_import_no_heavy_library():
    assert _imported_by([["--help"], ["territoires", "13055"]], HEAVY) == []


def test_a_small_estimate_loads_neither_numba_nor_scipy_stats(tmp_path):
    data = tmp_path / "petit.csv"
    lines = ["region;w;q1"] + [f"{11 + index % 3};1,{index % 7};{1 + index % 10}" for index in range(100)]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    estimate = ["estimate", str(data), "--weight", "w", "--strata", "region", "--by", "region"]
    estimate += ["--mean", "q1", "--top-box", "q1=8-10", "--compare-to-rest"]
    assert _imported_by([estimate], ("numba", "scipy.stats")) == []
