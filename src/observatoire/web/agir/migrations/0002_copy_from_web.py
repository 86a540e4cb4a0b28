"""Copy the cases, catalysts and tools curators entered in the ``web`` app's models (before this app) here.

Published entries stay published, the others wait for moderation; ``web.0002`` then drops the old tables.
Search keys are computed with the same function the models use on save.
"""

from django.db import migrations

from observatoire.recommend.search import document_keys

COMMON = ("title", "slug", "territory_level", "territory_code", "domains", "summary", "body", "url")


def copy(apps, schema_editor):
    for name, extra in (
        ("CaseStudy", ("partnership_model",)),
        ("Catalyst", ("activities",)),
        ("Tool", ("levers",)),
    ):
        old = apps.get_model("observatoire_web", name)
        new = apps.get_model("agir", name)
        for row in old.objects.all():
            values = {field: getattr(row, field) for field in (*COMMON, *extra)}
            if name == "Catalyst" and row.contact:
                values["contact"] = row.contact
            if name == "Tool":
                values["partnership_model"] = row.partnership_model
            entry = new(**values, status="publie" if row.published else "a_moderer")
            entry.search_keys = document_keys({"title": row.title, "summary": row.summary, "body": row.body})
            if name == "CaseStudy" and row.partners:
                entry.body = f"{entry.body}\n\nPartenaires : {row.partners}".strip()
            entry.save()


class Migration(migrations.Migration):
    dependencies = [("agir", "0001_initial"), ("observatoire_web", "0001_initial")]

    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
