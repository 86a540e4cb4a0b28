"""Command-line interface: thin wrappers that parse arguments and call the library.

Errors the user can fix (:class:`~observatoire.errors.ObservatoireError`) print one French line on stderr
and exit with code 2; anything else exits 1. ``--debug`` shows the traceback.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from observatoire import __version__, cli_french
from observatoire.errors import ObservatoireError
from observatoire.messages import t
from observatoire.numbers import number, significant
from observatoire.reference.listing import listing, listing_names

cli_french.install()  # before the commands are declared: click's own messages in French


#: Old command names, still accepted but not listed: every command is named in English, like the options
#: (the README and docs mostly used English names already); help and messages stay French.
ALIASES: dict[str, str] = {
    "vocabulaire": "vocabulary",
    "territoires": "territories",
    "pratiques": "practices",
    "catalyseurs": "catalysts",
    "outils": "tools",
    "purger": "purge",
    "marges": "margins",
}


class _AliasGroup(click.Group):
    """A group that also answers to the old names of its commands (:data:`ALIASES`), without listing them."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, ALIASES.get(cmd_name, cmd_name))


class _Group(_AliasGroup):
    """Turns library errors into one French line and an exit code, unless --debug."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ObservatoireError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"Erreur : {error}", err=True)
            sys.exit(error.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as error:  # a bug, not a user error: still one line unless --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"Erreur : {t('error.unexpected', error=error)}", err=True)
            sys.exit(1)


@click.group(cls=_Group, help=t("cli.help"), subcommand_metavar=t("cli.subcommand_metavar"))
@click.version_option(__version__, prog_name="observatoire")
@click.option("--debug", is_flag=True, help=t("cli.debug"))
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@main.command("vocabulary", help=t("reference.cli.vocabulary", names=", ".join(listing_names())))
@click.argument("liste", default="domaines")
def vocabulary_command(liste: str) -> None:
    from rich.console import Console
    from rich.table import Table

    found = listing(liste)
    table = Table(*found.headers, title=found.title, title_justify="left")
    table.columns[0].no_wrap = True  # a code is copied as is
    for row in found.rows:
        table.add_row(*row)
    Console().print(table)


@main.command("export", help=t("export.help"))
@click.argument("out", type=click.Path())
@click.option("--force", is_flag=True, help=t("export.force"))
def export_command(out: str, force: bool) -> None:
    from observatoire.diagnosis.export import export_results
    from observatoire.diagnosis.store import ResultsStore
    from observatoire.workspace import Workspace

    workspace = Workspace.from_env()
    with ResultsStore(workspace.database_url) as store:
        done = export_results(store, out, workspace=workspace, force=force)
    click.echo(
        t(
            "export.done",
            rows=done.rows,
            path=done.path,
            id=done.build.id,
            label=done.build.label,
            source=done.build.source,
        )
    )


@main.command("import", help=t("surveys.cli.help"))
@click.argument("data", type=click.Path(dir_okay=False))
@click.option(
    "--codebook", "codebook", required=True, type=click.Path(dir_okay=False), help=t("surveys.cli.codebook")
)
@click.option("--study", required=True, help=t("surveys.cli.study"))
@click.option("--wave", required=True, type=int, help=t("surveys.cli.wave"))
@click.option("--population", required=True, help=t("surveys.cli.population"))
@click.option("--sheet", default=None, help=t("surveys.cli.sheet"))
@click.option("--synthetic", is_flag=True, help=t("surveys.cli.synthetic"))
@click.option("--replace", is_flag=True, help=t("surveys.cli.replace"))
@click.option(
    "--accept-extreme-weights",
    is_flag=True,
    help=t("surveys.cli.accept_extreme_weights"),
)
def import_command(
    data: str,
    codebook: str,
    study: str,
    wave: int,
    population: str,
    sheet: str | None,
    synthetic: bool,
    replace: bool,
    accept_extreme_weights: bool,
) -> None:
    from observatoire.surveys import ValidationError, import_wave
    from observatoire.surveys.store import replaced_text
    from observatoire.surveys.validation import MAX_WEIGHT_RATIO
    from observatoire.workspace import Workspace

    try:
        done = import_wave(
            data,
            codebook,
            Workspace.from_env(),  # created by a successful import only
            study,
            wave,
            population,
            sheet=sheet,
            synthetic=synthetic,
            replace=replace,
            accept_extreme_weights=accept_extreme_weights,
        )
    except ValidationError as error:
        if error.total > 1:  # the summary line follows; list what an analyst fixes in one pass
            click.echo(t("surveys.cli.problems", count=error.total), err=True)
            for problem in error.problems[:50]:
                click.echo(f"  - {problem}", err=True)
            if error.total > 50:
                click.echo("  " + t("surveys.cli.more", count=error.total - 50), err=True)
        raise
    if done.ignored_columns:
        click.echo(t("surveys.cli.ignored", columns=", ".join(done.ignored_columns)))
    click.echo(
        t(
            "surveys.cli.done",
            wave=done.wave,
            study=done.study,
            population=done.population,
            n=done.n,
            variables=len(done.columns),
            path=done.path,
        )
    )
    if done.replaced:
        click.echo(replaced_text(done))
    if done.extreme_weights:
        ratio = significant(done.max_weight_ratio, 4)
        limit = significant(MAX_WEIGHT_RATIO)
        click.echo(t("surveys.cli.extreme_accepted", count=done.extreme_weights, limit=limit, ratio=ratio))


@main.command("territories", help=t("reference.cli.territoires"))
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--level",
    "--niveau",
    "level",
    default=None,
    help=t("reference.cli.territoires.level"),
)
def territoires_command(query: tuple[str, ...], level: str | None) -> None:
    from observatoire.reference.territory_text import describe_query

    click.echo(describe_query(" ".join(query), level))


# --- rake (stats calibration) ---------------------------------------------------------------------------
@main.command("rake", help=t("stats.calib.rake_help"))
@click.argument("data", type=click.Path(dir_okay=False))
@click.option("--weight", required=True, help=t("stats.calib.cli.weight"))
@click.option("--margin", "margins", multiple=True, required=True, help=t("stats.calib.cli.margin"))
@click.option("--out", required=True, type=click.Path(dir_okay=False), help=t("stats.calib.cli.out"))
@click.option("--weight-out", default=None, help=t("stats.calib.cli.weight_out"))
@click.option("--epsilon", type=float, default=None, help=t("stats.calib.cli.epsilon"))
@click.option("--maxit", type=int, default=50, show_default=True, help=t("stats.calib.cli.maxit"))
@click.option("--bounds", default=None, help=t("stats.calib.cli.bounds"))
def rake_command(
    data: str,
    weight: str,
    margins: tuple[str, ...],
    out: str,
    weight_out: str | None,
    epsilon: float | None,
    maxit: int,
    bounds: str | None,
) -> None:
    from observatoire.stats import weighting
    from observatoire.surveys import load_table

    specs = [weighting.parse_margin_spec(spec) for spec in margins]
    categories = [c for columns, _ in specs for c in columns]
    populations = {
        columns: weighting.margin_from_table(columns, load_table(file, text_columns=columns), file)
        for columns, file in specs
    }
    table = load_table(data, text_columns=categories)
    outcome = weighting.rake_table(
        table, weight, populations, epsilon=epsilon, maxit=maxit, bounds=weighting.parse_bounds(bounds),
        weight_out=weight_out,
    )  # fmt: skip
    click.echo(weighting.summary(outcome, weighting.write_parquet_atomically(outcome.data, out)))


# --- end rake --------------------------------------------------------------------------------------------


# --- estimate (stats) ------------------------------------------------------------------------------------
@main.command("estimate", help=t("stats.cli.estimate_help"))
@click.argument("data", type=click.Path(dir_okay=False))
@click.option("--weight", required=True, help=t("stats.cli.weight"))
@click.option("--strata", default=None, help=t("stats.cli.strata"))
@click.option("--psu", default=None, help=t("stats.cli.psu"))
@click.option("--fpc", default=None, help=t("stats.cli.fpc"))
@click.option("--by", default=None, help=t("stats.cli.by"))
@click.option("--mean", "means", multiple=True, help=t("stats.cli.mean"))
@click.option("--proportion", "proportions", multiple=True, help=t("stats.cli.proportion"))
@click.option("--top-box", "top_boxes", multiple=True, help=t("stats.cli.top_box"))
@click.option("--compare-to-rest", is_flag=True, help=t("stats.cli.compare"))
@click.option("--level", type=float, default=0.95, show_default=True, help=t("stats.cli.level"))
@click.option(
    "--ci", type=click.Choice(["normal", "t"]), default="normal", show_default=True, help=t("stats.cli.ci")
)
@click.option(
    "--lonely-psu",
    type=click.Choice(["fail", "adjust", "average", "certainty", "remove"]),
    default="fail",
    show_default=True,
    help=t("stats.cli.lonely"),
)
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", help=t("stats.cli.format")
)
def estimate_command(data: str, fmt: str, **options) -> None:
    from observatoire.stats.command import estimate_table, needed_columns
    from observatoire.surveys.columns import load_columns

    table = estimate_table(load_columns(data, needed_columns(options)), **options)
    if fmt == "json":
        click.echo(table.to_json(orient="records", force_ascii=False, double_precision=15))
    else:
        click.echo(table.to_csv(index=False), nl=False)


# --- end estimate ----------------------------------------------------------------------------------------


# --- build and demo --------------------------------------------------------------------------------------


def _build_with_progress(workspace, min_base: int, allow_removal: bool = False, export: bool = True):
    """Run the build under a French progress bar (one line per wave) and print its summary line, then
    write the open-data files (unless not ``export``: the demo writes them once, at its end)."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from observatoire.diagnosis.build import run_build

    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), transient=False) as bar:
        tasks: dict[str, int] = {}

        def progress(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total)
            bar.update(tasks[step], completed=done, total=total)

        report = run_build(workspace, min_base=min_base, progress=progress, allow_removal=allow_removal)
    click.echo(
        t(
            "build.done",
            id=report.build.id,
            figures=number(report.figures, 0),
            suppressed=number(report.suppressed, 0),
            waves=report.waves,
            indices=t("build.done.indices") if report.indices else "",
            seconds=number(report.seconds),
        )
    )
    if export:
        from observatoire.diagnosis.export import export_open_data
        from observatoire.diagnosis.store import ResultsStore

        with ResultsStore.from_workspace(workspace) as store:
            written = export_open_data(store, workspace.exports_dir)
        _echo_open_data(workspace, [w.path.name for w in written])
    return report


