"""A page's figures, read through the results store's read API (nothing is estimated here).

Conventions of the build used here (see ``diagnosis/build_plan.py`` and ``build_diagnosis.py``):
perceived fragility is question ``Q1`` (``mean`` 1-10 per domain, ``rank``/``tier``, ``mean_change``);
the objective index is question ``indice_objectif`` of study ``indices`` (``index`` 1-10, ``rank`` with
its interval in ``ci_low``/``ci_high``); ``perception_objectif`` ``gap`` = perceived − objective; the
devoir d'alliance is ``Q8`` top-box for citizens and ``COLLECTIF`` top-box for the other actors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from observatoire.diagnosis import basis
from observatoire.diagnosis.codes import GAP_QUESTION as GAP
from observatoire.diagnosis.codes import INDEX_QUESTION as OBJECTIVE
from observatoire.diagnosis.codes import INDEX_STUDY, OVERALL, PERCEIVED
from observatoire.diagnosis.codes import NATION_CODE as NATION
from observatoire.diagnosis.query import row_dicts
from observatoire.diagnosis.schema import READ_COLUMNS
from observatoire.errors import NotFoundError
from observatoire.messages import t
from observatoire.reference import territories, vocabulary
from observatoire.web.pages.tables import PUBLICATION, SUPPRESSED, Column, Table
from observatoire.web.results import store

ALLIANCE = {"citoyens": "Q8"}
ALLIANCE_OTHER = "COLLECTIF"
#: Territory levels with their own page; a pre-2016 région is sent to the région it belongs to today.
PAGE_LEVELS = ("nation", "region", "survey_region", "macro_region", "departement", "epci", "commune")
GAP_CLASSES = {
    "fragile_percu": t("pages.gap.fragile_percu"),
    "fragile_sous_percu": t("pages.gap.fragile_sous_percu"),
    "percu_non_fragile": t("pages.gap.percu_non_fragile"),
    "ni_l_un_ni_l_autre": t("pages.gap.ni_l_un_ni_l_autre"),
}
TIERS = {
    "premieres": t("reports.tier.premieres"),
    "moyennes": t("reports.tier.moyennes"),
    "faibles": t("reports.tier.faibles"),
}


def domain_label(code: Any) -> str:
    try:
        return vocabulary.domain(str(code)).label
    except NotFoundError:
        return str(code)


def population_label(code: str) -> str:
    try:
        return vocabulary.population(code).label
    except NotFoundError:
        return code


def domains() -> list[Any]:
    return list(vocabulary.domains())


def find_territory(level: str, code: str) -> territories.Territory:
    """The territory at ``level`` with ``code``; :class:`NotFoundError` when there is none."""
    if level not in territories.LEVELS:
        raise NotFoundError(level)
    return territories.territory(code, level)


def parse_key(key: str) -> territories.Territory:
    """``"region:93"`` or ``"FR"`` -> territory; :class:`NotFoundError` otherwise."""
    key = (key or "").strip()
    if not key:
        raise NotFoundError(key)
    if ":" in key:
        level, code = key.split(":", 1)
        return find_territory(level, code)
    if key.upper() == NATION:
        return territories.nation()
    raise NotFoundError(key)


def page_territory(found: territories.Territory) -> territories.Territory | None:
    """The territory whose page shows ``found``: itself, or for a pre-2016 région its région today."""
    if found.level in PAGE_LEVELS:
        return found
    if found.region:
        return territories.territory(found.region, "region")
    return None


def related(found: territories.Territory) -> list[territories.Territory]:
    """The territories above this one, nearest first (EPCI, département, région ... nation)."""
    if found.level == "nation":
        return []
    return [p for p in territories.parents(found) if p.level in PAGE_LEVELS and p.key != found.key]


def _rows(**filters: Any) -> pd.DataFrame:
    return store().query(**filters)


def _status(row: dict[str, Any]) -> str:
    """« base insuffisante » for a suppressed figure (or one without estimate), « publié » otherwise."""
    return SUPPRESSED if bool(row["suppressed"]) or pd.isna(row["estimate"]) else t("pages.published")


def _extra(frame: pd.DataFrame, key: str) -> pd.Series:
    return frame["extra"].map(lambda extra: extra.get(key) if isinstance(extra, dict) else None)


@dataclass(frozen=True)
class View:
    """What a territory page shows: the actor whose perception is read (lens), the wave, a domain."""

    lens: str
    wave: int | None
    domain: str
    lenses: list[tuple[str, str]]
    waves: list[int]
    #: where each actor's survey figures are read (:mod:`observatoire.diagnosis.basis`)
    bases: dict[str, basis.Basis]
    #: where the objective indices are read (the territory itself, else the nearest level above)
    objective_place: territories.Territory | None

    @property
    def place(self) -> basis.Basis | None:
        """The basis of the lens's figures (``None``: no publishable survey figure for this territory)."""
        return self.bases.get(self.lens)

    @property
    def lens_label(self) -> str:
        return dict(self.lenses).get(self.lens, self.lens)

    @property
    def domain_label(self) -> str:
        return domain_label(self.domain)

    def query(self) -> str:
        from urllib.parse import urlencode

        params = {"regard": self.lens, "vague": self.wave or "", "domaine": self.domain}
        return urlencode(params)


