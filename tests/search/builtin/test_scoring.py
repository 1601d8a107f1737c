"""The words rule of a long question: the head of the plain words order, scored by BM25F."""

from __future__ import annotations

from typing import Any

from app.search.builtin import BuiltinSearchBackend
from app.search.builtin.scoring import HEAD, LONG_QUERY, idf
from app.search.contract import SearchQuery

from ..corpus import make_document

QUESTION = "how are rostering rules agreed with night staff representatives"  # six terms
FILLERS = [make_document(id=f"canteen-{n}", text_en="The canteen menu changes.") for n in range(4)]


def engine_with(*documents: dict[str, Any]) -> BuiltinSearchBackend:
    engine = BuiltinSearchBackend()
    engine.rebuild(list(documents))
    return engine


def ranked(engine: BuiltinSearchBackend, q: str, offset: int = 0, limit: int = 100) -> list[str]:
    page = engine.search(SearchQuery(q=q, offset=offset, limit=limit))
    return [hit.document["id"] for hit in page.hits]


def test_the_question_has_enough_terms_to_be_scored() -> None:
    assert len([w for w in QUESTION.split() if w not in {"how", "are", "with"}]) >= LONG_QUERY


def test_a_word_in_the_text_outweighs_it_in_the_labels_only_in_a_long_question() -> None:
    # A short query keeps the attribute rule's order (labels before text); a long question
    # weighs a clause's own words above its taxonomy labels.
    engine = engine_with(
        make_document(id="labels", sort_date=30, labels_en=["Rostering"]),
        make_document(id="text", sort_date=10, text_en="About rostering."),
        *FILLERS,
    )
    assert ranked(engine, "rostering")[:2] == ["labels", "text"]
    assert ranked(engine, QUESTION)[:2] == ["text", "labels"]


def test_a_rare_word_outweighs_two_common_ones() -> None:
    common = [
        make_document(id=f"staff-{n}", sort_date=30, text_en="Night staff are paid more.")
        for n in range(6)
    ]
    engine = engine_with(
        make_document(id="rostering", sort_date=10, text_en="Rostering needs notice."),
        *common,
        *FILLERS,
    )
    assert idf(1, 11) > 2 * idf(6, 11)  # "rostering" in 1 of 11 clauses, "night staff" in 6
    assert ranked(engine, QUESTION)[0] == "rostering"


def test_a_long_question_ranks_the_same_whatever_page_is_asked() -> None:
    words = ["rostering", "rules", "agreed", "night", "staff", "representatives"]
    documents = [
        make_document(id=f"d{n:03}", sort_date=n, text_en=" ".join(words[: 1 + n % 6]))
        for n in range(3 * HEAD)
    ]
    engine = engine_with(*documents)
    whole = [i for offset in range(0, 3 * HEAD, 100) for i in ranked(engine, QUESTION, offset)]
    assert len(set(whole)) == 3 * HEAD
    pages = [i for offset in range(0, 3 * HEAD, 7) for i in ranked(engine, QUESTION, offset, 7)]
    assert pages == whole
    assert whole[0] in {f"d{n:03}" for n in range(3 * HEAD) if n % 6 == 5}
