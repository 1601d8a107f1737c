"""Properties: the row validator and the splitter take any input without an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.imports.documents.splitter import split_agreement
from app.imports.fields import FIELD_NAMES
from app.imports.model import SourceRow
from app.imports.rows import map_row
from app.settings import Settings
from app.taxonomy.loader import load_taxonomy

TAXONOMY = load_taxonomy(Settings().taxonomy_dir)
CELL = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.lists(st.one_of(st.text(max_size=10), st.integers(), st.none()), max_size=4),
    st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=3),
)
KEYS = st.one_of(
    st.sampled_from([*FIELD_NAMES, "translations", "title_fr", "text_fr", "kind_fr", "text_xx"]),
    st.text(max_size=12),
)
HEADING_BITS = st.sampled_from(
    ["Article 1", "ART. XII", "§ 3", "第2条", "제4조", "（目的）", "Section 4.2", "CHAPITRE I",
     " – Title", "\n", "\r\n", "text. ", "Cláusula primera", "...... 3", "(", "　", "Art.", "12"]
)  # fmt: skip


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(KEYS, CELL, max_size=12), st.integers(min_value=1, max_value=10**6))
def test_any_row_is_mapped_or_rejected_never_raises(values: dict[str, object], number: int) -> None:
    result = map_row(SourceRow(number, values), TAXONOMY)
    assert (result.row is None) == bool(result.errors)
    assert all(e.row == number for e in result.errors)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_splitting_any_text_keeps_every_character(text: str) -> None:
    segments = split_agreement(text)
    assert "".join(text[s.start : s.end] for s in segments) == text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(HEADING_BITS, st.text(max_size=8)), max_size=30))
def test_splitting_heading_like_text_keeps_every_character(bits: list[str]) -> None:
    text = "".join(bits)
    segments = split_agreement(text)
    assert "".join(text[s.start : s.end] for s in segments) == text
    assert all(s.start <= s.end for s in segments)
