"""Tables of a page: one frame for downloads (raw numbers) and the same rows formatted for the screen.

A column has a ``kind`` that says how a value reads in French: ``text``, ``number`` (1 decimal),
``percent``, ``integer``, ``flag`` (« + plus élevé » / « − moins élevé », never colour alone), ``interval``.
A row whose ``publication`` column is « base insuffisante » shows that phrase instead of its figures.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from observatoire.diagnosis.export import CSV_OPTIONS, neutralise_formulas
from observatoire.diagnosis.query import row_dicts
from observatoire.messages import t
from observatoire.numbers import MISSING, number

SUPPRESSED = t("pages.suppressed")
PUBLICATION = "publication"
FLAG_WORDS = {"+": t("pages.flag.+"), "-": t("pages.flag.-")}
CHANGE_WORDS = {"+": t("pages.change.+"), "-": t("pages.change.-")}
NUMERIC_KINDS = ("number", "percent", "integer", "signed")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"
    #: figures that vanish when the row is suppressed (estimates, not labels)
    figure: bool = False
    #: the record key that says whether this column's figure is published (a comparison has one per side)
    status: str = PUBLICATION


@dataclass(frozen=True)
class Cell:
    text: str
    css: str = ""


@dataclass
class Table:
    """A named table: ``name`` is its download slug, ``caption`` its French title."""

    name: str
    caption: str
    columns: list[Column]
    frame: pd.DataFrame
    note: str = ""
    rows: list[list[Cell]] = field(init=False)

    def __post_init__(self) -> None:
        self.rows = [self._cells(record) for record in row_dicts(self.frame)]

    @property
    def empty(self) -> bool:
        return self.frame.empty

    def _cells(self, record: dict[str, Any]) -> list[Cell]:
        cells = []
        for column in self.columns:
            if column.figure and record.get(column.status) == SUPPRESSED:
                cells.append(Cell(SUPPRESSED, "suppressed"))
                continue
            cells.append(format_cell(record.get(column.key), column.kind))
        return cells

    def download_frame(self, context: dict[str, str] | None = None) -> pd.DataFrame:
        """The frame as downloaded: ``context`` columns first (territory, code, base...), the domain code
        beside its name, French column labels, figures rounded as the page shows them, flags in words."""
        keys = [c.key for c in self.columns]
        frame = self.frame.reindex(columns=keys).copy()
        for column in self.columns:
            frame[column.key] = frame[column.key].map(lambda value, kind=column.kind: _displayed(value, kind))
            if column.figure and column.status in self.frame and column.status != PUBLICATION:
                suppressed = self.frame[column.status] == SUPPRESSED
                frame.loc[suppressed, column.key] = None
        if PUBLICATION in self.frame and PUBLICATION not in keys:
            frame[PUBLICATION] = self.frame[PUBLICATION]
        labels = {c.key: c.label for c in self.columns}
        labels[PUBLICATION] = t("pages.col.publication")
        frame = frame.rename(columns=labels)
        if "code" in self.frame and keys and keys[0] == "domaine":
            frame.insert(1, t("pages.col.domain_code"), self.frame["code"].to_numpy())
        for position, (label, value) in enumerate((context or {}).items()):
            frame.insert(position, label, value)
        return frame

    def to_csv(self, context: dict[str, str] | None = None) -> bytes:
        """French spreadsheet CSV (Excel opens it on a double click): UTF-8 with BOM, ``;``, decimal comma;
        text cells a spreadsheet would read as formulas are neutralised."""
        buffer = io.BytesIO()
        frame = self.download_frame(context)
        for position in range(frame.shape[1]):  # by position: two columns may share a label (France, France)
            column = frame.iloc[:, position]
            if not pd.api.types.is_numeric_dtype(column):
                frame.isetitem(position, neutralise_formulas(column))
        frame.to_csv(buffer, index=False, **CSV_OPTIONS)
        return buffer.getvalue()

    def to_xlsx(self, context: dict[str, str] | None = None) -> bytes:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=self.name[:31])
        frame = self.download_frame(context)
        sheet.append(list(frame.columns))
        for values in frame.itertuples(index=False):
            sheet.append([_text_cell(sheet, value) for value in map(_plain, values)])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def _text_cell(sheet: Any, value: Any) -> Any:
    """Text as a text cell: openpyxl would otherwise write ``=HYPERLINK(...)`` as a live formula."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


#: Decimals a figure of each kind is shown (and downloaded) with.
DECIMALS = {"number": 1, "signed": 1, "percent": 0}


def _displayed(value: Any, kind: str) -> Any:
    """A value as the page shows it: rounded figures, whole integers, flags in words."""
    if _missing(value) or value == "":
        return None
    if kind in DECIMALS:
        return round(float(value), DECIMALS[kind])
    if kind == "integer":
        return int(value)
    if kind in ("flag", "change"):  # the words without their sign: a cell starting « + » reads as a formula
        words = FLAG_WORDS if kind == "flag" else CHANGE_WORDS
        return words.get(str(value), str(value)).lstrip("+−- ")
    return value


def _plain(value: Any) -> Any:
    """A cell value openpyxl writes: None for missing, Python scalars otherwise."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_cell(value: Any, kind: str) -> Cell:
    """The French reading of one value of a column of ``kind``."""
    if _missing(value) or value == "":
        return Cell(MISSING, "num" if kind in NUMERIC_KINDS else "")
    if kind == "number":
        return Cell(number(value), "num")
    if kind == "signed":
        return Cell(number(value, sign=True), "num")
    if kind == "percent":
        return Cell(number(value, 0) + " %", "num")
    if kind == "integer":
        return Cell(number(value, 0), "num")
    if kind == "flag":
        return Cell(FLAG_WORDS.get(str(value), str(value)), "flag-up" if value == "+" else "flag-down")
    if kind == "change":
        return Cell(CHANGE_WORDS.get(str(value), str(value)), "flag-up" if value == "+" else "flag-down")
    return Cell(str(value))
