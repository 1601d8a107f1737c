"""Relevance on the judged set (tests/relevance): each backend beside a plain BM25 baseline.

    .venv/bin/python -m bench.relevance              # every query
    .venv/bin/python -m bench.relevance --part heldout --show-misses

Prints R@10, MRR and nDCG@10 per group (see bench.judged) for BM25 (FTS5, words OR-ed), the
built-in engine and, when COMMONS_MEILI_URL names a server, Meilisearch. With --show-misses it
lists, per query, the grade-2 clauses the built-in engine left out of its first ten hits.
Not a test: tests/search/test_relevance.py holds the floors.
"""

from __future__ import annotations

import argparse
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.search.builtin import BuiltinSearchBackend
from app.search.contract import SearchBackend, SearchQuery
from app.search.dictionaries.lexicon import Lexicon, open_lexicon
from app.settings import Settings
from app.taxonomy.loader import load_taxonomy
from app.taxonomy.model import Taxonomy
from bench.bm25 import Bm25Baseline
from bench.judged import (
    CUTOFF,
    GROUPS,
    JudgedQuery,
    Ranker,
    Score,
    documents,
    evaluate,
    load_clauses,
    load_queries,
)

TAXONOMY_DIR = Path(__file__).resolve().parent.parent / "seed" / "taxonomy"


def backend_ranker(backend: SearchBackend) -> Ranker:
    """The ids of a backend's first ten hits for a judged query."""

    def rank(query: JudgedQuery) -> list[str]:
        page = backend.search(SearchQuery(q=query.q, filters=query.filters, limit=CUTOFF))
        return [str(hit.document["id"]) for hit in page.hits]

    return rank


def builtin(docs: list[dict[str, Any]], lexicon: Lexicon | None = None) -> BuiltinSearchBackend:
    """The built-in engine holding the set."""
    engine = BuiltinSearchBackend(lexicon)
    engine.rebuild(docs)
    return engine


@contextmanager
def meilisearch(
    docs: list[dict[str, Any]], url: str, lexicon: Lexicon | None
) -> Iterator[SearchBackend]:
    """A Meilisearch index of its own holding the set, deleted afterwards."""
    import meilisearch as client_module

    from app.search.meili.backend import MeiliSearchBackend

    key = os.environ.get("COMMONS_MEILI_KEY") or None
    uid = f"relevance_{uuid.uuid4().hex}"
    backend = MeiliSearchBackend(url, key, uid, lexicon=lexicon)
    backend.ensure_ready()
    try:
        backend.rebuild(docs)
        yield backend
    finally:
        client = client_module.Client(url, key)
        client.wait_for_task(client.delete_index(uid).task_uid)


def print_table(queries: list[JudgedQuery], results: dict[str, dict[str, Score]]) -> None:
    """One row per group: its size, then R@10, MRR and nDCG@10 of each ranker."""
    sizes: dict[str, int] = {}
    for query in queries:
        for group in query.groups:
            sizes[group] = sizes.get(group, 0) + 1
    print(f"{'group':<9}{'n':>4}  " + "".join(f"{name:^20}" for name in results))
    print(" " * 15 + "".join(f"{'R@10  MRR  nDCG':^20}" for _ in results))
    for group in GROUPS:
        if group not in sizes:
            continue
        cells = [
            f" {s.recall:>5.2f} {s.reciprocal_rank:>5.2f} {s.ndcg:>5.2f}  "
            for s in (scores[group] for scores in results.values())
        ]
        print(f"{group:<9}{sizes[group]:>4}  " + "".join(cells))


def show_misses(queries: list[JudgedQuery], rank: Ranker) -> None:
    for query in queries:
        ranked = rank(query)
        missed = [c for c, g in query.relevant.items() if g == 2 and c not in ranked]
        if missed:
            print(f"{query.id} {query.q!r}: missed {missed}; got {ranked}")


def run(part: str, misses: bool, taxonomy: Taxonomy) -> None:
    clauses = load_clauses()
    queries = load_queries(clauses)
    if part != "all":
        queries = [q for q in queries if q.heldout == (part == "heldout")]
    docs = documents(clauses, taxonomy)
    print(f"{len(clauses)} clauses, {len(queries)} queries ({part})")
    baseline = Bm25Baseline(docs)
    rankers: dict[str, Ranker] = {"bm25": lambda q: baseline.rank(q.q, q.filters)}
    lexicon = open_lexicon(Settings().lexicon_file)
    if lexicon is None:
        print("no lexicon (`commons lexicon build`): the built-in engine runs without translation")
    else:
        rankers["builtin, no translation"] = backend_ranker(builtin(docs))
    rankers["builtin"] = backend_ranker(builtin(docs, lexicon))
    url = os.environ.get("COMMONS_MEILI_URL")
    with meilisearch(docs, url, lexicon) if url else _nothing() as meili:
        if meili is not None:
            rankers["meilisearch"] = backend_ranker(meili)
        results = {name: evaluate(queries, rank) for name, rank in rankers.items()}
        print_table(queries, results)
        if misses:
            show_misses(queries, rankers["builtin"])


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


def main(argv: list[str] | None = None, loader: Callable[[], Taxonomy] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("all", "tuning", "heldout"), default="all")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    taxonomy = (loader or (lambda: load_taxonomy(TAXONOMY_DIR)))()
    run(args.part, args.show_misses, taxonomy)


if __name__ == "__main__":
    main()
