"""``observatoire build``: every figure of every imported wave and the objective indices, in one build.

The build reads only the workspace (imported waves with their codebooks, indicator files), so that the
demo and real data take the same path. Each wave's figures are written as soon as they are estimated,
inside one results-store build: readers keep the previous build until the last figure is in, and a
failure (a corrupt wave file, an estimation error) or a killed process leaves it published. The indicator
files are read and the indices computed before the build starts, and what the build would remove from the
published one is checked (:mod:`observatoire.diagnosis.removal`), so that a bad indicator file or a moved
folder changes nothing at all in the workspace.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select

from observatoire.diagnosis import build_diagnosis, build_estimates, build_indices, removal
from observatoire.diagnosis.build_plan import plan_wave
from observatoire.diagnosis.codes import SYNTHETIC
from observatoire.diagnosis.rows import DEFAULT_MIN_BASE
from observatoire.diagnosis.schema import results
from observatoire.diagnosis.store import Build, BuildInfo, ResultsStore
from observatoire.errors import InputError, StoreError
from observatoire.messages import t
from observatoire.surveys import ImportedWave, list_waves, read_wave
from observatoire.workspace import Workspace

#: ``progress(step, done, total)``: a step's French label and how far it is (for a progress bar).
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildReport:
    """What a build did: the published version, its figures, and how long it took."""

    build: BuildInfo
    figures: int
    suppressed: int
    waves: int
    indices: bool
    seconds: float


def wave_source(wave: ImportedWave) -> str:
    """The ``source`` of a wave's figures: « synthétique » for demo data, else the study and its file."""
    return SYNTHETIC if wave.synthetic else t("build.source.survey", study=wave.study, file=wave.source_file)


def _build_source(waves: list[ImportedWave], indices: bool) -> str:
    if waves and all(wave.synthetic for wave in waves):
        return SYNTHETIC
    if any(wave.synthetic for wave in waves):
        return t("build.source.mixed")
    return t("build.source.surveys") if waves else t("build.source.indicators")


def _suppressed(store: ResultsStore, build_id: int) -> int:
    with store.engine.connect() as connection:
        counting = (
            select(func.count())
            .select_from(results)
            .where(results.c.build_id == build_id, results.c.suppressed.is_(True))
        )
        return int(connection.execute(counting).scalar_one())


def _fill(
    build: Build,
    workspace: Workspace,
    waves: list[ImportedWave],
    indices: pd.DataFrame | None,
    report: Progress,
) -> None:
    """Add each wave's figures, their change since the population's previous wave and the domain ranks;
    then the objective indices and, for each population's latest wave, perceived vs objective."""
    last: dict[str, pd.DataFrame] = {}  # population -> figures of its latest wave so far
    ranks: dict[str, pd.DataFrame] = {}  # population -> domain ranks of its latest wave so far
    for wave in sorted(waves, key=lambda wave: (wave.population, wave.wave, wave.study)):
        step = t("build.step.wave", study=wave.study, wave=wave.wave, n=wave.n)
        data, codebook, meta = read_wave(workspace, wave.study, wave.wave)
        rows = build_estimates.estimate_wave(
            data, codebook, meta, wave_source(meta), lambda done, total, s=step: report(s, done, total)
        )
        build.add(rows)
        previous = last.get(wave.population)
        if previous is not None and int(previous["wave"].iloc[0]) < wave.wave:
            _add(build, build_estimates.wave_changes(previous, rows))
        last[wave.population] = rows
        ranks[wave.population] = build_diagnosis.domain_ranks(rows, plan_wave(codebook, wave.population))
        _add(build, ranks[wave.population])
    if indices is not None:
        build.add(indices)
        for population_ranks in ranks.values():
            _add(build, build_diagnosis.perceived_vs_objective(population_ranks, indices))


def _indices(
    files: build_indices.IndicatorFiles | None, n_draws: int, report: Progress
) -> pd.DataFrame | None:
    """The objective indices, computed before the build starts: a bad indicator file then changes nothing."""
    if files is None:
        return None
    step = t("build.step.indices", draws=n_draws)
    report(step, 0, 1)
    indices = build_indices.index_rows(files, n_draws=n_draws)
    report(step, 1, 1)
    return indices


def _add(build: Build, rows: pd.DataFrame) -> None:
    if not rows.empty:
        build.add(rows)


def run_build(
    workspace: Workspace,
    *,
    min_base: int = DEFAULT_MIN_BASE,
    label: str | None = None,
    progress: Progress | None = None,
    n_draws: int = 1000,
    allow_removal: bool = False,
) -> BuildReport:
    """Estimate everything the workspace holds and publish it as a new build of its results store.

    ``min_base``: unweighted base under which a figure is stored as suppressed; ``n_draws``: Monte Carlo
    draws of the index rank intervals. Raises :class:`InputError` when there is nothing to build, and
    (unless ``allow_removal``) when the build would drop a wave, a population or the indices of the
    published build, or too many of its figures (:mod:`observatoire.diagnosis.removal`).
    """
    started = time.perf_counter()
    report = progress or (lambda _step, _done, _total: None)
    waves = list_waves(workspace)
    files = build_indices.indicator_files(workspace)
    if not waves and files is None:
        raise InputError(t("build.nothing", root=workspace.root))
    parameters = {
        "min_base": min_base,
        "flag_level": build_estimates.FLAG_LEVEL,
        "lonely_psu": build_estimates.LONELY_PSU,
        "waves": [f"{wave.study} {wave.wave}" for wave in waves],
        "index_draws": n_draws if files else None,
        "synthetic": any(wave.synthetic for wave in waves) or build_indices.synthetic_indicators(files),
        "extreme_weights_accepted": {
            f"{wave.study} {wave.wave}": wave.extreme_weights for wave in waves if wave.extreme_weights
        },
        "removal_allowed": allow_removal,
    }
    label = label or t("build.label", waves=len(waves))
    # not from_workspace: a refused build must not even create the workspace's missing folders
    with ResultsStore(workspace.database_url, min_base=min_base) as store:
        published = store.current_build()
        if published is not None and not allow_removal:
            coming = removal.Contents(
                waves=frozenset(parameters["waves"]),
                populations=frozenset(wave.population for wave in waves),
                indices=files is not None,
            )
            removal.refuse_missing(removal.build_contents(store, published), coming)
        indices = _indices(files, n_draws, report)
        if workspace.database_url.startswith("sqlite"):
            workspace.ensure()
        with store.new_build(label, _build_source(waves, files is not None), parameters) as build:
            _fill(build, workspace, waves, indices, report)
            if published is not None and not allow_removal:
                removal.refuse_shrink(store, published, build.id)
        info = store.current_build()
        if info is None or info.id != build.id:  # pragma: no cover - another build switched in between
            raise StoreError(t("store.build_not_found", id=build.id))
        suppressed = _suppressed(store, build.id)
    return BuildReport(
        build=info,
        figures=info.row_count,
        suppressed=suppressed,
        waves=len(waves),
        indices=files is not None,
        seconds=time.perf_counter() - started,
    )