def _echo_open_data(workspace, names: list[str]) -> None:
    click.echo(t("build.open_data", folder=workspace.exports_dir, files=", ".join(names)))


@main.command("build", help=t("build.help"))
@click.option(
    "--min-base", type=click.IntRange(min=0), default=30, show_default=True, help=t("build.min_base")
)
@click.option("--allow-removal", is_flag=True, help=t("removal.allow"))
def build_command(min_base: int, allow_removal: bool) -> None:
    from observatoire.workspace import Workspace

    _build_with_progress(Workspace.from_env(), min_base, allow_removal)


@main.command("builds", help=t("builds.help"))
def builds_command() -> None:
    from rich.console import Console
    from rich.table import Table

    from observatoire.diagnosis.publish import builds_listing
    from observatoire.workspace import Workspace

    headers, rows = builds_listing(Workspace.from_env())
    table = Table(*headers, title=t("builds.title"), title_justify="left")
    for row in rows:
        table.add_row(*row)
    Console().print(table)


@main.command("publish", help=t("publish.help"))
@click.argument("build_id", metavar="N", type=click.IntRange(min=1))
@click.option("--allow-removal", is_flag=True, help=t("removal.allow"))
def publish_command(build_id: int, allow_removal: bool) -> None:
    from observatoire.diagnosis.publish import publish_build
    from observatoire.workspace import Workspace

    done = publish_build(Workspace.from_env(), build_id, allow_removal=allow_removal)
    click.echo(t("publish.done", id=done.id, label=done.label, figures=done.row_count))


