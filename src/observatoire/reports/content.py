"""The sections of a territorial report, after the IMPACT-PACA synthesis of « Un outil collectif de données ».

Profile, objective indices (rank and rank interval among the régions), citizens' perception (significance
against the rest of France, change since the previous wave), organisations' perceptions, gap analysis,
« devoir d'alliance », cooperation priorities by actor, partnership practices, methodology. Each section is
sentences, charts (each with its text alternative and data table) and tables: no figure is computed here,
all are read from :class:`~observatoire.reports.data.ReportData`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from observatoire.diagnosis.basis import place_label
from observatoire.diagnosis.codes import GAP_QUESTION, INDEX_QUESTION, INDICATOR_QUESTION, PERCEIVED
from observatoire.errors import NotFoundError
from observatoire.indices.metadata import default_indicator_metadata
from observatoire.messages import t
from observatoire.numbers import MISSING, number
from observatoire.reference import territories, vocabulary
from observatoire.reports import charts, sentences
from observatoire.reports.charts import Chart, domain_label
from observatoire.reports.data import ACTORS, ReportData, latest, select

COOPERATION = {"citoyens": "Q1", "entreprises": "COOP", "associations": "COOP"}
PRACTICES = {"entreprises": "Q11", "associations": "Q13"}


@dataclass
class Section:
    """One part of the report: a title, sentences, charts and plain tables (caption, frame)."""

    key: str
    title: str
    sentences: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)


def _actor(code: str) -> str:
    return vocabulary.population(code).label.lower()


def _against(data: ReportData) -> str:
    return t("reports.against.rest")


def _bases(data: ReportData, parts: list[pd.DataFrame]) -> list[str]:
    """« Chiffres établis sur : … » for the actors of a block (their population and territory)."""
    shown = {str(population) for part in parts for population in part["population"].unique()}
    labels = [data.places[a].label for a in data.places if a in shown and data.places[a].label]
    return [t("reports.sentence.basis", basis=" ; ".join(labels))] if labels else []


def _first(rows: pd.DataFrame) -> pd.Series | None:
    return None if rows.empty else rows.iloc[0]


def profile(data: ReportData) -> Section:
    section = Section("profil", t("reports.section.profile"))
    place = data.territory
    section.sentences.append(
        t(
            "reports.sentence.population",
            name=place.name,
            population=number(place.population, 0),
        )
    )
    rows = []
    for population, where in data.places.items():
        if population not in ACTORS:
            continue
        mine = latest(data.survey, population)
        base = select(mine, "base", "weighted_base")
        study = mine["study"].iloc[0] if not mine.empty else ""
        wave = int(mine["wave"].iloc[0]) if not mine.empty else ""
        n = base["n"].iloc[0] if not base.empty else None
        rows.append(
            {
                t("reports.col.actor"): vocabulary.population(population).label,
                t("reports.col.study"): f"{study} {wave}",
                t("reports.col.place"): where.label
                or f"{where.name} ({territories.level_label(where.level)})",
                t("reports.col.base"): "" if n is None or pd.isna(n) else str(int(n)),
            }
        )
    if rows:
        section.tables.append((t("reports.table.sources"), pd.DataFrame(rows)))
    indicators = key_indicators(data)
    if not indicators.empty:
        section.tables.append((t("reports.table.indicators"), indicators))
    return section


def _indicator_label(code: str) -> str:
    try:
        return default_indicator_metadata()[code].label
    except (KeyError, NotFoundError):  # an indicator of the workspace's own metadata file
        return code.replace("_", " ").capitalize()


def _with_unit(value: Any, unit: str) -> str:
    text = number(value)
    return f"{text} {unit}" if unit and text != MISSING else text


def key_indicators(data: ReportData, domains: int = 3) -> pd.DataFrame:
    """The official indicators of the territory's most fragile domains (by objective index), beside France."""
    rows = data.region
    index = rows[(rows["question"] == INDEX_QUESTION) & (rows["statistic"] == "index")]
    values = rows[(rows["question"] == INDICATOR_QUESTION) & (rows["statistic"] == "value")]
    if index.empty or values.empty:
        return pd.DataFrame()
    year = values["wave"].max()
    index = index[index["wave"] == index["wave"].max()]
    fragile = list(index.sort_values("estimate", ascending=False)["item"].head(domains))
    nation = data.nation[(data.nation["question"] == INDICATOR_QUESTION) & (data.nation["wave"] == year)]
    france = nation[nation["statistic"] == "value"].set_index("item")["estimate"]
    rows = []
    for domain in fragile:
        mine = values[(values["wave"] == year)]
        mine = mine[[(extra or {}).get("domain") == domain for extra in mine["extra"]]]
        for _, row in mine.iterrows():
            unit = (row["extra"] or {}).get("unit", "")
            rows.append(
                {
                    t("reports.col.domain"): domain_label(domain),
                    t("reports.col.indicator"): _indicator_label(row["item"]),
                    t("reports.col.value", year=year): _with_unit(row["estimate"], unit),
                    t("reports.col.france"): _with_unit(france.get(row["item"]), unit),
                    t("reports.col.source"): row["source"],
                }
            )
    frame = pd.DataFrame(rows)
    return frame.drop(columns=t("reports.col.france")) if data.is_nation and not frame.empty else frame


