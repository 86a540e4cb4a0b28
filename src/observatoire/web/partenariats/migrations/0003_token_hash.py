"""Partner: the database keeps the SHA-256 of each private token, no longer the token (web.tokens)."""

from django.db import migrations, models

from observatoire.web.tokens import hash_stored_tokens


class Migration(migrations.Migration):
    dependencies = [
        ("partenariats", "0002_open_aggregates"),
    ]

    operations = [
        migrations.AddField(
            model_name="partner",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        # Backwards, the digests stay: a plain token cannot be recovered from its digest (links are lost).
        migrations.RunPython(hash_stored_tokens("partenariats", "Partner"), migrations.RunPython.noop),
    ]
