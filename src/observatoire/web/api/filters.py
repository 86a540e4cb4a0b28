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

MAX_VALUE_LENGTH = 200
MAX_VALUES = 100
_PRINTABLE = re.compile(r"^[^\x00-\x1f\x7f]*$")


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


def _text(parameter: Parameter, raw: str) -> str:
    if len(raw) > MAX_VALUE_LENGTH or not _PRINTABLE.match(raw):
        raise InputError(t("api.bad_text", name=parameter.name, length=MAX_VALUE_LENGTH))
    return raw


def _integer(parameter: Parameter, raw: str) -> int:
    text = raw.strip()
    value = int(text) if re.fullmatch(r"-?[0-9]{1,12}", text) else None
    low = parameter.minimum if parameter.minimum is not None else -(10**12)
    high = parameter.maximum if parameter.maximum is not None else 10**12
    if value is None or not low <= value <= high:
        raise InputError(t("api.bad_integer", name=parameter.name, low=low, high=high, value=raw[:40]))
    return value


def _one(parameter: Parameter, raw: str) -> Any:
    value = _integer(parameter, raw) if parameter.kind == "integer" else _text(parameter, raw)
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
            parsed[name] = _one(parameter, raws[0])
            continue
        values = [part.strip() for raw in raws for part in raw.split(",") if part.strip()]
        if len(values) > MAX_VALUES:
            raise InputError(t("api.too_many_values", name=name, count=MAX_VALUES))
        if values:
            parsed[name] = list(dict.fromkeys(_one(parameter, value) for value in values))
    for parameter in parameters:
        if parameter.default is not None:
            parsed.setdefault(parameter.name, parameter.default)
    return parsed
