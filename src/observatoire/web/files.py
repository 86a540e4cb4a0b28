"""A file to download, built in memory: one place names it, through Django's own header (a name with
accents, « Provence-Alpes-Côte d'Azur », is encoded as RFC 5987 says; a hand-made header would not be)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """``content`` sent as the file ``filename`` (an ``HttpResponse``: caches and tests read its body)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
