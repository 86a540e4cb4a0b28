"""The OpenAPI 3 document of the API, generated from :mod:`filters` so that schema and parsing agree."""

from __future__ import annotations

from functools import cache
from typing import Any

from observatoire import __version__
from observatoire.web.api.filters import (
    FILTERS,
    MAX_VALUE_LENGTH,
    RESULTS_PARAMETERS,
    TERRITORY_PARAMETERS,
    Parameter,
)

_STRING = {"type": "string"}
_TEXT = {"type": "string", "nullable": True}
_NUMBER = {"type": "number", "nullable": True}
_FIGURE = {
    "type": "object",
    "required": ["study", "wave", "population", "question", "territory_level", "territory", "statistic"],
    "properties": {
        "study": {"type": "string"},
        "wave": {"type": "integer"},
        "population": {"type": "string"},
        "question": {"type": "string"},
        "item": _TEXT,
        "territory_level": {"type": "string"},
        "territory": {"type": "string"},
        "group": _TEXT,
        "statistic": {"type": "string"},
        "estimate": _NUMBER,
        "se": _NUMBER,
        "ci_low": _NUMBER,
        "ci_high": _NUMBER,
        "n": {"type": "integer", "nullable": True},
        "weighted_n": _NUMBER,
        "flag": _TEXT,
        "suppressed": {"type": "boolean"},
        "source": {"type": "string"},
    },
}
_BUILD = {
    "type": "object",
    "required": ["id", "finished_at", "source"],
    "properties": {
        "id": {"type": "integer"},
        "finished_at": {"type": "string", "format": "date-time", "nullable": True},
        "source": {"type": "string"},
        "label": {"type": "string"},
    },
}
_ERROR = {"type": "object", "required": ["erreur"], "properties": {"erreur": {"type": "string"}}}


def _schema(parameter: Parameter) -> dict[str, Any]:
    if parameter.many and parameter.kind == "integer":  # a comma list of years travels as text
        return {"type": "string", "pattern": parameter.pattern}
    schema: dict[str, Any] = {"type": parameter.kind}
    if parameter.kind == "string":
        schema |= {"pattern": parameter.pattern, "maxLength": MAX_VALUE_LENGTH}
    for key in ("minimum", "maximum", "default"):
        if getattr(parameter, key) is not None:
            schema[key] = getattr(parameter, key)
    if parameter.choices:
        schema["enum"] = list(parameter.choices)
    return schema


def parameters(definitions: tuple[Parameter, ...], required: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """OpenAPI query parameters for ``definitions``."""
    return [
        {
            "name": parameter.name,
            "in": "query",
            "required": parameter.name in required,
            "description": parameter.description,
            "schema": _schema(parameter),
            "example": parameter.example,
        }
        for parameter in definitions
    ]


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    texts = {400: "Paramètre inconnu ou invalide.", 503: "Aucun résultat publié."}
    return {str(code): _json(_ERROR, texts[code]) for code in codes}


def _list(items: dict[str, Any]) -> dict[str, Any]:
    listed = {"results": {"type": "array", "items": items}}
    return {"type": "object", "required": ["results"], "properties": listed}


_PAGE = {
    "type": "object",
    "required": ["count", "next", "previous", "build", "results"],
    "properties": {
        "count": {"type": "integer", "minimum": 0},
        "next": _TEXT,
        "previous": _TEXT,
        "build": _BUILD,
        "results": {"type": "array", "items": _FIGURE},
    },
}
_TERRITORY = {
    "type": "object",
    "required": ["level", "code", "name", "label", "population"],
    "properties": {name: {"type": "string"} for name in ("level", "code", "name", "label")}
    | {"population": {"type": "integer"}},
}
_DOMAIN = {
    "type": "object",
    "required": ["code", "label", "short_label", "description", "dimension"],
    "properties": {name: {"type": "string"} for name in ("code", "label", "short_label", "description")}
    | {"dimension": {"type": "object", "properties": {"code": _STRING, "label": _STRING}}},
}


@cache
def document() -> dict[str, Any]:
    """The whole OpenAPI document (built once per process)."""
    filter_names = ", ".join(parameter.name for parameter in FILTERS)
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Observatoire des partenariats : données ouvertes",
            "version": __version__,
            "description": "Les chiffres publiés (construction en cours), les territoires et les domaines de "
            f"fragilité. Filtres : {filter_names} ; chaque filtre accepte une liste (virgules).",
        },
        "paths": {
            "/api/resultats/": {
                "get": {
                    "operationId": "resultats",
                    "summary": "Chiffres publiés, filtrés et paginés (JSON ou CSV).",
                    "parameters": parameters(RESULTS_PARAMETERS),
                    "responses": {
                        "200": {
                            "description": "Une page de chiffres et la construction dont ils viennent.",
                            "content": {
                                "application/json": {"schema": _PAGE},
                                "text/csv": {"schema": {"type": "string"}},
                            },
                        },
                        **_errors(400, 503),
                    },
                }
            },
            "/api/territoires/": {
                "get": {
                    "operationId": "territoires",
                    "summary": "Recherche de territoires par nom, code ou code postal.",
                    "parameters": parameters(TERRITORY_PARAMETERS, required=("q",)),
                    "responses": {"200": _json(_list(_TERRITORY), "Territoires trouvés."), **_errors(400)},
                }
            },
            "/api/domaines/": {
                "get": {
                    "operationId": "domaines",
                    "summary": "Les 16 domaines de fragilité et leurs dimensions.",
                    "responses": {"200": _json(_list(_DOMAIN), "Domaines."), **_errors(400)},
                }
            },
        },
    }
