"""Significance tests under their short name: see :mod:`observatoire.stats.significance`."""

from observatoire.stats.significance import (
    COMPARISON_COLUMNS,
    RaoScottTest,
    compare_cells,
    compare_to_rest,
    compare_waves,
    flags,
    rao_scott_chisq,
)

__all__ = [
    "COMPARISON_COLUMNS",
    "RaoScottTest",
    "compare_cells",
    "compare_to_rest",
    "compare_waves",
    "flags",
    "rao_scott_chisq",
]
