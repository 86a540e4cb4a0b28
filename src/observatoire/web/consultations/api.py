"""``GET /api/consultations/``: the local consultations a curator approved, and ``GET
/api/consultations/{id}``: one's results (domains beside the région and France, caveats, priorities).

Mounted on the one API (``web/api/site.py``). Only approved consultations with results to show (30 valid
answers) are served, never an answer. Answers are cached with the published pages, under a key that
changes when a consultation is approved, withdrawn or deleted (:mod:`observatoire.web.caching`).
"""

from __future__ import annotations

import datetime
import math

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema

from observatoire.consultations.publication import priorities
from observatoire.consultations.results import Results
from observatoire.consultations.thresholds import Reliability
from observatoire.messages import t
from observatoire.reference import vocabulary
from observatoire.web.api import responses
from observatoire.web.api.schemas import Error
from observatoire.web.consultations.display import caveats
from observatoire.web.consultations.models import Consultation
from observatoire.web.consultations.public import approved

router = Router(tags=["consultations"])


class ConsultationOut(Schema):
    id: str = Field(..., description="Identifiant public de la consultation")
    title: str
    organiser: str
    level: str = Field(..., description="Niveau du territoire : commune, epci ou departement")
    territory: str = Field(..., description="Code INSEE (SIREN pour un EPCI)")
    territory_name: str
    region: str
    starts: datetime.date
    ends: datetime.date
    synthetic: bool = Field(..., description="Consultation de démonstration (réponses inventées)")
    valid_answers: int
    effective_size: float = Field(..., description="Taille effective (Kish) après pondération")
    weighted: bool = Field(..., description="Redressée par calage sur la population par sexe et âge")
    fragile: bool = Field(
        ..., description="« Résultats fragiles » : moins de 300 réponses ou taille effective < 150"
    )
    priorities: list[str] = Field(..., description="Domaines aux notes moyennes les plus hautes")
    url: str = Field(..., description="Page publique des résultats")


class DomainOut(Schema):
    domain: str
    label: str
    mean: float = Field(..., description="Note moyenne pondérée de fragilité perçue, 1 à 10")
    credible_low: float = Field(..., description="Intervalle de crédibilité à 95 % (modèle), borne basse")
    credible_high: float
    share_8_to_10: float = Field(..., description="Part des notes 8 à 10, en pourcentage")
    answers: int
    region: float | None = Field(None, description="Moyenne publiée de la région (enquête représentative)")
    region_gap_notable: bool | None = None
    france: float | None = None
    france_gap_notable: bool | None = None


class ResultsOut(ConsultationOut):
    warnings: list[str]
    domains: list[DomainOut]


def _summary(request: HttpRequest, consultation: Consultation, found: Results) -> dict[str, object]:
    return {
        "id": consultation.public_id,
        "title": consultation.title,
        "organiser": consultation.organiser,
        "level": consultation.territory_level,
        "territory": consultation.territory_code,
        "territory_name": consultation.territory_name,
        "region": consultation.region,
        "starts": consultation.starts,
        "ends": consultation.ends,
        "synthetic": consultation.synthetic,
        "valid_answers": found.valid,
        "effective_size": round(found.effective_n, 1) if math.isfinite(found.effective_n) else 0.0,
        "weighted": found.raked,
        "fragile": found.reliability is Reliability.FRAGILE,
        "priorities": list(priorities(found)),
        "url": request.build_absolute_uri(reverse("consultations:results", args=[consultation.public_id])),
    }


@router.get(
    "",
    response={200: list[ConsultationOut]},
    operation_id="consultations",
    url_name="consultations",
    summary="Consultations locales publiées (validées par l'Observatoire), les plus récentes d'abord",
)
def consultations(request: HttpRequest) -> list[dict[str, object]]:
    return [_summary(request, c, found) for c, found in approved()]


@router.get(
    "{public_id}",
    response={200: ResultsOut, 404: Error},
    operation_id="consultation_resultats",
    url_name="consultation_results",
    summary="Résultats d'une consultation locale publiée : les 16 domaines, la région, la France",
)
def consultation_results(request: HttpRequest, public_id: str) -> HttpResponse | dict[str, object]:
    for consultation, found in approved(public_id):
        if consultation.public_id == public_id:
            labels = {d.code: d.label for d in vocabulary.domains()}
            domains = [
                {
                    "domain": row.domain,
                    "label": labels[row.domain],
                    "mean": row.estimate.mean,
                    "credible_low": row.estimate.mean_interval.low,
                    "credible_high": row.estimate.mean_interval.high,
                    "share_8_to_10": 100 * row.estimate.top_box,
                    "answers": row.estimate.n,
                    "region": None if row.region is None else row.region.figure.estimate,
                    "region_gap_notable": None if row.region is None else row.region.notable,
                    "france": None if row.france is None else row.france.figure.estimate,
                    "france_gap_notable": None if row.france is None else row.france.notable,
                }
                for row in found.domains
            ]
            return {
                **_summary(request, consultation, found),
                "warnings": caveats(found),
                "domains": domains,
            }
    return responses.error(404, t("consultations.api.unknown", id=public_id))
