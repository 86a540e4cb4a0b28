"""``/evaluations/``: open an evaluation, score alone through one's own link, read the mirror.

Every page under a token is private (``noindex``, never cached) and a wrong token is a plain 404. A partner
sees its own answers, and the mirror of a round only once it has submitted in that round (blind until
then). A post is saved whole or not at all: a tampered value refuses the whole page (400, nothing saved).
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from observatoire.messages import t
from observatoire.questionnaires import instrument
from observatoire.questionnaires.mirror import (
    DIVERGENCE,
    Change,
    Mirror,
    PartnerAnswers,
    evolution,
    mirror,
    trend,
)
from observatoire.questionnaires.model import Instrument
from observatoire.reference import vocabulary
from observatoire.web.decorators import form_methods, private, safe_methods
from observatoire.web.files import attachment
from observatoire.web.partenariats import aggregates, pdf
from observatoire.web.partenariats.forms import MAX_PARTNERS, GridForm, OpenForm, PartnerForm
from observatoire.web.partenariats.models import GRID, Evaluation, Partner, Response, Round, add_partner
from observatoire.web.tokens import get_by_token_or_404


def _partner_or_404(token: str) -> Partner:
    found: Partner = get_by_token_or_404(Partner.objects.select_related("evaluation"), token)
    return found


def _grid(evaluation: Evaluation) -> Instrument:
    return instrument(evaluation.instrument, evaluation.version)


def _link(request: HttpRequest, token: str | None) -> str | None:
    """A partner's private link, from a token in hand (never from the database, which keeps digests)."""
    if token is None:
        return None
    return str(request.build_absolute_uri(reverse("evaluations:partner", args=[token])))


@form_methods
def index(request: HttpRequest) -> HttpResponse:
    form = OpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        grid = instrument(GRID)
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                name=data["name"],
                model=data["model"],
                start_year=data["start_year"],
                objectives=data["objectives"],
                territory=data["territory"],
                instrument=grid.code,
                version=grid.version,
            )
            opener = Partner.objects.create(evaluation=evaluation, name=data["opener"], opener=True)
            for order, name in enumerate(data["partners"], start=1):
                add_partner(evaluation, opener.token, name, order)
            Round.objects.create(evaluation=evaluation, number=1)
        return HttpResponseRedirect(reverse("evaluations:partner", args=[opener.token]))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "partenariats/evaluations.html", {"nav": "partenariats", "form": form}, status=status
    )


def _response(partner: Partner, current: Round) -> Response:
    found: Response
    found, _ = Response.objects.get_or_create(round=current, partner=partner)
    return found


@private
@form_methods
def partner(request: HttpRequest, token: str) -> HttpResponse:
    """A partner's page: its grid for the current round (saved, or submitted when complete), its links."""
    me = _partner_or_404(token)
    evaluation = me.evaluation
    grid = _grid(evaluation)
    current = evaluation.current_round()
    response = Response.objects.filter(round=current, partner=me).first()
    status = 200
    error = None
    if request.method == "POST" and (response is None or response.submitted is None):
        form = GridForm(grid, request.POST)
        if form.is_valid():
            submit = "envoyer" in request.POST
            if submit and form.missing():
                error = t("partenariats.form.incomplete", count=form.missing())
                status = 400
            else:
                with transaction.atomic():
                    response = _response(me, current)
                    response.answers = form.answers()
                    response.comments = form.comments()
                    if submit:
                        response.submitted = timezone.now()
                    response.save()
                target = "evaluations:mirror" if submit else "evaluations:partner"
                return HttpResponseRedirect(reverse(target, args=[token]))
        else:
            status = 400
    else:
        initial: dict[str, str] = {}
        if response is not None:
            initial.update(response.answers)
            initial.update({f"{k}__commentaire": v for k, v in response.comments.items()})
        form = GridForm(grid, initial=initial)
    partners = list(evaluation.partners.all())
    submitted = set(
        Response.objects.filter(round=current, submitted__isnull=False).values_list("partner_id", flat=True)
    )
    context = {
        "nav": "partenariats",
        "evaluation": evaluation,
        "model": vocabulary.partnership_model(evaluation.model),
        "me": me,
        "grid": grid,
        "form": form,
        "rows": [
            (
                section,
                [
                    (form[i.code], form[f"{i.code}__commentaire"] if i.comment else None)
                    for i in section.items
                ],
            )
            for section in grid.sections
        ],
        "error": error,
        "round": current,
        "done": response is not None and response.submitted is not None,
        "link": _link(request, token),
        "partners": [
            (p, _link(request, token if p.pk == me.pk else p.token_from(token)), p.pk in submitted)
            for p in (partners if me.opener else [])
        ],
        "partner_form": PartnerForm(),
        "can_add": len(partners) < MAX_PARTNERS,
        "past_rounds": evaluation.rounds.filter(  # the mirrors this partner may read
            closed__isnull=False, responses__partner=me, responses__submitted__isnull=False
        ),
    }
    return render(request, "partenariats/partner.html", context, status=status)


