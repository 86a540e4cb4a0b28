"""The one French number formatter (:mod:`observatoire.numbers`): its convention on a table of examples, and
no module of ``src/`` writing numbers by hand beside it."""

import ast
import math
import re
import string
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from observatoire.messages import MESSAGES
from observatoire.numbers import DECIMAL, MINUS, MISSING, THOUSANDS, number, significant, spreadsheet_number

SRC = Path(__file__).resolve().parents[1] / "src" / "observatoire"
N = THOUSANDS  # narrow no-break space U+202F
M = MINUS  # U+2212


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (5.8, 1, "5,8"),
        (0, 1, "0,0"),
        (0, 0, "0"),
        (-1.5, 1, f"{M}1,5"),
        (-0.04, 1, "0,0"),  # rounds to zero: no sign
        (-0.4, 0, "0"),
        (999, 0, "999"),
        (999.6, 0, f"1{N}000"),  # rounding reaches the thousands: grouped
        (1000, 0, f"1{N}000"),
        (886040, 0, f"886{N}040"),
        (-1234567.891, 2, f"{M}1{N}234{N}567,89"),
        (12.345, 2, "12,35"),  # the binary value is 12.3450000000000006
        (0.125, 2, "0,12"),  # an exact tie: to even, as R's sprintf
        (2.5, 0, "2"),
        (3.5, 0, "4"),
        (2.675, 2, "2,67"),  # the binary value is 2.67499999...
        (np.float64(6.35), 1, "6,3"),
        (np.int64(-42), 0, f"{M}42"),
        (Decimal("7.25"), 1, "7,2"),
        (math.inf, 1, "∞"),
        (-math.inf, 1, f"{M}∞"),
    ],
)
def test_number(value, decimals, expected):
    assert number(value, decimals) == expected


@pytest.mark.parametrize("value", [None, math.nan, np.nan, pd.NA, float("nan")])
def test_a_missing_value_reads_the_dash(value):
    assert number(value) == MISSING == "—"
    assert number(value, missing="") == ""
    assert significant(value) == MISSING
    assert spreadsheet_number(value, 2) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1.25, "+1,2"), (-1.25, f"{M}1,2"), (0.0, "0,0"), (-0.01, "0,0"), (1500, f"+1{N}500,0")],
)
def test_a_signed_figure(value, expected):
    assert number(value, sign=True) == expected


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (1.5, 6, "1,5"),
        (5.0, 6, "5"),
        (0.0412, 6, "0,0412"),
        (12345.0, 6, f"12{N}345"),
        (-3.14159, 4, f"{M}3,142"),
    ],
)
def test_significant(value, digits, expected):
    assert significant(value, digits) == expected


@pytest.mark.parametrize(("value", "expected"), [(-1234.5, "-1234,50"), (0.125, "0,12"), (7, "7,00")])
def test_a_spreadsheet_cell_keeps_the_hyphen_and_no_grouping(value, expected):
    assert spreadsheet_number(value, 2) == expected


# Formatting a number by hand: a decimal point turned into a comma, grouping turned into a space, or the
# hyphen turned into a minus sign. Parsing (``replace(",", ".")``) goes the other way and is not matched.
HAND_MADE = re.compile(
    r"""replace\(\s*["']\.["']\s*,\s*["'],["']\s*\)"""  # .replace(".", ",")
    r"""|replace\(\s*["'],["']\s*,\s*["'](?: |\\u202f|\\xa0|\u202f|\xa0)["']\s*\)"""  # .replace(",", " ")
    r"""|replace\(\s*["']-["']\s*,\s*["'](?:−|\\u2212)["']\s*\)"""  # .replace("-", "−")
    r"""|\|\s*floatformat|\|\s*intcomma"""
)


def test_the_scan_catches_hand_made_formatting():
    for line in (
        'f"{x:.1f}".replace(".", ",")',
        "f'{x:,}'.replace(',', '\\u202f')",
        'text.replace(",", " ")',
        'text.replace("-", "−")',
        "{{ x|floatformat:1 }}",
    ):
        assert HAND_MADE.search(line), line
    assert not HAND_MADE.search('float(text.replace(",", "."))')


def test_no_module_formats_numbers_by_hand():
    offenders = [
        f"{path.relative_to(SRC)}:{number_}: {line.strip()}"
        for path in sorted([*SRC.rglob("*.py"), *SRC.rglob("*.html")])
        if path.name != "numbers.py"
        for number_, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HAND_MADE.search(line)
    ]
    assert offenders == [], "use observatoire.numbers (number, significant, spreadsheet_number)"


FLOAT = "eEfFgG%"


def _float_specs(node: ast.AST) -> list[str]:
    """The float format specs (``.1f``, ``.3g``, ``.0%``) of the f-strings inside ``node``."""
    found = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.FormattedValue) and isinstance(sub.format_spec, ast.JoinedStr):
            spec = "".join(
                str(part.value) for part in sub.format_spec.values if isinstance(part, ast.Constant)
            )
            if re.search(r"[eEfFgG%]$", spec):
                found.append(spec)
    return found


def test_messages_receive_numbers_already_written_in_french():
    """``{seconds:.1f}`` in a message, or ``t(..., share=f"{x:.0%}")``, writes an English decimal point."""
    fields = {key: list(string.Formatter().parse(text)) for key, text in MESSAGES.items()}
    assert [
        key for key, parsed in fields.items() for _, _, spec, _ in parsed if spec and spec[-1] in FLOAT
    ] == []
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t":
                offenders += [
                    f"{path.relative_to(SRC)}:{node.lineno}" for kw in node.keywords if _float_specs(kw)
                ]
    assert offenders == []


def test_the_message_scan_catches_a_float_spec():
    call = ast.parse('t("x", share=f"{a:.0%}", n=f"{b:,}", name=f"{c}")').body[0]
    assert _float_specs(call) == [".0%"]


def test_the_charts_script_formats_numbers_the_same_way():
    """The browser's Vega tooltips and axes format with charts.js's locale: the same three symbols."""
    script = (SRC / "web" / "static" / "js" / "charts.js").read_text(encoding="utf-8")
    locale = dict(re.findall(r'^\s*(decimal|thousands|minus): "([^"]*)"', script, re.MULTILINE))
    symbols = {name: value.encode("ascii").decode("unicode_escape") for name, value in locale.items()}
    assert symbols == {"decimal": DECIMAL, "thousands": THOUSANDS, "minus": MINUS}
