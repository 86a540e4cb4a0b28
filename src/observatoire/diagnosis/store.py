"""The results store: builds are written as new versions, and the read API serves the published one.

A build is atomic. ``with store.new_build(...) as build:`` records a ``building`` version, each
``build.add(rows)`` commits its batch under that version (invisible to readers, who only see the build
``obs_current_build`` points to), and a clean exit marks the build complete and switches the pointer in
one transaction. An exception marks it failed and leaves the pointer alone; a killed builder leaves a
``building`` version that the next build, once it holds the build lock, marks failed and deletes.
After a switch only the last ``keep`` complete builds are kept.

The read API (:meth:`ResultsStore.query`, :meth:`~ResultsStore.count`, :meth:`~ResultsStore.distinct`,
:meth:`~ResultsStore.current_build`) is the only way the web and the reports read results.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from observatoire import __version__
from observatoire.diagnosis import locks, rows
from observatoire.diagnosis.codes import SYNTHETIC
from observatoire.diagnosis.engine import make_engine, sqlite_path
from observatoire.diagnosis.query import DISTINCT_COLUMNS, rows_statement, to_frame, where
from observatoire.diagnosis.schema import (
    BUILDING,
    COMPLETE,
    FAILED,
    READ_COLUMNS,
    WRITE_COLUMNS,
    builds,
    check_version,
    current_build,
    database_version,
    migrate,
    results,
)
from observatoire.errors import InputError, StoreError
from observatoire.messages import t
from observatoire.workspace import Workspace

DEFAULT_KEEP = 3


@dataclass(frozen=True)
class BuildInfo:
    """One version of the results: what made it, when, and how many figures it holds."""

    id: int
    status: str
    label: str
    source: str
    parameters: dict[str, Any] | None
    code_version: str
    min_base: int
    row_count: int
    started_at: datetime
    finished_at: datetime | None

    @property
    def synthetic(self) -> bool:
        """Whether any input of this build is synthetic: every banner, report and summary then says so.

        The build records it in its parameters; a build written without the flag (by hand, or before
        it existed) is synthetic when its source is.
        """
        recorded = (self.parameters or {}).get("synthetic")
        return bool(recorded) if recorded is not None else self.source == SYNTHETIC


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back; every time the store writes is UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _info(row: Mapping[str, Any]) -> BuildInfo:
    values = dict(row)
    values["started_at"] = _utc(values["started_at"])
    values["finished_at"] = _utc(values["finished_at"])
    return BuildInfo(**values)


class Build:
    """A build being written; obtained from :meth:`ResultsStore.new_build`, used inside its ``with``."""

    def __init__(self, store: ResultsStore, build_id: int, source: str, min_base: int) -> None:
        self._store = store
        self.id = build_id
        self.source = source
        self.min_base = min_base
        self.row_count = 0
        self._open = True

    def add(self, frame: pd.DataFrame) -> int:
        """Validate ``frame``, apply the suppression rule and store its rows; return how many were stored."""
        if not self._open:
            raise StoreError(t("store.build_closed", id=self.id))
        prepared = rows.prepare(frame, source=self.source, min_base=self.min_base)
        if prepared.empty:
            return 0
        records = rows.records(prepared, self.id, self.row_count)
        with self._store.engine.begin() as connection:
            _bulk_insert(connection, records)
            connection.execute(
                update(builds)
                .where(builds.c.id == self.id)
                .values(row_count=builds.c.row_count + len(prepared))
            )
        self.row_count += len(prepared)
        return len(prepared)


def _point_to(connection: Connection, build_id: int) -> None:
    """Make ``build_id`` the published build (inside the caller's transaction)."""
    switched = connection.execute(
        update(current_build).where(current_build.c.singleton == 1).values(build_id=build_id)
    )
    if switched.rowcount == 0:
        connection.execute(insert(current_build).values(singleton=1, build_id=build_id))


def _bulk_insert(connection: Connection, records: Iterator[tuple]) -> None:
    """COPY on PostgreSQL, ``executemany`` on SQLite: the fastest plain path of each driver."""
    driver = connection.connection.driver_connection
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in WRITE_COLUMNS)
    if connection.dialect.name == "postgresql":
        with driver.cursor() as cursor, cursor.copy(f"COPY {results.name} ({names}) FROM STDIN") as copy:
            for record in records:
                copy.write_row(record)
    elif connection.dialect.name == "sqlite":
        marks = ", ".join("?" for _ in WRITE_COLUMNS)
        cursor = driver.cursor()
        try:
            cursor.executemany(f"INSERT INTO {results.name} ({names}) VALUES ({marks})", records)
        finally:
            cursor.close()
    else:  # any other database SQLAlchemy knows: portable, slower
        connection.execute(insert(results), [dict(zip(WRITE_COLUMNS, r, strict=True)) for r in records])


