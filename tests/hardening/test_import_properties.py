"""Properties of the import's two front doors, beyond "never raises" (tests/imports/
test_properties.py): a row of strings is a clause or rejections that name fields the person can
find in their file; a valid row, however its headers are spelled, is exactly its clause; the
splitter's segments tile the text, and generated agreements come back article by article."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.imports.documents.splitter import split_agreement
from app.imports.fields import FIELD_NAMES, FIELDS, column_key
from app.imports.fields import translation_column as translation_parts
from app.imports.model import SourceRow
from app.imports.rows import map_row
from app.settings import Settings
from app.taxonomy.loader import load_taxonomy
from tests.hardening.profile import HARDENING

TAXONOMY = load_taxonomy(Settings().taxonomy_dir)
REQUIRED = frozenset(f.name for f in FIELDS if f.required)
PLAIN_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=30)
CELL = st.one_of(
    PLAIN_TEXT,
    st.sampled_from(
        ["", " ", "2024-03-01", "0", "6|6.1", "PH", "en", "fr-CA", "negotiated", "model",
         "1899", "2101", "https://example.org", "javascript:x", "|", "x" * 60]
    ),
    st.text(max_size=8),
)  # fmt: skip
HEADER = st.one_of(
    st.sampled_from([*FIELD_NAMES, "title_fr", "text_fr", "kind_fr", "text_pt-BR", "title_xx",
                     "External ID", " COUNTRY ", "signed-date", "id", "status", "Notes"]),
    st.text(max_size=10),
)  # fmt: skip
SUBTHEME = st.sampled_from(TAXONOMY.subtheme_codes)
WORDS = ["the", "employer", "shall", "give", "notice", "of", "any", "new", "tool", "workers"]
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(
    lambda words: " ".join(words).capitalize() + "."
)


def _named_fields(field: str) -> str:
    """`subthemes[1]` and `translations[0].text` name the column `subthemes`, `translations`."""
    return re.split(r"[\[.]", field, maxsplit=1)[0]


def _findable(values: dict[str, str]) -> set[str]:
    """The fields a rejection may name: the file's own columns, the required ones, and the
    partner of a translation column given alone (`title_fr` wants `text_fr`)."""
    columns = {column_key(header) for header in values}
    partners = set()
    for column in columns:
        parts = translation_parts(column)
        if parts is not None:
            partners |= {column_key(f"{part}_{parts[1]}") for part in ("title", "text", "kind")}
    return columns | partners | REQUIRED | {"row"}


@settings(HARDENING, max_examples=300)
@given(values=st.dictionaries(HEADER, CELL, max_size=12), number=st.integers(1, 10**6))
def test_a_row_of_strings_is_a_clause_or_rejections_naming_its_fields(
    values: dict[str, str], number: int
) -> None:
    result = map_row(SourceRow(number, values), TAXONOMY)
    assert (result.row is None) == bool(result.errors)
    findable = _findable(values)
    for error in result.errors:
        assert error.row == number
        assert error.reason.strip()
        assert column_key(_named_fields(error.field)) in findable, (error, sorted(findable))
    assert set(result.unknown) <= set(values)


@HARDENING
@given(
    title=SENTENCE, text=SENTENCE, language=st.sampled_from(["en", "fr", "es", "pt", "sw"]),
    country=st.sampled_from(TAXONOMY.countries), subthemes=st.lists(SUBTHEME, max_size=3,
    unique=True), signed=st.dates(date(1990, 1, 1), date(2030, 12, 31)),
    spell=st.sampled_from([str, str.upper, str.title, lambda h: h.replace("_", " ")]),
)  # fmt: skip
def test_a_valid_row_is_exactly_its_clause_however_its_headers_are_spelled(
    title: str, text: str, language: str, country: str, subthemes: list[str], signed: date,
    spell: object,
) -> None:  # fmt: skip
    themes = sorted({TAXONOMY.theme_of(code) for code in subthemes})
    row = {"title": title, "text": text, "language": language, "country": country,
           "themes": "|".join(themes), "subthemes": "|".join(subthemes),
           "signed_date": signed.isoformat(), "union": "Example Union|Other Union"}  # fmt: skip
    assert callable(spell)
    result = map_row(SourceRow(7, {spell(k): v for k, v in row.items()}), TAXONOMY)
    assert result.errors == []
    assert result.row is not None
    clause = result.row.clause
    assert (clause.title, clause.text, clause.language) == (title, text, language)
    assert (clause.country, clause.themes, clause.subthemes) == (country, themes, subthemes)
    assert clause.agreement.signed_date == signed
    assert clause.unions == ["Example Union", "Other Union"]


HEADING_BITS = st.sampled_from(
    ["Article 1", "ART. XII", "§ 3", "第2条", "제4조", "（目的）", "Section 4.2", "CHAPITRE I",
     " – Title", "\n", "\r\n", "text. ", "Cláusula primera", "...... 3", "(", "　", "Art.", "12",
     "\n\n", "Annex A", "# Article 9", "> Article 10 – Quoted"]
)  # fmt: skip


@HARDENING
@given(st.one_of(st.text(), st.lists(HEADING_BITS | st.text(max_size=8), max_size=30).map("".join)))
def test_segments_tile_the_text_in_order_and_hold_their_titles_and_bodies(text: str) -> None:
    segments = split_agreement(text)
    assert [s.start for s in segments[1:]] == [s.end for s in segments[:-1]]
    if not text:
        assert segments == []
        return
    assert (segments[0].start, segments[-1].end) == (0, len(text))
    assert all(s.start < s.end for s in segments)
    assert [s.kind for s in segments[1:]].count("preamble") == 0
    for segment in segments:
        span = text[segment.start : segment.end]
        assert segment.body == segment.body.strip()
        assert segment.body in span
        assert segment.title is None or segment.title in span
        assert segment.ref is None or re.sub(r"\s", "", segment.ref) in re.sub(r"\s", "", span)


# A heading as written (with its title), and the reference the splitter should give it.
LABELS = {
    "Article {n} – {title}": "Article {n}", "ARTICLE {n} - {title}": "ARTICLE {n}",
    "Art. {n}: {title}": "Art. {n}", "Artículo {n}. {title}": "Artículo {n}",
    "Artigo {n}.º {title}": "Artigo {n}.º", "§ {n} {title}": "§ {n}",
    "Clause {n} {title}": "Clause {n}", "第{n}条（{title}）": "第{n}条",
    "제{n}조({title})": "제{n}조",
}  # fmt: skip
# No title word starts with "Re" or "Er" here: see the expected failure below.
TITLE_WORDS = ["Telework", "Data", "Notice", "Monitoring", "Equipment", "Health", "Breaks"]
TITLE = st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=3).map(" ".join)
BODY = st.lists(SENTENCE, min_size=1, max_size=3)


@HARDENING
@given(
    preamble=st.none() | SENTENCE,
    label=st.sampled_from(sorted(LABELS)),
    articles=st.lists(st.tuples(st.integers(1, 999), TITLE, BODY), min_size=1, max_size=8),
)
def test_article_headings_give_one_article_each_with_its_reference_title_and_body(
    preamble: str | None, label: str, articles: list[tuple[int, str, list[str]]]
) -> None:
    lines = [preamble] if preamble else []
    for n, title, body in articles:
        lines += [label.format(n=n, title=title), *body]
    text = "\n".join(lines) + "\n"
    found = [s for s in split_agreement(text) if s.kind == "article"]
    assert [s.ref for s in found] == [LABELS[label].format(n=n) for n, _, _ in articles]
    assert [s.title for s in found] == [title for _, title, _ in articles]
    assert [s.body for s in found] == ["\n".join(body) for _, _, body in articles]


@pytest.mark.parametrize("heading", ["Article 12 Remote work", "Clause 1 Rest", "Art. 3 Errors"])
def test_a_title_starting_with_re_or_er_keeps_its_heading(heading: str) -> None:
    text = f"Article 11 – Telework\nThe employer pays.\n{heading}\nText of the article.\n"
    found = [s for s in split_agreement(text) if s.kind == "article"]
    assert [s.ref for s in found] == ["Article 11", " ".join(heading.split()[:2])]
