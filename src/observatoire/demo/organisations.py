"""What the waves of organisations share: a stratified sample across régions, design weights, profiles.

Companies, associations, mayors and foundations are sampled by stratum (size class, macro-region ×
employer, commune size band...) with a fixed sample share per stratum, spread over régions by population,
PACA + Corse optionally boosted (``paca_boost`` multiplies their share within each stratum). The design
weight of a respondent is the population of its stratum × région cell over the cell's sample size.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from observatoire.demo import calibrate as cal
from observatoire.demo import sampling as s
from observatoire.demo.geography import Geography
from observatoire.demo.targets import lookup
from observatoire.demo.wave import WaveBuilder
from observatoire.reference import vocabulary

PACA = "PACA"


@dataclass(frozen=True)
class Stratum:
    """A stratum: its population count, its share of the sample, and the régions it covers."""

    code: str
    population: float
    sample_share: float
    regions: Sequence[int] | None = None  # indexes into the geography; None: every région


@dataclass
class Sample:
    stratum: np.ndarray
    region: np.ndarray
    survey_region: np.ndarray
    macro_region: np.ndarray
    weights: np.ndarray

    @property
    def in_paca(self) -> np.ndarray:
        return self.survey_region == PACA


def draw(
    rng: np.random.Generator, geo: Geography, n: int, strata: Sequence[Stratum], paca_boost: float = 1.0
) -> Sample:
    counts = s.allocate(n, [st.sample_share for st in strata])
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    everywhere = list(range(len(geo.regions)))
    for st, count in zip(strata, counts, strict=True):
        members = list(st.regions) if st.regions is not None else everywhere
        population = geo.population[members]
        boost = np.array([paca_boost if geo.survey_region[i] == PACA else 1.0 for i in members])
        cell_counts = s.allocate(int(count), population * boost)
        cell_population = st.population * population / population.sum()
        sampled = cell_counts > 0
        # Cells without respondents (a small région in a small stratum) are carried by the others.
        cell_population[sampled] *= st.population / cell_population[sampled].sum()
        cell_weight = np.divide(
            cell_population, cell_counts, out=np.zeros_like(cell_population), where=sampled
        )
        index = np.repeat(np.asarray(members), cell_counts)
        parts.append((np.full(index.size, st.code, dtype=object), index, np.repeat(cell_weight, cell_counts)))
    stratum = np.concatenate([p[0] for p in parts])
    region_index = np.concatenate([p[1] for p in parts])
    weights = np.concatenate([p[2] for p in parts])
    order = rng.permutation(n)
    stratum, region_index, weights = stratum[order], region_index[order], weights[order]
    return Sample(
        stratum=stratum,
        region=np.asarray(geo.regions, dtype=object)[region_index],
        survey_region=np.asarray(geo.survey_region, dtype=object)[region_index],
        macro_region=np.asarray(geo.macro_region, dtype=object)[region_index],
        weights=weights,
    )


def add_territories(wave: WaveBuilder, sample: Sample, macro: bool = False) -> None:
    wave.territory("region", "region", sample.region, "Région du siège")
    wave.territory(
        "survey_region", "survey_region", sample.survey_region, "Région d'enquête (PACA et Corse ensemble)"
    )
    if macro:
        wave.territory("macro_region", "macro_region", sample.macro_region, "Macro-région")


def dist(values: Sequence[float]) -> dict[int, float]:
    """Answer codes 1, 2, ... with probabilities proportional to ``values``."""
    total = float(sum(values))
    return {code: value / total for code, value in enumerate(values, start=1)}


def categorical_aimed(
    rng: np.random.Generator,
    values: dict[str, np.ndarray],
    aims: list[cal.Aim],
    variable: str,
    cells: Sequence[tuple[np.ndarray, Mapping[int, float]]],
    asked: np.ndarray | None = None,
) -> None:
    """Draw ``variable`` with each cell's distribution and aim at it exactly (``asked``: skip logic)."""
    n = cells[0][0].shape[0]
    out = np.full(n, np.nan, dtype=np.float32)
    for mask, shares in cells:
        cell = mask if asked is None else mask & asked
        out[cell] = s.choose(rng, int(cell.sum()), shares)
        aims.append(cal.Aim(variable, cell, shares=shares))
    values[variable] = out


def fragility_ratings(
    rng: np.random.Generator,
    wave: WaveBuilder,
    values: dict[str, np.ndarray],
    means: Mapping[str, float],
    paca_shift: Mapping[str, float],
    in_paca: np.ndarray,
    label: str,
) -> None:
    """Q1-style 1-10 ratings of the 16 domains (not calibrated: no published figure)."""
    person = (0.8 * rng.standard_normal(wave.n)).astype(np.float32)
    labels = {d.code: d.label for d in vocabulary.domains()}
    for domain in vocabulary.domain_codes():
        mean = np.where(in_paca, means[domain] + paca_shift.get(domain, 0.0), means[domain]).astype(
            np.float32
        )
        values[f"q1_{domain}"] = s.ratings(rng, mean, person)
        s.dont_know(rng, values[f"q1_{domain}"])
        wave.rating("Q1", domain, values[f"q1_{domain}"], f"{label} : {labels[domain]}", domain=domain)


def cooperation(
    rng: np.random.Generator,
    values: dict[str, np.ndarray],
    aims: list[cal.Aim],
    in_paca: np.ndarray,
    national: Mapping[str, float],
    published_study: str | None,
) -> None:
    """« Domaines prioritaires de coopération » (cited or not): a national profile; in PACA, the shares
    that give the published ranks of ``published_study`` (``None``: the national profile there too)."""
    domains = vocabulary.domain_codes()
    paca = dict(national)
    if published_study is not None:
        targets = lookup()
        ranks = {d: int(targets[(published_study, f"coop_{d}", "1", PACA, "ensemble")]) for d in domains}
        paca = cooperation_shares(ranks)
    for d in domains:
        cells = [(~in_paca, {1: national[d], 2: 1 - national[d]}), (in_paca, {1: paca[d], 2: 1 - paca[d]})]
        categorical_aimed(rng, values, aims, f"coop_{d}", cells)


def declare_cooperation(wave: WaveBuilder, values: dict[str, np.ndarray]) -> None:
    labels = {d.code: d.label for d in vocabulary.domains()}
    for d in vocabulary.domain_codes():
        wave.categorical(
            f"coop_{d}",
            "COOP",
            d,
            values[f"coop_{d}"],
            CITED,
            f"Domaine prioritaire de coopération : {labels[d]}",
            domain=d,
        )


def cooperation_shares(paca_ranks: Mapping[str, int]) -> dict[str, float]:
    """Share citing each domain as a cooperation priority, from its rank: 50% for the first, -2.5 points a
    rank, so that ranks read back from the shares are the ranks given."""
    return {domain: 0.50 - 0.025 * (rank - 1) for domain, rank in paca_ranks.items()}


YES_NO = {1: "Oui", 2: "Non"}
CITED = {1: "Cité", 2: "Non cité"}
NECESSITY = {
    1: "Indispensable",
    2: "Nécessaire",
    3: "Ni nécessaire ni pas nécessaire",
    4: "Pas nécessaire",
    5: "Pas nécessaire du tout",
}
CATEGORIES = {
    "mecenat": "Mécénat",
    "pratiques_responsables": "Pratiques responsables",
    "cooperation_economique": "Coopération économique",
    "innovation_societale": "Innovation sociétale",
}
