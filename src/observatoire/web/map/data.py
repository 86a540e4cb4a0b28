"""What the map shows for a (domain, lens, wave, level) choice, read from the results store only.

Lenses: ``objectif`` (objective fragility index, régions or départements), ``citoyens``, ``entreprises``,
``associations``, ``maires`` (perceived fragility, mean rating 1-10 of question Q1, régions), ``ecart``
(perceived by citizens − objective index, the diagnosis' ``gap``). A perceived figure published only by
survey region is drawn on each of the survey region's régions (PACA: Provence-Alpes-Côte d'Azur and Corse),
and a note says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any

import pandas as pd
from django.utils.html import json_script
from django.utils.safestring import SafeString

from observatoire.diagnosis.codes import GAP_QUESTION, INDEX_QUESTION, OVERALL
from observatoire.diagnosis.codes import PERCEIVED as PERCEIVED_QUESTION
from observatoire.diagnosis.store import ResultsStore
from observatoire.messages import t
from observatoire.numbers import number
from observatoire.reference import territories, vocabulary
from observatoire.reference.boundaries import boundaries
from observatoire.reports.charts import Chart
from observatoire.reports.maps import choropleth, gap_classes, quantile_classes, territories_layer

LENSES = ("objectif", "citoyens", "entreprises", "associations", "maires", "ecart")
PERCEIVED = ("citoyens", "entreprises", "associations", "maires")
LEVELS = ("region", "departement")
GAP_POPULATION = "citoyens"
SPEC_ID = "carte-spec"


class BadChoiceError(ValueError):
    """An unknown domain, lens, level or wave in the query string (the view answers a French 404)."""


@dataclass(frozen=True)
class Selection:
    domain: str
    lens: str
    level: str
    wave: int | None = None

    @classmethod
    def from_query(cls, query: Any) -> Selection:
        """The choice in a query string; defaults: emploi, objectif, région, the latest wave."""
        domain = query.get("domaine") or "emploi"
        lens = query.get("lens") or "objectif"
        level = query.get("niveau") or "region"
        _check("domaine", domain, vocabulary.domain_codes())
        _check("lens", lens, LENSES)
        _check("niveau", level, LEVELS)
        wave_text = query.get("vague") or ""
        if wave_text and not (wave_text.isdigit() and len(wave_text) == 4):
            raise BadChoiceError(t("map.bad_parameter", name="vague", value=wave_text, choices="une année"))
        return cls(domain, lens, level, int(wave_text) if wave_text else None)


def _check(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise BadChoiceError(t("map.bad_parameter", name=name, value=value, choices=", ".join(choices)))


@dataclass
class MapData:
    """The map of one selection: its rows (one per territory), the chart, the waves one may pick.

    Kept across requests (see :func:`map_data`): read it, never change it."""

    selection: Selection
    wave: int | None
    waves: list[int]
    rows: pd.DataFrame
    chart: Chart
    legend: list[dict[str, str]]
    notes: list[str] = field(default_factory=list)
    source: str = ""

    @cached_property
    def spec_script(self) -> SafeString:
        """The chart's ``<script type="application/json" id="carte-spec">``, serialised once per map."""
        return json_script(self.chart.spec, SPEC_ID)

    @property
    def legend_title(self) -> str:
        """What the colours tell (the legend's and the figures' column heading)."""
        return str(territories_layer(self.chart.spec)["encoding"]["color"]["title"])

    @cached_property
    def table(self) -> list[dict[str, Any]]:
        """The table's rows as plain values (the base ``n`` empty where no sample is behind the figure)."""
        rows = self.rows.astype(object).where(self.rows.notna(), None).to_dict("records")
        for row in rows:
            row["n"] = "" if row["n"] is None else int(row["n"])
        return rows

    @property
    def empty(self) -> bool:
        return bool(self.rows["value"].isna().all() and not self.rows["suppressed"].any())

    @cached_property
    def payload(self) -> dict[str, Any]:
        """The map's figures for ``/carte/donnees.json`` (no geometry: that is ``boundaries``)."""
        records = [
            {
                "code": row["code"],
                "name": row["name"],
                "value": None if pd.isna(row["value"]) else round(float(row["value"]), 4),
                "suppressed": bool(row["suppressed"]),
                "n": None if pd.isna(row["n"]) else int(row["n"]),
                "class": row["class"],
                "href": row["href"],
            }
            for row in self.rows.to_dict("records")
        ]
        s = self.selection
        return {
            "domain": s.domain,
            "lens": s.lens,
            "level": s.level,
            "wave": self.wave,
            "waves": self.waves,
            "source": self.source,
            "legend_title": self.legend_title,
            "legend": self.legend,
            "notes": self.notes,
            "territories": records,
        }


