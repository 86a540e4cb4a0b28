"""Writing a synthetic wave as the files an institute delivers: SPSS or CSV data plus a codebook.

SPSS files carry their column labels, value labels and the « ne sait pas » missing code, as real
deliveries do; CSV files are French exports (``;``-separated, decimal comma). ReadStat stamps a creation
time into the SPSS header; it is set to the wave's fieldwork date so that a seed gives the same bytes.
Very large waves (benchmarks) are written as Parquet, which the import path accepts too.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from observatoire.demo.wave import DONT_KNOW, WaveBuilder
from observatoire.surveys import Kind, write_codebook
from observatoire.workspace import atomic_write

#: Above this many rows a wave is written as Parquet (CSV and SPSS writers are slow at that scale).
PARQUET_ABOVE = 500_000
# SPSS system file header: creation date (9 bytes) at offset 84 + 8, creation time (8 bytes) after it.
_SAV_DATE_OFFSET = 92
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def file_stem(wave: WaveBuilder) -> str:
    return f"{wave.study.lower().replace(' ', '_')}_{wave.wave}"


def write_wave(wave: WaveBuilder, folder: Path) -> tuple[Path, Path]:
    """Write the data file and the codebook (CSV) of ``wave`` in ``folder``; return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = file_stem(wave)
    frame = wave.frame()
    fmt = "parquet" if wave.n > PARQUET_ABOVE else wave.fmt
    data_path = folder / f"{stem}.{fmt}"
    if fmt == "sav":
        _write_sav(wave, frame, data_path)
    elif fmt == "csv":
        with atomic_write(data_path) as temporary:
            _csv_frame(frame).to_csv(temporary, sep=";", decimal=",", index=False)
    else:
        with atomic_write(data_path) as temporary:
            frame.to_parquet(temporary, index=False)
    codebook_path = write_codebook(wave.codebook(), folder / f"{stem}.codebook.csv")
    return data_path, codebook_path


def _csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Answer codes as integers (blank when not asked): « 1 », not « 1,0 », and a fast writer."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == np.float32:
            out[column] = out[column].astype("Int8")
    return out


def _write_sav(wave: WaveBuilder, frame: pd.DataFrame, path: Path) -> None:
    import pyreadstat

    codebook = wave.codebook()
    value_labels = {}
    missing = {}
    for variable in codebook:
        if variable.kind in (Kind.CATEGORICAL, Kind.RATING) and variable.value_labels:
            # Ratings are integers (« ne sait pas » = 99), other answers doubles (blank = sysmis).
            key = int if variable.kind == Kind.RATING else float
            labels = {key(code): text for code, text in variable.value_labels}
            if variable.kind == Kind.RATING:
                labels[DONT_KNOW] = "Ne sait pas"
                missing[variable.name] = [DONT_KNOW]
            value_labels[variable.name] = labels
    data = frame.copy()
    for column in data.columns:
        if data[column].dtype == object:
            data[column] = data[column].astype(str)
        elif data[column].dtype == np.float32:
            data[column] = data[column].astype(np.float64)

    def write(temporary: Path) -> None:
        pyreadstat.write_sav(
            data,
            str(temporary),
            file_label=wave.label[:64],
            column_labels={v.name: v.label for v in codebook},
            variable_value_labels=value_labels,
            missing_ranges=missing,
        )
        _stamp(temporary, wave.wave)

    with atomic_write(path) as temporary:
        write(temporary)


def _stamp(path: Path, year: int) -> None:
    """Replace ReadStat's creation date and time by the wave's (fixed) fieldwork date."""
    stamp = f"01 {_MONTHS[9]} {year % 100:02d}00:00:00".encode("ascii")
    with path.open("r+b") as handle:
        head = handle.read(_SAV_DATE_OFFSET + len(stamp))
        if not head.startswith(b"$FL"):  # pragma: no cover - ReadStat always writes this magic
            raise ValueError(f"{path.name}: not an SPSS system file")
        handle.seek(_SAV_DATE_OFFSET)
        handle.write(stamp)
