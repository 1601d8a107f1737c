"""Query terms -> bitmaps: which documents match each term, with how many typos, and where.

A resolved term carries partitions of its documents by fewest typos (0, 1, 2) and by best
field kind (title, labels, text), plus the documents where it matched exactly: that is all
the bucket sort needs. Phrases are checked against each candidate document's token string.
Results are remembered on the index until its next change.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Final

from pyroaring import BitMap

from app.search.analysis.query import CharTerm, PhraseTerm, Term, WordTerm
from app.search.analysis.stemming import STEMMED_LANGUAGES, root_of, stemmable, stems
from app.search.dictionaries.compounds import COMPOUNDING

from .compounds import compound_chars
from .index import SHORT_PREFIX, Index
from .records import EMPTY_LAYOUT, LABELS, TEXT, TITLE
from .synonyms import longest_member, synonyms

KINDS: Final = (TITLE, LABELS, TEXT)
# Indexed tokens beginning with a stem that are checked for sharing it, per language.
STEM_CANDIDATES: Final = 256


@dataclass
class ResolvedTerm:
    """One positive query term against the index."""

    docs: BitMap
    by_typos: tuple[BitMap, BitMap, BitMap]  # partition of docs by fewest typos
    by_kind: tuple[BitMap, BitMap, BitMap]  # partition of docs by best field kind
    exact: BitMap  # documents containing the word itself (or the phrase)
    chars: dict[str, tuple[int, bool]] = field(default_factory=dict)  # char -> (typos, exact)
    code_ranges: tuple[tuple[int, int], ...] = ()  # prefix continuations: typos 0, not exact
    phrase: str | None = None  # the token characters of a phrase
    # The token characters of the term's translations of several words, each matched whole.
    phrases: tuple[str, ...] = ()
    # Documents with the term in their own words (title or text), not only in taxonomy labels;
    # None means all of `docs` (phrases and characters are laid out per field already).
    own: BitMap | None = None
    # Documents holding the term only in another language, through the dictionaries.
    translated: BitMap = field(default_factory=BitMap)


def _union(bitmaps: list[BitMap]) -> BitMap:
    if not bitmaps:
        return BitMap()
    if len(bitmaps) == 1:
        return bitmaps[0].copy()
    return BitMap.union(*bitmaps)


def _partition(levels: list[BitMap]) -> tuple[BitMap, BitMap, BitMap]:
    """Docs of level 0; then of level 1 not in level 0; then the rest of level 2."""
    first = levels[0]
    second = levels[1] - first
    third = levels[2] - first - second
    return first, second, third


def _word_bitmaps(
    index: Index, levels: list[list[str]], ranges: tuple[tuple[int, int], ...]
) -> tuple[list[BitMap], list[BitMap]]:
    """Per typo level and per kind, the union of the postings of these characters."""
    per_kind_level: list[list[BitMap]] = []
    for kind in KINDS:
        postings = index.postings[kind]
        row: list[BitMap] = []
        for level, chars in enumerate(levels):
            found = [postings[c] for c in chars if c in postings]
            if level == 0:
                for lo, hi in ranges:
                    found.extend(b for b in map(postings.get, map(chr, range(lo, hi))) if b)
            row.append(_union(found))
        per_kind_level.append(row)
    by_level = [_union([per_kind_level[k][t] for k in KINDS]) for t in range(3)]
    by_kind = [_union(per_kind_level[k]) for k in KINDS]
    return by_level, by_kind


def _from_chars(
    index: Index,
    levels: list[list[str]],
    ranges: tuple[tuple[int, int], ...],
    exact_char: str | None,
) -> ResolvedTerm:
    by_level, by_kind = _word_bitmaps(index, levels, ranges)
    docs = _union(by_level)
    kinds = _partition(by_kind)
    exact = BitMap()
    if exact_char is not None:
        exact = _union([p[exact_char] for p in index.postings if exact_char in p])
    chars: dict[str, tuple[int, bool]] = {}
    for level in (2, 1, 0):
        for char in levels[level]:
            chars[char] = (level, char == exact_char)
    own = by_kind[0] | by_kind[2]
    return ResolvedTerm(docs, _partition(by_level), kinds, exact, chars, ranges, own=own)


def _from_short_prefix(index: Index, prefix: str, exact_char: str | None) -> ResolvedTerm:
    """A term of one or two letters typed last: every token it begins, ready in the index."""
    ready = index.short_prefixes.get(prefix)
    by_kind = ready if ready is not None else (BitMap(), BitMap(), BitMap())
    docs = _union(list(by_kind))
    exact = BitMap()
    if exact_char is not None:
        exact = _union([p[exact_char] for p in index.postings if exact_char in p])
    own = by_kind[0] | by_kind[2]
    return ResolvedTerm(docs, (docs, BitMap(), BitMap()), _partition(list(by_kind)), exact, own=own)


def stem_variants(
    index: Index, word: str, languages: tuple[str, ...] = STEMMED_LANGUAGES
) -> list[str]:
    """Characters of the indexed tokens sharing the word's stem in a language that stems
    ("monitored" -> monitoring, monitors; "pausen" -> pause): each stemmer is tried, as a
    keyword query does not say its language, and a token counts only under the same one."""
    if not stemmable(word):
        return []
    found: set[str] = set()
    lexicon = index.lexicon
    for language in languages:
        root = root_of(language, word) if language in STEMMED_LANGUAGES else None
        if root is None:
            continue
        candidates = lexicon.with_prefix(root, STEM_CANDIDATES)
        found.update(
            token
            for token, theirs in zip(candidates, stems(language, candidates), strict=True)
            if theirs == root and token != word
        )
    chars = (lexicon.char(token) for token in sorted(found))
    return [char for char in chars if char is not None]


def _resolve_word(index: Index, term: WordTerm) -> ResolvedTerm:
    derivation = index.derive(term.word, term.is_prefix)
    levels: list[list[str]] = [[], [], []]
    if derivation.exact is not None:
        levels[0].append(derivation.exact)
    levels[0].extend(derivation.prefix_chars)
    # Another form of the word ranks like a word with one typo: after the word itself,
    # whatever field holds it.
    variants = [c for c in stem_variants(index, term.word) if c not in levels[0]]
    variants.extend(compound_chars(index, term.word, COMPOUNDING, {*levels[0], *variants}))
    levels[1].extend(variants)
    taken = set(levels[0]) | set(variants)
    for char, typos in derivation.typo_chars:
        if char not in taken:
            levels[typos].append(char)
    lo, hi = derivation.prefix_codes
    ranges = ((lo, hi),) if hi > lo else ()
    if term.is_prefix and len(term.word) <= SHORT_PREFIX:
        resolved = _from_short_prefix(index, term.word, derivation.exact)
        resolved.chars = {char: (0, char == derivation.exact) for char in levels[0]}
        resolved.code_ranges = ranges
    else:
        resolved = _from_chars(index, levels, ranges, derivation.exact)
    others = synonyms().get((term.word,))
    return with_synonyms(index, resolved, others) if others else resolved


def with_synonyms(
    index: Index, resolved: ResolvedTerm, others: tuple[tuple[str, ...], ...]
) -> ResolvedTerm:
    """The term also matching these synonyms, as exact matches of the word itself would."""
    found: list[PhraseDocs] = []
    chars = dict(resolved.chars)
    for words in others:
        if len(words) > 1:
            found.append(phrase_docs(index, words))
            continue
        char = index.lexicon.char(words[0])
        if char is None:
            continue
        kinds = [p[char] & index.live if char in p else BitMap() for p in index.postings]
        first, second, third = _partition(kinds)
        found.append(PhraseDocs(first | second | third, (first, second, third)))
        chars[char] = (0, True)
    if not found:
        return resolved
    extra = _union([f.docs for f in found])
    by_kind = [
        _union([resolved.by_kind[kind], *(f.by_kind[kind] for f in found)]) for kind in KINDS
    ]
    level_zero = resolved.by_typos[0] | extra
    own = resolved.docs if resolved.own is None else resolved.own
    return ResolvedTerm(
        docs=resolved.docs | extra,
        by_typos=_partition([level_zero, resolved.by_typos[1], resolved.by_typos[2]]),
        by_kind=_partition(by_kind),
        exact=resolved.exact | extra,
        chars=chars,
        code_ranges=resolved.code_ranges,
        own=own | by_kind[TITLE] | by_kind[TEXT],
    )


def _resolve_char(index: Index, term: CharTerm) -> ResolvedTerm:
    lexicon = index.lexicon
    lo, hi = lexicon.main_range(term.char)
    later = [lexicon.char(t) for t in lexicon.extra_with_prefix(term.char)]
    endings = [lexicon.char(t) for t in lexicon.dense_ending_with(term.char)]
    starting = _from_short_prefix(index, term.char, None)
    ending = _from_chars(index, [[c for c in endings if c is not None], [], []], (), None)
    kinds = _partition([a | b for a, b in zip(starting.by_kind, ending.by_kind, strict=True)])
    docs = starting.docs | ending.docs
    chars = [c for c in (*later, *endings) if c is not None]
    # Every token holding the character matches it as typed: all count as exact.
    return ResolvedTerm(
        docs,
        (docs, BitMap(), BitMap()),
        kinds,
        docs,
        chars=dict.fromkeys(chars, (0, True)),
        code_ranges=((lo, hi),) if hi > lo else (),
    )


def phrase_chars(index: Index, words: tuple[str, ...]) -> str | None:
    """The token characters of a phrase, or None when a word is not indexed."""
    chars = [index.lexicon.char(word) for word in words]
    if any(c is None for c in chars):
        return None
    return "".join(c for c in chars if c is not None)


@dataclass(frozen=True)
class PhraseDocs:
    """Documents containing a phrase, and their partition by best field kind."""

    docs: BitMap
    by_kind: tuple[BitMap, BitMap, BitMap]


def phrase_docs(index: Index, words: tuple[str, ...]) -> PhraseDocs:
    """Documents containing these tokens consecutively in one field."""
    key = ("phrase", words)
    cached = index.memo.recall(key)
    if isinstance(cached, PhraseDocs):
        return cached
    chars = phrase_chars(index, words)
    result = PhraseDocs(BitMap(), (BitMap(), BitMap(), BitMap()))
    if chars and len(chars) == 1:
        kinds = [p[chars] & index.live if chars in p else BitMap() for p in index.postings]
        first, second, third = _partition(kinds)
        result = PhraseDocs(first | second | third, (first, second, third))
    elif chars:
        result = _verified(index, chars)
    index.memo.remember(key, result)
    return result


def _verified(index: Index, chars: str) -> PhraseDocs:
    """Documents whose own fields or labels hold the tokens `chars` consecutively. Own fields
    are read document by document, among those holding every token in a title or a text;
    labels once per distinct label set, for all the documents carrying it."""
    own = [index.postings[TITLE], index.postings[TEXT]]
    candidates = index.live.copy()
    in_titles = index.live.copy()
    for char in dict.fromkeys(chars):
        candidates &= _union([p[char] for p in own if char in p])
        in_titles &= own[TITLE][char] if char in own[TITLE] else BitMap()
    layouts = index.layouts
    # One test per candidate (the costly part, on a common phrase), in a comprehension; then
    # where it is, only for the few whose titles hold every token: titles come first in a
    # layout, so the first occurrence says whether a title holds the phrase.
    found = BitMap([iid for iid in candidates if chars in (layouts[iid] or EMPTY_LAYOUT).seq])
    title = BitMap()
    for iid in in_titles & found:
        layout = layouts[iid] or EMPTY_LAYOUT
        if layout.kinds[bisect_right(layout.starts, layout.seq.find(chars)) - 1] == TITLE:
            title.add(iid)
    labelled = _union([docs for labels, docs in index.carriers.items() if chars in labels.seq])
    # The best kind wins: a title, else the labels, else a text.
    labels = (labelled & index.live) - title
    text = found - title - labels
    return PhraseDocs(title | labels | text, (title, labels, text))


def _resolve_phrase(index: Index, term: PhraseTerm) -> ResolvedTerm:
    found = phrase_docs(index, term.words)
    return ResolvedTerm(
        docs=found.docs,
        by_typos=(found.docs, BitMap(), BitMap()),
        by_kind=found.by_kind,
        exact=found.docs,
        phrase=phrase_chars(index, term.words),
    )


def resolve(index: Index, term: Term) -> ResolvedTerm:
    """The bitmaps of one positive term (remembered until the index changes)."""
    key = ("term", term)
    cached = index.memo.recall(key)
    if isinstance(cached, ResolvedTerm):
        return cached
    if isinstance(term, WordTerm):
        resolved = _resolve_word(index, term)
    elif isinstance(term, CharTerm):
        resolved = _resolve_char(index, term)
    else:
        resolved = _resolve_phrase(index, term)
    index.memo.remember(key, resolved)
    return resolved


def resolve_all(index: Index, terms: tuple[Term, ...]) -> list[ResolvedTerm]:
    """Every positive term resolved; a run of words that is a synonym group's member also
    matches, in each of its words, the documents saying another member."""
    resolved = [resolve(index, term) for term in terms]
    table = synonyms()
    for size in range(2, longest_member() + 1):
        for start in range(len(terms) - size + 1):
            window = terms[start : start + size]
            words = tuple(t.word for t in window if isinstance(t, WordTerm))
            others = table.get(words) if len(words) == size else None
            if others:
                for at in range(start, start + size):
                    resolved[at] = with_synonyms(index, resolved[at], others)
    return resolved


def excluded(index: Index, words: tuple[str, ...], phrases: tuple[tuple[str, ...], ...]) -> BitMap:
    """Documents holding any excluded word (exactly) or excluded phrase."""
    found: list[BitMap] = []
    for word in words:
        char = index.lexicon.char(word)
        if char is not None:
            found.extend(p[char] for p in index.postings if char in p)
    for phrase in phrases:
        found.append(phrase_docs(index, phrase).docs)
    return _union(found)
