"""Bucket sort, as Meilisearch ranks: each rule splits a bucket into ordered sub-buckets, and
only the buckets that reach into the requested page are split further.

Rules, in order: sort (when asked: by sort_date), words (documents with all terms first, then
the others by the weight of the terms they lack: the least informative are dropped first; for
a long question, the head of that order is re-ranked by a BM25F score, scoring.py),
typo (fewest in total), proximity, attribute rank (title, then labels, then text), exactness
(most terms matched as typed, before other forms of a word), own words (terms found in the
clause's title or text before terms found only in its taxonomy labels: a concept named in
another language ranks below a clause that says it); ties by sort_date desc then id.
Words, typo, attribute and exactness are bitmap arithmetic over the whole result set.
Proximity needs token positions, so it is computed for at most POSITIONAL_WORK / terms
documents of a bucket (never fewer than MIN_POSITIONAL): the first ones by attribute and
exactness. In a larger bucket the rest follow in that order, which keeps the ranking the same
whatever page is asked for (Meilisearch ranks the whole bucket by proximity; on a corpus this
large a query of common words would cost too much here).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Final, Protocol

from pyroaring import BitMap

from .index import Index
from .positions import Matcher, relevance_key
from .scoring import HEAD, LONG_QUERY, Scorer
from .terms import ResolvedTerm

POSITIONAL_WORK: Final = 256  # documents x terms read for proximity per bucket
MIN_POSITIONAL: Final = 32
SMALL_FOR_PYTHON: Final = 4096
IDF_STEPS: Final = 2  # word cost units per unit of IDF

Content = BitMap | list[int]


class Rule(Protocol):
    def __call__(self, docs: BitMap) -> Iterator[tuple[Content, Sequence[Rule]]]: ...


def order_key(index: Index) -> Callable[[int], tuple[int, str]]:
    """The final tie-break: sort_date desc, then public id."""
    dates, ids = index.dates, index.ids
    return lambda iid: (-dates[iid], ids[iid])


def ordered_slice(index: Index, docs: BitMap, lo: int, hi: int) -> list[int]:
    """Documents lo..hi-1 of `docs` in tie-break order."""
    if hi <= lo:
        return []
    dirty = index.dirty
    if not dirty or docs.isdisjoint(dirty):
        return list(docs[lo:hi])
    key = order_key(index)
    late = sorted(docs & dirty, key=key)[:hi]
    clean = islice(docs - dirty, hi)
    return list(islice(heapq.merge(clean, late, key=key), lo, hi))


def bucket_sort(
    index: Index, docs: BitMap, rules: Sequence[Rule], start: int, stop: int
) -> list[int]:
    """The documents at ranks start..stop-1 of `docs` under these rules."""
    page: list[int] = []
    placed = 0

    def visit(content: Content, rules: Sequence[Rule]) -> None:
        nonlocal placed
        size = len(content)
        if size == 0 or placed >= stop:
            return
        if placed + size <= start:
            placed += size  # wholly before the page: counted, never split
            return
        if isinstance(content, list) or not rules:
            lo, hi = max(0, start - placed), min(size, stop - placed)
            if isinstance(content, list):
                page.extend(content[lo:hi])
            else:
                page.extend(ordered_slice(index, content, lo, hi))
            placed += size
            return
        for sub, sub_rules in rules[0](content):
            visit(sub, sub_rules)
            if placed >= stop:
                return

    visit(docs, rules)
    return page


def cost_buckets(docs: BitMap, partitions: Sequence[Sequence[BitMap]]) -> list[BitMap]:
    """Split docs by the sum over terms of the level (0, 1, 2...) of the part holding them.

    Every term's parts partition its documents; the buckets come out by increasing sum.
    """
    layers: dict[int, BitMap] = {0: docs}
    for parts in partitions:
        following: dict[int, BitMap] = {}
        for cost, members in layers.items():
            for level, part in enumerate(parts):
                shared = members & part
                if shared:
                    total = cost + level
                    previous = following.get(total)
                    following[total] = shared if previous is None else previous | shared
        layers = following
    buckets = [layers[cost] for cost in sorted(layers)]
    covered = BitMap.union(*buckets) if buckets else BitMap()
    if len(covered) < len(docs):
        buckets.append(docs - covered)  # cannot happen with true partitions; never lose one
    return buckets


def by_date(index: Index, docs: BitMap, newest: bool) -> Iterator[BitMap]:
    """Documents grouped by sort_date, newest or oldest group first."""
    if len(docs) <= SMALL_FOR_PYTHON:
        groups: dict[int, list[int]] = {}
        dates = index.dates
        for iid in docs:
            groups.setdefault(dates[iid], []).append(iid)
        for date in sorted(groups, reverse=newest):
            yield BitMap(groups[date])
        return
    kept = index.memo.recall(("dates", newest))
    ordered = kept if isinstance(kept, list) else sorted(index.by_date, reverse=newest)
    if kept is None:
        index.memo.remember(("dates", newest), ordered)
    for date in ordered:
        day = index.by_date.get(date)
        shared = docs & day if day is not None else None
        if shared:
            yield shared


def sort_rule(index: Index, newest: bool, then: Sequence[Rule]) -> Rule:
    """The sort rule: one bucket per sort_date, each ranked by the rules that follow."""

    def rule(docs: BitMap) -> Iterator[tuple[Content, Sequence[Rule]]]:
        for group in by_date(index, docs, newest):
            yield group, then

    return rule


def word_costs(terms: list[ResolvedTerm], size: int) -> list[int]:
    """What leaving out each term costs in the words rule: one, plus its IDF in half-units.

    A rare word ("biometric") costs more to lose than a common one ("employer"), so the words
    least informative are dropped first (Meilisearch's "frequency" strategy, by weight); the
    one is there so that matching every term always ranks first.
    """
    costs = []
    for term in terms:
        found = len(term.docs)
        idf = math.log(1 + (size - found + 0.5) / (found + 0.5))
        costs.append(1 + int(idf * IDF_STEPS))
    return costs


def weighted_buckets(
    docs: BitMap, partitions: Sequence[Sequence[tuple[int, BitMap]]]
) -> list[BitMap]:
    """Split docs by the sum over terms of the cost of the part holding them; every term's
    parts partition docs. The buckets come out by increasing sum."""
    layers: dict[int, BitMap] = {0: docs}
    for parts in partitions:
        following: dict[int, BitMap] = {}
        for cost, members in layers.items():
            for extra, part in parts:
                shared = members & part
                if shared:
                    total = cost + extra
                    previous = following.get(total)
                    following[total] = shared if previous is None else previous | shared
        layers = following
    return [layers[cost] for cost in sorted(layers)]


class Relevance:
    """The relevance rules for the resolved positive terms of one query.

    A document matches when it holds any term. The words rule puts those holding every term
    first, then the others by the weight (word_costs) of the terms they lack (a long question
    re-ranks the first of them by their BM25F score, scoring.Scorer); the rules after
    it compare documents on the terms they hold, a missing term counting as neither better nor
    worse.
    """

    def __init__(self, index: Index, universe: BitMap, terms: list[ResolvedTerm]) -> None:
        self.index = index
        self.terms = terms
        self.matcher = Matcher(terms)
        self.matches = universe & BitMap.union(*(t.docs for t in terms)) if terms else BitMap()
        self.costs = word_costs(terms, max(1, len(index)))
        # Per term: the matching documents that lack it (neutral in every rule after words).
        self.absent = [self.matches - t.docs for t in terms]

    def words(self, docs: BitMap) -> Iterator[tuple[Content, Sequence[Rule]]]:
        # A term found only through a translation counts half.
        partitions = [
            ((0, term.docs - term.translated), ((cost + 1) // 2, term.translated), (cost, absent))
            for term, cost, absent in zip(self.terms, self.costs, self.absent, strict=True)
        ]
        buckets = weighted_buckets(docs, partitions)
        if len(self.terms) >= LONG_QUERY:
            # A long question: the head of this order, scored (scoring.py), comes first.
            head, buckets = self._head(buckets)
            for group in Scorer(self.index, self.terms, self.matcher).ranked(head):
                yield group, (self.typos,)
        for part in buckets:
            yield part, (self.typos,)

    def _head(self, buckets: list[BitMap]) -> tuple[list[int], list[BitMap]]:
        """The first HEAD documents of these buckets in order, and the buckets left after."""
        head: list[int] = []
        for at, bucket in enumerate(buckets):
            room = HEAD - len(head)
            if len(bucket) > room:
                taken = ordered_slice(self.index, bucket, 0, room)
                head.extend(taken)
                return head, [bucket - BitMap(taken), *buckets[at + 1 :]]
            head.extend(bucket)
        return head, []

    def _neutral(self, parts: Sequence[BitMap], term: int) -> list[BitMap]:
        """A term's partition with the documents lacking it put in its first part."""
        return [parts[0] | self.absent[term], *parts[1:]]

    def typos(self, docs: BitMap) -> Iterator[tuple[Content, Sequence[Rule]]]:
        following: Rule = self.proximity if len(self.terms) > 1 else self.attribute
        partitions = [self._neutral(t.by_typos, i) for i, t in enumerate(self.terms)]
        for part in cost_buckets(docs, partitions):
            yield part, (following,)

    def attribute(self, docs: BitMap) -> Iterator[tuple[Content, Sequence[Rule]]]:
        partitions = [self._neutral(t.by_kind, i) for i, t in enumerate(self.terms)]
        for part in cost_buckets(docs, partitions):
            yield part, (self.exactness,)

    def exactness(self, docs: BitMap) -> Iterator[tuple[Content, Sequence[Rule]]]:
        partitions = [
            self._neutral((t.exact, t.docs - t.exact), i) for i, t in enumerate(self.terms)
        ]
        for part in cost_buckets(docs, partitions):
            yield part, (self.own_words,)

    def own_words(self, docs: BitMap) -> Iterator[tuple[Content, Sequence[Rule]]]:
        """Last: a clause saying it in its own words before one matched only by its labels."""
        partitions = []
        for i, term in enumerate(self.terms):
            own = term.docs if term.own is None else term.own
            partitions.append(self._neutral((own, term.docs - own), i))
        for part in cost_buckets(docs, partitions):
            yield part, ()

    def _relevance(self, iid: int) -> tuple[int, int, int, int]:
        own = self.index.layouts[iid]
        if own is None:
            return (99, 99, 0, 99)
        labels = self.index.label_layouts[iid]
        occurrences = self.matcher.scan_document(own, labels)
        return relevance_key(own.kinds + labels.kinds, occurrences)

    def proximity(self, docs: BitMap) -> Iterator[tuple[Content, Sequence[Rule]]]:
        rank_of = self._relevance
        cap = max(MIN_POSITIONAL, POSITIONAL_WORK // len(self.terms))
        if len(docs) <= cap:
            key = order_key(self.index)
            keyed = []
            for iid in docs:
                rank = rank_of(iid)
                keyed.append((rank, key(iid), iid))
            keyed.sort()
            yield [iid for _, _, iid in keyed], ()
            return
        after = (self.attribute,)
        head = bucket_sort(self.index, docs, after, 0, cap)
        ranked = []
        for position, iid in enumerate(head):
            rank = rank_of(iid)
            ranked.append((rank, position, iid))
        ranked.sort()
        yield [iid for _, _, iid in ranked], ()
        yield docs - BitMap(head), after
