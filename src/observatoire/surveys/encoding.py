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

from observatoire.errors import InputError, Location
from observatoire.messages import t

# A well-formed multi-byte UTF-8 sequence: a Windows-1252 French text almost never holds one (it would be
# an accented capital followed by a symbol such as « or °, e.g. "Ã©").
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def csv_encoding(path: Path) -> str:
    """The encoding to read ``path`` with: ``utf-8-sig``, ``utf-8``, ``cp1252`` or ``latin-1``.

    Raises :class:`InputError` naming the first line that is not UTF-8 when the file mixes encodings.
    """
    data = path.read_bytes()
    has_bom = data.startswith(codecs.BOM_UTF8)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad_line = data.count(b"\n", 0, error.start) + 1
        sequence = _UTF8_SEQUENCE.search(data)
        if has_bom or sequence is not None:
            good_line = 1 if sequence is None else data.count(b"\n", 0, sequence.start()) + 1
            byte = data[error.start : error.start + 1].hex().upper()
            raise InputError(
                t("surveys.encoding.mixed", good=good_line, byte=byte), Location(file=path.name, row=bad_line)
            ) from error
    else:
        return "utf-8-sig" if has_bom else "utf-8"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"  # decodes any byte; the bytes cp1252 leaves undefined are control characters
    return "cp1252"
