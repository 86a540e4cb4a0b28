"""A consultation's results in one call: screen, weight, estimate, compare, and say how far to read them.

The answers are a table with one row per submitted answer: ``sexe``, ``age``, ``attention`` and the
rating columns ``q1_<domain>`` (1–10, empty = no answer). Answers failing the attention check are left
out (and counted); the rest are weighted (:mod:`.weighting`) and estimated (:mod:`.estimates`).
Below :data:`~.thresholds.MIN_ANSWERS` valid answers nothing is estimated.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from observatoire.consultations.compare import DomainComparison, compare
from observatoire.consultations.estimates import ShareEstimate, item_estimates, share_estimate
from observatoire.consultations.references import References
from observatoire.consultations.thresholds import Reliability, reliability
from observatoire.consultations.weighting import Margins, weight
from observatoire.reference import vocabulary

ATTENTION = "attention"
#: The answer the attention-check item asks for (« choisissez 3 »).
ATTENTION_EXPECTED = 3
ALLIANCE = "alliance"
#: « Indispensable » and « Nécessaire »: the devoir d'alliance's top box, as the citizens' survey.
ALLIANCE_TOP = ("indispensable", "necessaire")


def rating_column(domain: str) -> str:
    return f"q1_{domain}"


@dataclass(frozen=True)
class Results:
    """What a result page shows; ``domains`` and ``alliance`` are empty when reliability is HIDDEN."""

    submitted: int
    screened_out: int  # failed the attention check
    valid: int
    effective_n: float
    design_effect: float
    raked: bool
    margins_source: str | None
    unmatched: tuple[str, ...]
    reliability: Reliability
    domains: list[DomainComparison]
    alliance: ShareEstimate | None


def passes_attention(answers: pd.DataFrame) -> np.ndarray:
    """Rows whose attention-check answer is the one asked for (a missing answer fails)."""
    values = pd.to_numeric(answers[ATTENTION], errors="coerce")
    return np.asarray(values == ATTENTION_EXPECTED)


def results(answers: pd.DataFrame, margins: Margins | None, refs: References) -> Results:
    """The results of ``answers`` weighted to ``margins`` (``None``: unweighted) against ``refs``."""
    keep = passes_attention(answers)
    valid = answers[keep].reset_index(drop=True)
    sample = weight(valid, margins)
    level = reliability(sample.n, sample.effective_n if sample.n else 0.0)
    domains: list[DomainComparison] = []
    alliance = None
    if level is not Reliability.HIDDEN:
        codes = vocabulary.domain_codes()
        ratings = valid[[rating_column(d) for d in codes]].apply(pd.to_numeric, errors="coerce")
        estimates = item_estimates(ratings.to_numpy(), sample.weights, list(codes))
        domains = compare(estimates, refs.region, refs.france)
        answer = valid[ALLIANCE]
        indicator = np.where(answer.isna(), np.nan, answer.isin(ALLIANCE_TOP).astype(float))
        alliance = share_estimate(ALLIANCE, indicator, sample.weights)
    return Results(
        submitted=len(answers),
        screened_out=int((~keep).sum()),
        valid=sample.n,
        effective_n=sample.effective_n if sample.n else 0.0,
        design_effect=sample.design_effect if sample.n else float("nan"),
        raked=sample.raked,
        margins_source=sample.source,
        unmatched=sample.unmatched,
        reliability=level,
        domains=domains,
        alliance=alliance,
    )
