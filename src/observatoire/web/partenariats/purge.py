"""The partnership evaluations' part of the one retention purge (``observatoire purger``,
:mod:`observatoire.web.retention`, registered by the app's ``ready()``)."""

from __future__ import annotations

from datetime import datetime

from observatoire.web.partenariats import aggregates
from observatoire.web.partenariats.models import Evaluation


def purge_untouched(before: datetime) -> int:
    """Delete the real evaluations untouched since ``before``: opened earlier, no round opened or closed and
    no grid saved since (``observatoire purger``, registered in :mod:`observatoire.web.retention`).
    Returns how many evaluations were deleted, with their partners, rounds and answers."""
    stale = (
        Evaluation.objects.filter(synthetic=False, created__lt=before)
        .exclude(rounds__opened__gte=before)
        .exclude(rounds__closed__gte=before)
        .exclude(partners__responses__updated__gte=before)
    )
    ids = list(stale.values_list("pk", flat=True))
    Evaluation.objects.filter(pk__in=ids).delete()
    aggregates.rebuild()  # also what fills them once after an upgrade: the purge runs daily
    return len(ids)
