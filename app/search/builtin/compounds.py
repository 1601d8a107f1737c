"""The compounds of German, Dutch and Swedish clauses that hold a word as one of their parts.

"Kamera" is said in "Videokameras", "övervakning" in "övervakningssystem": a word searched in one
of these languages also finds the indexed tokens that end with one of its forms (the word as
the last part, which carries the inflection: "videokameras") or start with one, a linking
element allowed after it ("övervaknings|system"). A part must be MIN_FORM letters or more and
leave MIN_REST or more to the rest, so that "rat" does not find "separat".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from app.search.analysis.stemming import STEMMED_LANGUAGES, root_of
from app.search.dictionaries.compounds import COMPOUNDING

from .index import Index

# language -> endings of the last part's inflected forms ("kamera" -> "videokameras")
ENDINGS: Final = {
    "de": ("", "s", "e", "n", "en", "er", "es", "ern"),
    "nl": ("", "s", "e", "en"),
    "sv": ("", "s", "n", "en", "et", "er", "ar", "or", "na", "erna", "arna", "orna"),
}
MIN_FORM: Final = 5
MIN_REST: Final = 3
MAX_FORMS: Final = 16  # other indexed forms of the word looked for as parts
MAX_COMPOUNDS: Final = 64  # tokens per form: the first ones found


def compound_tokens(
    index: Index, word: str, languages: Iterable[str], forms: Iterable[str] = ()
) -> list[str]:
    """Indexed tokens holding the word (its stem, or one of its other indexed `forms`) as
    their first or last part, in these languages that compound (their endings and linking
    elements together: the tokens say no language)."""
    chosen = [language for language in languages if language in COMPOUNDING]
    if not chosen:
        return []
    endings = tuple(dict.fromkeys(e for language in chosen for e in ENDINGS[language]))
    links = tuple(dict.fromkeys(("", *(k for language in chosen for k in COMPOUNDING[language]))))
    roots = (root_of(language, word) for language in chosen if language in STEMMED_LANGUAGES)
    lexicon = index.lexicon
    found: dict[str, None] = {}
    stems = dict.fromkeys((word, *(r for r in roots if r)))
    for form in dict.fromkeys((*stems, *forms)):
        if len(form) < MIN_FORM or not form.isalpha():
            continue
        # The word and its stems take every ending; an indexed form is already inflected.
        for ending in endings if form in stems else ("",):
            for token in lexicon.ending_with(form + ending, MAX_COMPOUNDS):
                if len(token) - len(form) - len(ending) >= MIN_REST:
                    found.setdefault(token)
        for token in lexicon.with_prefix(form, MAX_COMPOUNDS):
            rest = token[len(form) :]
            if any(
                rest.startswith(link)
                and len(rest) - len(link) > MIN_REST
                and rest[len(link) :] in lexicon
                for link in links
            ):
                found.setdefault(token)
    found.pop(word, None)
    return list(found)


def compound_chars(
    index: Index, word: str, languages: Iterable[str], taken: Iterable[str]
) -> list[str]:
    """The characters of compound_tokens, the word's forms being the tokens of the characters
    `taken` already (which are left out)."""
    languages = [language for language in languages if language in COMPOUNDING]
    if not languages:
        return []
    taken = set(taken)
    forms = sorted(t for t in (index.lexicon.token(c) for c in taken) if t is not None)
    found = compound_tokens(index, word, languages, forms[:MAX_FORMS])
    chars = (index.lexicon.char(token) for token in found)
    return [char for char in dict.fromkeys(chars) if char is not None and char not in taken]
