"""The reasons pandas, openpyxl, pyreadstat and pyarrow give for refusing a file, said in French.

Their messages are English and number rows their own way (pandas' "EOF inside string starting at row 2"
counts from 0); the user gets one French sentence naming the row as a spreadsheet shows it (the header is
row 1). A reason we do not know becomes a plain French sentence too; ``--debug`` shows the original.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd

from observatoire.errors import InputError, Location
from observatoire.messages import t

_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_OPEN_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")


def parser_error(path: Path, kind: str, error: Exception) -> InputError:
    """The French :class:`InputError` for ``error``, raised by the ``kind`` reader on ``path``."""
    text = str(error)
    where = Location(file=path.name)
    if isinstance(error, pd.errors.EmptyDataError):
        return InputError(t("surveys.no_columns"), where)
    fields = _FIELDS.search(text)
    if fields:  # pandas numbers the records from 1, the header being 1: a spreadsheet's row
        expected, row, found = (int(group) for group in fields.groups())
        message = t("surveys.parse.fields", expected=expected, found=found)
        return InputError(message, Location(file=path.name, row=row))
    quote = _OPEN_QUOTE.search(text)
    if quote:  # counted from 0 here
        row = int(quote.group(1)) + 1
        return InputError(t("surveys.parse.open_quote"), Location(file=path.name, row=row))
    if kind == "Excel" and isinstance(error, zipfile.BadZipFile | KeyError):
        return InputError(t("surveys.parse.not_kind", kind=kind), where)
    if kind in ("SPSS", "Parquet"):
        return InputError(t("surveys.parse.not_kind", kind=kind), where)
    return InputError(t("surveys.unreadable", kind=kind), where)
