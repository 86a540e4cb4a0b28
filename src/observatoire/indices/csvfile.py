"""Reading the small CSV files of the indices (metadata, values, weights) with line numbers kept.

French spreadsheets export ``;``-separated files with decimal commas, others ``,``: the delimiter is taken
from the header line. Line numbers are those a spreadsheet shows (header = line 1), so that every error
can point at the cell to fix.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path

from observatoire.errors import InputError, Location
from observatoire.messages import t


def read_rows(
    path: Path, required: Sequence[str], optional: Sequence[str] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line, {column: text})`` for each data row; columns other than ``required``/``optional`` are
    ignored. Raises :class:`InputError` if the file is unreadable, a required column is missing or a row
    has the wrong number of fields."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise InputError(t("indices.file_missing"), Location(str(path))) from error
    except UnicodeDecodeError as error:
        raise InputError(t("indices.not_utf8"), Location(path.name)) from error
    lines = text.splitlines(keepends=True)
    if not lines or not lines[0].strip():
        raise InputError(t("indices.empty_file"), Location(path.name, 1))
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(lines, delimiter=delimiter)
    header = [name.strip() for name in next(reader)]
    for column in required:
        if column not in header:
            raise InputError(
                t("indices.missing_column", expected=", ".join(required)), Location(path.name, 1, column)
            )
    wanted = {name: header.index(name) for name in (*required, *optional) if name in header}
    for fields in reader:
        line = reader.line_num
        if not any(field.strip() for field in fields):
            continue
        if len(fields) != len(header):
            raise InputError(
                t("indices.field_count", found=len(fields), expected=len(header)), Location(path.name, line)
            )
        yield line, {name: fields[index] for name, index in wanted.items()}
