"""The in-memory index: stored documents, token strings, postings and facet bitmaps.

Documents get internal ids (bitmap members). A full build numbers them by (sort_date desc,
id), so walking a bitmap in id order already gives the final tie-break order; documents added
or re-dated later are listed in `dirty` and merged in by key (see ranking.ordered_slice).
Postings map a token character to the bitmap of documents having it, one map per field kind.
Label fields repeat across documents: each distinct set is laid out once, shared by the
documents carrying it, and a build posts its tokens once for all of them. Like Meilisearch's prefix
database, the documents of every one- and two-character beginning are kept ready, per kind:
they are what the first letters of a word typed as you search ask for.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Hashable, Iterable
from contextlib import suppress
from typing import Any, Final

from pyroaring import BitMap

from app.search.analysis.analyzer import BREAK, SEP, UNINDEXED, is_dense

from .lexicon import Lexicon, Vocabulary, sorted_vocabulary
from .records import (
    EMPTY_LAYOUT,
    FACET_FIELDS,
    LABELS,
    Layout,
    Packer,
    Record,
    facet_values,
    unpack,
)
from .typos import Deriver

_RESERVED: Final = frozenset({BREAK, UNINDEXED, SEP})
MEMO_SIZE: Final = 1024
PAGES_SIZE: Final = 256
SHORT_PREFIX: Final = 2

KindBitmaps = tuple[BitMap, BitMap, BitMap]


def _union(bitmaps: list[BitMap]) -> BitMap:
    if not bitmaps:
        return BitMap()
    return BitMap.union(*bitmaps) if len(bitmaps) > 1 else bitmaps[0].copy()


class Memo:
    """Results derived from the index, kept until it changes; the least recently used go
    first when full. Searches share it from several threads: each step is one operation on
    the ordered dict, and a step that loses a race with another thread is simply skipped."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, object] = OrderedDict()

    def recall(self, key: Hashable) -> object | None:
        value = self._kept.get(key)
        if value is not None:
            with suppress(KeyError):
                self._kept.move_to_end(key)
        return value

    def remember(self, key: Hashable, value: object) -> None:
        self._kept[key] = value
        while len(self._kept) > self.size:
            try:
                self._kept.popitem(last=False)
            except KeyError:
                break

    def clear(self) -> None:
        self._kept.clear()


