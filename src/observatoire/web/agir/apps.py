from django.apps import AppConfig


class AgirConfig(AppConfig):  # type: ignore[misc]  # Django ships no type information
    """Cases, catalysts and tools: curated and contributed content, published by a curator."""

    name = "observatoire.web.agir"
    label = "agir"
    verbose_name = "Agir : pratiques, catalyseurs, outils"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Public answers of the base are cached under its version, asked again at once after a save."""
        from django.db.models.signals import post_delete, post_save

        from observatoire.web import caching
        from observatoire.web.agir import catalog
        from observatoire.web.agir.models import CaseStudy, Catalyst, Partner, Tool

        routes = ("agir", "api:pratiques", "api:catalyseurs", "api:outils")
        caching.depends_on_content(routes, catalog.version)
        for model in (CaseStudy, Catalyst, Tool, Partner):
            for signal in (post_save, post_delete):
                signal.connect(catalog.changed, sender=model, dispatch_uid=f"agir-{model.__name__}")
