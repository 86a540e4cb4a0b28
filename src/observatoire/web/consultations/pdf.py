"""A consultation's results as a PDF, through the reports' pipeline (same template, SVG chart with its
text alternative and data table, tagged PDF), as the self-assessment and partnership PDFs are."""

from __future__ import annotations

from observatoire.consultations.results import Results
from observatoire.messages import t
from observatoire.recommend.action import ForAction
from observatoire.reports.content import Section
from observatoire.reports.html import render_document
from observatoire.reports.pdf import render_pdf
from observatoire.web.consultations import display
from observatoire.web.consultations.models import Consultation


def result_sections(consultation: Consultation, found: Results, act: ForAction) -> list[Section]:
    shown = display.context(found, consultation.region)
    reading = Section("lecture", t("consultations.pdf.reading"), list(shown["caveats"]))
    if shown["fragile"]:
        reading.sentences.insert(0, t("consultations.caveat.fragile"))
    domains = Section(
        "domaines",
        t("consultations.pdf.domains"),
        [t("consultations.pdf.priorities", domains=", ".join(display.priority_labels(found)))],
    )
    domains.charts.append(display.chart(found, consultation.territory_name, shown["region_name"]))
    if shown["alliance"]:
        domains.sentences.append(t("consultations.pdf.alliance", **shown["alliance"]))
    entries = [t("consultations.pdf.entry", title=m.record.title, reason=m.reason) for m in act.matches]
    return [
        reading,
        domains,
        Section("agir", t("consultations.pdf.act"), entries or [t("consultations.pdf.no_entry")]),
    ]


def results_pdf(consultation: Consultation, found: Results, act: ForAction) -> bytes:
    html = render_document(
        title=str(consultation.title),
        kicker=t("consultations.pdf.kicker", place=consultation.territory_name),
        subtitle=t(
            "consultations.pdf.subtitle",
            organiser=consultation.organiser,
            starts=f"{consultation.starts:%d/%m/%Y}",
            ends=f"{consultation.ends:%d/%m/%Y}",
            valid=found.valid,
        ),
        parts=result_sections(consultation, found, act),
        source_line=t("consultations.pdf.source"),
        footer=t("consultations.pdf.footer", title=consultation.title),
        synthetic=t("consultations.pdf.synthetic") if consultation.synthetic else "",
    )
    return render_pdf(html)
