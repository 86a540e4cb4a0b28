"""Shared pieces of the web's models. Curated content (cases, catalysts, tools) lives in
``observatoire.web.agir``; figures are not models: they are the core's results, read through its API."""

from __future__ import annotations

from typing import Any

from django.db import models

from observatoire.reference.territories import LEVELS, level_label

LEVEL_CHOICES = [(level, level_label(level)) for level in LEVELS]


class LinkField(models.URLField):
    """A URL whose form assumes https for a bare domain (Django 6's default, without its warning)."""

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"assume_scheme": "https", **kwargs})
