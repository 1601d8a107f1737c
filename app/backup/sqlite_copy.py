"""SQLite's online backup: a page-by-page copy of the live database file, consistent while the
service writes (SQLite's backup API reads in one snapshot; in WAL mode writers go on meanwhile).

The copy is a standalone file (rollback journal, no `-wal` beside it) that passes SQLite's
integrity check before it replaces anything.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine, make_url

from app.settings import Settings

from . import BackupRefused
from .files import atomic_file, is_sqlite_file
from .tables import code_head, database_revision, refuse_if_filled


@dataclass(frozen=True)
class CopySummary:
    """What an online copy holds."""

    revision: str | None
    bytes: int


def database_file(settings: Settings) -> Path:
    """The SQLite file the settings point at; refuse any other database."""
    url = make_url(settings.sqlalchemy_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupRefused(
            f"an online SQLite copy needs a SQLite database file, not {url.get_backend_name()}: "
            "use the portable dump (--format jsonl)"
        )
    return Path(url.database)


def integrity_problems(path: Path) -> list[str]:
    """What `PRAGMA integrity_check` finds wrong with a SQLite file (nothing: an empty list)."""
    try:
        with closing(sqlite3.connect(path)) as connection:
            found = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:  # too damaged to check at all
        return [str(exc)]
    return [] if found == ["ok"] else found


def copy_online(settings: Settings, target: Path) -> CopySummary:
    """Copy the live SQLite database to `target`, checked, replacing it only when complete."""
    source = database_file(settings)
    if not source.is_file():
        raise BackupRefused(f"there is no database at {source}")
    with atomic_file(target) as partial:
        _copy(source, partial, settings.db_timeout_s, standalone=True)
        problems = integrity_problems(partial)
        if problems:
            raise BackupRefused(f"the copy failed SQLite's integrity check: {problems[:3]}")
        revision = _revision_of(partial)
    return CopySummary(revision, target.stat().st_size)


def restore_copy(settings: Settings, engine: Engine, backup: Path, *, replace: bool) -> str:
    """Put an online copy back in place of the configured SQLite database; returns its revision.

    The copy must pass the integrity check and be at this code's migration; the database it
    replaces must be empty unless `replace`.
    """
    target = database_file(settings)
    if not is_sqlite_file(backup):
        raise BackupRefused(f"{backup} is not a SQLite database")
    problems = integrity_problems(backup)
    if problems:
        raise BackupRefused(f"{backup} fails SQLite's integrity check: {problems[:3]}")
    revision, head = _revision_of(backup), code_head(settings)
    if revision != head:
        raise BackupRefused(
            f"this copy was made at migration {revision}; this version of Clause Commons is at "
            f"{head}: restore it with the version that made it, then upgrade"
        )
    with engine.connect() as connection:
        if database_revision(connection) is not None:
            refuse_if_filled(connection, replace)
    engine.dispose()  # no pooled connection holds the file while it is overwritten
    _copy(backup, target, settings.db_timeout_s, standalone=False)
    return revision


def _copy(source: Path, target: Path, timeout_s: float, *, standalone: bool) -> None:
    with (
        closing(sqlite3.connect(source, timeout=timeout_s)) as reader,
        closing(sqlite3.connect(target, timeout=timeout_s)) as writer,
    ):
        # One step (pages=-1): one read snapshot; a stepwise copy restarts whenever the
        # service writes, and might never finish on a busy database.
        reader.backup(writer)
        if standalone:
            writer.execute("PRAGMA journal_mode=DELETE")


def _revision_of(path: Path) -> str | None:
    with closing(sqlite3.connect(path)) as connection:
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            return None
    return str(row[0]) if row else None
