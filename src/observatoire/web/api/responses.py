"""Turning a page of figures and its build into JSON or CSV, with the cache headers every answer carries.

A build never changes once published, so an answer is identified by the build id and the query: that is
its ETag, and a client holding it gets a 304 without the database being asked for the figures.
"""

from __future__ import annotations

import hashlib
import io
import math
from typing import Any

import pandas as pd
from django.http import HttpRequest, HttpResponse, JsonResponse

from observatoire.diagnosis.export import write_open_data_csv
from observatoire.diagnosis.schema import FIGURE_COLUMNS
from observatoire.diagnosis.store import BuildInfo

CACHE_CONTROL = "public, max-age=300"


def error(status: int, message: str) -> JsonResponse:
    """A JSON error in French: ``{"error": message}``."""
    response = JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})
    response.headers["Cache-Control"] = "no-store"
    return response


def build_json(build: BuildInfo) -> dict[str, Any]:
    return {
        "id": build.id,
        "finished_at": build.finished_at.isoformat() if build.finished_at else None,
        "source": build.source,
        "label": build.label,
    }


def etag(build: BuildInfo, request: HttpRequest) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:16]
    return f'"b{build.id}-{digest}"'


def not_modified(request: HttpRequest, tag: str) -> bool:
    wanted = request.headers.get("If-None-Match", "")
    return tag in {part.strip() for part in wanted.split(",")}


def cached(response: HttpResponse, tag: str | None = None) -> HttpResponse:
    response.headers["Cache-Control"] = CACHE_CONTROL
    if tag is not None:
        response.headers["ETag"] = tag
    return response


def _plain(value: Any) -> Any:
    """A JSON-ready value: NaN and pandas' NA become null, numpy scalars Python ones."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The figures of ``frame`` as JSON objects with the open-data columns."""
    columns = [frame[name].tolist() for name in FIGURE_COLUMNS]
    return [
        {name: _plain(value) for name, value in zip(FIGURE_COLUMNS, row, strict=True)}
        for row in zip(*columns, strict=True)
    ]


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The figures as the open-data CSV (French spreadsheet convention, see docs/open-data.md)."""
    buffer = io.BytesIO()
    write_open_data_csv(frame, buffer)
    return buffer.getvalue()
