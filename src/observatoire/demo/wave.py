"""A synthetic wave being built: its columns, its codebook, and what the build should estimate from it.

A population module (citizens, companies...) adds columns through :class:`WaveBuilder`, which declares
each one in the codebook as it goes, so that the file, the codebook and the manifest cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from observatoire.surveys import Codebook, Kind, Variable

#: Answer code written for « ne sait pas » in rating columns (declared as a missing code).
DONT_KNOW = 99
DONT_KNOW_LABEL = "Ne sait pas"


@dataclass
class WaveBuilder:
    """Columns and codebook of one wave (``fmt``: ``sav`` or ``csv``, the file it will be written as)."""

    study: str
    wave: int
    population: str
    n: int
    fmt: str
    label: str
    columns: dict[str, np.ndarray] = field(default_factory=dict)
    variables: list[Variable] = field(default_factory=list)
    questions: dict[str, list[str]] = field(default_factory=dict)
    ratings: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    weight: str = "poids"
    strata: str | None = "strate"

    def _add(self, variable: Variable, values: np.ndarray) -> np.ndarray:
        if len(values) != self.n:  # pragma: no cover - a bug in a population module
            raise ValueError(f"{variable.name}: {len(values)} values for {self.n} rows")
        self.columns[variable.name] = values
        self.variables.append(variable)
        if variable.question:
            self.questions.setdefault(variable.question, []).append(variable.name)
        return values

    def identifier(self, prefix: str) -> None:
        width = len(str(self.n))
        ids = np.char.add(prefix, np.char.zfill(np.arange(1, self.n + 1).astype(str), width))
        self._add(Variable("id", Kind.ID, "Identifiant du répondant"), ids.astype(object))

    def design(self, weights: np.ndarray, strata: np.ndarray | None) -> None:
        self._add(Variable("poids", Kind.WEIGHT, "Poids de redressement"), weights)
        if strata is not None:
            self._add(Variable("strate", Kind.STRATA, "Strate de tirage"), strata)
        else:
            self.strata = None

    def territory(self, name: str, level: str, values: np.ndarray, label: str) -> None:
        self._add(Variable(name, Kind.REGION, label, level=level), values)
        self.groups.append(name)

    def group(self, name: str, values: np.ndarray, labels: Mapping[str, str], label: str) -> None:
        self._add(Variable(name, Kind.GROUP, label, value_labels=tuple(labels.items())), values)
        self.groups.append(name)

    def rating(
        self, question: str, item: str, values: np.ndarray, label: str, domain: str | None = None
    ) -> None:
        variable = Variable(
            f"{question.lower()}_{item}",
            Kind.RATING,
            label,
            question=question,
            item=item,
            domain=domain,
            minimum=1,
            maximum=10,
            value_labels=((1, "Pas du tout une fragilité"), (10, "Fragilité très importante")),
            missing_codes=((DONT_KNOW, DONT_KNOW_LABEL),),
        )
        self._add(variable, values)
        self.ratings.append(variable.name)

    def categorical(
        self,
        name: str,
        question: str,
        item: str | None,
        values: np.ndarray,
        labels: Mapping[int, str],
        label: str,
        domain: str | None = None,
    ) -> None:
        variable = Variable(
            name,
            Kind.CATEGORICAL,
            label,
            question=question,
            item=item,
            domain=domain,
            value_labels=tuple(labels.items()),
        )
        self._add(variable, values)

    def codebook(self) -> Codebook:
        return Codebook(tuple(self.variables))

    def frame(self) -> pd.DataFrame:
        """The file's table: ratings' blanks written as the « ne sait pas » code, other blanks empty."""
        data = {}
        for name, values in self.columns.items():
            if name in self.ratings:
                data[name] = np.where(np.isnan(values), DONT_KNOW, values).astype(np.int16)
            else:
                data[name] = values
        return pd.DataFrame(data)
