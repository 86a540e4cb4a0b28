"""Open data of the case base: ``/api/pratiques/``, ``/api/catalyseurs/``, ``/api/outils/``.

A django-ninja :class:`Router` mounted on the platform's API (``web/api/site.py``, ``ROUTERS``), so its
operations are in ``/api/openapi.json`` and its errors are the API's French 400s. Filters are the list
pages' facets (repeat a parameter for OR, combine parameters for AND), ``q`` the French full-text search;
JSON gives ``count``, ``results`` (the columns of the curators' template, documented in docs/agir.md) and
``facets`` with live counts; ``format=csv`` gives every matching entry as CSV. Only published entries are
ever served. Answers are cached under the published base's version as well as the build's by the site's
cache middleware (``web/caching.py``, registered in ``apps.py``), so a publication is served at once.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Field, Query, Router, Schema
from pydantic import create_model

from observatoire.web.agir.catalog import FACETS
from observatoire.web.agir.columns import CASES, CATALYSTS, TEMPLATE, TOOLS
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


class FacetCount(Schema):
    value: str
    label: str
    count: int


def _entry_schema(kind: str) -> type[Schema]:
    fields: dict[str, Any] = {c.name: (str, Field(..., description=c.expected)) for c in TEMPLATE[kind]}
    fields["adresse"] = (str, Field(..., description="Adresse de la fiche sur le site"))
    fields["synthetique"] = (bool, Field(..., description="Fiche synthétique de démonstration"))
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
        "tri": (Literal["pertinence", "date", ""], Field("", description="Ordre des résultats")),
        "page": (int, Field(1, ge=1, le=10_000)),
        "par_page": (int, Field(20, ge=1, le=MAX_PER_PAGE)),
        "format": (Literal["json", "csv"], Field("json", description="json (une page) ou csv (tout)")),
    }
    for facet in FACETS[kind]:
        codes = tuple(facet.labels())
        choices: Any = Literal[("", *codes)]  # the codes of this facet
        kind_of = list[choices] if codes else list[str]
        fields[facet.name] = (kind_of, Field([], description=f"{facet.label} (répéter pour « ou »)"))
    model: type[Schema] = create_model(f"Filtres_{kind}", __base__=QuerySchema, **fields)
    return model


def _answer(request: HttpRequest, kind: str, per_page: int, fmt: str) -> HttpResponse:
    found = listing(kind, request.GET, per_page=CSV_LIMIT if fmt == "csv" else per_page, whole=True)
    rows = export_rows(kind, found.entries)
    if fmt == "csv":
        response = attachment(rows_to_csv(kind, rows), "text/csv; charset=utf-8", f"observatoire-{kind}.csv")
        return response
    results = [
        {**row, "adresse": entry.get_absolute_url(), "synthetique": entry.synthetic}
        for row, entry in zip(rows, found.entries, strict=True)
    ]
    facets = {
        facet.name: [{"value": o.value, "label": o.label, "count": o.count} for o in facet.options]
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
    error = create_model(f"Erreur_{kind}", __base__=Schema, erreur=(str, ...))

    def endpoint(request: HttpRequest, params: Any) -> HttpResponse:  # params: annotated below
        return _answer(request, kind, params.par_page, params.format)

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