def perceived_populations(bases: dict[str, basis.Basis]) -> list[str]:
    """The actors who rated the domains (question Q1) at their basis, in the vocabulary's order."""
    found: set[str] = set()
    for place in {(b.level, b.code) for b in bases.values()}:
        here = [p for p, b in bases.items() if (b.level, b.code) == place]
        found.update(
            str(p)
            for p in store().distinct(
                "population",
                population=here,
                territory=place[1],
                territory_level=place[0],
                question=PERCEIVED,
                statistic="mean",
            )
        )
    order = [p.code for p in vocabulary.populations()]
    return sorted(found, key=lambda p: order.index(p) if p in order else len(order))


def resolve_view(found: territories.Territory, params: dict[str, str]) -> View:
    """The view asked by the query string, each unknown or missing value replaced by its default."""
    bases = basis.survey_bases(store(), found)
    populations = perceived_populations(bases)
    lens = params.get("regard") or ""
    if lens not in populations:
        lens = populations[0] if populations else "citoyens"
    place = bases.get(lens)
    waves = (
        sorted(
            int(w)
            for w in store().distinct(
                "wave",
                territory=place.code,
                territory_level=place.level,
                question=PERCEIVED,
                population=lens,
                statistic="mean",
            )
        )
        if place is not None
        else []
    )
    try:
        wave: int | None = int(params.get("vague") or "")
    except ValueError:
        wave = None
    if wave not in waves:
        wave = waves[-1] if waves else None
    codes = [d.code for d in vocabulary.domains()]
    domain = params.get("domaine") or ""
    if domain not in codes:
        domain = codes[0]
    lenses = [(p, population_label(p)) for p in populations]
    return View(
        lens=lens,
        wave=wave,
        domain=domain,
        lenses=lenses,
        waves=waves,
        bases=bases,
        objective_place=basis.objective_place(store(), found),
    )


def _at_bases(rows: pd.DataFrame, bases: dict[str, basis.Basis]) -> pd.DataFrame:
    """The rows each at its population's basis (one place per actor)."""
    keys = {p: b.key for p, b in bases.items()}
    here = rows["territory_level"] + ":" + rows["territory"]
    return rows[[keys.get(p) == k for p, k in zip(rows["population"], here, strict=True)]]


def _basis_rows(bases: dict[str, basis.Basis], **filters: Any) -> pd.DataFrame:
    """Figures matching ``filters``, each actor's at its basis (one read of the store)."""
    if not bases:
        return pd.DataFrame(columns=list(READ_COLUMNS))
    found = _rows(
        territory=sorted({b.code for b in bases.values()}),
        territory_level=sorted({b.level for b in bases.values()}),
        population=sorted(bases),
        **filters,
    )
    return _at_bases(found, bases)


