"""Generating the whole demo into a workspace: every wave through the real import path, and indicators.

Files land in ``<workspace>/demo/``: ``sources/`` (the survey files and their codebooks, as an institute
would deliver them), ``indicateurs/`` (indicator metadata and values) and ``manifest.json`` (what was
written and what the build should estimate); the imported microdata go where every import goes
(``<workspace>/microdata/<study>/<wave>/``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from observatoire.demo import associations, check, citizens, companies, files, foundations, indicators, mayors
from observatoire.demo.geography import Geography, metropolitan
from observatoire.demo.wave import WaveBuilder
from observatoire.diagnosis.codes import SYNTHETIC
from observatoire.errors import InputError
from observatoire.messages import t
from observatoire.numbers import number, significant
from observatoire.surveys import Codebook, import_wave, list_waves
from observatoire.workspace import Workspace, atomic_write

SOURCE = SYNTHETIC
DEFAULT_SEED = 2019
#: Reference sample size (IMPACT-Citoyens 2019, about 2,400 respondents): ``respondents`` scales to it.
REFERENCE_SIZE = 2400
#: Smallest wave ``respondents=`` may ask for (every stratum still gets respondents).
MINIMUM_SIZE = 200

Builder = Callable[[int, int, int, Geography], WaveBuilder]
#: (study, year, default size, builder), in generation order.
WAVES: tuple[tuple[str, int, int, Builder], ...] = (
    ("PHARE-Citoyens", 2015, 2000, citizens.build),
    ("IMPACT-Citoyens", 2019, 2400, citizens.build),
    ("PHARE-Entreprises", 2015, 1000, companies.build),
    ("IMPACT-Entreprises", 2021, 1200, companies.build),
    ("PHARE-Associations", 2015, 1500, associations.build),
    ("IMPACT-Associations", 2021, 1200, associations.build),
    ("PHARE-Institutions", 2016, 500, mayors.build),
    ("IMPACT-Elus locaux", 2020, 400, mayors.build),
    ("IMPACT-Fondations", 2021, 150, foundations.build),
)


@dataclass(frozen=True)
class DemoWave:
    """One generated wave: where it is, its design, and what to estimate from it.

    ``questions`` maps a question code to its variables (one per item); ``ratings`` are the 1-10
    fragility ratings (estimate mean, top-box 8-10, distribution); every other question variable is
    categorical (estimate the distribution of its codes). ``groups`` are the columns to estimate by:
    territories (``region``, ``survey_region``, ``macro_region``) and subgroups.
    """

    study: str
    wave: int
    population: str
    n: int
    data_file: Path
    codebook_file: Path
    microdata: Path
    codebook: Codebook
    weight: str
    strata: str | None
    territories: tuple[str, ...]
    groups: tuple[str, ...]
    questions: dict[str, tuple[str, ...]]
    ratings: tuple[str, ...]
    source: str = SOURCE

    def to_dict(self) -> dict[str, Any]:
        return {
            "study": self.study,
            "wave": self.wave,
            "population": self.population,
            "n": self.n,
            "data_file": str(self.data_file),
            "codebook_file": str(self.codebook_file),
            "microdata": str(self.microdata),
            "weight": self.weight,
            "strata": self.strata,
            "territories": list(self.territories),
            "groups": list(self.groups),
            "questions": {q: list(v) for q, v in self.questions.items()},
            "ratings": list(self.ratings),
            "source": self.source,
        }


@dataclass(frozen=True)
class DemoManifest:
    """What :func:`generate_demo` wrote. ``unmet`` lists published figures the waves miss (only possible
    with a small ``respondents``)."""

    root: Path
    seed: int
    respondents: int | None
    waves: tuple[DemoWave, ...]
    indicator_metadata: Path
    indicator_values: Path
    unmet: tuple[str, ...] = field(default=())
    source: str = SOURCE

    def wave(self, study: str, year: int) -> DemoWave:
        for wave in self.waves:
            if wave.study == study and wave.wave == year:
                return wave
        raise KeyError(f"{study} {year}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "respondents": self.respondents,
            "source": self.source,
            "waves": [w.to_dict() for w in self.waves],
            "indicator_metadata": str(self.indicator_metadata),
            "indicator_values": str(self.indicator_values),
            "unmet": list(self.unmet),
        }


def wave_size(default: int, respondents: int | None) -> int:
    """A wave's size: its default, or scaled so that IMPACT-Citoyens 2019 has ``respondents``."""
    if respondents is None:
        return default
    return max(MINIMUM_SIZE, round(default * respondents / REFERENCE_SIZE))


