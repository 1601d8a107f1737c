"""Query syntax: words, phrases, exclusions, prefixes, and text that is only text."""

from __future__ import annotations

import pytest

from app.search.analysis.analyzer import bigrams
from app.search.analysis.query import (
    CharTerm,
    ParsedQuery,
    PhraseTerm,
    WordTerm,
    parse_query,
    translatable_words,
)


def test_plain_words_with_the_last_as_prefix() -> None:
    assert parse_query("right disc") == ParsedQuery(
        (WordTerm("right"), WordTerm("disc", is_prefix=True))
    )


def test_stop_words_of_the_query_language_are_dropped() -> None:
    parsed = parse_query("can the employer read my emails")
    assert parsed.terms == (WordTerm("employer"), WordTerm("read"), WordTerm("emails", True))
    assert parsed.languages == ("en",)


def test_a_stop_word_of_another_language_is_kept() -> None:
    # "die" is a German article, but nothing else in this query is German.
    assert WordTerm("die") in parse_query("workers who die at work").terms


def test_stop_words_alone_are_kept() -> None:
    assert parse_query("to be or not").terms == (
        WordTerm("to"),
        WordTerm("be"),
        WordTerm("or"),
        WordTerm("not", is_prefix=True),
    )


def test_stop_words_inside_a_phrase_are_kept() -> None:
    assert parse_query('"right to disconnect" of staff').terms == (
        PhraseTerm(("right", "to", "disconnect")),
        WordTerm("staff", is_prefix=True),
    )


@pytest.mark.parametrize("query", ["right ", "right,", "right.", 'right "'])
def test_anything_after_the_last_word_ends_the_prefix(query: str) -> None:
    assert parse_query(query).terms[0] == WordTerm("right")


def test_quotes_make_a_phrase_without_prefix() -> None:
    assert parse_query('"right to disconnect"').terms == (
        PhraseTerm(("right", "to", "disconnect")),
    )


def test_an_unclosed_quote_runs_to_the_end() -> None:
    assert parse_query('email "right to').terms == (
        WordTerm("email"),
        PhraseTerm(("right", "to")),
    )


def test_a_full_stop_inside_quotes_splits_the_phrase() -> None:
    assert parse_query('"one two. three four"').terms == (
        PhraseTerm(("one", "two")),
        PhraseTerm(("three", "four")),
    )


def test_minus_before_a_word_excludes_it() -> None:
    parsed = parse_query("surveillance -camera")
    assert parsed.terms == (WordTerm("surveillance"),)
    assert parsed.negative_words == ("camera",)


def test_minus_before_quotes_excludes_a_phrase() -> None:
    parsed = parse_query('training -"paid leave"')
    assert parsed.negative_phrases == (("paid", "leave"),)
    assert parsed.terms == (WordTerm("training"),)


def test_a_hyphen_inside_a_word_is_not_an_exclusion() -> None:
    parsed = parse_query("co-determination")
    assert parsed.negative_words == ()
    assert parsed.terms == (WordTerm("co"), WordTerm("determination", is_prefix=True))


@pytest.mark.parametrize("query", ["-", "--x", "- x"])
def test_stray_minus_signs_exclude_nothing(query: str) -> None:
    assert parse_query(query).negative_words == ()


def test_operators_and_symbols_are_plain_text() -> None:
    # OR, AND and NOT are no operators: English words, dropped as stop words like "the".
    terms = parse_query("(bias OR audit) AND NOT c* title:x").terms
    assert [t.word for t in terms if isinstance(t, WordTerm)] == [
        "bias",
        "audit",
        "c",
        "title",
        "x",
    ]


def test_only_ten_terms_count_and_later_exclusions_are_dropped() -> None:
    parsed = parse_query(" ".join(f"w{n}" for n in range(12)) + " -gone")
    assert len(parsed.terms) == 10
    assert parsed.negative_words == ()


def test_unspaced_script_runs_become_bigram_phrases() -> None:
    assert parse_query("离线权").terms == (PhraseTerm(("离线", "线权")),)


def test_a_single_unspaced_character_matches_as_a_character() -> None:
    assert parse_query("権").terms == (CharTerm("権"),)


def test_mixed_scripts_split_into_terms() -> None:
    assert parse_query("AI导入").terms == (WordTerm("ai"), PhraseTerm(("导入",)))


@pytest.mark.parametrize(
    "query",
    ["", "   ", '"', '""', "\ud800", "🙂", "*", "((", "\x00", "x" * 5000, '-"', '"-'],
)
def test_no_string_makes_parsing_fail(query: str) -> None:
    assert isinstance(parse_query(query), ParsedQuery)


def test_queries_are_cut_at_the_length_limit() -> None:
    parsed = parse_query("a" * 999 + " bcd")
    assert parsed.terms == (WordTerm("a" * 999),)


def test_a_japanese_run_becomes_one_term_per_word() -> None:
    terms = parse_query("つながらない権利").terms
    assert terms == (PhraseTerm(tuple(bigrams("つながらない"))), PhraseTerm(("権利",)))
    assert [t.run for t in terms if isinstance(t, PhraseTerm)] == ["つながらない", "権利"]


def test_words_and_unspaced_runs_translate_but_quoted_phrases_do_not() -> None:
    parsed = parse_query('"right to disconnect" pausen 権利 -cctv')
    assert translatable_words(parsed) == [(1, "pausen"), (2, "権利")]
