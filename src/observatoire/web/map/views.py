"""``/carte/`` (full page, or the map fragment for HTMX) and ``/carte/donnees.json``."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from observatoire.messages import t
from observatoire.reference import vocabulary
from observatoire.web.map.data import LENSES, BadChoiceError, MapData, Selection, map_data
from observatoire.web.results import store


def _selected(request: HttpRequest) -> MapData:
    try:
        selection = Selection.from_query(request.GET)
    except BadChoiceError as error:
        raise Http404(str(error)) from error
    return map_data(store(), selection)


def _fragment_only(request: HttpRequest) -> bool:
    """An HTMX swap gets the fragment; a history restore (back button) needs the whole page."""
    headers = request.headers
    return headers.get("HX-Request") == "true" and not headers.get("HX-History-Restore-Request")


def _table(found: MapData) -> list[dict[str, object]]:
    """The table rows: the unweighted base only where the figure comes from a sample."""
    rows = found.rows.astype(object).where(found.rows.notna(), None).to_dict("records")
    for row in rows:
        row["n"] = "" if row["n"] is None else int(row["n"])
    return rows


def carte(request: HttpRequest) -> HttpResponse:
    found = _selected(request)
    context = {
        "nav": "carte",
        "map": found,
        "chart_id": "carte-spec",
        "domains": [(d.code, d.short_label) for d in vocabulary.domains()],
        "lenses": [(code, t(f"map.lens.{code}")) for code in LENSES],
        "levels": [("region", "Régions"), ("departement", "Départements (indice objectif)")],
        "table": _table(found),
        "lens_label": t(f"map.lens.{found.selection.lens}"),
        "domain_label": vocabulary.domain(found.selection.domain).label,
    }
    template = "map/_carte.html" if _fragment_only(request) else "map/carte.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def carte_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(_selected(request).as_json(), json_dumps_params={"ensure_ascii": False})
