"""The one-buffer store of documents' stored forms."""

from __future__ import annotations

import pytest

from app.search.builtin.store import BlobStore


def test_a_sealed_store_reads_back_every_blob_and_keeps_changes_beside_its_buffer() -> None:
    store = BlobStore()
    for blob in (b"first", None, b"third"):
        store.append(blob)
    store.seal()
    store.append(b"fourth")  # after sealing: beside the buffer
    store[0] = b"first, replaced"
    store[2] = None  # deleted
    assert [store[i] for i in range(len(store))] == [b"first, replaced", None, None, b"fourth"]
    assert len(store) == 4


def test_reading_outside_the_store_is_an_index_error() -> None:
    store = BlobStore()
    store.append(b"only")
    with pytest.raises(IndexError):
        store[1]
    with pytest.raises(IndexError):
        store[1] = b"nowhere"


def test_an_unsealed_store_replaced_in_the_middle_still_appends_in_order() -> None:
    store = BlobStore()
    store.append(b"a")
    store[0] = b"A"
    store.append(b"b")
    assert [store[0], store[1]] == [b"A", b"b"]
