"""The kept builds of a workspace, and putting an earlier one back (``observatoire builds``, ``publish N``).

The store keeps the last few complete builds (``ResultsStore.keep``): when a new build turns out wrong,
the previous one is published again in one transaction, under the build lock, like a build. Going back
to a build that holds less is refused as a build would be (:mod:`observatoire.diagnosis.removal`).
"""

from __future__ import annotations

from observatoire.diagnosis import removal
from observatoire.diagnosis.store import BuildInfo, ResultsStore
from observatoire.errors import StoreError
from observatoire.messages import t
from observatoire.numbers import number
from observatoire.workspace import Workspace


def builds_listing(workspace: Workspace) -> tuple[list[str], list[list[str]]]:
    """Headers and one row per kept build (number, date, waves, figures, published or not), newest first."""
    with ResultsStore(workspace.database_url) as store:
        published = store.current_build()
        if published is None:
            raise StoreError(t("store.nothing_published"))
        kept = store.kept_builds()
    headers = [t(f"builds.column.{name}") for name in ("id", "date", "waves", "figures", "published")]
    rows = []
    for info in kept:
        moment = info.finished_at or info.started_at
        waves = (info.parameters or {}).get("waves") or []
        rows.append(
            [
                str(info.id),
                moment.strftime("%Y-%m-%d %H:%M UTC"),
                ", ".join(waves) or t("builds.no_wave"),
                number(info.row_count, 0),
                t("builds.published") if info.id == published.id else "",
            ]
        )
    return headers, rows


def publish_build(workspace: Workspace, build_id: int, *, allow_removal: bool = False) -> BuildInfo:
    """Publish the kept build ``build_id`` again; refused if it drops what the published one holds."""

    def check(published: BuildInfo | None, chosen: BuildInfo) -> None:
        if published is None or allow_removal or published.id == chosen.id:
            return
        contents = removal.build_contents(store, chosen)
        removal.refuse_missing(removal.build_contents(store, published), contents)
        removal.refuse_shrink(store, published, chosen.id)

    with ResultsStore(workspace.database_url) as store:
        return store.publish(build_id, check)
