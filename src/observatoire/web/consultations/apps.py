from django.apps import AppConfig


class ConsultationsConfig(AppConfig):  # type: ignore[misc]  # Django has no type information here
    """Local consultations: a territory asks its residents the observatory's questions."""

    name = "observatoire.web.consultations"
    label = "consultations"
    verbose_name = "Consultations locales"
    default_auto_field = "django.db.models.BigAutoField"
