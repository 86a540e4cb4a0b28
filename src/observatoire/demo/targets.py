"""The published figures the demo is calibrated to, mapped to the demo's codes.

The published reference figures (``shared/reference``, beside the repository) are shipped inside the package
(``demo/data``) because users install the package without that folder. :func:`published_targets` reads them
and says, for every figure, which study, wave, question, variable and answer codes of the demo reproduce it,
at which territory, with which statistic and tolerance (the published rounding: means ±0.05, shares ±0.5
point, bases ±0.05 million, ranks exact).

Where the digitised « Un outil collectif de données » lost a value, the demo needs one all the same:
:data:`CHOSEN` gives it, consistent with the order of the table, and the row is marked ``readable=False`` with
a note saying why.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources

import pandas as pd
from pydantic import BaseModel, ConfigDict

#: Which study, question, variable and codes reproduce each published figure (``demo/data``).
MAPPING_FILE = "figure_targets.toml"
#: Tolerance of each statistic: half a unit of the last published digit.
TOLERANCE = {"mean": 0.05, "share": 0.5, "population": 0.05, "rank": 0.0}

#: Values chosen where « Un outil collectif de données » lost them: ``(study, variable) -> (value, why)``.
CHOSEN: dict[tuple[str, str], tuple[float, str]] = {
    ("IMPACT-Citoyens", "q1_pauvrete"): (
        5.9,
        "unreadable in the publication; sorted between transition_energetique (5.9) and sante (5.8)",
    ),
    ("IMPACT-Citoyens", "q1_vieillissement"): (
        5.8,
        "unreadable in the publication; after pauvrete, before sante (5.8)",
    ),
    ("IMPACT-Citoyens", "q1_mal_logement"): (
        5.5,
        "unreadable in the publication; sorted between education (5.6) and numerique (5.1)",
    ),
    ("IMPACT-Citoyens", "q1_isolement"): (
        5.4,
        "unreadable in the publication; after mal_logement, before diversite_handicap",
    ),
    ("IMPACT-Citoyens", "q1_diversite_handicap"): (
        5.2,
        "unreadable in the publication; after isolement, before numerique (5.1)",
    ),
    ("PHARE-Institutions", "role_ent_transition_energetique"): (
        52.0,
        "listed after environnement (56) in the publication, value unreadable",
    ),
    ("IMPACT-Entreprises", "coop_environnement"): (
        10.0,
        "ranks 10, 15 and 16 are shared by isolement, culture_loisirs and environnement; environnement "
        "takes 10 (the publication reads 16 for both isolement and culture_loisirs)",
    ),
    ("IMPACT-Entreprises", "coop_isolement"): (
        15.0,
        "the publication reads 16, also given to culture_loisirs: 15",
    ),
    ("IMPACT-Entreprises", "coop_culture_loisirs"): (16.0, "as read in the publication"),
}


@dataclass(frozen=True)
class Target:
    """One published figure in the demo's terms."""

    study: str
    wave: int
    population: str
    question: str
    item: str
    variable: str
    codes: str  # answer codes counted by a share (``;``-separated), empty for a mean/base/rank
    territory_level: str
    territory: str
    group_variable: str
    group: str
    statistic: str
    value: float
    tolerance: float
    unit: str
    readable: bool
    source: str
    note: str


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("observatoire.demo").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _territory(code: str) -> tuple[str, str]:
    if code == "FR":
        return "nation", "FR"
    if code == "PACA":
        return "survey_region", "PACA"
    return "macro_region", code


def _make(
    study: str,
    wave: int,
    population: str,
    question: str,
    item: str,
    variable: str,
    codes: str,
    territory: str,
    statistic: str,
    value: float | None,
    source: str,
    note: str,
    group: tuple[str, str] = ("", "ensemble"),
    level: str | None = None,
    unit: str = "%",
) -> Target:
    readable = value is not None
    if value is None:
        value, why = CHOSEN[(study, variable)]
        note = f"valeur choisie : {why}"
    territory_level, territory_code = _territory(territory)
    return Target(
        study=study,
        wave=wave,
        population=population,
        question=question,
        item=item,
        variable=variable,
        codes=codes,
        territory_level=level or territory_level,
        territory=territory_code,
        group_variable=group[0],
        group=group[1],
        statistic=statistic,
        value=float(value),
        tolerance=TOLERANCE[statistic],
        unit=unit,
        readable=readable,
        source=source,
        note=note,
    )


def _expand(row: dict[str, str]) -> list[tuple[str, str, float | None]]:
    """The ``;``-aligned lists of a row as ``(item, territory, value)`` triples."""
    items = row["item"].split(";")
    territories = row["territory"].split(";")
    values = row["value"].split(";") if row["value"] else [""] * max(len(items), len(territories))
    if len(territories) > 1:
        items = items * len(territories)
    else:
        territories = territories * len(items)
    return [(i, t, float(v) if v else None) for i, t, v in zip(items, territories, values, strict=True)]


