from django.apps import AppConfig


class AgirConfig(AppConfig):  # type: ignore[misc]  # Django ships no type information
    """Cases, catalysts and tools: curated and contributed content, published by a curator."""

    name = "observatoire.web.agir"
    label = "agir"
    verbose_name = "Agir : pratiques, catalyseurs, outils"
    default_auto_field = "django.db.models.BigAutoField"
