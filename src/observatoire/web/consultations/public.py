"""What everyone sees of the consultations a curator approved, and how the published pages learn of it.

The approved consultations' figures are written beside the open-data files
(:data:`observatoire.diagnosis.export.ADDED_ROWS`) whenever what is public changes: a curator approves or
withdraws, an organiser deletes or reopens, answers are imported or purged, margins change. That file is
the public state: the open-data files are rewritten with it, and its modification time is part of the key
every published page and API answer is cached under (:func:`observatoire.web.caching.build_version`), so
the territory pages and the API change on every server at once. Only closed consultations are approved
(answers no longer change); reopening one withdraws its approval.
"""

from __future__ import annotations

import fcntl
import logging
import threading
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from django.conf import settings

from observatoire.consultations.publication import Published, figure_rows
from observatoire.consultations.results import Results
from observatoire.consultations.thresholds import Reliability
from observatoire.diagnosis.export import ADDED_ROWS, export_open_data, write_added_rows
from observatoire.diagnosis.schema import FIGURE_COLUMNS
from observatoire.errors import ObservatoireError
from observatoire.web.caching import added_rows_version
from observatoire.web.consultations.models import Consultation
from observatoire.web.consultations.reading import consultation_results
from observatoire.web.results import store

log = logging.getLogger(__name__)
STUDY = "consultation-{}"
#: Serialises the open-data rewrites of every process of the workspace (next to the files).
LOCK = ".donnees-ouvertes.lock"
_pending: threading.Thread | None = None
_failure: Exception | None = None  # of the last background rewrite, for wait() to raise


def _rows_path() -> Path:
    return Path(settings.WORKSPACE.exports_dir) / ADDED_ROWS


@lru_cache(maxsize=8)
def _published_studies(path: str, stamp: int) -> frozenset[tuple[str, str, str]]:
    if not stamp:
        return frozenset()
    rows = pq.read_table(path, columns=["study", "territory_level", "territory"]).to_pandas()
    return frozenset(rows.itertuples(index=False, name=None))


def published_on(level: str, code: str) -> list[tuple[Consultation, Results]]:
    """The approved consultations of a territory with results to show, latest first. Reads the database
    only for a territory the public figures name (most pages have none)."""
    studies = _published_studies(str(_rows_path()), added_rows_version())
    wanted = [s.removeprefix("consultation-") for s, lv, c in studies if lv == level and c == code]
    if not wanted:
        return []
    found = []
    for consultation in Consultation.objects.filter(public_id__in=wanted, approved=True).order_by("-ends"):
        results = consultation_results(consultation)
        if results is not None and results.reliability is not Reliability.HIDDEN:
            found.append((consultation, results))
    return found


def approved(public_id: str | None = None) -> list[tuple[Consultation, Results]]:
    """Every approved consultation with results to show (API, open data), latest first; or the one
    whose public identifier is ``public_id``."""
    found = []
    chosen = Consultation.objects.filter(approved=True).order_by("-ends", "pk")
    if public_id is not None:
        chosen = chosen.filter(public_id=public_id)
    for consultation in chosen:
        try:
            results = consultation_results(consultation)
        except ObservatoireError as problem:  # margins a curator changed badly: left out, said in the log
            log.warning("consultation %s left out of the public figures: %s", consultation.pk, problem)
            continue
        if results is not None and results.reliability is not Reliability.HIDDEN:
            found.append((consultation, results))
    return found


def public_rows() -> pd.DataFrame:
    """The open-data rows of every approved consultation (``source = consultation``)."""
    frames = [
        figure_rows(
            results,
            Published(STUDY.format(c.public_id), c.ends.year, c.territory_level, c.territory_code),
        )
        for c, results in approved()
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(FIGURE_COLUMNS))


def _export_open_data(folder: Path) -> None:
    """The open-data files of the published build with the public figures, one process at a time (the
    last to take the lock reads the latest figures, so the files end in the latest state). A failure is
    logged (a curator's click is not the place for it) and kept for :func:`wait`, which raises it."""
    global _failure
    try:
        with (folder / LOCK).open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            export_open_data(store(), folder)
    except Exception as error:
        log.warning("open data not rewritten after a consultation change: %s", error)
        _failure = error


def republish(background: bool = True) -> None:
    """Write the public figures of the approved consultations (at once: the published pages and the API
    change with them) and rewrite the open-data files that join them, in a background thread by default
    (they take seconds; a curator's click should not wait for them). :func:`wait` joins it."""
    global _pending
    folder = Path(settings.WORKSPACE.exports_dir)
    write_added_rows(public_rows(), folder)
    if not background:
        _export_open_data(folder)
        return
    _pending = threading.Thread(target=_export_open_data, args=(folder,), daemon=True)
    _pending.start()


def wait() -> None:
    """Wait for the open-data files this process is rewriting (commands, before they exit; tests), and
    raise the error of a rewrite that failed, so that a command says it and exits non-zero."""
    global _failure
    if _pending is not None:
        _pending.join()
    failure, _failure = _failure, None
    if failure is not None:
        raise failure
