"""Relevance floors on the judged set (tests/relevance): what the built-in engine has reached.

The figures come from bench.relevance (`.venv/bin/python -m bench.relevance`), with the
lexicon `make test` builds from Debian's FreeDict dictionaries and Apertium pairs; a change
that loses relevance fails here. Meilisearch is held to the same set by the benchmark, not
here: no server runs on the machines these tests run on.
"""

from __future__ import annotations

import pytest

from app.search.dictionaries.lexicon import open_lexicon
from app.settings import PROJECT_ROOT, Settings
from app.taxonomy.loader import load_taxonomy
from bench.bm25 import Bm25Baseline
from bench.judged import JudgedQuery, Score, documents, evaluate, load_clauses, load_queries
from bench.relevance import backend_ranker, builtin

# group -> (R@10, MRR, nDCG@10) the built-in engine must reach on every query of the set
# (reached on 2026-12-07 with FreeDict and Apertium, long questions scored by BM25F, compounds
# split and mistyped words corrected before translation, words found as parts of compounds,
# less 0.01).
FLOORS = {
    "all": (0.88, 0.93, 0.81),
    "same": (0.85, 0.99, 0.82),
    "cross": (0.91, 0.85, 0.79),
    "typo": (0.91, 0.93, 0.84),
    "accents": (0.92, 0.99, 0.88),
    "filter": (0.99, 0.86, 0.88),
    "short": (0.91, 0.94, 0.85),
    "long": (0.83, 0.93, 0.76),
}
# The engine beats plain BM25 on every figure of every group.
ABOVE_BM25 = tuple(FLOORS)
Judged = tuple[list[JudgedQuery], dict[str, Score], dict[str, Score]]


@pytest.fixture(scope="module")
def judged() -> Judged:
    lexicon = open_lexicon(Settings().lexicon_file)
    assert lexicon is not None, "no lexicon: `make lexicon` builds it from FreeDict"
    clauses = load_clauses()
    queries = load_queries(clauses)
    docs = documents(clauses, load_taxonomy(PROJECT_ROOT / "seed" / "taxonomy"))
    engine = evaluate(queries, backend_ranker(builtin(docs, lexicon)))
    baseline = Bm25Baseline(docs)
    bm25 = evaluate(queries, lambda q: baseline.rank(q.q, q.filters))
    return queries, engine, bm25


def test_the_set_is_large_and_varied_enough(judged: Judged) -> None:
    queries, _, _ = judged
    groups = [group for query in queries for group in query.groups]
    assert len(load_clauses()) >= 80
    assert len(queries) >= 60
    assert groups.count("cross") >= 15
    assert {"typo", "accents", "filter", "long", "short"} <= set(groups)
    assert any(q.heldout for q in queries)
    assert not all(q.heldout for q in queries)


@pytest.mark.parametrize("group", sorted(FLOORS))
def test_the_engine_reaches_its_floor(judged: Judged, group: str) -> None:
    _, engine, _ = judged
    recall, mrr, ndcg = FLOORS[group]
    reached = engine[group]
    assert reached.recall >= recall
    assert reached.reciprocal_rank >= mrr
    assert reached.ndcg >= ndcg


@pytest.mark.parametrize("group", ABOVE_BM25)
def test_the_engine_finds_more_than_plain_bm25(judged: Judged, group: str) -> None:
    _, engine, bm25 = judged
    assert engine[group].recall > bm25[group].recall
    assert engine[group].reciprocal_rank > bm25[group].reciprocal_rank
    assert engine[group].ndcg > bm25[group].ndcg
