"""Meilisearch filter expressions built from SearchFilters, never from pasted raw values.

Grammar used (Meilisearch filter syntax): `field IN ["a", "b"]` for a list of values, `field >= n`
and `field <= n` for numbers, clauses joined with `AND`. Every string value is double-quoted
with `"` and `\\` escaped; numbers must be real ints.
"""

from __future__ import annotations

from app.search.contract import SearchFilters

from .settings import FILTERABLE_ATTRIBUTES

YEAR_FIELD = "year"


class InvalidFilterError(ValueError):
    """A filter value that cannot be turned into a safe expression."""


def quote_value(value: str) -> str:
    """One value as a double-quoted filter string: `Nurses' "union"` -> `"Nurses' \\"union\\""`."""
    if not isinstance(value, str):
        raise InvalidFilterError(f"filter values must be strings, got {type(value).__name__}")
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def in_clause(field_name: str, values: tuple[str, ...]) -> str:
    """`field IN ["a", "b"]` for one filterable field."""
    if field_name not in FILTERABLE_ATTRIBUTES:
        raise InvalidFilterError(f"{field_name!r} is not a filterable attribute")
    quoted = ", ".join(quote_value(value) for value in values)
    return f"{field_name} IN [{quoted}]"


def _year(value: object) -> int:
    # bool is an int subclass: True must not become `year >= True`.
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidFilterError(f"a year bound must be an int, got {value!r}")
    return value


def year_clauses(year_from: int | None, year_to: int | None) -> list[str]:
    """The bounds of the year range that are set, as `year >= n` / `year <= n`."""
    clauses: list[str] = []
    if year_from is not None:
        clauses.append(f"{YEAR_FIELD} >= {_year(year_from)}")
    if year_to is not None:
        clauses.append(f"{YEAR_FIELD} <= {_year(year_to)}")
    return clauses


def build_filter(filters: SearchFilters) -> str | None:
    """The whole filter expression, or None when nothing restricts the search."""
    clauses = [in_clause(name, values) for name, values in filters.value_filters().items()]
    clauses.extend(year_clauses(filters.year_from, filters.year_to))
    return " AND ".join(clauses) if clauses else None
