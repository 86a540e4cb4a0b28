"""Open-data export of the published build: one row per figure, the columns of ``schema.FIGURE_COLUMNS``.

CSV is written for French spreadsheet users first (Excel in French opens it with a double click): UTF-8
with a byte-order mark, ``;`` between fields, ``,`` as decimal separator, ``true``/``false`` for
``suppressed``, empty cells for missing values. Programs read it with ``sep=";", decimal=","``.
CSV and Parquet are reproducible byte for byte from the same build; XLSX adds a "colonnes" sheet that
documents each column. Files are written under a temporary name and renamed, so a reader never sees a
half-written export and a failed export leaves the previous file in place.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from observatoire.diagnosis import xlsx
from observatoire.diagnosis.engine import sqlite_path
from observatoire.diagnosis.export_target import check_target
from observatoire.diagnosis.schema import FIGURE_COLUMNS
from observatoire.diagnosis.store import BuildInfo, ResultsStore
from observatoire.errors import InputError, StoreError
from observatoire.messages import t
from observatoire.workspace import Workspace, atomic_write

XLSX_MAX_ROWS = 1_048_576 - 1  # one sheet, less its header

CSV_OPTIONS = {"sep": ";", "decimal": ",", "encoding": "utf-8-sig", "lineterminator": "\n"}
#: The international dialect, for programs: comma separator, decimal point, UTF-8 without BOM.
STANDARD_CSV_OPTIONS = {"sep": ",", "decimal": ".", "encoding": "utf-8", "lineterminator": "\n"}

_ARROW_TYPES = {"wave": pa.int32(), "n": pa.int64(), "suppressed": pa.bool_()}
_ARROW_TYPES.update(dict.fromkeys(("estimate", "se", "ci_low", "ci_high", "weighted_n"), pa.float64()))
PARQUET_SCHEMA = pa.schema([(name, _ARROW_TYPES.get(name, pa.string())) for name in FIGURE_COLUMNS])


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    build: BuildInfo


def _build_metadata(build: BuildInfo) -> dict[str, object]:
    return {
        "build": build.id,
        "label": build.label,
        "source": build.source,
        "finished_at": build.finished_at.isoformat() if build.finished_at else None,
        "code_version": build.code_version,
        "min_base": build.min_base,
    }


#: A text cell starting with one of these is read as a formula by spreadsheets (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: ... except the significance flags themselves: a lone ``+`` or ``-`` is no formula.
_PLAIN_CELLS = ("+", "-")


def neutralise_formulas(values: pd.Series) -> pd.Series:
    """Text cells that a spreadsheet would evaluate, prefixed with ``'`` as OWASP recommends (numbers, a
    negative estimate included, are not text and stay numbers)."""
    text = values.astype("string")
    risky = (text.str.startswith(FORMULA_STARTS) & ~text.isin(_PLAIN_CELLS)).fillna(False)
    return values.mask(risky, "'" + text) if risky.any() else values


def _safe_text(values: pd.Series) -> pd.Series:
    """Formulas neutralised, then carriage returns written as line feeds: the csv module quotes a cell
    holding a line feed but not one holding a lone CR, which spreadsheets and pandas take as a new row."""
    neutral = neutralise_formulas(values)
    text = neutral.astype("string")
    has_cr = text.str.contains("\r", regex=False).fillna(False)
    return (
        neutral.mask(has_cr, text.str.replace("\r\n", "\n").str.replace("\r", "\n"))
        if has_cr.any()
        else neutral
    )


def write_open_data_csv(
    frame: pd.DataFrame, target: Path | IO[bytes], options: dict[str, str] | None = None
) -> None:
    """The figures of ``frame`` as the open-data CSV (its columns, its dialect, formulas neutralised), to
    a file or a buffer: the one writer behind ``observatoire export`` and the API's CSV answers."""
    out = frame[list(FIGURE_COLUMNS)]
    text = [name for name in FIGURE_COLUMNS if not pd.api.types.is_numeric_dtype(out[name])]
    out = out.assign(**{name: _safe_text(out[name]) for name in text if name != "suppressed"})
    out = out.assign(suppressed=out["suppressed"].map({True: "true", False: "false"}))
    out.to_csv(target, index=False, **(options or CSV_OPTIONS))


def _write_csv(frame: pd.DataFrame, path: Path, _build: BuildInfo) -> None:
    write_open_data_csv(frame, path)


def _write_parquet(frame: pd.DataFrame, path: Path, build: BuildInfo) -> None:
    table = pa.Table.from_pandas(frame, schema=PARQUET_SCHEMA, preserve_index=False)
    metadata = {b"observatoire": json.dumps(_build_metadata(build), ensure_ascii=False).encode()}
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata})
    pq.write_table(table, path, compression="zstd")


