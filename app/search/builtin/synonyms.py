"""Synonyms, as Meilisearch applies the same groups (app.search.contract.SYNONYM_GROUPS).

A query word, or run of consecutive query words, that is a member of a group also matches
every other member: a word exactly, several words as a phrase. Members are analysed like any
text, so accents and case do not matter.
"""

from __future__ import annotations

from functools import cache

from app.search.analysis.analyzer import normalize, tokens
from app.search.contract import SYNONYM_GROUPS


@cache
def synonyms() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """tokens of a member -> the tokens of the other members of its group."""
    table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for group in SYNONYM_GROUPS:
        forms = [tuple(tokens(normalize(member))) for member in group]
        for form in forms:
            if form:
                others = table.setdefault(form, [])
                others.extend(other for other in forms if other != form and other)
    return {form: tuple(dict.fromkeys(others)) for form, others in table.items()}


def longest_member() -> int:
    """How many words the longest member has."""
    return max((len(form) for form in synonyms()), default=1)
