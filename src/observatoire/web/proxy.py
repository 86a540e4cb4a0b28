"""Behind an HTTPS reverse proxy (``$OBSERVATOIRE_BEHIND_HTTPS_PROXY=1``): who the client is.

The documented layout (docs/serving.md) is one proxy (nginx, Caddy...) that ends TLS, sets
``X-Forwarded-Proto`` and appends the client's address to ``X-Forwarded-For``. Only the last address of
that header was written by our proxy; the ones before it come from the client and can be forged. Without
a proxy, ``REMOTE_ADDR`` is the client and the header is ignored.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.http import HttpRequest

PROXY_ENV = "OBSERVATOIRE_BEHIND_HTTPS_PROXY"


def behind_proxy() -> bool:
    return os.environ.get(PROXY_ENV) == "1"


def client_ip(request: HttpRequest) -> str | None:
    """The client's address (what admin login throttling counts failures by)."""
    if behind_proxy():
        header: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [part.strip() for part in header.split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    remote: str | None = request.META.get("REMOTE_ADDR")
    return remote
