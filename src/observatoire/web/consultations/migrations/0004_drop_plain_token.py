"""Consultation: the plain token column goes; its digest is unique and every new row gets one."""

from django.db import migrations, models

import observatoire.web.tokens


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0003_token_hash"),
    ]

    operations = [
        migrations.RemoveField(model_name="consultation", name="token"),
        migrations.AlterField(
            model_name="consultation",
            name="token_hash",
            field=models.CharField(
                default=observatoire.web.tokens.unreachable_digest, editable=False, max_length=64, unique=True
            ),
        ),
    ]
