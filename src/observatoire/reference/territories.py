"""Real French territories and the groupings the studies report on: find one, list them, climb the tree.

Levels (a contract shared with the results store and the exports): ``nation`` (code ``FR``), ``region``
(INSEE code, "93"), ``survey_region`` (the 12 regions of the surveys: IDF ... PACA, where PACA holds
Provence-Alpes-Côte d'Azur and Corse), ``macro_region`` (the 5 regions of the association studies:
ile_de_france, nord_ouest, nord_est, sud_ouest, sud_est), ``departement`` (INSEE code, "13", "2A"),
``epci`` (SIREN), ``commune`` (INSEE code) and ``region_2015`` (the régions before 2016, for PHARE 2015).

A bare code is not unique across levels ("93" is a région and a département): without ``level``, a two-
or three-character code is a département; pass ``level`` (or use :attr:`Territory.key`) for the others.
"""

from __future__ import annotations

import bisect

from observatoire.errors import InputError, NotFoundError
from observatoire.messages import t
from observatoire.reference.territory_index import (
    COG_YEAR,
    COMMUNE,
    DEPARTEMENT,
    EPCI,
    LEVELS,
    MACRO_REGION,
    NATION,
    NATION_CODE,
    POPULATION_YEAR,
    REGION,
    REGION_2015,
    SURVEY_REGION,
    Territory,
    load,
    names,
)
from observatoire.reference.territory_search import search
from observatoire.reference.text import closest, fold

__all__ = [
    "COG_YEAR",
    "COMMUNE",
    "DEPARTEMENT",
    "EPCI",
    "LEVELS",
    "MACRO_REGION",
    "NATION",
    "POPULATION_YEAR",
    "REGION",
    "REGION_2015",
    "SURVEY_REGION",
    "AmbiguousTerritoryError",
    "Territory",
    "children",
    "communes",
    "departements",
    "epcis",
    "level_label",
    "located_label",
    "macro_region_of",
    "macro_regions",
    "nation",
    "parents",
    "region_2015_of",
    "regions",
    "regions_2015",
    "search",
    "short_label",
    "survey_region_of",
    "survey_regions",
    "territories",
    "territory",
]

#: Levels tried, in order, for a bare code when no level is given (région codes collide with départements).
_CODE_LEVELS = (NATION, COMMUNE, DEPARTEMENT, EPCI, SURVEY_REGION, MACRO_REGION)
_SUGGESTIONS = 3
_SHOWN_HOMONYMS = 6


class AmbiguousTerritoryError(NotFoundError):
    """A name or postcode that designates several territories; the message lists them."""

    def __init__(self, message: str, candidates: tuple[Territory, ...]) -> None:
        super().__init__(message)
        self.candidates = candidates


def level_label(level: str) -> str:
    """The French name of a level: ``"departement"`` -> ``"département"``."""
    return t(f"reference.territory.level.{level}")


def short_label(territory: Territory) -> str:
    """``"Marseille (commune 13055)"``: a territory named unambiguously in a message."""
    return t(
        "reference.territory.short",
        name=territory.name,
        level=level_label(territory.level),
        code=territory.code,
    )


def _check_level(level: str | None) -> None:
    if level is not None and level not in LEVELS:
        raise InputError(t("reference.territory.unknown_level", level=level, levels=", ".join(LEVELS)))


def territory(code_or_name: str, level: str | None = None) -> Territory:
    """The territory a person means by a code, a postcode or a name (accents and case do not count).

    Tried in turn: the code at ``level`` (or, without it, as a commune, département, EPCI or grouping code,
    ``FR`` for the nation); the code of a commune merged into another or of a municipal arrondissement
    (Paris, Lyon, Marseille), which gives the commune; a postcode; a name, the largest level first.
    Raises :class:`NotFoundError` naming the closest territories, or :class:`AmbiguousTerritoryError` when
    a name or postcode fits several at the same level.
    """
    _check_level(level)
    query = code_or_name.strip()
    if not query:
        raise InputError(t("reference.territory.empty"))
    index = load()
    code = query.upper()
    for candidate_level in (level,) if level else _CODE_LEVELS:
        found = index.get(candidate_level, index.aliases.get((candidate_level, code), code))
        if found is not None:
            return found
    if level in (None, COMMUNE):
        for aliases in (index.former_codes, index.arrondissements):
            if code in aliases:
                return index.by_level[COMMUNE][aliases[code]]
        if code in index.by_postcode:
            communes_found = tuple(index.by_level[COMMUNE][c] for c in index.by_postcode[code])
            return _single(query, communes_found)
    matches = tuple(
        index.by_key(key) for key in names().get(fold(query), ()) if level in (None, key.split(":", 1)[0])
    )
    if matches:
        return _single(query, tuple(found for found in matches if found.level == matches[0].level))
    raise _not_found(query, level)


