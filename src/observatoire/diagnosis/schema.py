"""Tables of the results store ("the cube") and their migrations, in SQLAlchemy Core.

Every table is prefixed ``obs_`` so that the store can share one database with the web platform's Django
tables. The schema evolves through :data:`MIGRATIONS`, a list of our own: migration ``i`` takes the
database from version ``i`` to ``i + 1`` and the version reached is kept in ``obs_schema_version``. Adding
a column later means appending one function, never editing a published one.

Other result kinds than survey estimates (objective indices with rank intervals, diagnosis
classifications, texts) go in the same ``obs_results`` table: a ``statistic`` name says what the row is
and ``extra`` (JSON) holds the values specific to it (see ``docs/open-data.md``).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
)
from sqlalchemy.dialects import postgresql

from observatoire.errors import StoreError
from observatoire.messages import t

# JSON is stored as JSONB on PostgreSQL (indexable, compact) and as text on SQLite.
_JSON = JSON().with_variant(postgresql.JSONB(), "postgresql")

# The open-data columns, exactly and in this order (docs/open-data.md): the export writes them, the read API
# returns them followed by ``extra``.
FIGURE_COLUMNS: tuple[str, ...] = (
    "study",
    "wave",
    "population",
    "question",
    "item",
    "territory_level",
    "territory",
    "group",
    "statistic",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "n",
    "weighted_n",
    "flag",
    "suppressed",
    "source",
)
# What identifies a figure (one row per key and build): the open-data columns up to ``statistic``.
KEY_COLUMNS: tuple[str, ...] = FIGURE_COLUMNS[: FIGURE_COLUMNS.index("statistic") + 1]
READ_COLUMNS: tuple[str, ...] = (*FIGURE_COLUMNS, "extra")

# Territory levels a figure may be given for. Groupings are the ones the studies report on
# (DESIGN.md, "Territories"); ``region_2015`` is the pre-2016 map used by PHARE 2015.
TERRITORY_LEVELS: tuple[str, ...] = (
    "nation",
    "region",
    "region_2015",
    "survey_region",
    "macro_region",
    "departement",
    "epci",
    "commune",
)

BUILDING, COMPLETE, FAILED = "building", "complete", "failed"
BUILD_STATUSES = (BUILDING, COMPLETE, FAILED)

metadata = MetaData()

schema_version = Table(
    "obs_schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)

builds = Table(
    "obs_builds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("status", String(16), nullable=False),
    Column("label", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("parameters", _JSON, nullable=True),
    Column("code_version", String(64), nullable=False),
    Column("min_base", Integer, nullable=False),
    Column("row_count", BigInteger, nullable=False, default=0),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
)

# One row at most: the build the read API serves. Switching it is one UPDATE in the completing transaction.
current_build = Table(
    "obs_current_build",
    metadata,
    Column("singleton", Integer, primary_key=True, autoincrement=False),
    Column("build_id", Integer, nullable=False),
)

# ``seq`` is the row's position within its build: with ``build_id`` it is the key, gives the export a
# stable order on every database, and needs no sequence (PostgreSQL COPY stays plain).
results = Table(
    "obs_results",
    metadata,
    Column("build_id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("study", Text, nullable=False),
    Column("wave", Integer, nullable=False),
    Column("population", Text, nullable=False),
    Column("question", Text, nullable=False),
    Column("item", Text, nullable=True),
    Column("territory_level", String(32), nullable=False),
    Column("territory", Text, nullable=False),
    Column("group", Text, nullable=False),
    Column("statistic", Text, nullable=False),
    Column("estimate", Float, nullable=True),
    Column("se", Float, nullable=True),
    Column("ci_low", Float, nullable=True),
    Column("ci_high", Float, nullable=True),
    Column("n", BigInteger, nullable=True),
    Column("weighted_n", Float, nullable=True),
    Column("flag", Text, nullable=True),
    Column("suppressed", Boolean, nullable=False),
    Column("source", Text, nullable=False),
    Column("extra", _JSON, nullable=True),
)
# Indexes are created by the migrations below, not by ``create_all``, so that each version's are explicit.

# Columns written for each row, in the order the writers send them.
WRITE_COLUMNS: tuple[str, ...] = tuple(column.name for column in results.columns)


def _create_index(connection: Connection, name: str, *columns: str) -> None:
    """Plain DDL: an ``Index`` object would attach itself to the table and come back in ``create_all``."""
    quote = connection.dialect.identifier_preparer.quote
    listed = ", ".join(quote(column) for column in columns)
    connection.execute(text(f"CREATE INDEX {quote(name)} ON {quote(results.name)} ({listed})"))


def _v1_create_tables(connection: Connection) -> None:
    """Version 1: builds, results, the current-build pointer; the web's two access paths indexed."""
    metadata.create_all(connection, tables=[builds, current_build, results])
    _create_index(connection, "ix_obs_results_question", "build_id", "population", "wave", "question")
    _create_index(connection, "ix_obs_results_territory", "build_id", "territory")


def _v2_narrower_indexes(connection: Connection) -> None:
    """Version 2: a map (one item, one statistic) reads only its rows; territory lists read an index."""
    connection.execute(text("DROP INDEX ix_obs_results_question"))
    figure = ("build_id", "population", "wave", "question", "item", "statistic")
    _create_index(connection, "ix_obs_results_figure", *figure)
    _create_index(connection, "ix_obs_results_level", "build_id", "territory_level", "territory")


MIGRATIONS: list[Callable[[Connection], None]] = [_v1_create_tables, _v2_narrower_indexes]
SCHEMA_VERSION = len(MIGRATIONS)


def _lock_for_migration(connection: Connection) -> None:
    """Serialise concurrent migrations (two web workers starting together)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtextextended('obs_migrate', 0))"))


def database_version(connection: Connection) -> int | None:
    """The schema version recorded in the database; ``None`` when the store was never created."""
    if not inspect(connection).has_table(schema_version.name):
        return None
    return connection.execute(select(schema_version.c.version)).scalar_one_or_none() or 0


def check_version(found: int | None) -> None:
    """Refuse a database written by a newer version of the code rather than misread it."""
    if found is not None and found > SCHEMA_VERSION:
        raise StoreError(t("store.schema_too_new", found=found, expected=SCHEMA_VERSION))


def migrate(engine: Engine) -> int:
    """Bring the database to :data:`SCHEMA_VERSION`, each step in its own transaction; return the version."""
    with engine.begin() as connection:
        _lock_for_migration(connection)
        schema_version.create(connection, checkfirst=True)
        found = database_version(connection) or 0
        check_version(found)
        if connection.execute(select(schema_version.c.version)).first() is None:
            connection.execute(schema_version.insert().values(version=0))
    for target in range(found + 1, SCHEMA_VERSION + 1):
        with engine.begin() as connection:
            _lock_for_migration(connection)
            if (database_version(connection) or 0) >= target:  # another process got there first
                continue
            MIGRATIONS[target - 1](connection)
            connection.execute(schema_version.update().values(version=target))
    return SCHEMA_VERSION
