"""The engine around the index: storage, errors, and searches running beside writes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from app.search.builtin import BuiltinSearchBackend
from app.search.builtin import engine as engine_module
from app.search.builtin.locking import FairLock
from app.search.contract import MARK_END, MARK_START, SearchQuery, SearchUnavailable

from ..corpus import corpus, make_document


def ids(engine: BuiltinSearchBackend, q: str) -> list[str]:
    return [h.document["id"] for h in engine.search(SearchQuery(q=q, limit=100)).hits]


def test_hits_carry_the_shown_fields_without_markers_or_searchable_text() -> None:
    engine = BuiltinSearchBackend()
    document = make_document(
        id="m",
        subthemes=["4.3"],
        title=f"The {MARK_START}marked{MARK_END} title",
        text_en=f"a {MARK_START}marked{MARK_END} word",
    )
    engine.rebuild([document])
    found = engine.search(SearchQuery(q="marked")).hits[0]
    shown = {k: v for k, v in document.items() if not k.startswith(("title_", "text_", "labels_"))}
    assert found.document == {**shown, "title": "The marked title"}
    assert found.snippet == f"a {MARK_START}marked{MARK_END} word"


def test_a_document_without_searchable_fields_is_stored_and_listed() -> None:
    engine = BuiltinSearchBackend()
    engine.rebuild([{"id": "bare", "visibility": "public", "sort_date": 1}])
    page = engine.search(SearchQuery())
    assert [h.document["id"] for h in page.hits] == ["bare"]
    assert page.hits[0].snippet == ""


def test_the_last_of_repeated_ids_wins_in_a_rebuild() -> None:
    engine = BuiltinSearchBackend()
    engine.rebuild(
        [make_document(id="x", title_en="first"), make_document(id="x", title_en="second")]
    )
    assert engine.document_count() == 1
    assert ids(engine, "second") == ["x"]


def test_a_document_without_an_id_is_refused_before_anything_changes() -> None:
    engine = BuiltinSearchBackend()
    engine.rebuild(corpus())
    with pytest.raises(ValueError, match="id"):
        engine.upsert([make_document(id="fine"), {"title_en": "no id"}])
    assert engine.document_count() == len(corpus())


def test_a_fault_inside_search_is_reported_as_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine_module, "run", broken)
    with pytest.raises(SearchUnavailable, match="boom"):
        BuiltinSearchBackend().search(SearchQuery(q="x"))


def test_re_dated_and_new_documents_keep_the_date_order() -> None:
    engine = BuiltinSearchBackend()
    engine.rebuild([make_document(id=f"c{n}", sort_date=n * 10) for n in range(5)])
    engine.upsert([make_document(id="c0", sort_date=45), make_document(id="new", sort_date=25)])
    listed = [h.document["id"] for h in engine.search(SearchQuery(limit=10)).hits]
    assert listed == ["c0", "c4", "c3", "new", "c2", "c1"]


def test_searches_during_a_rebuild_always_see_a_full_index() -> None:
    engine = BuiltinSearchBackend()
    documents = corpus()
    engine.rebuild(documents)
    expected = len(ids(engine, "disconnect"))
    counts: list[int] = []
    done = threading.Event()

    def keep_searching() -> None:
        while not done.is_set():
            counts.append(len(ids(engine, "disconnect")))

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        for _ in range(20):
            engine.rebuild(documents)
    finally:
        done.set()
        searcher.join()
    assert counts
    assert set(counts) == {expected}


def test_writes_made_during_a_rebuild_survive_the_swap() -> None:
    engine = BuiltinSearchBackend()
    engine.rebuild(corpus())
    started = threading.Event()
    release = threading.Event()

    def slow_documents() -> Iterator[dict[str, Any]]:
        started.set()
        release.wait(5)
        yield from corpus()

    rebuild = threading.Thread(target=engine.rebuild, args=(slow_documents(),))
    rebuild.start()
    assert started.wait(5)
    engine.upsert([make_document(id="late", title_en="Standby allowance")])
    engine.delete(["surveillance-au"])
    release.set()
    rebuild.join()
    assert ids(engine, "standby") == ["late"]
    assert ids(engine, "keystroke") == []


def test_one_and_two_letter_prefixes_follow_upserts_and_deletes() -> None:
    engine = BuiltinSearchBackend()
    engine.rebuild(corpus())
    assert ids(engine, "zy") == []
    engine.upsert([make_document(id="z", title_en="Zymurgy allowance")])
    assert "z" in ids(engine, "z")
    assert ids(engine, "zy") == ["z"]
    engine.delete(["z"])
    assert ids(engine, "zy") == []
    assert "surveillance-au" in ids(engine, "su")


def test_a_repeated_query_sees_changes_made_in_between() -> None:
    engine = BuiltinSearchBackend()
    engine.rebuild(corpus())
    first = engine.search(SearchQuery(q="keystroke"))
    first.hits[0].document["title"] = "changed by the caller"
    again = engine.search(SearchQuery(q="keystroke"))
    assert again.hits[0].document["title"] == "Limits on electronic surveillance"
    engine.delete(["surveillance-au"])
    assert engine.search(SearchQuery(q="keystroke")).total == 0


def test_waiting_threads_get_the_lock_in_arrival_order() -> None:
    lock = FairLock()
    served: list[int] = []
    lock.acquire()
    threads = []

    def take(n: int) -> None:
        lock.acquire()
        served.append(n)

    for n in range(5):
        thread = threading.Thread(target=take, args=(n,))
        thread.start()
        while len(lock._queue) < n + 1:  # wait until this one is queued before the next
            threading.Event().wait(0.001)
        threads.append(thread)
    for _ in range(6):
        lock.release()
        threading.Event().wait(0.01)
    for thread in threads:
        thread.join(5)
    assert served == [0, 1, 2, 3, 4]