def _single(query: str, candidates: tuple[Territory, ...]) -> Territory:
    if len(candidates) == 1:
        return candidates[0]
    ranked = sorted(candidates, key=lambda found: -found.population)
    shown = [located_label(found) for found in ranked[:_SHOWN_HOMONYMS]]
    if len(ranked) > _SHOWN_HOMONYMS:
        shown.append(t("reference.territory.and_more", count=len(ranked) - _SHOWN_HOMONYMS))
    raise AmbiguousTerritoryError(
        t("reference.territory.ambiguous", query=query, candidates=", ".join(shown)), tuple(ranked)
    )


def located_label(territory: Territory) -> str:
    """A territory named unambiguously, communes and EPCI with their département since many share a name:
    ``"Saint-Denis (commune 93066, Seine-Saint-Denis)"``."""
    if territory.level in (COMMUNE, EPCI) and territory.departement:
        departement = load().by_level[DEPARTEMENT][territory.departement].name
        return t(
            "reference.territory.located",
            name=territory.name,
            level=level_label(territory.level),
            code=territory.code,
            departement=departement,
        )
    return short_label(territory)


def _not_found(query: str, level: str | None) -> NotFoundError:
    where = t("reference.territory.at_level", level=level_label(level)) if level else ""
    if any(character.isdigit() for character in query) and not any(c.isspace() for c in query):
        message = t("reference.territory.unknown_code", code=query, where=where)
        suggestions = _nearest_codes(query.upper(), level or _code_level(query))
    else:
        message = t("reference.territory.unknown_name", name=query, where=where)
        # people seldom get the first letter wrong: comparing with those names only keeps this fast
        by_name, initial = names(), fold(query)[:1]
        keys = [
            name
            for name, found in by_name.items()
            if name[:1] == initial and (level is None or any(key.startswith(f"{level}:") for key in found))
        ]
        suggestions = [load().by_key(by_name[name][0]) for name in closest(query, keys, n=_SUGGESTIONS)]
    if suggestions:
        labels = ", ".join(located_label(found) for found in suggestions)
        message = f"{message}. {t('reference.territory.suggestions', candidates=labels)}"
    return NotFoundError(message)


def _code_level(code: str) -> str:
    if len(code) <= 3:
        return DEPARTEMENT
    return EPCI if len(code) == 9 else COMMUNE


def _nearest_codes(code: str, level: str) -> list[Territory]:
    """The codes next to ``code`` in sort order: "13999" -> communes 13119, 13118... (numeric neighbours)."""
    by_code = load().by_level[level]
    codes = sorted(by_code)
    position = bisect.bisect_left(codes, code)
    window = codes[max(0, position - _SUGGESTIONS) : position + _SUGGESTIONS]
    window.sort(key=lambda candidate: _distance(candidate, code))
    return [by_code[candidate] for candidate in window[:_SUGGESTIONS]]


def _distance(candidate: str, code: str) -> tuple[int, int, str]:
    """Longer common prefix first, then nearer in number (for codes of the same length)."""
    pairs = zip(candidate, code, strict=False)
    common = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(candidate), len(code)))
    numeric = candidate.isdigit() and code.isdigit() and len(candidate) == len(code)
    return -common, abs(int(candidate) - int(code)) if numeric else 0, candidate


def territories(level: str | None = None) -> list[Territory]:
    """Every territory of ``level`` (of every level, largest first, without one), in code order."""
    _check_level(level)
    index = load()
    return list(index.by_level[level].values()) if level else list(index.all())


def nation() -> Territory:
    """France (code ``FR``): the régions of metropolitan France and the overseas régions (DROM)."""
    return load().by_level[NATION][NATION_CODE]


