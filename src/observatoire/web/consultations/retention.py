"""Answers are personal data kept for a limited time: the one purge (``observatoire purge``,
:mod:`observatoire.web.retention`) deletes those received before the retention period.

The period is the platform's one setting for answers (``OBSERVATOIRE_ANSWERS_RETENTION_DAYS``, stated on the
« Données personnelles » page). A consultation keeps its title, period and margins; its results shrink with
its answers (the organiser downloads the PDF and CSV before). Synthetic answers are not personal data and
stay. When an approved consultation loses answers, the public figures are written again once the purge is
committed, before the command exits.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from observatoire.web.consultations.models import Response
from observatoire.web.consultations.public import republish


def purge_received_before(before: datetime) -> int:
    """Delete the real answers received before ``before`` (registered with the one purge); returns how
    many. Runs inside the purge's transaction; the public figures follow once it commits."""
    expired = Response.objects.filter(created__lt=before, consultation__synthetic=False)
    touched_public = expired.filter(consultation__approved=True).exists()
    deleted: int = expired.delete()[0]
    if touched_public:
        transaction.on_commit(lambda: republish(background=False))
    return deleted
