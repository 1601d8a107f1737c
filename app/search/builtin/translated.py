"""Query terms that also match their translations (app.search.dictionaries.expansion).

A one-word translation matches the word and its other forms in its own language (its
stemmer only); a longer one matches as a phrase. Documents found only through a translation
are kept apart on the term (`translated`), for the words rule to weigh them less; the
translation's tokens join the term's characters, so proximity, the matched language and the
snippet's marks see them like the word itself (never as exact).
"""

from __future__ import annotations

from collections.abc import Sequence

from pyroaring import BitMap

from app.search.analysis.analyzer import HARD_SEPARATORS, tokens
from app.search.dictionaries.expansion import Translation

from .compounds import compound_chars
from .index import Index
from .terms import KINDS, PhraseDocs, ResolvedTerm, phrase_chars, phrase_docs, stem_variants


def _word_docs(index: Index, chars: list[str]) -> PhraseDocs:
    kinds = []
    for postings in index.postings:
        found = [postings[c] for c in chars if c in postings]
        kinds.append(BitMap.union(*found) & index.live if found else BitMap())
    title, labels, text = kinds
    labels = labels - title
    text = text - title - labels
    return PhraseDocs(title | labels | text, (title, labels, text))


def _found(index: Index, translation: Translation) -> tuple[PhraseDocs, list[str], str]:
    """The documents holding a translation, the token characters of a one-word translation
    (its forms) and those of a longer one, together ("" when it is one word or holds a word
    no document has); remembered until the index changes: a word's translations come back
    with it."""
    key = ("translation", translation)
    kept = index.memo.recall(key)
    if isinstance(kept, tuple):
        return kept
    found = _find(index, translation)
    index.memo.remember(key, found)
    return found


def _find(index: Index, translation: Translation) -> tuple[PhraseDocs, list[str], str]:
    words = tuple(t for t in tokens(translation.text) if t not in HARD_SEPARATORS)
    if not words:
        return PhraseDocs(BitMap(), (BitMap(), BitMap(), BitMap())), [], ""
    if len(words) == 1:
        own = index.lexicon.char(words[0])
        chars = [own] if own is not None else []
        chars.extend(stem_variants(index, words[0], (translation.language,)))
        chars.extend(compound_chars(index, words[0], (translation.language,), chars))
        return _word_docs(index, chars), chars, ""
    # Matched whole, as it is found: one of its words alone is not the translation.
    return phrase_docs(index, words), [], phrase_chars(index, words) or ""


def with_translations(
    index: Index, resolved: ResolvedTerm, translations: Sequence[Translation]
) -> ResolvedTerm:
    """The term also matching these translations."""
    found = [_found(index, translation) for translation in translations]
    extra = [docs for docs, _, _ in found if docs.docs]
    if not extra:
        return resolved
    union = BitMap.union(*(d.docs for d in extra))
    added = union - resolved.docs
    by_kind = []
    for kind in KINDS:
        mine = resolved.by_kind[kind]
        theirs = BitMap.union(*(d.by_kind[kind] for d in extra)) - resolved.docs
        by_kind.append(mine | theirs)
    title, labels, text = by_kind
    labels -= title
    text = text - title - labels
    chars = dict(resolved.chars)
    for _, translation_chars, _ in found:
        for char in translation_chars:
            chars.setdefault(char, (0, False))
    phrases = (*resolved.phrases, *(p for d, _, p in found if p and d.docs))
    own = resolved.docs if resolved.own is None else resolved.own
    return ResolvedTerm(
        docs=resolved.docs | added,
        by_typos=(resolved.by_typos[0] | added, resolved.by_typos[1], resolved.by_typos[2]),
        by_kind=(title, labels, text),
        exact=resolved.exact,
        chars=chars,
        code_ranges=resolved.code_ranges,
        phrase=resolved.phrase,
        phrases=tuple(dict.fromkeys(phrases)),
        own=own | (added & (title | text)),
        translated=resolved.translated | added,
    )
