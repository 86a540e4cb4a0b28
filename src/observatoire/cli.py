"""Command-line interface: thin wrappers that parse arguments and call the library.

Errors the user can fix (:class:`~observatoire.errors.ObservatoireError`) print one French line on stderr
and exit with code 2; anything else exits 1. ``--debug`` shows the traceback.
"""

from __future__ import annotations

import sys

import click

from observatoire import __version__
from observatoire.errors import ObservatoireError
from observatoire.messages import t
from observatoire.reference.listing import listing, listing_names


class _Group(click.Group):
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


@click.group(cls=_Group, help=t("cli.help"))
@click.version_option(__version__, prog_name="observatoire")
@click.option("--debug", is_flag=True, help=t("cli.debug"))
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@main.command("vocabulaire", help=t("reference.cli.vocabulary", names=", ".join(listing_names())))
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
@click.argument("out", type=click.Path(dir_okay=False))
def export_command(out: str) -> None:
    from observatoire.diagnosis.export import export_results
    from observatoire.diagnosis.store import ResultsStore
    from observatoire.workspace import Workspace

    with ResultsStore.from_workspace(Workspace.from_env()) as store:
        done = export_results(store, out)
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


@main.command("territoires", help=t("reference.cli.territoires"))
@click.argument("query", nargs=-1, required=True)
@click.option(
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
