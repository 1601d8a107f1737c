"""Each row is checked with the API's own rules, and every bad field is named."""

from __future__ import annotations

from datetime import date

from app.imports.model import SourceRow
from app.imports.rows import map_row
from app.taxonomy.model import Taxonomy
from tests.imports.builders import clause_values, source_row


def _fields(row: SourceRow, taxonomy: Taxonomy) -> set[str]:
    return {e.field for e in map_row(row, taxonomy).errors}


def test_a_valid_row_becomes_the_clause_the_api_would_create(taxonomy: Taxonomy) -> None:
    result = map_row(source_row(), taxonomy)
    assert result.row is not None
    clause = result.row.clause
    assert (clause.unions, clause.tags, clause.year) == (
        ["Example Public Employees Union"],
        ["monitoring", "notice"],
        None,
    )
    assert clause.agreement.signed_date == date(2024, 3, 1)


def test_every_bad_field_is_named_in_one_pass(taxonomy: Taxonomy) -> None:
    row = source_row(
        title="",
        language="xx",
        country="ZZ",
        themes="9",
        subthemes="6.1|4.9",
        lifecycle="somewhere",
        kind="won",
        licence="MIT",
        year="next year",
        signed_date="01/03/2024",
        source_url="ftp://example.org/a",
    )
    assert _fields(row, taxonomy) == {
        "title", "language", "country", "themes[0]", "subthemes[1]", "lifecycle[0]", "kind",
        "licence", "year", "signed_date", "source_url",
    }  # fmt: skip


def test_every_error_carries_the_row_number(taxonomy: Taxonomy) -> None:
    errors = map_row(source_row(17, title="", language="xx"), taxonomy).errors
    assert {e.row for e in errors} == {17}


def test_a_missing_required_field_says_so(taxonomy: Taxonomy) -> None:
    values = clause_values()
    del values["text"]
    errors = map_row(SourceRow(2, values), taxonomy).errors
    assert [(e.field, e.reason) for e in errors] == [("text", "required (missing or empty)")]


def test_expiry_before_signing_is_named_on_the_expiry_date(taxonomy: Taxonomy) -> None:
    row = source_row(signed_date="2024-03-01", expiry_date="2023-01-01")
    assert _fields(row, taxonomy) == {"expiry_date"}


def test_unknown_columns_are_listed_not_dropped_silently(taxonomy: Taxonomy) -> None:
    result = map_row(source_row(colour="blue", Notes="x"), taxonomy)
    assert result.row is not None
    assert result.unknown == ["colour", "Notes"]


def test_headers_in_another_case_are_recognised(taxonomy: Taxonomy) -> None:
    values = {"Title": "Telework", "TEXT": "Telework is voluntary.", "Language": "en"}
    result = map_row(SourceRow(2, values), taxonomy)
    assert result.row is not None


def test_multi_valued_cells_are_split_on_the_bar(taxonomy: Taxonomy) -> None:
    result = map_row(source_row(union=" Union A | Union B ||", subthemes="6.1|1.1"), taxonomy)
    assert result.row is not None
    assert result.row.clause.unions == ["Union A", "Union B"]
    assert result.row.clause.subthemes == ["6.1", "1.1"]


def test_translation_columns_become_translations(taxonomy: Taxonomy) -> None:
    row = source_row(
        title_fr="Préavis", text_fr="L'employeur informe le syndicat.", kind_fr="official"
    )
    result = map_row(row, taxonomy)
    assert result.row is not None
    translation = result.row.clause.translations[0]
    assert (translation.language, translation.kind) == ("fr", "official")
    assert result.row.translation_scope == frozenset({"fr"})


def test_a_translated_text_without_its_title_is_named(taxonomy: Taxonomy) -> None:
    row = source_row(title_es="", text_es="El empleador informa al sindicato.")
    assert _fields(row, taxonomy) == {"title_es"}


def test_a_translation_into_the_original_language_is_named(taxonomy: Taxonomy) -> None:
    assert _fields(source_row(title_en="Notice", text_en="Notice text."), taxonomy) == {"text_en"}


def test_json_values_lists_and_nested_agreement_are_accepted(taxonomy: Taxonomy) -> None:
    values = {
        "title": "Telework",
        "text": "Telework is voluntary.",
        "language": "en",
        "themes": ["4"],
        "union": ["Union A"],
        "year": 2023,
        "agreement": {"title": "CBA 2023", "article": "Art. 4"},
        "translations": [{"language": "fr", "title": "Télétravail", "text": "Il est volontaire."}],
    }
    result = map_row(SourceRow(1, values), taxonomy)
    assert result.row is not None
    assert result.row.clause.agreement.article == "Art. 4"
    assert result.row.translation_scope is None


def test_json_translation_errors_are_named_by_position(taxonomy: Taxonomy) -> None:
    values = clause_values(translations=[{"language": "fr", "title": "", "text": "x"}])
    assert _fields(SourceRow(1, values), taxonomy) == {"translations[0].title"}


def test_spreadsheet_numbers_become_text_where_text_is_expected(taxonomy: Taxonomy) -> None:
    result = map_row(source_row(external_id=1042.0, year=2024.0, sector=7), taxonomy)
    assert result.row is not None
    assert (result.row.clause.external_id, result.row.clause.year) == ("1042", 2024)


def test_a_row_that_could_not_be_read_is_rejected_with_why(taxonomy: Taxonomy) -> None:
    errors = map_row(SourceRow(4, {}, "not valid JSON"), taxonomy).errors
    assert [(e.row, e.field, e.reason) for e in errors] == [(4, "row", "not valid JSON")]
