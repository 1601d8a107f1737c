"""The relevance set under tests/relevance: invented clauses, negotiators' queries, judgements.

Each query lists its relevant clauses with a grade (2 answers it, 1 is related). The figures:

    R@10     share of the grade-2 clauses found in the first ten hits (of ten, when more)
    MRR      1 / rank of the first grade-2 clause (0 when none is in the first ten)
    nDCG@10  graded gain (2**grade - 1) discounted by log2(rank + 1), over the ideal order

A query is in the `cross` group when none of its grade-2 clauses is in the query's language,
in `same` otherwise (most of those have answers in other languages too); `typo`, `accents`,
`short` and `long` come from its judged kinds, `filter` from its filters. `tuning` holds the
queries ranking was tuned on; `heldout` the others, kept aside as a check.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.clauses.models import Clause, ClauseKind, ClauseStatus
from app.search.contract import SearchFilters
from app.search.documents import clause_document
from app.taxonomy.model import Taxonomy

SET_DIR = Path(__file__).resolve().parent.parent / "tests" / "relevance"
CUTOFF = 10
GROUPS = ("same", "cross", "typo", "accents", "filter", "short", "long", "all")
LIST_FILTERS = ("themes", "subthemes", "lifecycle", "country", "region", "sector", "language")


@dataclass(frozen=True)
class JudgedClause:
    id: str
    language: str
    title: str
    text: str
    country: str
    kind: str
    sector: str
    year: int
    subthemes: tuple[str, ...]


@dataclass(frozen=True)
class JudgedQuery:
    id: str
    q: str
    language: str
    kinds: tuple[str, ...]
    heldout: bool
    filters: SearchFilters
    relevant: dict[str, int]
    answer_languages: frozenset[str] = field(default_factory=frozenset)

    @property
    def groups(self) -> tuple[str, ...]:
        """The groups this query is counted in."""
        names = ["same" if self.language in self.answer_languages else "cross", *self.kinds]
        if self.filters != SearchFilters():
            names.append("filter")
        return (*names, "all")


@dataclass(frozen=True)
class Score:
    recall: float
    reciprocal_rank: float
    ndcg: float


def load_clauses(directory: Path = SET_DIR) -> list[JudgedClause]:
    """Every clause of the set, from one YAML file per language."""
    clauses: list[JudgedClause] = []
    for path in sorted((directory / "clauses").glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")):
            clauses.append(
                JudgedClause(
                    id=str(raw["id"]),
                    language=path.stem,
                    title=str(raw["title"]),
                    text=str(raw["text"]),
                    country=str(raw["country"]),
                    kind=str(raw.get("kind", "negotiated")),
                    sector=str(raw.get("sector", "")),
                    year=int(raw["year"]),
                    subthemes=tuple(str(code) for code in raw["subthemes"]),
                )
            )
    return clauses


def _filters(raw: dict[str, Any]) -> SearchFilters:
    lists = {name: tuple(str(v) for v in raw[name]) for name in LIST_FILTERS if name in raw}
    return SearchFilters(
        **lists,
        kind=tuple(str(v) for v in raw.get("kind", ())),
        year_from=raw.get("year_from"),
        year_to=raw.get("year_to"),
    )


def load_queries(clauses: list[JudgedClause], directory: Path = SET_DIR) -> list[JudgedQuery]:
    """Every judged query; a judgement naming an unknown clause is an error."""
    language_of = {c.id: c.language for c in clauses}
    raw_queries = yaml.safe_load((directory / "queries.yaml").read_text(encoding="utf-8"))
    queries = []
    for raw in raw_queries:
        relevant = {str(cid): int(grade) for cid, grade in raw["relevant"].items()}
        unknown = set(relevant) - set(language_of)
        if unknown:
            raise ValueError(f"query {raw['id']} judges unknown clauses {sorted(unknown)}")
        answers = frozenset(language_of[cid] for cid, grade in relevant.items() if grade == 2)
        queries.append(
            JudgedQuery(
                id=str(raw["id"]),
                q=str(raw["q"]),
                language=str(raw["language"]),
                kinds=tuple(str(k) for k in raw.get("kinds", ())),
                heldout=bool(raw.get("heldout", False)),
                filters=_filters(raw.get("filters") or {}),
                relevant=relevant,
                answer_languages=answers,
            )
        )
    return queries


def documents(clauses: Iterable[JudgedClause], taxonomy: Taxonomy) -> list[dict[str, Any]]:
    """The search documents of the set's clauses, built as the service builds them."""
    built = []
    for judged in clauses:
        clause = Clause(
            public_id=judged.id,
            title=judged.title,
            text=judged.text,
            language=judged.language,
            kind=ClauseKind(judged.kind),
            status=ClauseStatus.published,
            country=judged.country,
            region=taxonomy.region_of(judged.country),
            sector=judged.sector or None,
            year=judged.year,
            content_hash=uuid.uuid4().hex,
        )
        codes = {
            "theme": sorted({code.split(".")[0] for code in judged.subthemes}),
            "subtheme": list(judged.subthemes),
            "lifecycle": [],
        }
        built.append(clause_document(clause, codes, [], taxonomy))
    return built


def score(ranked: list[str], relevant: dict[str, int]) -> Score:
    """R@10, reciprocal rank and nDCG@10 of one ranked list of clause ids."""
    top = ranked[:CUTOFF]
    answers = {cid for cid, grade in relevant.items() if grade == 2}
    found = len(answers.intersection(top))
    first = next((rank for rank, cid in enumerate(top, 1) if cid in answers), None)
    gain = sum(
        (2 ** relevant.get(cid, 0) - 1) / math.log2(rank + 1) for rank, cid in enumerate(top, 1)
    )
    ideal_grades = sorted(relevant.values(), reverse=True)[:CUTOFF]
    ideal = sum((2**g - 1) / math.log2(rank + 1) for rank, g in enumerate(ideal_grades, 1))
    return Score(
        recall=found / min(len(answers), CUTOFF) if answers else 0.0,
        reciprocal_rank=1 / first if first else 0.0,
        ndcg=gain / ideal if ideal else 0.0,
    )


Ranker = Callable[[JudgedQuery], list[str]]


def evaluate(queries: list[JudgedQuery], ranker: Ranker) -> dict[str, Score]:
    """Mean scores per group, for the queries given."""
    by_group: dict[str, list[Score]] = {}
    for query in queries:
        result = score(ranker(query), query.relevant)
        for group in query.groups:
            by_group.setdefault(group, []).append(result)
    return {
        group: Score(
            recall=sum(s.recall for s in scores) / len(scores),
            reciprocal_rank=sum(s.reciprocal_rank for s in scores) / len(scores),
            ndcg=sum(s.ndcg for s in scores) / len(scores),
        )
        for group, scores in by_group.items()
    }
