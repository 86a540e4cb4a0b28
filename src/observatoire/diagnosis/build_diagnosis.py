"""The territorial diagnosis, derived from figures the build already has (no new estimate here).

- **Priority ranks and tiers** (statistic ``rank``, same study/question as the figures ranked, ``item`` =
  domain): for every question whose variables each name a fragility domain (Q1 perceived fragility,
  COOP cooperation priorities, domains of action...), the domains are ranked within each territory and
  group, 1 = first priority: by mean for ratings, by the share of the first answer (code 1: « cité »,
  « oui ») otherwise. ``extra.tier`` is ``premieres`` (first quarter of the ranked domains), ``moyennes``
  or ``faibles`` (last quarter). ``n`` is the smallest base of the ranked figures, so a rank resting on a
  suppressed figure is suppressed too.
- **Perceived vs objective** (question ``perception_objectif``, statistic ``gap``, ``item`` = domain), for
  each population that rates the domains, the nation and every région with an objective index: ``estimate``
  = perceived mean − objective index (both 1-10); ``extra.class`` crosses « objectively fragile » (the
  domain is in the first quarter of the territory's domains by objective index) with « perceived » (tier
  ``premieres``): ``fragile_percu``, ``fragile_sous_percu`` (fragile but under-perceived),
  ``percu_non_fragile`` or ``ni_l_un_ni_l_autre``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from observatoire.diagnosis.build_plan import WavePlan
from observatoire.diagnosis.codes import GAP_QUESTION, INDEX_QUESTION, OVERALL
from observatoire.surveys import Kind

RANK = "rank"
GAP = "gap"
TIERS = ("premieres", "moyennes", "faibles")
CLASSES = {
    (True, True): "fragile_percu",
    (True, False): "fragile_sous_percu",
    (False, True): "percu_non_fragile",
    (False, False): "ni_l_un_ni_l_autre",
}
_CELL = ["study", "wave", "population", "question", "territory_level", "territory", "group"]


def tier(rank: int, count: int) -> str:
    """``premieres`` for the first quarter of ``count`` ranked domains, ``faibles`` for the last quarter."""
    quarter = count / 4
    if rank <= math.ceil(quarter - 1e-9):
        return TIERS[0]
    if rank > count - math.ceil(quarter - 1e-9):
        return TIERS[2]
    return TIERS[1]


def _ranked_figures(rows: pd.DataFrame, plan: WavePlan) -> pd.DataFrame:
    """The figures each domain question is ranked on, with a ``domain`` column."""
    wanted: dict[tuple[str, str | None, str], str] = {}
    for measure in plan.measures:
        if not measure.domain:
            continue
        if measure.kind in (Kind.RATING, Kind.NUMERIC):
            wanted[(measure.question, measure.item, "mean")] = measure.domain
        elif measure.codes:
            wanted[(measure.question, measure.share_item(measure.codes[0]), "share")] = measure.domain
    if not wanted:
        return pd.DataFrame()
    keys = zip(rows["question"], rows["item"], rows["statistic"], strict=True)
    domain = pd.Series([wanted.get(key) for key in keys], index=rows.index, dtype=object)
    found = rows.assign(domain=domain)[domain.notna()]
    sizes = found.groupby(_CELL, dropna=False)["domain"].transform("size")
    return found[sizes > 1]


def domain_ranks(rows: pd.DataFrame, plan: WavePlan) -> pd.DataFrame:
    """Rank and tier of each domain among the domains of its question, per territory and group."""
    figures = _ranked_figures(rows, plan)
    if figures.empty:
        return figures
    figures = figures[figures["estimate"].notna()]
    cells = figures.groupby(_CELL, dropna=False, sort=False)
    rank = cells["estimate"].rank(method="first", ascending=False).astype(int)
    count = cells["estimate"].transform("size").astype(int)
    base = cells["n"].transform("min")
    extras = [
        {"tier": tier(r, c), "of": int(c), "value": float(v), "by": by}
        for r, c, v, by in zip(rank, count, figures["estimate"], figures["statistic"], strict=True)
    ]
    return pd.DataFrame(
        {
            **{column: figures[column].to_numpy() for column in _CELL},
            "item": figures["domain"].to_numpy(),
            "statistic": RANK,
            "estimate": rank.to_numpy(dtype=np.float64),
            "n": base.to_numpy(),
            "source": figures["source"].to_numpy(),
            "extra": extras,
        }
    )


def _objective(index_rows: pd.DataFrame, year: int) -> pd.DataFrame:
    """Objective index per (territory_level, territory, domain) for the latest year up to ``year``."""
    index = index_rows[(index_rows["question"] == INDEX_QUESTION) & (index_rows["statistic"] == "index")]
    index = index[index["territory_level"].isin(["nation", "region"])]
    if index.empty:
        return index
    years = sorted(index["wave"].unique())
    chosen = max((y for y in years if y <= year), default=years[0])
    index = index[index["wave"] == chosen]
    index = index.assign(
        objective_rank=index.groupby(["territory_level", "territory"])["estimate"]
        .rank(method="first", ascending=False)
        .astype(int),
        domains=index.groupby(["territory_level", "territory"])["estimate"].transform("size"),
    )
    return index.rename(columns={"item": "domain", "estimate": "objective", "wave": "objective_year"})[
        ["territory_level", "territory", "domain", "objective", "objective_year", "objective_rank", "domains"]
    ]


def perceived_vs_objective(ranks: pd.DataFrame, index_rows: pd.DataFrame) -> pd.DataFrame:
    """Gap and class per domain between one wave's perceived fragility (its rated domain question with
    the most domains, whole population) and the objective indices of the same territories."""
    if ranks.empty or index_rows.empty:
        return pd.DataFrame()
    by = ranks["extra"].map(lambda extra: extra["by"])
    rated = ranks[(by == "mean") & (ranks["group"] == OVERALL)]
    if rated.empty:
        return pd.DataFrame()
    question = rated.groupby("question")["item"].nunique().idxmax()
    rated = rated[rated["question"] == question]
    objective = _objective(index_rows, int(rated["wave"].iloc[0]))
    merged = rated.merge(
        objective,
        left_on=["territory_level", "territory", "item"],
        right_on=["territory_level", "territory", "domain"],
    )
    if merged.empty:
        return pd.DataFrame()
    extras = []
    perceived_values = []
    for row in merged.itertuples(index=False):
        fragile = tier(int(row.objective_rank), int(row.domains)) == TIERS[0]
        perceived = row.extra["tier"] == TIERS[0]
        perceived_values.append(row.extra["value"])
        extras.append(
            {
                "class": CLASSES[(fragile, perceived)],
                "perceived": float(row.extra["value"]),
                "perceived_rank": int(row.estimate),
                "objective": float(row.objective),
                "objective_rank": int(row.objective_rank),
                "objective_year": int(row.objective_year),
            }
        )
    return pd.DataFrame(
        {
            **{column: merged[column].to_numpy() for column in ("study", "wave", "population")},
            "question": GAP_QUESTION,
            "item": merged["item"].to_numpy(),
            "territory_level": merged["territory_level"].to_numpy(),
            "territory": merged["territory"].to_numpy(),
            "group": OVERALL,
            "statistic": GAP,
            "estimate": np.asarray(perceived_values, dtype=np.float64) - merged["objective"].to_numpy(),
            "n": merged["n"].to_numpy(),
            "source": merged["source"].to_numpy(),
            "extra": extras,
        }
    )
