"""The report as an A4 PDF (WeasyPrint): page numbers from the stylesheet's ``@page`` counters, tagged
(PDF/UA structure) so that screen readers follow headings, tables and figure alternatives."""

from __future__ import annotations

import logging

from weasyprint import HTML

#: WeasyPrint logs every CSS property it ignores (the screen-only ones); reports do not need that noise.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def render_pdf(html: str) -> bytes:
    """``html`` (a document from :func:`observatoire.reports.html.render_html`) as tagged A4 PDF bytes."""
    return HTML(string=html).write_pdf(pdf_tags=True)
