"""Reading the versioned vocabulary data files packaged in ``observatoire/reference/data/vocabulary``.

Each file is TOML with a ``version`` (an integer, bumped whenever its content changes, so that a build can
record which vocabulary it used) and a ``source`` (the publications it copies, docs/DESIGN.md, Sources). A
malformed file raises :class:`~observatoire.errors.InputError` naming the file, the entry and the field, so
that whoever edits the vocabulary learns at once what is wrong. One typed loader (:func:`load_entries`,
pydantic validating the vocabulary's own dataclasses) reads every vocabulary.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Annotated, Any, TypeVar

from observatoire.errors import InputError, Location, toml_position
from observatoire.messages import t

_PACKAGE = "observatoire.reference"
_FOLDER = ("data", "vocabulary")


@dataclass(frozen=True)
class DataFile:
    """Which version of which vocabulary file was read, and the publications it copies."""

    name: str
    version: int
    sources: tuple[str, ...]

    @property
    def file_name(self) -> str:
        return f"{self.name}.toml"


class Record:
    """One TOML table of a data file, with typed getters that fail with a French message naming the field
    (the questionnaires' instruments read their files with it; the vocabulary with :func:`load_entries`)."""

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


class _Checked:
    """A field's check, as pydantic metadata: read only when a file is validated, so that importing the
    vocabulary does not import pydantic. Scalars are strict (TOML has types: ``"3"`` is not a number)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        if self.kind == "integer":
            return core_schema.int_schema(strict=True)
        if self.kind == "flag":
            return core_schema.bool_schema(strict=True)
        return core_schema.no_info_after_validator_function(_non_blank, core_schema.str_schema(strict=True))


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("blank")
    return value


#: A non-empty text, a whole number, true or false: the field types of the vocabulary's entries.
Text = Annotated[str, _Checked("text")]
Integer = Annotated[int, _Checked("integer")]
Flag = Annotated[bool, _Checked("flag")]

#: What pydantic's error types mean in the files' terms (``reference.data.<expected>``).
_EXPECTED = {"int_type": "an_integer", "bool_type": "a_flag", "dataclass_type": "entries"}

E = TypeVar("E")


def load_entries(
    name: str,
    key: str,
    kind: type[E],
    *,
    required: bool = True,
    prepare: Callable[[dict[str, Any], str], dict[str, Any]] | None = None,
) -> tuple[E, ...]:
    """The entries of the array of tables ``[[key]]`` of ``<name>.toml`` as ``kind`` (a dataclass whose
    fields say the types), checked by pydantic; a wrong entry raises :class:`InputError` naming the file,
    the entry (``key n° 2 (code)``) and the field, in French. ``prepare`` turns a table into the
    dataclass' fields first (a code into the entry it names, e.g.), with the entry's name for its errors.
    """
    from pydantic import TypeAdapter, ValidationError

    file = f"{name}.toml"
    tables = read_data_file(name)[1].get(key)
    if tables is None and not required:
        return ()
    if tables is None:
        raise entry_error(file, "", t("reference.data.missing", field=key))
    if not isinstance(tables, list) or not tables or not all(isinstance(v, dict) for v in tables):
        raise entry_error(file, "", _wrong(key, "entries"))
    adapter = TypeAdapter(kind)
    entries = []
    for number, table in enumerate(tables, start=1):
        where = _entry_name(key, number, table)
        fields = prepare(table, where) if prepare else table
        try:
            entries.append(adapter.validate_python(fields))
        except ValidationError as error:
            raise _french(error.errors()[0], fields, file, where) from None
    return tuple(entries)


def entry_error(file: str, where: str, message: str) -> InputError:
    """An error about an entry of a data file (``where``: its name, empty for the file's top level)."""
    return InputError(f"{where} : {message}" if where else message, Location(file=file))


def _entry_name(key: str, number: int, table: Any) -> str:
    code = table.get("code") if isinstance(table, dict) else None
    return f"{key} n° {number}" + (f" ({code})" if isinstance(code, str) else "")


def _wrong(field: str, expected: str) -> str:
    return t("reference.data.type", field=field, expected=t(f"reference.data.{expected}"))


def _french(problem: Any, fields: dict[str, Any], file: str, where: str) -> InputError:
    """pydantic's first problem as the file's reader says it: the entry (nested ones too) and the field."""
    location, value = list(problem["loc"]), fields
    path = [where]
    while len(location) > 2 and isinstance(location[1], int):  # a nested entry: segments n° 1 (pme)
        key, index = location.pop(0), location.pop(0)
        value = value[key][index]
        path.append(_entry_name(str(key), index + 1, value))
    field = str(location[0]) if location else ""
    if problem["type"] == "missing":
        return entry_error(file, ", ".join(path), t("reference.data.missing", field=field))
    in_list = len(location) > 1 or problem["type"] in ("tuple_type", "list_type")
    expected = "texts" if in_list else _EXPECTED.get(problem["type"], "a_text")
    return entry_error(file, ", ".join(path), _wrong(field, expected))


def read_data_file(name: str) -> tuple[DataFile, dict[str, Any]]:
    """The header and the content of the packaged vocabulary file ``<name>.toml`` (read once)."""
    file_name = f"{name}.toml"
    content = _content(name)
    version = content.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise entry_error(file_name, "", t("reference.data.version"))
    source = content.get("source")
    sources = (source,) if isinstance(source, str) and source.strip() else source
    if not isinstance(sources, tuple | list) or not sources:
        raise entry_error(file_name, "", t("reference.data.missing", field="source"))
    if not all(isinstance(v, str) and v.strip() for v in sources):
        raise entry_error(file_name, "", _wrong("source", "texts"))
    return DataFile(name=name, version=version, sources=tuple(sources)), content


@cache
def _content(name: str) -> dict[str, Any]:
    file_name = f"{name}.toml"
    resource = resources.files(_PACKAGE).joinpath(*_FOLDER, file_name)
    try:
        return tomllib.loads(resource.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:  # its reason is English: keep its line and column only
        line, column = toml_position(error)
        raise InputError(t("reference.data.bad_toml", column=column), Location(file_name, line)) from error
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(t("reference.data.unreadable", error=error), Location(file=file_name)) from error
