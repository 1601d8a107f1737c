"""The bucket sort: rule by rule, and the order it keeps across pages and changes."""

from __future__ import annotations

from typing import Any

from pyroaring import BitMap

from app.search.builtin import BuiltinSearchBackend
from app.search.builtin.index import Index
from app.search.builtin.positions import pair_cost
from app.search.builtin.ranking import bucket_sort, cost_buckets, ordered_slice
from app.search.contract import SearchQuery, SortOrder

from ..corpus import make_document


def engine_with(*documents: dict[str, Any]) -> BuiltinSearchBackend:
    engine = BuiltinSearchBackend()
    engine.rebuild(list(documents))
    return engine


def ranked(engine: BuiltinSearchBackend, q: str, **options: Any) -> list[str]:
    page = engine.search(SearchQuery(q=q, limit=100, **options))
    return [hit.document["id"] for hit in page.hits]


def test_cost_buckets_order_documents_by_summed_level() -> None:
    first = (BitMap([1, 2]), BitMap([3, 4]))  # term 1: docs 1, 2 at level 0
    second = (BitMap([1, 3]), BitMap([2, 4]))  # term 2: docs 1, 3 at level 0
    buckets = cost_buckets(BitMap([1, 2, 3, 4]), [first, second])
    assert [sorted(b) for b in buckets] == [[1], [2, 3], [4]]


def test_bucket_sort_returns_only_the_requested_ranks() -> None:
    index = Index.build([make_document(id=f"c{n}", sort_date=20200101 + n) for n in range(10)])
    newest_first = bucket_sort(index, index.live, [], 0, 10)
    assert bucket_sort(index, index.live, [], 3, 6) == newest_first[3:6]
    assert [index.ids[i] for i in newest_first[:2]] == ["c9", "c8"]


def test_documents_added_later_merge_into_the_date_order() -> None:
    index = Index.build([make_document(id=i, sort_date=d) for i, d in [("a", 20), ("b", 10)]])
    index.upsert([make_document(id="c", sort_date=30), make_document(id="d", sort_date=15)])
    assert [index.ids[i] for i in ordered_slice(index, index.live, 0, 4)] == ["c", "a", "d", "b"]
    assert [index.ids[i] for i in ordered_slice(index, index.live, 1, 3)] == ["a", "d"]


def test_ties_on_date_go_by_id_in_both_sort_orders() -> None:
    engine = engine_with(*(make_document(id=i, sort_date=5) for i in ["b", "a", "c"]))
    assert ranked(engine, "", sort=SortOrder.newest) == ["a", "b", "c"]
    assert ranked(engine, "", sort=SortOrder.oldest) == ["a", "b", "c"]


def test_fewer_typos_rank_first() -> None:
    engine = engine_with(
        make_document(id="typo", sort_date=30, text_en="keystroke logging"),
        make_document(id="exact", sort_date=10, text_en="keystoke logging"),
    )
    assert ranked(engine, "keystoke") == ["exact", "typo"]


def test_labels_rank_between_title_and_text() -> None:
    engine = engine_with(
        make_document(id="text", sort_date=30, text_en="about rostering"),
        make_document(id="labels", sort_date=20, labels_en=["Rostering"]),
        make_document(id="title", sort_date=10, title_en="Rostering"),
    )
    assert ranked(engine, "rostering") == ["title", "labels", "text"]


def test_the_word_as_typed_beats_a_longer_word_it_begins() -> None:
    engine = engine_with(
        make_document(id="longer", sort_date=30, text_en="staff retraining plan"),
        make_document(id="typed", sort_date=10, text_en="staff may retrain"),
    )
    assert ranked(engine, "retrain") == ["typed", "longer"]


def test_proximity_counts_reversed_order_as_one_step_further() -> None:
    at = [(10, 10, 0, 0, True)]
    assert pair_cost(at, [(11, 11, 0, 0, True)]) == 1
    assert pair_cost(at, [(9, 9, 0, 0, True)]) == 2
    assert pair_cost(at, [(40, 40, 0, 0, True)]) == 7
    assert pair_cost(at, [(11, 11, 1, 0, True)]) == 8


def test_large_buckets_rank_the_same_whatever_page_is_asked() -> None:
    documents = [
        make_document(
            id=f"d{n:03}", sort_date=n, text_en=" ".join(["alpha", *["x"] * (n % 9), "beta"])
        )
        for n in range(600)
    ]
    engine = engine_with(*documents)
    whole = [
        hit.document["id"]
        for offset in range(0, 600, 100)
        for hit in engine.search(SearchQuery(q="alpha beta", offset=offset, limit=100)).hits
    ]
    assert len(set(whole)) == 600
    pages = [
        hit.document["id"]
        for offset in range(0, 600, 7)
        for hit in engine.search(SearchQuery(q="alpha beta", offset=offset, limit=7)).hits
    ]
    assert pages == whole
    assert whole[0] in {f"d{n:03}" for n in range(600) if n % 9 == 0}


def test_sorting_a_large_result_set_by_date_keeps_every_document_in_order() -> None:
    documents = [
        make_document(id=f"d{n:04}", sort_date=20000000 + (n * 7919) % 5003, text_en="common")
        for n in range(5000)
    ]
    engine = engine_with(*documents)
    for order, newest in ((SortOrder.newest, True), (SortOrder.oldest, False)):
        page = engine.search(SearchQuery(q="common", sort=order, offset=4900, limit=100))
        dates = [hit.document["sort_date"] for hit in page.hits]
        expected = sorted((d["sort_date"] for d in documents), reverse=newest)[4900:]
        assert page.total == 5000
        assert dates == expected


def test_an_empty_query_ranked_by_relevance_lists_newest_first() -> None:
    engine = engine_with(*(make_document(id=i, sort_date=d) for i, d in [("a", 1), ("b", 3)]))
    assert ranked(engine, "") == ["b", "a"]


def test_the_least_informative_word_is_dropped_first() -> None:
    # "employer" is in every clause, "biometric" in one: a clause lacking "employer" but
    # saying "biometric" comes before one lacking "biometric".
    engine = engine_with(
        make_document(id="biometric", text_en="Biometric clocks need the union's consent."),
        *(
            make_document(id=f"employer-{n}", text_en=f"The employer keeps rota {n} and records.")
            for n in range(5)
        ),
    )
    assert ranked(engine, "employer biometric ")[0] == "biometric"


def test_a_clause_with_every_word_still_comes_first() -> None:
    engine = engine_with(
        make_document(id="rare", text_en="Biometric clocks need consent."),
        make_document(id="both", text_en="The employer shall not install biometric clocks."),
        *(
            make_document(id=f"employer-{n}", text_en="The employer keeps records.")
            for n in range(5)
        ),
    )
    assert ranked(engine, "employer biometric ")[:2] == ["both", "rare"]


def test_other_forms_of_a_word_match_after_the_word_itself() -> None:
    engine = engine_with(
        make_document(id="form", title_en="Monitoring of staff", sort_date=20240101),
        make_document(
            id="word", text_en="Staff are monitored only with notice.", sort_date=20200101
        ),
    )
    assert ranked(engine, "monitored ") == ["word", "form"]
