"""The API's query parameters as typed schemas: django-ninja parses and checks with them and the OpenAPI
document is generated from them, so what is documented is what is accepted.

Values arrive as text from anywhere on the Internet, so each one is bounded (known name, printable text of
at most 500 characters, integer range, listed choice); a bad one becomes a French 400 (:func:`french`),
never a database error. A filter takes several values, repeated (``?item=emploi&item=sante``) or
comma-separated (``?item=emploi,sante``).
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal

from django.http import HttpRequest
from ninja import Field, Schema
from pydantic import (
    ModelWrapValidatorHandler,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo

from observatoire.errors import InputError
from observatoire.messages import t

MAX_VALUE_LENGTH = 500
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]*$"  # printable: no NUL (PostgreSQL refuses it), no control character
_YEAR = "(19[0-9]{2}|20[0-9]{2}|2100)"  # 1900 to 2100
YEARS_PATTERN = f"^( *{_YEAR} *)?(,( *{_YEAR} *)?)*$"  # 2019 or 2015,2019
YEARS = (1900, 2100)
MAX_LIMIT = 1000

Text = Annotated[str, StringConstraints(max_length=MAX_VALUE_LENGTH, pattern=TEXT_PATTERN)]
Years = Annotated[str, StringConstraints(pattern=YEARS_PATTERN)]


def _filter(description: str, example: str) -> Any:
    return Field(default_factory=list, description=description, examples=[example])


def _split(values: list[str]) -> list[str]:
    """The values of a repeated, comma-separated parameter, in order, blanks and repeats dropped."""
    return list(dict.fromkeys(part.strip() for value in values for part in value.split(",") if part.strip()))


def _is_list(annotation: Any) -> bool:
    return typing.get_origin(annotation) is list


def _aliases(schema: type[Schema] | None) -> dict[str, str]:
    return getattr(schema, "ALIASES", {}) if schema is not None else {}


def check_names(request: HttpRequest, schema: type[Schema] | None) -> None:
    """Refuse, in French, a parameter the schema does not know (under its name or a former one) and a
    single-valued one given twice (under either name)."""
    fields = schema.model_fields if schema is not None else {}
    aliases = _aliases(schema)
    unknown = sorted(name for name in request.GET if name not in fields and name not in aliases)
    if unknown:
        raise InputError(t("api.unknown_parameter", name=unknown[0][:40], names=", ".join(fields)))
    former = {new: old for old, new in aliases.items()}
    for name, field in fields.items():
        given = len(request.GET.getlist(name)) + (
            len(request.GET.getlist(former[name])) if name in former else 0
        )
        if given > 1 and not _is_list(field.annotation):
            raise InputError(t("api.repeated_parameter", name=name))


def _renamed(data: dict[str, Any], request: HttpRequest, schema: type[Schema]) -> dict[str, Any]:
    """``data`` with the parameters given under a former name, read from the query string (ninja hands
    over only the names it knows), under their names."""
    data = dict(data)
    for old, new in _aliases(schema).items():
        if old not in request.GET:
            continue
        if _is_list(schema.model_fields[new].annotation):
            data[new] = [*data.get(new, []), *request.GET.getlist(old)]
        else:
            data[new] = request.GET[old]
    return data


class QuerySchema(Schema):
    """Query parameters checked by name, then by value: an unknown or repeated name, or a bad value, is
    an :class:`InputError` in French (a 400). Every API schema (the « Agir » endpoints' too) derives
    from it.

    The API's names are English; :attr:`ALIASES` maps the former, French names of parameters, still
    accepted, to them (not documented: the OpenAPI document and the documentation page show the names)."""

    ALIASES: ClassVar[dict[str, str]] = {}

    @model_validator(mode="wrap")
    @classmethod
    def _in_french(cls, data: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo) -> Any:
        request = (info.context or {}).get("request")
        if request is not None:
            check_names(request, cls)
            if cls.ALIASES and isinstance(data, dict):
                data = _renamed(data, request, cls)
        try:
            return handler(data)
        except ValidationError as problem:
            raise InputError(french(cls, problem.errors()[0], request)) from None


class ResultsQuery(QuerySchema):
    """The filters of ``/api/resultats/`` (the read API's own), then paging and format."""

    population: list[Text] = _filter(
        "Population enquêtée (citoyens, entreprises, associations, maires, fondations).", "citoyens"
    )
    wave: list[Years] = _filter("Vague : année du terrain (2019) ; une liste : 2015,2019.", "2019")
    study: list[Text] = _filter("Étude, par ex. IMPACT-Citoyens.", "IMPACT-Citoyens")
    question: list[Text] = _filter("Code de la question (Q1...).", "Q1")
    item: list[Text] = _filter(
        "Modalité ou sous-question : un domaine de fragilité (emploi, sante...).", "emploi"
    )
    territory_level: list[Text] = _filter(
        "Niveau territorial (nation, region, departement, survey_region...).", "region"
    )
    territory: list[Text] = _filter("Code du territoire (FR, 93, 2A, PACA...).", "93")
    group: list[Text] = _filter("Sous-population (taille=pme) ou ensemble.", "ensemble")
    statistic: list[Text] = _filter("Ce que mesure le chiffre (mean, share...).", "mean")
    limit: int = Field(
        100,
        ge=1,
        le=MAX_LIMIT,
        description=f"Nombre de chiffres par page (1 à {MAX_LIMIT}).",
        examples=[100],
    )
    offset: int = Field(
        0,
        ge=0,
        le=10**9,
        description="Rang du premier chiffre de la page (0 pour le début).",
        examples=[0],
    )
    format: Literal["json", "csv"] = Field(
        "json",
        description="json (par défaut) ou csv (mêmes colonnes que l'export de données ouvertes).",
        examples=["json"],
    )

    @field_validator(
        "population",
        "wave",
        "study",
        "question",
        "item",
        "territory_level",
        "territory",
        "group",
        "statistic",
    )
    @classmethod
    def _comma_lists(cls, values: list[str]) -> list[str]:
        return _split(values)

    def filters(self) -> dict[str, Any]:
        """The read API's filters that were given (waves as integers)."""
        chosen: dict[str, Any] = {}
        for name in FILTER_NAMES:
            values = getattr(self, name)
            if values:
                chosen[name] = [int(value) for value in values] if name == "wave" else values
        return chosen


FILTER_NAMES = tuple(name for name, field in ResultsQuery.model_fields.items() if _is_list(field.annotation))
PAGING_NAMES = tuple(name for name in ResultsQuery.model_fields if name not in FILTER_NAMES)


class TerritoryQuery(QuerySchema):
    """``/api/territoires/``: a search text (required) and how many answers."""

    q: Text = Field(
        ...,
        description="Début d'un nom, d'un code ou d'un code postal (Marseille, 13055, 13001).",
        examples=["Marseille"],
    )
    limit: int = Field(
        10,
        ge=1,
        le=50,
        description="Nombre de territoires au plus (1 à 50).",
        examples=[10],
    )


class BasisQuery(QuerySchema):
    """``/api/bases/``: one territory, as ``niveau:code`` or ``FR``."""

    ALIASES: ClassVar[dict[str, str]] = {"territoire": "territory"}

    territory: Text = Field(
        ...,
        description="Territoire : niveau:code (region:94, departement:04, commune:04070), ou FR.",
        examples=["region:94"],
    )


def documented(schema: type[Schema], names: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """Name, description and example of each parameter, for the French documentation page."""
    fields = schema.model_fields
    return [
        {"name": name, "description": fields[name].description, "example": (fields[name].examples or [""])[0]}
        for name in names or tuple(fields)
    ]


def _bounds(schema: type[Schema], name: str, field: FieldInfo) -> tuple[int, int] | None:
    """The range of an integer parameter (or of a list of years), as its schema says."""
    if field.annotation == list[Years]:
        return YEARS
    if field.annotation is not int:
        return None
    described = schema.model_json_schema()["properties"][name]
    return int(described.get("minimum", -(10**12))), int(described.get("maximum", 10**12))


def french(schema: type[Schema], error: Mapping[str, Any], request: HttpRequest | None) -> str:
    """The French message for one of pydantic's errors on a parameter of ``schema``."""
    name = next((str(part) for part in reversed(error.get("loc", ())) if isinstance(part, str)), "")
    field = schema.model_fields.get(name)
    if error.get("type") == "missing" or field is None:
        return t("api.missing_parameter", name=name)
    choices = typing.get_args(field.annotation) if typing.get_origin(field.annotation) is Literal else ()
    if choices:
        return t("api.bad_choice", name=name, choices=", ".join(choices))
    bounds = _bounds(schema, name, field)
    if bounds is not None:
        raw = request.GET.get(name, "")[:40] if request is not None else ""
        return t("api.bad_integer", name=name, low=bounds[0], high=bounds[1], value=raw)
    return t("api.bad_text", name=name, length=MAX_VALUE_LENGTH)