class Index:
    """Everything one search needs; mutated only under the engine's lock."""

    def __init__(self, vocabulary: Vocabulary | None = None, ordered: list[str] | None = None):
        self.vocabulary = vocabulary if vocabulary is not None else Vocabulary()
        self.lexicon = Lexicon(self.vocabulary, ordered or [])
        self.derive = Deriver(self.lexicon)
        self.packer = Packer(self.vocabulary)
        self.blobs: list[bytes | None] = []
        self.ids: list[str] = []
        self.dates: list[int] = []
        self.layouts: list[Layout | None] = []  # each document's own fields
        self.label_layouts: list[Layout] = []  # shared by the documents of one label set
        self.carriers: dict[Layout, BitMap] = {}  # each label set -> the documents carrying it
        self.iid_of: dict[str, int] = {}
        self.postings: tuple[dict[str, BitMap], ...] = ({}, {}, {})
        self.short_prefixes: dict[str, KindBitmaps] = {}
        self._prefixes: dict[str, tuple[str, ...]] = {}  # token character -> its short prefixes
        self.facets: dict[str, dict[str, BitMap]] = {name: {} for name in FACET_FIELDS}
        self.years: dict[int, BitMap] = {}
        self.by_date: dict[int, BitMap] = {}
        self.live = BitMap()
        self.dirty = BitMap()
        self.version = 0
        self.memo = Memo(MEMO_SIZE)  # resolved terms, phrases, filters
        self.pages = Memo(PAGES_SIZE)  # whole answers

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def build(cls, documents: Iterable[dict[str, Any]]) -> Index:
        """A full index of these documents (the last one wins when an id repeats)."""
        provisional = Vocabulary()
        packer = Packer(provisional)
        staged: dict[str, Record] = {}
        for document in documents:
            record = packer.record(document)
            staged[record.pid] = record
        order = sorted(staged, key=lambda pid: (-staged[pid].sort_date, pid))
        vocabulary, ordered, table = sorted_vocabulary(provisional)
        index = cls(vocabulary, ordered)
        final: dict[Layout, Layout] = {}  # each distinct label layout, renumbered once
        for given, layout in packer.label_sets.items():
            final[layout] = layout._replace(seq=layout.seq.translate(table))
            index.packer.label_sets[given] = final[layout]
        label_docs: dict[Layout, list[int]] = defaultdict(list)
        for iid, pid in enumerate(order):
            record = staged.pop(pid)
            layout = record.layout._replace(seq=record.layout.seq.translate(table))
            labels = final.get(record.labels_layout)
            if labels is None:
                labels = final[record.labels_layout] = record.labels_layout._replace(
                    seq=record.labels_layout.seq.translate(table)
                )
            index._store(iid, record._replace(layout=layout, labels_layout=labels))
            index._post(BitMap((iid,)), layout, prefixes=False)
            label_docs[labels].append(iid)
        index._post_labels(label_docs)
        index._gather_short_prefixes()
        return index

    def _post(self, iids: BitMap, layout: Layout, prefixes: bool) -> None:
        """Add a document's fields (or a label set's, for all the documents `iids` carrying it)
        to the postings, and to the short prefixes unless a build gathers those at the end."""
        for part, kind in layout.parts():
            for char in set(part).difference(_RESERVED):
                self._add(kind, char, iids, prefixes)

    def _add(self, kind: int, char: str, iids: BitMap, prefixes: bool = True) -> None:
        postings = self.postings[kind]
        bitmap = postings.get(char)
        if bitmap is None:
            postings[char] = bitmap = BitMap()
        bitmap |= iids
        if prefixes:
            for prefix in self._short_prefixes_of(char):
                bitmaps = self.short_prefixes.get(prefix)
                if bitmaps is None:
                    bitmaps = self.short_prefixes[prefix] = (BitMap(), BitMap(), BitMap())
                bitmaps[kind].update(iids)

    def _short_prefixes_of(self, char: str) -> tuple[str, ...]:
        found = self._prefixes.get(char)
        if found is None:
            found = self._prefixes[char] = self._work_out_short_prefixes(char)
        return found

    def _work_out_short_prefixes(self, char: str) -> tuple[str, ...]:
        token = self.lexicon.token(char)
        if not token:
            return ()
        if is_dense(token[0]):
            return (token[0],)  # a longer beginning is the bigram itself
        return tuple(dict.fromkeys(token[:length] for length in range(1, SHORT_PREFIX + 1)))

    def _gather_short_prefixes(self) -> None:
        gathered: dict[str, tuple[list[BitMap], ...]] = {}
        for kind, postings in enumerate(self.postings):
            for char, bitmap in postings.items():
                for prefix in self._short_prefixes_of(char):
                    lists = gathered.get(prefix)
                    if lists is None:
                        lists = gathered[prefix] = ([], [], [])
                    lists[kind].append(bitmap)
        self.short_prefixes = {
            prefix: (_union(lists[0]), _union(lists[1]), _union(lists[2]))
            for prefix, lists in gathered.items()
        }

    def _post_labels(self, label_docs: dict[Layout, list[int]]) -> None:
        """Post each distinct label set once, for all the documents carrying it."""
        gathered: dict[str, list[BitMap]] = defaultdict(list)
        for layout, iids in label_docs.items():
            carriers = BitMap(iids)
            for char in set(layout.seq).difference(_RESERVED):
                gathered[char].append(carriers)
        postings = self.postings[LABELS]
        for char, bitmaps in gathered.items():
            postings[char] = _union(bitmaps)

    def _store(self, iid: int, record: Record) -> None:
        if iid == len(self.blobs):
            self.blobs.append(record.blob)
            self.ids.append(record.pid)
            self.dates.append(record.sort_date)
            self.layouts.append(record.layout)
            self.label_layouts.append(record.labels_layout)
        else:
            self.blobs[iid] = record.blob
            self.ids[iid] = record.pid
            self.dates[iid] = record.sort_date
            self.layouts[iid] = record.layout
            self.label_layouts[iid] = record.labels_layout
        self.iid_of[record.pid] = iid
        carriers = self.carriers.get(record.labels_layout)
        if carriers is None:
            carriers = self.carriers[record.labels_layout] = BitMap()
        carriers.add(iid)
        for name, values in zip(FACET_FIELDS, record.facets, strict=True):
            bitmaps = self.facets[name]
            for value in values:
                bitmap = bitmaps.get(value)
                if bitmap is None:
                    bitmaps[value] = bitmap = BitMap()
                bitmap.add(iid)
        if record.year is not None:
            self.years.setdefault(record.year, BitMap()).add(iid)
        self.by_date.setdefault(record.sort_date, BitMap()).add(iid)
        self.live.add(iid)

    # -- changes ----------------------------------------------------------------------------

    def upsert(self, documents: list[dict[str, Any]]) -> None:
        """Add or replace documents by id."""
        own: dict[tuple[int, str], list[int]] = defaultdict(list)
        label_docs: dict[Layout, list[int]] = defaultdict(list)
        for document in documents:
            record = self.packer.record(document)
            old = self.iid_of.get(record.pid)
            if old is not None and self.dates[old] == record.sort_date:
                # Same key, same place in the build order: keep the internal id.
                was_dirty = old in self.dirty
                self._remove(old)
                iid = old
                if was_dirty:
                    self.dirty.add(iid)
            else:
                if old is not None:
                    self._remove(old)
                iid = len(self.blobs)
                self.dirty.add(iid)
            self._store(iid, record)
            for part, kind in record.layout.parts():
                for char in set(part).difference(_RESERVED):
                    own[kind, char].append(iid)
            label_docs[record.labels_layout].append(iid)
        # Each token and each label set is posted once for all the documents of the batch
        # having it (a document replaced again later in the batch is no longer live: left out).
        for (kind, char), iids in own.items():
            self._add(kind, char, BitMap(iids) & self.live)
        for layout, iids in label_docs.items():
            self._post(BitMap(iids) & self.live, layout, prefixes=True)
        self.lexicon.sync()
        self._changed()

    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id; unknown ids are ignored."""
        for pid in ids:
            iid = self.iid_of.get(str(pid))
            if iid is not None:
                self._remove(iid)
        self._changed()

    def _remove(self, iid: int) -> None:
        document = self.document(iid)
        layout = self.layouts[iid]
        if document is None or layout is None:
            return
        for part, kind in [*layout.parts(), *self.label_layouts[iid].parts()]:
            postings = self.postings[kind]
            for char in set(part).difference(_RESERVED):
                self._discard(postings, char, iid)
                for prefix in self._short_prefixes_of(char):
                    bitmaps = self.short_prefixes.get(prefix)
                    if bitmaps is not None:
                        bitmaps[kind].discard(iid)
        for name in FACET_FIELDS:
            for value in facet_values(document, name):
                self._discard(self.facets[name], value, iid)
        year = document.get("year")
        if isinstance(year, int) and not isinstance(year, bool):
            self._discard(self.years, year, iid)
        self._discard(self.by_date, self.dates[iid], iid)
        self._discard(self.carriers, self.label_layouts[iid], iid)
        self.live.discard(iid)
        self.dirty.discard(iid)
        del self.iid_of[self.ids[iid]]
        self.blobs[iid] = None
        self.layouts[iid] = None
        self.label_layouts[iid] = EMPTY_LAYOUT

    @staticmethod
    def _discard(bitmaps: dict[Any, BitMap], key: object, iid: int) -> None:
        bitmap = bitmaps.get(key)
        if bitmap is not None:
            bitmap.discard(iid)
            if not bitmap:
                del bitmaps[key]

    def _changed(self) -> None:
        self.version += 1
        self.memo.clear()
        self.pages.clear()

    # -- reading ----------------------------------------------------------------------------

    def document(self, iid: int) -> dict[str, Any] | None:
        """The stored document of an internal id (a fresh dict), or None once deleted."""
        blob = self.blobs[iid]
        return None if blob is None else unpack(blob)

    def __len__(self) -> int:
        return len(self.live)
