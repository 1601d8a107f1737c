"""The worst-case corpus and queries are what bench.search says they are (issue: every query
word in about one clause in six)."""

from __future__ import annotations

import random
from collections import Counter
from urllib.parse import parse_qs, urlsplit

from bench.worstcase import LANGUAGES, SUBTHEMES, VOCABULARY, worst_case_clauses, worst_case_query


def test_clauses_are_drawn_from_25_words_of_six_languages() -> None:
    clauses = list(worst_case_clauses(600))
    assert {len(words) for words in VOCABULARY.values()} == {25}
    assert set(LANGUAGES) == {"en", "fr", "es", "pt", "de", "ja"}
    assert {c.language for c in clauses} == set(LANGUAGES)
    for clause in clauses:
        separator = "、" if clause.language == "ja" else " "
        words = clause.text.split(separator)
        assert 40 <= len(words) <= 220
        assert set(words) <= set(VOCABULARY[clause.language])
        assert len(clause.subthemes) == 1
        assert clause.subthemes[0] in SUBTHEMES
    # A word of a language is in almost every clause of that language: one in six of all.
    english = [c for c in clauses if c.language == "en"]
    share = sum("union" in c.text.split() for c in english) / len(clauses)
    assert 0.1 < share < 0.25
    assert list(worst_case_clauses(5)) == list(worst_case_clauses(5))


def test_queries_follow_the_mix() -> None:
    rng = random.Random(3)
    params = [parse_qs(urlsplit(worst_case_query(rng)).query) for _ in range(2000)]
    counts = Counter(len(p["q"][0].split()) for p in params)
    assert set(counts) == {1, 2, 3}
    assert all(p["per_page"] == ["20"] for p in params)
    themes = sum("theme" in p for p in params) / len(params)
    countries = sum("country" in p for p in params) / len(params)
    assert 0.25 < themes < 0.35
    assert 0.15 < countries < 0.25
    known = {w for words in VOCABULARY.values() for w in words}
    altered = sum(any(w not in known for w in p["q"][0].split()) for p in params) / len(params)
    assert 0.3 < altered < 0.8  # typos and cut prefixes
