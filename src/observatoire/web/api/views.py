"""The API's views: they validate the query, read through the store's read API, and never answer a 500
for a bad request (bad parameters are French 400s, an unpublished store a 503)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from observatoire.diagnosis.store import BuildInfo
from observatoire.errors import InputError, StoreError
from observatoire.messages import t
from observatoire.reference import territories, vocabulary
from observatoire.web.api import filters, openapi, responses
from observatoire.web.memory import published_build
from observatoire.web.results import store

View = Callable[..., HttpResponse]
_JSON = {"json_dumps_params": {"ensure_ascii": False, "separators": (",", ":")}}


def api_errors(view: View) -> View:
    """Bad input → 400, nothing published or database down → 503, both in French JSON."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except InputError as problem:
            return responses.error(400, str(problem))
        except StoreError as problem:
            return responses.error(503, str(problem))

    return wrapped


def _page_url(request: HttpRequest, offset: int | None) -> str | None:
    if offset is None:
        return None
    query = request.GET.copy()
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@csrf_exempt  # read-only: any other method is a 405, never a CSRF 403
@require_safe
@api_errors
def results(request: HttpRequest) -> HttpResponse:
    """``/api/resultats/``: a page of the published figures matching the filters, in JSON or CSV."""
    query = filters.parse(dict(request.GET.lists()), filters.RESULTS_PARAMETERS)
    build = published_build(store())
    if build is None:
        raise StoreError(t("api.unavailable"))
    tag = responses.etag(build, request)
    if responses.not_modified(request, tag):
        return responses.cached(HttpResponseNotModified(), tag)
    return _results_page(request, query, build, tag)  # remembered per build by web.memory


def _results_page(request: HttpRequest, query: dict[str, Any], build: BuildInfo, tag: str) -> HttpResponse:
    chosen = {f.name: query[f.name] for f in filters.FILTERS if f.name in query}
    results_store = store()
    limit, offset = query["limit"], query["offset"]
    total = results_store.count(build_id=build.id, **chosen)
    frame = results_store.query(build_id=build.id, limit=limit, offset=offset, **chosen)
    following = offset + limit if offset + limit < total else None
    preceding = max(offset - limit, 0) if offset > 0 else None
    if query["format"] == "csv":
        response = HttpResponse(responses.csv_bytes(frame), content_type="text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = 'attachment; filename="resultats.csv"'
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


@csrf_exempt  # read-only: any other method is a 405, never a CSRF 403
@require_safe
@api_errors
def territory_search(request: HttpRequest) -> HttpResponse:
    """``/api/territoires/?q=``: territories whose name, code or postcode starts with ``q``."""
    query = filters.parse(dict(request.GET.lists()), filters.TERRITORY_PARAMETERS)
    if "q" not in query:  # a blank q is a valid search that finds nothing
        raise InputError(t("api.missing_parameter", name="q"))
    return _territories_page(query["q"], query["limit"])  # remembered per build by web.memory


def _territories_page(text: str, limit: int) -> HttpResponse:
    found = territories.search(text, limit=limit)
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
    return responses.cached(JsonResponse(body, **_JSON))


@csrf_exempt  # read-only: any other method is a 405, never a CSRF 403
@require_safe
@api_errors
def domains(request: HttpRequest) -> HttpResponse:
    """``/api/domaines/``: the 16 fragility domains and their dimensions (the codes used everywhere)."""
    filters.parse(dict(request.GET.lists()), ())
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


@csrf_exempt  # read-only: any other method is a 405, never a CSRF 403
@require_safe
def schema(request: HttpRequest) -> HttpResponse:
    """``/api/openapi.json``: the OpenAPI description, made from the same parameter definitions."""
    return responses.cached(JsonResponse(openapi.document(), **_JSON))


@csrf_exempt  # read-only: any other method is a 405, never a CSRF 403
@require_safe
def docs(request: HttpRequest) -> HttpResponse:
    """``/api/``: the French documentation page, with the endpoints and their examples."""
    context = {
        "nav": "api",
        "filters": filters.FILTERS,
        "paging": filters.PAGING,
        "territory": filters.TERRITORY_PARAMETERS,
    }
    return responses.cached(render(request, "api/docs.html", context))


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address under ``/api/``: a French JSON 404 (or the address with its missing slash)."""
    if not request.path.endswith("/"):
        with contextlib.suppress(Resolver404):
            if resolve(f"{request.path}/").func is not not_found:
                return HttpResponsePermanentRedirect(f"{request.path}/")
    return responses.error(404, t("api.not_found", path=request.path[:200]))
