"""The filter-expression builder: quoting, escaping, IN lists, year ranges, defaults."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.search.contract import SearchFilters
from app.search.meili.filters import InvalidFilterError, build_filter, in_clause, quote_value

_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"', re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def unquote_all(expression: str) -> list[str]:
    """The string values of an expression, unescaped as Meilisearch reads them."""
    return [_ESCAPE.sub(r"\1", raw) for raw in _QUOTED.findall(expression)]


def test_a_plain_value_is_double_quoted() -> None:
    assert quote_value("FR") == '"FR"'


def test_a_double_quote_inside_a_value_is_escaped() -> None:
    assert quote_value('say "no"') == '"say \\"no\\""'


def test_a_backslash_inside_a_value_is_escaped() -> None:
    assert quote_value("a\\b") == '"a\\\\b"'


def test_a_backslash_before_a_quote_cannot_close_the_string() -> None:
    assert quote_value('\\"') == '"\\\\\\""'


def test_a_sector_name_with_quotes_stays_one_value() -> None:
    expression = build_filter(SearchFilters(sector=('Nurses "and" midwives',), visibility=()))
    assert expression == 'sector IN ["Nurses \\"and\\" midwives"]'


def test_an_injection_attempt_stays_inside_its_quotes() -> None:
    hostile = 'x"] OR visibility IN ["affiliates'
    expression = build_filter(SearchFilters(country=(hostile,)))
    assert expression == (
        'country IN ["x\\"] OR visibility IN [\\"affiliates"] AND visibility IN ["public"]'
    )
    assert unquote_all(expression or "") == [hostile, "public"]


def test_several_values_of_one_field_form_an_in_list() -> None:
    assert in_clause("country", ("FR", "BR", "ZA")) == 'country IN ["FR", "BR", "ZA"]'


def test_fields_are_joined_with_and_in_contract_order() -> None:
    filters = SearchFilters(themes=("5",), country=("FR",), kind=("model",))
    assert build_filter(filters) == (
        'themes IN ["5"] AND country IN ["FR"] AND kind IN ["model"] AND visibility IN ["public"]'
    )


def test_the_default_filter_shows_public_clauses_only() -> None:
    assert build_filter(SearchFilters()) == 'visibility IN ["public"]'


def test_no_filter_at_all_gives_no_expression() -> None:
    assert build_filter(SearchFilters(visibility=())) is None


def test_a_year_range_gives_both_bounds() -> None:
    filters = SearchFilters(year_from=2019, year_to=2023, visibility=())
    assert build_filter(filters) == "year >= 2019 AND year <= 2023"


def test_a_year_range_open_at_the_top_gives_the_lower_bound_only() -> None:
    assert build_filter(SearchFilters(year_from=2019, visibility=())) == "year >= 2019"


def test_a_year_range_open_at_the_bottom_gives_the_upper_bound_only() -> None:
    assert build_filter(SearchFilters(year_to=2001, visibility=())) == "year <= 2001"


def test_the_year_range_follows_the_value_filters() -> None:
    filters = SearchFilters(country=("SE",), year_from=2020)
    assert (
        build_filter(filters) == 'country IN ["SE"] AND visibility IN ["public"] AND year >= 2020'
    )


@pytest.mark.parametrize("bound", ["2019", 2019.0, True, "2019 OR 1=1"])
def test_a_year_bound_that_is_not_an_int_is_refused(bound: Any) -> None:
    with pytest.raises(InvalidFilterError):
        build_filter(SearchFilters(year_from=bound))


def test_a_value_that_is_not_a_string_is_refused() -> None:
    with pytest.raises(InvalidFilterError):
        build_filter(SearchFilters(country=(7,)))  # type: ignore[arg-type]


def test_a_field_that_is_not_filterable_is_refused() -> None:
    with pytest.raises(InvalidFilterError):
        in_clause("text_en", ("anything",))


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_any_values_read_back_exactly_as_given(values: list[str]) -> None:
    expression = in_clause("sector", tuple(values))
    assert expression.startswith("sector IN [")
    assert expression.endswith("]")
    assert unquote_all(expression) == values