@cache
def _outlines(level: str, overseas_drawn: frozenset[str]) -> dict[str, Any]:
    """The outlines of ``level``: metropolitan France and the overseas territories in ``overseas_drawn``
    (those in the table: an overseas territory without a figure is neither drawn nor listed). Parsed once
    per process and choice; never modified (:func:`choropleth` draws the overseas ones in insets)."""
    overseas = {found.code for found in territories.territories(level) if found.overseas}
    collection = boundaries(level)
    collection["features"] = [
        f
        for f in collection["features"]
        if f["properties"]["code"] not in overseas or f["properties"]["code"] in overseas_drawn
    ]
    return collection


def _query(store: ResultsStore, selection: Selection, level: str, build_id: int | None) -> pd.DataFrame:
    common = {"item": selection.domain, "group": OVERALL, "build_id": build_id}
    if selection.lens == "objectif":
        return store.query(question=INDEX_QUESTION, statistic="index", territory_level=level, **common)
    if selection.lens == "ecart":
        return store.query(
            population=GAP_POPULATION,
            question=GAP_QUESTION,
            statistic="gap",
            territory_level=level,
            **common,
        )
    return store.query(
        population=selection.lens,
        question=PERCEIVED_QUESTION,
        statistic="mean",
        territory_level=[level, "survey_region"],
        **common,
    )


def rated_populations(store: ResultsStore) -> frozenset[str]:
    """The actors who rated the domains' fragility (question Q1) in the published build: a perceived lens
    is offered only for them (the mayors' survey, for one, does not ask it)."""
    build = store.current_build()
    return _rated_in_build(store, build.id) if build is not None else frozenset()


@lru_cache(maxsize=4)
def _rated_in_build(store: ResultsStore, build_id: int) -> frozenset[str]:
    found = store.distinct("population", build_id=build_id, question="Q1", statistic="mean")
    return frozenset(str(p) for p in found)


def offered_lenses(store: ResultsStore) -> tuple[list[str], list[str]]:
    """The lenses with figures to draw, and the perceived ones left out for want of ratings."""
    rated = rated_populations(store)
    unrated = [lens for lens in PERCEIVED if lens not in rated]
    missing = set(unrated) | ({"ecart"} if GAP_POPULATION not in rated else set())
    return [lens for lens in LENSES if lens not in missing], unrated


def unrated_note(populations: list[str]) -> str:
    """« Les maires n'ont pas noté … » for the actors surveyed without rating the domains ('' if none)."""
    if not populations:
        return ""
    names = [vocabulary.population(code).label.lower() for code in populations]
    listing = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]
    return t("map.note.unrated", actors=listing)


#: Maps kept per process: a published build never changes, so a map is made once per build and choice.
CACHED_MAPS = 128


def map_data(store: ResultsStore, selection: Selection) -> MapData:
    """The map of ``selection`` in the published build (made once per build and choice; read-only)."""
    build = store.current_build()
    if build is None:
        return _make_map(store, None, "", selection)  # the store says there is nothing to read
    return _map_of_build(store, build.id, build.source, selection)


@lru_cache(maxsize=CACHED_MAPS)
def _map_of_build(store: ResultsStore, build_id: int, source: str, selection: Selection) -> MapData:
    return _make_map(store, build_id, source, selection)


