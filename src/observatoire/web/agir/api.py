"""Open data of the case base: ``/api/pratiques/``, ``/api/catalyseurs/``, ``/api/outils/``.

A django-ninja :class:`Router` mounted on the platform's API (``web/api/site.py``, ``ROUTERS``), so its
operations are in ``/api/openapi.json`` and its errors are the API's French 400s. Filters are the list
pages' facets (repeat a parameter for OR, combine parameters for AND), ``q`` the French full-text search;
JSON gives ``count``, ``results`` (the fields of the curators' template under their English names,
:func:`api_name`, documented in docs/agir.md) and ``facets`` with live counts; ``format=csv`` gives every
matching entry as CSV, with the template's own French column names (it imports back). The parameters'
former French names (``tri``, ``par_page``, ``domaine``...) are still accepted. Only published entries are
ever served. Answers are cached under the published base's version as well as the build's by the site's
cache middleware (``web/caching.py``, registered in ``apps.py``), so a publication is served at once.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from ninja import Field, Query, Router, Schema
from pydantic import create_model

from observatoire.web.agir.catalog import FACETS
from observatoire.web.agir.columns import CASES, CATALYSTS, TEMPLATE, TOOLS, Column
from observatoire.web.agir.listing import MAX_QUERY, listing
from observatoire.web.agir.transfer import export_rows, rows_to_csv
from observatoire.web.api.parameters import QuerySchema
from observatoire.web.files import attachment

MAX_PER_PAGE = 100
CSV_LIMIT = 100_000
DESCRIPTIONS = {
    CASES: "Pratiques inspirantes publiées (alliances entre acteurs, par territoire, domaine et modèle).",
    CATALYSTS: "Catalyseurs territoriaux publiés (métiers de la co-construction, territoires couverts).",
    TOOLS: "Boîte à outils publiée (par levier, catégorie de partenariat et type d'acteur).",
}

router = Router(tags=["agir"])

#: The API's English names of the list pages' facets (whose French names the site's addresses keep).
FACET_NAMES = {
    "domaine": "domain",
    "dimension": "dimension",
    "categorie": "category",
    "modele": "model",
    "region": "region",
    "departement": "department",
    "acteur": "actor_type",
    "stade": "stage",
    "levier": "lever",
    "odd": "sdg",
    "preuve": "evidence",
    "metier": "activity",
    "format": "tool_format",  # ``format`` is json or csv
}
#: Former names of the paging parameters, still accepted.
_PAGING_ALIASES = {"tri": "sort", "par_page": "per_page"}


def api_name(column: Column) -> str:
    """A template column's name in the API's JSON: its model field (``odd`` is the SDGs)."""
    return "sdg" if column.field == "odd" else column.field


class FacetCount(Schema):
    value: str
    label: str
    count: int


def _entry_schema(kind: str) -> type[Schema]:
    fields: dict[str, Any] = {
        api_name(c): (str, Field(..., description=f"« {c.name} » du modèle de tableur : {c.expected}"))
        for c in TEMPLATE[kind]
    }
    fields["page_url"] = (str, Field(..., description="Adresse de la fiche sur le site"))
    fields["synthetic"] = (bool, Field(..., description="Fiche synthétique de démonstration"))
    model: type[Schema] = create_model(f"Fiche_{kind}", __base__=Schema, **fields)
    return model


def _page_schema(kind: str) -> type[Schema]:
    entry: Any = _entry_schema(kind)
    fields: dict[str, Any] = {
        "count": (int, Field(..., description="Nombre de fiches correspondantes")),
        "page": (int, ...),
        "pages": (int, ...),
        "results": (list[entry], ...),
        "facets": (dict[str, list[FacetCount]], Field(..., description="Comptes de chaque valeur de filtre")),
    }
    model: type[Schema] = create_model(f"Page_{kind}", __base__=Schema, **fields)
    return model


def _filters_schema(kind: str) -> type[Schema]:
    fields: dict[str, Any] = {
        "q": (str, Field("", max_length=MAX_QUERY, description="Recherche plein texte (français)")),
        "sort": (Literal["pertinence", "date", ""], Field("", description="Ordre des résultats")),
        "page": (int, Field(1, ge=1, le=10_000)),
        "per_page": (int, Field(20, ge=1, le=MAX_PER_PAGE)),
        "format": (Literal["json", "csv"], Field("json", description="json (une page) ou csv (tout)")),
    }
    for facet in FACETS[kind]:
        codes = tuple(facet.labels())
        choices: Any = Literal[("", *codes)]  # the codes of this facet
        kind_of = list[choices] if codes else list[str]
        name = FACET_NAMES[facet.name]
        fields[name] = (kind_of, Field([], description=f"{facet.label} (répéter pour « ou »)"))
    model: type[QuerySchema] = create_model(f"Filtres_{kind}", __base__=QuerySchema, **fields)
    model.ALIASES = {
        **_PAGING_ALIASES,
        **{f.name: FACET_NAMES[f.name] for f in FACETS[kind] if f.name not in fields},
    }
    return model


def _listing_query(kind: str, params: Any) -> QueryDict:
    """The checked parameters under the names the list pages read (:func:`listing` serves both)."""
    query = QueryDict(mutable=True)
    query.update({"q": params.q, "tri": params.sort, "page": str(params.page)})
    for facet in FACETS[kind]:
        query.setlist(facet.name, [v for v in getattr(params, FACET_NAMES[facet.name]) if v])
    return query


def _answer(request: HttpRequest, kind: str, params: Any) -> HttpResponse:
    csv = params.format == "csv"
    found = listing(
        kind, _listing_query(kind, params), per_page=CSV_LIMIT if csv else params.per_page, whole=True
    )
    rows = export_rows(kind, found.entries)
    if csv:
        response = attachment(rows_to_csv(kind, rows), "text/csv; charset=utf-8", f"observatoire-{kind}.csv")
        return response
    columns = TEMPLATE[kind]
    results = [
        {
            **{api_name(c): row[c.name] for c in columns},
            "page_url": entry.get_absolute_url(),
            "synthetic": entry.synthetic,
        }
        for row, entry in zip(rows, found.entries, strict=True)
    ]
    facets = {
        FACET_NAMES[facet.name]: [
            {"value": o.value, "label": o.label, "count": o.count} for o in facet.options
        ]
        for facet in found.facets
    }
    body = {
        "count": found.count,
        "page": found.page,
        "pages": found.pages,
        "results": results,
        "facets": facets,
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")})


def _csv_response(kind: str) -> dict[str, Any]:
    return {"responses": {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}}


def _register(kind: str) -> None:
    filters: Any = _filters_schema(kind)
    error = create_model(f"Erreur_{kind}", __base__=Schema, error=(str, ...))

    def endpoint(request: HttpRequest, params: Any) -> HttpResponse:  # params: annotated below
        return _answer(request, kind, params)

    # Set here, not in the signature: this module's annotations are strings, and ninja resolves them.
    params: Any = Query[filters]  # type: ignore[misc]  # a schema made at run time
    endpoint.__annotations__ = {"request": HttpRequest, "params": params, "return": HttpResponse}
    endpoint.__name__ = f"liste_{kind}"
    router.get(
        f"/{kind}/",
        response={200: _page_schema(kind), 400: error},
        summary=DESCRIPTIONS[kind],
        operation_id=f"liste_{kind}",
        url_name=kind,
        openapi_extra=_csv_response(kind),
    )(endpoint)


for _kind in (CASES, CATALYSTS, TOOLS):
    _register(_kind)
