"""Private links: whoever holds the token reaches a self-assessment, an evaluation or a consultation, so the
database keeps only the token's SHA-256 (a leaked database opens nobody's link). The plain token exists
only in hand: on the instance just created (``.token``, shown once) and in the URL its owner comes back
with, which ``get_by_token_or_404`` puts back on the instance it finds.

A token carries 192 random bits (DESIGN.md asks at least 128): a plain unsalted SHA-256 is enough, no
guessing can walk that space, and the lookup by digest does not compare the secret byte by byte.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from typing import Any

from django.db import models
from django.http import Http404

TOKEN_BYTES = 24  # 192 bits
#: What a token may look like in a URL; anything else is the same 404 without touching the database.
SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
NOT_FOUND = "Page introuvable"


def new_token() -> str:
    """A fresh unguessable token (URL-safe)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    """What the database keeps of ``token``: its SHA-256, in hexadecimal (64 characters)."""
    return hashlib.sha256(token.encode()).hexdigest()


def unreachable_digest() -> str:
    """The digest of a token nobody is given: a row made without ``issue_token`` has no working link."""
    return digest(new_token())


def derive(parent: str, label: str) -> str:
    """A token computed from ``parent`` (a token in hand) and a public ``label``: whoever holds the parent
    can rebuild the link without the database keeping it; without the parent it is as unguessable."""
    mac = hmac.new(parent.encode(), label.encode(), hashlib.sha256).digest()[:TOKEN_BYTES]
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


class PrivateLink(models.Model):  # type: ignore[misc]  # Django ships no type information
    """A row reached through a private link: only the token's digest is stored."""

    token_hash = models.CharField(max_length=64, unique=True, editable=False, default=unreachable_digest)
    #: The plain token, only while in hand (just issued, or from the URL); never saved.
    token: str | None = None

    class Meta:
        abstract = True

    def issue_token(self, token: str | None = None) -> str:
        """Give this row a new token (``token`` when derived), keep its digest; the caller shows it once."""
        self.token = token or new_token()
        self.token_hash = digest(self.token)
        return self.token

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding and self.token is None:  # a new row gets its token on its first save
            self.issue_token()
        super().save(*args, **kwargs)


def get_by_token_or_404(queryset: Any, token: str) -> Any:
    """The row of ``token``, with the token in hand; any other token, malformed, unknown or deleted, is
    the same plain 404 (nothing tells whether it ever existed). ``queryset`` is a QuerySet of a
    ``PrivateLink`` model (Django ships no types to say so)."""
    if not SHAPE.match(token):
        raise Http404(NOT_FOUND)
    # token_hash is unique: at most one row, and no ORDER BY (which ``first()`` would add)
    found: list[PrivateLink] = list(queryset.filter(token_hash=digest(token))[:1])
    if not found:
        raise Http404(NOT_FOUND)
    found[0].token = token
    return found[0]


def hash_stored_tokens(
    app_label: str, model_name: str, plain: str = "token", hashed: str = "token_hash"
) -> Callable[[Any, Any], None]:
    """A data migration's step: write the digest of each row's plain ``token`` into ``token_hash``."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        for row in model.objects.only("pk", plain).iterator():
            model.objects.filter(pk=row.pk).update(**{hashed: digest(getattr(row, plain))})

    return forwards
