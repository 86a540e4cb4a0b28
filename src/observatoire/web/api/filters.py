"""The API's query parameters, defined once: the views parse with them, the OpenAPI schema is made of them.

Values arrive as text from anywhere on the Internet, so each one is checked here (known name, printable
text, bounded length, integer range) and a bad one becomes a French 400, never a database error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from observatoire.errors import InputError
from observatoire.messages import t

MAX_VALUE_LENGTH = 500
# Patterns of a raw value, in the schema and applied by the parser: they must agree for the fuzzer.
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]*$"  # printable: no NUL (PostgreSQL refuses it), no control character
_YEAR = "(19[0-9]{2}|20[0-9]{2}|2100)"  # 1900 to 2100
YEARS_PATTERN = f"^( *{_YEAR} *)?(,( *{_YEAR} *)?)*$"  # 2019 or 2015,2019


@dataclass(frozen=True)
class Parameter:
    """One query parameter: ``kind`` is its OpenAPI type; a filter takes a comma list of values."""

    name: str
    description: str
    kind: str = "string"
    example: Any = None
    minimum: int | None = None
    maximum: int | None = None
    default: Any = None
    choices: tuple[str, ...] = ()
    many: bool = False

    @property
    def pattern(self) -> str | None:
        """The pattern a raw value must match (``None`` for a single integer)."""
        if self.kind == "integer":
            return YEARS_PATTERN if self.many else None
        return TEXT_PATTERN


FILTERS: tuple[Parameter, ...] = (
    Parameter(
        "population",
        "Population enquêtée (citoyens, entreprises, associations, maires, fondations).",
        example="citoyens",
        many=True,
    ),
    Parameter(
        "wave",
        "Vague : année du terrain (2019) ; une liste : 2015,2019.",
        kind="integer",
        example=2019,
        minimum=1900,
        maximum=2100,
        many=True,
    ),
    Parameter("study", "Étude, par ex. IMPACT-Citoyens.", example="IMPACT-Citoyens", many=True),
    Parameter("question", "Code de la question (Q1...).", example="Q1", many=True),
    Parameter(
        "item",
        "Modalité ou sous-question : un domaine de fragilité (emploi, sante...).",
        example="emploi",
        many=True,
    ),
    Parameter(
        "territory_level",
        "Niveau territorial (nation, region, departement, survey_region...).",
        example="region",
        many=True,
    ),
    Parameter("territory", "Code du territoire (FR, 93, 2A, PACA...).", example="93", many=True),
    Parameter("group", "Sous-population (taille=pme) ou ensemble.", example="ensemble", many=True),
    Parameter("statistic", "Ce que mesure le chiffre (mean, share...).", example="mean", many=True),
)

MAX_LIMIT = 1000
PAGING: tuple[Parameter, ...] = (
    Parameter(
        "limit",
        f"Nombre de chiffres par page (1 à {MAX_LIMIT}).",
        kind="integer",
        example=100,
        minimum=1,
        maximum=MAX_LIMIT,
        default=100,
    ),
    Parameter(
        "offset",
        "Rang du premier chiffre de la page (0 pour le début).",
        kind="integer",
        example=0,
        minimum=0,
        maximum=10**9,
        default=0,
    ),
    Parameter(
        "format",
        "json (par défaut) ou csv (mêmes colonnes que l'export de données ouvertes).",
        example="json",
        default="json",
        choices=("json", "csv"),
    ),
)
RESULTS_PARAMETERS = FILTERS + PAGING

TERRITORY_PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "q", "Début d'un nom, d'un code ou d'un code postal (Marseille, 13055, 13001).", example="Marseille"
    ),
    Parameter(
        "limit",
        "Nombre de territoires au plus (1 à 50).",
        kind="integer",
        example=10,
        minimum=1,
        maximum=50,
        default=10,
    ),
)


def _check_raw(parameter: Parameter, raw: str) -> None:
    if parameter.pattern == TEXT_PATTERN and (len(raw) > MAX_VALUE_LENGTH or not re.match(TEXT_PATTERN, raw)):
        raise InputError(t("api.bad_text", name=parameter.name, length=MAX_VALUE_LENGTH))
    if parameter.pattern == YEARS_PATTERN and not re.match(YEARS_PATTERN, raw):
        raise InputError(t("api.bad_integer", name=parameter.name, low=1900, high=2100, value=raw[:40]))


def _integer(parameter: Parameter, raw: str) -> int:
    text = raw.strip()
    value = int(text) if re.fullmatch(r"-?[0-9]{1,12}", text) else None
    low = parameter.minimum if parameter.minimum is not None else -(10**12)
    high = parameter.maximum if parameter.maximum is not None else 10**12
    if value is None or not low <= value <= high:
        raise InputError(t("api.bad_integer", name=parameter.name, low=low, high=high, value=raw[:40]))
    return value


def _one(parameter: Parameter, raw: str) -> Any:
    value = _integer(parameter, raw) if parameter.kind == "integer" else raw
    if parameter.choices and value not in parameter.choices:
        raise InputError(t("api.bad_choice", name=parameter.name, choices=", ".join(parameter.choices)))
    return value


def parse(query: Mapping[str, Sequence[str]], parameters: Sequence[Parameter]) -> dict[str, Any]:
    """Checked values of ``query`` (a name → list of raw values mapping); a filter gives a list.

    Unknown names, bad values and repeated single-valued parameters raise :class:`InputError` in French.
    """
    known = {parameter.name: parameter for parameter in parameters}
    unknown = sorted(name for name in query if name not in known)
    if unknown:
        raise InputError(t("api.unknown_parameter", name=unknown[0][:40], names=", ".join(known)))
    parsed: dict[str, Any] = {}
    for name, raws in query.items():
        parameter = known[name]
        if not parameter.many:
            if len(raws) != 1:
                raise InputError(t("api.repeated_parameter", name=name))
            if parameter.pattern is not None:
                _check_raw(parameter, raws[0])
            parsed[name] = _one(parameter, raws[0])
            continue
        for raw in raws:
            _check_raw(parameter, raw)
        values = [part.strip() for raw in raws for part in raw.split(",") if part.strip()]
        if values:
            parsed[name] = list(dict.fromkeys(_one(parameter, value) for value in values))
    for parameter in parameters:
        if parameter.default is not None:
            parsed.setdefault(parameter.name, parameter.default)
    return parsed
