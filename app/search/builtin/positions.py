"""Where the query terms sit inside one document: proximity, best field, best language.

Positional work reads a document's token string, so it is done only for the documents that
need it (the head of a ranking bucket, the hits of the page), never for a whole result set.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Final

from app.search.contract import language_of_field, searchable_fields

from .records import Layout
from .terms import ResolvedTerm

FAR: Final = 8  # cost of a pair of terms never in the same field
MAX_DISTANCE: Final = 7
MAX_OCCURRENCES: Final = 12  # per term: enough to find the closest pair in practice
_FIELD_RANK: Final = {name: rank for rank, name in enumerate(searchable_fields())}


# One occurrence: (start, end, field position in the layout, typos, exact).
Occurrence = tuple[int, int, int, int, bool]


@dataclass
class FieldMatch:
    """What matched in one field of a document."""

    terms: dict[int, int] = field(default_factory=dict)  # term -> fewest typos
    exact: set[int] = field(default_factory=set)
    count: int = 0

    def add(self, term: int, occurrence: Occurrence) -> None:
        typos = occurrence[3]
        self.terms[term] = min(typos, self.terms.get(term, typos))
        if occurrence[4]:
            self.exact.add(term)
        self.count += 1


class Matcher:
    """Finds the occurrences of resolved terms in token strings."""

    def __init__(self, terms: list[ResolvedTerm]) -> None:
        self.size = len(terms)
        owners: dict[str, list[tuple[int, int, bool]]] = {}
        self._ranges: list[tuple[int, int, int]] = []
        self._phrases: list[tuple[int, str, bool]] = []  # term, token characters, exact
        for i, term in enumerate(terms):
            if term.phrase:
                self._phrases.append((i, term.phrase, True))
            self._phrases.extend((i, phrase, False) for phrase in term.phrases)
            for char, (typos, exact) in term.chars.items():
                owners.setdefault(char, []).append((i, typos, exact))
            for lo, hi in term.code_ranges:
                self._ranges.append((lo, hi, i))
        # A term's own characters are looked for one by one (str.find, no object per miss);
        # the code ranges of a cut last word with one pattern. A character that is a term's
        # own is counted for its owners only, not again for a range holding it.
        self._owners = owners
        body = "".join(f"\\U{lo:08x}-\\U{hi - 1:08x}" for lo, hi, _ in self._ranges)
        self._range_pattern = re.compile(f"[{body}]") if body else None
        self._range_owners: dict[str, list[tuple[int, int, bool]]] = {}
        # Label sets are shared by many documents: each is scanned once per query.
        self._label_scans: dict[tuple[int, int], list[list[Occurrence]]] = {}
        # Ranking scans the documents it orders; the hits shown are then read again.
        self._document_scans: dict[tuple[int, int, int], list[list[Occurrence]]] = {}

    def _in_ranges(self, char: str) -> list[tuple[int, int, bool]]:
        code = ord(char)
        owners = [(term, 0, False) for lo, hi, term in self._ranges if lo <= code < hi]
        self._range_owners[char] = owners
        return owners

    def scan(self, layout: Layout, upto: int | None = None) -> list[list[Occurrence]]:
        """Occurrences of each of the first `upto` terms (all by default), in text order, at
        most MAX_OCCURRENCES of each: the first ones."""
        count = self.size if upto is None else upto
        found: list[list[Occurrence]] = [[] for _ in range(count)]
        seq, starts = layout.seq, layout.starts
        single_field = len(starts) == 1
        find = seq.find
        for char, owners in self._owners.items():
            at = find(char)
            if at < 0:
                continue
            positions: list[int] = []
            while at >= 0 and len(positions) < MAX_OCCURRENCES:
                positions.append(at)
                at = find(char, at + 1)
            wheres = (
                [0] * len(positions)
                if single_field
                else [bisect_right(starts, at) - 1 for at in positions]
            )
            for term, typos, exact in owners:
                if term < count:
                    found[term].extend(
                        (at, at, where, typos, exact)
                        for at, where in zip(positions, wheres, strict=True)
                    )
        if self._range_pattern is not None:
            own, in_ranges = self._owners, self._range_owners.get
            for match in self._range_pattern.finditer(seq):
                at = match.start()
                char = seq[at]
                if char in own:
                    continue
                known = in_ranges(char)
                owners = self._in_ranges(char) if known is None else known
                where = 0 if single_field else bisect_right(starts, at) - 1
                for term, typos, exact in owners:
                    if term < count:
                        found[term].append((at, at, where, typos, exact))
        for bucket in found:
            if len(bucket) > 1:
                bucket.sort()
                del bucket[MAX_OCCURRENCES:]
        for term, chars, exact in self._phrases:
            if term >= count:
                continue
            at = seq.find(chars)
            while at >= 0 and len(found[term]) < MAX_OCCURRENCES:
                where = bisect_right(starts, at) - 1
                found[term].append((at, at + len(chars) - 1, where, 0, exact))
                at = seq.find(chars, at + 1)
            found[term].sort()  # a translated phrase joins the term's words in text order
        return found

    def scan_document(
        self, own: Layout, labels: Layout, upto: int | None = None
    ) -> list[list[Occurrence]]:
        """The terms' occurrences in a document's whole layout (records.combined: its own
        fields, then its labels), remembered for this query: the index does not change while
        it runs; only read them."""
        upto = self.size if upto is None else upto
        remembered = self._document_scans.get((id(own), id(labels), upto))
        if remembered is not None:
            return remembered
        found = self.scan(own, upto)
        if labels.starts:
            key = (id(labels), upto)
            theirs = self._label_scans.get(key)
            if theirs is None:
                theirs = self._label_scans[key] = self.scan(labels, upto)
            shift = len(own.seq) + 1 if own.starts else 0
            fields = len(own.starts)
            for mine, more in zip(found, theirs, strict=True):
                room = MAX_OCCURRENCES - len(mine)
                mine.extend(
                    (start + shift, end + shift, where + fields, typos, exact)
                    for start, end, where, typos, exact in more[:room]
                )
        self._document_scans[id(own), id(labels), upto] = found
        return found


def pair_cost(left: list[Occurrence], right: list[Occurrence]) -> int:
    """Meilisearch's proximity of two consecutive terms: 1 when adjacent in order, a step more
    when reversed, at most 7; 8 when they never share a field.

    Fields are contiguous in the token string, so once both lists are merged in text order the
    closest pair is always two neighbours.
    """
    best = FAR
    merged = sorted([(o[0], o[1], o[2], 0) for o in left] + [(o[0], o[1], o[2], 1) for o in right])
    for first, second in pairwise(merged):
        if first[3] == second[3] or first[2] != second[2]:
            continue
        distance = second[0] - first[1]
        if distance <= 0:
            continue  # overlapping (a phrase and a word of it)
        if first[3] == 1:
            distance += 1  # in reverse order
        best = min(best, distance, MAX_DISTANCE)
    return best


def relevance_key(
    kinds: tuple[int, ...], occurrences: list[list[Occurrence]]
) -> tuple[int, int, int, int]:
    """(proximity, attribute rank, -exact terms, terms found only in labels), lower is better;
    `kinds` are those of the fields of the layout the occurrences are in.

    Proximity is over the terms the document holds, each with the next one it holds.
    """
    present = [found for found in occurrences if found]
    proximity = sum(pair_cost(left, right) for left, right in pairwise(present))
    attribute = 0
    exact = 0
    labels_only = 0
    for found in present:
        attribute += min(kinds[o[2]] for o in found)
        exact += any(o[4] for o in found)
        # Kind 1 is the labels: a term met only there is not in the clause's own words.
        labels_only += bool(found) and all(kinds[o[2]] == 1 for o in found)
    return proximity, attribute, -exact, labels_only


def field_matches(occurrences: list[list[Occurrence]]) -> dict[int, FieldMatch]:
    """What matched, field by field (keys are field positions in the layout)."""
    fields: dict[int, FieldMatch] = {}
    for term, found in enumerate(occurrences):
        for occurrence in found:
            fields.setdefault(occurrence[2], FieldMatch()).add(term, occurrence)
    return fields


def _merged(matches: list[FieldMatch]) -> FieldMatch:
    merged = FieldMatch()
    for match in matches:
        for term, typos in match.terms.items():
            merged.terms[term] = min(typos, merged.terms.get(term, typos))
        merged.exact |= match.exact
        merged.count += match.count
    return merged


def _score(match: FieldMatch, best_kind: int) -> tuple[int, int, int, int, int]:
    return (
        -len(match.terms),
        sum(match.terms.values()),
        best_kind,
        -len(match.exact),
        -match.count,
    )


def best_language(
    layout: Layout, fields: dict[int, FieldMatch], original: str | None
) -> str | None:
    """The language whose fields (title, labels, text) matched the query best."""
    groups: dict[str, list[int]] = {}
    for position in fields:
        language = language_of_field(layout.fields[position])
        if language is not None:
            groups.setdefault(language, []).append(position)
    best: tuple[tuple[int, ...], str] | None = None
    for language, positions in groups.items():
        score = _score(
            _merged([fields[p] for p in positions]), min(layout.kinds[p] for p in positions)
        )
        rank = min(_FIELD_RANK.get(layout.fields[p], len(_FIELD_RANK)) for p in positions)
        key = (*score, 0 if language == original else 1, rank)
        if best is None or key < best[0]:
            best = (key, language)
    return None if best is None else best[1]


def best_text_field(
    layout: Layout, fields: dict[int, FieldMatch], language: str | None
) -> str | None:
    """The text field to take a snippet from: the best language's, else the best text match."""
    texts = {p: m for p, m in fields.items() if layout.fields[p].startswith("text_")}
    for position in texts:
        if language is not None and layout.fields[position] == f"text_{language}":
            return layout.fields[position]
    if not texts:
        return None
    best = min(texts, key=lambda p: (_score(texts[p], 2), p))
    return layout.fields[best]
