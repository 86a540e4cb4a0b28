"""Figures of the home, compare and methodology pages, and the charts of a territory page."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from observatoire.diagnosis import comparison
from observatoire.indices.metadata import default_indicator_metadata
from observatoire.messages import t
from observatoire.numbers import number, significant
from observatoire.reference import territories, vocabulary
from observatoire.reports import charts
from observatoire.web.pages import data
from observatoire.web.pages.context import is_synthetic, published_build
from observatoire.web.pages.tables import PUBLICATION, SUPPRESSED, Column, Table
from observatoire.web.results import store

TOP = 5
LENSES = [("citoyens", "Citoyens"), ("entreprises", "Entreprises"), ("associations", "Associations")]


@dataclass(frozen=True)
class ChartView:
    """A chart as a page shows it: its element id, Vega-Lite spec, title and French text alternative."""

    id: str
    spec: dict[str, Any]
    title: str
    alt: str


def _json_safe(value: Any) -> Any:
    """The spec with every NaN or infinity as ``None``: JSON has no NaN, and browsers refuse it."""
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def chart_view(name: str, chart: charts.Chart) -> ChartView:
    spec = charts.responsive(_json_safe(chart.spec))  # as wide as the page's column, phone to desktop
    return ChartView(id=f"graphique-{name}", spec=spec, title=chart.title, alt=chart.alt)


def territory_charts(tables: list[Table]) -> dict[str, ChartView]:
    """Charts drawn from the page's own tables (the same figures): domains and trend."""
    found: dict[str, ChartView] = {}
    by_name = {table.name: table for table in tables}
    domains = by_name.get("domaines")
    if domains is not None and not domains.empty and "percu" in domains.frame:
        frame = domains.frame
        chart_input = pd.DataFrame(
            {
                "domain": frame["code"],
                "estimate": frame["percu"].astype(float),
                "ci_low": frame["ic_bas"].astype(float),
                "ci_high": frame["ic_haut"].astype(float),
                "flag": frame["signif"].where(frame["signif"].isin(["+", "-"]), None),
                "suppressed": frame[PUBLICATION] == SUPPRESSED,
                "objective": frame["objectif"].astype(float) if "objectif" in frame else float("nan"),
            }
        )
        found["domaines"] = chart_view("domaines", charts.domains_chart(chart_input, title=domains.caption))
    trend = by_name.get("evolution")
    if trend is not None and not trend.empty:
        frame = trend.frame
        chart_input = pd.DataFrame(
            {
                "wave": frame["vague"].astype(int),
                "series": frame["acteur"],
                "estimate": frame["percu"].astype(float),
                "ci_low": frame["ic_bas"].astype(float),
                "ci_high": frame["ic_haut"].astype(float),
                "flag": frame["evolution_signif"].where(frame["evolution_signif"].isin(["+", "-"]), None),
                "suppressed": frame[PUBLICATION] == SUPPRESSED,
            }
        )
        found["evolution"] = chart_view("evolution", charts.trend_chart(chart_input, title=trend.caption))
    return found


def territory_page(
    found: territories.Territory, params: dict[str, str]
) -> tuple[data.View, list[Table], dict[str, ChartView]]:
    """The view a query string asks for, the page's tables and its charts (drawn from those tables)."""
    view = data.resolve_view(found, params)
    tables = data.view_tables(found, view)
    return view, tables, territory_charts(tables)


