"""A French text summary of the published build, nation and one survey region, for the terminal.

``observatoire demo`` prints it after the build while the web dashboard does not exist yet. It only reads
the results store (figures as the build stored them: mean ± 95 % margin, flag against the rest of France,
« base insuffisante » for a suppressed figure) and names the data synthetic when the build is.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from observatoire.diagnosis.codes import NATION_CODE, OVERALL, PERCEIVED
from observatoire.diagnosis.store import ResultsStore
from observatoire.errors import NotFoundError
from observatoire.messages import t
from observatoire.numbers import number
from observatoire.reference import territories, vocabulary

TOP_DOMAINS = 5


@dataclass(frozen=True)
class _Share:
    """One headline share: a population's question, and the item whose estimate is read."""

    key: str  # message key of its French wording
    population: str
    question: str
    item: str | None
    statistic: str


#: The headline shares, after the perceived fragilities (the PACA synthesis of « Un outil collectif de
#: données » reads them first).
SHARES = (
    _Share("build.summary.alliance", "citoyens", "Q8", None, "top_box"),
    _Share("build.summary.companies", "entreprises", "PARTENARIAT", "1", "share"),
    _Share("build.summary.associations", "associations", "PARTENARIAT_ENTREPRISES", "1", "share"),
)


_FLAG_KEYS = {"+": "build.summary.flag+", "-": "build.summary.flag-"}


def _figure(row: pd.Series, decimals: int, unit: str = "") -> str:
    """« 6,4 ± 0,1 », « 81 % ± 2 », « base insuffisante », with « (+) »/« (-) » when flagged."""
    if bool(row["suppressed"]) or pd.isna(row["estimate"]):
        return t("build.summary.suppressed")
    text = number(row["estimate"], decimals) + unit
    if pd.notna(row["ci_high"]) and pd.notna(row["ci_low"]):
        margin = (row["ci_high"] - row["ci_low"]) / 2
        text += " ± " + number(margin, decimals + 1 if margin < 1 else decimals)
    flag = row["flag"] if isinstance(row["flag"], str) else ""
    if flag:
        text += " " + t(_FLAG_KEYS[flag])
    return text


def _latest(figures: pd.DataFrame, population: str) -> pd.DataFrame:
    found = figures[figures["population"] == population]
    if found.empty:
        return found
    wave = found["wave"].max()
    return found[found["wave"] == wave]


def _domain_label(code: str) -> str:
    try:
        return vocabulary.domain(code).short_label
    except NotFoundError:
        return code


def _region_name(code: str) -> str:
    try:
        return territories.territory(code, "survey_region").name
    except NotFoundError:
        return code


def _perceived(figures: pd.DataFrame, territory: str, level: str) -> list[str]:
    wave = _latest(figures, "citoyens")
    means = wave[(wave["question"] == PERCEIVED) & (wave["statistic"] == "mean") & (wave["group"] == OVERALL)]
    means = means[(means["territory"] == territory) & (means["territory_level"] == level)]
    means = means.sort_values("estimate", ascending=False, na_position="last").head(TOP_DOMAINS)
    return [f"{_domain_label(row['item'])} {_figure(row, 1)}" for _, row in means.iterrows()]


def _share(figures: pd.DataFrame, share: _Share, territory: str, level: str) -> tuple[str, str] | None:
    wave = _latest(figures, share.population)
    found = wave[(wave["question"] == share.question) & (wave["statistic"] == share.statistic)]
    found = found[(found["territory"] == territory) & (found["territory_level"] == level)]
    found = found[(found["group"] == OVERALL)]
    found = found[found["item"].isna()] if share.item is None else found[found["item"] == share.item]
    if found.empty:
        return None
    row = found.iloc[0]
    return f"{row['study']} {row['wave']}", _figure(row, 0, " %")


def summary_lines(store: ResultsStore, region: str = "PACA") -> list[str]:
    """The summary of the published build: citizens' top perceived fragilities for France and ``region``
    (a survey region code), then the headline shares, each figure with its margin and flag."""
    build = store.current_build()
    if build is None:
        return [t("store.nothing_published")]
    figures = store.query(territory=[NATION_CODE, region], group=OVERALL)
    lines = []
    if build.synthetic:
        lines.append(t("synthetic.label"))
    lines.append(t("build.summary.title", id=build.id, label=build.label, source=build.source))
    places = (
        (t("build.summary.france"), NATION_CODE, "nation"),
        (_region_name(region), region, "survey_region"),
    )
    citizens = _latest(figures, "citoyens")
    if not citizens.empty:
        first = citizens.iloc[0]
        lines.append(t("build.summary.perceived", study=first["study"], wave=first["wave"]))
        for name, code, level in places:
            found = _perceived(figures, code, level)
            if found:
                lines.append(f"  {name} : " + " ; ".join(found))
    for share in SHARES:
        found = [(name, _share(figures, share, code, level)) for name, code, level in places]
        found = [(name, value) for name, value in found if value is not None]
        if found:
            lines.append(t(share.key, study=found[0][1][0]))
            lines.append("  " + " ; ".join(f"{name} : {value[1]}" for name, value in found))
    lines.append(t("build.summary.legend"))
    return lines
