from django.apps import AppConfig


class PartenariatsConfig(AppConfig):  # type: ignore[misc]  # Django ships no type information
    name = "observatoire.web.partenariats"
    label = "partenariats"
    verbose_name = "Partenariats et évaluations partenariales"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from observatoire.web import retention
        from observatoire.web.partenariats.purge import purge_untouched

        retention.register("evaluations", "Évaluations partenariales", purge_untouched)
