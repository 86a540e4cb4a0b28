"""Answers are personal data kept for a limited time: those older than the retention period are deleted.

The period is the platform's one setting for answers (``OBSERVATOIRE_ANSWERS_RETENTION_DAYS``, stated on the
« Données personnelles » page). A consultation keeps its title, period and margins; its results shrink with
its answers (the organiser downloads the PDF and CSV before). Synthetic answers are not personal data and
stay. When an approved consultation loses answers, the public figures are written again.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from observatoire.web.consultations.models import Response
from observatoire.web.consultations.public import republish


def purge(days: int) -> int:
    """Delete the answers received more than ``days`` days ago (0: keep them); returns how many."""
    if days <= 0:
        return 0
    limit = timezone.now() - timezone.timedelta(days=days)
    expired = Response.objects.filter(created__lt=limit, consultation__synthetic=False)
    with transaction.atomic():
        touched_public = expired.filter(consultation__approved=True).exists()
        deleted: int = expired.delete()[0]
    if touched_public:
        republish()
    return deleted
