"""The stateless scoring API for partner platforms (django-ninja): the instruments, their public
definition (items, answers and their scores) and ``score``, which stores nothing.

``router`` is mounted on the platform's one API (``web/api/site.py``) at ``/api/autodiagnostics/``, so
its operations are in ``/api/openapi.json``. Bad input is a French 400 naming what is wrong, an unknown
instrument a 404, both as the API's ``{"error": ...}``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router
from pydantic import BaseModel, model_validator

from observatoire.errors import NotFoundError
from observatoire.messages import t
from observatoire.questionnaires import instrument, instruments, peers, score
from observatoire.questionnaires.advice import next_steps
from observatoire.questionnaires.model import Instrument, Level
from observatoire.web.api import responses, schemas
from observatoire.web.autodiagnostics import aggregates

router = Router(tags=["autodiagnostics"])


class ScoreIn(BaseModel):
    """``{"answers": {question_id: answer_id | [answer_id, ...]}}``, checked with French messages (the
    API's handler says a ``ValueError`` raised here as it is; pydantic's own messages are English)."""

    answers: dict[str, str | list[str]]

    @model_validator(mode="before")
    @classmethod
    def french(cls, body: Any) -> Any:
        if not isinstance(body, dict) or "answers" not in body:
            raise ValueError(t("autodiagnostics.api.invalid", problems=t("autodiagnostics.api.missing")))
        answers = body["answers"]
        if not isinstance(answers, dict):
            raise ValueError(t("autodiagnostics.api.invalid", problems=t("autodiagnostics.api.object")))
        for question, answer in answers.items():
            text = isinstance(answer, str)
            texts = isinstance(answer, list) and all(isinstance(a, str) for a in answer)
            if not (text or texts):
                problem = t(
                    "autodiagnostics.api.field", field=question, problem=t("autodiagnostics.api.text")
                )
                raise ValueError(t("autodiagnostics.api.invalid", problems=problem))
        return body


def _instrument(code: str) -> Instrument | HttpResponse:
    """The instrument, or the API's French 404 naming the known codes."""
    try:
        return instrument(code)
    except NotFoundError as error:
        return responses.error(404, str(error))


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
        "url": request.build_absolute_uri(reverse("api:autodiagnostics_definition", args=[chosen.code])),
        "questionnaire": request.build_absolute_uri(reverse("autodiagnostics:start", args=[chosen.code])),
    }


@router.get(
    "/",
    operation_id="autodiagnostics",
    url_name="autodiagnostics_instruments",
    response={200: list[dict[str, Any]]},
    summary="Les questionnaires d'autodiagnostic",
)
def list_instruments(request: HttpRequest) -> list[dict[str, Any]]:
    return [_summary(request, chosen) for chosen in instruments()]


@router.get(
    "/agregats/",
    operation_id="autodiagnostics_agregats",
    url_name="autodiagnostics_aggregates",
    response={200: list[dict[str, Any]]},
    summary="Agrégats publics (au moins 10 autodiagnostics)",
)
def public_aggregates(request: HttpRequest, response: HttpResponse) -> list[dict[str, Any]]:
    """Open data: per instrument version, actor type, size band, place and axis, how many completed
    self-assessments and their median (quartiles from 30) — only where at least 10 exist."""
    response["Cache-Control"] = "no-store"  # they change with every completed assessment, not per build
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
    "/{code}/",
    operation_id="autodiagnostic",
    url_name="autodiagnostics_definition",
    response={200: dict[str, Any], 404: schemas.Error},
    summary="La définition publique d'un questionnaire et son barème",
)
def definition(request: HttpRequest, code: str) -> dict[str, Any] | HttpResponse:
    chosen = _instrument(code)
    if isinstance(chosen, HttpResponse):
        return chosen
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


@router.post(
    "/{code}/score",
    operation_id="autodiagnostic_score",
    url_name="autodiagnostics_score",
    response={200: dict[str, Any], 400: schemas.Error, 404: schemas.Error},
    summary="Noter des réponses (rien n'est enregistré)",
)
def score_answers(request: HttpRequest, code: str, payload: ScoreIn) -> dict[str, Any] | HttpResponse:
    chosen = _instrument(code)
    if isinstance(chosen, HttpResponse):
        return chosen
    result = score(chosen, payload.answers)  # a bad answer is an InputError: the API's French 400
    resources = str(request.build_absolute_uri(reverse("autodiagnostics:resources")))
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
                        "url": f"{resources}#levier-{lv.code}",
                    }
                    for lv in step.levers
                ],
                "models": [
                    {"code": m.code, "label": m.label, "url": f"{resources}#modele-{m.code}"}
                    for m in step.models
                ],
                "catalysts": [
                    {"code": c.code, "label": c.label, "url": f"{resources}#metier-{c.code}"}
                    for c in step.catalysts
                ],
            }
            for step in next_steps(result)
        ],
    }
