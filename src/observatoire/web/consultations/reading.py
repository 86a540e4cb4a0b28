"""A consultation's results from its stored answers, recomputed only when the answers change.

The core (:mod:`observatoire.consultations`) does the statistics; this module turns the stored answers into
its table, reads the région's and France's published figures from the results store, and keeps the result
in Django's cache under a key that changes with every new or deleted answer.
"""

from __future__ import annotations

import logging
from typing import Any

import pandas as pd
from django.core.cache import cache
from django.db.models import Count, Max

from observatoire.consultations.references import References, references
from observatoire.consultations.results import Results, results
from observatoire.consultations.weighting import Margins
from observatoire.errors import ObservatoireError
from observatoire.web.consultations.models import Consultation
from observatoire.web.results import store

log = logging.getLogger(__name__)
CACHE_SECONDS = 24 * 3600


def answers_frame(consultation: Consultation) -> pd.DataFrame:
    """One row per stored answer, one column per item (option codes as text; ratings numeric)."""
    rows = list(consultation.responses.values_list("answers", flat=True))
    frame = pd.DataFrame.from_records(rows)
    for column in frame.columns:
        if column.startswith("q1_") or column == "attention":
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


def margins_of(consultation: Consultation) -> Margins | None:
    stored: dict[str, Any] | None = consultation.margins
    if not stored:
        return None
    return Margins(sex=stored["sex"], age=stored["age"], source=str(stored.get("source", "")))


def _references(region: str) -> References:
    try:
        return references(store(), region)
    except (ObservatoireError, OSError) as error:  # no published build yet: results without references
        log.warning("consultation references unavailable: %s", error)
        return References()


def consultation_results(consultation: Consultation) -> Results | None:
    """The results of ``consultation`` (``None`` without any answer), cached until its answers change."""
    state = consultation.responses.aggregate(count=Count("id"), last=Max("id"))
    if not state["count"]:
        return None
    key = f"consultation:{consultation.pk}:{state['count']}:{state['last']}:{hash(str(consultation.margins))}"
    found: Results | None = cache.get(key)
    if found is None:
        found = results(
            answers_frame(consultation), margins_of(consultation), _references(consultation.region)
        )
        cache.set(key, found, CACHE_SECONDS)
    return found
