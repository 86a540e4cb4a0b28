"""Numbers written for French readers: the one formatter of the web, the reports, the command line and the
exports.

The convention (French typography, Imprimerie nationale; the CLDR ``fr`` symbols except the minus):

- decimal comma: ``5,8``;
- thousands separated by a narrow no-break space U+202F, from 1 000 on: ``886 040``;
- minus sign U+2212 ``−`` (not the hyphen, which a screen reader may skip and which breaks a line):
  ``−1,5``; a figure that rounds to zero carries no sign (``0,0``, never ``−0,0``);
- a fixed number of decimals, rounded as Python, R's ``sprintf`` and C's ``printf`` round the stored binary
  value (``0,125`` to two decimals reads ``0,12``, ``2,5`` to none reads ``2``), so a figure reads the same
  here as in R;
- a missing value (``None``, NaN, ``pd.NA``) reads :data:`MISSING`, the dash of the web tables.

Spreadsheet cells are the exception: a French Excel reads ``-1,5`` as a number but ``−1,5`` and
``1 234,5`` as text, so :func:`spreadsheet_number` keeps the hyphen and no grouping, as the open-data
exports do through pandas (``decimal=","``, :data:`observatoire.diagnosis.export.CSV_OPTIONS`). In the
browser, the charts' Vega locale (``web/static/js/charts.js``) uses the same three symbols; a test
holds them together.

A pure function rather than Babel's ``format_decimal``: the pages format thousands of numbers per render and
Babel, even with a precompiled pattern, is over ten times slower per number
(``benchmarks/french_numbers.py``), and it rounds the decimal text (``2,675`` -> ``2,68``) where R rounds the
binary value. It imports nothing, so that the command line stays fast to start.
"""

from __future__ import annotations

import math
from typing import Any

MINUS = "\u2212"
THOUSANDS = "\u202f"
DECIMAL = ","
#: What a missing value reads.
MISSING = "—"

_TEXT = str.maketrans({",": THOUSANDS, ".": DECIMAL, "-": MINUS})
_CELL = str.maketrans({".": DECIMAL})


def _finite(value: Any) -> float | None:
    """``value`` as a float, or None when it is missing (None, NaN, ``pd.NA``)."""
    if value is None:
        return None
    try:
        number = float(value)
    except TypeError:  # pd.NA and NaT-like values refuse the conversion
        return None
    return None if math.isnan(number) else number


def number(value: Any, decimals: int = 1, *, missing: str = MISSING, sign: bool = False) -> str:
    """``-1234.56`` -> ``"−1 234,6"``; ``sign=True`` writes ``+`` before a positive figure (a gap, a
    change)."""
    if value is None:
        return missing
    try:
        found = float(value)
    except TypeError:  # pd.NA refuses the conversion
        return missing
    # Grouping costs more than the rest together: only figures that can reach 1 000 pay for it.
    if -999 < found < 999:
        text = f"{found:.{decimals}f}".replace(".", DECIMAL)
    elif math.isnan(found):
        return missing
    elif math.isinf(found):
        return (("+" if sign else "") + "∞") if found > 0 else MINUS + "∞"
    else:
        text = f"{found:,.{decimals}f}".replace(",", THOUSANDS).replace(".", DECIMAL)
    if text[0] == "-":
        return text[1:] if text.strip("-0,") == "" else MINUS + text[1:]  # rounds to zero: no sign
    if sign and text.strip("0,") != "":
        return "+" + text
    return text


def significant(value: Any, digits: int = 6, *, missing: str = MISSING) -> str:
    """A figure to ``digits`` significant digits, trailing zeros dropped: ``1.50`` -> ``"1,5"``, ``0.0412``
    -> ``"0,0412"`` (weights, bounds and thresholds, whose scale varies)."""
    found = _finite(value)
    if found is None:
        return missing
    return f"{found:,.{digits}g}".translate(_TEXT)


def spreadsheet_number(value: Any, decimals: int) -> str:
    """A CSV cell that a French spreadsheet reads as a number: ``-1234.5`` -> ``"-1234,5"``; empty when
    missing."""
    found = _finite(value)
    if found is None:
        return ""
    return f"{found:.{decimals}f}".translate(_CELL)