@main.command("demo", help=t("build.demo.help"))
@click.option("--respondents", type=click.IntRange(min=1), default=None, help=t("build.demo.respondents"))
@click.option("--build-only", is_flag=True, help=t("build.demo.build_only"))
@click.option("--seed", type=int, default=2019, show_default=True, help=t("build.demo.seed"))
@click.option(
    "--min-base", type=click.IntRange(min=0), default=30, show_default=True, help=t("build.min_base")
)
def demo_command(respondents: int | None, build_only: bool, seed: int, min_base: int) -> None:
    import time

    from observatoire.demo import generate_demo
    from observatoire.diagnosis.build_summary import summary_lines
    from observatoire.diagnosis.store import ResultsStore
    from observatoire.workspace import Workspace

    workspace = Workspace.from_env()  # generate_demo refuses real waves before creating anything
    click.echo(t("build.demo.generating"))
    started = time.perf_counter()
    manifest = generate_demo(workspace, respondents=respondents, seed=seed)
    click.echo(
        t(
            "build.demo.generated",
            waves=len(manifest.waves),
            root=workspace.root,
            respondents=number(sum(wave.n for wave in manifest.waves), 0),
            seconds=number(time.perf_counter() - started),
        )
    )
    if manifest.unmet:
        click.echo(t("build.demo.unmet", count=len(manifest.unmet)), err=True)
    # only synthetic waves here (see above); the open data are written once, by the consultations' demo
    # below, which publishes its figures beside the build's (the export took half this command's time)
    _build_with_progress(workspace, min_base, allow_removal=True, export=False)
    from observatoire.web.autodiagnostics.commands import demo as autodiagnostics_demo

    click.echo(t("autodiagnostics.cli.demo_done", count=autodiagnostics_demo(4000, seed)))
    from observatoire.web.partenariats.commands import demo as evaluations_demo

    _echo_evaluation_links(evaluations_demo(12, seed))
    _load_acting_demo(seed)
    from observatoire.web.consultations.commands import demo as consultations_demo

    click.echo(t("consultations.cli.demo_done", count=consultations_demo(seed)))
    from observatoire.diagnosis.export import OPEN_DATA_FILES

    _echo_open_data(workspace, list(OPEN_DATA_FILES))
    if build_only:
        return
    with ResultsStore.from_workspace(workspace) as store:
        for line in summary_lines(store):
            click.echo(line)
    _serve(DEFAULT_HOST, DEFAULT_PORT, None, dev=True)  # synthetic data, on this machine only


