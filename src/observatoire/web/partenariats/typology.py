"""``/partenariats/``: the 4 categories and 9 models as pages, and the advisor (a plain form, no script)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from observatoire.errors import NotFoundError
from observatoire.questionnaires.partnership_advisor import advise, rules
from observatoire.reference import territories, vocabulary
from observatoire.web.decorators import safe_methods
from observatoire.web.partenariats import resources as agir
from observatoire.web.partenariats.forms import AdvisorForm


@safe_methods
def index(request: HttpRequest) -> HttpResponse:
    found = vocabulary.partnership_categories()
    context = {
        "nav": "partenariats",
        "categories": [(c, vocabulary.partnership_models(c.code)) for c in found],
        "regions": agir.cases_per_region("categorie", [(c.code, c.label) for c in found]),
    }
    return render(request, "partenariats/index.html", context)


@safe_methods
def model(request: HttpRequest, code: str) -> HttpResponse:
    found = next((m for m in vocabulary.partnership_models() if m.code == code), None)
    if found is None:
        raise Http404("Page introuvable")
    context = {
        "nav": "partenariats",
        "model": found,
        "siblings": [m for m in vocabulary.partnership_models(found.category.code) if m.code != code],
        "resources": agir.for_model(found, None, shown=None),
        "regions": agir.cases_per_region("modele", [(found.code, "Cas publiés")]),
    }
    return render(request, "partenariats/model.html", context)


@safe_methods
def advisor(request: HttpRequest) -> HttpResponse:
    """The guided form (GET, so an answer is a link one can share) and, once sent, the ranked models."""
    chosen = rules()
    form = AdvisorForm(chosen, request.GET if "conseiller" in request.GET else None)
    advice = None
    resources: dict[str, agir.Resources] = {}
    if form.is_bound and form.is_valid():
        place: territories.Territory | None = None
        if form.cleaned_data["territory"]:
            try:
                place = territories.territory(form.cleaned_data["territory"])
            except NotFoundError as error:
                form.add_error("territory", str(error))
        if not form.errors:
            advice = advise(form.answers(), chosen)
            key = f"{place.level}:{place.code}" if place else None
            resources = {r.model.code: agir.for_model(r.model, key) for r in advice.models[:5]}
    status = 400 if form.is_bound and form.errors else 200
    ranked = [(r, resources.get(r.model.code)) for r in advice.models] if advice else []
    context = {"nav": "partenariats", "form": form, "advice": advice, "ranked": ranked}
    return render(request, "partenariats/advisor.html", context, status=status)
