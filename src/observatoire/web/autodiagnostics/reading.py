"""What a result page and its PDF show, gathered once: scores, level, chart, peers, the observatory's
figures and next steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from observatoire.errors import ObservatoireError
from observatoire.messages import t
from observatoire.numbers import number
from observatoire.questionnaires import instrument, peers, score
from observatoire.questionnaires.advice import NextStep, next_steps, strengths, weaknesses
from observatoire.questionnaires.figures import Published, published_figures
from observatoire.questionnaires.model import Instrument
from observatoire.questionnaires.scoring import Result
from observatoire.reference import territories
from observatoire.reports.charts import Chart
from observatoire.reports.radar import Spoke, radar_chart
from observatoire.web.autodiagnostics.aggregates import Peers, peers_of
from observatoire.web.autodiagnostics.curated import Entries, for_steps
from observatoire.web.autodiagnostics.models import Assessment
from observatoire.web.results import published_build, store


@dataclass
class AxisRow:
    label: str
    score: str
    level: str
    peers: str = ""
    quartiles: str = ""


@dataclass
class Reading:
    instrument: Instrument
    result: Result
    chart: Chart
    axes: list[AxisRow]
    strengths: list[str]
    weaknesses: list[str]
    steps: list[NextStep]
    curated: list[Entries]
    figures: list[Published]
    peers: Peers | None
    peers_text: str
    actor: str
    size: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def step_entries(self) -> list[tuple[NextStep, Entries]]:
        """Each next step with the curated entries that go with it."""
        return list(zip(self.steps, self.curated, strict=True))


def _n(value: float | None) -> str:
    return number(value, 0, missing="")


def _place_name(scope: str, code: str) -> str:
    if scope == peers.NATION:
        return "France"
    level = territories.REGION if scope == peers.REGION else territories.MACRO_REGION
    return territories.territory(code, level).name


def peers_sentence(found: Peers | None, actor: str, size: str) -> str:
    if found is None:
        return t("autodiagnostics.peers.none", minimum=peers.MIN_PEERS, actor=actor, size=size)
    return t(
        f"autodiagnostics.peers.{found.scope}",
        count=found.count,
        actor=actor,
        size=size,
        place=_place_name(found.scope, found.place),
        minimum=peers.MIN_PEERS,
    )


def read(assessment: Assessment) -> Reading:
    """Everything shown about a completed assessment (rescored from its answers: scoring is public and
    cheap, and the stored scores only feed the peer aggregates)."""
    chosen = instrument(assessment.instrument, assessment.version)
    result = score(chosen, assessment.answers)
    found = peers_of(assessment)
    spokes = []
    axes = []
    for section_score in result.sections:
        code = section_score.section.code
        peer = found.figures.get(code) if found else None
        spokes.append(Spoke(section_score.section.label, section_score.score, peer.median if peer else None))
        quartiles = f"{_n(peer.q1)} – {_n(peer.q3)}" if peer and peer.q1 is not None else ""
        axes.append(
            AxisRow(
                section_score.section.label,
                _n(section_score.score)
                if section_score.score is not None
                else t("autodiagnostics.not_applicable"),
                section_score.level.name if section_score.level else "",
                _n(peer.median) if peer else "",
                quartiles,
            )
        )
    chart = radar_chart(
        spokes, t("autodiagnostics.chart.title"), t("autodiagnostics.chart.peers") if found else None
    )
    try:
        results = store()
        build = published_build()
        figures = (
            published_figures(results, chosen, assessment.answers, assessment.region, build.id)
            if build is not None
            else []
        )
    except ObservatoireError:
        figures = []  # nothing published yet: the result stands without the survey figures
    steps = next_steps(result)
    actor = chosen.actor(assessment.actor)
    size = chosen.size(assessment.size)
    actor_label = actor.label if actor else assessment.actor
    size_label = size.label if size else assessment.size
    return Reading(
        instrument=chosen,
        result=result,
        chart=chart,
        axes=axes,
        strengths=strengths(result),
        weaknesses=weaknesses(result),
        steps=steps,
        curated=for_steps(steps, assessment.region),
        figures=figures,
        peers=found,
        peers_text=peers_sentence(found, actor_label, size_label),
        actor=actor_label,
        size=size_label,
        extra={"overall_peer": found.figures.get(peers.OVERALL) if found else None},
    )
