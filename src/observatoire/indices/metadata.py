"""Indicator metadata: what each official indicator measures, where it comes from, which way is fragile.

The metadata file is the contract between the people who choose indicators and the pipeline: an indicator
that is not declared here cannot be imported. It is a CSV (``,`` or ``;`` separated, UTF-8) or a TOML file
with one ``[[indicator]]`` table per indicator, with the fields of :class:`Indicator`.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from observatoire.errors import InputError, Location, toml_position
from observatoire.indices.csvfile import read_rows
from observatoire.messages import t

REQUIRED_FIELDS = ("code", "domain", "label", "source", "vintage", "unit", "direction")
OPTIONAL_FIELDS = ("goalpost_low", "goalpost_high", "weight")


@dataclass(frozen=True)
class Indicator:
    """One official indicator.

    ``direction`` is +1 when a higher value means more fragile (unemployment rate), -1 when a higher value
    means less fragile (median income). ``goalpost_low``/``goalpost_high`` fix the min-max bounds (in the
    indicator's unit) when set; otherwise they are computed over all years pooled. ``weight`` is the expert
    weight within the domain (relative; 1 by default).
    """

    code: str
    domain: str
    label: str
    source: str
    vintage: str
    unit: str
    direction: int
    goalpost_low: float | None = None
    goalpost_high: float | None = None
    weight: float = 1.0


class IndicatorMetadata(Mapping[str, Indicator]):
    """Indicators by code, in file order, with helpers to group them by domain."""

    def __init__(self, indicators: Collection[Indicator]) -> None:
        self._by_code = {indicator.code: indicator for indicator in indicators}

    def __getitem__(self, code: str) -> Indicator:
        return self._by_code[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_code)

    def __len__(self) -> int:
        return len(self._by_code)

    def domains(self) -> list[str]:
        """Domains that have at least one indicator, in first-appearance order."""
        return list(dict.fromkeys(indicator.domain for indicator in self._by_code.values()))

    def in_domain(self, domain: str) -> list[Indicator]:
        return [indicator for indicator in self._by_code.values() if indicator.domain == domain]


DEFAULT_METADATA = Path(__file__).with_name("data") / "indicators.toml"


def default_indicator_metadata() -> IndicatorMetadata:
    """The packaged catalogue: three official indicators per domain (definitions, sources, directions).

    Used by the demo and as a starting point; an observatory with other indicators passes its own file.
    """
    return load_indicator_metadata(DEFAULT_METADATA)


def load_indicator_metadata(path: str | Path, domains: Collection[str] | None = None) -> IndicatorMetadata:
    """Read and validate an indicator metadata file (``.csv`` or ``.toml``).

    ``domains`` defaults to the 16 domain codes of :mod:`observatoire.reference.vocabulary`.
    Raises :class:`~observatoire.errors.InputError` naming the file, the line (CSV) or the indicator's
    position (TOML) and the field that is wrong.
    """
    path = Path(path)
    if domains is None:
        from observatoire.reference.vocabulary import domain_codes

        domains = domain_codes()
    if path.suffix.lower() == ".toml":
        records = _toml_records(path)
    else:
        records = list(read_rows(path, REQUIRED_FIELDS, OPTIONAL_FIELDS))
    indicators: list[Indicator] = []
    first_line: dict[str, int] = {}
    for line, record in records:
        indicator = _indicator(record, path.name, line, domains)
        if indicator.code in first_line:
            raise InputError(
                t("indices.duplicate_indicator", code=indicator.code, first=first_line[indicator.code]),
                Location(path.name, line, "code"),
            )
        first_line[indicator.code] = line
        indicators.append(indicator)
    if not indicators:
        raise InputError(t("indices.no_indicator"), Location(path.name))
    return IndicatorMetadata(indicators)


def _toml_records(path: Path) -> list[tuple[int, dict[str, str]]]:
    """TOML tables as string records; the "line" is the table's 1-based position (TOML keeps no lines)."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise InputError(t("indices.not_utf8"), Location(path.name)) from error
    except tomllib.TOMLDecodeError as error:  # its reason is English: keep its line and column only
        line, column = toml_position(error)
        raise InputError(t("indices.bad_toml", column=column), Location(path.name, line)) from error
    tables = document.get("indicator")
    if not isinstance(tables, list):
        raise InputError(t("indices.toml_no_table"), Location(path.name))
    records = []
    for position, table in enumerate(tables, start=1):
        missing = [field for field in REQUIRED_FIELDS if field not in table]
        if missing:
            raise InputError(t("indices.missing_field"), Location(path.name, position, missing[0]))
        records.append((position, {key: "" if value is None else str(value) for key, value in table.items()}))
    return records


def _indicator(record: Mapping[str, str], file: str, line: int, domains: Collection[str]) -> Indicator:
    def text(field: str) -> str:
        value = (record.get(field) or "").strip()
        if not value:
            raise InputError(t("indices.empty_field"), Location(file, line, field))
        return value

    domain = text("domain")
    if domain not in domains:
        raise InputError(
            t("indices.unknown_domain", domain=domain, expected=", ".join(domains)),
            Location(file, line, "domain"),
        )
    direction_text = text("direction")
    if direction_text not in {"1", "+1", "-1"}:
        raise InputError(t("indices.bad_direction", value=direction_text), Location(file, line, "direction"))
    low = _optional_number(record, "goalpost_low", file, line)
    high = _optional_number(record, "goalpost_high", file, line)
    if (low is None) != (high is None) or (low is not None and high is not None and not low < high):
        raise InputError(t("indices.bad_goalposts"), Location(file, line, "goalpost_high"))
    weight = _optional_number(record, "weight", file, line)
    if weight is not None and not weight > 0:
        raise InputError(t("indices.bad_weight", value=weight), Location(file, line, "weight"))
    return Indicator(
        code=text("code"),
        domain=domain,
        label=text("label"),
        source=text("source"),
        vintage=text("vintage"),
        unit=text("unit"),
        direction=int(direction_text),
        goalpost_low=low,
        goalpost_high=high,
        weight=1.0 if weight is None else weight,
    )


def _optional_number(record: Mapping[str, str], field: str, file: str, line: int) -> float | None:
    raw = (record.get(field) or "").strip()
    if not raw:
        return None
    try:
        number = float(raw.replace(",", "."))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise InputError(t("indices.not_a_number", value=raw), Location(file, line, field))
    return number
