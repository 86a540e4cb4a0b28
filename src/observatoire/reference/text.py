"""Matching what people type against codes and French labels: accents, case and punctuation do not count."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """``"Provence-Alpes-Côte d'Azur"`` -> ``"provence alpes cote d azur"``: the key used for every lookup."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", ascii_only.replace("œ", "oe").replace("æ", "ae")).strip()


def closest(query: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The candidates nearest to ``query`` once folded (best first), for "did you mean" messages."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(fold(candidate), candidate)
    keys = difflib.get_close_matches(fold(query), list(by_key), n=n, cutoff=0.5)
    return [by_key[key] for key in keys]
