from django.apps import AppConfig


class PartenariatsConfig(AppConfig):  # type: ignore[misc]  # Django ships no type information
    name = "observatoire.web.partenariats"
    label = "partenariats"
    verbose_name = "Partenariats et évaluations partenariales"
    default_auto_field = "django.db.models.BigAutoField"
