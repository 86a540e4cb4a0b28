"""What every page shows around its content: the published build (source, date) and the synthetic label."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from observatoire.diagnosis.store import BuildInfo
from observatoire.errors import ObservatoireError
from observatoire.web import results


def is_synthetic(build: BuildInfo | None) -> bool:
    """Whether the published build has synthetic inputs (then every page says so)."""
    return build is not None and build.synthetic


def published_build() -> BuildInfo | None:
    """The published build, or ``None`` when nothing is published or the store cannot be read (the
    same answer the cache of public answers is keyed by, asked at most once a second)."""
    try:
        return results.published_build()
    except ObservatoireError:
        return None


def site(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``site.build`` and ``site.synthetic`` for the base template."""
    build = published_build()
    return {"site": {"build": build, "synthetic": is_synthetic(build)}, "nav": ""}
