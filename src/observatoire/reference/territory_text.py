"""A territory described in French, as the CLI prints it: level, parents, population, groupings."""

from __future__ import annotations

from observatoire.messages import t
from observatoire.numbers import number
from observatoire.reference.territories import (
    COG_YEAR,
    COMMUNE,
    DEPARTEMENT,
    EPCI,
    MACRO_REGION,
    NATION,
    POPULATION_YEAR,
    REGION,
    REGION_2015,
    SURVEY_REGION,
    Territory,
    children,
    level_label,
    located_label,
    parents,
    region_2015_of,
    territory,
)
from observatoire.reference.territory_index import load, names
from observatoire.reference.text import fold

_SHOWN_OTHERS = 6

_GROUPINGS = (SURVEY_REGION, MACRO_REGION, REGION_2015)


def _line(territory: Territory) -> str:
    label = level_label(territory.level)
    return t(
        "reference.territory.describe.line",
        label=label[:1].upper() + label[1:],
        name=territory.name,
        code=territory.code,
    )


def describe(territory: Territory) -> str:
    """Several French lines: what the territory is, how many live there, what it belongs to and what it
    is made of."""
    lines = [
        t(
            "reference.territory.describe.title",
            name=territory.name,
            level=level_label(territory.level),
            code=territory.code,
        ),
        t(
            "reference.territory.describe.population",
            population=number(territory.population, 0),
            year=POPULATION_YEAR,
            note=t("reference.territory.describe.mayotte") if _includes_mayotte(territory) else "",
        ),
    ]
    if territory.postcodes:
        lines.append(t("reference.territory.describe.postcodes", postcodes=", ".join(territory.postcodes)))
    above = parents(territory)
    if territory.level in (COMMUNE, DEPARTEMENT):
        above.append(region_2015_of(territory.departement or territory.code))
    administrative = [p for p in above if p.level not in _GROUPINGS]
    groupings = [p for p in above if p.level in _GROUPINGS]
    if administrative:
        lines.append(t("reference.territory.describe.parents"))
        lines.extend(_line(parent) for parent in administrative)
    if groupings:
        lines.append(t("reference.territory.describe.groupings"))
        lines.extend(_line(grouping) for grouping in groupings)
    below = children(territory)
    if territory.level in (DEPARTEMENT, EPCI):
        lines.append(t("reference.territory.describe.count", count=number(len(below), 0)))
    elif below and territory.level != COMMUNE:
        members = ", ".join(f"{member.name} ({member.code})" for member in below)
        lines.append(t("reference.territory.describe.members", members=members))
    lines.append(t("reference.territory.describe.source", cog=COG_YEAR, year=POPULATION_YEAR))
    return "\n".join(lines)


def describe_query(query: str, level: str | None = None) -> str:
    """:func:`describe` of what ``query`` designates (see :func:`~observatoire.reference.territories.
    territory`), followed by the other territories it could designate: "13001" is the INSEE code of
    Aix-en-Provence and a postcode of Marseille, "Paris" a département and a commune."""
    found = territory(query, level)
    text = describe(found)
    others = [other for other in _other_meanings(query) if other.key != found.key]
    if others:
        shown = ", ".join(located_label(other) for other in others[:_SHOWN_OTHERS])
        text += "\n" + t("reference.territory.describe.also", candidates=shown)
    return text


def _other_meanings(query: str) -> list[Territory]:
    index = load()
    code = query.strip().upper()
    others = [index.by_level[COMMUNE][c] for c in index.by_postcode.get(code, ())]
    if not any(character.isdigit() for character in code):  # codes have no name: spare the name index
        others.extend(index.by_key(key) for key in names().get(fold(query), ()))
    return others


def _includes_mayotte(territory: Territory) -> bool:
    """Mayotte's populations are those of its 2017 census: say so wherever they are counted in."""
    if territory.level == NATION:
        return True
    if territory.level in (REGION, REGION_2015):
        return territory.code == "06"
    if territory.level == DEPARTEMENT:
        return territory.code == "976"
    return territory.departement == "976"
