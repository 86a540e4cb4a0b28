"""Open aggregates of partnership evaluations: how long :func:`aggregates.rebuild` takes (it runs when a
round closes, an evaluation is deleted and at each retention purge) and how long the methodology page
reads the published rows, with N closed evaluations of 2 or 3 partners (2,000 by default).

The evaluations are the demo's, made real and closed in a scratch workspace (``--home``, a temporary
folder by default; on PostgreSQL set ``DATABASE_URL`` to a scratch database: its evaluations are
replaced). Prints the figures; asserts nothing. Target: a rebuild under 1 s, so closing a round stays a
click.

Measured (2026-12-06, this 2-core machine shared with other engineers, load average 20-23, SQLite, 2,000
closed evaluations, 6,001 grids): rebuild 1,379 ms (median of 5), reading the published table 1.0 ms.
In process with 300 evaluations under the same load, the rebuild's profile is 0.33 s, a third of it the
commit: the 1 s target is met only on a machine less loaded than this one.

    .venv/bin/python benchmarks/evaluation_aggregates.py [--count 2000] [--home DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="closed evaluations")
    parser.add_argument("--home", type=Path, default=None, help="a scratch workspace (a temporary one)")
    options = parser.parse_args()
    home = options.home or Path(tempfile.mkdtemp(prefix="obs-bench-evaluations-"))
    os.environ["OBSERVATOIRE_HOME"] = str(home)
    from observatoire.web.setup import setup

    setup()
    from django.utils import timezone

    from observatoire.web.partenariats import aggregates
    from observatoire.web.partenariats.demo import create_demo
    from observatoire.web.partenariats.models import Evaluation, Response, Round

    started = time.perf_counter()
    create_demo(options.count, seed=1)
    Evaluation.objects.update(synthetic=False)  # a scratch workspace: the demo's stand for real ones
    Round.objects.update(closed=timezone.now())
    made = time.perf_counter() - started
    responses = Response.objects.count()
    database = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"{database} : {options.count:,} évaluations closes ({responses:,} grilles) créées en {made:.1f} s")
    rebuilds, reads = [], []
    for _ in range(5):
        started = time.perf_counter()
        rows = aggregates.rebuild()
        rebuilds.append(time.perf_counter() - started)
        started = time.perf_counter()
        table = aggregates.public_table()
        reads.append(time.perf_counter() - started)
    mark = "" if statistics.median(rebuilds) <= 1 else "  (objectif : 1 s)"
    print(f"rebuild : {statistics.median(rebuilds) * 1000:.0f} ms (médiane de 5), {rows} lignes{mark}")
    print(f"lecture du tableau publié : {statistics.median(reads) * 1000:.1f} ms, {len(table.rows)} modèles")
    Evaluation.objects.all().delete()
    aggregates.rebuild()


if __name__ == "__main__":
    main()
