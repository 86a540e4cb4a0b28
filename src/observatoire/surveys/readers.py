"""Reading survey tables from the formats observatories actually receive: CSV, Excel, SPSS, Parquet.

Every reader returns a plain :class:`pandas.DataFrame` whose ``attrs`` say how to point a user back to the
file: ``attrs["source"]`` (the file name) and ``attrs["first_row"]`` (the row number, as the user sees it,
of the first data row: 2 for CSV and Excel, whose line 1 is the header; 1 for SPSS cases and Parquet
rows). The user's row of a record is ``first_row + its index label`` (blank CSV lines are dropped but
keep their numbers). SPSS metadata is kept, not applied: values stay numeric codes, labels go to
``attrs["value_labels"]`` (``{column: {code: label}}``) and ``attrs["column_labels"]`` (``{column: label}``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from observatoire.errors import InputError, Location
from observatoire.messages import t
from observatoire.surveys.encoding import csv_encoding
from observatoire.surveys.parse_errors import parser_error

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
SPSS_SUFFIXES = (".sav", ".zsav")
PARQUET_SUFFIXES = (".parquet", ".pq")
ACCEPTED_SUFFIXES = CSV_SUFFIXES + EXCEL_SUFFIXES + SPSS_SUFFIXES + PARQUET_SUFFIXES

_SEPARATORS = (";", "\t", ",")
#: Only truly empty cells are missing: pandas' default list (``NA``, ``N/A``, ``None``, ``NULL``...) would
#: erase answers, ``NA`` among them where a codebook declares it as a code. Declared missing codes are
#: applied by validation, from the codebook alone.
NO_GUESSED_MISSING = {"keep_default_na": False, "na_values": [""]}


def load_table(
    path: str | Path, *, sheet: str | int | None = None, text_columns: Iterable[str] = ()
) -> pd.DataFrame:
    """Read a survey table (.csv/.tsv, .xlsx, .sav, .parquet) into a DataFrame.

    ``sheet`` selects an Excel sheet (name or 0-based index; the first by default). ``text_columns`` are
    read as text in CSV and Excel files so that codes such as ``"01"`` or ``"2A"`` keep their leading
    zeros. A missing, unreadable or unsupported file raises :class:`InputError` naming the file.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(t("surveys.file_not_found"), Location(file=str(path)))
    suffix = path.suffix.lower()
    text = list(text_columns)
    readers: dict[tuple[str, ...], Callable[[], pd.DataFrame]] = {
        CSV_SUFFIXES: lambda: _read_csv(path, text),
        EXCEL_SUFFIXES: lambda: _read_excel(path, sheet, text),
        SPSS_SUFFIXES: lambda: _read_sav(path),
        PARQUET_SUFFIXES: lambda: _read_parquet(path),
    }
    for suffixes, reader in readers.items():
        if suffix in suffixes:
            frame = reader()
            break
    else:
        accepted = ", ".join(ACCEPTED_SUFFIXES)
        message = t("surveys.unsupported_format", suffix=suffix or "(aucune)", accepted=accepted)
        raise InputError(message, Location(file=path.name))
    frame.columns = [str(c).strip() for c in frame.columns]
    # A trailing separator makes an unnamed, empty column: harmless, dropped. A named one is not.
    unnamed_empty = [c for c in frame.columns if c.startswith("Unnamed: ") and frame[c].isna().all()]
    frame = frame.drop(columns=unnamed_empty) if unnamed_empty else frame
    _check_header(frame.columns, path.name)
    frame.attrs["source"] = path.name
    return frame


def _check_header(columns: Iterable[str], file: str) -> None:
    columns = list(columns)
    if not columns:
        raise InputError(t("surveys.no_columns"), Location(file=file))
    seen: set[str] = set()
    for column in columns:
        if column == "" or column.startswith("Unnamed: "):
            raise InputError(t("surveys.empty_header"), Location(file=file, row=1))
        if column in seen:
            raise InputError(t("surveys.duplicate_column"), Location(file=file, row=1, column=column))
        seen.add(column)


