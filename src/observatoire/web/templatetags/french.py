"""``{% load french %}``: numbers in templates through the project's one formatter
(:mod:`observatoire.numbers`), not Django's ``floatformat``, whose French locale writes a hyphen for the
minus sign."""

from __future__ import annotations

from typing import Any

from django import template

from observatoire.numbers import number as french_number

register = template.Library()


def number(value: Any, decimals: int = 1) -> str:
    """``{{ gap|number:0 }}`` -> ``−2``; a missing value reads the tables' dash."""
    return french_number(value, int(decimals))


register.filter("number", number)