def objective(data: ReportData) -> Section:
    section = Section("objectif", t("reports.section.objective"))
    index = data.region[(data.region["question"] == INDEX_QUESTION)]
    if index.empty:
        section.sentences.append(t("reports.sentence.no_index"))
        return section
    year = index["wave"].max()
    index = index[index["wave"] == year]
    level, code = index["territory_level"].iloc[0], index["territory"].iloc[0]
    if (level, code) != (data.territory.level, data.territory.code):
        place = territories.territory(code, level)
        section.sentences.append(t("reports.sentence.objective_place", place=place_label(level, place.name)))
    values, ranks = index[index["statistic"] == "index"], index[index["statistic"] == "rank"]
    nation = data.nation[(data.nation["question"] == INDEX_QUESTION) & (data.nation["wave"] == year)]
    nation = nation[nation["statistic"] == "index"].set_index("item")["estimate"]
    peers = data.peers
    if not data.is_nation and not ranks.empty:
        section.sentences.append(sentences.objective_top(values, ranks, peers))
    rank_of = ranks.set_index("item")
    table = []
    for _, row in values.sort_values("estimate", ascending=False).iterrows():
        entry = {
            t("reports.col.domain"): domain_label(row["item"]),
            t("reports.col.objective"): number(row["estimate"]),
        }
        if not data.is_nation and row["item"] in rank_of.index:
            found = rank_of.loc[row["item"]]
            entry[t("reports.col.rank", peers=peers)] = str(int(found["estimate"]))
            entry[t("reports.col.rank_interval")] = f"{int(found['ci_low'])}-{int(found['ci_high'])}"
            entry[t("reports.col.nation_index")] = number(nation.get(row["item"]))
        table.append(entry)
    section.tables.append((t("reports.table.objective", year=year), pd.DataFrame(table)))
    return section


def citizens(data: ReportData) -> Section:
    section = Section("citoyens", t("reports.section.citizens"))
    rows = latest(data.survey, "citoyens")
    means = select(rows, PERCEIVED, "mean")
    if means.empty:
        section.sentences.append(t("reports.sentence.no_survey", actor=_actor("citoyens")))
        return section
    study, wave = means["study"].iloc[0], int(means["wave"].iloc[0])
    section.sentences.append(t("reports.sentence.source", study=study, wave=wave))
    if "citoyens" in data.places:
        section.sentences.append(t("reports.sentence.basis", basis=data.places["citoyens"].label))
    priorities = sentences.first_priorities(select(rows, PERCEIVED, "rank"), _actor("citoyens"))
    if priorities:
        section.sentences.append(priorities)
    if not data.is_nation:
        section.sentences.extend(sentences.flagged(means, _against(data)))
    section.sentences.extend(sentences.changes(select(rows, PERCEIVED, "mean_change")))
    index = data.region[(data.region["question"] == INDEX_QUESTION) & (data.region["statistic"] == "index")]
    if not index.empty:
        index = index[index["wave"] == index["wave"].max()]
    section.charts.append(
        charts.domains_chart(
            charts.domain_frame(means, index),
            title=t("reports.chart.citizens", study=study, wave=wave),
            against=_against(data),
        )
    )
    section.charts.append(_trend(data, means))
    return section


