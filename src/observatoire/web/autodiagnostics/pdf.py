"""The result as a PDF, through the reports' pipeline (same template, SVG charts, tagged PDF)."""

from __future__ import annotations

import pandas as pd

from observatoire.messages import t
from observatoire.numbers import number
from observatoire.reports.content import Section
from observatoire.reports.html import render_document
from observatoire.reports.pdf import render_pdf
from observatoire.web.autodiagnostics.models import Assessment
from observatoire.web.autodiagnostics.reading import Reading


def result_sections(assessment: Assessment, reading: Reading) -> list[Section]:
    result = reading.result
    level = result.level
    summary = Section(
        "resultat",
        t("autodiagnostics.pdf.result"),
        [
            t(
                "autodiagnostics.pdf.overall",
                score=number(result.score, 0),
                rank=level.rank,
                name=level.name,
                description=level.description,
            ),
            t("autodiagnostics.pdf.not_applicable", share=number(result.not_applicable_share, 0)),
            t("autodiagnostics.self_declared"),
        ],
    )
    axes = pd.DataFrame(
        {
            t("autodiagnostics.col.axis"): [a.label for a in reading.axes],
            t("autodiagnostics.col.score"): [a.score for a in reading.axes],
            t("autodiagnostics.col.level"): [a.level for a in reading.axes],
            t("autodiagnostics.chart.peers"): [a.peers for a in reading.axes],
            t("autodiagnostics.col.quartiles"): [a.quartiles for a in reading.axes],
        }
    )
    summary.charts.append(reading.chart)
    summary.tables.append((t("autodiagnostics.pdf.axes"), axes))
    parts = [
        summary,
        Section("forces", t("autodiagnostics.pdf.strengths"), reading.strengths + reading.weaknesses),
        Section("pairs", t("autodiagnostics.pdf.peers"), [reading.peers_text]),
    ]
    if reading.figures:
        parts.append(
            Section(
                "observatoire",
                t("autodiagnostics.pdf.figures"),
                [f"{f.answer} — {f.sentence} ({f.source})" for f in reading.figures],
            )
        )
    steps = []
    for step, entries in reading.step_entries:
        questions = " ".join(q for lever in step.levers for q in lever.questions)
        levers = ", ".join(lever.label for lever in step.levers)
        steps.append(
            t(
                "autodiagnostics.pdf.step",
                axis=step.section_label,
                score=number(step.score, 0),
                text=step.text,
                levers=levers,
                questions=questions,
            )
        )
        for entry in [*entries.tools, *entries.cases, *entries.catalysts]:
            steps.append(t("autodiagnostics.pdf.entry", title=entry.title, summary=entry.summary))
    parts.append(
        Section("suite", t("autodiagnostics.pdf.steps"), steps or [t("autodiagnostics.pdf.no_step")])
    )
    return parts


def result_pdf(assessment: Assessment, reading: Reading) -> bytes:
    chosen = reading.instrument
    title = t("autodiagnostics.pdf.title", title=chosen.title)
    who = ", ".join(
        x for x in (assessment.organisation, reading.actor, reading.size, assessment.territory_name) if x
    )
    subtitle = t(
        "autodiagnostics.pdf.subtitle",
        who=who,
        version=assessment.version,
        date=f"{assessment.completed:%d/%m/%Y}",
    )
    html = render_document(
        title=title,
        kicker=t("autodiagnostics.pdf.kicker"),
        subtitle=subtitle,
        parts=result_sections(assessment, reading),
        source_line=t("autodiagnostics.pdf.source"),
        footer=t("autodiagnostics.pdf.footer", title=chosen.title, version=chosen.version),
        synthetic=t("autodiagnostics.synthetic") if assessment.synthetic else "",
    )
    return render_pdf(html)
