"""Reports benchmark: the 13 régions and the national synthesis, HTML and PDF (target: <= 60 s
on 2 cores). Builds a fresh demo workspace first (not timed) unless ``--workspace`` names a built one.
Prints the total, the per-report time and, for one report, the time of each stage; asserts nothing.

    .venv/bin/python benchmarks/reports.py [--workspace DIR] [--workers 2] [--draws 200]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from observatoire.demo import generate_demo
from observatoire.diagnosis.build import run_build
from observatoire.diagnosis.store import ResultsStore
from observatoire.reports import charts, content, data, html, pdf
from observatoire.reports.write import write_all
from observatoire.workspace import Workspace


def _stages(workspace: Workspace, code: str) -> None:
    """One report stage by stage, in this process."""
    with ResultsStore.from_workspace(workspace) as store:
        marks = [time.perf_counter()]
        gathered = data.gather(store, data.resolve(code))
        marks.append(time.perf_counter())
        sections = content.sections(gathered)
        marks.append(time.perf_counter())
        count = sum(len(section.charts) for section in sections)
        for section in sections:
            for chart in section.charts:
                charts.to_svg(chart)
        marks.append(time.perf_counter())
        document = html.render_html(gathered)  # sections and SVG again, plus the template
        marks.append(time.perf_counter())
        size = len(pdf.render_pdf(document))
        marks.append(time.perf_counter())
    names = ("gather (3 store reads)", "sections + chart specs", f"{count} SVG (vl-convert)", "whole HTML")
    names = (*names, "PDF (WeasyPrint)")
    print(f"report {code}, stage by stage (one process):")
    for name, start, end in zip(names, marks, marks[1:], strict=False):
        print(f"  {name:28s} {end - start:6.2f} s")
    print(f"  HTML {len(document) / 1024:.0f} kB, PDF {size / 1024:.0f} kB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", type=Path, default=None, help="a built workspace to reuse")
    parser.add_argument("--workers", type=int, default=2, help="processes (default 2, the target machine)")
    parser.add_argument("--draws", type=int, default=200, help="Monte Carlo draws when building the demo")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="observatoire-bench-") as folder:
        if options.workspace is None:
            root = Path(folder) / "observatoire-data"
            workspace = Workspace(root=root, database_url=f"sqlite:///{root / 'results.sqlite3'}").ensure()
            started = time.perf_counter()
            generate_demo(workspace)
            run_build(workspace, n_draws=options.draws)
            print(f"demo build (not counted)  {time.perf_counter() - started:6.2f} s")
        else:
            workspace = Workspace.from_env(options.workspace)
        out = Path(folder) / "rapports"
        places = data.report_territories()
        started = time.perf_counter()
        cpu = os.times()
        written = write_all(workspace.database_url, out, ("html", "pdf"), workers=options.workers)
        elapsed = time.perf_counter() - started
        after = os.times()
        children = (after.children_user - cpu.children_user) + (after.children_system - cpu.children_system)
        files = sum(len(done.paths) for done in written)
        print(
            f"{len(places)} reports HTML + PDF + CSV ({files} files), {options.workers} worker(s): "
            f"{elapsed:6.2f} s wall, {elapsed / len(places):.2f} s per report; "
            f"workers' CPU {children:.1f} s (target <= 60 s on 2 cores)"
        )
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU(s)")
        _stages(workspace, "93")


if __name__ == "__main__":
    main()
