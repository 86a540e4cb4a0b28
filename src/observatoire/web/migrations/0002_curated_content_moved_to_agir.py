"""Cases, catalysts and tools moved to the ``agir`` app, which copied their rows first (``agir.0002``)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("observatoire_web", "0001_initial"), ("agir", "0002_copy_from_web")]

    operations = [
        migrations.DeleteModel(name="CaseStudy"),
        migrations.DeleteModel(name="Catalyst"),
        migrations.DeleteModel(name="Tool"),
    ]
