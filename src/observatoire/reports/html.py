"""The report as one self-contained HTML file: CSS inlined, charts embedded as SVG, tables beside them.

Templates are Jinja2 (this layer does not import Django) with autoescaping on; only the SVG from
vl-convert and the tables rendered by :func:`table_html` are marked safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from observatoire.messages import t
from observatoire.reports.charts import Chart, to_svg
from observatoire.reports.content import Section, sections
from observatoire.reports.data import ReportData


@dataclass(frozen=True)
class _RenderedChart:
    title: str
    alt: str
    svg: str
    table_html: str


@dataclass(frozen=True)
class _RenderedSection:
    key: str
    title: str
    sentences: list[str]
    charts: list[_RenderedChart]
    tables: list[tuple[str, str]]


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("observatoire.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def stylesheet() -> str:
    return resources.files("observatoire.reports").joinpath("report.css").read_text(encoding="utf-8")


def table_html(caption: str, frame: pd.DataFrame) -> str:
    """An accessible HTML table (caption, column headers, first column as row headers)."""
    rows = [[("" if pd.isna(cell) else str(cell)) for cell in row] for row in frame.itertuples(index=False)]
    return (
        _environment()
        .get_template("table.html.j2")
        .render(
            caption=caption,
            columns=[str(c) for c in frame.columns],
            rows=rows,
            suppressed=t("reports.suppressed"),
        )
    )


def _svg(svg: str) -> str:
    """The SVG without its XML prolog, hidden from assistive technology (the figure has the alt text)."""
    start = svg.find("<svg")
    return svg[start:].replace("<svg", '<svg aria-hidden="true" focusable="false"', 1)


def _chart(chart: Chart) -> _RenderedChart:
    caption = t("reports.table.chart_data", title=chart.title)
    return _RenderedChart(chart.title, chart.alt, _svg(to_svg(chart)), table_html(caption, chart.table))


def _section(section: Section) -> _RenderedSection:
    return _RenderedSection(
        section.key,
        section.title,
        section.sentences,
        [_chart(chart) for chart in section.charts],
        [(caption, table_html(caption, frame)) for caption, frame in section.tables],
    )


def title(data: ReportData) -> str:
    if data.is_nation:
        return t("reports.title.nation")
    return t("reports.title.region", name=data.territory.name)


def render_html(data: ReportData) -> str:
    """The complete HTML document of ``data``'s report."""
    build = data.build
    source = (
        t("reports.source.synthetic")
        if data.synthetic
        else t("reports.source.published", source=build.source)
    )
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=title(data),
            kicker=t("reports.kicker"),
            subtitle=t("reports.subtitle", label=build.label, id=build.id),
            toc_label=t("reports.toc"),
            css=stylesheet(),
            synthetic=t("synthetic.label") if data.synthetic else "",
            sections=[_section(section) for section in sections(data)],
            source_line=t("reports.source.line", source=source, id=build.id),
            footer=t("reports.footer", id=build.id, version=build.code_version),
        )
    )


def render_document(
    title: str,
    kicker: str,
    subtitle: str,
    parts: list[Section],
    source_line: str,
    footer: str,
    synthetic: str = "",
) -> str:
    """Any document in the report's layout and stylesheet (a self-assessment result, for one): the same
    template, accessible charts and tables, so every PDF the platform writes reads alike."""
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=title,
            kicker=kicker,
            subtitle=subtitle,
            toc_label=t("reports.toc"),
            css=stylesheet(),
            synthetic=synthetic,
            sections=[_section(part) for part in parts],
            source_line=source_line,
            footer=footer,
        )
    )
