"""Database engine, the per-request session, and what a database failure means to a caller."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from app.settings import Settings

# Enough connections for every request thread (Starlette's pool has 40) and the two workers,
# so requests never queue for a connection; a checkout that still waits this long is a fault.
POOL_SIZE = 10
POOL_OVERFLOW = 32
POOL_TIMEOUT_S = 10.0
# A server that is gone is noticed at once (refused), one that is unreachable within this.
CONNECT_TIMEOUT_S = 5
# Connections older than this are replaced, so a server-side idle limit never bites first.
POOL_RECYCLE_S = 1800

_SQLITE_FULL = 13  # sqlite3's extended code for "database or disk is full"
_POSTGRES_DISK_FULL = "53100"


def make_engine(settings: Settings) -> Engine:
    """An engine for the configured database: SQLite gets WAL, foreign keys and a busy timeout;
    a server's connections are checked before they are lent, so a restart is reconnected to."""
    url = settings.sqlalchemy_url
    pool: dict[str, Any] = {
        "pool_size": POOL_SIZE,
        "max_overflow": POOL_OVERFLOW,
        "pool_timeout": POOL_TIMEOUT_S,
    }
    if url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        # A write waits COMMONS_DB_TIMEOUT_S for another writer before it is answered "busy".
        connect_args = {"check_same_thread": False, "timeout": settings.db_timeout_s}
        engine = create_engine(url, connect_args=connect_args, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_engine(
        url,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
        pool_pre_ping=True,  # a file cannot restart under us; a server can
        pool_recycle=POOL_RECYCLE_S,
        **pool,
    )
    event.listen(engine, "connect", _statement_timeout(settings.db_timeout_s))
    return engine


@contextmanager
def session_for(settings: Settings) -> Iterator[Session]:
    """A session on its own engine, closed and disposed afterwards (commands, scripts)."""
    engine = make_engine(settings)
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def _statement_timeout(seconds: float) -> Any:
    """PostgreSQL: cancel any statement (lock waits included) that runs longer than this."""

    def set_timeout(dbapi_connection: Any, _record: Any) -> None:
        # Set per session, not in the URL's `options`, which callers use for search_path.
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")
        dbapi_connection.autocommit = autocommit

    return set_timeout


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def get_session(request: Request) -> Iterator[Session]:
    """One session per request; write endpoints commit explicitly before they answer."""
    engine: Engine = request.app.state.engine
    with Session(engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


class DatabaseFault(Enum):
    """Why the database could not serve a request, as far as a caller should know."""

    unavailable = "unavailable"  # unreachable, restarting, locked, no free connection: retry
    full = "full"  # no room left on disk: retrying will not help until space is freed


DATABASE_ERRORS: tuple[type[Exception], ...] = (sa_exc.OperationalError, sa_exc.TimeoutError)
"""The errors that say the database cannot serve now (the driver's operational errors, and no
free connection in the pool), as opposed to a bug in a query."""


def database_fault(error: Exception) -> DatabaseFault:
    """What one of `DATABASE_ERRORS` means for the caller."""
    original = getattr(error, "orig", None)
    if getattr(original, "sqlite_errorcode", None) == _SQLITE_FULL:
        return DatabaseFault.full
    if getattr(original, "sqlstate", None) == _POSTGRES_DISK_FULL:
        return DatabaseFault.full
    return DatabaseFault.unavailable


def describe_fault(error: Exception) -> str:
    """The driver's first line, for the log: never the statement or its parameters, which may
    hold clause text or key hashes."""
    original = getattr(error, "orig", None) or error
    first_line = str(original).strip().splitlines()[:1]
    return f"{type(original).__name__}: {first_line[0] if first_line else ''}"
