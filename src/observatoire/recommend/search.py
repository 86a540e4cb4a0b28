"""Full-text and faceted search over the case base, held in memory by each process.

Why in memory rather than the databases' full-text engines: the base is small (about 1,000 records today,
10,000 at the target) and the same on SQLite and PostgreSQL only if the same code does the matching.
Records are stemmed once when saved (:mod:`observatoire.recommend.text`, Snowball French) and the keys
stored; an index is built from those keys in ~0.1 s per 10,000 records, and answers with every facet's
live count in a few milliseconds: each facet value's records are a bit set (a Python int), so « OR within
a facet, AND across facets » is ``|`` and ``&``, and a count is ``int.bit_count``. Ranking is BM25 over
weighted fields; a query word absent from the index is replaced by the closest indexed word (misspellings).
"""

from __future__ import annotations

import bisect
import difflib
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from observatoire.recommend.text import keys as text_keys
from observatoire.recommend.text import stem, words

#: How much a word counts in each field (a title word is worth three of the body's).
FIELD_WEIGHTS = {"title": 3.0, "partners": 2.0, "summary": 1.5, "body": 1.0, "tags": 1.0}
_K1 = 1.2
_B = 0.75
RELEVANCE = "pertinence"
RECENT = "date"
SORTS = (RELEVANCE, RECENT)


@dataclass(frozen=True, slots=True)
class Document:
    """What the index needs of one record: its id, its keys per field, its facet values, a date."""

    id: int
    keys: Mapping[str, tuple[str, ...]]
    facets: Mapping[str, tuple[str, ...]]
    year: int = 0
    title: str = ""


@dataclass(frozen=True, slots=True)
class Results:
    """One page of results: ids in order, how many matched in all, each facet's live counts."""

    ids: list[int]
    count: int
    facets: dict[str, dict[str, int]]
    corrected: dict[str, str] = field(default_factory=dict)


