"""Consultation pages: the organiser creates and manages a consultation from a private link (preview, open,
close, delete, live count and results); residents answer at a public link. A wrong token is a plain 404;
private pages are ``noindex`` and never cached. The form needs no JavaScript."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from observatoire.consultations.publication import priorities
from observatoire.consultations.results import Results
from observatoire.consultations.thresholds import MIN_ANSWERS
from observatoire.errors import InputError
from observatoire.messages import t
from observatoire.questionnaires import instrument
from observatoire.reference import territories
from observatoire.web.agir.act import for_domains
from observatoire.web.consultations import display, downloads, pdf
from observatoire.web.consultations.forms import HONEYPOT, AnswerForm, CreateForm, communes_of
from observatoire.web.consultations.models import AnswerCode, Consultation, Response, new_code
from observatoire.web.consultations.public import republish
from observatoire.web.consultations.qr import qr_svg
from observatoire.web.consultations.reading import consultation_results
from observatoire.web.decorators import form_methods, private, safe_methods
from observatoire.web.files import attachment
from observatoire.web.tokens import NOT_FOUND, SHAPE, digest, get_by_token_or_404

INSTRUMENT = "consultation"
COOKIE = "consultation_{}"
CSV = "text/csv; charset=utf-8"
#: Answers accepted from one address for one consultation per window (a shared household or library
#: computer may send a few; a script may not send hundreds).
RATE_LIMIT = 20
RATE_WINDOW = 600


def _consultation_or_404(token: str) -> Consultation:
    """The consultation of a private manage link."""
    found: Consultation = get_by_token_or_404(Consultation.objects.all(), token)
    return found


def _public_or_404(public_id: str) -> Consultation:
    """The consultation of a public answer link (not a secret: the manage page shows it to share)."""
    found: Consultation | None = (
        Consultation.objects.filter(public_id=public_id).first() if SHAPE.match(public_id) else None
    )
    if found is None:
        raise Http404(NOT_FOUND)
    return found


def _answer_form(consultation: Consultation, data: Any = None) -> AnswerForm:
    found = territories.territory(consultation.territory_code, consultation.territory_level)
    return AnswerForm(
        instrument(INSTRUMENT),
        communes_of(found),
        consultation.extra_questions,
        data,
        with_code=consultation.mode == Consultation.MODE_CODES,
    )


def _use_code(consultation: Consultation, code: str) -> bool:
    """Mark ``code`` used, atomically: True only for the one request that finds it unused."""
    cleaned = code.strip().upper().replace(" ", "").replace("-", "")
    return bool(
        AnswerCode.objects.filter(consultation=consultation, code_hash=digest(cleaned), used=False).update(
            used=True
        )
    )


@form_methods
@private
def create(request: HttpRequest) -> HttpResponse:
    form = CreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = form.found
        region = found.region or ""
        consultation = Consultation.objects.create(
            title=form.cleaned_data["title"],
            organiser=form.cleaned_data["organiser"],
            territory_level=found.level,
            territory_code=found.code,
            territory_name=found.name,
            region=region,
            starts=form.cleaned_data["starts"],
            ends=form.cleaned_data["ends"],
            extra_questions=form.cleaned_data["extra"],
            mode=form.cleaned_data["mode"],
        )
        return HttpResponseRedirect(reverse("consultations:manage", args=[consultation.token]))
    return render(request, "consultations/create.html", {"form": form}, status=400 if form.errors else 200)


@form_methods
@private
def manage(request: HttpRequest, token: str) -> HttpResponse:
    consultation = _consultation_or_404(token)
    if request.method == "POST":
        action = request.POST.get("action")
        was_public = consultation.approved
        if action == "open" and consultation.status != Consultation.OPEN:
            consultation.status = Consultation.OPEN
            consultation.approved = False  # answers will change: a curator approves the final results
        elif action == "close" and consultation.status == Consultation.OPEN:
            consultation.status = Consultation.CLOSED
        elif action == "codes" and consultation.mode == Consultation.MODE_CODES:
            return _new_codes(consultation, request.POST.get("count", ""))
        consultation.save(update_fields=["status", "approved"])
        if was_public and not consultation.approved:
            republish()
        return HttpResponseRedirect(request.path)
    context = {
        "consultation": consultation,
        "public_link": _public_link(request, consultation),
        "manage_link": request.build_absolute_uri(request.path),
        "count": consultation.responses.count(),
        "codes_total": consultation.codes.count(),
        "codes_used": consultation.codes.filter(used=True).count(),
        **_results_context(consultation),
    }
    return render(request, "consultations/manage.html", context)


def _public_link(request: HttpRequest, consultation: Consultation) -> str:
    return str(request.build_absolute_uri(reverse("consultations:answer", args=[consultation.public_id])))


def _results_context(consultation: Consultation) -> dict[str, Any]:
    """What the results block shows, for the organiser and the public alike: caveats, chart, table, the
    priorities and « Pour agir » for them (the one recommendation engine)."""
    error: str | None = None
    try:
        found = consultation_results(consultation)
    except InputError as problem:  # margins a curator changed badly: said, not a 500
        found, error = None, str(problem)
    context: dict[str, Any] = {
        "results": found,
        "error": error,
        "minimum": MIN_ANSWERS,
        "shown": False,
        "priorities": [],
        "act": None,
    }
    if found is not None:
        context.update(display.context(found, consultation.region))
        if found.domains:
            place = territories.territory(consultation.territory_code, consultation.territory_level)
            context["priorities"] = display.priority_labels(found)
            context["act"] = for_domains(place, priorities(found))
    return context


MAX_CODES = 5000


def _new_codes(consultation: Consultation, count_text: str) -> HttpResponse:
    """Create ``count`` single-use codes and send them as a CSV to print or mail (one per line)."""
    count = int(count_text) if count_text.isdigit() else 0
    if not 1 <= count <= MAX_CODES:
        raise Http404("Page introuvable")  # the form bounds the number; anything else is not ours
    codes = [new_code() for _ in range(count)]  # in hand for this CSV only: the database keeps digests
    with transaction.atomic():
        AnswerCode.objects.bulk_create(
            [AnswerCode(consultation=consultation, code_hash=digest(code)) for code in codes]
        )
    lines = ["code", *codes]
    return attachment("\n".join(lines) + "\n", CSV, f"codes-consultation-{consultation.pk}.csv")


@safe_methods
@private
def preview(request: HttpRequest, token: str) -> HttpResponse:
    consultation = _consultation_or_404(token)
    form = _answer_form(consultation)
    return render(
        request, "consultations/answer.html", {"consultation": consultation, "form": form, "preview": True}
    )


@form_methods
@private
def delete(request: HttpRequest, token: str) -> HttpResponse:
    consultation = _consultation_or_404(token)
    if request.method == "POST":
        was_public = consultation.approved
        consultation.delete()  # its answers go with it (on_delete CASCADE)
        if was_public:
            republish()
        return render(request, "consultations/deleted.html")
    return render(request, "consultations/delete.html", {"consultation": consultation})


def _client_key(request: HttpRequest, consultation: Consultation) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{consultation.pk}:{address}".encode()).hexdigest()[:32]
    return f"consultation-rate:{digest}"


def _too_many(request: HttpRequest, consultation: Consultation) -> bool:
    key = _client_key(request, consultation)
    cache.add(key, 0, RATE_WINDOW)
    try:
        return int(cache.incr(key)) > RATE_LIMIT
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        return False


@form_methods
@private
def answer(request: HttpRequest, public_id: str) -> HttpResponse:
    consultation = _public_or_404(public_id)
    cookie = COOKIE.format(consultation.public_id)
    context: dict[str, Any] = {"consultation": consultation}
    if consultation.status != Consultation.OPEN:
        context["message"] = t("consultations.answer.not_open")
        return render(
            request, "consultations/message.html", context, status=409 if request.method == "POST" else 200
        )
    if request.COOKIES.get(cookie) and consultation.mode == Consultation.MODE_OPEN:
        context["message"] = t("consultations.answer.already")
        return render(
            request, "consultations/message.html", context, status=409 if request.method == "POST" else 200
        )
    form = _answer_form(consultation, request.POST or None)
    if request.method == "POST":
        if _too_many(request, consultation):
            context["message"] = t("consultations.answer.rate")
            return render(request, "consultations/message.html", context, status=429)
        if form.is_valid():
            if not form.is_robot():
                answers = {
                    k: v
                    for k, v in form.cleaned_data.items()
                    if k not in (HONEYPOT, "code") and v not in ("", None)
                }
                with transaction.atomic():
                    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
                    if locked.status != Consultation.OPEN:  # closed while the form was being filled
                        context["message"] = t("consultations.answer.not_open")
                        return render(request, "consultations/message.html", context, status=409)
                    if locked.mode == Consultation.MODE_CODES and not _use_code(
                        locked, form.cleaned_data["code"]
                    ):
                        form.add_error("code", t("consultations.answer.bad_code"))
                        context.update({"form": form, "preview": False})
                        return render(request, "consultations/answer.html", context, status=400)
                    Response.objects.create(consultation=locked, answers=answers)
            response = render(request, "consultations/thanks.html", context)
            response.set_cookie(cookie, "1", max_age=365 * 24 * 3600, httponly=True, samesite="Lax")
            return response
    context.update({"form": form, "preview": False})
    return render(request, "consultations/answer.html", context, status=400 if form.errors else 200)


def approved_for(level: str, code: str) -> list[Consultation]:
    """The consultations of a territory whose results a curator approved (for its public page)."""
    return list(
        Consultation.objects.filter(territory_level=level, territory_code=code, approved=True).order_by(
            "-ends"
        )
    )


@safe_methods
def public_results(request: HttpRequest, public_id: str) -> HttpResponse:
    """A consultation's results for everyone, once a curator approved them (before: the same plain 404)."""
    consultation = _approved_or_404(public_id)
    context: dict[str, Any] = {"consultation": consultation, **_results_context(consultation)}
    return render(request, "consultations/public.html", context)