def bases_note(bases: dict[str, basis.Basis], populations: Any = None) -> str:
    """« Chiffres perçus : … » naming the basis of each actor shown (all of them by default)."""
    wanted = [p for p in bases if populations is None or p in populations]
    if not wanted:
        return t("pages.basis.none")
    return t("pages.basis.survey", bases=" ; ".join(bases[p].label() for p in wanted))


def objective_index(
    place: territories.Territory | None, wave: int | None
) -> tuple[dict[str, dict[str, Any]], int]:
    """Objective index and rank (with its interval) by domain at ``place`` for the latest index year up
    to ``wave`` (else the first), and that year (0 when there is none)."""
    if place is None:
        return {}, 0
    rows = _rows(study=INDEX_STUDY, question=OBJECTIVE, territory=place.code, territory_level=place.level)
    records = row_dicts(rows)
    if not records:
        return {}, 0
    years = sorted({int(row["wave"]) for row in records})
    usable = [y for y in years if wave is None or y <= wave]
    year = usable[-1] if usable else years[0]
    missing = float("nan")
    found: dict[str, dict[str, Any]] = {}
    for row in records:
        if int(row["wave"]) != year or row["statistic"] not in ("index", "rank"):
            continue
        entry = found.setdefault(
            row["item"],
            {"objective": missing, "objective_rank": missing, "rank_low": missing, "rank_high": missing},
        )
        if row["statistic"] == "index":
            entry["objective"] = row["estimate"]
        else:
            entry.update(objective_rank=row["estimate"], rank_low=row["ci_low"], rank_high=row["ci_high"])
    return found, year


def _by_item(records: list[dict[str, Any]], question: str, statistic: str | None = None) -> dict[str, Any]:
    """The rows of ``question`` (and ``statistic``) by domain."""
    return {
        row["item"]: row
        for row in records
        if row["question"] == question and (statistic is None or row["statistic"] == statistic)
    }


