"""The stateless scoring API for partner platforms (django-ninja): the instruments, their public
definition (items, answers and their scores) and ``score``, which stores nothing.

``router`` is what the platform's single ``NinjaAPI`` mounts at ``/api/autodiagnostics/``; until the
open-data API is one (issue in progress), ``api`` mounts it on its own at the same address, with its
own OpenAPI at ``/api/autodiagnostics/openapi.json``. Bad input is a French 400 naming what is wrong.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import NinjaAPI, Router, Schema
from ninja.errors import HttpError, ValidationError

from observatoire.errors import InputError, NotFoundError
from observatoire.messages import t
from observatoire.questionnaires import instrument, instruments, peers, score
from observatoire.questionnaires.advice import next_steps
from observatoire.questionnaires.model import Instrument, Level
from observatoire.web.autodiagnostics import aggregates

router = Router(tags=["autodiagnostics"])


class ScoreIn(Schema):
    answers: dict[str, str | list[str]]


def _instrument(code: str) -> Instrument:
    try:
        return instrument(code)
    except NotFoundError as error:
        raise HttpError(404, str(error)) from error


def _level(level: Level | None) -> dict[str, Any] | None:
    if level is None:
        return None
    return {
        "rank": level.rank,
        "name": level.name,
        "description": level.description,
        "minimum": level.minimum,
    }


def _summary(request: HttpRequest, chosen: Instrument) -> dict[str, Any]:
    return {
        "code": chosen.code,
        "version": chosen.version,
        "title": chosen.title,
        "audience": chosen.audience,
        "description": chosen.description,
        "minutes": chosen.minutes,
        "url": request.build_absolute_uri(reverse("autodiagnostics_api:definition", args=[chosen.code])),
        "questionnaire": request.build_absolute_uri(reverse("autodiagnostics:start", args=[chosen.code])),
    }


@router.get("/", url_name="instruments", summary="Les questionnaires d'autodiagnostic")
def list_instruments(request: HttpRequest) -> list[dict[str, Any]]:
    return [_summary(request, chosen) for chosen in instruments()]


@router.get("/agregats/", url_name="aggregates", summary="Agrégats publics (au moins 10 autodiagnostics)")
def public_aggregates(request: HttpRequest) -> list[dict[str, Any]]:
    """Open data: per instrument version, actor type, size band, place and axis, how many completed
    self-assessments and their median (quartiles from 30) — only where at least 10 exist."""
    found = []
    for row in aggregates.public_rows().order_by("instrument", "version", "actor", "size", "scope", "place"):
        figures = peers.figures(row.clean_counts())
        found.append(
            {
                "instrument": row.instrument,
                "version": row.version,
                "actor": row.actor,
                "size": row.size,
                "scope": row.scope,
                "place": row.place,
                "axis": None if row.measure == peers.OVERALL else row.measure,
                "count": figures.count,
                "median": figures.median,
                "q1": figures.q1,
                "q3": figures.q3,
                "self_declared": True,
            }
        )
    return found


@router.get(
    "/{code}/", url_name="definition", summary="La définition publique d'un questionnaire et son barème"
)
def definition(request: HttpRequest, code: str) -> dict[str, Any]:
    chosen = _instrument(code)
    return {
        **_summary(request, chosen),
        "sources": list(chosen.sources),
        "levels": [_level(level) for level in chosen.levels],
        "actors": [{"code": c.code, "label": c.label} for c in chosen.actors],
        "sizes": [{"code": c.code, "label": c.label} for c in chosen.sizes],
        "axes": [
            {
                "code": section.code,
                "label": section.label,
                "description": section.description,
                "weight": section.weight,
                "questions": [
                    {
                        "id": item.code,
                        "text": item.text,
                        "kind": item.kind,
                        "required": item.required,
                        "scored": item.scored,
                        "weight": item.weight,
                        "answers": [
                            {
                                "id": option.code,
                                "label": option.label,
                                "score": option.score,
                                "not_applicable": option.not_applicable,
                            }
                            for option in item.scale.options
                        ],
                    }
                    for item in section.items
                ],
            }
            for section in chosen.sections
        ],
        "rules": [
            {"axis": rule.section, "below": rule.below, "text": rule.text, "levers": list(rule.levers)}
            for rule in chosen.rules
        ],
    }


def _resources(request: HttpRequest, anchor: str, code: str) -> str:
    return str(request.build_absolute_uri(reverse("autodiagnostics:resources"))) + f"#{anchor}-{code}"


@router.post("/{code}/score", url_name="score", summary="Noter des réponses (rien n'est enregistré)")
def score_answers(request: HttpRequest, code: str, payload: ScoreIn) -> dict[str, Any]:
    chosen = _instrument(code)
    try:
        result = score(chosen, payload.answers)
    except InputError as error:
        raise HttpError(400, str(error)) from error
    return {
        "instrument": chosen.code,
        "version": chosen.version,
        "self_declared": True,
        "score": round(result.score, 1),
        "level": _level(result.level),
        "not_applicable_share": round(result.not_applicable_share, 1),
        "axes": [
            {
                "code": s.section.code,
                "label": s.section.label,
                "score": None if s.score is None else round(s.score, 1),
                "level": _level(s.level),
            }
            for s in result.sections
        ],
        "recommendations": [
            {
                "axis": step.section,
                "score": round(step.score, 1),
                "text": step.text,
                "levers": [
                    {
                        "code": lv.code,
                        "label": lv.label,
                        "questions": list(lv.questions),
                        "url": _resources(request, "levier", lv.code),
                    }
                    for lv in step.levers
                ],
                "models": [
                    {"code": m.code, "label": m.label, "url": _resources(request, "modele", m.code)}
                    for m in step.models
                ],
                "catalysts": [
                    {"code": c.code, "label": c.label, "url": _resources(request, "metier", c.code)}
                    for c in step.catalysts
                ],
            }
            for step in next_steps(result)
        ],
    }


#: pydantic's error types → French messages (its own ``msg`` is English).
_PYDANTIC = {
    "missing": "autodiagnostics.api.missing",
    "dict_type": "autodiagnostics.api.object",
    "model_attributes_type": "autodiagnostics.api.object",
    "string_type": "autodiagnostics.api.text",
    "list_type": "autodiagnostics.api.list",
}


def french_errors(target: NinjaAPI) -> None:
    """Malformed bodies are a French 400 (django-ninja answers 422 in English by default)."""

    @target.exception_handler(ValidationError)
    def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
        problems = []
        for detail in error.errors:
            where = ".".join(str(part) for part in detail.get("loc", ()) if part not in ("body", "payload"))
            kind = str(detail.get("type", ""))
            what = t(_PYDANTIC.get(kind, "autodiagnostics.api.invalid_value"))
            problems.append(t("autodiagnostics.api.field", field=where, problem=what) if where else what)
        message = t("autodiagnostics.api.invalid", problems="; ".join(problems))
        return target.create_response(request, {"detail": message}, status=400)

    @target.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        message = str(error)
        if message.startswith("Cannot parse request body"):  # django-ninja's own wording
            message = t("autodiagnostics.api.unreadable")
        return target.create_response(request, {"detail": message}, status=error.status_code)


api = NinjaAPI(
    title="Observatoire des partenariats : autodiagnostics",
    version="1",
    urls_namespace="autodiagnostics_api",
    docs_url="/docs",
)
api.add_router("/", router)
french_errors(api)
