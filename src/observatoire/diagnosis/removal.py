"""A build never silently shrinks: what would disappear from the published results is named, and refused.

A folder moved away (``microdata/`` gone) or a wave imported with most of its rows missing would, built
and published, take figures off the web, the API and the exports without a word. So a new build (and
``observatoire publish N``) is compared with the published one: it may not drop a wave, a population or
the objective indices, nor publish more than :data:`MAX_REMOVED_SHARE` fewer figures, unless the user says
so (``--allow-removal``). Waves, populations and indices are checked before anything is written; the
count of figures once the new build is filled and before it is published.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from observatoire.diagnosis.build_indices import POPULATION as INDICES_POPULATION
from observatoire.diagnosis.schema import results
from observatoire.diagnosis.store import BuildInfo, ResultsStore
from observatoire.errors import InputError
from observatoire.messages import t
from observatoire.numbers import number

#: A build may publish at most this share fewer figures than the published one without --allow-removal.
MAX_REMOVED_SHARE = 0.10


@dataclass(frozen=True)
class Contents:
    """What a build publishes, in the terms a user recognises: waves, populations, indices."""

    waves: frozenset[str]  # "IMPACT-Citoyens 2019"
    populations: frozenset[str]
    indices: bool


def build_contents(store: ResultsStore, build: BuildInfo) -> Contents:
    """The waves (from the build's parameters), populations and indices a complete build holds."""
    parameters = build.parameters or {}
    populations = set(store.distinct("population", build_id=build.id))
    return Contents(
        waves=frozenset(parameters.get("waves") or ()),
        populations=frozenset(populations - {INDICES_POPULATION}),
        indices=INDICES_POPULATION in populations,
    )


def refuse_missing(published: Contents, coming: Contents) -> None:
    """Raise :class:`InputError` naming the waves, populations and indices ``coming`` would drop."""
    lost = []
    if published.waves - coming.waves:
        lost.append(t("removal.waves", names=", ".join(sorted(published.waves - coming.waves))))
    if published.populations - coming.populations:
        names = ", ".join(sorted(published.populations - coming.populations))
        lost.append(t("removal.populations", names=names))
    if published.indices and not coming.indices:
        lost.append(t("removal.indices"))
    if lost:
        raise InputError(t("removal.refused", lost=" ; ".join(lost)))


def refuse_shrink(store: ResultsStore, published: BuildInfo, coming_id: int) -> None:
    """Raise :class:`InputError` when build ``coming_id`` holds over :data:`MAX_REMOVED_SHARE` fewer
    figures than ``published``, naming the waves (and the indices) that lose the most."""
    with store.engine.connect() as connection:
        before = _counts(connection, published.id)
        after = _counts(connection, coming_id)
    old, new = sum(before.values()), sum(after.values())
    if old == 0 or (old - new) / old <= MAX_REMOVED_SHARE:
        return
    losses = sorted(
        ((count - after.get(key, 0), key) for key, count in before.items() if count > after.get(key, 0)),
        reverse=True,
    )
    details = ", ".join(
        t("removal.part", name=_part_name(key), before=before[key], after=after.get(key, 0))
        for _, key in losses[:5]
    )
    share = number(100 * (old - new) / old, 0) + " %"
    raise InputError(
        t(
            "removal.shrink",
            new=new,
            old=old,
            id=published.id,
            share=share,
            limit=number(100 * MAX_REMOVED_SHARE, 0) + " %",
            details=details,
        )
    )


def _counts(connection: Connection, build_id: int) -> dict[tuple[str, int, str], int]:
    """Figures of a build per study, wave and population."""
    key = (results.c.study, results.c.wave, results.c.population)
    found = connection.execute(
        select(*key, func.count()).where(results.c.build_id == build_id).group_by(*key)
    ).all()
    return {(study, int(wave or 0), population): int(count) for study, wave, population, count in found}


def _part_name(key: tuple[str, int, str]) -> str:
    study, wave, population = key
    return t("removal.indices") if population == INDICES_POPULATION else f"{study} {wave} ({population})"
