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
    their first or last part, in each of these languages that compounds."""
    lexicon = index.lexicon
    found: dict[str, None] = {}
    for language in languages:
        links = COMPOUNDING.get(language)
        if links is None:
            continue
        root = root_of(language, word) if language in STEMMED_LANGUAGES else None
        for form in dict.fromkeys((word, root or word, *forms)):
            if len(form) < MIN_FORM or not form.isalpha():
                continue
            for ending in ENDINGS[language]:
                for token in lexicon.ending_with(form + ending, MAX_COMPOUNDS):
                    if len(token) - len(form) - len(ending) >= MIN_REST:
                        found.setdefault(token)
            for token in lexicon.with_prefix(form, MAX_COMPOUNDS):
                rest = token[len(form) :]
                for link in ("", *links):
                    if rest.startswith(link) and len(rest) - len(link) > MIN_REST:
                        if rest[len(link) :] in lexicon:
                            found.setdefault(token)
                        break
    found.pop(word, None)
    return list(found)


def compound_chars(
    index: Index, word: str, languages: Iterable[str], taken: Iterable[str]
) -> list[str]:
    """The characters of compound_tokens, the word's forms being the tokens of the characters
    `taken` already (which are left out)."""
    taken = set(taken)
    forms = sorted(t for t in (index.lexicon.token(c) for c in taken) if t is not None)
    found = compound_tokens(index, word, languages, forms[:MAX_FORMS])
    chars = (index.lexicon.char(token) for token in found)
    return [char for char in dict.fromkeys(chars) if char is not None and char not in taken]
