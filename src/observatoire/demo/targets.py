"""The published figures the demo is calibrated to, mapped to the demo's codes.

The reference tables of ``../shared/reference`` are shipped inside the package (``demo/data``) because users
install the package without that folder. :func:`published_targets` reads them and says, for every figure,
which study, wave, question, variable and answer codes of the demo reproduce it, at which territory, with
which statistic and tolerance (the published rounding: means ±0.05, shares ±0.5 point, bases ±0.05
million, ranks exact).

Where the scanned seed lost a value, the demo needs one all the same: :data:`CHOSEN` gives it, consistent
with the order of the table, and the row is marked ``readable=False`` with a note saying why.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources

import pandas as pd

#: Tolerance of each statistic: half a unit of the last published digit.
TOLERANCE = {"mean": 0.05, "share": 0.5, "population": 0.05, "rank": 0.0}

#: Values chosen where the seed lost them: ``(study, variable) -> (value, why)``.
CHOSEN: dict[tuple[str, str], tuple[float, str]] = {
    ("IMPACT-Citoyens", "q1_pauvrete"): (
        5.9,
        "lost in the scan; sorted between transition_energetique (5.9) and sante (5.8)",
    ),
    ("IMPACT-Citoyens", "q1_vieillissement"): (5.8, "lost in the scan; after pauvrete, before sante (5.8)"),
    ("IMPACT-Citoyens", "q1_mal_logement"): (
        5.5,
        "lost in the scan; sorted between education (5.6) and numerique (5.1)",
    ),
    ("IMPACT-Citoyens", "q1_isolement"): (
        5.4,
        "lost in the scan; after mal_logement, before diversite_handicap",
    ),
    ("IMPACT-Citoyens", "q1_diversite_handicap"): (
        5.2,
        "lost in the scan; after isolement, before numerique (5.1)",
    ),
    ("PHARE-Institutions", "role_ent_transition_energetique"): (
        52.0,
        "listed after environnement (56) in the scan, value unreadable",
    ),
    ("IMPACT-Entreprises", "coop_environnement"): (
        10.0,
        "ranks 10, 15 and 16 are shared by isolement, culture_loisirs and environnement; environnement "
        "takes 10 (the scan reads 16 for both isolement and culture_loisirs)",
    ),
    ("IMPACT-Entreprises", "coop_isolement"): (15.0, "the scan reads 16, also given to culture_loisirs: 15"),
    ("IMPACT-Entreprises", "coop_culture_loisirs"): (16.0, "as read in the scan"),
}

Q8_CODES = {
    "indispensable": "1",
    "necessaire": "2",
    "ni_l_un_ni_l_autre": "3",
    "pas_necessaire": "4",
    "pas_necessaire_du_tout": "5",
    "indispensable+necessaire": "1;2",
}
Q3_CODES = {
    "oui_tout_a_fait": "1",
    "oui_plutot": "2",
    "non_plutot_pas": "3",
    "non_pas_du_tout": "4",
    "oui": "1;2",
}
Q4_CODES = {"ancree": "1", "de_plus_en_plus": "2", "emerge": "3", "non": "4"}
#: Studies answering « jouer collectif nécessaire » (2019-2021), by the population named in the seed.
COLLECTIF = {
    "citoyens": ("IMPACT-Citoyens", 2019, "citoyens", "Q8", "q8"),
    "maires": ("IMPACT-Elus locaux", 2020, "maires", "COLLECTIF", "collectif"),
    "dirigeants_entreprise": ("IMPACT-Entreprises", 2021, "entreprises", "COLLECTIF", "collectif"),
    "responsables_associatifs": ("IMPACT-Associations", 2021, "associations", "COLLECTIF", "collectif"),
    "fondations": ("IMPACT-Fondations", 2021, "fondations", "COLLECTIF", "collectif"),
}
#: « prioritaire alone » figures given in a note of the mayors' Q8 row.
Q8_MAIRES_PRIORITAIRE = {
    "accompagner_partenariats": 68.0,
    "promouvoir_alliances": 64.0,
    "participer_experimentations": 56.0,
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


def _map_figure(row: dict[str, str]) -> list[Target]:
    study, question, note, source = row["study"], row["question"], row["note"], row["seed"]
    out: list[Target] = []
    for item, territory, value in _expand(row):
        if question.startswith("Q1 "):
            wave_study, wave = (
                ("PHARE-Citoyens", 2015) if study.startswith("PHARE") else ("IMPACT-Citoyens", 2019)
            )
            out.append(
                _make(
                    wave_study,
                    wave,
                    "citoyens",
                    "Q1",
                    item,
                    f"q1_{item}",
                    "",
                    territory,
                    "mean",
                    value,
                    source,
                    note,
                    unit="/10",
                )
            )
        elif question.startswith("indice de fragilité"):
            out.append(
                _make(
                    "indices",
                    2019,
                    "territoire",
                    "indice_objectif",
                    item,
                    item,
                    "",
                    "93",
                    "rank",
                    value,
                    source,
                    note,
                    level="region",
                    unit="rang",
                )
            )
        elif question.startswith("Q8 travailler"):
            out.append(
                _make(
                    "IMPACT-Citoyens",
                    2019,
                    "citoyens",
                    "Q8",
                    item,
                    "q8",
                    Q8_CODES[item],
                    territory,
                    "share",
                    value,
                    source,
                    note,
                )
            )
        elif question.startswith("Q6 "):
            out.append(
                _make(
                    "IMPACT-Citoyens",
                    2019,
                    "citoyens",
                    "Q6",
                    item,
                    f"q6_{item}",
                    "1;2",
                    territory,
                    "share",
                    value,
                    source,
                    note,
                )
            )
        elif question.startswith("weighted base"):
            code = "PACA" if territory == "PACA+COR" else territory
            out.append(
                _make(
                    "IMPACT-Citoyens",
                    2019,
                    "citoyens",
                    "base",
                    code,
                    "poids",
                    "",
                    code,
                    "population",
                    value,
                    source,
                    note,
                    level="survey_region",
                    unit="millions",
                )
            )
        elif question.startswith("jouer collectif utile"):
            out.append(
                _make(
                    "IMPACT-Entreprises",
                    2021,
                    "entreprises",
                    "CRISE",
                    item,
                    "crise_collectif",
                    "1",
                    territory,
                    "share",
                    value,
                    source,
                    f"{study} (2020-06), posée dans la vague 2021. {note}".strip(),
                    group=("taille", "pme"),
                )
            )
        elif question.startswith("Q3 "):
            out.append(
                _make(
                    "PHARE-Institutions",
                    2016,
                    "maires",
                    "Q3",
                    item,
                    "q3",
                    Q3_CODES[item],
                    territory,
                    "share",
                    value,
                    source,
                    note,
                )
            )
        elif question.startswith("Q4 "):
            out.append(
                _make(
                    "PHARE-Institutions",
                    2016,
                    "maires",
                    "Q4",
                    item,
                    "q4",
                    Q4_CODES[item],
                    territory,
                    "share",
                    value,
                    source,
                    note,
                )
            )
        elif question.startswith("territoire dans une dynamique"):
            out.append(
                _make(
                    "PHARE-Institutions",
                    2016,
                    "maires",
                    "Q4",
                    "ancree+de_plus_en_plus+emerge",
                    "q4",
                    "1;2;3",
                    territory,
                    "share",
                    value,
                    source,
                    note,
                )
            )
        elif question.startswith("rôle très important des "):
            actor = question.removeprefix("rôle très important des ")
            prefix = {"citoyens": "cit", "associations": "asso", "entreprises": "ent"}[actor]
            out.append(
                _make(
                    "PHARE-Institutions",
                    2016,
                    "maires",
                    f"ROLE_{actor.upper()}",
                    item,
                    f"role_{prefix}_{item}",
                    "1",
                    territory,
                    "share",
                    value,
                    source,
                    note,
                )
            )
        elif question.startswith("Q8 rôle des collectivités"):
            out.append(
                _make(
                    "PHARE-Institutions",
                    2016,
                    "maires",
                    "Q8",
                    item,
                    f"q8_{item}",
                    "1;2",
                    territory,
                    "share",
                    value,
                    source,
                    note,
                )
            )
        elif question.startswith("Q11 "):
            out.append(
                _make(
                    "PHARE-Entreprises",
                    2015,
                    "entreprises",
                    "Q11",
                    item,
                    f"q11_{item}",
                    "1",
                    territory,
                    "share",
                    value,
                    source,
                    note,
                )
            )
        elif question.startswith("relations partenariales"):
            out.append(
                _make(
                    "PHARE-Entreprises",
                    2015,
                    "entreprises",
                    "PARTENARIAT",
                    item,
                    "partenariat",
                    "1",
                    territory,
                    "share",
                    value,
                    source,
                    note,
                )
            )
        elif question.startswith("partenariats sociétaux"):
            out.append(
                _make(
                    "IMPACT-Entreprises",
                    2021,
                    "entreprises",
                    "PARTENARIAT",
                    item,
                    "partenariat",
                    "1",
                    territory,
                    "share",
                    value,
                    source,
                    note,
                )
            )
        elif question.startswith("partenariats avec des entreprises"):
            segment = "non_employeuses" if "non employeuses" in row["population"] else "employeuses"
            out.append(
                _make(
                    "PHARE-Associations",
                    2015,
                    "associations",
                    "PARTENARIAT_ENTREPRISES",
                    item,
                    "partenariat_entreprises",
                    "1",
                    territory,
                    "share",
                    value,
                    source,
                    note,
                    group=("employeur", segment),
                )
            )
        elif question.startswith("Q13 "):
            out.append(
                _make(
                    "PHARE-Associations",
                    2015,
                    "associations",
                    "Q13",
                    item,
                    f"q13_{item}",
                    "1",
                    territory,
                    "share",
                    value,
                    source,
                    note,
                )
            )
        elif question.startswith("jouer collectif nécessaire"):
            st, wave, population, code, variable = COLLECTIF[item]
            out.append(
                _make(
                    st,
                    wave,
                    population,
                    code,
                    "indispensable+necessaire",
                    variable,
                    "1;2",
                    territory,
                    "share",
                    value,
                    source,
                    f"{study} : « {item} ». {note}".strip(),
                )
            )
        elif question.startswith("l'entreprise doit agir"):
            out.append(
                _make(
                    "IMPACT-Citoyens",
                    2019,
                    "citoyens",
                    "PARTENAIRES",
                    item,
                    f"partenaires_{item}",
                    "1",
                    territory,
                    "share",
                    value,
                    source,
                    note,
                )
            )
        else:  # pragma: no cover - a new reference row must be mapped explicitly
            raise ValueError(f"published figure not mapped to the demo: {study} / {question}")
        if question.startswith("Q8 rôle des collectivités") and item in Q8_MAIRES_PRIORITAIRE:
            out.append(
                _make(
                    "PHARE-Institutions",
                    2016,
                    "maires",
                    "Q8",
                    f"{item}:prioritaire",
                    f"q8_{item}",
                    "1",
                    territory,
                    "share",
                    Q8_MAIRES_PRIORITAIRE[item],
                    source,
                    "« prioritaire » seul, lu dans la note",
                )
            )
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
    base, ``rank``), value, tolerance, unit, readable (False: the seed lost it, value chosen), source, note.
    """
    return pd.DataFrame([asdict(t) for t in target_list()])


def lookup() -> dict[tuple[str, str, str, str, str], float]:
    """``(study, variable, codes, territory, group) -> value`` for the population modules."""
    return {(t.study, t.variable, t.codes, t.territory, t.group): t.value for t in target_list()}
