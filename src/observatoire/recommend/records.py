"""What the engine reasons about: records (cases, catalysts, tools) and a need, as plain dataclasses.

Codes are the shared vocabulary's (domains, levers, partnership models and categories, catalyst
activities, impacts) and :mod:`observatoire.recommend.codes`' (actor types, stages, evidence levels).
Territories are :attr:`Territory.key` strings (``"departement:13"``, ``"region:93"``, ``"nation:FR"``).
"""

from __future__ import annotations

from dataclasses import dataclass

CASE = "pratique"
CATALYST = "catalyseur"
TOOL = "outil"
KINDS = (CASE, CATALYST, TOOL)


@dataclass(frozen=True, slots=True)
class Record:
    """One case, catalyst or tool as the engine sees it.

    ``territories`` is where it acts: a case's territory, the territories a catalyst covers (its commune
    first when it covers nothing else), none for a tool (tools are not placed). ``themes`` holds the other
    vocabulary codes it illustrates (levers, impacts, catalyst activities, partnership categories): what a
    self-assessment's axes are matched against. ``evidence`` ranks how well it is known to work (0 for a
    testimony, higher for evaluated ones) and only breaks ties.
    """

    kind: str
    key: str
    title: str
    url: str = ""
    territories: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    levers: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    actor_types: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    evidence: int = 0
    synthetic: bool = False


@dataclass(frozen=True, slots=True)
class Need:
    """What someone needs, every part optional; ``domains`` in priority order (first is most pressing).

    ``axes`` are codes of the vocabulary a self-assessment's weak axes map to (a lever, an impact, a
    catalyst activity, a partnership category): they match a record's levers, models' categories and themes.
    """

    domains: tuple[str, ...] = ()
    levers: tuple[str, ...] = ()
    axes: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    actor_type: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.domains or self.levers or self.axes or self.models or self.actor_type)