def _trend(data: ReportData, means: pd.DataFrame) -> Chart:
    """The citizens' first four domains across the waves, each wave's change flag as stored."""
    top = list(means.sort_values("estimate", ascending=False)["item"].head(4))
    rows = data.survey[(data.survey["population"] == "citoyens") & (data.survey["question"] == PERCEIVED)]
    waves = rows[(rows["statistic"] == "mean") & rows["item"].isin(top)]
    change = rows[(rows["statistic"] == "mean_change") & rows["item"].isin(top)]
    flags = {(r["wave"], r["item"]): r["flag"] for _, r in change.iterrows()}
    frame = waves.assign(
        series=[domain_label(code) for code in waves["item"]],
        flag=[flags.get((w, i)) for w, i in zip(waves["wave"], waves["item"], strict=True)],
    )
    return charts.trend_chart(frame, title=t("reports.chart.trend"))


def organisations(data: ReportData) -> Section:
    section = Section("organisations", t("reports.section.organisations"))
    parts = []
    for actor in ACTORS:
        means = select(latest(data.survey, actor), PERCEIVED, "mean")
        if not means.empty:
            parts.append(means.assign(actor=actor).rename(columns={"item": "domain"}))
            top = means[means["estimate"].notna()].sort_values("estimate", ascending=False).head(3)
            if not top.empty:
                section.sentences.append(
                    t(
                        "reports.sentence.actor_top",
                        actor=_actor(actor),
                        study=means["study"].iloc[0],
                        wave=int(means["wave"].iloc[0]),
                        domains=sentences.listing([sentences.name(c) for c in top["item"]]),
                    )
                )
    if parts:
        section.sentences.extend(_bases(data, parts))
        frame = pd.concat(parts, ignore_index=True)
        section.charts.append(charts.actors_chart(frame, against=_against(data)))
    return section


def gap(data: ReportData) -> Section:
    section = Section("ecarts", t("reports.section.gap"))
    rows = data.region[(data.region["question"] == GAP_QUESTION) & (data.region["statistic"] == "gap")]
    if rows.empty:
        section.sentences.append(t("reports.sentence.no_gap"))
        return section
    table = {}
    for actor in ACTORS:
        mine = rows[rows["population"] == actor]
        if mine.empty:
            continue
        section.sentences.extend(sentences.gaps(mine, _actor(actor)))
        for _, row in mine.iterrows():
            label = domain_label(row["item"])
            cls = (row["extra"] or {}).get("class") if not bool(row["suppressed"]) else None
            text = t(f"reports.gap.{cls}") if cls else t("reports.suppressed")
            table.setdefault(label, {t("reports.col.domain"): label})[vocabulary.population(actor).label] = (
                text
            )
    section.tables.append((t("reports.table.gap"), pd.DataFrame(list(table.values()))))
    return section


def alliance(data: ReportData) -> Section:
    section = Section("alliance", t("reports.section.alliance"))
    against = _against(data)
    citizens_rows = latest(data.survey, "citoyens")
    top = _first(select(citizens_rows, "Q8", "top_box"))
    if top is not None:
        section.sentences.append(
            sentences.share(
                top, "reports.sentence.alliance", against, study=top["study"], wave=int(top["wave"])
            )
        )
        change = _first(select(citizens_rows, "Q8", "top_box_change"))
        if change is not None:
            section.sentences.extend(_share_change(change))
        shares = select(citizens_rows, "Q8", "share")
        frame = shares.assign(
            category=f"{top['study']} {int(top['wave'])}",
            answer=[
                (extra or {}).get("label", item)
                for extra, item in zip(shares["extra"], shares["item"], strict=True)
            ],
        )
        section.charts.append(charts.shares_chart(frame, title=t("reports.chart.alliance"), against=against))
    for actor, question, key in (
        ("entreprises", "PARTENARIAT", "reports.sentence.companies"),
        ("associations", "PARTENARIAT_ENTREPRISES", "reports.sentence.associations"),
    ):
        row = _first(select(latest(data.survey, actor), question, "share", "1"))
        if row is not None:
            section.sentences.append(
                sentences.share(row, key, against, study=row["study"], wave=int(row["wave"]))
            )
    return section


def _share_change(row: pd.Series) -> list[str]:
    if bool(row["suppressed"]) or pd.isna(row["estimate"]):
        return []
    since = (row["extra"] or {}).get("from_wave")
    key = {"+": "reports.sentence.share_up", "-": "reports.sentence.share_down"}.get(
        row["flag"], "reports.sentence.share_stable"
    )
    return [t(key, wave=since, points=number(abs(row["estimate"]), 0))]


