"""One search against one index: parse, filter, rank, count facets, make the hits."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pyroaring import BitMap

from app.search.analysis.query import ParsedQuery, parse_query, translatable_words
from app.search.contract import (
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    SearchHit,
    SearchPage,
    SearchQuery,
    SortOrder,
    field_suffix,
)
from app.search.dictionaries.expansion import translate
from app.search.dictionaries.lexicon import Lexicon

from .facets import facet_counts, filtered
from .index import Index
from .positions import Matcher, Occurrence, best_language, best_text_field, field_matches
from .ranking import Relevance, Rule, bucket_sort, sort_rule
from .records import EMPTY_LAYOUT, Layout, combined, field_kind, field_text
from .snippets import Mark, opening, snippet
from .terms import ResolvedTerm, excluded, resolve_all
from .translated import with_translations


def _original(document: dict[str, Any]) -> str | None:
    language = document.get("language")
    return field_suffix(language) if isinstance(language, str) and language else None


def _fallback(document: dict[str, Any], layout: Layout) -> str:
    """The opening of the text shown when no text field matched: the original language's,
    else the first there is."""
    original = _original(document)
    names = [f"text_{original}"] if original else []
    names.extend(name for name in layout.fields if name.startswith("text_"))
    for name in names:
        text = field_text(document.get(name))
        if text and text.strip():
            dense = layout.dense[layout.fields.index(name)] if name in layout.fields else None
            return opening(text, dense)
    return ""


def _marks(layout: Layout, occurrences: list[list[Occurrence]], position: int) -> list[Mark]:
    """Token positions, within one field, of the occurrences found in it."""
    offset = layout.starts[position]
    return [
        (o[0] - offset, o[1] - offset, term)
        for term, found in enumerate(occurrences)
        for o in found
        if o[2] == position
    ]


def _shown(document: dict[str, Any]) -> dict[str, Any]:
    """What a hit carries of its document: the fields that are not searchable text."""
    return {key: value for key, value in document.items() if field_kind(key) is None}


def _hit(index: Index, iid: int, matcher: Matcher | None) -> SearchHit:
    document = index.document(iid) or {}
    own = index.layouts[iid] or EMPTY_LAYOUT
    if matcher is None:
        return SearchHit(_shown(document), _fallback(document, own), None)
    labels = index.label_layouts[iid]
    occurrences = matcher.scan_document(own, labels)
    layout = combined(own, labels)
    fields = field_matches(occurrences)
    language = best_language(layout, fields, _original(document))
    name = best_text_field(layout, fields, language)
    text = field_text(document.get(name)) if name else None
    if name is None or not text:
        return SearchHit(_shown(document), _fallback(document, layout), language)
    position = layout.fields.index(name)
    marks = _marks(layout, occurrences, position)
    part = layout.field_part(position)
    shown = snippet(text, marks, part, index.vocabulary.get, layout.dense[position])
    return SearchHit(_shown(document), shown, language)


def _copy(page: SearchPage) -> SearchPage:
    """A page the caller may rearrange without touching the one kept. Documents are copied
    one level deep: their list values are shared and, like the API does, only read."""
    hits = [SearchHit(dict(h.document), h.snippet, h.matched_language) for h in page.hits]
    return SearchPage(hits, page.total, {name: dict(c) for name, c in page.facets.items()})


def run(index: Index, query: SearchQuery, lexicon: Lexicon | None = None) -> SearchPage:
    """The page of results of one query (the same query again is answered from memory until
    the index changes); with a lexicon, the query's words match their translations too."""
    if not isinstance(query.q, str):
        query = replace(query, q="")
    elif len(query.q) > MAX_QUERY_CHARS:
        query = replace(query, q=query.q[:MAX_QUERY_CHARS])
    kept = index.pages.recall(query)
    if isinstance(kept, SearchPage):
        return _copy(kept)
    page = _run(index, query, lexicon)
    index.pages.remember(query, page)
    return _copy(page)


def _translated(
    index: Index, parsed: ParsedQuery, terms: list[ResolvedTerm], lexicon: Lexicon
) -> list[ResolvedTerm]:
    """The resolved terms, each word also matching its translations."""
    found = translatable_words(parsed)
    if not found:
        return terms
    positions = [position for position, _ in found]
    words = [word for _, word in found]
    translated = list(terms)
    for position, translations in zip(
        positions, translate(words, parsed.languages, lexicon), strict=True
    ):
        if translations:
            translated[position] = with_translations(index, terms[position], translations)
    return translated


def _run(index: Index, query: SearchQuery, lexicon: Lexicon | None) -> SearchPage:
    start = max(0, query.offset)
    stop = start + max(0, min(query.limit, MAX_PER_PAGE))
    parsed = parse_query(query.q)
    universe = filtered(index, query.filters)
    if parsed.negative_words or parsed.negative_phrases:
        universe = universe - excluded(index, parsed.negative_words, parsed.negative_phrases)
    rules: list[Rule] = []
    if not parsed.terms:
        results: BitMap = universe
        if query.sort == SortOrder.oldest:
            rules = [sort_rule(index, newest=False, then=())]
        matcher = None
    else:
        terms = resolve_all(index, parsed.terms)
        if lexicon is not None:
            terms = _translated(index, parsed, terms, lexicon)
        relevance = Relevance(index, universe, terms)
        results = relevance.matches
        rules = [relevance.words]
        if query.sort != SortOrder.relevance:
            rules = [sort_rule(index, newest=query.sort == SortOrder.newest, then=rules)]
        matcher = relevance.matcher
    page = bucket_sort(index, results, rules, start, stop)
    return SearchPage(
        hits=[_hit(index, iid, matcher) for iid in page],
        total=len(results),
        facets=facet_counts(index, results),
    )