def domains_table(found: territories.Territory, view: View) -> Table:
    """The 16 domains: perceived (mean, flag vs the rest, rank, tier), objective (index, rank interval),
    gap and its reading; first priorities first."""
    columns = [
        Column("domaine", t("pages.col.domain")),
        Column("percu", t("pages.col.perceived"), "number", figure=True),
        Column("ic_bas", t("pages.col.ci_low"), "number", figure=True),
        Column("ic_haut", t("pages.col.ci_high"), "number", figure=True),
        Column("signif", t("pages.col.flag"), "flag", figure=True),
        Column("rang_percu", t("pages.col.rank"), "integer", figure=True),
        Column("priorite", t("pages.col.tier"), figure=True),
        Column("objectif", t("pages.col.objective"), "number"),
        Column("rang_objectif", t("pages.col.objective_rank"), "integer"),
        Column("intervalle_rang", t("pages.col.rank_interval")),
        Column("ecart", t("pages.col.gap"), "signed", figure=True),
        Column("lecture", t("pages.col.reading"), figure=True),
        Column("n", t("pages.col.n"), "integer"),
    ]
    if found.level == "nation":  # the nation has no rest of France to differ from
        columns = [column for column in columns if column.key != "signif"]
    actors = population_label(view.lens).lower()
    caption = t("pages.table.domains", actors=actors)
    if view.wave is not None:
        caption = t("pages.table.domains_wave", actors=actors, wave=view.wave)
    place = view.place
    rows = (
        _rows(
            population=view.lens,
            wave=view.wave,
            question=[PERCEIVED, GAP],
            territory=place.code,
            territory_level=place.level,
            group=OVERALL,
            statistic=["mean", "rank", "gap"],
        )
        if place is not None and view.wave is not None
        else pd.DataFrame(columns=list(READ_COLUMNS))
    )
    figures = row_dicts(rows)  # 16 domains read by code: plain records, not pandas lookups
    mean, rank = _by_item(figures, PERCEIVED, "mean"), _by_item(figures, PERCEIVED, "rank")
    gap = _by_item(figures, GAP)
    objective, objective_year = objective_index(view.objective_place, view.wave)
    records = []
    for domain in vocabulary.domains():
        code = domain.code
        record: dict[str, Any] = {"code": code, "domaine": domain.label}
        if code in mean:
            m = mean[code]
            suppressed = bool(m["suppressed"]) or pd.isna(m["estimate"])
            record.update(
                percu=m["estimate"],
                se=m["se"],
                ic_bas=m["ci_low"],
                ic_haut=m["ci_high"],
                signif=m["flag"] if isinstance(m["flag"], str) else "",
                n=m["n"],
            )
            record[PUBLICATION] = SUPPRESSED if suppressed else t("pages.published")
        else:
            record[PUBLICATION] = SUPPRESSED
        if code in rank and not bool(rank[code]["suppressed"]):
            r = rank[code]
            record["rang_percu"] = r["estimate"]
            extra = r["extra"] if isinstance(r["extra"], dict) else {}
            record["priorite"] = TIERS.get(extra.get("tier", ""), "")
        if code in objective:
            o = objective[code]
            record.update(objectif=o["objective"], rang_objectif=o["objective_rank"])
            if pd.notna(o["rank_low"]) and pd.notna(o["rank_high"]):
                record["intervalle_rang"] = f"{int(o['rank_low'])} – {int(o['rank_high'])}"
        if code in gap and not bool(gap[code]["suppressed"]):
            g = gap[code]
            extra = g["extra"] if isinstance(g["extra"], dict) else {}
            record.update(ecart=g["estimate"], lecture=GAP_CLASSES.get(extra.get("class", ""), ""))
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    order = frame["rang_percu"] if "rang_percu" in frame else pd.Series(float("nan"), index=frame.index)
    frame = frame.assign(_order=order.fillna(99)).sort_values("_order", kind="stable").drop(columns="_order")
    notes = [bases_note(view.bases, [view.lens])]
    if objective and view.objective_place is not None:
        notes.append(
            t(
                "pages.basis.objective",
                place=basis.place_label(view.objective_place.level, view.objective_place.name),
                year=objective_year,
            )
        )
    return Table("domaines", caption, columns, frame.reset_index(drop=True), note=" ".join(notes))


def actors_table(view: View) -> Table:
    """Priorities by actor: each population's rank of the domains at its latest wave, at its basis."""
    rows = _basis_rows(view.bases, question=PERCEIVED, group=OVERALL, statistic="rank")
    columns = [Column("domaine", t("pages.col.domain"))]
    frame = pd.DataFrame({"domaine": [d.label for d in vocabulary.domains()]})
    order = [p.code for p in vocabulary.populations()]
    for population in sorted(rows["population"].unique(), key=lambda p: order.index(p) if p in order else 99):
        found_rows = rows[rows["population"] == population]
        wave = int(found_rows["wave"].max())
        latest = found_rows[found_rows["wave"] == wave]
        latest = latest[~latest["suppressed"].fillna(False).astype(bool)].set_index("item")
        key = f"rang_{population}"
        frame[key] = [latest["estimate"].get(d.code) for d in vocabulary.domains()]
        label = t("pages.col.actor_rank", actor=population_label(population), wave=wave)
        columns.append(Column(key, label, "integer"))
    return Table(
        "priorites",
        t("pages.table.actors"),
        columns,
        frame,
        note=t("pages.table.actors_note") + " " + bases_note(view.bases, set(rows["population"])),
    )


