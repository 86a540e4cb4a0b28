"""Reading only the columns an estimate needs, straight into arrays: no DataFrame for a Parquet file.

``observatoire estimate`` on a large Parquet file spent much of its time building a DataFrame of every
column (pyarrow's conversion to pandas) before estimating from a few of them. :func:`load_columns` reads
the named columns alone and hands each over as the arrays the estimation core reads: a numpy array (an
integer column without missing values, any float column, NaN for missing), an integer column with missing
values as pandas' masked array over the file's own value buffer and a missing mask, a dictionary-encoded
(text) column as a categorical over its codes. Other formats, and a file lacking one of the names (so
that the error lists every column of the file), go through :func:`~observatoire.surveys.load_table`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from observatoire.surveys.parse_errors import parser_error
from observatoire.surveys.readers import PARQUET_SUFFIXES, load_table

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


def load_columns(path: str | Path, names: Iterable[str]) -> pd.DataFrame | Mapping[str, Any]:
    """The columns ``names`` of a survey table: arrays by name for Parquet, else the whole DataFrame."""
    path = Path(path)
    wanted = list(dict.fromkeys(names))
    if path.suffix.lower() in PARQUET_SUFFIXES and path.is_file():
        import pyarrow.parquet as pq

        try:
            file = pq.ParquetFile(path)
            found = set(wanted) <= set(file.schema_arrow.names)
            table = file.read(columns=wanted) if found else None  # a chunk per row group (read_table: more)
        except Exception as error:  # pyarrow raises ArrowInvalid and friends
            raise parser_error(path, "Parquet", error) from error
        if table is not None:
            return {name: _array(table.column(name)) for name in wanted}
    return load_table(path)


def _array(column: pa.ChunkedArray) -> Any:
    import pyarrow as pa

    chunk = column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
    kind = chunk.type
    if pa.types.is_dictionary(kind):
        import pandas as pd

        codes = chunk.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        return pd.Categorical.from_codes(codes, chunk.dictionary.to_pandas(), ordered=kind.ordered)
    if pa.types.is_integer(kind) and chunk.null_count:
        import pandas as pd

        return pd.arrays.IntegerArray(_values(chunk), _missing(chunk))
    if pa.types.is_integer(kind) or pa.types.is_floating(kind):
        return chunk.to_numpy(zero_copy_only=False)  # no copy without missing values; NaN for floats'
    return column.to_pandas()  # text, dates, booleans with missing values...: as pandas reads them


def _values(chunk: pa.Array) -> np.ndarray:
    """The value buffer of a primitive array, not copied (slots of missing values hold anything)."""
    dtype = np.dtype(chunk.type.to_pandas_dtype())
    return np.frombuffer(chunk.buffers()[1], dtype=dtype, count=chunk.offset + len(chunk))[chunk.offset :]


def _missing(chunk: pa.Array) -> np.ndarray:
    """True where the validity bitmap says missing (one byte per row, unpacked from one bit).

    The bitmap is inverted before it is unpacked (an eighth of the rows' bytes), so that the unpacked
    0/1 bytes are the mask itself: one new array of a byte per row, not two."""
    invalid = np.invert(np.frombuffer(chunk.buffers()[0], dtype=np.uint8))
    unpacked = np.unpackbits(invalid, count=chunk.offset + len(chunk), bitorder="little")
    return unpacked[chunk.offset :].view(np.bool_)