def document_keys(fields: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """The stemmed keys of each text field of a record (what is stored with it)."""
    return {name: tuple(text_keys(text)) for name, text in fields.items() if text}


class SearchIndex:
    """An inverted index of stems with BM25 weights, and a bit set per facet value."""

    def __init__(self, documents: Iterable[Document], facets: Iterable[str]) -> None:
        self.documents = list(documents)
        self.facet_names = tuple(facets)
        self._position = {doc.id: i for i, doc in enumerate(self.documents)}
        self.all = (1 << len(self.documents)) - 1
        self.postings: dict[str, dict[int, float]] = defaultdict(dict)
        lengths = []
        members: dict[str, dict[str, list[int]]] = {name: defaultdict(list) for name in self.facet_names}
        for i, doc in enumerate(self.documents):
            weighted: dict[str, float] = defaultdict(float)
            for name, found in doc.keys.items():
                for key in found:
                    weighted[key] += FIELD_WEIGHTS.get(name, 1.0)
            lengths.append(sum(weighted.values()))
            for key, weight in weighted.items():
                self.postings[key][i] = weight
            for name in self.facet_names:
                for value in doc.facets.get(name, ()):
                    members[name][value].append(i)
        self.values: dict[str, dict[str, int]] = {
            name: {value: _mask(found, len(self.documents)) for value, found in members[name].items()}
            for name in self.facet_names
        }
        self._average = (sum(lengths) / len(lengths)) if lengths else 1.0
        self._lengths = lengths
        self._masks = {key: _mask(found, len(self.documents)) for key, found in self.postings.items()}
        self._vocabulary = sorted(self.postings)
        self._by_date = sorted(range(len(self.documents)), key=self._date_key)
        self._date_rank = [0] * len(self.documents)
        for rank, i in enumerate(self._by_date):
            self._date_rank[i] = rank

    def _date_key(self, i: int) -> tuple[int, str]:
        return (-self.documents[i].year, self.documents[i].title)

    def __len__(self) -> int:
        return len(self.documents)

    def _term(self, word: str, last: bool) -> tuple[list[str], str | None]:
        """The index keys one query word stands for, and its correction when it had to be guessed."""
        key = stem(word)
        found = [key] if key in self.postings else []
        if last and len(word) >= 3:  # the word being typed: every key it begins
            found += [k for k in self._prefixed(word) if k != key]
        if found:
            return found, None
        guesses = difflib.get_close_matches(key, self._vocabulary, n=1, cutoff=0.75)
        return guesses, guesses[0] if guesses else None

    def _prefixed(self, word: str) -> list[str]:
        start = bisect.bisect_left(self._vocabulary, word[: max(3, len(word) - 2)])
        out = []
        for key in self._vocabulary[start:]:
            if not key.startswith(word[: max(3, len(word) - 2)]):
                break
            if word.startswith(key) or key.startswith(word):
                out.append(key)
        return out

    def search(
        self,
        query: str = "",
        selected: Mapping[str, Iterable[str]] | None = None,
        sort: str = RELEVANCE,
        offset: int = 0,
        limit: int = 20,
    ) -> Results:
        """Records matching every word of ``query`` and, per facet, any of its ``selected`` values."""
        terms = words(query)
        text_mask = self.all
        per_term: list[list[str]] = []
        corrected: dict[str, str] = {}
        for n, word in enumerate(terms):
            found, guess = self._term(word, last=n == len(terms) - 1)
            if guess is not None:
                corrected[word] = guess
            per_term.append(found)
            mask = 0
            for key in found:
                mask |= self._masks[key]
            text_mask &= mask
        chosen = {name: set(v) for name, v in (selected or {}).items() if name in self.values and v}
        facet_masks = {name: self._union(name, values) for name, values in chosen.items()}
        matched = text_mask
        for mask in facet_masks.values():
            matched &= mask
        counts = {}
        for name in self.facet_names:
            base = text_mask
            for other, mask in facet_masks.items():
                if other != name:
                    base &= mask
            counts[name] = {
                value: (mask & base).bit_count()
                for value, mask in self.values[name].items()
                if (mask & base) or value in chosen.get(name, ())
            }
        order = self._order(matched, per_term, sort)
        return Results(
            ids=[self.documents[i].id for i in order[offset : offset + limit]],
            count=matched.bit_count(),
            facets=counts,
            corrected=corrected,
        )

    def _union(self, name: str, values: set[str]) -> int:
        mask = 0
        for value in values:
            mask |= self.values[name].get(value, 0)
        return mask

    def _order(self, matched: int, per_term: list[list[str]], sort: str) -> list[int]:
        if matched == self.all and (not per_term or sort == RECENT):
            return self._by_date
        inside = positions(matched)
        if not per_term or sort == RECENT:
            if len(inside) * 8 < len(self.documents):  # a few matches: sort them, not the whole base
                return sorted(inside, key=self._date_rank.__getitem__)
            return [i for i in self._by_date if i in inside]
        scores: dict[int, float] = defaultdict(float)
        total = len(self.documents)
        for found in per_term:
            for key in found:
                postings = self.postings[key]
                idf = math.log(1 + (total - len(postings) + 0.5) / (len(postings) + 0.5))
                for i, weight in postings.items():
                    if i in inside:
                        norm = _K1 * (1 - _B + _B * self._lengths[i] / self._average)
                        scores[i] += idf * weight * (_K1 + 1) / (weight + norm)
        return sorted(scores, key=lambda i: (-scores[i], *self._date_key(i)))


def _mask(positions: Iterable[int], size: int) -> int:
    """The bit set of ``positions`` (built in a byte array: OR-ing shifted ints would be quadratic)."""
    bits = bytearray((size + 7) // 8)
    for i in positions:
        bits[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(bits, "little")


#: The set bits of each byte value.
_BITS = tuple(tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256))


def positions(mask: int) -> set[int]:
    """The set bits of ``mask``, read a byte at a time (empty bytes cost one step: a search with a few
    matches among 10,000 records costs about 1,250 steps, not 10,000)."""
    data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    return {(j << 3) + bit for j, value in enumerate(data) if value for bit in _BITS[value]}
