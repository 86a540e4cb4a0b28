"""The recommendation engine: records that fit a need, nearest to a place first, each with its reason.

A record is kept when it shares at least one code with the need (any domain, lever, axis, model or the
actor type); with an empty need every record is kept (« near you »). The order is the ring (same commune
or EPCI, département, région, macro-region, France), then how well it fits (a need's first domain weighs
most), then the most precise territory (a commune's case before a région's; for catalysts, the smallest
territory covering the place), then its evidence level, then its title: deterministic, so a page and
its report list the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from observatoire.errors import NotFoundError
from observatoire.messages import t
from observatoire.recommend import codes
from observatoire.recommend.proximity import Footprint, Ring, covers, footprint, precision, ring_of, unit_name
from observatoire.recommend.records import CATALYST, TOOL, Need, Record
from observatoire.reference import vocabulary


@dataclass(frozen=True, slots=True)
class Match:
    """A record chosen for a need and a place: why (``reason``, one French sentence) and how near."""

    record: Record
    ring: Ring
    score: float
    reason: str
    covers: bool = False
    matched_domains: tuple[str, ...] = ()
    precision: int = 7


def _fit(record: Record, need: Need) -> tuple[float, dict[str, tuple[str, ...]]]:
    """How well a record fits, and which codes of the need it shares (by kind, in the need's order)."""
    shared = {
        "domains": tuple(d for d in need.domains if d in record.domains),
        "levers": tuple(lv for lv in need.levers if lv in record.levers),
        "models": tuple(m for m in need.models if m in record.models),
        "axes": tuple(a for a in need.axes if a in _axis_codes(record)),
        "actor": (need.actor_type,) if need.actor_type and need.actor_type in record.actor_types else (),
    }
    weight = len(need.domains)
    score = sum(weight - need.domains.index(d) for d in shared["domains"]) * 2.0
    score += 1.5 * len(shared["levers"]) + 1.5 * len(shared["models"]) + len(shared["axes"])
    score += 0.5 * len(shared["actor"])
    return score, shared


def _axis_codes(record: Record) -> frozenset[str]:
    categories = set()
    for model in record.models:
        try:
            categories.add(vocabulary.partnership_model(model).category.code)
        except NotFoundError:
            continue
    return frozenset((*record.levers, *record.themes, *record.models, *categories))


def _labels(found: Iterable[str], lookup: object) -> list[str]:
    names = []
    for code in found:
        try:
            names.append(lookup(code).label.lower())  # type: ignore[operator]
        except NotFoundError:
            names.append(code)
    return names


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('recommend.and')} {items[-1]}"


def _what(shared: dict[str, tuple[str, ...]]) -> str:
    parts = []
    if shared["domains"]:
        parts.append(t("recommend.why.domains", domains=_join(_labels(shared["domains"], vocabulary.domain))))
    if shared["levers"]:
        parts.append(t("recommend.why.levers", levers=_join(_labels(shared["levers"], vocabulary.lever))))
    if shared["models"]:
        parts.append(
            t("recommend.why.models", models=_join(_labels(shared["models"], vocabulary.partnership_model)))
        )
    if shared["axes"] and not (shared["levers"] or shared["models"]):
        parts.append(t("recommend.why.axes", count=len(shared["axes"])))
    if shared["actor"]:
        label = codes.labels(codes.ACTOR_TYPES).get(shared["actor"][0], shared["actor"][0])
        parts.append(t("recommend.why.actor", actor=label.lower()))
    return _join(parts)


def _where(record: Record, ring: Ring, near: Footprint | None, place: Footprint, covering: bool) -> str:
    if covering:
        return t("recommend.where.covers", place=place.name)
    if near is None:
        return t("recommend.where.anywhere") if record.kind == TOOL else t("recommend.where.unplaced")
    if near.key.startswith("nation:"):
        return t("recommend.where.national")
    if ring is Ring.FRANCE:
        return t("recommend.where.france", name=near.name)
    if ring is Ring.LOCAL and place.commune is not None and place.commune == near.commune:
        return t("recommend.where.commune", name=place.name)
    return t(f"recommend.where.{ring.name.lower()}", name=unit_name(place, ring))


def _sentence(what: str, where: str) -> str:
    text = f"{what}, {where}" if what else where
    return text[:1].upper() + text[1:] + "."


def recommend(
    records: Iterable[Record],
    need: Need,
    place: str | None = None,
    *,
    kinds: tuple[str, ...] | None = None,
    limit: int | None = 10,
) -> list[Match]:
    """The records that fit ``need`` near ``place`` (a :attr:`Territory.key`, ``None`` for France),
    nearest first, at most ``limit`` of them (``None``: all).

    Raises :class:`NotFoundError` for an unknown place. Tools are not placed: they rank by fit alone.
    """
    where = footprint(place or "nation:FR")
    matches = []
    for record in records:
        if kinds is not None and record.kind not in kinds:
            continue
        score, shared = _fit(record, need)
        if not need.is_empty and score == 0:
            continue
        ring, near = ring_of(where, record.territories)
        exact = near.key if near is not None else ""
        covering = covers(where, record.territories) if record.kind == CATALYST else None
        if covering is not None:
            ring, exact = Ring.LOCAL, covering
        reason = _sentence(_what(shared), _where(record, ring, near, where, covering is not None))
        matches.append(
            Match(record, ring, score, reason, covering is not None, shared["domains"], precision(exact))
        )
    matches.sort(
        key=lambda m: (m.ring, -m.score, m.precision, -m.record.evidence, m.record.title, m.record.key)
    )
    return matches if limit is None else matches[:limit]
