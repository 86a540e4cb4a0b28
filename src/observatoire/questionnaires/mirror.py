"""The mirror of a partnership evaluation: every partner's scores side by side, the divergences and a
plain-French synthesis, and the evolution from one round to the next.

Each partner scores the grid alone (``evaluation_partenariale.toml``, 0-4, « je ne sais pas » allowed);
a line where the submitted partners' scores differ by :data:`DIVERGENCE` points or more is a topic for
their next meeting. Only submitted answers reach the mirror: the caller passes nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from observatoire.messages import t
from observatoire.numbers import number
from observatoire.questionnaires.model import Instrument, Item, Section

DIVERGENCE = 2  # points on the 0-4 scale: a gap worth discussing


@dataclass(frozen=True)
class PartnerAnswers:
    """One partner's submitted answers: item code -> option code, and its comments by item code."""

    name: str
    answers: Mapping[str, str]
    comments: Mapping[str, str]


@dataclass(frozen=True)
class Line:
    """One line of the grid: each partner's score (``None`` = does not know) in the partners' order."""

    item: Item
    section: Section
    scores: tuple[float | None, ...]
    comments: tuple[str, ...]

    @property
    def known(self) -> tuple[float, ...]:
        return tuple(s for s in self.scores if s is not None)

    @property
    def mean(self) -> float | None:
        return sum(self.known) / len(self.known) if self.known else None

    @property
    def gap(self) -> float | None:
        """Highest minus lowest known score (``None`` when fewer than two partners know)."""
        return max(self.known) - min(self.known) if len(self.known) >= 2 else None

    @property
    def divergent(self) -> bool:
        return self.gap is not None and self.gap >= DIVERGENCE


@dataclass(frozen=True)
class Mirror:
    partners: tuple[str, ...]
    lines: tuple[Line, ...]
    synthesis: tuple[str, ...]

    @property
    def divergent(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.divergent)

    def section_lines(self, code: str) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.section.code == code)


def _score(item: Item, code: str | None) -> float | None:
    option = item.scale.option(code) if code is not None else None
    return option.score if option is not None else None


def mirror(instrument: Instrument, partners: Sequence[PartnerAnswers]) -> Mirror:
    """The mirror of the submitted ``partners`` (in the order given) on ``instrument``."""
    lines = tuple(
        Line(
            item=item,
            section=section,
            scores=tuple(_score(item, p.answers.get(item.code)) for p in partners),
            comments=tuple(p.comments.get(item.code, "") for p in partners),
        )
        for section in instrument.sections
        for item in section.scored_items
    )
    names = tuple(p.name for p in partners)
    return Mirror(names, lines, synthesis(names, lines))


def _label(line: Line) -> str:
    return f"{line.section.label.lower()} — {line.item.text.split(' — ')[0].lower()}"


def _partner_means(names: Sequence[str], lines: Sequence[Line]) -> list[tuple[str, float]]:
    means = []
    for index, name in enumerate(names):
        known = [s for line in lines if (s := line.scores[index]) is not None]
        if known:
            means.append((name, sum(known) / len(known)))
    return means


def synthesis(names: Sequence[str], lines: Sequence[Line]) -> tuple[str, ...]:
    """The overall reading in plain French: how each partner sees the partnership, where they agree most
    and least, and how many topics the next meeting has."""
    sentences = []
    means = _partner_means(names, lines)
    if not means:
        return (t("partenariats.mirror.empty"),)
    sentences.append(
        t(
            "partenariats.mirror.means",
            means="; ".join(f"{name} : {number(mean)} sur 4" for name, mean in means),
        )
    )
    if len(means) >= 2:
        high, low = max(means, key=lambda m: m[1]), min(means, key=lambda m: m[1])
        if high[1] - low[1] >= 1:
            sentences.append(t("partenariats.mirror.apart", high=high[0], low=low[0]))
        else:
            sentences.append(t("partenariats.mirror.close"))
    scored = [line for line in lines if line.mean is not None]
    if scored:
        best = max(scored, key=lambda line: line.mean or 0.0)
        worst = min(scored, key=lambda line: line.mean or 0.0)
        sentences.append(
            t(
                "partenariats.mirror.extremes",
                best=_label(best),
                best_mean=number(best.mean or 0.0),
                worst=_label(worst),
                worst_mean=number(worst.mean or 0.0),
            )
        )
    divergent = [line for line in lines if line.divergent]
    if len(names) < 2:
        sentences.append(t("partenariats.mirror.alone"))
    elif divergent:
        sentences.append(
            t(
                "partenariats.mirror.divergent",
                count=len(divergent),
                lines="; ".join(_label(line) for line in divergent[:5]),
            )
        )
    else:
        sentences.append(t("partenariats.mirror.agree", points=DIVERGENCE))
    return tuple(sentences)


@dataclass(frozen=True)
class Change:
    """One line over two rounds: the mean and the gap before and now (``None`` when unknown)."""

    item: Item
    section: Section
    mean_before: float | None
    mean_now: float | None
    gap_before: float | None
    gap_now: float | None


def evolution(before: Mirror, now: Mirror) -> tuple[Change, ...]:
    """Each line's mean score and divergence in the previous round and in this one."""
    previous = {line.item.code: line for line in before.lines}
    changes = []
    for line in now.lines:
        old = previous.get(line.item.code)
        changes.append(
            Change(
                item=line.item,
                section=line.section,
                mean_before=old.mean if old else None,
                mean_now=line.mean,
                gap_before=old.gap if old else None,
                gap_now=line.gap,
            )
        )
    return tuple(changes)


def trend(before: Mirror, now: Mirror) -> str:
    """The evolution in one sentence: the overall mean and the number of lines to discuss, then and now."""

    def overall(seen: Mirror) -> str:
        means = [line.mean for line in seen.lines if line.mean is not None]
        return number(sum(means) / len(means) if means else None, missing="–")

    return t(
        "partenariats.mirror.trend",
        mean_before=overall(before),
        mean_now=overall(now),
        divergent_before=len(before.divergent),
        divergent_now=len(now.divergent),
        points=DIVERGENCE,
    )
