"""Typed error hierarchy shared by every layer.

Every error a user can cause carries a French, one-line message (built from :mod:`observatoire.messages`)
that says what is wrong and where; the CLI prints it and exits with :attr:`ObservatoireError.exit_code`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass


class ObservatoireError(Exception):
    """Base of all errors a user can cause or fix (bad input, unknown code...)."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFoundError(ObservatoireError, LookupError):
    """A code, label or territory that does not exist; the message names the closest candidates."""


@dataclass(frozen=True)
class Location:
    """Where in an input file a problem is: file, 1-based row (as a spreadsheet shows it) and column."""

    file: str | None = None
    row: int | None = None
    column: str | None = None

    def describe(self) -> str:
        from observatoire.messages import location_text

        return location_text(self.file, self.row, self.column)


class InputError(ObservatoireError, ValueError):
    """An input file or value is not what was expected; carries where (file, row, column)."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.location = location or Location()
        where = self.location.describe()
        super().__init__(f"{where} : {message}" if where else message)


class DesignError(ObservatoireError, ValueError):
    """A survey design cannot support the requested estimate (lonely PSU, empty domain, bad weights...)."""


class ConvergenceError(ObservatoireError, ArithmeticError):
    """An iterative procedure (raking, calibration) did not converge within its limits."""


class StoreError(ObservatoireError):
    """The results store cannot do what was asked (no published build, schema mismatch...)."""


def toml_position(error: tomllib.TOMLDecodeError) -> tuple[int | None, str]:
    """The line and column of a TOML syntax error, for a French message: tomllib's reason is English (and
    Python 3.11 gives the position only in that text), so only its position is kept."""
    where = re.search(r"at line (\d+), column (\d+)", str(error))
    return (int(where.group(1)), where.group(2)) if where else (None, "?")
