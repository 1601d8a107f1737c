"""Column values to JSON and back, exactly: what was read is what gets written again.

Dates and datetimes travel as ISO 8601 (datetimes with their offset), bytes as base64, decimals
as strings; JSON columns carry their value as it is. A nullable JSON column can hold SQL NULL or
the JSON value `null`, which read back the same: there the value is wrapped in a one-item list
(`[value]`), and a bare `null` means SQL NULL.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import JSON, Column
from sqlalchemy.types import TypeDecorator

from . import BackupRefused


def is_json(column: Column[Any]) -> bool:
    return isinstance(column.type, JSON)


def wraps_json(column: Column[Any]) -> bool:
    """Whether this column's values are wrapped to tell SQL NULL from JSON null."""
    return is_json(column) and bool(column.nullable)


def encode(column: Column[Any], value: Any, sql_null: bool = False) -> Any:
    """A value read from `column`, as JSON; `sql_null` says a wrapped JSON column held NULL."""
    if is_json(column):
        if not wraps_json(column):
            return value
        return None if sql_null else [value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):  # datetimes too: they are dates
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{column.table.name}.{column.name}: cannot dump a {type(value).__name__}")


def decode(column: Column[Any], value: Any) -> Any:
    """The value to write into `column` for what `encode` made; refuses what it could not make."""
    where = f"{column.table.name}.{column.name}"
    if is_json(column):
        return _decode_json(column, value, where)
    if value is None:
        if not column.nullable:
            raise BackupRefused(f"{where} cannot be empty")
        return None
    kind = _python_type(column)
    try:
        return _decode_as(kind, value)
    except (ValueError, InvalidOperation, binascii.Error, TypeError) as exc:
        raise BackupRefused(f"{where}: {value!r} is not a valid {kind.__name__}") from exc


def _decode_json(column: Column[Any], value: Any, where: str) -> Any:
    if not wraps_json(column):
        return JSON.NULL if value is None else value
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 1:
        raise BackupRefused(f"{where}: expected a one-item list or null")
    return JSON.NULL if value[0] is None else value[0]


def _python_type(column: Column[Any]) -> type:
    type_ = column.type
    # A decorated type (SQLModel's AutoString, UTCDateTime) stores what its implementation does.
    while isinstance(type_, TypeDecorator):
        type_ = type_.impl_instance
    kind: type = type_.python_type
    return kind


def _decode_as(kind: type, value: Any) -> Any:
    # Checked one by one: SQLite would store a string in an integer column without a word.
    if kind is bool:
        if isinstance(value, bool):
            return value
    elif kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif kind is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    elif kind is str:
        if isinstance(value, str):
            return value
    elif kind is datetime:
        if isinstance(value, str):
            return datetime.fromisoformat(value)
    elif kind is date:
        if isinstance(value, str):
            return date.fromisoformat(value)
    elif kind is bytes:
        if isinstance(value, str):
            return base64.b64decode(value.encode("ascii"), validate=True)
    elif kind is Decimal:
        if isinstance(value, str):
            return Decimal(value)
    else:
        raise TypeError(f"no decoder for {kind.__name__}")
    raise TypeError(type(value).__name__)