def cooperation(data: ReportData) -> Section:
    section = Section("cooperation", t("reports.section.cooperation"))
    table: dict[str, dict[str, str]] = {}
    for actor, question in COOPERATION.items():
        ranks = select(latest(data.survey, actor), question, "rank")
        if ranks.empty:
            continue
        sentence = sentences.first_priorities(ranks, _actor(actor))
        if sentence:
            section.sentences.append(sentence)
        column = (
            f"{vocabulary.population(actor).label} ({ranks['study'].iloc[0]} {int(ranks['wave'].iloc[0])})"
        )
        for _, row in ranks.sort_values("estimate").iterrows():
            label = domain_label(row["item"])
            entry = table.setdefault(label, {t("reports.col.domain"): label})
            if bool(row["suppressed"]) or pd.isna(row["estimate"]):
                entry[column] = t("reports.suppressed")
            else:
                tier = (row["extra"] or {}).get("tier", "")
                entry[column] = (
                    f"{int(row['estimate'])} ({t(f'reports.tier.{tier}')})"
                    if tier
                    else str(int(row["estimate"]))
                )
    if table:
        section.tables.append((t("reports.table.cooperation"), pd.DataFrame(list(table.values()))))
    return section


def practices(data: ReportData) -> Section:
    section = Section("pratiques", t("reports.section.practices"))
    parts = []
    for actor, question in PRACTICES.items():
        rows = select(latest(data.survey, actor), question, "share")
        rows = rows[rows["item"].str.endswith("=1", na=False)]
        if rows.empty:
            continue
        codes = rows["item"].str.removesuffix("=1")
        who = vocabulary.population(actor).label
        parts.append(
            rows.assign(
                category=[vocabulary.partnership_category(code).label for code in codes],
                answer=f"{who} ({rows['study'].iloc[0]} {int(rows['wave'].iloc[0])})",
            )
        )
    if parts:
        section.sentences.extend(_bases(data, parts))
        frame = pd.concat(parts, ignore_index=True)
        section.sentences.append(t("reports.sentence.practices"))
        section.charts.append(
            charts.shares_chart(frame, title=t("reports.chart.practices"), against=_against(data))
        )
    return section


def acting(data: ReportData) -> Section:
    """« Pour agir »: the cases, catalysts and tools the engine chose, each with why (as on the web page)."""
    section = Section("agir", t("reports.section.acting"))
    found = data.acting
    if found is None or not found.matches:
        section.sentences.append(t("reports.acting.none"))
        return section
    if found.priorities.domains:
        section.sentences.append(
            t("reports.acting.priorities", domains=", ".join(found.priority_labels).lower())
        )
    kinds = {
        "pratique": t("reports.acting.case"),
        "catalyseur": t("reports.acting.catalyst"),
        "outil": t("reports.acting.tool"),
    }
    rows = [
        {
            t("reports.acting.col.kind"): kinds[match.record.kind],
            t("reports.acting.col.title"): match.record.title
            + (t("reports.acting.synthetic") if match.record.synthetic else ""),
            t("reports.acting.col.why"): match.reason,
        }
        for match in found.matches
    ]
    section.tables.append((t("reports.acting.table"), pd.DataFrame(rows)))
    return section


def methodology(data: ReportData) -> Section:
    section = Section("methodologie", t("reports.section.methodology"))
    build = data.build
    if data.synthetic:
        section.sentences.append(t("synthetic.label"))
    section.sentences.extend(
        [
            t("reports.method.levels"),
            t("reports.method.tests"),
            t("reports.method.suppression", min_base=build.min_base),
            t("reports.method.index"),
            t(
                "reports.method.build",
                id=build.id,
                label=build.label,
                source=build.source,
                date=(build.finished_at or build.started_at).strftime("%d/%m/%Y %H:%M UTC"),
                version=build.code_version,
            ),
        ]
    )
    return section


def sections(data: ReportData) -> list[Section]:
    """The report's sections in reading order."""
    return [
        profile(data),
        objective(data),
        citizens(data),
        organisations(data),
        gap(data),
        alliance(data),
        cooperation(data),
        practices(data),
        acting(data),
        methodology(data),
    ]
