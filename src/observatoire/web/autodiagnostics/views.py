"""The self-assessment pages: no account, one section per page, answers saved as you go, a private link
(the token) to resume and reopen the result. A wrong token is a plain 404; every page under a token is
``noindex`` and never stored by a browser or a shared cache.

The result page is remembered server-side in Django's cache under its token's digest, the token itself
blanked out of the stored copy (the cache, like the database, holds no working link), stamped with what
it shows (the published build, the case base, the answers, when its peers last changed, the site's
address): it is rendered again only when one of them changes. The token's row is read first on every
view, so a deleted result answers 404 at once; deleting removes the remembered page from this process and from
Redis, and a copy in another process's memory (unreachable) expires after :data:`RESULT_TIMEOUT_S`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from observatoire.errors import InputError, NotFoundError
from observatoire.questionnaires import instrument, instruments, score
from observatoire.questionnaires.model import Instrument
from observatoire.reference import vocabulary
from observatoire.web import caching
from observatoire.web.agir import catalog
from observatoire.web.autodiagnostics import aggregates, pdf
from observatoire.web.autodiagnostics.forms import ProfileForm, SectionForm, region_of
from observatoire.web.autodiagnostics.models import Assessment, result_key
from observatoire.web.autodiagnostics.reading import read
from observatoire.web.decorators import form_methods, private, safe_methods
from observatoire.web.files import attachment
from observatoire.web.tokens import get_by_token_or_404

RESULT_TIMEOUT_S = 900
#: What a remembered result page needs of its row (its stamp): the answers are read only to render it.
STAMP_FIELDS = ("token_hash", "completed", "updated", "instrument", "version", "actor", "size")
#: Stands for the private token in a remembered result page (never a token character).
TOKEN_MARK = b"@@jeton@@"


def _instrument_or_404(code: str, version: int | None = None) -> Instrument:
    try:
        return instrument(code, version)
    except NotFoundError as error:
        raise Http404(str(error)) from error


def _assessment_or_404(token: str, fields: tuple[str, ...] = ()) -> Assessment:
    """The assessment of ``token``, with only ``fields`` read when given (the others read when used)."""
    found: Assessment = get_by_token_or_404(
        Assessment.objects.only(*fields) if fields else Assessment.objects.all(), token
    )
    return found


def link(request: HttpRequest, assessment: Assessment) -> str:
    """The private link, from the token in hand (just issued, or the URL the author came with)."""
    return str(request.build_absolute_uri(reverse("autodiagnostics:resume", args=[assessment.token])))


@safe_methods
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "autodiagnostics/index.html",
        {
            "nav": "autodiagnostics",
            "instruments": instruments(),
            "retention": settings.OBSERVATOIRE_ANSWERS_RETENTION_DAYS,
        },
    )


@safe_methods
def resources(request: HttpRequest) -> HttpResponse:
    """The levers with their questions, the partnership models and the catalysts' métiers that next steps
    point to (from the vocabulary, until the shared recommendation engine answers)."""
    return render(
        request,
        "autodiagnostics/resources.html",
        {
            "nav": "autodiagnostics",
            "levers": vocabulary.levers(),
            "models": vocabulary.partnership_models(),
            "catalysts": vocabulary.catalyst_activities(),
        },
    )


@private
@form_methods
def start(request: HttpRequest, code: str) -> HttpResponse:
    chosen = _instrument_or_404(code)
    if chosen.population is None:  # an evaluation grid (partenariats), not a self-assessment
        raise Http404("Page introuvable")
    form = ProfileForm(chosen, request.POST or None)
    if request.method == "POST" and form.is_valid() and form.found is not None:
        found = form.found
        assessment = Assessment.objects.create(
            instrument=chosen.code,
            version=chosen.version,
            actor=form.cleaned_data["actor"],
            size=form.cleaned_data["size"],
            territory=found.key,
            territory_name=found.name,
            region=region_of(found),
            organisation=form.cleaned_data["organisation"],
        )
        return HttpResponseRedirect(reverse("autodiagnostics:section", args=[assessment.token, 1]))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "autodiagnostics/start.html",
        {"nav": "autodiagnostics", "instrument": chosen, "form": form},
        status=status,
    )


def _first_unanswered(chosen: Instrument, answers: dict[str, Any]) -> int | None:
    for number, section in enumerate(chosen.sections, start=1):
        if any(item.required and item.code not in answers for item in section.items):
            return number
    return None


@private
@safe_methods
def resume(request: HttpRequest, token: str) -> HttpResponse:
    """The private link: the result when complete, otherwise the first page still to answer."""
    assessment = _assessment_or_404(token)
    if assessment.completed is not None:
        return HttpResponseRedirect(reverse("autodiagnostics:result", args=[token]))
    chosen = _instrument_or_404(assessment.instrument, assessment.version)
    number = _first_unanswered(chosen, assessment.answers) or len(chosen.sections)
    return HttpResponseRedirect(reverse("autodiagnostics:section", args=[token, number]))


def _complete(assessment: Assessment, chosen: Instrument) -> None:
    """Score the answers and count them in the peer aggregates, in one transaction (all or nothing)."""
    result = score(chosen, assessment.answers)
    with transaction.atomic():
        previous = Assessment.objects.select_for_update().get(pk=assessment.pk)
        assessment.completed = timezone.now()
        assessment.score = result.score
        assessment.level = result.level.rank
        assessment.section_scores = {s.section.code: s.score for s in result.sections}
        assessment.save()
        aggregates.record(assessment, previous)


@private
@form_methods
def section(request: HttpRequest, token: str, number: int) -> HttpResponse:
    assessment = _assessment_or_404(token)
    chosen = _instrument_or_404(assessment.instrument, assessment.version)
    if not 1 <= number <= len(chosen.sections):
        raise Http404("Page introuvable")
    current = chosen.sections[number - 1]
    status = 200
    if request.method == "POST":
        form = SectionForm(current, request.POST)
        valid = form.is_valid()
        answers = {k: v for k, v in assessment.answers.items() if k not in form.fields}
        answers.update(form.valid_answers() if valid else _partial(form))
        assessment.answers = answers
        if "precedent" in request.POST and number > 1:
            assessment.save(update_fields=["answers", "updated"])
            return HttpResponseRedirect(reverse("autodiagnostics:section", args=[token, number - 1]))
        if valid:
            if number < len(chosen.sections):
                assessment.save(update_fields=["answers", "updated"])
                return HttpResponseRedirect(reverse("autodiagnostics:section", args=[token, number + 1]))
            missing = _first_unanswered(chosen, answers)
            if missing is not None:
                assessment.save(update_fields=["answers", "updated"])
                return HttpResponseRedirect(reverse("autodiagnostics:section", args=[token, missing]))
            try:
                _complete(assessment, chosen)
            except InputError as error:
                form.add_error(None, str(error))
            else:
                return HttpResponseRedirect(reverse("autodiagnostics:result", args=[token]))
        assessment.save(update_fields=["answers", "updated"])
        status = 400
    else:
        initial = {item.code: assessment.answers.get(item.code) for item in current.items}
        form = SectionForm(current, initial=initial)
    context = {
        "nav": "autodiagnostics",
        "instrument": chosen,
        "assessment": assessment,
        "section": current,
        "number": number,
        "total": len(chosen.sections),
        "last": number == len(chosen.sections),
        "form": form,
        "link": link(request, assessment),
    }
    return render(request, "autodiagnostics/section.html", context, status=status)


def _partial(form: SectionForm) -> dict[str, Any]:
    """The fields that validated on their own, when others did not (they are saved as you go)."""
    return {
        code: value
        for code, value in form.cleaned_data.items()
        if code not in form.errors and value not in (None, "", [])
    }


def _completed_or_redirect(token: str, fields: tuple[str, ...] = ()) -> Assessment | HttpResponse:
    assessment = _assessment_or_404(token, fields)
    if assessment.completed is None:
        return HttpResponseRedirect(reverse("autodiagnostics:resume", args=[token]))
    return assessment


def _result_stamp(request: HttpRequest, assessment: Assessment) -> str:
    """What the result page shows besides its token: rendered again when any of these changes."""
    published = caching.published_version()
    return "|".join(
        (
            published[1] if published else "",
            catalog.version(),
            assessment.updated.isoformat(),
            aggregates.peers_stamp(assessment),
            request.build_absolute_uri("/"),  # the private link shown is absolute
        )
    )


@private
@safe_methods
def result(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _completed_or_redirect(token, STAMP_FIELDS)
    if isinstance(assessment, HttpResponse):
        return assessment
    page = caching.remembered(
        result_key(assessment.token_hash),
        lambda: _without_token(_result_page(request, _assessment_or_404(token)), token),
        RESULT_TIMEOUT_S,
        _result_stamp(request, assessment),
    )
    page.content = page.content.replace(TOKEN_MARK, token.encode())
    return page


def _without_token(response: HttpResponse, token: str) -> HttpResponse:
    """The page as remembered: its private link blanked out, so the cache holds no working link."""
    response.content = response.content.replace(token.encode(), TOKEN_MARK)
    return response


def _result_page(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    reading = read(assessment)
    context = {
        "nav": "autodiagnostics",
        "assessment": assessment,
        "reading": reading,
        "chart": {
            "id": "radar-spec",
            # the title is the figure's caption in the page's HTML (it wraps; a Vega title does not)
            "spec": {key: value for key, value in reading.chart.spec.items() if key != "title"},
            "alt": reading.chart.alt,
            "title": reading.chart.title,
        },
        "link": link(request, assessment),
        "retention": settings.OBSERVATOIRE_ANSWERS_RETENTION_DAYS,
    }
    return render(request, "autodiagnostics/result.html", context)


@private
@safe_methods
def result_pdf(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _completed_or_redirect(token)
    if isinstance(assessment, HttpResponse):
        return assessment
    content = pdf.result_pdf(assessment, read(assessment))
    return attachment(content, "application/pdf", f"autodiagnostic-{assessment.instrument}.pdf")


@private
@form_methods
def delete(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _assessment_or_404(token)
    if request.method == "POST":
        with transaction.atomic():
            aggregates.forget(assessment)
            assessment.delete()
        caching.forget(result_key(assessment.token_hash))
        return render(request, "autodiagnostics/deleted.html", {"nav": "autodiagnostics"})
    return render(
        request, "autodiagnostics/delete.html", {"nav": "autodiagnostics", "assessment": assessment}
    )
