"""The repository stands on its own: no reference to documents a clone does not have (the source files by
number, tracker issues, a design file beside the checkout). Sources are cited by their public titles
(docs/DESIGN.md, Sources). The byte copies of the published reference tables (``demo/data/*.csv``) are data
and keep their notes as published."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("src", "docs", "tests", "benchmarks", "scripts")
SUFFIXES = {".py", ".md", ".toml", ".html", ".css", ".txt", ".cfg", ".ini", ".R"}
OUTSIDE = re.compile(
    r"\bseeds? 0\d\d\b"  # « seed 001 », « seeds 000 and 003 »
    r"|\bseed 0\d\d's\b"
    r"|\bissues? #?\d+\b"  # « issue 4 », « issue #11 »
    r"|\(#\d+\)"  # « (#13) »
    r"|\.\./shared/DESIGN"
    r"|\bthe scan\b",  # the digitised copy of a brochure, named as our own step
    re.IGNORECASE,
)


def _files() -> list[Path]:
    found = [ROOT / "README.md"]
    for folder in FOLDERS:
        found += [p for p in (ROOT / folder).rglob("*") if p.suffix in SUFFIXES and "vendor" not in p.parts]
    return sorted(p for p in found if p.is_file() and p != Path(__file__).resolve())


def test_the_scan_reads_the_repository():
    files = _files()
    assert ROOT / "docs" / "DESIGN.md" in files
    assert ROOT / "src" / "observatoire" / "reference" / "data" / "vocabulary" / "domains.toml" in files
    assert len(files) > 200


def test_no_reference_to_documents_outside_the_repository():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}"
        for path in _files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert offenders == [], "cite the publication by its title (docs/DESIGN.md, Sources)"


def test_the_pattern_catches_what_it_should():
    for text in (
        "(seed 001)",
        "seeds 000 and 003",
        "issue #11 asks",
        "issue 4",
        "consultations (#13)",
        "lost in the scan",
    ):
        assert OUTSIDE.search(text), text
    for text in ("seed=1", "the same seed gives the same bytes", "#0072B2", "a rescan", "issues.append(x)"):
        assert not OUTSIDE.search(text), text
