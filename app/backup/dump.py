"""The portable dump: one JSON line per row, for any database.

The first line is the header: the format, the schema's migration revision, the database it came
from, when it was made, and each table's columns and row count, in the order the tables must be
restored. Then every row: `{"table": ..., "row": {column: value}}`, table by table in that order,
each table's rows by primary key. Everything is read in one snapshot, so a dump taken while the
service writes is consistent.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection, Engine

from app.settings import Settings

from .codec import encode, wraps_json
from .files import write_lines
from .tables import backed_up_tables, ordering, require_head, row_counts

FORMAT = "clause-commons-dump"
VERSION = 1
_NULL_FLAG = "__sql_null_{}"


@dataclass(frozen=True)
class DumpSummary:
    """What a dump holds."""

    revision: str
    counts: dict[str, int]

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A read-only connection that sees the database as it was when the first read was made."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            # pysqlite opens no transaction before a SELECT; without one, every statement
            # would see the latest writes. In WAL mode a reader never blocks the writer.
            connection.exec_driver_sql("BEGIN")
        else:
            connection = connection.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
            connection.exec_driver_sql("SET LOCAL statement_timeout = 0")  # a dump takes its time
        try:
            yield connection
        finally:
            connection.rollback()


def dump_lines(settings: Settings, engine: Engine) -> Generator[str, None, None]:
    """The dump, line by line (each line ends in a newline)."""
    with snapshot(engine) as connection:
        revision = require_head(settings, connection)
        counts = row_counts(connection)
        yield _line(_header(engine.dialect.name, revision, counts))
        for table in backed_up_tables():
            for row in _rows(connection, table):
                yield _line({"table": table.name, "row": row})


def write_dump(settings: Settings, engine: Engine, path: Path) -> DumpSummary:
    """Write the dump to `path` (gzipped if it ends in `.gz`); returns what it holds."""
    with closing(dump_lines(settings, engine)) as lines:
        first = next(lines)
        write_lines(path, _prepend(first, lines))
    header = json.loads(first)
    return DumpSummary(header["revision"], {t["name"]: t["rows"] for t in header["tables"]})


def _header(dialect: str, revision: str, counts: dict[str, int]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "revision": revision,
        "database": dialect,
        "made_at": datetime.now(UTC).isoformat(),
        "tables": [
            {"name": t.name, "columns": [c.name for c in t.columns], "rows": counts[t.name]}
            for t in backed_up_tables()
        ],
    }


def _rows(connection: Connection, table: Table) -> Iterator[dict[str, Any]]:
    wrapped = [c for c in table.columns if wraps_json(c)]
    flags = [c.is_(None).label(_NULL_FLAG.format(c.name)) for c in wrapped]
    query = select(table, *flags).order_by(*ordering(table))
    result = connection.execution_options(stream_results=True, yield_per=1000).execute(query)
    for record in result.mappings():
        yield {
            c.name: encode(c, record[c], bool(record.get(_NULL_FLAG.format(c.name))))
            for c in table.columns
        }


def _line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _prepend(first: str, rest: Iterator[str]) -> Iterator[str]:
    # The header is read first to report it; it still goes first in the file.
    yield first
    yield from rest
