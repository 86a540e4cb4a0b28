"""The mirror as a PDF for the partnership's steering committee, through the reports' pipeline (same
template and stylesheet as every document of the platform, tagged PDF)."""

from __future__ import annotations

import pandas as pd

from observatoire.messages import t
from observatoire.numbers import number, significant
from observatoire.questionnaires.mirror import Change, Line, Mirror
from observatoire.reference import vocabulary
from observatoire.reports.content import Section
from observatoire.reports.html import render_document
from observatoire.reports.pdf import render_pdf
from observatoire.web.partenariats.models import Evaluation, Round


def _cell(score: float | None) -> str:
    return significant(score, missing="?")


def _table(mirror: Mirror, lines: tuple[Line, ...]) -> pd.DataFrame:
    columns: dict[str, list[str]] = {t("partenariats.pdf.line"): [x.item.text.split(" — ")[0] for x in lines]}
    for index, name in enumerate(mirror.partners):
        columns[name] = [_cell(x.scores[index]) for x in lines]
    columns[t("partenariats.pdf.gap")] = [
        ("⚠ " if x.divergent else "") + significant(x.gap, missing="–") for x in lines
    ]
    return pd.DataFrame(columns)


def _mean(value: float | None) -> str:
    return number(value, missing="–")


def _evolution(changes: tuple[Change, ...], said: str) -> Section:
    """The evolution since the previous round: its sentence, then each line's mean and gap then and now."""
    part = Section("evolution", t("partenariats.pdf.evolution"), [said])
    table = pd.DataFrame(
        {
            t("partenariats.pdf.line"): [
                f"{c.section.label} — {c.item.text.split(' — ')[0]}" for c in changes
            ],
            t("partenariats.pdf.before"): [_mean(c.mean_before) for c in changes],
            t("partenariats.pdf.now"): [_mean(c.mean_now) for c in changes],
            t("partenariats.pdf.gap_before"): [significant(c.gap_before, missing="–") for c in changes],
            t("partenariats.pdf.gap_now"): [significant(c.gap_now, missing="–") for c in changes],
        }
    )
    part.tables.append((t("partenariats.pdf.evolution"), table))
    return part


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


def mirror_pdf(
    evaluation: Evaluation, seen: Round, mirror: Mirror, changes: tuple[Change, ...] = (), said: str = ""
) -> bytes:
    """The mirror of round ``seen``, and its evolution since the previous round when there is one."""
    parts = mirror_sections(mirror)
    if changes:
        parts.insert(2, _evolution(changes, said))  # after the synthesis and the topics to discuss
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
        parts=parts,
        source_line=t("partenariats.pdf.source"),
        footer=t("partenariats.pdf.footer", version=evaluation.version),
        synthetic=t("partenariats.synthetic") if evaluation.synthetic else "",
    )
    return render_pdf(html)