def national() -> dict[str, Any]:
    """Home page: the nation's first perceived fragilities vs objective ones, and the devoir d'alliance."""
    nation = territories.nation()
    view = data.resolve_view(nation, {})
    domains = data.domains_table(nation, view)
    top = domains.frame.head(TOP)
    top_table = Table(
        "national",
        t("pages.table.national", top=TOP, wave=view.wave),
        [
            Column("domaine", t("pages.col.domain")),
            Column("percu", t("pages.col.perceived"), "number", figure=True),
            Column("objectif", t("pages.col.objective"), "number"),
            Column("ecart", t("pages.col.gap"), "signed", figure=True),
            Column("lecture", t("pages.col.reading"), figure=True),
        ],
        top.reset_index(drop=True),
    )
    by_objective = domains.frame.dropna(subset=["objectif"]) if "objectif" in domains.frame else domains.frame
    if not by_objective.empty:
        by_objective = by_objective.sort_values("objectif", ascending=False)
    objective_top = by_objective.head(TOP)
    objective_table = Table(
        "national-objectif",
        t("pages.table.national_objective", top=TOP),
        [Column("domaine", t("pages.col.domain")), Column("objectif", t("pages.col.objective"), "number")],
        objective_top.reset_index(drop=True),
    )
    return {
        "territory": nation,
        "perceived": top_table,
        "objective": objective_table,
        "alliance": data.alliance_table(view),
        "regions": [{"name": r.name, "url": f"/territoire/region/{r.code}/"} for r in territories.regions()],
    }


def compare_choices() -> list[tuple[str, str]]:
    """Territories offered in the compare form: the nation, régions, survey regions, macro-regions."""
    choices = [("FR", "France")]
    choices += [(r.key, r.name) for r in territories.regions()]
    choices += [(r.key, t("pages.choice.survey_region", name=r.name)) for r in territories.survey_regions()]
    choices += [(r.key, t("pages.choice.macro_region", name=r.name)) for r in territories.macro_regions()]
    return choices


def _side(found: territories.Territory, lens: str) -> tuple[data.View, pd.DataFrame]:
    view = data.resolve_view(found, {"regard": lens})
    return view, data.domains_table(found, view).frame.set_index("code")


def _interval(row: pd.Series) -> str:
    if pd.isna(row.get("ic_bas")) or pd.isna(row.get("ic_haut")):
        return ""
    return f"{number(row['ic_bas'])} – {number(row['ic_haut'])}"


