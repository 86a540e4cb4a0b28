"""Bulk import and export of the case base for curators (``observatoire practices import FILE``).

An import reads every row, checks it as the admin would (the model's validators) and reports every bad
cell with its line, column and the expected value; it writes nothing unless the whole file is valid, and
then writes it in one transaction. ``--dry-run`` stops after the checks. The export writes the published
entries in the same columns, so an export imports back unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from observatoire.errors import InputError
from observatoire.messages import t
from observatoire.recommend import codes
from observatoire.web.agir.columns import CASES, CATALYSTS, TEMPLATE, TOOLS, Column, split
from observatoire.web.agir.models import (
    PUBLISHED,
    CaseStudy,
    Catalyst,
    Entry,
    Partner,
    Tool,
    refresh_search_keys,
)

MODELS: dict[str, type[Entry]] = {CASES: CaseStudy, CATALYSTS: Catalyst, TOOLS: Tool}
READABLE = (".csv", ".xlsx")
WRITABLE = (".csv", ".xlsx", ".json")


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    column: str
    message: str

    def describe(self, file: str) -> str:
        return t("agir.import.problem", file=file, line=self.line, column=self.column, message=self.message)


class ImportRejectedError(InputError):
    """A file with bad rows: every problem is listed, nothing was written."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        shown = [p.describe(file) for p in problems[:50]]
        more = len(problems) - len(shown)
        lines = [t("agir.import.rejected", file=file, count=len(problems)), *shown]
        if more:
            lines.append(t("agir.import.more", count=more))
        super().__init__("\n".join(lines))
        self.problems = problems


@dataclass
class Prepared:
    """One valid row, ready to save: the entry and what is saved after it (partners)."""

    entry: Entry
    line: int
    partners: list[tuple[str, str]] = field(default_factory=list)
    catalyst_title: str = ""


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number as a spreadsheet shows it, row) of a CSV (UTF-8, « , » or « ; ») or XLSX file."""
    if path.suffix.lower() not in READABLE:
        raise InputError(t("agir.import.format", file=path.name, formats=", ".join(READABLE)))
    if path.suffix.lower() == ".xlsx":
        yield from _xlsx_rows(path)
        return
    try:
        text = path.read_text("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(t("agir.import.encoding", file=path.name, error=error)) from None
    dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t") if text.strip() else csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    for row in reader:
        if None in row:
            yield reader.line_num, {**row, "__extra__": "x"}
        else:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(cell or "").strip() for cell in next(rows, ())]
    for number, values in enumerate(rows, start=2):
        if all(value in (None, "") for value in values):
            continue
        yield number, {name: _cell(value) for name, value in zip(header, values, strict=False) if name}
    book.close()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _BadCellError(ValueError):
    """A cell that is not what its column expects (the message says what was expected)."""


_SCALARS: dict[str, Callable[[str], Any]] = {
    "int": int,
    "float": lambda cell: float(cell.replace(",", ".")),
    "date": dt.date.fromisoformat,
}


def _territory(cell: str) -> tuple[str, str]:
    level, sep, code = cell.partition(":")
    if not sep:
        raise _BadCellError(cell)
    return level.strip(), code.strip()


def _partners(cell: str, line: int, column: Column, problems: list[Problem]) -> list[tuple[str, str]]:
    known = codes.labels(codes.ACTOR_TYPES)
    partners = []
    for part in split(cell):
        actor, _, name = part.partition(":")
        if actor.strip() not in known:
            message = t("agir.import.actor", value=actor, codes=", ".join(known))
            problems.append(Problem(line, column.name, message))
        partners.append((actor.strip(), name.strip()))
    return partners


def _parse(column: Column, cell: str, line: int, problems: list[Problem]) -> Any:
    """The value of one cell, or ``None`` (empty or bad: a bad one adds its problem)."""
    if column.kind == "list":
        return split(cell)
    if column.kind == "lines":
        return "\n".join(split(cell))
    if not cell:
        return None
    if column.kind == "partners":
        return _partners(cell, line, column, problems)
    try:
        if column.kind == "territory":
            return _territory(cell)
        return _SCALARS[column.kind](cell) if column.kind in _SCALARS else cell
    except ValueError:
        problems.append(
            Problem(line, column.name, t("agir.import.expected", expected=column.expected, value=cell))
        )
        return None


def _check_names(
    row: dict[str, str], line: int, template: dict[str, Column], problems: list[Problem]
) -> bool:
    """Whether the row's cells fit the header; unknown columns are problems."""
    if "__extra__" in row:
        problems.append(Problem(line, "—", t("agir.import.extra_cells")))
        return False
    for name in row:
        if name not in template:
            problems.append(Problem(line, name, t("agir.import.unknown_column", columns=", ".join(template))))
    return True


def _values(
    row: dict[str, str], item: Prepared, template: dict[str, Column], problems: list[Problem]
) -> dict[str, Any]:
    """The model fields a row sets (partners and catalyst go to ``item``)."""
    values: dict[str, Any] = {}
    for column in template.values():
        cell = (row.get(column.name) or "").strip()
        if column.required and not cell:
            problems.append(
                Problem(item.line, column.name, t("agir.import.required", expected=column.expected))
            )
            continue
        value = _parse(column, cell, item.line, problems)
        if column.kind == "territory" and value:
            values["territory_level"], values["territory_code"] = value
        elif column.kind == "partners":
            item.partners = value or []
        elif column.kind == "catalyst":
            item.catalyst_title = value or ""
        elif value is not None and value != "":
            values[column.field] = value
    values.setdefault("status", PUBLISHED)
    return values


