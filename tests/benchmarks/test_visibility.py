"""The publish mix's markers: one word each, searchable as such, unlike any corpus word."""

from __future__ import annotations

from itertools import islice

from app.search.analysis.analyzer import tokens
from bench.corpus import synthetic_clauses
from bench.visibility import marker
from bench.worstcase import VOCABULARY


def test_markers_are_distinct_single_words_that_no_generated_clause_holds() -> None:
    numbers = [*range(2000), *(n * 1_000_000 + k for n in (1, 49) for k in range(500))]
    words = [marker(n) for n in numbers]
    assert len(set(words)) == len(words)
    assert all(word.isalpha() and word.isascii() and word.startswith("qz") for word in words)
    assert all(tokens(word) == [word] for word in words[:50])
    corpus_words = {w for vocabulary in VOCABULARY.values() for w in vocabulary}
    for clause in islice(synthetic_clauses(300, seed=1), 300):
        corpus_words.update(tokens(clause.text))
    assert not corpus_words & set(words)
