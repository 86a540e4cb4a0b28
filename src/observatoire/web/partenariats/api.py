"""``POST /api/partenariats/conseiller``: the advisor as JSON (answers in, ranked models with reasons out),
and ``GET /api/partenariats/agregats``: the open aggregates of closed evaluations (at least 10 per model).
Mounted on the one API (``web/api/site.py``); an unknown question or answer is a French 400 (InputError).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema

from observatoire.questionnaires.partnership_advisor import advise, rules
from observatoire.web.partenariats import aggregates

router = Router(tags=["partenariats"])

MAX_ANSWERS = 40


class AdvisorIn(Schema):
    """Question code -> chosen answer codes (see ``GET`` of the form at /partenariats/conseiller/)."""

    answers: dict[str, list[str]] = Field(max_length=MAX_ANSWERS)


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
    response=AdvisorOut,
    operation_id="partenariats_conseiller",
    url_name="partenariats_conseiller",
    summary="Les modèles de partenariat qui vous conviennent, classés, avec leur raison",
)
def advisor(request: HttpRequest, payload: AdvisorIn) -> AdvisorOut:
    chosen = rules()
    advice = advise(payload.answers, chosen)
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
    model: str
    line: str
    evaluations: int
    mean: float


@router.get(
    "agregats",
    response=list[AggregateOut],
    operation_id="partenariats_agregats",
    url_name="partenariats_agregats",
    summary="Agrégats anonymes des évaluations closes (au moins 10 par modèle)",
)
def public_aggregates(request: HttpRequest) -> list[AggregateOut]:
    return [AggregateOut(**row) for row in aggregates.public_rows()]
