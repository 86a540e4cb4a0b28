"""``load_columns``: a Parquet file's named columns straight into arrays, the estimates of a DataFrame."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from observatoire.errors import InputError
from observatoire.stats.command import estimate_table, needed_columns
from observatoire.surveys import load_table
from observatoire.surveys.columns import _array, load_columns

OPTIONS = {
    "weight": "poids",
    "strata": "region",
    "by": "region",
    "means": ["q1", "q2", "score"],
    "proportions": ["genre=F"],
    "top_boxes": ["q1=8-10"],
    "compare_to_rest": True,
}


def _survey(n: int = 600, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    q1 = pd.array(rng.integers(1, 11, n), dtype="Int8")
    q1[rng.random(n) < 0.05] = pd.NA
    region = pd.Categorical(rng.choice(["Nord", "Sud", "Ouest", "Est"], n))
    return pd.DataFrame(
        {
            "region": region,
            "poids": rng.uniform(0.5, 3.0, n),
            "q1": q1,
            "q2": rng.integers(0, 5, n).astype(np.int64),  # no missing value: a plain array
            "score": np.where(rng.random(n) < 0.1, np.nan, rng.normal(50, 10, n)),
            "genre": rng.choice(["F", "H"], n),  # plain text, not dictionary-encoded
            "autre": rng.integers(0, 9, n),  # not asked for: not read
        }
    )


def test_a_parquet_files_columns_come_as_arrays_and_give_the_dataframes_estimates(tmp_path):
    df = _survey()
    path = tmp_path / "vague.parquet"
    df.to_parquet(path, index=False, row_group_size=128)  # several row groups: chunks joined
    columns = load_columns(path, needed_columns(OPTIONS))
    assert isinstance(columns, dict)
    assert set(columns) == {"poids", "region", "q1", "q2", "score", "genre"}
    assert isinstance(columns["poids"], np.ndarray)
    assert isinstance(columns["q2"], np.ndarray)
    assert isinstance(columns["q1"], pd.arrays.IntegerArray)
    assert isinstance(columns["region"], pd.Categorical)
    expected = estimate_table(load_table(path), **OPTIONS)
    pd.testing.assert_frame_equal(estimate_table(columns, **OPTIONS), expected)
    assert expected["n"].iloc[0] < 600  # the missing answers are left out, not read as values


def test_a_file_written_without_pandas_gives_the_same_estimates(tmp_path):
    df = _survey(seed=5)
    table = pa.table(
        {
            "region": pa.array(df["region"].astype(str)).dictionary_encode(),
            "poids": pa.array(df["poids"]),
            "q1": pa.array(df["q1"].astype("Int64").to_numpy(dtype=object, na_value=None), pa.int64()),
            "q2": pa.array(df["q2"]),
            "score": pa.array(df["score"], from_pandas=True),
            "genre": pa.array(df["genre"]),
        }
    )
    path = tmp_path / "pyarrow.parquet"
    pq.write_table(table, path)
    from_arrays = estimate_table(load_columns(path, needed_columns(OPTIONS)), **OPTIONS)
    pd.testing.assert_frame_equal(from_arrays, estimate_table(load_table(path), **OPTIONS))


def test_a_sliced_integer_column_keeps_its_values_and_missing_rows():
    column = pa.chunked_array([pa.array([1, None, 3, 4, None, 6, 7, 8, None, 10], pa.int8()).slice(3, 6)])
    values = _array(column)
    assert isinstance(values, pd.arrays.IntegerArray)
    assert values.tolist() == [4, pd.NA, 6, 7, 8, pd.NA]


def test_a_column_the_file_lacks_is_named_with_the_files_columns(tmp_path):
    path = tmp_path / "vague.parquet"
    _survey().to_parquet(path, index=False)
    options = {**OPTIONS, "means": ["q3"]}
    with pytest.raises(InputError, match=r"q3.*q1, q2") as error:
        estimate_table(load_columns(path, needed_columns(options)), **options)
    with pytest.raises(InputError) as expected:
        estimate_table(load_table(path), **options)
    assert str(error.value) == str(expected.value)


def test_other_formats_are_read_whole(tmp_path):
    path = tmp_path / "vague.csv"
    _survey().to_csv(path, index=False, sep=";")
    columns = load_columns(path, needed_columns(OPTIONS))
    assert isinstance(columns, pd.DataFrame)
    assert "autre" in columns.columns


def test_a_damaged_parquet_file_is_a_french_error_naming_it(tmp_path):
    path = tmp_path / "abime.parquet"
    path.write_bytes(b"PAR1 pas vraiment du parquet")
    with pytest.raises(InputError, match=r"abime\.parquet"):
        load_columns(path, ["poids"])
