"""The result as a PDF, through the reports' pipeline (same template, SVG charts, tagged PDF)."""

from __future__ import annotations

import pandas as pd

from observatoire.reports.content import Section
from observatoire.reports.html import render_document
from observatoire.reports.pdf import render_pdf
from observatoire.web.autodiagnostics.models import Assessment
from observatoire.web.autodiagnostics.reading import Reading

SELF_DECLARED = "Résultat auto-déclaré : il repose sur vos seules réponses, sans vérification."


def result_sections(assessment: Assessment, reading: Reading) -> list[Section]:
    result = reading.result
    level = result.level
    summary = Section(
        "resultat",
        "Votre résultat",
        [
            f"Score global : {result.score:.0f}/100 — niveau {level.rank} sur 4, « {level.name} » : {level.description}",
            f"Réponses « non applicable » : {result.not_applicable_share:.0f} % (elles réduisent le potentiel "
            "atteignable au lieu de compter zéro).",
            SELF_DECLARED,
        ],
    )
    axes = pd.DataFrame(
        {
            "Axe": [a.label for a in reading.axes],
            "Votre score (0-100)": [a.score for a in reading.axes],
            "Niveau": [a.level for a in reading.axes],
            "Médiane des pairs": [a.peers for a in reading.axes],
            "Quartiles des pairs": [a.quartiles for a in reading.axes],
        }
    )
    summary.charts.append(reading.chart)
    summary.tables.append(("Scores par axe", axes))
    parts = [
        summary,
        Section("forces", "Points forts et points à renforcer", reading.strengths + reading.weaknesses),
        Section("pairs", "Comparaison avec vos pairs", [reading.peers_text]),
    ]
    if reading.figures:
        parts.append(
            Section(
                "observatoire",
                "Les chiffres de l'Observatoire",
                [f"{f.answer} — {f.sentence} ({f.source})" for f in reading.figures],
            )
        )
    steps = []
    for step in reading.steps:
        questions = " ".join(q for lever in step.levers for q in lever.questions)
        levers = ", ".join(lever.label for lever in step.levers)
        steps.append(
            f"{step.section_label} ({step.score:.0f}/100) : {step.text} Leviers : {levers}. {questions}"
        )
    parts.append(
        Section("suite", "Prochaines étapes", steps or ["Aucun axe faible : poursuivez et partagez."])
    )
    return parts


def result_pdf(assessment: Assessment, reading: Reading) -> bytes:
    chosen = reading.instrument
    title = f"Autodiagnostic « {chosen.title} »"
    who = ", ".join(
        x for x in (assessment.organisation, reading.actor, reading.size, assessment.territory_name) if x
    )
    subtitle = (
        f"{who} — version {assessment.version} du questionnaire, complété le {assessment.completed:%d/%m/%Y}"
    )
    html = render_document(
        title=title,
        kicker="Observatoire des partenariats — autodiagnostic",
        subtitle=subtitle,
        parts=result_sections(assessment, reading),
        source_line="Source : vos réponses (auto-déclaré) ; pairs : autodiagnostics complétés sur la plateforme.",
        footer=f"Questionnaire « {chosen.title} », version {chosen.version} (à valider par l'Observatoire). "
        "Ce document n'est visible que de vous.",
        synthetic="Démonstration : autodiagnostic synthétique" if assessment.synthetic else "",
    )
    return render_pdf(html)
