"""The tables a backup covers, in the order their rows can be inserted, and the schema revision."""

from __future__ import annotations

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Integer, Table, func, select
from sqlalchemy.engine import Connection

from app.migrate import alembic_config
from app.models import metadata
from app.settings import Settings

from . import BackupRefused


def backed_up_tables() -> list[Table]:
    """Every table the app owns, parents before the tables that refer to them."""
    return list(metadata.sorted_tables)


def row_counts(connection: Connection) -> dict[str, int]:
    """How many rows each table holds."""
    return {
        table.name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
        for table in backed_up_tables()
    }


def refuse_if_filled(connection: Connection, replace: bool) -> bool:
    """Whether the database holds rows; refuse it then, unless they are to be replaced."""
    filled = {name: count for name, count in row_counts(connection).items() if count}
    if filled and not replace:
        listed = ", ".join(f"{name}: {count}" for name, count in filled.items())
        raise BackupRefused(
            f"the database is not empty ({listed}): restore into an empty database, "
            "or pass --replace to delete everything in it first"
        )
    return bool(filled)


def ordering(table: Table) -> list[Column[object]]:
    """The primary key, so that a dump lists each table's rows in a stable order."""
    return list(table.primary_key.columns)


def self_references(table: Table) -> list[Column[object]]:
    """Columns that point at another row of the same table (an adapted clause's model)."""
    return [c for c in table.columns if any(fk.column.table is table for fk in c.foreign_keys)]


def serial_key(table: Table) -> Column[object] | None:
    """The integer key a database numbers by itself, if the table has one."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and isinstance(keys[0].type, Integer):
        return keys[0]
    return None


def code_head(settings: Settings) -> str:
    """The newest migration this version of the code knows."""
    head = ScriptDirectory.from_config(alembic_config(settings)).get_current_head()
    assert head is not None  # the migrations folder is part of the code
    return head


def database_revision(connection: Connection) -> str | None:
    """The migration the database is at (None when it has no schema)."""
    heads = MigrationContext.configure(connection).get_current_heads()
    return heads[0] if len(heads) == 1 else None


def require_head(settings: Settings, connection: Connection) -> str:
    """The database's revision, which must be this code's newest; otherwise refuse."""
    current, head = database_revision(connection), code_head(settings)
    if current is None:
        raise BackupRefused("the database has no schema yet: run `commons migrate` first")
    if current != head:
        raise BackupRefused(
            f"the database is at migration {current} but this version of Clause Commons "
            f"expects {head}: run `commons migrate` first"
        )
    return current
