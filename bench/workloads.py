"""The corpora and query mixes the benchmarks can run: realistic (bench.corpus) and the
worst case (bench.worstcase)."""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bench.corpus import SyntheticClause, make_query, synthetic_clauses
from bench.worstcase import worst_case_clauses, worst_case_query


@dataclass(frozen=True)
class Workload:
    clauses: Callable[[int, int], Iterator[SyntheticClause]]  # count, seed
    query: Callable[[random.Random], str]  # one request, as an API path


WORKLOADS: dict[str, Workload] = {
    "realistic": Workload(synthetic_clauses, make_query),
    "worst": Workload(worst_case_clauses, worst_case_query),
}


def add_corpus_option(parser: argparse.ArgumentParser) -> None:
    """--corpus: which of WORKLOADS a benchmark runs."""
    parser.add_argument(
        "--corpus", choices=sorted(WORKLOADS), default="realistic", help="corpus and query mix"
    )
