from django.apps import AppConfig


class ConsultationsConfig(AppConfig):  # type: ignore[misc]  # Django has no type information here
    """Local consultations: a territory asks its residents the observatory's questions."""

    name = "observatoire.web.consultations"
    label = "consultations"
    verbose_name = "Consultations locales"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from observatoire.web import retention
        from observatoire.web.consultations.retention import purge_received_before

        retention.register("consultations", "Réponses aux consultations locales", purge_received_before)
