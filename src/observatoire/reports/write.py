"""Write reports into a folder: HTML, PDF and the data appendix (CSV) beside them, each atomically.

Files are written under a temporary name in the target folder and renamed, so a reader never sees half a
report and a failed run leaves the previous files in place.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from observatoire.diagnosis.export import CSV_OPTIONS
from observatoire.diagnosis.schema import FIGURE_COLUMNS, KEY_COLUMNS
from observatoire.diagnosis.store import ResultsStore
from observatoire.errors import InputError
from observatoire.messages import t
from observatoire.recommend.records import Record
from observatoire.reference.territories import Territory
from observatoire.reports.data import ReportData, gather, report_territories
from observatoire.reports.html import render_html
from observatoire.reports.pdf import render_pdf
from observatoire.workspace import atomic_write

FORMATS = ("html", "pdf")


@dataclass(frozen=True)
class Written:
    territory: Territory
    paths: tuple[Path, ...]


def parse_formats(text: str) -> tuple[str, ...]:
    """« html,pdf » -> ("html", "pdf"); an unknown format is an error naming the possible ones."""
    found = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [name for name in found if name not in FORMATS]
    if unknown or not found:
        raise InputError(
            t("reports.bad_format", formats=", ".join(unknown) or text, valid=", ".join(FORMATS))
        )
    return found


def file_stem(territory: Territory) -> str:
    return f"rapport-{territory.level}-{territory.code}".lower()


def appendix(data: ReportData) -> pd.DataFrame:
    """Every stored figure the report draws on, in the open-data columns."""
    frame = pd.concat([data.survey, data.region], ignore_index=True).drop_duplicates(subset=list(KEY_COLUMNS))
    frame = frame[list(FIGURE_COLUMNS)]
    return frame.assign(suppressed=frame["suppressed"].map({True: "true", False: "false"}))


def write_report(
    store: ResultsStore,
    territory: Territory,
    out: Path,
    formats: Iterable[str] = FORMATS,
    records: Sequence[Record] = (),
) -> Written:
    """Write ``territory``'s report into ``out``; return the paths written. ``records`` is the published
    case base (its « Pour agir » section); the caller reads it (the web owns it)."""
    out.mkdir(parents=True, exist_ok=True)
    data = gather(store, territory, records)
    stem = file_stem(territory)
    html = render_html(data)
    paths = []
    formats = tuple(formats)
    if "html" in formats:
        path = out / f"{stem}.html"
        with atomic_write(path) as temporary:
            temporary.write_text(html, encoding="utf-8")
        paths.append(path)
    if "pdf" in formats:
        path = out / f"{stem}.pdf"
        pdf = render_pdf(html)
        with atomic_write(path) as temporary:
            temporary.write_bytes(pdf)
        paths.append(path)
    path = out / f"{stem}-donnees.csv"
    table = appendix(data)
    with atomic_write(path) as temporary:
        table.to_csv(temporary, index=False, **CSV_OPTIONS)
    paths.append(path)
    return Written(territory, tuple(paths))


def _write_one(
    database_url: str, code: str, level: str, out: str, formats: tuple[str, ...], records: tuple[Record, ...]
) -> Written:
    """One report in a worker process (its own connection to the store)."""
    from observatoire.reference import territories

    with ResultsStore(database_url) as store:
        return write_report(store, territories.territory(code, level), Path(out), formats, records)


def write_all(
    database_url: str,
    out: Path,
    formats: Iterable[str] = FORMATS,
    territories: Iterable[Territory] | None = None,
    workers: int | None = None,
    records: Sequence[Record] = (),
) -> list[Written]:
    """The 13 régions and the national synthesis (or ``territories``), ``workers`` processes at a time
    (default: one per CPU). Rendering is CPU-bound (Vega and WeasyPrint), so processes, not threads."""
    places = list(territories if territories is not None else report_territories())
    formats = tuple(formats)
    workers = max(1, min(workers or os.cpu_count() or 1, len(places)))
    if workers == 1:
        with ResultsStore(database_url) as store:
            return [write_report(store, place, out, formats, records) for place in places]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [
            pool.submit(_write_one, database_url, place.code, place.level, str(out), formats, tuple(records))
            for place in places
        ]
        return [future.result() for future in futures]
