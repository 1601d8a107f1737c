"""Restore a dump into an empty database at the same migration revision, in one transaction.

A dump that is not ours, was made at another revision, is cut short or holds a value that does
not fit its column is refused, and the database is left as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import JSON, Column, Table, bindparam, false, func, literal, select, update
from sqlalchemy.engine import Connection, Engine

from app.settings import Settings

from . import BackupRefused
from .codec import decode, wraps_json
from .dump import FORMAT, VERSION, DumpSummary
from .tables import (
    backed_up_tables,
    refuse_if_filled,
    require_head,
    self_references,
    serial_key,
)

BATCH = 1000


def restore_dump(
    settings: Settings, engine: Engine, lines: Iterable[str], *, replace: bool = False
) -> DumpSummary:
    """Re-create every row of the dump; `replace` first deletes whatever the database holds."""
    numbered = enumerate(lines, start=1)
    header = _header(next(numbered, (1, "")))
    with engine.begin() as connection:
        _hold(connection)
        revision = require_head(settings, connection)
        if header["revision"] != revision:
            raise BackupRefused(
                f"this dump was made at migration {header['revision']}; this version of Clause "
                f"Commons and the database are at {revision}: restore it with the version "
                "that made it, then upgrade"
            )
        _check_schema(header)
        _make_room(connection, replace)
        counts = _load(connection, numbered)
        expected = {t["name"]: t["rows"] for t in header["tables"]}
        if counts != expected:
            short = ", ".join(
                f"{n}: {counts[n]} rows of {expected[n]}"
                for n in expected
                if counts[n] != expected[n]
            )
            raise BackupRefused(f"the dump is cut short or altered ({short}); nothing restored")
        if connection.dialect.name == "postgresql":
            _renumber(connection)
    return DumpSummary(revision, counts)


def _hold(connection: Connection) -> None:
    """Take the database for the whole restore, with no deadline on its statements."""
    if connection.dialect.name == "sqlite":
        # pysqlite would begin only at the first insert: the emptiness check would be outside.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("SET LOCAL statement_timeout = 0")


def _make_room(connection: Connection, replace: bool) -> None:
    """Refuse a database with rows in it, unless told to delete them first."""
    if refuse_if_filled(connection, replace):
        for table in reversed(backed_up_tables()):
            connection.execute(table.delete())


def _header(first: tuple[int, str]) -> dict[str, Any]:
    try:
        header = json.loads(first[1])
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupRefused("this is not a Clause Commons dump (its first line is no header)")
    if header.get("version") != VERSION:
        raise BackupRefused(f"dump format version {header.get('version')} is not supported")
    try:
        header["tables"] = [
            {"name": str(t["name"]), "columns": list(t["columns"]), "rows": int(t["rows"])}
            for t in header["tables"]
        ]
        header["revision"] = str(header["revision"])
    except (KeyError, TypeError, ValueError) as exc:
        raise BackupRefused("the dump's header is damaged") from exc
    return header


def _check_schema(header: dict[str, Any]) -> None:
    tables = {t.name: {c.name for c in t.columns} for t in backed_up_tables()}
    described = {t["name"]: set(t["columns"]) for t in header["tables"]}
    if described != tables:
        raise BackupRefused("the dump's tables and columns differ from this database's schema")


def _load(connection: Connection, numbered: Iterator[tuple[int, str]]) -> dict[str, int]:
    loaders = {table.name: _TableLoader(connection, table) for table in backed_up_tables()}
    order = list(loaders)
    position = 0
    for number, line in numbered:
        table_name, row = _row(number, line, loaders)
        if order.index(table_name) < position:
            raise BackupRefused(f"line {number}: a {table_name} row after a later table's rows")
        while order[position] != table_name:
            loaders[order[position]].finish()
            position += 1
        loaders[table_name].add(number, row)
    for name in order[position:]:
        loaders[name].finish()
    return {name: loader.count for name, loader in loaders.items()}


def _row(number: int, line: str, loaders: dict[str, _TableLoader]) -> tuple[str, dict[str, Any]]:
    try:
        item = json.loads(line)
        table_name, row = item["table"], item["row"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise BackupRefused(f"line {number}: not a row of a Clause Commons dump") from exc
    if table_name not in loaders or not isinstance(row, dict):
        raise BackupRefused(f"line {number}: not a row of a known table")
    return table_name, row


class _TableLoader:
    """Inserts one table's rows in batches; a row's link to another row of the same table
    (an adapted clause's model) is set once every row of the table is in."""

    def __init__(self, connection: Connection, table: Table) -> None:
        self.connection = connection
        self.table = table
        self.columns = {c.name: c for c in table.columns}
        self.deferred = self_references(table)
        self.count = 0
        self._batch: list[dict[str, Any]] = []
        self._links: dict[str, list[dict[str, Any]]] = {c.name: [] for c in self.deferred}

    def add(self, number: int, row: dict[str, Any]) -> None:
        if set(row) != set(self.columns):
            raise BackupRefused(f"line {number}: a {self.table.name} row with other columns")
        try:
            values = {name: decode(self.columns[name], value) for name, value in row.items()}
        except BackupRefused as exc:
            raise BackupRefused(f"line {number}: {exc}") from exc
        for column in self.deferred:
            if values[column.name] is not None:
                key = self._key(values)
                self._links[column.name].append({"_key": key, "_link": values[column.name]})
                values[column.name] = None
        self._batch.append(values)
        self.count += 1
        if len(self._batch) >= BATCH:
            self._flush()

    def finish(self) -> None:
        self._flush()
        for name, links in self._links.items():
            if links:
                self.connection.execute(self._link_statement(self.columns[name]), links)
                links.clear()

    def _flush(self) -> None:
        if not self._batch:
            return
        statement = self.table.insert()
        # None in a nullable JSON column is SQL NULL; JSON's `null` comes as JSON.NULL.
        overrides = {
            c.name: bindparam(c.name, type_=JSON(none_as_null=True))
            for c in self.table.columns
            if wraps_json(c)
        }
        if overrides:
            statement = statement.values(overrides)
        self.connection.execute(statement, self._batch)
        self._batch = []

    def _key(self, values: dict[str, Any]) -> Any:
        (key,) = self.table.primary_key.columns
        return values[key.name]

    def _link_statement(self, column: Column[Any]) -> Any:
        (key,) = self.table.primary_key.columns
        return (
            update(self.table)
            .where(key == bindparam("_key"))
            .values({column.name: bindparam("_link")})
        )


def _renumber(connection: Connection) -> None:
    """PostgreSQL: move each table's id sequence past the ids the dump brought."""
    quote = connection.dialect.identifier_preparer.quote
    for table in backed_up_tables():
        key = serial_key(table)
        if key is None:
            continue
        sequence = func.pg_get_serial_sequence(literal(quote(table.name)), literal(key.name))
        next_id = func.coalesce(func.max(key), 0) + 1
        connection.execute(select(func.setval(sequence, next_id, false())).select_from(table))
