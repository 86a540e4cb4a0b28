"""A small citizens' wave and its codebook, written as real files in every accepted format."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat
import pytest

from observatoire.surveys import Codebook, Kind, Variable

REGIONS = frozenset({"11", "84", "93", "01", "94"})


def citizens_codebook() -> Codebook:
    return Codebook(
        (
            Variable("id", Kind.ID, "Identifiant du répondant"),
            Variable("region", Kind.REGION, "Région", level="region"),
            Variable("sexe", Kind.CATEGORICAL, "Sexe", value_labels=((1, "Homme"), (2, "Femme"))),
            Variable(
                "q1_emploi",
                Kind.RATING,
                "Fragilité : emploi",
                question="Q1",
                item="emploi",
                domain="emploi",
                minimum=1,
                maximum=10,
                missing_codes=((99, "Ne sait pas"),),
            ),
            Variable("poids", Kind.WEIGHT, "Poids de redressement"),
        )
    )


def citizens_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "region": ["84", "11", "93", "84"],
            "sexe": [1, 2, 2, 1],
            "q1_emploi": [7, 99, 10, 1],
            "poids": [1.25, 0.5, 1.0, 2.0],
        }
    )


def write(frame: pd.DataFrame, path: Path) -> Path:
    """Write ``frame`` the way real files arrive: ';' + decimal comma + cp1252 CSV, xlsx, sav, parquet."""
    suffix = path.suffix
    if suffix == ".csv":
        text = frame.to_csv(sep=";", decimal=",", index=False)
        path.write_bytes(text.encode("cp1252"))
    elif suffix == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(list(frame.columns))
        for record in frame.itertuples(index=False):
            sheet.append([None if isinstance(v, float) and math.isnan(v) else v for v in record])
        book.save(path)
    elif suffix == ".sav":
        pyreadstat.write_sav(
            frame,
            str(path),
            column_labels={"q1_emploi": "Fragilité : emploi"},
            variable_value_labels={"sexe": {1: "Homme", 2: "Femme"}, "q1_emploi": {99: "Ne sait pas"}},
        )
    elif suffix == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        raise AssertionError(suffix)
    return path


@pytest.fixture
def codebook() -> Codebook:
    return citizens_codebook()


@pytest.fixture
def frame() -> pd.DataFrame:
    return citizens_frame()


@pytest.fixture
def regions():
    return lambda level: REGIONS if level == "region" else None


@pytest.fixture
def write_file():
    return write
