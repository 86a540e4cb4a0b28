"""The pages: home, search, territory (with its table downloads), compare, methodology, French errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from observatoire.diagnosis.export import OPEN_DATA_FILES
from observatoire.errors import InputError, NotFoundError, StoreError
from observatoire.messages import t
from observatoire.reference import territories, territory_search
from observatoire.reference.text import fold
from observatoire.web.caching import fresh_for
from observatoire.web.consultations.territory import territory_blocks
from observatoire.web.files import attachment
from observatoire.web.htmx import answers_both_ways, wants_fragment
from observatoire.web.map.data import offered_lenses, unrated_note
from observatoire.web.pages import data, overview, reports
from observatoire.web.pages.context import published_build
from observatoire.web.pages.tables import Table
from observatoire.web.partenariats import aggregates as evaluation_aggregates
from observatoire.web.results import store
from observatoire.web.unpublished import needs_results

SEARCH_LIMIT = 10
SUGGESTION_LIMIT = 8
FORMATS = {
    "csv": "text/csv; charset=utf-8",  # French spreadsheet dialect (Table.to_csv)
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def territory_url(found: territories.Territory) -> str:
    return reverse("pages:territory", kwargs={"level": found.level, "code": found.code})


def _territory_or_404(level: str, code: str) -> territories.Territory:
    try:
        return data.find_territory(level, code)
    except (NotFoundError, InputError) as error:
        raise Http404(f"Territoire inconnu : {level} {code}") from error


@needs_results
def home(request: HttpRequest) -> HttpResponse:
    context = {"nav": "accueil", "overview": overview.national()}
    return render(request, "pages/home.html", context)


def _result(found: territories.Territory, query: str) -> dict[str, Any]:
    page = data.page_territory(found)
    return {
        "name": found.name,
        "level": territories.level_label(found.level),
        "code": found.code,
        "found_by": territory_search.describe(found, query),
        "url": territory_url(found),
        "published_in": page.name if page is not None and page.key != found.key else "",
    }


@answers_both_ways
def search(request: HttpRequest) -> HttpResponse:
    """``/recherche?q=``: a suggestion list for HTMX, a full results page otherwise."""
    query = request.GET.get("q", "").strip()
    fragment = wants_fragment(request)
    limit = SUGGESTION_LIMIT if fragment else SEARCH_LIMIT
    found = [_result(t, query) for t in territories.search(query, limit=limit)] if query else []
    context = {"query": query, "results": found}
    if fragment:
        return render(request, "pages/_suggestions.html", context)
    return render(request, "pages/search.html", context)


def _view_params(request: HttpRequest) -> dict[str, str]:
    return {key: request.GET.get(key, "") for key in ("regard", "vague", "domaine")}


@answers_both_ways
@needs_results
def territory(request: HttpRequest, level: str, code: str) -> HttpResponse:
    found = _territory_or_404(level, code)
    page = data.page_territory(found)
    if page is None:
        raise Http404(f"Aucun résultat publié pour {found.name}")
    if page.key != found.key:
        return HttpResponseRedirect(territory_url(page) + f"?depuis={found.level}:{found.code}")
    view, tables, charts = overview.territory_page(found, _view_params(request))
    came_from = None
    origin = request.GET.get("depuis", "")
    if origin:
        try:
            came_from = data.parse_key(origin)
        except (NotFoundError, InputError):
            came_from = None
    context = {
        "nav": "",
        "territory": found,
        "level_label": territories.level_label(found.level),
        "related": [
            {"name": t.name, "level": territories.level_label(t.level), "url": territory_url(t)}
            for t in data.related(found)
        ],
        "came_from": came_from.name if came_from is not None else "",
        "view": view,
        "territory_url": territory_url(found),
        "tables_base": f"{territory_url(found)}tableau/",
        "permalink": f"{territory_url(found)}?{view.query()}",
        "domains": [(d.code, d.label) for d in data.domains()],
        "tables": tables,
        "charts": charts,
        "report_url": reverse("pages:report", kwargs={"level": found.level, "code": found.code}),
        "compare_url": f"{reverse('pages:compare')}?a={found.level}:{found.code}&b=FR",
        "unrated_note": unrated_note(offered_lenses(store())[1]),
        "no_survey_note": t("ui.no_survey"),
    }
    if not wants_fragment(request):
        context["consultations"] = territory_blocks(found)
        return render(request, "pages/territory.html", context)
    response = render(request, "pages/_territory_view.html", context)
    response["HX-Push-Url"] = context["permalink"]  # the view actually shown (a missing wave falls back)
    return response


@needs_results
def territory_table(request: HttpRequest, level: str, code: str, name: str) -> HttpResponse:
    """One table of a territory page as CSV or XLSX (``?format=csv|xlsx``, same view parameters)."""
    found = _territory_or_404(level, code)
    if name not in data.TABLES or data.page_territory(found) != found:
        raise Http404(f"Tableau inconnu : {name}")
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        raise Http404(f"Format inconnu : {fmt}")
    view = data.resolve_view(found, _view_params(request))
    table: Table = data.TABLES[name](found, view)  # this table alone, no chart
    context = {
        t("pages.col.territory"): found.name,
        t("pages.col.territory_code"): found.key,
    }
    if name == "domaines":
        context[t("pages.col.lens")] = view.lens_label
        context[t("pages.col.basis")] = view.place.label() if view.place is not None else ""
    else:
        context[t("pages.col.basis")] = " ; ".join(b.label() for b in view.bases.values())
    body = table.to_csv(context) if fmt == "csv" else table.to_xlsx(context)
    return attachment(body, FORMATS[fmt], download_name(found, name, view, fmt))


def download_name(found: territories.Territory, name: str, view: data.View, fmt: str) -> str:
    """« observatoire-corse-region-94-domaines-citoyens-2019.csv »: territory, table, actor and wave (the
    tables over every actor and wave say « tous-acteurs »)."""
    parts = ["observatoire", fold(found.name).replace(" ", "-"), found.level, found.code.lower(), name]
    if name == "domaines":
        parts += [view.lens, str(view.wave or "")]
    elif name == "evolution":
        parts += [view.domain, "tous-acteurs"]
    else:
        parts.append("tous-acteurs")
    return "-".join(part for part in parts if part) + f".{fmt}"


@needs_results
def report(request: HttpRequest, level: str, code: str) -> HttpResponse:
    """``/rapports/<level>/<code>.pdf``: the territory's PDF report, written on its first request."""
    found = _territory_or_404(level, code)
    page = data.page_territory(found)
    if page is None:
        raise Http404(f"Aucun rapport pour {found.name}")
    if page.key != found.key:
        return HttpResponseRedirect(reverse("pages:report", kwargs={"level": page.level, "code": page.code}))
    build = published_build()
    if build is None:  # unpublished since needs_results looked: the same French 503
        raise StoreError(t("store.nothing_published"))
    path = reports.written_report(found, build)
    return FileResponse(path.open("rb"), content_type=reports.FORMATS["pdf"], filename=path.name)


