"""The codebook: what each column of a survey file means and which values it may hold.

A survey file alone is a grid of numbers; the codebook says that column ``q1_3`` is question Q1 rated 1-10
for the domain ``emploi``, that 99 means "ne sait pas", that ``poids`` is the weight. Validation, estimation
and the demo all read it, so it is a frozen, serialisable model (JSON in the workspace).

Codes are normalised by :func:`normalize_code`: a number that is whole becomes an ``int`` (``1.0`` and
``"1"`` are the same code ``1``), other numbers a ``float``, anything else stays text. Territory codes are
always text (``"01"``, ``"2A"``), see :func:`normalize_territory_code`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

Code = int | float | str


class Kind(StrEnum):
    """What a column is; decides how it is validated and how estimation uses it."""

    ID = "id"  # respondent identifier, unique
    RATING = "rating"  # integer scale from min to max (e.g. fragility 1-10)
    CATEGORICAL = "categorical"  # closed answer, values in the value labels
    NUMERIC = "numeric"  # any number, optionally within min/max
    TEXT = "text"  # free text, not validated
    WEIGHT = "weight"  # sampling or calibrated weight, > 0
    STRATA = "strata"  # design: stratum
    PSU = "psu"  # design: primary sampling unit (cluster)
    FPC = "fpc"  # design: finite population correction (population size or sampling fraction)
    REGION = "region"  # territory code at ``level`` (INSEE code or documented grouping code)
    GROUP = "group"  # subgroup for domain estimates (size class, sex, age band...)


NUMERIC_KINDS = frozenset({Kind.RATING, Kind.NUMERIC, Kind.WEIGHT, Kind.FPC})
LABELLED_KINDS = frozenset({Kind.CATEGORICAL, Kind.GROUP, Kind.REGION})
SINGLE_KINDS = frozenset({Kind.ID, Kind.WEIGHT, Kind.STRATA, Kind.PSU, Kind.FPC})


def normalize_code(value: Any) -> Code | None:
    """``1.0``, ``1``, ``" 1 "`` -> ``1``; ``"2,5"`` -> ``2.5``; ``"H"`` -> ``"H"``; missing -> ``None``."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            return text
        if not math.isfinite(number) or text.lower() in {"nan", "inf", "-inf", "infinity"}:
            return text
        value = number
    if isinstance(value, bool):
        return int(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(number):
        return None
    return int(number) if number.is_integer() else number


def normalize_territory_code(value: Any) -> str | None:
    """Territory codes are text: ``84`` -> ``"84"``, ``1.0`` -> ``"01"`` (INSEE pads to two digits)."""
    code = normalize_code(value)
    if code is None:
        return None
    if isinstance(code, int) and 0 <= code < 10:
        return f"{code:02d}"
    if isinstance(code, str) and code.isdigit() and len(code) == 1:
        return f"0{code}"
    return str(code)


@dataclass(frozen=True)
class Variable:
    """One column of a survey file.

    ``value_labels`` and ``missing_codes`` are tuples of ``(code, French label)`` pairs so that the model
    stays immutable and hashable; :attr:`labels` and :attr:`missing` give them as mappings.
    """

    name: str
    kind: Kind
    label: str = ""
    question: str | None = None
    item: str | None = None
    domain: str | None = None  # fragility domain code the variable is about (reference vocabulary)
    minimum: float | None = None
    maximum: float | None = None
    value_labels: tuple[tuple[Code, str], ...] = ()
    missing_codes: tuple[tuple[Code, str], ...] = ()
    level: str | None = None  # territory level for REGION columns: "region", "survey_region", ...

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", Kind(self.kind))
        object.__setattr__(self, "value_labels", tuple(tuple(pair) for pair in self.value_labels))
        object.__setattr__(self, "missing_codes", tuple(tuple(pair) for pair in self.missing_codes))
        if self.kind == Kind.RATING and (self.minimum is None or self.maximum is None):
            raise ValueError(f"rating variable {self.name!r} needs a minimum and a maximum")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(f"variable {self.name!r}: minimum {self.minimum} > maximum {self.maximum}")

    @property
    def labels(self) -> dict[Code, str]:
        return dict(self.value_labels)

    @property
    def missing(self) -> dict[Code, str]:
        return dict(self.missing_codes)

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    def allowed_codes(self) -> frozenset[Code] | None:
        """The codes an answer may take, or ``None`` when any value of the right type is fine."""
        if self.kind == Kind.RATING and self.minimum is not None and self.maximum is not None:
            return frozenset(range(math.ceil(self.minimum), math.floor(self.maximum) + 1))
        if self.kind in (Kind.CATEGORICAL, Kind.GROUP) and self.value_labels:
            return frozenset(code for code, _ in self.value_labels)
        return None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "kind": self.kind.value}
        for key in ("label", "question", "item", "domain", "minimum", "maximum", "level"):
            value = getattr(self, key)
            if value not in (None, ""):
                out[key] = value
        if self.value_labels:
            out["value_labels"] = [[code, label] for code, label in self.value_labels]
        if self.missing_codes:
            out["missing_codes"] = [[code, label] for code, label in self.missing_codes]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Variable:
        return cls(
            name=data["name"],
            kind=Kind(data["kind"]),
            label=data.get("label", ""),
            question=data.get("question"),
            item=data.get("item"),
            domain=data.get("domain"),
            minimum=data.get("minimum"),
            maximum=data.get("maximum"),
            value_labels=_pairs(data.get("value_labels", ())),
            missing_codes=_pairs(data.get("missing_codes", ())),
            level=data.get("level"),
        )


def _pairs(items: Iterable[Iterable[Any]]) -> tuple[tuple[Code, str], ...]:
    """JSON keeps int, float and str apart, so codes come back as they were written."""
    return tuple((code, str(label)) for code, label in items)


@dataclass(frozen=True)
class Codebook:
    """The variables of one survey file, in file order. Names are unique (checked on construction)."""

    variables: tuple[Variable, ...]
    _by_name: dict[str, Variable] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "variables", tuple(self.variables))
        by_name: dict[str, Variable] = {}
        for variable in self.variables:
            if variable.name in by_name:
                raise ValueError(f"variable {variable.name!r} is declared twice")
            by_name[variable.name] = variable
        object.__setattr__(self, "_by_name", by_name)

    def __iter__(self) -> Iterator[Variable]:
        return iter(self.variables)

    def __len__(self) -> int:
        return len(self.variables)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __getitem__(self, name: str) -> Variable:
        return self._by_name[name]

    @property
    def names(self) -> list[str]:
        return [variable.name for variable in self.variables]

    def of_kind(self, *kinds: Kind) -> list[Variable]:
        return [variable for variable in self.variables if variable.kind in kinds]

    def single(self, kind: Kind) -> Variable | None:
        """The one variable of ``kind`` (weight, id, strata...), or ``None``."""
        found = self.of_kind(kind)
        return found[0] if found else None

    def question(self, code: str) -> list[Variable]:
        """The variables of one question (e.g. the 16 domain items of Q1), in file order."""
        return [variable for variable in self.variables if variable.question == code]

    def with_variables(self, variables: Iterable[Variable]) -> Codebook:
        return replace(self, variables=tuple(variables))

    def to_dict(self) -> dict[str, Any]:
        return {"variables": [variable.to_dict() for variable in self.variables]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Codebook:
        return cls(tuple(Variable.from_dict(item) for item in data["variables"]))

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> Codebook:
        return cls.from_dict(json.loads(text))