def build_waves(respondents: int | None = None, seed: int = DEFAULT_SEED) -> list[WaveBuilder]:
    """Every wave, in memory (columns, codebook), calibrated."""
    geo = metropolitan()
    return [builder(year, wave_size(size, respondents), seed, geo) for _, year, size, builder in WAVES]


def _frame(wave: WaveBuilder) -> pd.DataFrame:
    return pd.DataFrame(wave.columns)


def _unmet(row: dict[str, Any]) -> str:
    """The warning for one published figure the demo's sample missed."""
    return t(
        "demo.unmet", **{**row, "estimate": number(row["estimate"], 3), "target": significant(row["target"])}
    )


def generate_demo(
    workspace: Workspace, respondents: int | None = None, seed: int = DEFAULT_SEED
) -> DemoManifest:
    """Write every demo wave (survey file + codebook, imported through ``import_wave``) and the indicator
    files into ``workspace``; return what was written.

    ``respondents`` scales every wave (``None``: the real studies' sizes, IMPACT-Citoyens 2019 = 2,400).
    The same ``seed`` gives byte-identical source files. A workspace holding a wave that is not synthetic
    is refused before anything is written: the demo replaces its waves, and must never replace real ones.
    """
    real = [f"{wave.study} {wave.wave}" for wave in list_waves(workspace) if not wave.synthetic]
    if real:
        raise InputError(t("demo.real_waves", waves=", ".join(real), root=workspace.root))
    workspace.ensure()
    folder = workspace.demo_dir
    sources = folder / "sources"
    geo = metropolitan()
    unmet: list[str] = []
    waves = []
    # One wave at a time (built, checked, written, imported, dropped): memory is that of the largest.
    for _, year, size, builder in WAVES:
        wave = builder(year, wave_size(size, respondents), seed, geo)
        comparison = check.compare({(wave.study, wave.wave): _frame(wave)})
        unmet += [_unmet(row) for row in comparison[~comparison["met"]].to_dict("records")]
        data_file, codebook_file = files.write_wave(wave, sources)
        imported = import_wave(
            data_file,
            codebook_file,
            workspace,
            wave.study,
            wave.wave,
            wave.population,
            synthetic=True,
            replace=True,  # a demo wave replaces the previous demo's; real waves were refused above
        )
        territory_columns = tuple(g for g in wave.groups if g in ("region", "survey_region", "macro_region"))
        waves.append(
            DemoWave(
                study=wave.study,
                wave=wave.wave,
                population=wave.population,
                n=wave.n,
                data_file=data_file,
                codebook_file=codebook_file,
                microdata=imported.path,
                codebook=wave.codebook(),
                weight=wave.weight,
                strata=wave.strata,
                territories=territory_columns,
                groups=tuple(g for g in wave.groups if g not in territory_columns),
                questions={q: tuple(v) for q, v in wave.questions.items()},
                ratings=tuple(wave.ratings),
            )
        )
    metadata, values = indicators.write_indicators(workspace.demo_indicators_dir, seed)
    manifest = DemoManifest(
        root=folder,
        seed=seed,
        respondents=respondents,
        waves=tuple(waves),
        indicator_metadata=metadata,
        indicator_values=values,
        unmet=tuple(unmet),
    )
    with atomic_write(folder / "manifest.json") as temporary:
        temporary.write_text(json.dumps(manifest.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest
