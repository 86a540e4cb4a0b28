"""The encoding check reads the file in pieces: a piece boundary inside a line or a character changes
nothing (tiny pieces here, 16 MiB in use)."""

from __future__ import annotations

import pytest

from observatoire.errors import InputError
from observatoire.surveys import encoding


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1 << 24])
def test_the_answer_does_not_depend_on_the_pieces(monkeypatch, bad_inputs, tmp_path, chunk):
    monkeypatch.setattr(encoding, "_CHUNK", chunk)
    assert encoding.csv_encoding(bad_inputs / "na_declared.csv") == "utf-8"
    latin = tmp_path / "latin.csv"
    latin.write_bytes("a;b\nété;été\n".encode("cp1252"))
    assert encoding.csv_encoding(latin) == "cp1252"
    with pytest.raises(InputError) as mixed:
        encoding.csv_encoding(bad_inputs / "mixed_encoding.csv")
    assert mixed.value.location.row == 4
    assert "octet 0xE9" in str(mixed.value)
    assert "la ligne 2 l'est" in str(mixed.value)
    with pytest.raises(InputError) as bom:
        encoding.csv_encoding(bad_inputs / "bom_then_latin1.csv")
    assert bom.value.location.row == 3
    truncated = tmp_path / "truncated.csv"
    truncated.write_bytes("a;b\nété;\xc3".encode()[:-1] + b"\xc3")
    with pytest.raises(InputError) as end:
        encoding.csv_encoding(truncated)
    assert end.value.location.row == 2
