"""The open-data endpoints, as a django-ninja router: their query schemas (:mod:`parameters`) parse and
check the request and make the OpenAPI document; the answers are written from the read API's frames.

They never answer a 500 for a bad request: bad parameters are French 400s, an unpublished store a 503
(the handlers of :mod:`observatoire.web.api.site`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import render
from ninja import Query, Router

from observatoire.diagnosis import basis
from observatoire.diagnosis.store import BuildInfo
from observatoire.errors import InputError, NotFoundError, StoreError
from observatoire.messages import t
from observatoire.reference import territories, vocabulary
from observatoire.web.api import responses, schemas
from observatoire.web.api.parameters import (
    FILTER_NAMES,
    PAGING_NAMES,
    BasisQuery,
    ResultsQuery,
    TerritoryQuery,
    check_names,
    documented,
)
from observatoire.web.files import attachment
from observatoire.web.results import published_build, store

router = Router()
_JSON = {"json_dumps_params": {"ensure_ascii": False, "separators": (",", ":")}}
_ERRORS = {400: schemas.Error, 503: schemas.Error}
_ERROR_TEXTS = {
    400: {"description": "Paramètre inconnu ou invalide."},
    503: {"description": "Aucun résultat publié."},
}


def read_only(path: str, **options: Any) -> Callable[[Callable], Callable]:
    """A GET operation, documented; HEAD answers the same (as Django's ``require_safe`` allowed), kept out
    of the OpenAPI document, where it would repeat the operation."""

    def register(view: Callable) -> Callable:
        router.api_operation(["HEAD"], path, include_in_schema=False, url_name=None)(view)
        return router.get(path, **options)(view)

    return register


def _page_url(request: HttpRequest, offset: int | None) -> str | None:
    if offset is None:
        return None
    query = request.GET.copy()
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@read_only(
    "/resultats/",
    operation_id="resultats",
    url_name="results",
    summary="Chiffres publiés, filtrés et paginés (JSON ou CSV).",
    response={200: schemas.ResultsPage, **_ERRORS},
    openapi_extra={
        "responses": {  # merged into ninja's (integer keys, as ninja writes them)
            200: {
                "description": "Une page de chiffres et la construction dont ils viennent.",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            },
            **_ERROR_TEXTS,
        }
    },
)
def results(request: HttpRequest, query: Query[ResultsQuery]) -> HttpResponse:
    """``/api/resultats/``: a page of the published figures matching the filters, in JSON or CSV."""
    build = published_build()
    if build is None:
        raise StoreError(t("api.unavailable"))
    tag = responses.etag(build, request)
    if responses.not_modified(request, tag):
        return responses.cached(HttpResponseNotModified(), tag)
    return _results_page(request, query, build, tag)  # cached per build by web.caching


def _results_page(request: HttpRequest, query: ResultsQuery, build: BuildInfo, tag: str) -> HttpResponse:
    chosen = query.filters()
    results_store = store()
    limit, offset = query.limit, query.offset
    total = results_store.count(build_id=build.id, **chosen)
    frame = results_store.query(build_id=build.id, limit=limit, offset=offset, **chosen)
    following = offset + limit if offset + limit < total else None
    preceding = max(offset - limit, 0) if offset > 0 else None
    if query.format == "csv":
        response = attachment(responses.csv_bytes(frame), "text/csv; charset=utf-8", "resultats.csv")
        response.headers["X-Total-Count"] = str(total)
        response.headers["X-Build"] = str(build.id)
        response.headers["X-Source"] = build.source.encode("ascii", "backslashreplace").decode()
        links = [(_page_url(request, following), "next"), (_page_url(request, preceding), "prev")]
        if any(url for url, _ in links):
            response.headers["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for url, rel in links if url)
        return responses.cached(response, tag)
    body = {
        "count": total,
        "next": _page_url(request, following),
        "previous": _page_url(request, preceding),
        "build": responses.build_json(build),
        "results": responses.records(frame),
    }
    return responses.cached(JsonResponse(body, **_JSON), tag)


@read_only(
    "/territoires/",
    operation_id="territoires",
    url_name="territories",
    summary="Recherche de territoires par nom, code ou code postal.",
    response={200: schemas.Territories, 400: schemas.Error},
    openapi_extra={"responses": {400: _ERROR_TEXTS[400]}},
)
def territory_search(request: HttpRequest, query: Query[TerritoryQuery]) -> HttpResponse:
    """``/api/territoires/?q=``: territories whose name, code or postcode starts with ``q`` (a blank ``q``
    is a valid search that finds nothing)."""
    found = territories.search(query.q, limit=query.limit)
    body = {
        "results": [
            {
                "level": place.level,
                "code": place.code,
                "name": place.name,
                "label": territories.located_label(place),
                "population": place.population,
            }
            for place in found
        ]
    }
    return responses.cached(JsonResponse(body, **_JSON))  # cached per build by web.caching


@read_only(
    "/bases/",
    operation_id="bases",
    url_name="bases",
    summary="Sur quelle population reposent les chiffres d'un territoire (par acteur), et où sont lus ses "
    "indices objectifs.",
    response={200: schemas.Bases, 400: schemas.Error, 404: schemas.Error, 503: schemas.Error},
    openapi_extra={
        "responses": {
            400: _ERROR_TEXTS[400],
            404: {"description": "Territoire inconnu."},
            503: _ERROR_TEXTS[503],
        }
    },
)
def bases(request: HttpRequest, query: Query[BasisQuery]) -> HttpResponse:
    """``/api/bases/?territory=region:94``: which population base each actor's figures of a territory stand
    on, and where its objective indices are read (the rule the pages and the reports use)."""
    key = query.territory.strip()
    try:
        level, code = key.split(":", 1) if ":" in key else (territories.NATION, key)
        if level not in territories.LEVELS:
            raise NotFoundError(key)
        found = territories.territory(code, level)
    except (NotFoundError, InputError):
        return responses.error(404, t("api.unknown_territory", key=key[:100]))
    results_store = store()
    if published_build() is None:
        raise StoreError(t("api.unavailable"))
    objective = basis.objective_place(results_store, found)
    body = {
        "territory": {"level": found.level, "code": found.code, "name": found.name},
        "survey": [
            {
                "population": b.population,
                "level": b.level,
                "code": b.code,
                "name": b.name,
                "respondents": b.respondents,
                "wave": b.wave,
                "label": b.label(),
            }
            for b in basis.survey_bases(results_store, found).values()
        ],
        "objective": None
        if objective is None
        else {"level": objective.level, "code": objective.code, "name": objective.name},
    }
    return responses.cached(JsonResponse(body, **_JSON))


@read_only(
    "/domaines/",
    operation_id="domaines",
    url_name="domains",
    summary="Les 16 domaines de fragilité et leurs dimensions.",
    response={200: schemas.Domains, 400: schemas.Error},
    openapi_extra={"responses": {400: _ERROR_TEXTS[400]}},
)
def domains(request: HttpRequest) -> HttpResponse:
    """``/api/domaines/``: the 16 fragility domains and their dimensions (the codes used everywhere)."""
    check_names(request, None)  # no parameter: any one is unknown
    body = {
        "results": [
            {
                "code": domain.code,
                "label": domain.label,
                "short_label": domain.short_label,
                "description": domain.description,
                "dimension": {"code": domain.dimension.code, "label": domain.dimension.label},
            }
            for domain in vocabulary.domains()
        ]
    }
    return responses.cached(JsonResponse(body, **_JSON))


@read_only("/", include_in_schema=False, url_name="docs")
def docs(request: HttpRequest) -> HttpResponse:
    """``/api/``: the French documentation page, with the endpoints, their parameters and examples."""
    context = {
        "nav": "api",
        "filters": documented(ResultsQuery, FILTER_NAMES),
        "paging": documented(ResultsQuery, PAGING_NAMES),
        "territory": documented(TerritoryQuery),
    }
    return responses.cached(render(request, "api/docs.html", context))
