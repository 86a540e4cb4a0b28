"""``/carte/`` (full page, or the map fragment for HTMX) and ``/carte/donnees.json``."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from observatoire.messages import t
from observatoire.numbers import spreadsheet_number
from observatoire.reference import vocabulary
from observatoire.web.files import attachment
from observatoire.web.htmx import answers_both_ways, wants_fragment
from observatoire.web.map.data import (
    SPEC_ID,
    BadChoiceError,
    MapData,
    Selection,
    map_data,
    offered_lenses,
    unrated_note,
)
from observatoire.web.results import store
from observatoire.web.unpublished import needs_results


def _selected(request: HttpRequest) -> MapData:
    try:
        selection = Selection.from_query(request.GET)
    except BadChoiceError as error:
        raise Http404(str(error)) from error
    return map_data(store(), selection)


@answers_both_ways
@needs_results
def carte(request: HttpRequest) -> HttpResponse:
    found = _selected(request)
    lenses, unrated = offered_lenses(store())
    if found.selection.lens not in lenses:  # an old link to a lens without figures: drawn empty, said why
        lenses.append(found.selection.lens)
    unrated_text = unrated_note(unrated)
    objective_only = found.selection.lens != "objectif"
    context = {
        "nav": "carte",
        "map": found,
        "chart_id": SPEC_ID,
        "domains": [(d.code, d.short_label) for d in vocabulary.domains()],
        "lenses": [(code, t(f"map.lens.{code}")) for code in lenses],
        "unrated_note": unrated_text,
        # (code, label, disabled): the départements have the objective index only
        "levels": [
            ("region", t("map.level_option.region"), False),
            ("departement", t("map.level_option.departement"), objective_only),
        ],
        "level_note": t("map.level_option.reason") if objective_only else "",
        "table": found.table,
        "domain_label": vocabulary.domain(found.selection.domain).label,
        "empty_message": unrated_text
        if found.selection.lens in unrated
        else t(
            "map.empty",
            domain=vocabulary.domain(found.selection.domain).label,
            lens=t(f"map.lens.{found.selection.lens}"),
        ),
    }
    fragment = wants_fragment(request)
    response = render(request, "map/_carte.html" if fragment else "map/carte.html", context)
    if fragment:
        # The address bar shows the view drawn (a wave the lens lacks falls back to its latest).
        response["HX-Push-Url"] = canonical_url(found)
    return response


def canonical_url(found: MapData) -> str:
    """The permalink of a map as drawn: domain, lens, level and the wave actually shown."""
    query = {"domaine": found.selection.domain, "lens": found.selection.lens, "niveau": found.selection.level}
    if found.wave is not None:
        query["vague"] = str(found.wave)
    return f"{reverse('map:carte')}?{urlencode(query)}"


@needs_results
def carte_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(_selected(request).payload, json_dumps_params={"ensure_ascii": False})


@needs_results
def carte_csv(request: HttpRequest) -> HttpResponse:
    """The map's table as the open-data CSV convention: UTF-8 with BOM, ``;``, decimal comma."""
    found = _selected(request)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["code", "territoire", "valeur", "base_insuffisante", "n", "classe"])
    for row in found.table:
        value = spreadsheet_number(row["value"], 4)
        suppressed = "true" if row["suppressed"] else "false"
        writer.writerow([row["code"], row["name"], value, suppressed, row["n"], row["class"]])
    body = ("\ufeff" + out.getvalue()).encode("utf-8")
    s = found.selection
    name = f"carte-{s.domain}-{s.lens}-{s.level}-{found.wave or 'sans-vague'}.csv"
    return attachment(body, "text/csv; charset=utf-8", name)
