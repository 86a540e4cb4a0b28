"""The QR code of a consultation's public link, as inline SVG for the page to print.

segno (a maintained encoder without dependencies) writes it; error correction « M » (15 %) survives a
poster's folds and smudges. The SVG is an image with its own name; the link is printed beside it in words.
"""

from __future__ import annotations

import segno

from observatoire.messages import t


def qr_svg(link: str) -> str:
    """``link`` as an inline SVG QR code, scaled by the page (no fixed size)."""
    code = segno.make(link, error="m", micro=False)
    svg: str = code.svg_inline(
        scale=8, border=4, dark="#000", light="#fff", title=t("consultations.qr.title"), omitsize=True
    )
    return svg.replace("<svg ", '<svg role="img" class="qr" ', 1)
