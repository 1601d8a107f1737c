"""The field reference and the CSV template: complete, and the template's example imports."""

from __future__ import annotations

import csv
import io

from app.clauses.schemas import ClauseCreate
from app.imports.fields import (
    FIELD_NAMES,
    FIELDS,
    TRANSLATION_DOCS,
    column_key,
    reference_markdown,
    template_csv,
    translation_column,
)
from app.imports.model import SourceRow
from app.imports.rows import map_row
from app.taxonomy.model import Taxonomy


def test_every_field_has_a_meaning_and_an_example() -> None:
    assert all(f.meaning and f.example for f in FIELDS)


def test_template_header_lists_every_field() -> None:
    header = next(csv.reader(io.StringIO(template_csv())))
    assert set(FIELD_NAMES) <= set(header)


def test_template_example_row_is_a_valid_clause(taxonomy: Taxonomy) -> None:
    header, example = list(csv.reader(io.StringIO(template_csv())))
    result = map_row(SourceRow(2, dict(zip(header, example, strict=True))), taxonomy)
    assert result.errors == []
    assert result.unknown == []
    assert isinstance(result.row and result.row.clause, ClauseCreate)


def test_headers_are_compared_without_case_spaces_or_hyphens() -> None:
    assert column_key(" External ID ") == column_key("external-id") == "external_id"


def test_translation_columns_name_a_known_language() -> None:
    assert translation_column("text_pt_br") == ("text", "pt-BR")
    assert translation_column("text_zz") is None


def test_the_markdown_reference_has_a_row_per_field() -> None:
    table = reference_markdown().splitlines()
    assert len(table) == 2 + len(FIELDS) + len(TRANSLATION_DOCS)
    assert table[2].startswith("| `external_id` |")
