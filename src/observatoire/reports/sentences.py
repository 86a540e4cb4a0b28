"""Short French sentences that state only what the stored statistics support.

A difference is « plus élevé » / « plus faible » only when the build flagged it significant (``flag``);
a change between waves is a « hausse » / « baisse » only when its ``*_change`` row is flagged; a
suppressed figure is never quoted. Every function returns ``None`` when there is nothing to say.
"""

from __future__ import annotations

import pandas as pd

from observatoire.errors import NotFoundError
from observatoire.messages import t
from observatoire.numbers import number
from observatoire.reference import vocabulary

GAP_CLASSES = ("fragile_sous_percu", "percu_non_fragile", "fragile_percu")


def name(code: str) -> str:
    """A domain as it reads inside a sentence: « développement économique », « culture et loisirs »."""
    try:
        found = vocabulary.domain(code)
    except NotFoundError:
        return str(code)
    label = found.label if found.short_label.endswith(".") else found.short_label
    return label.replace(", ", " et ").lower()


def ordinal(rank: int) -> str:
    return t("reports.first") if rank == 1 else t("reports.nth", rank=rank)


def listing(items: list[str]) -> str:
    """« a, b et c »."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " " + t("reports.and") + " " + items[-1]


def _published(rows: pd.DataFrame) -> pd.DataFrame:
    return rows[~rows["suppressed"].fillna(False).astype(bool) & rows["estimate"].notna()]


def first_priorities(ranks: pd.DataFrame, actor: str) -> str | None:
    """« Premières priorités des citoyens : emploi, ... » from ``rank`` rows (tier ``premieres``)."""
    ranks = _published(ranks)
    tiers = ranks["extra"].map(lambda extra: (extra or {}).get("tier"))
    first = ranks[tiers == "premieres"].sort_values("estimate")
    if first.empty:
        return None
    domains = [name(code) for code in first["item"]]
    return t("reports.sentence.priorities", actor=actor, domains=listing(domains))


def flagged(means: pd.DataFrame, against: str) -> list[str]:
    """Domains significantly higher / lower than ``against`` (only flagged figures)."""
    means = _published(means)
    sentences = []
    for flag, key in (("+", "reports.sentence.higher"), ("-", "reports.sentence.lower")):
        found = means[means["flag"] == flag].sort_values("estimate", ascending=False)
        if not found.empty:
            domains = [name(code) for code in found["item"]]
            sentences.append(t(key, domains=listing(domains), against=against))
    if not sentences and not means.empty:
        sentences.append(t("reports.sentence.no_difference", against=against))
    return sentences


def changes(rows: pd.DataFrame) -> list[str]:
    """Significant changes since the previous wave, from ``mean_change`` rows."""
    rows = _published(rows)
    if rows.empty:
        return []
    since = rows["extra"].map(lambda extra: (extra or {}).get("from_wave")).dropna()
    wave = int(since.iloc[0]) if not since.empty else None
    sentences = []
    for flag, key in (("+", "reports.sentence.up"), ("-", "reports.sentence.down")):
        found = rows[rows["flag"] == flag]
        if not found.empty:
            domains = [name(code) for code in found["item"]]
            sentences.append(t(key, domains=listing(domains), wave=wave))
    if not sentences:
        sentences.append(t("reports.sentence.stable", wave=wave))
    return sentences


def gaps(rows: pd.DataFrame, actor: str) -> list[str]:
    """The perceived-vs-objective classes worth naming (fragile but under-perceived first)."""
    rows = _published(rows)
    classes = rows["extra"].map(lambda extra: (extra or {}).get("class"))
    sentences = []
    for kind in GAP_CLASSES:
        found = rows[classes == kind]
        if not found.empty:
            domains = [name(code) for code in found["item"]]
            sentences.append(t(f"reports.sentence.gap.{kind}", actor=actor, domains=listing(domains)))
    return sentences


def share(row: pd.Series | None, key: str, against: str, **values: object) -> str | None:
    """One headline share (« 84 % des citoyens... »), with its significance when flagged."""
    if row is None:
        return None
    if bool(row["suppressed"]) or pd.isna(row["estimate"]):
        return t(key, value=t("reports.suppressed"), **values)
    sentence = t(key, value=number(row["estimate"], 0) + " %", **values)
    flag = row["flag"] if isinstance(row["flag"], str) else ""
    if flag == "+":
        sentence += " " + t("reports.sentence.share_higher", against=against)
    elif flag == "-":
        sentence += " " + t("reports.sentence.share_lower", against=against)
    return sentence


def objective_top(index: pd.DataFrame, ranks: pd.DataFrame, peers: int) -> str | None:
    """The most fragile domains by objective index, with their rank and rank interval among ``peers``."""
    if index.empty:
        return None
    merged = index.merge(ranks[["item", "estimate", "ci_low", "ci_high"]], on="item", suffixes=("", "_rank"))
    merged = merged.sort_values("estimate_rank").head(3)
    if merged.empty:
        return None
    parts = [
        t(
            "reports.sentence.objective_item",
            domain=name(row["item"]),
            rank=ordinal(int(row["estimate_rank"])),
            low=int(row["ci_low_rank"]),
            high=int(row["ci_high_rank"]),
            peers=peers,
        )
        for _, row in merged.iterrows()
    ]
    return t("reports.sentence.objective", items=listing(parts))
