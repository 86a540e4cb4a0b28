from django.apps import AppConfig


class AutodiagnosticsConfig(AppConfig):  # type: ignore[misc]  # Django has no type information here
    """Self-assessments: their answers and the peer aggregates (no personal data needed)."""

    name = "observatoire.web.autodiagnostics"
    label = "autodiagnostics"
    verbose_name = "Autodiagnostics"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from observatoire.web import retention
        from observatoire.web.autodiagnostics.demo import purge_untouched

        retention.register("autodiagnostics", "Autodiagnostics", purge_untouched)
