"""The communes' lookup tables are kept in the user's cache, named by the packaged file's digest: a cached
copy gives the same tables as the CSV, and a broken or unwritable cache only costs the CSV's reading."""

from __future__ import annotations

from observatoire.reference import territory_index


def _cached_files(root):
    return list((root / "observatoire").glob("communes-*.marshal"))


def test_the_cache_gives_the_tables_of_the_csv(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    parsed = territory_index._commune_tables()
    [written] = _cached_files(tmp_path)
    assert territory_index._commune_tables() == parsed
    rows = parsed[0]
    assert len(rows) > 34_000
    assert rows["13055"].split(territory_index.FIELD_SEPARATOR)[1] == "Marseille"
    assert "13001" in parsed[2]  # a postcode of Marseille
    written.write_bytes(b"not marshal")  # a broken cache is read again from the CSV, and rewritten
    assert territory_index._commune_tables() == parsed
    assert written.read_bytes() != b"not marshal"


def test_an_unwritable_cache_is_done_without(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert len(territory_index._commune_tables()[0]) > 34_000
