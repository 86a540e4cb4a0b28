"""Reading the versioned vocabulary data files packaged in ``observatoire/reference/data/vocabulary``.

Each file is TOML with a ``version`` (an integer, bumped whenever its content changes, so that a build
can record which vocabulary it used) and a ``source`` (the seed file or files it copies). A malformed
file raises :class:`~observatoire.errors.InputError` naming the file, the entry and the field, so that
whoever edits the vocabulary learns at once what is wrong.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from observatoire.errors import InputError, Location
from observatoire.messages import t

_PACKAGE = "observatoire.reference"
_FOLDER = ("data", "vocabulary")


@dataclass(frozen=True)
class DataFile:
    """Which version of which vocabulary file was read, and the seed files it copies."""

    name: str
    version: int
    sources: tuple[str, ...]

    @property
    def file_name(self) -> str:
        return f"{self.name}.toml"


class Record:
    """One TOML table of a data file, with typed getters that fail with a French message naming the field."""

    def __init__(self, table: Mapping[str, Any], file: str, where: str, line: int | None = None) -> None:
        self._table = table
        self._file = file
        self._where = where
        self._line = line  # where the entry starts, when the reader knows it

    def _fail(self, key: str, message: str) -> InputError:
        text = f"{self._where} : {message}" if self._where else message
        return InputError(text, Location(file=self._file, row=self._line))

    def _get(self, key: str) -> Any:
        if key not in self._table:
            raise self._fail(key, t("reference.data.missing", field=key))
        return self._table[key]

    def _wrong(self, key: str, expected: str) -> InputError:
        return self._fail(key, t("reference.data.type", field=key, expected=t(f"reference.data.{expected}")))

    def text(self, key: str) -> str:
        value = self._get(key)
        if not isinstance(value, str) or not value.strip():
            raise self._wrong(key, "a_text")
        return value

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if key in self._table else None

    def texts(self, key: str, *, required: bool = True) -> tuple[str, ...]:
        """A list of non-empty strings; absent means empty unless ``required``."""
        if not required and key not in self._table:
            return ()
        value = self._get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self._wrong(key, "texts")
        return tuple(value)

    def integer(self, key: str) -> int:
        value = self._get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self._wrong(key, "an_integer")
        return value

    def optional_integer(self, key: str) -> int | None:
        return self.integer(key) if key in self._table else None

    def flag(self, key: str) -> bool:
        value = self._get(key)
        if not isinstance(value, bool):
            raise self._wrong(key, "a_flag")
        return value

    def records(self, key: str, *, required: bool = True) -> tuple[Record, ...]:
        """The entries of an array of tables (``[[key]]``), each located by its position and code."""
        if not required and key not in self._table:
            return ()
        value = self._get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
            raise self._wrong(key, "entries")
        records = []
        for number, table in enumerate(value, start=1):
            code = table.get("code")
            name = f"{key} n° {number}" + (f" ({code})" if isinstance(code, str) else "")
            records.append(Record(table, self._file, f"{self._where}, {name}" if self._where else name))
        return tuple(records)

    def fail(self, key: str, message: str) -> InputError:
        """An error about ``key`` of this entry, for checks the getters cannot make (unknown references)."""
        return self._fail(key, message)


def read_data_file(name: str) -> tuple[DataFile, Record]:
    """The header and the content of the packaged vocabulary file ``<name>.toml``."""
    file_name = f"{name}.toml"
    resource = resources.files(_PACKAGE).joinpath(*_FOLDER, file_name)
    try:
        content = tomllib.loads(resource.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(t("reference.data.unreadable", error=error), Location(file=file_name)) from error
    root = Record(content, file_name, "")
    version = root.integer("version")
    if version < 1:
        raise root.fail("version", t("reference.data.version"))
    source = content.get("source")
    sources = (source,) if isinstance(source, str) and source.strip() else root.texts("source")
    if not sources:
        raise root.fail("source", t("reference.data.missing", field="source"))
    return DataFile(name=name, version=version, sources=sources), root