OPEN_DATA_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".parquet": "application/vnd.apache.parquet",
    ".xlsx": FORMATS["xlsx"],
}


def open_data(request: HttpRequest, name: str) -> FileResponse:
    """``/donnees/<name>``: one of the full open-data files ``observatoire build`` writes at each build."""
    if name not in OPEN_DATA_FILES:
        raise Http404(f"Fichier inconnu : {name}")
    path = Path(settings.WORKSPACE.exports_dir) / name
    if not path.is_file():
        raise Http404(t("pages.open_data.missing"))
    content_type = OPEN_DATA_TYPES[path.suffix]
    return FileResponse(path.open("rb"), content_type=content_type, as_attachment=True, filename=name)


@needs_results
def compare(request: HttpRequest) -> HttpResponse:
    """``/comparer/?a=region:93&b=FR``: two territories side by side (one may be the nation)."""
    keys = {"a": request.GET.get("a", ""), "b": request.GET.get("b", "") or "FR"}
    chosen: dict[str, territories.Territory | None] = {}
    errors = []
    for side, key in keys.items():
        if not key:
            chosen[side] = None
            continue
        try:
            found = data.parse_key(key)
        except (NotFoundError, InputError):
            errors.append(t("pages.error.unknown_territory", key=key))
            chosen[side] = None
            continue
        chosen[side] = data.page_territory(found)
    lens = request.GET.get("regard", "")
    if lens not in dict(overview.LENSES):
        lens = overview.LENSES[0][0]
    comparison = None
    if chosen.get("a") is not None and chosen.get("b") is not None:
        comparison = overview.compare(chosen["a"], chosen["b"], lens)
        fmt = request.GET.get("format", "")
        if fmt:  # the comparison's table as a file (same parameters, ``&format=csv|xlsx``)
            if fmt not in FORMATS:
                raise Http404(f"Format inconnu : {fmt}")
            table: Table = comparison["table"]
            body: str | bytes = table.to_csv() if fmt == "csv" else table.to_xlsx()
            a, b = chosen["a"], chosen["b"]
            filename = f"observatoire-comparaison-{a.level}-{a.code}-{b.level}-{b.code}-{lens}.{fmt}"
            return attachment(body, FORMATS[fmt], filename)
    context = {
        "nav": "comparer",
        "a": keys["a"],
        "b": keys["b"],
        "choices": overview.compare_choices(),
        "lens": lens,
        "lenses": overview.LENSES,
        "errors": errors,
        "comparison": comparison,
        "download_query": urlencode({"a": keys["a"], "b": keys["b"], "regard": lens}),
    }
    return render(request, "pages/compare.html", context)


#: The open aggregates of partnership evaluations change as rounds close: the methodology page is kept a
#: minute in the shared cache, not a whole build.
METHODOLOGY_FRESH_S = 60


def methodology(request: HttpRequest) -> HttpResponse:
    context = {
        "nav": "methodologie",
        "method": overview.methodology(),
        "evaluations": evaluation_aggregates.public_table(),
        "evaluations_threshold": evaluation_aggregates.THRESHOLD,
    }
    return fresh_for(render(request, "pages/methodology.html", context), METHODOLOGY_FRESH_S)