def _validate(item: Prepared, template: dict[str, Column], problems: list[Problem]) -> None:
    """The model's own checks (the admin's), each error under its column."""
    try:
        item.entry.full_clean(exclude=["slug", "reference", "catalyst"])
    except ValidationError as error:
        fields = {column.field: column.name for column in template.values()}
        fields |= {"territory_level": "territoire", "territory_code": "territoire"}
        for name, messages in error.message_dict.items():
            problems.extend(Problem(item.line, fields.get(name, name), message) for message in messages)


def prepare(kind: str, rows: Iterable[tuple[int, dict[str, str]]], problems: list[Problem]) -> list[Prepared]:
    """Check every row (problems are appended, never raised) and build the unsaved entries."""
    template = {column.name: column for column in TEMPLATE[kind]}
    prepared = []
    for line, row in rows:
        if not _check_names(row, line, template, problems):
            continue
        item = Prepared(entry=MODELS[kind](), line=line)
        for name, value in _values(row, item, template, problems).items():
            setattr(item.entry, name, value)
        _validate(item, template, problems)
        prepared.append(item)
    return prepared


def _link_catalysts(prepared: list[Prepared], problems: list[Problem]) -> None:
    titles = set(Catalyst.objects.values_list("title", flat=True))
    for item in prepared:
        if item.catalyst_title and item.catalyst_title not in titles:
            problems.append(
                Problem(item.line, "catalyseur", t("agir.import.catalyst", title=item.catalyst_title))
            )


def save(prepared: list[Prepared]) -> None:
    """Write checked entries (call inside a transaction)."""
    catalysts = (
        {c.title: c for c in Catalyst.objects.all()} if any(p.catalyst_title for p in prepared) else {}
    )
    for item in prepared:
        if item.catalyst_title:
            item.entry.catalyst = catalysts[item.catalyst_title]
        item.entry.save()
        if item.partners:
            Partner.objects.bulk_create(
                Partner(case=item.entry, actor_type=actor, name=name) for actor, name in item.partners
            )
            refresh_search_keys(item.entry)


def import_rows(
    kind: str,
    rows: list[tuple[int, dict[str, str]]],
    file: str,
    dry_run: bool = False,
) -> int:
    """Check ``rows`` and, when all are valid and not ``dry_run``, write them; returns how many rows."""
    problems: list[Problem] = []
    prepared = prepare(kind, rows, problems)
    if kind == CASES:
        _link_catalysts(prepared, problems)
    if problems:
        raise ImportRejectedError(file, sorted(set(problems), key=lambda p: p.line))
    if not dry_run:
        with transaction.atomic():
            save(prepared)
    return len(prepared)


def import_file(kind: str, path: Path, dry_run: bool = False) -> int:
    """``observatoire <kind> import FILE [--dry-run]``: every row valid, or nothing written."""
    if not path.is_file():
        raise InputError(t("agir.import.missing", file=path))
    return import_rows(kind, list(read_rows(path)), path.name, dry_run)


def _cell_of(entry: Entry, column: Column) -> str:
    if column.kind == "territory":
        return entry.territory_key
    if column.kind == "partners":
        return "; ".join(f"{p.actor_type}:{p.name}" for p in entry.partners.all())
    if column.kind == "catalyst":
        catalyst = entry.catalyst
        return catalyst.title if catalyst is not None else ""
    value = getattr(entry, column.field)
    if column.kind == "list":
        return "; ".join(value)
    if column.kind == "lines":
        return "; ".join(value.splitlines())
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def export_rows(kind: str, entries: Iterable[Entry] | None = None) -> list[dict[str, str]]:
    """Published entries as template rows (the API's CSV uses them too)."""
    if entries is None:
        queryset: models.QuerySet = MODELS[kind].public.order_by("title")
        if kind == CASES:
            queryset = queryset.select_related("catalyst").prefetch_related("partners")
        entries = queryset
    return [{column.name: _cell_of(entry, column) for column in TEMPLATE[kind]} for entry in entries]


def rows_to_csv(kind: str, rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[column.name for column in TEMPLATE[kind]], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def export_file(kind: str, out: Path) -> int:
    """Write the published entries to ``out`` (.csv, .xlsx or .json), atomically; returns how many."""
    suffix = out.suffix.lower()
    if suffix not in WRITABLE:
        raise InputError(t("agir.export.format", file=out.name, formats=", ".join(WRITABLE)))
    rows = export_rows(kind)
    partial = out.with_name(f".{out.name}.partial")
    if suffix == ".csv":
        partial.write_text(rows_to_csv(kind, rows), "utf-8")
    elif suffix == ".json":
        partial.write_text(json.dumps(rows, ensure_ascii=False, indent=1), "utf-8")
    else:
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = kind
        names = [column.name for column in TEMPLATE[kind]]
        sheet.append(names)
        for row in rows:
            sheet.append([row[name] for name in names])
        book.save(partial)
    partial.replace(out)
    return len(rows)