def _django() -> None:
    from observatoire.web.setup import setup

    setup()


def _load_acting_demo(seed: int) -> None:
    _django()
    from observatoire.web.agir.demo import load_demo_content

    counts = load_demo_content(seed)
    click.echo(
        t(
            "agir.demo.loaded",
            cases=counts["pratiques"],
            catalysts=counts["catalyseurs"],
            tools=counts["outils"],
        )
    )


def _acting_records() -> tuple:
    """The published case base, for the reports' « Pour agir » section (the web's database owns it)."""
    _django()
    from observatoire.web.agir.catalog import catalog

    return catalog().records


def _acting_group(name: str, kind: str) -> None:
    """``observatoire practices|catalysts|tools import FILE [--dry-run]`` and ``export OUT`` (``kind``: the
    case base's own word for the entries, French)."""

    @main.group(name, help=t("agir.cli.help", kind=kind))
    def group() -> None:
        pass

    @group.command("import", help=t("agir.cli.import"))
    @click.argument("file", type=click.Path(dir_okay=False))
    @click.option("--dry-run", is_flag=True, help=t("agir.cli.dry_run"))
    def import_(file: str, dry_run: bool) -> None:
        from pathlib import Path

        _django()
        from observatoire.web.agir.transfer import import_file

        count = import_file(kind, Path(file), dry_run=dry_run)
        name = Path(file).name
        click.echo(t("agir.import.checked" if dry_run else "agir.import.done", file=name, count=count))

    @group.command("export", help=t("agir.cli.export"))
    @click.argument("out", type=click.Path(dir_okay=False))
    def export(out: str) -> None:
        from pathlib import Path

        _django()
        from observatoire.web.agir.transfer import export_file

        click.echo(t("agir.export.done", count=export_file(kind, Path(out)), file=out))


for _name, _kind in (("practices", "pratiques"), ("catalysts", "catalyseurs"), ("tools", "outils")):
    _acting_group(_name, _kind)


@main.command("report", help=t("reports.cli.help"))
@click.argument("territory", required=False)
@click.option("--all", "all_", is_flag=True, help=t("reports.cli.all"))
@click.option("--format", "formats", default="html,pdf", show_default=True, help=t("reports.cli.format"))
@click.option("--out", type=click.Path(file_okay=False), default=None, help=t("reports.cli.out"))
def report_command(territory: str | None, all_: bool, formats: str, out: str | None) -> None:
    from pathlib import Path

    from observatoire.diagnosis.store import ResultsStore
    from observatoire.errors import InputError
    from observatoire.reports.data import resolve
    from observatoire.reports.write import parse_formats, write_all, write_report
    from observatoire.workspace import Workspace

    if all_ == (territory is not None):
        raise InputError(t("reports.cli.one_or_all"))
    workspace = Workspace.from_env()
    folder = Path(out) if out else workspace.ensure().reports_dir
    chosen = parse_formats(formats)
    if all_:
        written = write_all(workspace.database_url, folder, chosen, records=_acting_records())
    else:
        place = resolve(territory)  # an unknown territory is said before anything is read
        with ResultsStore.from_workspace(workspace) as store:
            written = [write_report(store, place, folder, chosen, _acting_records())]
    for done in written:
        names = ", ".join(path.name for path in done.paths)
        click.echo(t("reports.cli.done", name=done.territory.name, paths=names))
    click.echo(t("reports.cli.folder", folder=folder))


