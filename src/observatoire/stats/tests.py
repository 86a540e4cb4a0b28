"""Significance tests under their short name: see the ``significance`` and ``chisq`` modules."""

from observatoire.stats.chisq import RaoScottTest, rao_scott_chisq
from observatoire.stats.significance import (
    COMPARISON_COLUMNS,
    compare_batch,
    compare_cells,
    compare_to_rest,
    compare_waves,
    flags,
)

__all__ = [
    "COMPARISON_COLUMNS",
    "RaoScottTest",
    "compare_batch",
    "compare_cells",
    "compare_to_rest",
    "compare_waves",
    "flags",
    "rao_scott_chisq",
]
