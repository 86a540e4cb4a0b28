"""Which text encoding a CSV file is in, decided for the whole file, never guessed line by line.

A survey CSV arrives in UTF-8 (with or without a byte-order mark) or in Windows-1252, what French Excel
writes. A file that is valid UTF-8 is UTF-8. A file that is not, but holds no UTF-8 sequence at all, is
Windows-1252 (Latin-1 for the few bytes Windows-1252 leaves undefined). A file that holds both, typically a
UTF-8 file into which lines were pasted from a Windows-1252 one, has no right reading: read either way,
part of its text becomes mojibake (« Ã© » for « é »), so it is refused, naming the first line of each kind.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import BinaryIO

from observatoire.errors import InputError, Location
from observatoire.messages import t

# A well-formed multi-byte UTF-8 sequence: a Windows-1252 French text almost never holds one (it would be
# an accented capital followed by a symbol such as « or °, e.g. "Ã©").
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


_CHUNK = 1 << 24  # 16 MiB: the file is checked in pieces, never held whole


def csv_encoding(path: Path) -> str:
    """The encoding to read ``path`` with: ``utf-8-sig``, ``utf-8``, ``cp1252`` or ``latin-1``.

    Raises :class:`InputError` naming the first line that is not UTF-8 when the file mixes encodings.
    """
    utf8 = codecs.getincrementaldecoder("utf-8")()
    sequence: int | None = None  # file offset of the first well-formed UTF-8 multi-byte sequence
    bad: int | None = None  # file offset of the first byte that is not UTF-8
    offset = 0  # of the current piece
    tail = b""  # the end of the previous piece: a sequence may straddle two pieces
    with path.open("rb") as handle:
        has_bom = handle.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8
        handle.seek(0)
        while chunk := handle.read(_CHUNK):
            if sequence is None and (found := _UTF8_SEQUENCE.search(tail + chunk)):
                sequence = offset - len(tail) + found.start()
            if bad is None:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError as error:  # its offsets count the bytes held from the last piece
                    bad = offset - (len(error.object) - len(chunk)) + error.start
            if bad is not None and sequence is not None:
                break  # mixed: both places are known
            offset += len(chunk)
            tail = chunk[-3:]
        if bad is None:
            try:
                utf8.decode(b"", final=True)
            except UnicodeDecodeError:  # the file ends inside a multi-byte sequence
                bad = max(offset - 1, 0)
        if bad is None:
            return "utf-8-sig" if has_bom else "utf-8"
        if has_bom or sequence is not None:
            handle.seek(bad)
            byte = handle.read(1).hex().upper()
            good = 1 if sequence is None else _line_at(handle, sequence)
            message = t("surveys.encoding.mixed", good=good, byte=byte)
            raise InputError(message, Location(file=path.name, row=_line_at(handle, bad)))
    return _windows_1252_or_latin_1(path)


def _line_at(handle: BinaryIO, offset: int) -> int:
    """The 1-based line of the byte at ``offset`` (counted only when an error is reported)."""
    handle.seek(0)
    lines = 1
    while offset > 0 and (chunk := handle.read(min(_CHUNK, offset))):
        lines += chunk.count(b"\n")
        offset -= len(chunk)
    return lines


def _windows_1252_or_latin_1(path: Path) -> str:
    """``cp1252`` if it decodes the file, else ``latin-1``, which decodes any byte (the few bytes cp1252
    leaves undefined are control characters)."""
    cp1252 = codecs.getincrementaldecoder("cp1252")()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            try:
                cp1252.decode(chunk)
            except UnicodeDecodeError:
                return "latin-1"
    return "cp1252"
