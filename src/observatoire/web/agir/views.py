"""Pages of the case base, the catalysts directory and the toolbox, the « Pour agir » section and the
contribution forms. Lists answer HTMX requests with their results fragment only (the site's one HTMX
rule, :mod:`observatoire.web.htmx`). Public answers are cached under the published base's version by
the site's cache middleware (``web/caching.py``, registered in ``apps.py``); the forms never are."""

from __future__ import annotations

import json
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.cache import never_cache

from observatoire.errors import InputError, NotFoundError
from observatoire.recommend import CASE, CATALYST, Need, codes, recommend
from observatoire.reference import territories, vocabulary
from observatoire.web.agir.act import for_action
from observatoire.web.agir.cases_map import SPEC_ID, cases_map
from observatoire.web.agir.catalog import catalog
from observatoire.web.agir.columns import CASES, CATALYSTS, TOOLS
from observatoire.web.agir.forms import CaseContributionForm, CatalystContributionForm, ContributionForm
from observatoire.web.agir.listing import listing
from observatoire.web.agir.models import PENDING, CaseStudy, Catalyst, Partner, Tool, refresh_search_keys
from observatoire.web.htmx import answers_both_ways, wants_fragment

NAV = {CASES: "pratiques", CATALYSTS: "catalyseurs", TOOLS: "outils"}
#: Contributions one address may send per hour (the form says so when over).
CONTRIBUTIONS_PER_HOUR = 5


@answers_both_ways
def _list(request: HttpRequest, kind: str) -> HttpResponse:
    context = {"nav": NAV[kind], "listing": listing(kind, request.GET), "kind": kind}
    if wants_fragment(request):
        return render(request, "agir/_results.html", context)
    return render(request, "agir/list.html", context)


def cases(request: HttpRequest) -> HttpResponse:
    return _list(request, CASES)


def cases_on_map(request: HttpRequest) -> HttpResponse:
    """``/pratiques/carte/``: the list's search and filters as counts by département, map and table."""
    found = cases_map(request.GET)
    context = {"nav": "pratiques", "map": found, "listing": found.listing, "spec_id": SPEC_ID}
    return render(request, "agir/map.html", context)


def catalysts(request: HttpRequest) -> HttpResponse:
    return _list(request, CATALYSTS)


def tools(request: HttpRequest) -> HttpResponse:
    return _list(request, TOOLS)


def _territory(level: str, code: str) -> territories.Territory:
    try:
        return territories.territory(code, level)
    except (NotFoundError, InputError) as error:
        raise Http404(str(error)) from error


def _labels(found: list[str], lookup: object) -> list[str]:
    out = []
    for code in found:
        try:
            out.append(lookup(code).label)  # type: ignore[operator]
        except NotFoundError:
            out.append(code)
    return out


def _json_ld(case: CaseStudy, request: HttpRequest, place: territories.Territory) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": case.title,
        "abstract": case.summary,
        "url": request.build_absolute_uri(reverse("agir:case", args=[case.slug])),
        "license": case.licence,
        "spatialCoverage": {"@type": "Place", "name": place.name},
        "keywords": _labels(case.domains, vocabulary.domain),
        "contributor": [{"@type": "Organization", "name": p.name} for p in case.partners.all() if p.name],
    }
    if case.start_year:
        data["temporalCoverage"] = f"{case.start_year}/.."
    # json.dumps does not escape « </ »: escape < so a title cannot close the script element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def case(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(CaseStudy.public.select_related("catalyst"), slug=slug)
    place = _territory(found.territory_level, found.territory_code)
    records = catalog().records
    models = (found.partnership_model,) if found.partnership_model else ()
    related = [
        m
        for m in recommend(
            records, Need(domains=tuple(found.domains), models=models), place.key, kinds=(CASE,), limit=6
        )
        if m.record.key != found.slug
    ][:5]
    covering = list(recommend(records, Need(), place.key, kinds=(CATALYST,), limit=4))
    model = vocabulary.partnership_model(found.partnership_model) if found.partnership_model else None
    context = {
        "nav": "pratiques",
        "case": found,
        "place": place,
        "place_level": territories.level_label(place.level),
        "domains": _labels(found.domains, vocabulary.domain),
        "levers": _labels(found.levers, vocabulary.lever),
        "impacts": _labels(found.impacts, vocabulary.impact),
        "odd": [codes.labels(codes.ODD).get(n, n) for n in found.odd],
        "model": model,
        "partners": list(found.partners.all()),
        "related": related,
        "catalysts": covering,
        "links": [line for line in found.links.splitlines() if line.strip()],
        "json_ld": _json_ld(found, request, place),
        "print": request.GET.get("impression") == "1",
    }
    return render(request, "agir/case.html", context)


