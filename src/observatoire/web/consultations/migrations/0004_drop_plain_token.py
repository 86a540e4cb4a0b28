"""Consultation and panel codes: the plain token and code columns go; their digests are unique."""

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
        migrations.RemoveField(model_name="answercode", name="code"),
        migrations.AlterField(
            model_name="answercode",
            name="code_hash",
            field=models.CharField(max_length=64, unique=True),
        ),
    ]