def trend_table(view: View) -> Table:
    """The perceived fragility of one domain wave after wave, for every actor (each at its basis)."""
    domain = view.domain
    rows = _basis_rows(
        view.bases, question=PERCEIVED, item=domain, group=OVERALL, statistic=["mean", "mean_change"]
    )
    mean = rows[rows["statistic"] == "mean"].copy()
    change = rows[rows["statistic"] == "mean_change"].set_index(["population", "wave"])
    records = []
    for row in mean.sort_values(["population", "wave"]).pipe(row_dicts):
        key = (row["population"], row["wave"])
        record = {
            "acteur": population_label(row["population"]),
            "vague": int(row["wave"]),
            "percu": row["estimate"],
            "ic_bas": row["ci_low"],
            "ic_haut": row["ci_high"],
            "n": row["n"],
            PUBLICATION: _status(row),
        }
        if key in change.index:
            c = change.loc[key]
            if isinstance(c, pd.DataFrame):
                c = c.iloc[0]
            if not bool(c["suppressed"]):
                record["evolution"] = c["estimate"]
                record["evolution_signif"] = c["flag"] if isinstance(c["flag"], str) else ""
        records.append(record)
    columns = [
        Column("acteur", t("pages.col.actor")),
        Column("vague", t("pages.col.wave")),
        Column("percu", t("pages.col.perceived"), "number", figure=True),
        Column("ic_bas", t("pages.col.ci_low"), "number", figure=True),
        Column("ic_haut", t("pages.col.ci_high"), "number", figure=True),
        Column("evolution", t("pages.col.change"), "signed", figure=True),
        Column("evolution_signif", t("pages.col.change_flag"), "change", figure=True),
        Column("n", t("pages.col.n"), "integer"),
    ]
    frame = pd.DataFrame.from_records(records, columns=[c.key for c in columns] + [PUBLICATION])
    note = bases_note(view.bases, set(rows["population"]))
    return Table("evolution", t("pages.table.trend", domain=domain_label(domain)), columns, frame, note=note)


def alliance_table(view: View) -> Table:
    """Devoir d'alliance: the share of each actor for whom working together is indispensable or necessary."""
    rows = _basis_rows(view.bases, question=["Q8", ALLIANCE_OTHER], group=OVERALL, statistic="top_box")
    rows = rows[
        ((rows["population"] == "citoyens") & (rows["question"] == "Q8"))
        | ((rows["population"] != "citoyens") & (rows["question"] == ALLIANCE_OTHER))
    ]
    records = [
        {
            "acteur": population_label(row["population"]),
            "vague": int(row["wave"]),
            "part": row["estimate"],
            "ic_bas": row["ci_low"],
            "ic_haut": row["ci_high"],
            "signif": row["flag"] if isinstance(row["flag"], str) else "",
            "n": row["n"],
            PUBLICATION: _status(row),
        }
        for row in rows.sort_values(["population", "wave"]).pipe(row_dicts)
    ]
    columns = [
        Column("acteur", t("pages.col.actor")),
        Column("vague", t("pages.col.wave")),
        Column("part", t("pages.col.alliance"), "percent", figure=True),
        Column("ic_bas", t("pages.col.ci_low"), "percent", figure=True),
        Column("ic_haut", t("pages.col.ci_high"), "percent", figure=True),
        Column("signif", t("pages.col.flag"), "flag", figure=True),
        Column("n", t("pages.col.n"), "integer"),
    ]
    frame = pd.DataFrame.from_records(records, columns=[c.key for c in columns] + [PUBLICATION])
    return Table(
        "alliance",
        t("pages.table.alliance"),
        columns,
        frame,
        note=t("pages.table.alliance_note") + " " + bases_note(view.bases, set(rows["population"])),
    )


TABLES: dict[str, Callable[[territories.Territory, View], Table]] = {
    "domaines": lambda found, view: domains_table(found, view),
    "priorites": lambda found, view: actors_table(view),
    "evolution": lambda found, view: trend_table(view),
    "alliance": lambda found, view: alliance_table(view),
}


def view_tables(found: territories.Territory, view: View) -> list[Table]:
    """Every table of a territory page for one view, in page order."""
    return [make(found, view) for make in TABLES.values()]
