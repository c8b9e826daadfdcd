"""Connecting to the store and changing its schema: one engine per database URL, transactions, Alembic migrations.

``BGGM_DATABASE_URL`` (see :mod:`geo.settings`) names the store: by default a SQLite file under ``data/store/``,
or a PostgreSQL server (``postgresql+psycopg://user:password@host:5432/dbname``). SQLite runs in WAL mode (readers
never wait for a writer) with a busy timeout, and a write transaction starts with ``BEGIN IMMEDIATE`` so two writers
queue instead of failing half-way. On PostgreSQL a writer locks its dataset's head row (``SELECT … FOR UPDATE``).
Migrations live in ``geo/store/migrations`` and run programmatically (:func:`migrate`, used by ``python -m geo db
init``); no ``alembic.ini`` is needed. A schema change is a new migration: change :mod:`geo.store.models`, then
``python -c "from geo.store.engine import new_revision; new_revision('what changed')"`` writes one (Alembic's
autogenerate against a scratch SQLite store at the newest revision); review it before committing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from geo.settings import get_settings

if TYPE_CHECKING:  # Alembic is imported by the functions that change or read the schema's revision, not by the app
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 60_000
_ENGINES: dict[str, Engine] = {}


def database_url(url: str | None = None) -> str:
    return url or get_settings().database_url


def _sqlite_engine(url: str) -> Engine:
    path = make_url(url).database
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    eng = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})

    @event.listens_for(eng, "connect")
    def _connect(dbapi: Any, _record: Any) -> None:
        dbapi.isolation_level = None  # the driver stays out of the way; "begin" below opens every transaction
        cursor = dbapi.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(eng, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("store_write") else "BEGIN")

    return eng


def engine(url: str | None = None) -> Engine:
    """The engine of the store at ``url`` (default: the configured one), made once per process."""
    url = database_url(url)
    if url not in _ENGINES:
        backend = make_url(url).get_backend_name()
        _ENGINES[url] = _sqlite_engine(url) if backend == "sqlite" else create_engine(url, pool_pre_ping=True)
    return _ENGINES[url]


def dispose(url: str | None = None) -> None:
    """Close the pooled connections of a store (tests, and before replacing a SQLite file)."""
    eng = _ENGINES.pop(database_url(url), None)
    if eng is not None:
        eng.dispose()


@contextlib.contextmanager
def writing(url: str | None = None) -> Iterator[Connection]:
    """One write transaction: everything in it lands, or nothing does."""
    with engine(url).connect() as conn:
        conn.execution_options(store_write=True)
        with conn.begin():
            yield conn


@contextlib.contextmanager
def reading(url: str | None = None) -> Iterator[Connection]:
    """One read transaction (a consistent view on SQLite)."""
    with engine(url).connect() as conn, conn.begin():
        yield conn


def is_postgresql(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def ours(name: str | None, type_: str, _parent: object) -> bool:
    """Alembic's filter: only the store's own tables (not PostGIS's spatial_ref_sys or anyone else's)."""
    from geo.store.models import Base

    return type_ != "table" or name in Base.metadata.tables


def _config(conn: Connection) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def current_revision(url: str | None = None) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with reading(url) as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


def migrate(url: str | None = None) -> bool:
    """Create or upgrade the store's schema to the newest migration; False when it was already up to date."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    if current_revision(url) == head_revision():
        return False
    with writing(url) as conn:
        if is_postgresql(conn):
            conn.execute(text("SELECT pg_advisory_xact_lock(20251101)"))  # one migrating process at a time
        if MigrationContext.configure(conn).get_current_revision() == head_revision():
            return False
        command.upgrade(_config(conn), "head")
    return True


def new_revision(message: str) -> None:
    """Write a new migration file from the difference between the models and the newest migration (developers)."""
    import tempfile

    from alembic import command

    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/scratch.sqlite"
        migrate(url)
        with writing(url) as conn:
            command.revision(_config(conn), message=message, autogenerate=True)
        dispose(url)