def _write_xlsx(frame: pd.DataFrame, path: Path, build: BuildInfo) -> None:
    if len(frame) > XLSX_MAX_ROWS:
        raise InputError(t("export.too_many_rows", rows=len(frame), limit=XLSX_MAX_ROWS))
    documentation: list[list[object]] = [[t("export.sheet.column"), t("export.sheet.description")]]
    documentation += [[name, t(f"export.column.{name}")] for name in FIGURE_COLUMNS]
    documentation.append([])
    documentation += [[key, value] for key, value in _build_metadata(build).items()]
    sheets = {t("export.sheet.columns"): documentation}
    xlsx.write_workbook(path, t("export.sheet.data"), frame, sheets, created=build.finished_at)


WRITERS: dict[str, Callable[[pd.DataFrame, Path, BuildInfo], None]] = {
    ".csv": _write_csv,
    ".parquet": _write_parquet,
    ".xlsx": _write_xlsx,
}


def _writer(path: Path) -> Callable[[pd.DataFrame, Path, BuildInfo], None]:
    try:
        return WRITERS[path.suffix.lower()]
    except KeyError:
        raise InputError(
            t("export.unknown_format", suffix=path.suffix or path.name, formats=", ".join(WRITERS))
        ) from None


def export_results(
    store: ResultsStore,
    path: str | os.PathLike[str],
    *,
    workspace: Workspace | None = None,
    force: bool = False,
) -> ExportResult:
    """Write every figure of the published build to ``path`` (.csv, .parquet or .xlsx), atomically.

    Refused inside ``workspace``'s managed folders or onto the database, and onto an existing file that
    is not an export of ours unless ``force`` (:mod:`observatoire.diagnosis.export_target`).
    """
    target = Path(path)
    writer = _writer(target)
    check_target(target, workspace, sqlite_path(store.engine.url), force=force)
    frame, build = _published_frame(store)
    with atomic_write(target) as temporary:
        writer(frame, temporary, build)
    return ExportResult(path=target, rows=len(frame), build=build)


def _published_frame(store: ResultsStore) -> tuple[pd.DataFrame, BuildInfo]:
    with store.reading(snapshot=True) as connection:  # the build and its rows from one snapshot
        build = store.current_build(connection)
        if build is None:
            raise StoreError(t("store.nothing_published"))
        frame = store.query(build_id=build.id, connection=connection, columns=FIGURE_COLUMNS)
    return frame, build


def _write_standard_csv(frame: pd.DataFrame, path: Path, _build: BuildInfo) -> None:
    write_open_data_csv(frame, path, STANDARD_CSV_OPTIONS)


#: The open-data files ``observatoire build`` writes into the workspace's exports folder, and the web serves.
OPEN_DATA_FILES: dict[str, Callable[[pd.DataFrame, Path, BuildInfo], None]] = {
    "donnees-ouvertes.csv": _write_csv,  # French spreadsheet dialect: BOM, « ; », decimal comma
    "donnees-ouvertes-standard.csv": _write_standard_csv,  # comma, decimal point, no BOM
    "donnees-ouvertes.parquet": _write_parquet,
    "donnees-ouvertes.xlsx": _write_xlsx,
}


#: Figures published from outside the results store, kept beside the open-data files: the approved local
#: consultations, which the web writes when a curator approves or withdraws one (``source`` names them).
ADDED_ROWS = "sources-ajoutees.parquet"


def write_added_rows(frame: pd.DataFrame, folder: Path) -> None:
    """Replace the figures joined to every open-data export of ``folder`` (the open-data columns)."""
    folder.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(frame[list(FIGURE_COLUMNS)], schema=PARQUET_SCHEMA, preserve_index=False)
    with atomic_write(folder / ADDED_ROWS) as temporary:
        pq.write_table(table, temporary)


def _with_added_rows(frame: pd.DataFrame, folder: Path) -> pd.DataFrame:
    path = folder / ADDED_ROWS
    if not path.is_file():
        return frame
    added = pq.read_table(path).to_pandas()
    if added.empty:
        return frame
    joined = pd.concat([frame, added.astype(frame.dtypes.to_dict())], ignore_index=True)
    return joined


def export_open_data(store: ResultsStore, folder: Path) -> list[ExportResult]:
    """Every open-data file of :data:`OPEN_DATA_FILES` for the published build and the figures of
    :data:`ADDED_ROWS`, each written atomically (one read of the store for all)."""
    frame, build = _published_frame(store)
    frame = _with_added_rows(frame, folder)
    written = []
    for name, writer in OPEN_DATA_FILES.items():
        with atomic_write(folder / name) as temporary:
            writer(frame, temporary, build)
        written.append(ExportResult(path=folder / name, rows=len(frame), build=build))
    return written
