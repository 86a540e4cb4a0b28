"""Answers keyed from paper questionnaires: a CSV or Excel table, one row per questionnaire, checked whole.

Columns are the item codes of the ``consultation`` instrument (``q1_emploi`` … ``attention``, ``alliance``,
``sexe``, ``age``), ``commune`` (INSEE code of a commune of the territory) and the organiser's questions
(``org_1`` …, the answer's number from 1). A cell holds an answer's code or its label (« Femme »,
« Indispensable ») or, for ratings, a whole number 1–10; an empty rating is a question left unanswered.
Every row is checked before anything is returned: the first problem is raised as an
:class:`~observatoire.errors.InputError` naming the file, line and column and what was expected, with the
number of other problems, so that a file is loaded whole or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from observatoire.errors import InputError, Location
from observatoire.messages import t
from observatoire.questionnaires.model import Instrument, Item
from observatoire.reference.text import fold
from observatoire.surveys.readers import load_table

#: Items a paper questionnaire must answer: the weighting needs them.
REQUIRED = ("sexe", "age", "commune")
COMMUNE = "commune"


def _answer(item: Item, value: str) -> str | None:
    """The option code ``value`` designates (a code, a label, or a whole number such as « 7,0 »)."""
    by_code = {o.code: o.code for o in item.scale.options}
    if value in by_code:
        return value
    by_label = {fold(o.label): o.code for o in item.scale.options}
    if fold(value) in by_label:
        return by_label[fold(value)]
    number = value.replace(",", ".")
    try:
        whole = float(number)
    except ValueError:
        return None
    return by_code.get(str(int(whole))) if whole.is_integer() else None


def _expected(item: Item) -> str:
    return ", ".join(o.code if o.code == o.label else f"{o.code} ({o.label})" for o in item.scale.options)


def _check_columns(table: pd.DataFrame, known: list[str], name: str) -> None:
    unknown = [c for c in table.columns if c not in known]
    if unknown:
        raise InputError(
            t("consultations.paper.unknown_column", column=unknown[0], known=", ".join(known)),
            Location(file=name, row=1, column=unknown[0]),
        )
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise InputError(
            t("consultations.paper.missing_column", column=missing[0]), Location(file=name, row=1)
        )
    if table.empty:
        raise InputError(t("consultations.paper.empty"), Location(file=name))


def _text(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


class _Row:
    """The checks of one cell, by kind of column; each returns the stored code or a French problem."""

    def __init__(
        self, instrument: Instrument, communes: Sequence[str], extra: Sequence[dict[str, Any]]
    ) -> None:
        self.instrument = instrument
        self.communes = set(communes)
        self.extra = {q["code"]: q for q in extra}

    def cell(self, column: str, value: str) -> tuple[str | None, str | None]:
        """(code, None) for a good answer, (None, problem) for a bad one."""
        if column == COMMUNE:
            code = value.zfill(5)
            if code in self.communes:
                return code, None
            return None, t("consultations.paper.commune", value=value)
        if column in self.extra:
            high = len(self.extra[column]["options"])
            if value.isdigit() and 1 <= int(value) <= high:
                return str(int(value) - 1), None
            return None, t("consultations.paper.extra", value=value, high=high)
        item = self.instrument.item(column)
        assert item is not None  # unknown columns were refused first
        found = _answer(item, value)
        if found is None:
            return None, t("consultations.paper.value", value=value, expected=_expected(item))
        return found, None


def read_paper(
    path: str | Path, instrument: Instrument, communes: Sequence[str], extra: Sequence[dict[str, Any]]
) -> list[dict[str, str]]:
    """The answers of the paper file ``path``, each a mapping item code → option code, all checked."""
    path = Path(path)
    table = load_table(path, text_columns=[])
    table = table.astype(object).where(table.notna(), None)
    name = path.name
    first_row = int(table.attrs.get("first_row", 2))
    _check_columns(table, [i.code for i in instrument.items] + [COMMUNE] + [q["code"] for q in extra], name)
    checker = _Row(instrument, communes, extra)
    problems: list[tuple[Location, str]] = []
    rows: list[dict[str, str]] = []
    for offset, record in enumerate(table.to_dict("records")):
        answers: dict[str, str] = {}
        for column, raw in record.items():
            where = Location(file=name, row=first_row + offset, column=str(column))
            value = _text(raw)
            if not value:
                if column in REQUIRED:
                    problems.append((where, t("consultations.paper.required")))
                continue
            code, problem = checker.cell(str(column), value)
            if problem is not None:
                problems.append((where, problem))
            elif code is not None:
                answers[str(column)] = code
        rows.append(answers)
    if problems:
        where, message = problems[0]
        if len(problems) > 1:
            message += " " + t("consultations.paper.more", count=len(problems) - 1)
        raise InputError(message, where)
    return rows