def _mirror_of(round_: Round, grid: Instrument) -> Mirror:
    responses = (
        Response.objects.filter(round=round_, submitted__isnull=False)
        .select_related("partner")
        .order_by("partner__order", "partner_id")
    )
    return mirror(grid, [PartnerAnswers(r.partner.name, r.answers, r.comments) for r in responses])


def _evolution(seen: Round, grid: Instrument, now: Mirror) -> tuple[tuple[Change, ...], str]:
    """Each line then and now, and the sentence saying it, against the round before ``seen`` (none in
    the first round)."""
    previous = Round.objects.filter(evaluation_id=seen.evaluation_id, number=seen.number - 1).first()
    if previous is None:
        return (), ""
    before = _mirror_of(previous, grid)
    return evolution(before, now), trend(before, now)


def _seen_round(me: Partner, number: int | None) -> Round | None:
    """The round whose mirror ``me`` may read: one it submitted in (the latest one by default)."""
    mine = Response.objects.filter(partner=me, submitted__isnull=False).select_related("round")
    if number is not None:
        mine = mine.filter(round__number=number)
    found = mine.order_by("-round__number").first()
    return found.round if found is not None else None


@private
@safe_methods
def mirror_page(request: HttpRequest, token: str, number: int | None = None) -> HttpResponse:
    me = _partner_or_404(token)
    seen = _seen_round(me, number)
    if seen is None:
        if number is not None:
            raise Http404("Page introuvable")
        return HttpResponseRedirect(reverse("evaluations:partner", args=[token]))
    evaluation = me.evaluation
    grid = _grid(evaluation)
    now = _mirror_of(seen, grid)
    changes, said = _evolution(seen, grid, now)
    context = {
        "nav": "partenariats",
        "evaluation": evaluation,
        "model": vocabulary.partnership_model(evaluation.model),
        "me": me,
        "round": seen,
        "mirror": now,
        "sections": [(s, now.section_lines(s.code)) for s in grid.sections],
        "divergence": DIVERGENCE,
        "changes": changes,
        "trend": said,
        "synthetic": t("partenariats.synthetic") if evaluation.synthetic else "",
    }
    return render(request, "partenariats/mirror.html", context)


@private
@safe_methods
def mirror_pdf(request: HttpRequest, token: str, number: int) -> HttpResponse:
    me = _partner_or_404(token)
    seen = _seen_round(me, number)
    if seen is None:
        raise Http404("Page introuvable")
    evaluation = me.evaluation
    grid = _grid(evaluation)
    now = _mirror_of(seen, grid)
    content = pdf.mirror_pdf(evaluation, seen, now, *_evolution(seen, grid, now))
    return attachment(content, "application/pdf", f"miroir-tour-{seen.number}.pdf")


@private
@form_methods
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The opener's actions: add a partner, close the round (the next one opens), delete everything."""
    me = _partner_or_404(token)
    if not me.opener:
        raise Http404("Page introuvable")
    evaluation = me.evaluation
    if request.method != "POST":
        return HttpResponseRedirect(reverse("evaluations:partner", args=[token]))
    action = request.POST.get("action")
    if action == "supprimer":
        if not request.POST.get("confirmer"):
            return _refused(request, me, t("partenariats.manage.confirm"))
        evaluation.delete()
        aggregates.rebuild()
        return render(request, "partenariats/deleted.html", {"nav": "partenariats"})
    if action == "ajouter":
        form = PartnerForm(request.POST)
        if not form.is_valid() or evaluation.partners.count() >= MAX_PARTNERS:
            return _refused(request, me, t("partenariats.form.partners", count=MAX_PARTNERS - 1))
        last = evaluation.partners.order_by("-order").first()
        add_partner(evaluation, token, form.cleaned_data["name"], (last.order if last else 0) + 1)
    elif action == "clore":
        current = evaluation.current_round()
        if not current.responses.filter(submitted__isnull=False).exists():
            return _refused(request, me, t("partenariats.manage.nothing_to_close"))
        with transaction.atomic():
            current.closed = timezone.now()
            current.save(update_fields=["closed"])
            Round.objects.create(evaluation=evaluation, number=current.number + 1)
            aggregates.rebuild()
    else:
        return _refused(request, me, t("partenariats.form.action"))
    return HttpResponseRedirect(reverse("evaluations:partner", args=[token]))


def _refused(request: HttpRequest, me: Partner, message: str) -> HttpResponse:
    """A refused action of the opener: what was refused, in French, and the way back; nothing changed."""
    context = {"nav": "partenariats", "me": me, "message": message}
    return render(request, "partenariats/refused.html", context, status=400)