def _approved_or_404(public_id: str) -> Consultation:
    consultation = _public_or_404(public_id)
    if not consultation.approved:
        raise Http404(NOT_FOUND)
    return consultation


def _shown_results(consultation: Consultation) -> Results:
    """The results once shown (30 valid answers); before, or with unreadable margins, a plain 404."""
    try:
        found = consultation_results(consultation)
    except InputError as problem:
        raise Http404(NOT_FOUND) from problem
    if found is None or not found.domains:
        raise Http404(NOT_FOUND)
    return found


def _file_name(consultation: Consultation, what: str) -> str:
    """« consultation-12-Briançon-reponses.csv »: the territory as its people write it (accents kept)."""
    return f"consultation-{consultation.pk}-{consultation.territory_name}-{what}.csv"


@safe_methods
@private
def results_download(request: HttpRequest, token: str) -> HttpResponse:
    """The results table as CSV, once results are shown (30 valid answers); before, a plain 404."""
    consultation = _consultation_or_404(token)
    found = _shown_results(consultation)
    return attachment(downloads.results_csv(found), CSV, _file_name(consultation, "resultats"))


@safe_methods
def public_results_download(request: HttpRequest, public_id: str) -> HttpResponse:
    """The public results table as CSV (approved consultations only)."""
    consultation = _approved_or_404(public_id)
    found = _shown_results(consultation)
    return attachment(downloads.results_csv(found), CSV, _file_name(consultation, "resultats"))


