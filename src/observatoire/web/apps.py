from django.apps import AppConfig


class WebConfig(AppConfig):
    """The web platform's own models (curated and user content) and templates."""

    name = "observatoire.web"
    label = "observatoire_web"
    verbose_name = "Observatoire"
    default_auto_field = "django.db.models.BigAutoField"
