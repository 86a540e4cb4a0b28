"""Labelled synthetic consultations, so the pages show: a commune of PACA (400 answers) and an EPCI (1,200).

Respondents are drawn as an opt-in sample is: women and people over 50 over-represented, about 5 % of
careless answers (failing the attention check). Ratings are drawn around 5.5 with a per-domain shift.
The margins are the territory's population (reference data) spread by the demo's assumed French 18+
structure by sex and age (:data:`observatoire.demo.citizens.SEX`, ``AGE``), said so in their source.
Every consultation and answer is flagged ``synthetic`` and approved, so the public page shows it.
"""

from __future__ import annotations

import datetime

import numpy as np
from django.db import transaction

from observatoire.demo.citizens import AGE, SEX
from observatoire.questionnaires import instrument
from observatoire.reference import territories, vocabulary
from observatoire.web.consultations.forms import communes_of
from observatoire.web.consultations.models import Consultation, Response
from observatoire.web.consultations.public import republish

#: (level, INSEE code, answers): a commune of PACA and an EPCI.
DEMO = ((territories.COMMUNE, "05061", 400), (territories.EPCI, "200067825", 1200))
AGE_CODES = {"18-24": "a18_24", "25-34": "a25_34", "35-49": "a35_49", "50-64": "a50_64", "65+": "a65_plus"}
SAMPLE_SEX = (0.60, 0.40)
SAMPLE_AGE = (0.05, 0.12, 0.25, 0.30, 0.28)
CARELESS = 0.05


def _margins(found: territories.Territory) -> dict[str, object]:
    adults = found.population * 0.8
    return {
        "sex": {code.lower(): share * adults for code, share in SEX.items()},
        "age": {AGE_CODES[code]: share * adults for code, share in AGE.items()},
        "source": "démonstration synthétique : population de référence × structure par sexe et âge supposée",
    }


def _answers(rng: np.random.Generator, communes: list[str], count: int) -> list[dict[str, str]]:
    item = instrument("consultation").item("alliance")
    assert item is not None
    alliance = [o.code for o in item.scale.options]
    shifts = rng.normal(0, 1.2, len(vocabulary.domain_codes()))
    rows = []
    for _ in range(count):
        person = rng.normal(0, 1)
        answers = {
            f"q1_{d}": str(int(np.clip(round(5.5 + shifts[j] + person + rng.normal(0, 1.5)), 1, 10)))
            for j, d in enumerate(vocabulary.domain_codes())
        }
        answers["attention"] = str(int(rng.integers(1, 11))) if rng.random() < CARELESS else "3"
        answers["alliance"] = str(rng.choice(alliance, p=[0.26, 0.55, 0.13, 0.04, 0.02]))
        answers["sexe"] = str(rng.choice(["f", "h"], p=SAMPLE_SEX))
        answers["age"] = str(rng.choice(list(AGE_CODES.values()), p=SAMPLE_AGE))
        answers["commune"] = str(rng.choice(communes))
        rows.append(answers)
    return rows


def create_demo(seed: int = 2026) -> int:
    """Replace the synthetic consultations; returns how many answers were created."""
    rng = np.random.default_rng(seed)
    created = 0
    with transaction.atomic():
        Consultation.objects.filter(synthetic=True).delete()
        for level, code, count in DEMO:
            found = territories.territory(code, level)
            consultation = Consultation.objects.create(
                title=f"Consultation de démonstration (synthétique) : {found.name}",
                organiser=f"{found.name} (exemple fictif)",
                territory_level=found.level,
                territory_code=found.code,
                territory_name=found.name,
                region=found.region or "",
                starts=datetime.date(2026, 10, 1),
                ends=datetime.date(2026, 11, 30),
                status=Consultation.CLOSED,
                margins=_margins(found),
                approved=True,
                synthetic=True,
            )
            communes = [c.code for c in communes_of(found)]
            Response.objects.bulk_create(
                [Response(consultation=consultation, answers=a) for a in _answers(rng, communes, count)]
            )
            created += count
    republish()  # they are approved: the territory pages, the API and the open data show them
    return created