def regions(metropolitan_only: bool = True) -> list[Territory]:
    """The 13 metropolitan régions (2016 map), plus the 5 overseas ones unless ``metropolitan_only``."""
    return [found for found in load().by_level[REGION].values() if not (metropolitan_only and found.overseas)]


def departements(region: str | None = None, metropolitan_only: bool = True) -> list[Territory]:
    """The 96 metropolitan départements (101 with overseas), or those of the région coded ``region``."""
    found = load().by_level[DEPARTEMENT].values()
    if region is not None:
        found = children(territory(region, REGION))
    return [d for d in found if not (metropolitan_only and d.overseas)]


def epcis(departement: str | None = None) -> list[Territory]:
    """The EPCI à fiscalité propre, or those whose main département (most inhabitants) is ``departement``."""
    found = list(load().by_level[EPCI].values())
    if departement is None:
        return found
    code = territory(departement, DEPARTEMENT).code
    return [epci for epci in found if epci.departement == code]


def communes(departement: str | None = None) -> list[Territory]:
    """Every commune (COG), or those of ``departement``."""
    if departement is None:
        return list(load().by_level[COMMUNE].values())
    return children(territory(departement, DEPARTEMENT))


def survey_regions() -> list[Territory]:
    """The 12 survey regions (IDF ... PACA), each with its régions as ``members``."""
    return list(load().by_level[SURVEY_REGION].values())


def macro_regions() -> list[Territory]:
    """The 5 macro-regions of the association studies, each with its régions as ``members``."""
    return list(load().by_level[MACRO_REGION].values())


def regions_2015(metropolitan_only: bool = True) -> list[Territory]:
    """The 22 metropolitan régions before 2016 (27 with overseas); ``region`` is today's région."""
    return [r for r in load().by_level[REGION_2015].values() if not (metropolitan_only and r.overseas)]


def _grouping_of(region_code: str, level: str, mapping: dict[str, str]) -> Territory:
    region = territory(region_code, REGION)
    if region.code not in mapping:
        raise NotFoundError(
            t("reference.territory.not_grouped", region=short_label(region), level=level_label(level))
        )
    return load().by_level[level][mapping[region.code]]


def survey_region_of(region_code: str) -> Territory:
    """The survey region of a metropolitan région ("93" and "94" -> PACA); overseas régions have none."""
    return _grouping_of(region_code, SURVEY_REGION, load().survey_region_of)


def macro_region_of(region_code: str) -> Territory:
    """The macro-region of a metropolitan région ("93" -> sud_est); overseas régions have none."""
    return _grouping_of(region_code, MACRO_REGION, load().macro_region_of)


def region_2015_of(departement_code: str) -> Territory:
    """The pre-2016 région of a département ("08" -> Champagne-Ardenne)."""
    departement = territory(departement_code, DEPARTEMENT)
    return load().by_level[REGION_2015][load().region_2015_of[departement.code]]


def children(parent: Territory) -> list[Territory]:
    """What ``parent`` is made of one level down: régions of the nation or of a grouping, départements of
    a région (old or new), communes of a département or an EPCI."""
    return load().children_of(parent.key)


def parents(child: Territory) -> list[Territory]:
    """From the nearest up: commune -> EPCI -> département -> région -> survey region -> macro-region ->
    nation. Overseas territories have no survey region nor macro-region; a pre-2016 région climbs from
    the région it belongs to today."""
    index = load()
    chain: list[Territory] = []
    if child.level == COMMUNE and child.epci:
        chain.append(index.by_level[EPCI][child.epci])
    if child.level in (COMMUNE, EPCI) and child.departement:
        chain.append(index.by_level[DEPARTEMENT][child.departement])
    if child.level in (COMMUNE, EPCI, DEPARTEMENT, REGION_2015) and child.region:
        chain.append(index.by_level[REGION][child.region])
    # the région whose groupings apply (a survey region's régions all lie in one macro-region)
    region: str | None = child.region
    if child.level == REGION:
        region = child.code
    elif child.level == SURVEY_REGION:
        region = child.members[0]
    if region in index.survey_region_of and child.level != SURVEY_REGION:
        chain.append(index.by_level[SURVEY_REGION][index.survey_region_of[region]])
    if region in index.macro_region_of:
        chain.append(index.by_level[MACRO_REGION][index.macro_region_of[region]])
    if child.level != NATION:
        chain.append(nation())
    return chain
