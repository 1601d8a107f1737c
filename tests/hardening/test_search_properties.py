"""Any text a reader may type: GET /search answers it (200) or refuses it with a 422 problem,
never a 5xx; the built-in engine parses and runs any str; plain words parse as themselves, but
for the stop words of the query's language, dropped unless nothing else is left."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote_from_bytes

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.search.analysis.analyzer import normalize, tokens
from app.search.analysis.query import MAX_TERMS, CharTerm, PhraseTerm, WordTerm, parse_query
from app.search.analysis.stopwords import STOP_WORDS
from app.search.contract import MAX_QUERY_CHARS, SearchFilters, SearchQuery
from tests.hardening.profile import HARDENING
from tests.hardening.world import lived_in

SYNTAX = st.sampled_from(
    ['"', "(", ")", " AND ", " OR ", " NOT ", "*", "-", ":", "\\", "'", "«", "»", "，", "。",
     "\n", "\t", " ", "\x00", "\x01", "\ue000", "\ue001", "\U0010ffff", "🙂", "👩‍👩‍👧", "\u200b",
     "\ufeff", "\u0301", "第12条", "재택근무", "การทำงาน", "İ", "ß", "ﬁ", "%", "&", "+", "#",
     "?", "=", "/", "telework", "right to disconnect", "déconnexion", "-monitoring", '-"a b"']
)  # fmt: skip
LONE_SURROGATE = st.integers(0xD800, 0xDFFF).map(chr)
LONG = st.tuples(SYNTAX | st.text(min_size=1, max_size=3), st.integers(900, 10_000)).map(
    lambda piece_and_size: (piece_and_size[0] * piece_and_size[1])[: piece_and_size[1]]
)
QUERY_TEXT = st.one_of(
    st.text(),
    st.lists(SYNTAX | LONE_SURROGATE | st.text(max_size=5), max_size=40).map("".join),
    LONG,
)
# The test client refuses URLs over 64 KiB, as servers refuse long request lines: a query that
# long is never answered by the app at all.
MAX_URL_BYTES = 65_000
ANY_STOP_WORD: frozenset[str] = frozenset().union(*STOP_WORDS.values())
# A word that carries meaning in every language the parser knows: never dropped.
WORD = st.from_regex(r"[a-z]{1,10}", fullmatch=True).filter(lambda w: w not in ANY_STOP_WORD)
ENGLISH_STOP_WORD = st.sampled_from(sorted(STOP_WORDS["en"]))


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, TestClient]]:
    """The app with the model clauses and a few of an affiliate's indexed by the built-in engine."""
    with lived_in(tmp_path_factory.mktemp("search")) as (app, client, _world):
        yield app, client


@settings(HARDENING, max_examples=150)
@given(q=QUERY_TEXT)
def test_any_query_text_is_answered_or_refused_never_a_server_error(
    searcher: tuple[FastAPI, TestClient], q: str
) -> None:
    _app, client = searcher
    sent = q.encode("utf-8", "surrogatepass")
    # What the server reads: bytes that are not UTF-8 (a lone surrogate) become U+FFFD.
    received = sent.decode("utf-8", "replace")
    url = "/api/v1/search?q=" + quote_from_bytes(sent, safe="")
    assume(len(url) < MAX_URL_BYTES)
    response = client.get(url)
    if len(received) > MAX_QUERY_CHARS:
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert [e["field"] for e in response.json()["errors"]] == ["q"]
    else:
        assert response.status_code == 200, response.text
        answer = response.json()
        assert answer["q"] == received.strip()
        assert len(answer["hits"]) <= answer["total"]


@HARDENING
@given(q=QUERY_TEXT, signed_in=st.booleans())
def test_the_builtin_engine_runs_any_str(searcher: tuple[FastAPI, TestClient], q: str,
                                         signed_in: bool) -> None:  # fmt: skip
    app, _client = searcher
    visibility = ("public", "affiliates") if signed_in else ("public",)
    query = SearchQuery(q=q, filters=SearchFilters(visibility=visibility), limit=5)
    page = app.state.indexer.backend.search(query)
    assert 0 <= len(page.hits) <= 5
    assert len(page.hits) <= page.total


@HARDENING
@given(q=QUERY_TEXT)
def test_the_query_parser_takes_any_str_and_keeps_only_its_tokens(q: str) -> None:
    parsed = parse_query(q)
    found = set(tokens(normalize(q[:MAX_QUERY_CHARS]), dense=True))
    words: list[str] = [*parsed.negative_words]
    words += [w for phrase in parsed.negative_phrases for w in phrase]
    for term in parsed.terms:
        if isinstance(term, WordTerm):
            words.append(term.word)
        elif isinstance(term, PhraseTerm):
            words.extend(term.words)
        else:
            assert isinstance(term, CharTerm)
            words.append(term.char)
    assert len(parsed.terms) <= MAX_TERMS
    assert all(w and w in found for w in words)
    assert all(phrase for phrase in parsed.negative_phrases)


@HARDENING
@given(words=st.lists(WORD, min_size=1, max_size=14), trailing_space=st.booleans())
def test_plain_words_parse_as_themselves_the_last_as_a_prefix(
    words: list[str], trailing_space: bool
) -> None:
    q = " ".join(words) + (" " if trailing_space else "")
    kept = words[:MAX_TERMS]
    last_is_prefix = len(words) <= MAX_TERMS and not trailing_space
    expected = [WordTerm(w) for w in kept]
    if last_is_prefix:
        expected[-1] = WordTerm(kept[-1], is_prefix=True)
    assert list(parse_query(q).terms) == expected


@HARDENING
@given(kept=st.lists(WORD, min_size=1, max_size=5), excluded=st.lists(WORD, max_size=5))
def test_a_leading_minus_excludes_a_word_and_a_phrase(kept: list[str], excluded: list[str]) -> None:
    q = " ".join([*kept, *(f"-{w}" for w in excluded), '-"' + " ".join(kept) + '"', "end"])
    parsed = parse_query(q)
    assert list(parsed.negative_words) == excluded
    assert list(parsed.negative_phrases) == [tuple(kept)]
    assert [t.word for t in parsed.terms if isinstance(t, WordTerm)] == [*kept, "end"][:MAX_TERMS]


@HARDENING
@given(
    pieces=st.lists(st.tuples(st.booleans(), WORD, ENGLISH_STOP_WORD), min_size=1, max_size=8),
    stops_first=st.booleans(),
)
def test_stop_words_are_dropped_and_the_other_words_kept_in_order(
    pieces: list[tuple[bool, str, str]], stops_first: bool
) -> None:
    words: list[str] = []
    for meaningful, word, stop in pieces:
        piece = [stop, word] if stops_first else [word, stop]
        words.extend(piece if meaningful else [stop])
    q = " ".join(words) + " "
    meaningful_words = [word for meaningful, word, _stop in pieces if meaningful]
    parsed = parse_query(q)
    if meaningful_words:
        # Every stop word here is English, so English is among the languages guessed.
        assert "en" in parsed.languages
        kept = meaningful_words
    else:
        # A query of stop words alone keeps them: it still finds what it names.
        kept = words
    assert [t.word for t in parsed.terms if isinstance(t, WordTerm)] == kept[:MAX_TERMS]
    assert all(isinstance(t, WordTerm) and not t.is_prefix for t in parsed.terms)