def catalyst(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Catalyst.public, slug=slug)
    covered = []
    for key in found.covered:
        level, _, code = key.partition(":")
        try:
            covered.append(territories.territory(code, level))
        except NotFoundError:
            continue
    context = {
        "nav": "catalyseurs",
        "catalyst": found,
        "place": _territory(found.territory_level, found.territory_code),
        "covered": covered,
        "activities": [vocabulary.catalyst_activity(code) for code in found.activities],
        "domains": _labels(found.domains, vocabulary.domain),
        "cases": found.cases.filter(status="publie").order_by("title")[:20],
    }
    return render(request, "agir/catalyst.html", context)


def tool(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Tool.public, slug=slug)
    context = {
        "nav": "outils",
        "tool": found,
        "levers": [vocabulary.lever(code) for code in found.levers],
        "categories": _labels(found.categories, vocabulary.partnership_category),
        "actors": [codes.labels(codes.ACTOR_TYPES).get(a, a) for a in found.actor_types],
        "domains": _labels(found.domains, vocabulary.domain),
    }
    return render(request, "agir/tool.html", context)


@answers_both_ways
def for_territory(request: HttpRequest, level: str, code: str) -> HttpResponse:
    """``/pour-agir/<level>/<code>/``: the section alone for HTMX (the territory page loads it), a page
    otherwise (the link a page shows without JavaScript)."""
    found = _territory(level, code)
    fragment = wants_fragment(request)
    context = {"nav": "", "act": for_action(found), "standalone": not fragment}
    template = "agir/_for_action.html" if fragment else "agir/for_action.html"
    return render(request, template, context)


def _over_limit(request: HttpRequest) -> bool:
    key = f"agir:contributions:{request.META.get('REMOTE_ADDR', '')}"
    sent = cache.get(key, 0)
    if sent >= CONTRIBUTIONS_PER_HOUR:
        return True
    cache.set(key, sent + 1, 3600)
    return False


def _common(form: ContributionForm) -> dict[str, Any]:
    data = form.cleaned_data
    place = data["territoire"]
    return {
        "title": data["titre"],
        "summary": data["resume"],
        "territory_level": place.level,
        "territory_code": place.code,
        "domains": data["domaines"],
        "url": data["lien"],
        "provenance": "contribution",
        "status": PENDING,
    }


def _propose(request: HttpRequest, kind: str) -> HttpResponse:
    form_class = CaseContributionForm if kind == CASES else CatalystContributionForm
    form = form_class(request.POST or None)
    context = {"nav": NAV[kind], "form": form, "kind": kind, "limited": False}
    if request.method == "POST" and form.is_valid():
        if _over_limit(request):
            context["limited"] = True
            return render(request, "agir/propose.html", context, status=429)
        data = form.cleaned_data
        with transaction.atomic():
            if kind == CASES:
                entry = CaseStudy(
                    **_common(form),
                    body=data["texte"],
                    partnership_model=data["modele"],
                    stage=data["stade"],
                    start_year=data["annee"],
                )
                entry.save()
                names = [line.strip() for line in data["partenaires"].splitlines() if line.strip()]
                Partner.objects.bulk_create(
                    Partner(case=entry, actor_type=a, name="") for a in data["acteurs"]
                )
                Partner.objects.bulk_create(
                    Partner(case=entry, actor_type=data["acteurs"][0], name=n[:200]) for n in names
                )
                refresh_search_keys(entry)
            else:
                entry = Catalyst(
                    **_common(form),
                    structure=data["structure"],
                    activities=data["metiers"],
                    contact=data["contact"],
                )
                entry.save()
        return render(request, "agir/proposed.html", {"nav": NAV[kind], "reference": escape(entry.reference)})
    return render(request, "agir/propose.html", context, status=400 if request.method == "POST" else 200)


@never_cache  # type: ignore[untyped-decorator]  # a form with its token: never shared through a cache
def propose_case(request: HttpRequest) -> HttpResponse:
    return _propose(request, CASES)


@never_cache  # type: ignore[untyped-decorator]  # Django ships no type information
def propose_catalyst(request: HttpRequest) -> HttpResponse:
    return _propose(request, CATALYSTS)
