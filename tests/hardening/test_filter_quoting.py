"""The Meilisearch filter builder, read back the way Meilisearch reads a filter: whatever the
values (quotes, backslashes, brackets, `AND`, `OR`, newlines, emoji), the expression parses into
exactly the fields, values and year bounds it was built from.

The reader follows Meilisearch 1.x's filter parser (crates/filter-parser, value.rs): inside
double quotes a backslash carries the next character with it; `\\"` then becomes `"`; then the
value goes through the `unescaper` crate (`\\\\`, `\\n`, `\\u{..}`, octal...), where any other
escape is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.search.contract import SearchFilters
from app.search.meili.filters import build_filter, quote_value
from app.search.meili.settings import FILTERABLE_ATTRIBUTES
from tests.hardening.profile import HARDENING

_SIMPLE_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
                   "'": "'", '"': '"', "\\": "\\", "/": "/"}  # fmt: skip
_OCTAL_DIGITS = "01234567"
_FIELD = re.compile(r"[A-Za-z_]+")
_YEAR = re.compile(r"year (>=|<=) (-?\d+)")


class FilterSyntaxError(ValueError):
    """Meilisearch would refuse this filter."""


@dataclass
class ReadFilter:
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None


def _unescape(raw: str) -> str:
    """The `unescaper` crate's reading of a value's text."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        char = raw[i]
        i += 1
        if char != "\\":
            out.append(char)
            continue
        if i == len(raw):
            raise FilterSyntaxError("incomplete escape")
        marker = raw[i]
        i += 1
        if marker in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[marker])
        elif marker in "ux":
            code, i = _hex_digits(raw, i, 4 if marker == "u" else 2)
            out.append(chr(code))
        elif marker in _OCTAL_DIGITS:
            extra = 2 if marker in "0123" else 1
            octal = marker
            while extra and i < len(raw) and raw[i] in _OCTAL_DIGITS:
                octal, i, extra = octal + raw[i], i + 1, extra - 1
            out.append(chr(int(octal, 8)))
        else:
            raise FilterSyntaxError(f"invalid escape \\{marker}")
    return "".join(out)


def _hex_digits(raw: str, at: int, width: int) -> tuple[int, int]:
    """The code point written after `\\u` (4 digits, or `{..}`) or `\\x` (2 digits), and the
    index past it; what Rust's `char::from_u32` refuses is refused."""
    braced = width == 4 and raw.startswith("{", at)
    end = raw.find("}", at) if braced else at + width
    digits = raw[at + 1 : end] if braced else raw[at:end]
    try:
        code = int(digits, 16) if end >= 0 and (braced or len(digits) == width) else -1
    except ValueError:
        code = -1
    if not 0 <= code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise FilterSyntaxError(f"invalid escape digits {digits!r}")
    return code, end + 1 if braced else end


def read_quoted(expression: str, at: int) -> tuple[str, int]:
    """The double-quoted value opening at `at`, and the index just past its closing quote."""
    if expression[at : at + 1] != '"':
        raise FilterSyntaxError(f"expected a quoted value at {at}")
    i, quote_escaped = at + 1, False
    while i < len(expression) and expression[i] != '"':
        if expression[i] == "\\":
            if i + 1 == len(expression):
                raise FilterSyntaxError("malformed value")
            quote_escaped |= expression[i + 1] == '"'
            i += 1
        i += 1
    if i == len(expression):
        raise FilterSyntaxError("missing closing delimiter")
    raw = expression[at + 1 : i]
    if quote_escaped:
        raw = raw.replace('\\"', '"')
    return _unescape(raw), i + 1


def _read_in_list(expression: str, at: int) -> tuple[tuple[str, ...], int]:
    if expression[at : at + 1] != "[":
        raise FilterSyntaxError(f"expected [ at {at}")
    values: list[str] = []
    at += 1
    while True:
        value, at = read_quoted(expression, at)
        values.append(value)
        if expression.startswith(", ", at):
            at += 2
        elif expression.startswith("]", at):
            return tuple(values), at + 1
        else:
            raise FilterSyntaxError(f"expected , or ] at {at}")


def read_filter(expression: str) -> ReadFilter:
    """The builder's expression (`f IN [..] AND ... AND year >= n`), read by Meilisearch's rules."""
    read = ReadFilter()
    at = 0
    while True:
        year = _YEAR.match(expression, at)
        if year is not None:
            bound = int(year.group(2))
            if year.group(1) == ">=":
                read.year_from = bound
            else:
                read.year_to = bound
            at = year.end()
        else:
            name = _FIELD.match(expression, at)
            if name is None or not expression.startswith(" IN ", name.end()):
                raise FilterSyntaxError(f"expected a condition at {at}")
            read.values[name.group()], at = _read_in_list(expression, name.end() + 4)
        if at == len(expression):
            return read
        if not expression.startswith(" AND ", at):
            raise FilterSyntaxError(f"expected AND at {at}")
        at += len(" AND ")


HOSTILE = st.sampled_from(
    ['"', "\\", '\\"', '"]', "] OR visibility IN [", " AND ", "'", "\\u{41}", "\\n", "\n",
     "\x00", "𝐀", "🙂", "[", ",", '", "', "NOT", "_geoRadius(0, 0, 1)", "\\\\", "\u2028"]
)  # fmt: skip
VALUE = st.one_of(st.text(), st.lists(HOSTILE | st.text(max_size=3), max_size=8).map("".join))
VALUES = st.lists(VALUE, max_size=3).map(tuple)
YEAR = st.none() | st.integers(-(10**6), 10**6)
FILTERS = st.builds(
    SearchFilters,
    themes=VALUES, subthemes=VALUES, lifecycle=VALUES, country=VALUES, region=VALUES,
    sector=VALUES, language=VALUES, kind=VALUES, visibility=VALUES, year_from=YEAR, year_to=YEAR,
)  # fmt: skip


@HARDENING
@given(value=VALUE)
def test_a_quoted_value_reads_back_as_itself(value: str) -> None:
    quoted = quote_value(value)
    assert read_quoted(quoted, 0) == (value, len(quoted))


@settings(HARDENING, max_examples=150)
@given(filters=FILTERS)
def test_a_whole_filter_reads_back_as_the_filters_it_was_built_from(filters: SearchFilters) -> None:
    expression = build_filter(filters)
    given_values = filters.value_filters()
    if not given_values and filters.year_from is None and filters.year_to is None:
        assert expression is None
        return
    assert expression is not None
    read = read_filter(expression)
    assert read.values == given_values
    assert set(read.values) <= set(FILTERABLE_ATTRIBUTES)
    assert (read.year_from, read.year_to) == (filters.year_from, filters.year_to)


@pytest.mark.parametrize(
    ("written", "value"),
    [('"a\\\\b"', "a\\b"), ('"say \\"no\\""', 'say "no"'), ('"x\\\\\\"y"', 'x\\"y'),
     ('"\\u{41}\\n"', "A\n"), ('""', "")],
)  # fmt: skip
def test_the_reader_follows_meilisearchs_escapes(written: str, value: str) -> None:
    assert read_quoted(written, 0) == (value, len(written))


@pytest.mark.parametrize("written", ['"unclosed', '"a\\', '"\\q"', '"\\u{zz}"'])
def test_the_reader_refuses_a_value_meilisearch_refuses(written: str) -> None:
    with pytest.raises(FilterSyntaxError):
        read_quoted(written, 0)


def test_the_reader_refuses_what_the_builder_never_writes() -> None:
    with pytest.raises(FilterSyntaxError):
        read_filter('country IN ["FR"] OR kind IN ["model"]')
