"""Finding a vocabulary entry by what people type: its code, its French label or an alias.

Accents, case and punctuation do not count (:func:`~observatoire.reference.text.fold`), so "sante",
"Santé" and "SANTÉ" find the same domain. An unknown name raises
:class:`~observatoire.errors.NotFoundError` whose message names the closest codes, or all of them when
none is close: a vocabulary is small enough to list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Generic, Protocol, TypeVar

from observatoire.errors import InputError, Location, NotFoundError
from observatoire.messages import t
from observatoire.reference.text import closest, fold


class Entry(Protocol):
    """What every vocabulary entry has: a stable code and a French label."""

    @property
    def code(self) -> str: ...

    @property
    def label(self) -> str: ...


E = TypeVar("E", bound=Entry)

_SUGGESTIONS = 3


class Catalog(Generic[E]):
    """The entries of one vocabulary, in their order, found by any of their names."""

    def __init__(
        self,
        kind: str,
        entries: Iterable[E],
        names: Callable[[E], Iterable[str]],
        source: str | None = None,
    ) -> None:
        """``kind`` names the vocabulary in messages (``reference.unknown.<kind>``); ``names`` gives the
        strings an entry answers to besides its code and label; ``source`` is the data file, for errors.
        """
        self.kind = kind
        self._entries = tuple(entries)
        self._by_key: dict[str, E] = {}
        self._names: list[str] = []
        for entry in self._entries:
            for name in (entry.code, entry.label, *names(entry)):
                key = fold(name)
                other = self._by_key.setdefault(key, entry)
                if other is not entry:
                    message = t("reference.data.ambiguous", name=name, first=other.code, second=entry.code)
                    raise InputError(message, Location(file=source))
                self._names.append(name)

    def __iter__(self) -> Iterator[E]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, query: object) -> bool:
        return isinstance(query, str) and fold(query) in self._by_key

    @property
    def entries(self) -> tuple[E, ...]:
        return self._entries

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(entry.code for entry in self._entries)

    def find(self, query: str) -> E | None:
        """The entry ``query`` names, or None."""
        return self._by_key.get(fold(query))

    def get(self, query: str) -> E:
        """The entry ``query`` names; :class:`NotFoundError` naming the closest codes otherwise."""
        entry = self.find(query)
        if entry is None:
            raise NotFoundError(self.unknown_message(query))
        return entry

    def suggestions(self, query: str) -> tuple[E, ...]:
        """The entries whose names are closest to ``query``, best first."""
        found: dict[str, E] = {}
        for name in closest(query, self._names, n=3 * _SUGGESTIONS):
            entry = self._by_key[fold(name)]
            found.setdefault(entry.code, entry)
        return tuple(found.values())[:_SUGGESTIONS]

    def unknown_message(self, query: str) -> str:
        """« domaine inconnu : « sant ». Vouliez-vous dire : sante (Santé) ? »"""
        unknown = t(f"reference.unknown.{self.kind}", query=query)
        close = self.suggestions(query)
        if close:
            candidates = ", ".join(f"{entry.code} ({entry.label})" for entry in close)
            return f"{unknown}. {t('error.did_you_mean', candidates=candidates)}"
        return f"{unknown}. {t('reference.valid_codes', codes=', '.join(self.codes))}"
