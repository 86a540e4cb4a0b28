"""The organiser's downloads: the results table and the anonymised answers, as French-spreadsheet CSV.

The answers file holds option codes only (the questionnaire has no free text), in random order and
without dates, and exists only from :data:`~observatoire.consultations.thresholds.MIN_ANSWERS` answers, so
that no respondent is picked out by when or in which order they answered. Text cells a spreadsheet would
evaluate are neutralised.
"""

from __future__ import annotations

import pandas as pd

from observatoire.consultations.results import Results
from observatoire.diagnosis.export import CSV_OPTIONS, neutralise_formulas
from observatoire.questionnaires import instrument
from observatoire.reference import vocabulary
from observatoire.web.consultations.models import Consultation
from observatoire.web.consultations.reading import answers_frame


def _csv(frame: pd.DataFrame) -> bytes:
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = neutralise_formulas(frame[column])
    text: str = frame.to_csv(index=False, **CSV_OPTIONS)
    return text.encode(CSV_OPTIONS["encoding"])


def results_csv(found: Results) -> bytes:
    """One row per domain: mean, interval, top-box share, answers, région and France with notable flags."""
    labels = {d.code: d.label for d in vocabulary.domains()}
    rows = []
    for row in found.domains:
        e = row.estimate
        rows.append(
            {
                "domaine": labels[row.domain],
                "note_moyenne": round(e.mean, 3),
                "intervalle_credibilite_bas": round(e.mean_interval.low, 3),
                "intervalle_credibilite_haut": round(e.mean_interval.high, 3),
                "part_8_a_10": round(e.top_box, 4),
                "reponses": e.n,
                "taille_effective": round(e.effective_n, 1),
                "region": None if row.region is None else row.region.figure.estimate,
                "ecart_region_notable": None if row.region is None else row.region.notable,
                "france": None if row.france is None else row.france.figure.estimate,
                "ecart_france_notable": None if row.france is None else row.france.notable,
                "ponderation": "calage sexe x âge" if found.raked else "aucune",
            }
        )
    return _csv(pd.DataFrame(rows))


def answers_csv(consultation: Consultation) -> bytes:
    """The answers, one row each, shuffled, option codes only (columns in the questionnaire's order)."""
    frame = answers_frame(consultation)
    order = [i.code for i in instrument("consultation").items] + ["commune"]
    order += [q["code"] for q in consultation.extra_questions]
    frame = frame.reindex(columns=[c for c in order if c in frame.columns])
    for column in frame.columns:
        if column.startswith("q1_") or column == "attention":
            frame[column] = frame[column].astype("Int64")  # ratings are whole numbers, not « 7,0 »
    return _csv(frame.sample(frac=1.0).reset_index(drop=True))