class _TargetFields(BaseModel):
    """What a rule of ``figure_targets.toml`` says of its targets (texts may hold ``{item}``...)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    study: str
    wave: int
    population: str
    question: str
    variable: str
    item: str = "{item}"
    codes: str = ""
    territory: str = "{territory}"
    level: str | None = None
    statistic: str = "share"
    unit: str = "%"
    group_variable: str = ""
    group: str = "ensemble"
    note: str = "{note}"


class _Extra(BaseModel):
    """One more target per figure whose item has a value here (figures read in a note of the row)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    item: str
    codes: str
    note: str
    values: dict[str, float]


class _Rule(BaseModel):
    """Which published figures a rule maps (question prefix and conditions) and to what."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    question: str
    if_study: str = ""
    if_population: str = ""
    if_item: str | None = None
    target: _TargetFields
    extra: tuple[_Extra, ...] = ()

    def applies(self, row: dict[str, str], item: str) -> bool:
        return (
            row["question"].startswith(self.question)
            and row["study"].startswith(self.if_study)
            and self.if_population in row["population"]
            and self.if_item in (None, item)
        )


class _Mapping(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    territory_aliases: dict[str, str]
    codes: dict[str, dict[str, str]]
    rule: tuple[_Rule, ...]


@cache
def _mapping() -> _Mapping:
    text = resources.files("observatoire.demo").joinpath("data", MAPPING_FILE).read_text(encoding="utf-8")
    return _Mapping.model_validate(tomllib.loads(text))


def _target(
    mapping: _Mapping,
    fields: _TargetFields,
    row: dict[str, str],
    item: str,
    territory: str,
    value: float | None,
) -> Target:
    words = {"item": item, "territory": territory, "study": row["study"], "note": row["note"]}
    codes = fields.codes.format(**words)
    if codes.startswith("@"):
        codes = mapping.codes[codes[1:]][item]
    return _make(
        fields.study,
        fields.wave,
        fields.population,
        fields.question,
        fields.item.format(**words),
        fields.variable.format(**words),
        codes,
        fields.territory.format(**words),
        fields.statistic,
        value,
        row["seed"],
        fields.note.format(**words).strip(),
        group=(fields.group_variable, fields.group),
        level=fields.level,
        unit=fields.unit,
    )


def _map_figure(row: dict[str, str]) -> list[Target]:
    """The targets of one published figure, by the first rule of :data:`MAPPING_FILE` that applies."""
    mapping = _mapping()
    out: list[Target] = []
    for item, place, value in _expand(row):
        territory = mapping.territory_aliases.get(place, place)
        rule = next((r for r in mapping.rule if r.applies(row, item)), None)
        if rule is None:  # a new reference row must be mapped explicitly
            raise ValueError(f"published figure not mapped to the demo: {row['study']} / {row['question']}")
        out.append(_target(mapping, rule.target, row, item, territory, value))
        for extra in rule.extra:
            if item in extra.values:
                fields = rule.target.model_copy(
                    update={"item": extra.item, "codes": extra.codes, "note": extra.note}
                )
                out.append(_target(mapping, fields, row, item, territory, extra.values[item]))
    return out


def _map_priorities(row: dict[str, str]) -> list[Target]:
    out = []
    for column, study, population in (
        ("rank_associations", "IMPACT-Associations", "associations"),
        ("rank_entreprises", "IMPACT-Entreprises", "entreprises"),
    ):
        raw = row[column]
        out.append(
            _make(
                study,
                2021,
                population,
                "COOP",
                row["domain"],
                f"coop_{row['domain']}",
                "1",
                "PACA",
                "rank",
                float(raw) if raw else None,
                "000_93a34dc610fb71f5.txt",
                "rang parmi les 16 domaines de la part citant le domaine comme prioritaire de coopération",
                unit="rang",
            )
        )
    return out


@cache
def target_list() -> tuple[Target, ...]:
    """Every published figure (and chosen replacement of a lost one) as :class:`Target` records."""
    targets = [t for row in _rows("published_figures.csv") for t in _map_figure(row)]
    # The mayors' "entreprises" list names transition_energetique too, with an unreadable value.
    targets.append(
        _make(
            "PHARE-Institutions",
            2016,
            "maires",
            "ROLE_ENTREPRISES",
            "transition_energetique",
            "role_ent_transition_energetique",
            "1",
            "FR",
            "share",
            None,
            "003_0847e0a11165520b.txt",
            "",
        )
    )
    targets += [t for row in _rows("paca_cooperation_priorities.csv") for t in _map_priorities(row)]
    return tuple(targets)


def published_targets() -> pd.DataFrame:
    """The published figures in the demo's codes, one row per figure.

    Columns: study, wave, population, question, item, variable, codes, territory_level, territory,
    group_variable, group, statistic (``mean``, ``share`` in %, ``population`` in millions of weighted
    base, ``rank``), value, tolerance, unit, readable (False: the publication lost it, value chosen), source,
    note.
    """
    return pd.DataFrame([asdict(t) for t in target_list()])


def lookup() -> dict[tuple[str, str, str, str, str], float]:
    """``(study, variable, codes, territory, group) -> value`` for the population modules."""
    return {(t.study, t.variable, t.codes, t.territory, t.group): t.value for t in target_list()}