def sniff_separator(header_line: str) -> str:
    """The separator (``;``, tab or ``,``) that occurs most often outside quotes in the header line."""
    counts = dict.fromkeys(_SEPARATORS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _read_csv(path: Path, text_columns: list[str]) -> pd.DataFrame:
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    if not head.strip():
        raise InputError(t("surveys.empty_file"), Location(file=path.name))
    encoding = csv_encoding(path)
    first_line = head.decode("latin-1").splitlines()[0] if head else ""
    separator = sniff_separator(first_line)
    # Duplicated headers would be silently renamed by pandas ("x.1"): check the raw header first.
    header = [h.strip() for h in next(csv.reader([first_line.removeprefix("ï»¿")], delimiter=separator))]
    duplicated = [h for i, h in enumerate(header) if h and h in header[:i]]
    if duplicated:
        raise InputError(t("surveys.duplicate_column"), Location(file=path.name, row=1, column=duplicated[0]))
    try:
        frame = pd.read_csv(
            path,
            sep=separator,
            decimal="," if separator == ";" else ".",
            encoding=encoding,
            dtype=dict.fromkeys(text_columns, str) or None,
            skip_blank_lines=False,
            **NO_GUESSED_MISSING,
        )
    except (ValueError, pd.errors.ParserError, OSError) as error:
        raise parser_error(path, "CSV", error) from error
    # Blank lines were kept so that index + 2 is the line number; now they can go.
    frame = frame.dropna(how="all")
    frame.attrs["first_row"] = 2
    frame.attrs["decimal"] = "," if separator == ";" else "."
    frame.attrs["encoding"] = encoding
    return frame


def _read_excel(path: Path, sheet: str | int | None, text_columns: list[str]) -> pd.DataFrame:
    try:
        with pd.ExcelFile(path, engine="openpyxl") as book:
            chosen = _sheet(book.sheet_names, sheet, path.name)
            frame = pd.read_excel(
                book,
                sheet_name=chosen,
                dtype=dict.fromkeys(text_columns, str) or None,
                **NO_GUESSED_MISSING,
            )
    except InputError:
        raise
    except Exception as error:  # openpyxl raises zipfile / XML errors of many kinds on corrupt files
        raise parser_error(path, "Excel", error) from error
    frame = frame.dropna(how="all")
    frame.attrs["first_row"] = 2
    return frame


def _sheet(names: list[str], sheet: str | int | None, file: str) -> str:
    """The sheet asked for by name or 0-based position (``"2"`` is a name first, then a position)."""
    if sheet is None:
        return names[0]
    if isinstance(sheet, str) and sheet in names:
        return sheet
    position = sheet if isinstance(sheet, int) else int(sheet) if str(sheet).isdigit() else None
    if position is not None and 0 <= position < len(names):
        return names[position]
    message = t("surveys.sheet_not_found", sheet=sheet, sheets=", ".join(names))
    raise InputError(message, Location(file=file))


def _read_sav(path: Path) -> pd.DataFrame:
    import pyreadstat

    try:
        frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False)
    except Exception as error:  # pyreadstat raises its own ReadstatError / PyreadstatError
        raise parser_error(path, "SPSS", error) from error
    frame.attrs["first_row"] = 1
    frame.attrs["value_labels"] = {col: dict(labels) for col, labels in meta.variable_value_labels.items()}
    frame.attrs["column_labels"] = {col: label for col, label in meta.column_names_to_labels.items() if label}
    return frame


def _read_parquet(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(path)
    except Exception as error:  # pyarrow raises ArrowInvalid and friends
        raise parser_error(path, "Parquet", error) from error
    if not isinstance(frame.index, pd.RangeIndex) or frame.index.start != 0:
        # a pandas index saved in the file is data (e.g. the respondent id), not a row number
        named = any(name is not None for name in frame.index.names)
        frame = frame.reset_index(drop=not named)
    frame.attrs["first_row"] = 1
    return frame