@main.group("autodiagnostics", cls=_AliasGroup, help=t("autodiagnostics.cli.help"))
def autodiagnostics_group() -> None:
    pass


@autodiagnostics_group.command("demo", help=t("autodiagnostics.cli.demo"))
@click.option("--count", "--nombre", "count", type=click.IntRange(min=1), default=4000, show_default=True)
@click.option("--seed", type=int, default=2026, show_default=True)
def autodiagnostics_demo(count: int, seed: int) -> None:
    from observatoire.web.autodiagnostics.commands import demo

    click.echo(t("autodiagnostics.cli.demo_done", count=demo(count, seed)))


@main.group("evaluations", help=t("partenariats.cli.help"))
def evaluations_group() -> None:
    pass


@evaluations_group.command("demo", help=t("partenariats.cli.demo"))
@click.option(
    "--count", "--nombre", "count", type=click.IntRange(min=1, max=500), default=12, show_default=True
)
@click.option("--seed", type=int, default=2026, show_default=True)
def evaluations_demo(count: int, seed: int) -> None:
    from observatoire.web.partenariats.commands import demo as create

    _echo_evaluation_links(create(count, seed))


def _echo_evaluation_links(tokens: list[str]) -> None:
    """The demo evaluations' count and the private links of a few openers (synthetic, to try the mirror)."""
    click.echo(t("partenariats.cli.demo_done", count=len(tokens)))
    for token in tokens[:3]:
        click.echo(f"  /evaluations/p/{token}/")


@main.command("purge", help=t("retention.cli.help"))
@click.option(
    "--days", "--jours", "days", type=click.IntRange(min=0), default=None, help=t("retention.cli.days")
)
def purge_command(days: int | None) -> None:
    from observatoire.web.setup import setup

    setup()
    from observatoire.web import retention

    done, days = retention.purge(days)
    if days <= 0:
        click.echo(t("retention.cli.kept"))
    for purger, count in done if days > 0 else ():
        click.echo(t("retention.cli.purged", label=purger.label, count=count, days=days))


@main.group("consultation", cls=_AliasGroup, help=t("consultations.cli.help"))
def consultation_group() -> None:
    pass


@consultation_group.command("import", help=t("consultations.cli.import"))
@click.argument("consultation_id", metavar="ID", type=int)
@click.argument("file", metavar="FICHIER", type=click.Path(dir_okay=False))
def consultation_import(consultation_id: int, file: str) -> None:
    from pathlib import Path

    from observatoire.web.consultations.commands import import_paper

    count, title = import_paper(consultation_id, Path(file))
    click.echo(t("consultations.paper.done", count=count, title=title))


@consultation_group.command("margins", help=t("consultations.cli.margins"))
@click.argument("consultation_id", metavar="ID", type=int)
@click.argument("file", metavar="FICHIER", type=click.Path(dir_okay=False))
def consultation_margins(consultation_id: int, file: str) -> None:
    from pathlib import Path

    from observatoire.web.consultations.commands import set_margins

    total, title = set_margins(consultation_id, Path(file))
    click.echo(t("consultations.margins.done", title=title, total=number(total, 0)))


@consultation_group.command("demo", help=t("consultations.cli.demo"))
@click.option("--seed", type=int, default=2026, show_default=True)
def consultation_demo(seed: int) -> None:
    from observatoire.web.consultations.commands import demo

    click.echo(t("consultations.cli.demo_done", count=demo(seed)))


DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000


def _serve(host: str, port: int, workers: int | None, **choices: Any) -> None:
    from observatoire.web.serve import serve

    serve(host, port, workers, **choices)


@main.command("serve", help=t("serve.help"))
@click.option("--host", default=DEFAULT_HOST, show_default=True, help=t("serve.host"))
@click.option(
    "--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True, help=t("serve.port")
)
@click.option("--workers", type=click.IntRange(min=1), default=None, help=t("serve.workers"))
@click.option("--dev", is_flag=True, help=t("serve.dev"))
@click.option("--access-log", type=click.Path(dir_okay=False), default=None, help=t("serve.access_log"))
@click.option("--error-log", type=click.Path(dir_okay=False), default=None, help=t("serve.error_log"))
def serve_command(
    host: str, port: int, workers: int | None, dev: bool, access_log: str | None, error_log: str | None
) -> None:
    _serve(host, port, workers, dev=dev, access_log=access_log, error_log=error_log)
