"""Consultation and panel codes: the database keeps the SHA-256 of each private token and single-use code,
no longer the token or the code (web.tokens)."""

from django.db import migrations, models

from observatoire.web.tokens import hash_stored_tokens


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0002_answer_codes"),
    ]

    operations = [
        migrations.AddField(
            model_name="consultation",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="answercode",
            name="code_hash",
            field=models.CharField(max_length=64, null=True),
        ),
        # Backwards, the digests stay: a plain token cannot be recovered from its digest (links are lost).
        migrations.RunPython(hash_stored_tokens("consultations", "Consultation"), migrations.RunPython.noop),
        migrations.RunPython(
            hash_stored_tokens("consultations", "AnswerCode", "code", "code_hash"), migrations.RunPython.noop
        ),
    ]
