"""The mirror as a PDF for the partnership's steering committee, through the reports' pipeline (same
template and stylesheet as every document of the platform, tagged PDF)."""

from __future__ import annotations

import pandas as pd

from observatoire.messages import t
from observatoire.questionnaires.mirror import Line, Mirror
from observatoire.reference import vocabulary
from observatoire.reports.content import Section
from observatoire.reports.html import render_document
from observatoire.reports.pdf import render_pdf
from observatoire.web.partenariats.models import Evaluation, Round


def _cell(score: float | None) -> str:
    return "?" if score is None else f"{score:g}"


def _table(mirror: Mirror, lines: tuple[Line, ...]) -> pd.DataFrame:
    columns: dict[str, list[str]] = {t("partenariats.pdf.line"): [x.item.text.split(" — ")[0] for x in lines]}
    for index, name in enumerate(mirror.partners):
        columns[name] = [_cell(x.scores[index]) for x in lines]
    columns[t("partenariats.pdf.gap")] = [
        ("⚠ " if x.divergent else "") + ("–" if x.gap is None else f"{x.gap:g}") for x in lines
    ]
    return pd.DataFrame(columns)


def mirror_sections(mirror: Mirror) -> list[Section]:
    parts = [Section("synthese", t("partenariats.pdf.synthesis"), list(mirror.synthesis))]
    topics = [f"{x.section.label} — {x.item.text}" for x in mirror.divergent]
    parts.append(Section("ecarts", t("partenariats.pdf.divergent"), topics or [t("partenariats.pdf.none")]))
    seen: list[str] = []
    for line in mirror.lines:
        if line.section.code in seen:
            continue
        seen.append(line.section.code)
        lines = mirror.section_lines(line.section.code)
        part = Section(line.section.code, line.section.label, [line.section.description])
        part.tables.append((line.section.label, _table(mirror, lines)))
        parts.append(part)
    return parts


def mirror_pdf(evaluation: Evaluation, seen: Round, mirror: Mirror) -> bytes:
    html = render_document(
        title=t("partenariats.pdf.title", name=evaluation.name),
        kicker=t("partenariats.pdf.kicker"),
        subtitle=t(
            "partenariats.pdf.subtitle",
            model=vocabulary.partnership_model(evaluation.model).label,
            year=evaluation.start_year,
            round=seen.number,
            count=len(mirror.partners),
        ),
        parts=mirror_sections(mirror),
        source_line=t("partenariats.pdf.source"),
        footer=t("partenariats.pdf.footer", version=evaluation.version),
        synthetic=t("partenariats.synthetic") if evaluation.synthetic else "",
    )
    return render_pdf(html)