def _pdf(consultation: Consultation) -> HttpResponse:
    found = _shown_results(consultation)
    place = territories.territory(consultation.territory_code, consultation.territory_level)
    content = pdf.results_pdf(consultation, found, for_domains(place, priorities(found)))
    name = _file_name(consultation, "resultats").removesuffix(".csv") + ".pdf"
    return attachment(content, "application/pdf", name)


@safe_methods
@private
def results_pdf(request: HttpRequest, token: str) -> HttpResponse:
    """The results as a PDF for the organiser, once shown."""
    return _pdf(_consultation_or_404(token))


@safe_methods
def public_results_pdf(request: HttpRequest, public_id: str) -> HttpResponse:
    """The public results as a PDF (approved consultations only)."""
    return _pdf(_approved_or_404(public_id))


@safe_methods
@private
def poster(request: HttpRequest, token: str) -> HttpResponse:
    """A page to print: the consultation, its public link and the link's QR code (SVG)."""
    consultation = _consultation_or_404(token)
    link = _public_link(request, consultation)
    context = {"consultation": consultation, "public_link": link, "qr": qr_svg(link)}
    return render(request, "consultations/poster.html", context)


@safe_methods
@private
def answers_download(request: HttpRequest, token: str) -> HttpResponse:
    """The anonymised answers as CSV, from 30 answers on; before, a plain 404."""
    consultation = _consultation_or_404(token)
    if consultation.responses.count() < MIN_ANSWERS:
        raise Http404("Page introuvable")
    return attachment(downloads.answers_csv(consultation), CSV, _file_name(consultation, "reponses"))