def _aligned(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per domain (vocabulary order) with the figures a comparison reads, missing ones NaN."""
    codes = [d.code for d in vocabulary.domains()]
    out = frame.reindex(codes)
    published = out[PUBLICATION] != SUPPRESSED if PUBLICATION in out else pd.Series(False, index=out.index)
    for column in ("percu", "se", "signif", "ic_bas", "ic_haut", "objectif"):
        if column not in out:
            out[column] = np.nan
    out["estimate"] = out["percu"].where(published).astype(float)
    out["se"] = out["se"].where(published).astype(float)
    out["flag"] = out["signif"].where(published & out["signif"].isin(["+", "-"]), "")
    return out


def compare(a: territories.Territory, b: territories.Territory, lens: str) -> dict[str, Any]:
    """Two territories side by side: perceived fragility with its interval, the difference and its direct
    test (chosen by how the two bases relate, :mod:`observatoire.diagnosis.comparison`), objective index."""
    view_a, frame_a = _side(a, lens)
    view_b, frame_b = _side(b, lens)
    side_a, side_b = _aligned(frame_a), _aligned(frame_b)
    how = comparison.NESTED
    if view_a.place is not None and view_b.place is not None:
        how = comparison.relation(view_a.place, view_b.place)
    tested = comparison.difference(side_a, side_b, how, a_is_nation=a.level == territories.NATION)
    records = []
    for domain in vocabulary.domains():
        code = domain.code
        ra, rb = side_a.loc[code], side_b.loc[code]
        both = pd.notna(ra["estimate"]) and pd.notna(rb["estimate"])
        record: dict[str, Any] = {
            "domaine": domain.label,
            "percu_a": ra["percu"],
            "ic_a": _interval(ra),
            "percu_b": rb["percu"],
            "ic_b": _interval(rb),
            "ecart": tested.loc[code, "diff"] if both else None,
            "test": _test_text(how, str(tested.loc[code, "flag"]), a.name) if both else "",
            "objectif_a": ra["objectif"],
            "objectif_b": rb["objectif"],
            f"{PUBLICATION}_a": ra.get(PUBLICATION, SUPPRESSED),
            f"{PUBLICATION}_b": rb.get(PUBLICATION, SUPPRESSED),
        }
        records.append(record)
    name_a = f"{a.name} ({view_a.wave or '—'})"
    name_b = f"{b.name} ({view_b.wave or '—'})"
    status_a, status_b = f"{PUBLICATION}_a", f"{PUBLICATION}_b"
    columns = [
        Column("domaine", t("pages.col.domain")),
        Column("percu_a", t("pages.col.compare_perceived", name=name_a), "number", True, status_a),
        Column("ic_a", t("pages.col.compare_interval", name=a.name), "text", True, status_a),
        Column("percu_b", t("pages.col.compare_perceived", name=name_b), "number", True, status_b),
        Column("ic_b", t("pages.col.compare_interval", name=b.name), "text", True, status_b),
        Column("ecart", t("pages.col.compare_difference", a=a.name, b=b.name), "signed"),
        Column("test", t("pages.col.compare_test")),
        Column("objectif_a", t("pages.col.compare_objective", name=a.name), "number"),
        Column("objectif_b", t("pages.col.compare_objective", name=b.name), "number"),
    ]
    frame = pd.DataFrame.from_records(records, columns=[c.key for c in columns] + [status_a, status_b])
    table = Table(
        "comparaison",
        t("pages.table.compare", a=a.name, b=b.name, actors=data.population_label(lens).lower()),
        columns,
        frame,
    )
    bases = [
        t(
            "pages.compare.basis",
            name=side.name,
            basis=view.place.label() if view.place else t("pages.basis.none"),
        )
        for side, view in ((a, view_a), (b, view_b))
    ]
    return {
        "a": {"name": a.name, "url": f"/territoire/{a.level}/{a.code}/"},
        "b": {"name": b.name, "url": f"/territoire/{b.level}/{b.code}/"},
        "bases": bases,
        "method": t(_METHOD_KEYS[how], level=_level_text()),
        "table": table,
    }


_METHOD_KEYS = {
    comparison.SAME: "pages.compare.method.same",
    comparison.NESTED: "pages.compare.method.nested",
    comparison.INDEPENDENT: "pages.compare.method.independent",
    comparison.AGAINST_REST: "pages.compare.method.against_rest",
}
_TEST_KEYS = {
    comparison.SAME: "pages.compare.test.same",
    comparison.NESTED: "pages.compare.test.nested",
    "+": "pages.compare.test.+",
    "-": "pages.compare.test.-",
    "": "pages.compare.test.none",
}


def _test_text(how: str, flag: str, name: str) -> str:
    if how in (comparison.NESTED, comparison.SAME):
        return t(_TEST_KEYS[how])
    return t(_TEST_KEYS[flag or ""], a=name)


def _level_text() -> str:
    build = published_build()
    parameters = (build.parameters or {}) if build is not None else {}
    return significant(float(parameters.get("flag_level", 0.05)) * 100)


def methodology() -> dict[str, Any]:
    """What the methodology page states, from the published build's own metadata."""
    build = published_build()
    parameters = (build.parameters or {}) if build is not None else {}
    sources: list[str] = []
    studies: list[str] = []
    if build is not None:
        sources = [str(s) for s in store().distinct("source")]
        studies = [str(s) for s in store().distinct("study")]
    level = parameters.get("flag_level", 0.05)
    catalogue = [
        {
            "domain": data.domain_label(indicator.domain),
            "label": indicator.label,
            "source": indicator.source,
            "vintage": indicator.vintage,
            "unit": indicator.unit,
            "direction": t(
                "pages.method.direction.up" if indicator.direction > 0 else "pages.method.direction.down"
            ),
            "weight": significant(indicator.weight),
            "normalisation": t(
                "pages.method.goalposts",
                low=significant(indicator.goalpost_low),
                high=significant(indicator.goalpost_high),
            )
            if indicator.goalpost_low is not None and indicator.goalpost_high is not None
            else t("pages.method.pooled"),
        }
        for indicator in default_indicator_metadata().values()
    ]
    return {
        "catalogue": catalogue,
        "build": build,
        "synthetic": is_synthetic(build),
        "sources": sources,
        "studies": studies,
        "waves": list(parameters.get("waves", [])),
        "min_base": build.min_base if build is not None else 30,
        "flag_level": significant(float(level) * 100),
        "index_draws": parameters.get("index_draws"),
    }
