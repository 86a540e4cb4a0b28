"""Codebooks as analysts write them (a CSV or Excel sheet, one line per variable) and drafts from SPSS.

File format (also in ``docs/codebook.md``); headers are matched without case or accents, French names in
brackets are accepted:

=============  ==========================================================================================
``variable``   column name in the survey file (required) [nom]
``type``       ``id``, ``rating``, ``categorical``, ``numeric``, ``text``, ``weight``, ``strata``, ``psu``,
               ``fpc``, ``region``, ``group`` (required)
``label``      French wording of the question or variable [libelle]
``question``   question code, e.g. ``Q1``
``item``       item code within the question, e.g. ``emploi`` for a Q1 rating
``domain``     fragility domain code the variable is about (checked against the vocabulary) [domaine]
``min``        lowest value of a rating scale (required for ``rating``) or of a numeric variable
``max``        highest value, likewise
``values``     value labels ``1=Homme|2=Femme`` (the allowed answers of ``categorical`` and ``group``)
               [modalites]
``missing``    codes meaning "no answer", turned into missing values: ``99=Ne sait pas|98=Refus`` or
               ``99|98`` [manquants]
``level``      territory level of a ``region`` column: ``region`` (default), ``survey_region``,
               ``macro_region``, ``departement``... [niveau]
=============  ==========================================================================================

Codes that look like numbers are numbers (``01`` and ``1`` are the same answer), except territory codes,
which stay text (``01``, ``2A``).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import pandas as pd

from observatoire.errors import InputError, Location
from observatoire.messages import t
from observatoire.numbers import significant
from observatoire.reference.text import fold
from observatoire.surveys import references
from observatoire.surveys.codebook import (
    SINGLE_KINDS,
    Code,
    Codebook,
    Kind,
    Variable,
    normalize_code,
    normalize_territory_code,
)
from observatoire.surveys.parse_errors import parser_error
from observatoire.surveys.readers import load_table
from observatoire.workspace import atomic_write

COLUMNS = (
    "variable",
    "type",
    "label",
    "question",
    "item",
    "domain",
    "min",
    "max",
    "values",
    "missing",
    "level",
)
_ALIASES = {
    "nom": "variable",
    "libelle": "label",
    "domaine": "domain",
    "modalites": "values",
    "manquants": "missing",
    "niveau": "level",
    "minimum": "min",
    "maximum": "max",
}
_WEIGHT_NAMES = {"poids", "pond", "ponderation", "weight", "wgt", "wt"}
_ID_NAMES = {"id", "ident", "identifiant", "respid", "id_repondant", "numero"}


def read_codebook(
    path: str | Path, *, sheet: str | int | None = None, domains: Collection[str] | None = None
) -> Codebook:
    """Read a codebook file (CSV, XLSX...; format in the module docstring), checking every line.

    ``domains`` are the valid domain codes (the reference vocabulary's by default). A bad line raises
    :class:`InputError` naming the codebook file, its line and the codebook column.
    """
    table = load_table(path, sheet=sheet, text_columns=[*COLUMNS, *_ALIASES])
    file = table.attrs["source"]
    table = table.rename(columns={c: _canonical(c) for c in table.columns})
    for required in ("variable", "type"):
        if required not in table.columns:
            message = t("surveys.codebook.missing_column", expected=", ".join(COLUMNS))
            raise InputError(message, Location(file, 1, required))
    known_domains = references.domain_codes() if domains is None else frozenset(domains)
    variables: list[Variable] = []
    seen: dict[str, int] = {}
    first_row = table.attrs["first_row"]
    for index, record in zip(table.index, table.to_dict("records"), strict=True):
        row = first_row + int(index)
        variable = _parse_line(record, file, row, known_domains)
        if variable.name in seen:
            raise InputError(
                t("surveys.codebook.duplicate_variable", variable=variable.name, first=seen[variable.name]),
                Location(file, row, "variable"),
            )
        seen[variable.name] = row
        variables.append(variable)
    if not variables:
        raise InputError(t("surveys.codebook.empty"), Location(file))
    for kind in SINGLE_KINDS:
        declared = [v.name for v in variables if v.kind == kind]
        if len(declared) > 1:
            raise InputError(
                t("surveys.codebook.several_of_kind", kind=kind.value, names=", ".join(declared)),
                Location(file, seen[declared[1]], "type"),
            )
    return Codebook(tuple(variables))


def _canonical(header: str) -> str:
    key = fold(header).replace(" ", "_")
    return _ALIASES.get(key, key)


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _parse_line(record: dict[str, Any], file: str, row: int, domains: frozenset[str] | None) -> Variable:
    def fail(column: str, message: str) -> InputError:
        return InputError(message, Location(file, row, column))

    name = _text(record.get("variable"))
    if not name:
        raise fail("variable", t("surveys.codebook.no_name"))
    type_text = fold(_text(record.get("type"))).replace(" ", "_")
    try:
        kind = Kind(type_text)
    except ValueError:
        accepted = ", ".join(kind.value for kind in Kind)
        message = t("surveys.codebook.bad_type", value=_text(record.get("type")), accepted=accepted)
        raise fail("type", message) from None
    bounds: dict[str, float | None] = {}
    for column in ("min", "max"):
        text = _text(record.get(column))
        number = normalize_code(text)
        if text and not isinstance(number, int | float):
            raise fail(column, t("surveys.codebook.bad_number", value=text))
        bounds[column] = None if number is None else float(number)
    if kind == Kind.RATING and (bounds["min"] is None or bounds["max"] is None):
        raise fail("min" if bounds["min"] is None else "max", t("surveys.codebook.rating_needs_bounds"))
    if bounds["min"] is not None and bounds["max"] is not None and bounds["min"] > bounds["max"]:
        low, high = significant(bounds["min"]), significant(bounds["max"])
        raise fail("max", t("surveys.codebook.bounds_reversed", low=low, high=high))
    to_code = normalize_territory_code if kind == Kind.REGION else normalize_code
    value_labels = _parse_labels(_text(record.get("values")), to_code, Location(file, row, "values"))
    missing_codes = _parse_labels(_text(record.get("missing")), to_code, Location(file, row, "missing"))
    domain = _text(record.get("domain")) or None
    if domain is not None and domains is not None and domain not in domains:
        raise fail("domain", references.unknown_domain_message(domain, domains))
    item = _text(record.get("item")) or domain
    level = _text(record.get("level")) or ("region" if kind == Kind.REGION else None)
    return Variable(
        name=name,
        kind=kind,
        label=_text(record.get("label")),
        question=_text(record.get("question")) or None,
        item=item,
        domain=domain,
        minimum=bounds["min"],
        maximum=bounds["max"],
        value_labels=value_labels,
        missing_codes=missing_codes,
        level=level,
    )


def _parse_labels(
    text: str, to_code: Callable[[Any], Code | None], location: Location
) -> tuple[tuple[Code, str], ...]:
    """``"1=Homme|2=Femme"`` -> ``((1, "Homme"), (2, "Femme"))``; ``"99|98"`` -> codes without labels."""
    if not text:
        return ()
    pairs: list[tuple[Code, str]] = []
    for part in text.split("|"):
        code_text, _, label = part.partition("=")
        code = to_code(code_text)
        if code is None or any(code == seen for seen, _ in pairs):
            raise InputError(t("surveys.codebook.bad_labels", value=part.strip()), location)
        pairs.append((code, label.strip()))
    return tuple(pairs)


def format_labels(pairs: tuple[tuple[Code, str], ...]) -> str:
    """The inverse of the ``values`` / ``missing`` syntax: ``((1, "Homme"),)`` -> ``"1=Homme"``."""
    return "|".join(f"{code}={label}" if label else f"{code}" for code, label in pairs)


def codebook_rows(codebook: Codebook) -> list[dict[str, str]]:
    """One dict per variable with the file format's columns, as written by :func:`write_codebook`."""
    rows = []
    for v in codebook:
        rows.append(
            {
                "variable": v.name,
                "type": v.kind.value,
                "label": v.label,
                "question": v.question or "",
                "item": v.item or "",
                "domain": v.domain or "",
                "min": "" if v.minimum is None else f"{v.minimum:g}",
                "max": "" if v.maximum is None else f"{v.maximum:g}",
                "values": format_labels(v.value_labels),
                "missing": format_labels(v.missing_codes),
                "level": v.level or "",
            }
        )
    return rows


def write_codebook(codebook: Codebook, path: str | Path) -> Path:
    """Write the codebook as ``.csv`` (``;``-separated UTF-8, as French Excel opens it) or ``.xlsx``."""
    path = Path(path)
    rows = codebook_rows(codebook)
    with atomic_write(path) as temporary:
        if path.suffix.lower() == ".xlsx":
            pd.DataFrame(rows, columns=list(COLUMNS)).to_excel(temporary, index=False, engine="openpyxl")
        else:
            with open(temporary, "w", encoding="utf-8-sig", newline="") as out:
                writer = csv.DictWriter(out, fieldnames=list(COLUMNS), delimiter=";")
                writer.writeheader()
                writer.writerows(rows)
    return path


def codebook_from_sav(path: str | Path) -> Codebook:
    """A draft codebook from an SPSS file's own metadata, to review and complete before importing.

    Labelled variables become ``categorical`` with their value labels; user-defined missing values become
    missing codes; string variables ``text``; a column named like a weight (``poids``, ``pond``...) becomes
    ``weight`` and one named like an identifier ``id``; everything else ``numeric``. Ratings, questions,
    items and design variables are for the analyst to declare.
    """
    import pyreadstat

    path = Path(path)
    if not path.is_file():
        raise InputError(t("surveys.file_not_found"), Location(file=str(path)))
    try:
        _, meta = pyreadstat.read_sav(str(path), metadataonly=True, user_missing=True)
    except Exception as error:  # pyreadstat's own error types
        raise parser_error(path, "SPSS", error) from error
    variables = []
    for name in meta.column_names:
        raw_labels = meta.variable_value_labels.get(name, {})
        labels = {normalize_code(code): str(label) for code, label in raw_labels.items()}
        missing = _sav_missing(meta.missing_ranges.get(name, []))
        missing_codes = tuple((code, labels.pop(code, "")) for code in missing)
        folded = fold(name).replace(" ", "_")
        if folded in _WEIGHT_NAMES:
            kind = Kind.WEIGHT
        elif folded in _ID_NAMES:
            kind = Kind.ID
        elif labels:
            kind = Kind.CATEGORICAL
        elif meta.readstat_variable_types.get(name) == "string":
            kind = Kind.TEXT
        else:
            kind = Kind.NUMERIC
        variables.append(
            Variable(
                name=name,
                kind=kind,
                label=meta.column_names_to_labels.get(name) or "",
                value_labels=tuple(labels.items()) if kind == Kind.CATEGORICAL else (),
                missing_codes=missing_codes,
            )
        )
    return Codebook(tuple(variables))


def _sav_missing(ranges: list[dict[str, Any]]) -> list[Code]:
    """Discrete SPSS missing values (``lo == hi``); ranges are rare in surveys and left to the analyst."""
    codes = []
    for missing in ranges:
        if missing.get("lo") == missing.get("hi"):
            code = normalize_code(missing["lo"])
            if code is not None:
                codes.append(code)
    return codes