def _make_map(store: ResultsStore, build_id: int | None, source: str, selection: Selection) -> MapData:
    """Read the figures of ``selection`` in build ``build_id`` (the published one if None); its map."""
    notes: list[str] = []
    level = selection.level
    if level == "departement" and selection.lens != "objectif":
        level = "region"
        notes.append(t("map.note.departement_objective_only"))
    found = _query(store, selection, level, build_id)
    waves = sorted({int(w) for w in found["wave"].dropna()})
    wave = selection.wave if selection.wave in waves else (waves[-1] if waves else None)
    found = found[found["wave"] == wave] if wave is not None else found.iloc[0:0]

    places = territories.territories(level)
    rows = pd.DataFrame(
        {
            "code": [p.code for p in places],
            "name": [p.name for p in places],
            "overseas": [p.overseas for p in places],
        }
    )
    figures = found[found["territory_level"] == level]
    if figures.empty and not found.empty:
        figures = _spread_survey_regions(found[found["territory_level"] == "survey_region"])
        if not figures.empty:
            notes.append(t("map.note.survey_region"))
    figures = figures[["territory", "estimate", "suppressed", "n"]].rename(
        columns={"territory": "code", "estimate": "value"}
    )
    rows = rows.merge(figures, on="code", how="left")
    rows["suppressed"] = rows["suppressed"].fillna(False).astype(bool)
    rows = rows[~rows["overseas"] | rows["value"].notna() | rows["suppressed"]].reset_index(drop=True)
    rows["href"] = [f"/territoire/{level}/{code}/" for code in rows["code"]]
    decimals = 2 if selection.lens == "ecart" else 1
    rows["display"] = [
        t("map.class.suppressed")
        if hidden
        else (t("map.class.missing") if pd.isna(v) else number(v, decimals))
        for v, hidden in zip(rows["value"], rows["suppressed"], strict=True)
    ]
    if rows["overseas"].any():
        notes.append(t("map.note.overseas"))

    if selection.lens == "ecart":
        classes = gap_classes()
        legend_title = t("map.legend.gap")
        notes.append(t("map.note.gap"))
    else:
        classes = quantile_classes(list(rows["value"].dropna()))
        legend_title = t("map.legend.index" if selection.lens == "objectif" else "map.legend.mean")
        notes.append(t("map.note.classes"))
    domain = vocabulary.domain(selection.domain)
    title = t(
        "map.title",
        domain=domain.short_label,
        lens=t(f"map.lens.{selection.lens}"),
        wave=wave if wave is not None else "—",
    )
    chart = choropleth(
        _outlines(level, frozenset(rows.loc[rows["overseas"], "code"])),
        rows,
        title=title,
        legend_title=legend_title,
        level_label=t(f"map.level.{level}"),
        classes=classes,
        legend=False,
    )
    rows["class"] = chart.table[t("map.tooltip.class")].to_numpy()
    # Every value class, and « base insuffisante » / « pas de donnée » when some territory is in them.
    drawn = territories_layer(chart.spec)
    shown = set(rows["class"]) | {f["properties"]["class"] for f in drawn["data"]["values"]}
    special = {t("map.class.suppressed"), t("map.class.missing")}
    legend = [
        {"label": label, "colour": colour, "dashed": label == t("map.class.missing")}
        for label, colour in zip(
            drawn["encoding"]["color"]["scale"]["domain"],
            drawn["encoding"]["color"]["scale"]["range"],
            strict=True,
        )
        if label not in special or label in shown
    ]
    return MapData(
        selection=Selection(selection.domain, selection.lens, level, wave),
        wave=wave,
        waves=waves,
        rows=rows,
        chart=chart,
        legend=legend,
        notes=notes,
        source=source,
    )


def _spread_survey_regions(figures: pd.DataFrame) -> pd.DataFrame:
    """Each survey region's figure copied onto each of its régions (PACA → 93 and 94)."""
    spread = []
    members = {found.code: found.members for found in territories.survey_regions()}
    for _, row in figures.iterrows():
        for region in members.get(row["territory"], ()):
            spread.append({**row.to_dict(), "territory": region, "territory_level": "region"})
    return pd.DataFrame(spread, columns=list(figures.columns))