def _sort_found_rows(filters: Mapping[str, Any], limit: int | None) -> bool:
    """Whether SQLite should sort the rows an index finds rather than walk the build in key order.

    Its planner walks the build even for a 13-row map (200 ms on 500k rows instead of 2). Sorting is right
    for every full answer and for a page whose filters an index narrows (a territory, or a question of a
    wave); a page of a broad filter (one population, one level) is found faster by the walk, which stops
    after ``offset + limit`` rows.
    """
    if not any(value is not None for value in filters.values()):
        return False
    if limit is None:
        return True
    narrow = ("population", "wave", "question")
    return filters.get("territory") is not None or all(filters.get(name) is not None for name in narrow)


class ResultsStore:
    """The results store of one database (SQLite file or PostgreSQL URL).

    ``min_base`` is the unweighted base under which a figure is suppressed; ``keep`` how many complete
    builds are kept (the published one included). Call :meth:`close` (or use ``with``) when done.
    """

    def __init__(self, url: str, *, min_base: int = rows.DEFAULT_MIN_BASE, keep: int = DEFAULT_KEEP) -> None:
        if keep < 1:
            raise InputError(t("store.bad_keep", keep=keep))
        if min_base < 0:
            raise InputError(t("store.bad_min_base", min_base=min_base))
        self.engine: Engine = make_engine(url)
        self.min_base = min_base
        self.keep = keep
        self._readable = False

    @classmethod
    def from_workspace(cls, workspace: Workspace, **options: Any) -> ResultsStore:
        """The store of ``workspace`` (its SQLite file, or ``$DATABASE_URL``)."""
        if workspace.database_url.startswith("sqlite"):
            workspace.ensure()
        return cls(workspace.database_url, **options)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> ResultsStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def migrate(self) -> int:
        """Create or upgrade the store's tables; return the schema version."""
        try:
            return migrate(self.engine)
        except SQLAlchemyError as error:
            raise StoreError(t("store.unreachable", error=error.__class__.__name__)) from error

    # --- writing -----------------------------------------------------------------------------------

    @contextlib.contextmanager
    def new_build(
        self,
        label: str,
        source: str,
        parameters: Mapping[str, Any] | None = None,
        *,
        min_base: int | None = None,
    ) -> Iterator[Build]:
        """A new build to fill with ``build.add(rows)``; published when the ``with`` block ends cleanly."""
        if not str(label).strip() or not str(source).strip():
            raise InputError(t("store.build_needs_label"))
        self.migrate()
        lock = locks.acquire(self.engine)
        try:
            self._discard_abandoned()
            build = self._start(label, source, dict(parameters or {}), min_base)
            try:
                yield build
                build._open = False
                self._complete(build)
            except BaseException:
                build._open = False
                self._fail(build.id)
                raise
            self._apply_retention()
            self._analyze()
        finally:
            lock.release()

    def _start(self, label: str, source: str, parameters: dict, min_base: int | None) -> Build:
        base = self.min_base if min_base is None else min_base
        if base < 0:
            raise InputError(t("store.bad_min_base", min_base=base))
        with self.engine.begin() as connection:
            build_id = connection.execute(
                insert(builds)
                .values(
                    status=BUILDING,
                    label=label,
                    source=source,
                    parameters=parameters,
                    code_version=__version__,
                    min_base=base,
                    row_count=0,
                    started_at=datetime.now(UTC),
                )
                .returning(builds.c.id)
            ).scalar_one()
        return Build(self, build_id, source, base)

    def _complete(self, build: Build) -> None:
        if build.row_count == 0:
            raise StoreError(t("store.build_empty", id=build.id))
        with self.engine.begin() as connection:
            connection.execute(
                update(builds)
                .where(builds.c.id == build.id)
                .values(status=COMPLETE, finished_at=datetime.now(UTC))
            )
            _point_to(connection, build.id)

    def publish(
        self, build_id: int, check: Callable[[BuildInfo | None, BuildInfo], None] | None = None
    ) -> BuildInfo:
        """Put an earlier complete build back in front of readers: one transaction, under the build lock.

        ``check(published, chosen)`` runs under the lock before the switch and may refuse it by raising.
        """
        self._check_readable()
        lock = locks.acquire(self.engine)
        try:
            with self.engine.begin() as connection:
                found = connection.execute(select(builds).where(builds.c.id == build_id)).first()
                if found is None or found.status != COMPLETE:
                    raise StoreError(t("store.build_not_found", id=build_id))
                chosen = _info(found._mapping)
                if check is not None:
                    check(self.current_build(connection), chosen)
                _point_to(connection, build_id)
        finally:
            lock.release()
        return chosen

    def kept_builds(self) -> list[BuildInfo]:
        """The complete builds kept (the ones :meth:`publish` can put back), most recent first."""
        return [info for info in self.history() if info.status == COMPLETE]

    def _fail(self, build_id: int) -> None:
        """Mark ``build_id`` failed and drop its rows; if the database is gone, the next build will."""
        with contextlib.suppress(SQLAlchemyError), self.engine.begin() as connection:
            connection.execute(
                update(builds)
                .where(builds.c.id == build_id)
                .values(status=FAILED, finished_at=datetime.now(UTC))
            )
            connection.execute(delete(results).where(results.c.build_id == build_id))

    def _discard_abandoned(self) -> None:
        """Builds still ``building`` while we hold the build lock were killed: fail them, drop their rows."""
        with self.engine.connect() as connection:
            abandoned = connection.execute(select(builds.c.id).where(builds.c.status == BUILDING)).scalars()
            ids = list(abandoned)
        for build_id in ids:
            self._fail(build_id)

    def _apply_retention(self) -> None:
        """Delete all but the last ``keep`` complete builds (the published one is always kept)."""
        with self.engine.begin() as connection:
            kept = set(
                connection.execute(
                    select(builds.c.id)
                    .where(builds.c.status == COMPLETE)
                    .order_by(builds.c.finished_at.desc(), builds.c.id.desc())
                    .limit(self.keep)
                ).scalars()
            )
            kept.update(connection.execute(select(current_build.c.build_id)).scalars())
            old = [i for i in connection.execute(select(builds.c.id)).scalars() if i not in kept]
            if old:
                connection.execute(delete(results).where(results.c.build_id.in_(old)))
                connection.execute(delete(builds).where(builds.c.id.in_(old)))

    def _analyze(self) -> None:
        """Refresh the planner's statistics, without which SQLite scans a whole build for a 13-row map."""
        with self.engine.begin() as connection:
            if connection.dialect.name in ("sqlite", "postgresql"):
                connection.exec_driver_sql(f"ANALYZE {results.name}")

    # --- reading -----------------------------------------------------------------------------------

    @contextlib.contextmanager
    def reading(self, snapshot: bool = False) -> Iterator[Connection]:
        """A connection for reading; ``snapshot`` for several reads that must agree (an export).

        A single read needs no snapshot: the published build is chosen inside its one statement.
        """
        self._check_readable()
        with self.engine.connect() as connection:
            if snapshot and connection.dialect.name == "postgresql":  # SQLite transactions are snapshots
                connection.execution_options(isolation_level="REPEATABLE READ")
            try:
                yield connection
            except SQLAlchemyError as error:
                raise StoreError(t("store.unreachable", error=error.__class__.__name__)) from error

    def _store_exists(self) -> bool:
        """Whether the store's tables exist (checked until they do); refuses a newer schema."""
        if self._readable:
            return True
        path = sqlite_path(self.engine.url)
        if path is not None and not path.exists():
            return False  # do not create an empty database file just by reading
        try:
            with self.engine.connect() as connection:
                found = database_version(connection)
        except SQLAlchemyError as error:
            raise StoreError(t("store.unreachable", error=error.__class__.__name__)) from error
        check_version(found)
        self._readable = bool(found)
        return self._readable

    def _check_readable(self) -> None:
        if not self._store_exists():
            raise StoreError(t("store.nothing_published"))

    def current_build(self, connection: Connection | None = None) -> BuildInfo | None:
        """The published build, or ``None`` when nothing has been published yet."""
        if connection is None and not self._store_exists():
            return None
        with contextlib.ExitStack() as stack:
            if connection is None:
                connection = stack.enter_context(self.reading())
            row = connection.execute(
                select(builds).join(current_build, current_build.c.build_id == builds.c.id)
            ).first()
        return None if row is None else _info(row._mapping)

    def history(self) -> list[BuildInfo]:
        """Every build kept, most recent first (complete, failed, or in progress)."""
        with self.reading() as connection:
            found = connection.execute(select(builds).order_by(builds.c.id.desc())).all()
        return [_info(row._mapping) for row in found]

    def _build_filter(self, connection: Connection, build_id: int | None) -> int | None:
        if build_id is None:
            return None
        status = connection.execute(select(builds.c.status).where(builds.c.id == build_id)).scalar()
        if status != COMPLETE:
            raise StoreError(t("store.build_not_found", id=build_id))
        return build_id

    def _ensure_published(self, connection: Connection) -> None:
        """Raised only when an answer is empty, so that a non-empty read stays one query."""
        if connection.execute(select(current_build.c.build_id)).first() is None:
            raise StoreError(t("store.nothing_published"))

    def query(
        self,
        population: Any = None,
        wave: Any = None,
        question: Any = None,
        item: Any = None,
        territory: Any = None,
        territory_level: Any = None,
        group: Any = None,
        statistic: Any = None,
        study: Any = None,
        build_id: int | None = None,
        limit: int | None = None,
        offset: int | None = None,
        *,
        connection: Connection | None = None,
        columns: Sequence[str] = READ_COLUMNS,
    ) -> pd.DataFrame:
        """Figures of the published build (or of ``build_id``) matching the filters, in build order.

        Each filter takes a value or a list of values. Columns: ``columns``, by default
        ``schema.READ_COLUMNS`` (``FIGURE_COLUMNS`` leaves out ``extra``, whose JSON is decoded row by row).
        """
        filters = {
            "population": population,
            "wave": wave,
            "question": question,
            "item": item,
            "territory": territory,
            "territory_level": territory_level,
            "group": group,
            "statistic": statistic,
            "study": study,
        }
        with contextlib.ExitStack() as stack:
            if connection is None:
                connection = stack.enter_context(self.reading())
            condition = where(filters, self._build_filter(connection, build_id))
            sort = connection.dialect.name == "sqlite" and _sort_found_rows(filters, limit)
            statement = rows_statement(condition, limit, offset, sort=sort, columns=columns)
            found = connection.execute(statement).all()
            if not found and build_id is None:
                self._ensure_published(connection)
        return to_frame(found, columns)

    def count(self, build_id: int | None = None, **filters: Any) -> int:
        """How many figures :meth:`query` would return for the same filters (for pagination)."""
        with self.reading() as connection:
            condition = where(filters, self._build_filter(connection, build_id))
            counting = select(func.count()).select_from(results).where(condition)
            total = connection.execute(counting).scalar_one()
            if not total and build_id is None:
                self._ensure_published(connection)
        return int(total)

    def distinct(self, column: str, build_id: int | None = None, **filters: Any) -> list[Any]:
        """The distinct values of ``column`` among the matching figures, sorted (for menus and facets)."""
        if column not in DISTINCT_COLUMNS:
            raise InputError(t("store.query.unknown_column", name=column, names=", ".join(DISTINCT_COLUMNS)))
        target = results.c[column]
        with self.reading() as connection:
            condition = where(filters, self._build_filter(connection, build_id))
            values = connection.execute(
                select(target).where(condition).distinct().order_by(target.nulls_first())
            ).scalars()
            found = list(values)
            if not found and build_id is None:
                self._ensure_published(connection)
        return found
