"""What ``observatoire consultation …`` runs: Django set up on the workspace's database, migrated."""

from __future__ import annotations

from pathlib import Path

from observatoire.web.setup import setup


def import_paper(consultation_id: int, path: Path) -> tuple[int, str]:
    """Load the paper answers of ``path`` into consultation ``consultation_id``, all or nothing.

    Returns (answers imported, consultation title)."""
    setup()
    from django.db import transaction

    from observatoire.consultations.paper import read_paper
    from observatoire.errors import NotFoundError
    from observatoire.messages import t
    from observatoire.questionnaires import instrument
    from observatoire.reference import territories
    from observatoire.web.consultations.forms import communes_of
    from observatoire.web.consultations.models import Consultation, Response
    from observatoire.web.consultations.views import INSTRUMENT

    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        raise NotFoundError(t("consultations.paper.no_consultation", id=consultation_id))
    found = territories.territory(consultation.territory_code, consultation.territory_level)
    communes = [c.code for c in communes_of(found)]
    rows = read_paper(path, instrument(INSTRUMENT), communes, consultation.extra_questions)
    with transaction.atomic():
        Response.objects.bulk_create(
            [Response(consultation=consultation, answers=answers, channel=Response.PAPER) for answers in rows]
        )
    if consultation.approved:
        from observatoire.web.consultations.public import republish

        republish(background=False)
    return len(rows), str(consultation.title)


def demo(seed: int) -> int:
    """Replace the synthetic consultations; returns the number of synthetic answers."""
    setup()
    from observatoire.web.consultations import public
    from observatoire.web.consultations.demo import create_demo

    created = create_demo(seed)
    public.wait()  # the open-data files, before the command exits
    return created


def set_margins(consultation_id: int, path: Path) -> tuple[float, str]:
    """Store the population margins of ``path`` on consultation ``consultation_id``; (total, title)."""
    setup()
    from observatoire.consultations.margins_file import read_margins
    from observatoire.errors import NotFoundError
    from observatoire.messages import t
    from observatoire.questionnaires import instrument
    from observatoire.web.consultations.models import Consultation
    from observatoire.web.consultations.views import INSTRUMENT

    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        raise NotFoundError(t("consultations.paper.no_consultation", id=consultation_id))
    margins = read_margins(path, instrument(INSTRUMENT), source=path.name)
    consultation.margins = {"sex": dict(margins.sex), "age": dict(margins.age), "source": margins.source}
    consultation.save(update_fields=["margins"])
    if consultation.approved:
        from observatoire.web.consultations.public import republish

        republish(background=False)
    return margins.total, str(consultation.title)
