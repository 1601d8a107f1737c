"""The words rule of a long question: a BM25F score in place of counting the words it lacks.

A question of LONG_QUERY terms or more rarely has a clause holding all of its words, and the
clauses holding most of them are told apart by which words they hold and how: a rare word
more than a common one, in a title more than in a text, in a text more than only in the
taxonomy labels, said as typed more than in another form or through a translation. Each
term a clause holds scores its IDF (as in ranking.word_costs) times BM25's saturation of the
weights of the field kinds holding it (title, text, labels; a word counts once per kind:
clause texts are short and repeat a word for grammar, not weight), times its quality (another
form or a typo, a translation). The words rule then ranks by the sum, in steps of STEP.

Positions say where a term is (the token strings, like the proximity rule, which reuses the
scans); the term's bitmaps say whether it is there and how. Only the first HEAD documents of
the plain words rule are scored: on a large corpus the clauses lacking the most informative
words are not read, and come after the head, in that rule's order.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Final

from pyroaring import BitMap

from .index import Index
from .positions import Matcher
from .records import LABELS, TEXT, TITLE
from .terms import ResolvedTerm

LONG_QUERY: Final = 6  # terms from which a query is scored
HEAD: Final = 64  # documents scored, the first ones of the plain words rule
K1: Final = 1.2
FIELD_WEIGHTS: Final = {TITLE: 2.0, TEXT: 1.0, LABELS: 0.8}
OTHER_FORM: Final = 0.8  # a typo, or another form of the word (a stem)
TRANSLATED: Final = 0.5  # found only through a translation
STEP: Final = 0.25  # in IDF units: scores closer than this tie, for the rules after


def idf(found: int, size: int) -> float:
    """BM25's inverse document frequency of a term held by `found` of `size` documents."""
    return math.log(1 + (size - found + 0.5) / (found + 0.5))


def saturated(weight: float) -> float:
    """BM25's term-frequency saturation of a weighted frequency."""
    return weight * (K1 + 1) / (K1 + weight)


class Scorer:
    """BM25F scores of documents for the resolved terms of one query."""

    def __init__(self, index: Index, terms: list[ResolvedTerm], matcher: Matcher) -> None:
        self.index = index
        self.terms = terms
        self.matcher = matcher
        size = max(1, len(index))
        self.idfs = [idf(len(term.docs), size) for term in terms]
        self.other_forms = [term.by_typos[1] | term.by_typos[2] for term in terms]

    def score(self, iid: int) -> float:
        own = self.index.layouts[iid]
        if own is None:
            return 0.0
        labels = self.index.label_layouts[iid]
        kinds = own.kinds + labels.kinds
        total = 0.0
        occurrences = self.matcher.scan_document(own, labels)
        for at, (term, found) in enumerate(zip(self.terms, occurrences, strict=True)):
            if not found or iid not in term.docs:
                continue
            weight = sum(FIELD_WEIGHTS[kind] for kind in {kinds[o[2]] for o in found})
            quality = (
                TRANSLATED
                if iid in term.translated
                else OTHER_FORM
                if iid in self.other_forms[at]
                else 1.0
            )
            total += self.idfs[at] * saturated(weight) * quality
        return total

    def ranked(self, head: list[int]) -> Iterator[BitMap]:
        """The head documents grouped by score, best first (each group in any order)."""
        groups: dict[int, list[int]] = {}
        for iid in head:
            groups.setdefault(int(self.score(iid) / STEP), []).append(iid)
        for step in sorted(groups, reverse=True):
            yield BitMap(groups[step])
