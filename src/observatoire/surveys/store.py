"""Validated microdata in the workspace: one directory per wave, replaced whole or not at all.

Layout: ``<workspace>/microdata/<study>/<wave>/`` holds ``data.parquet`` (the cleaned columns of the
codebook), ``codebook.json`` and ``metadata.json``. An import builds the new directory beside the old one
(``.<wave>.new-*``), then swaps: the old one is renamed aside (``.<wave>.old-*``), the new one into place,
the old one deleted. If anything fails before the swap, the previous wave is untouched; if the process
dies between the two renames, the next read puts the previous wave back.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field, fields
from dataclasses import replace as replace_field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from observatoire.errors import InputError, NotFoundError
from observatoire.messages import t
from observatoire.reference import vocabulary
from observatoire.reference.text import fold
from observatoire.surveys.codebook import Codebook, Kind
from observatoire.surveys.codebook_files import read_codebook
from observatoire.surveys.readers import load_table
from observatoire.surveys.validation import (
    MAX_WEIGHT_RATIO,
    TerritoryLookup,
    validate_table,
    weight_ratios,
)
from observatoire.workspace import Workspace, fsync_folder

DATA_FILE = "data.parquet"
CODEBOOK_FILE = "codebook.json"
METADATA_FILE = "metadata.json"
FORMAT_VERSION = 1
_STALE_SECONDS = 6 * 3600
_TEXT_KINDS = (Kind.ID, Kind.REGION, Kind.STRATA, Kind.PSU, Kind.TEXT)


@dataclass(frozen=True)
class ImportedWave:
    """What ``metadata.json`` records about one imported wave, plus where it lives."""

    study: str
    wave: int
    population: str
    n: int
    source_file: str
    sha256: str
    imported_at: str  # ISO 8601, UTC
    synthetic: bool = False
    columns: tuple[str, ...] = ()
    ignored_columns: tuple[str, ...] = ()  # columns of the file the codebook does not declare
    # weights over validation.MAX_WEIGHT_RATIO times the median, accepted on purpose, and the largest ratio
    extreme_weights: int = 0
    max_weight_ratio: float | None = None
    format_version: int = FORMAT_VERSION
    path: Path = field(default=Path(), compare=False)
    replaced: ImportedWave | None = field(default=None, compare=False)  # what this import replaced

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["path"]
        del data["replaced"]
        data["columns"] = list(self.columns)
        data["ignored_columns"] = list(self.ignored_columns)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: Path) -> ImportedWave:
        known = {f.name for f in fields(cls)} - {"path", "replaced"}
        values = {key: value for key, value in data.items() if key in known}
        values["columns"] = tuple(values.get("columns", ()))
        values["ignored_columns"] = tuple(values.get("ignored_columns", ()))
        return cls(**values, path=path)


def import_wave(
    path: str | Path,
    codebook: Codebook | str | Path,
    workspace: Workspace,
    study: str,
    wave: int,
    population: str,
    *,
    sheet: str | int | None = None,
    synthetic: bool = False,
    territories: TerritoryLookup | None = None,
    replace: bool = False,
    accept_extreme_weights: bool = False,
) -> ImportedWave:
    """Load, validate and store one survey wave; a previous import of the same wave is replaced whole
    only when ``replace`` is true (the result's ``replaced`` says what it was), refused otherwise.

    ``codebook`` is a :class:`Codebook` or the path of a codebook file. ``population`` is a vocabulary
    population (code, label or alias); ``study`` names the study (a vocabulary study code when it is one,
    e.g. ``IMPACT-Citoyens``); ``wave`` is the fieldwork year. ``synthetic`` marks demo data. Weights over
    ``MAX_WEIGHT_RATIO`` times the median are refused unless ``accept_extreme_weights`` (then recorded in
    the metadata). Any problem raises :class:`InputError` and leaves the workspace as it was.
    """
    path = Path(path)
    study_code = _study_code(study)
    wave = _wave_year(wave)
    population_code = vocabulary.population(population).code
    target = workspace.microdata_dir / study_code / str(wave)
    existing = _wave_dir(target.parent, target.name)
    previous = _read_metadata(existing) if existing is not None else None
    if previous is not None and not replace:
        raise InputError(t("surveys.store.exists", **_described(previous)))
    if not isinstance(codebook, Codebook):
        codebook = read_codebook(codebook)
    text_columns = [v.name for v in codebook.of_kind(*_TEXT_KINDS)]
    table = load_table(path, sheet=sheet, text_columns=text_columns)
    limit = None if accept_extreme_weights else MAX_WEIGHT_RATIO
    cleaned = validate_table(table, codebook, territories=territories, max_weight_ratio=limit)
    ratios = _weight_ratios(cleaned, codebook)
    metadata = ImportedWave(
        study=study_code,
        wave=wave,
        population=population_code,
        n=len(cleaned),
        source_file=path.name,
        sha256=_sha256(path),
        imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
        synthetic=synthetic,
        columns=tuple(cleaned.columns),
        ignored_columns=tuple(str(c) for c in table.columns if c not in codebook),
        extreme_weights=int((ratios > MAX_WEIGHT_RATIO).sum()),
        max_weight_ratio=round(float(ratios.max()), 6) if len(ratios) else None,
    )
    _write_wave_dir(target, cleaned, codebook, metadata)
    return replace_field(ImportedWave.from_dict(metadata.to_dict(), target), replaced=previous)


def _weight_ratios(cleaned: pd.DataFrame, codebook: Codebook) -> np.ndarray:
    """Each respondent's weight over the median weight (empty without a weight column)."""
    weights = codebook.of_kind(Kind.WEIGHT)
    if not weights:
        return np.zeros(0)
    return weight_ratios(cleaned[weights[0].name].to_numpy(dtype="float64"))


def _described(wave: ImportedWave) -> dict[str, Any]:
    """What names an imported wave to a user: study, year, file, size and import date."""
    return {
        "study": wave.study,
        "wave": wave.wave,
        "file": wave.source_file,
        "n": wave.n,
        "date": wave.imported_at[:10],
    }


def replaced_text(wave: ImportedWave) -> str:
    """The French sentence saying which import ``wave`` replaced (empty when it replaced none)."""
    return t("surveys.cli.replaced", **_described(wave.replaced)) if wave.replaced else ""


def list_waves(workspace: Workspace) -> list[ImportedWave]:
    """Every imported wave of the workspace, by study then year."""
    root = workspace.microdata_dir
    if not root.is_dir():
        return []
    waves = []
    for study_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        names = {p.name for p in study_dir.iterdir() if p.is_dir() and not p.name.startswith(".")}
        names |= {p.name[1:].split(".old-")[0] for p in study_dir.glob(".*.old-*")}
        for name in sorted(names):
            directory = _wave_dir(study_dir, name)
            if directory is not None:
                waves.append(_read_metadata(directory))
    return sorted(waves, key=lambda w: (w.study, w.wave))


def read_wave(workspace: Workspace, study: str, wave: int) -> tuple[pd.DataFrame, Codebook, ImportedWave]:
    """The cleaned microdata, codebook and metadata of one imported wave."""
    study_code = _study_code(study)
    year = _wave_year(wave)
    directory = _wave_dir(workspace.microdata_dir / study_code, str(year))
    if directory is None:
        available = [f"{w.study} {w.wave}" for w in list_waves(workspace)]
        raise NotFoundError(
            t(
                "surveys.store.no_wave",
                study=study_code,
                wave=year,
                available=", ".join(available) or "aucune",
            )
        )
    codebook = Codebook.from_json((directory / CODEBOOK_FILE).read_text(encoding="utf-8"))
    return pd.read_parquet(directory / DATA_FILE), codebook, _read_metadata(directory)


def _wave_dir(study_dir: Path, name: str) -> Path | None:
    """The wave's directory; during a swap (or after a crash in one) the previous one, renamed aside.

    Readers never rename anything: only an import puts a stranded previous wave back (:func:`_recover`).
    """
    if (study_dir / name / METADATA_FILE).is_file():
        return study_dir / name
    aside = [p for p in study_dir.glob(f".{name}.old-*") if (p / METADATA_FILE).is_file()]
    return max(aside, key=lambda p: p.stat().st_mtime) if aside else None


def _read_metadata(directory: Path) -> ImportedWave:
    data = json.loads((directory / METADATA_FILE).read_text(encoding="utf-8"))
    return ImportedWave.from_dict(data, directory)


def _study_code(study: str) -> str:
    """The vocabulary's code for a known study; otherwise ``study`` itself if it is a safe folder name."""
    text = study.strip()
    try:
        return vocabulary.study(text).code
    except NotFoundError:
        pass
    unsafe = not fold(text) or text.startswith(".") or any(char in text for char in '/\\:*?"<>|\0')
    if unsafe:
        raise InputError(t("surveys.store.bad_study", study=study))
    return text


def _wave_year(wave: int | str) -> int:
    try:
        year = int(wave)
    except (TypeError, ValueError):
        year = 0
    if not 1900 <= year <= 2200:
        raise InputError(t("surveys.store.bad_wave", wave=wave))
    return year


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_wave_dir(target: Path, data: pd.DataFrame, codebook: Codebook, metadata: ImportedWave) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    _recover(target.parent)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        data.to_parquet(building / DATA_FILE, index=False)
        _write_text(building / CODEBOOK_FILE, codebook.to_json())
        _write_text(building / METADATA_FILE, json.dumps(metadata.to_dict(), ensure_ascii=False, indent=2))
        fsync_folder(building)
        _swap(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def _write_text(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target``; the old directory is renamed aside first, then deleted."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rmdir(old)
        os.replace(target, old)
    os.replace(new, target)
    fsync_folder(target.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _recover(study_dir: Path) -> None:
    """Before an import: after a crash between the two renames of a swap, put the previous wave back."""
    if not study_dir.is_dir():
        return
    for leftover in study_dir.glob(".*.old-*"):
        wave_name = leftover.name[1:].split(".old-")[0]
        target = study_dir / wave_name
        if target.exists():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            os.replace(leftover, target)
    # a killed import leaves its half-built directory; one this old is not being built any more
    for leftover in study_dir.glob(".*.new-*"):
        if time.time() - leftover.stat().st_mtime > _STALE_SECONDS:
            shutil.rmtree(leftover, ignore_errors=True)


__all__ = ["import_wave", "list_waves", "read_wave", "replaced_text"]
