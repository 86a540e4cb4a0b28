"""French words to search keys: folded (accents, case) then stemmed with Snowball's French stemmer.

The same function runs when a record is indexed and when a query is read, so « Mobilités » and `mobilite`
meet on one key (``mobilit``), as do « chevaux » and « cheval »; the database only stores the keys.
"""

from __future__ import annotations

import functools
import re

import snowballstemmer

from observatoire.reference.text import fold

_WORD = re.compile(r"[a-z0-9]+")
#: Words too common to tell records apart (folded); kept short on purpose: a query of only these matches all.
STOPWORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "et",
        "il",
        "ils",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "lui",
        "ma",
        "mais",
        "me",
        "mes",
        "n",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "s",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "ta",
        "te",
        "tes",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "y",
        "est",
        "sont",
        "ete",
        "etre",
    ]
)
_stemmer = snowballstemmer.stemmer("french")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The key of one folded word."""
    return str(_stemmer.stemWord(word))


def keys(text: str) -> list[str]:
    """The search keys of a text, in order (stop words left out)."""
    return [stem(word) for word in _WORD.findall(fold(text)) if word not in STOPWORDS]


def words(text: str) -> list[str]:
    """The folded words of a text (no stemming): for prefix matching of the word being typed."""
    return [word for word in _WORD.findall(fold(text)) if word not in STOPWORDS]
