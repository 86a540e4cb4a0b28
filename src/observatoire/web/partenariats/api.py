"""``POST /api/partenariats/conseiller``: the advisor as JSON (answers in, ranked models with reasons out),
and ``GET /api/partenariats/agregats``: the open aggregates of closed evaluations (at least 10 per model).
Mounted on the one API (``web/api/site.py``); an unknown question or answer is a French 400 (InputError).
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from pydantic import BaseModel, ConfigDict, create_model

from observatoire.questionnaires.partnership_advisor import SINGLE, advise, rules
from observatoire.web.api.schemas import Error
from observatoire.web.partenariats import aggregates

router = Router(tags=["partenariats"])


def _answers_schema() -> type[BaseModel]:
    """The advisor's questions as a schema: one optional list per question, of its answer codes (one at
    most for a single-choice question); unknown questions are refused. Built from the rules' data, so the
    OpenAPI document lists every question and answer."""
    fields: dict[str, Any] = {}
    for question in rules().questions:
        codes = Literal[tuple(o.code for o in question.options)]  # type: ignore[valid-type]
        most = 1 if question.kind == SINGLE else len(question.options)
        fields[question.code] = (
            list[codes],  # type: ignore[valid-type]
            Field(default_factory=list, max_length=most, description=question.label),
        )
    config = ConfigDict(extra="forbid")
    schema: type[BaseModel] = create_model("ReponsesConseiller", __config__=config, **fields)
    return schema


AdvisorAnswers = _answers_schema()


class AdvisorIn(Schema):
    """The chosen answers, by question (the form of /partenariats/conseiller/ asks the same)."""

    answers: AdvisorAnswers  # type: ignore[valid-type]


class RankedModelOut(Schema):
    code: str
    label: str
    category: str
    points: int
    reason: str
    definition: str
    examples: list[str]


class RankedCategoryOut(Schema):
    code: str
    label: str
    points: int


class AdvisorOut(Schema):
    version: int
    categories: list[RankedCategoryOut]
    models: list[RankedModelOut]


@router.post(
    "conseiller",
    response={200: AdvisorOut, 400: Error},
    operation_id="partenariats_conseiller",
    url_name="partenariats_conseiller",
    summary="Les modèles de partenariat qui vous conviennent, classés, avec leur raison",
)
def advisor(request: HttpRequest, payload: AdvisorIn) -> AdvisorOut:
    chosen = rules()
    given: BaseModel = payload.answers
    answers = {code: list(values) for code, values in given.model_dump().items() if values}
    advice = advise(answers, chosen)
    return AdvisorOut(
        version=chosen.version,
        categories=[
            RankedCategoryOut(code=c.category.code, label=c.category.label, points=c.points)
            for c in advice.categories
        ],
        models=[
            RankedModelOut(
                code=m.model.code,
                label=m.model.label,
                category=m.model.category.code,
                points=m.points,
                reason=m.reason,
                definition=m.model.definition,
                examples=list(m.model.examples),
            )
            for m in advice.models
        ],
    )


class AggregateOut(Schema):
    """One model's mean score (0 to 4) on one impact or object, over its closed evaluations."""

    model: str
    model_label: str
    line: str = Field(description="un impact (impact_…) ou un objet (produit, equilibre, reconnaissance)")
    line_label: str
    evaluations: int = Field(description="évaluations closes comptées (au moins 10)")
    mean: float = Field(description="note moyenne de 0 à 4")


@router.get(
    "agregats",
    response={200: list[AggregateOut]},
    operation_id="partenariats_agregats",
    url_name="partenariats_agregats",
    summary="Agrégats anonymes des évaluations closes (au moins 10 par modèle)",
)
def public_aggregates(request: HttpRequest, response: HttpResponse) -> list[AggregateOut]:
    response["Cache-Control"] = "no-store"  # they change with every closed evaluation, not per build
    return [AggregateOut(**row) for row in aggregates.public_rows()]
