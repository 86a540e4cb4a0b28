"""The one HTMX rule of the site: a swap gets a fragment, everything else the whole page.

``request.htmx`` comes from django-htmx's middleware. A history-restore request (Back or Forward to a
page htmx no longer holds in its history cache) needs the whole page with its header, navigation and
footer, though it is sent with ``HX-Request``. A view that answers both ways varies on both headers, so
no cache (ours, a proxy's, the browser's) gives a fragment for a page or the reverse.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.views.decorators.vary import vary_on_headers

HEADERS = ("HX-Request", "HX-History-Restore-Request")
View = Callable[..., HttpResponse]


def answers_both_ways(view: View) -> View:
    """``Vary: HX-Request, HX-History-Restore-Request`` on a view that answers a page or a fragment."""
    varied: View = vary_on_headers(*HEADERS)(view)
    return varied


def wants_fragment(request: HttpRequest) -> bool:
    """Whether to answer the fragment an HTMX swap asked for (never to a history restore)."""
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request
