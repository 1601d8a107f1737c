"""Suggest themes and sub-themes for a clause from the taxonomy's keywords, with the reason.

Each concept's label and keywords in the clause's language, and in English (negotiators borrow
English terms: "e-learning", "burn-out"), are looked for in the clause. Matching ignores case
and accents, and lets a long word take a short ending ("surveillance" finds "surveillances").
Chinese, Japanese, Korean, Thai and Hindi are matched as substrings, spaces ignored for the
first four. A keyword of several words weighs 2, a single word 1 (2 when it comes back); a
concept needs 2 to be suggested, so one common word said once ("audit") is not enough.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from app.imports.model import ThemeSuggestion
from app.taxonomy.model import Taxonomy

MIN_SCORE = 2
REPEATED_WEIGHT = 2  # a single word that comes back is as telling as a phrase
MAX_SUBTHEMES = 4
_SPACELESS = frozenset({"ja", "zh", "ko", "th"})
_SUBSTRING = _SPACELESS | {"hi"}
_ACCENTS = re.compile("[\u0300-\u036f]")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


@dataclass(frozen=True)
class _Keyword:
    code: str
    term: str  # as the taxonomy writes it, shown in the reason
    weight: int
    pattern: re.Pattern[str]


def normalize(text: str, language: str = "en") -> str:
    """Lower case, no accents, single spaces (none at all for languages written without)."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)
    folded = unicodedata.normalize("NFC", _ACCENTS.sub("", unicodedata.normalize("NFD", folded)))
    if _primary(language) in _SPACELESS:
        return _SPACES.sub("", folded)
    return _SPACES.sub(" ", folded).strip()


def _primary(language: str) -> str:
    return language.split("-", 1)[0].lower()


def _pattern(term: str, language: str) -> re.Pattern[str] | None:
    norm = normalize(term, language)
    if not norm:
        return None
    if _primary(language) in _SUBSTRING and not norm.isascii():
        return re.compile(re.escape(norm))
    letter = "[a-z0-9]" if norm.isascii() else r"\w"
    tokens = _TOKEN.findall(norm)
    if not tokens:
        return None
    parts = [re.escape(t) + (f"{letter}{{0,3}}" if len(t) >= 5 else "") for t in tokens]
    return re.compile(f"(?<!{letter})" + r"\W+".join(parts) + f"(?!{letter})")


def _weight(term: str, language: str) -> int:
    norm = normalize(term, language)
    if _primary(language) in _SPACELESS and not norm.isascii():
        return 2 if len(norm) >= 4 else 1
    return 2 if len(_TOKEN.findall(norm)) >= 2 else 1


class ThemeSuggester:
    """Keyword-based suggestions over one taxonomy; patterns are compiled once per language."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self._taxonomy = taxonomy
        self._keywords = cache(self._compile)

    def _taxonomy_language(self, language: str) -> str | None:
        if language in self._taxonomy.languages:
            return language
        primary = _primary(language)
        matches = [t for t in self._taxonomy.languages if _primary(t) == primary]
        return matches[0] if matches else None

    def _compile(self, language: str) -> tuple[_Keyword, ...]:
        codes = self._taxonomy.theme_codes + self._taxonomy.subtheme_codes
        out: list[_Keyword] = []
        for code in codes:
            unique = {
                normalize(t, language): t for t in reversed(self._taxonomy.terms(code, language))
            }
            for term in reversed(unique.values()):
                pattern = _pattern(term, language)
                if pattern is not None:
                    out.append(_Keyword(code, term, _weight(term, language), pattern))
        return tuple(out)

    def suggest(
        self, text: str, language: str
    ) -> tuple[tuple[ThemeSuggestion, ...], tuple[ThemeSuggestion, ...]]:
        """(themes, sub-themes) suggested for `text` in `language`, best first."""
        local = self._taxonomy_language(language)
        languages = [lang for lang in dict.fromkeys([local, "en"]) if lang is not None]
        found: dict[str, dict[str, int]] = {}
        for lang in languages:
            haystack = normalize(text, lang)
            for keyword in self._keywords(lang):
                hits = len(keyword.pattern.findall(haystack))
                if hits:
                    weight = keyword.weight if hits == 1 else REPEATED_WEIGHT
                    found.setdefault(keyword.code, {})[keyword.term] = max(keyword.weight, weight)
        subthemes = [
            self._suggestion(code, terms)
            for code, terms in found.items()
            if "." in code and sum(terms.values()) >= MIN_SCORE
        ]
        subthemes.sort(key=lambda s: (-s.score, s.code))
        subthemes = subthemes[:MAX_SUBTHEMES]
        return self._themes(found, subthemes), tuple(subthemes)

    def _themes(
        self, found: dict[str, dict[str, int]], subthemes: list[ThemeSuggestion]
    ) -> tuple[ThemeSuggestion, ...]:
        themes: list[ThemeSuggestion] = []
        for code in self._taxonomy.theme_codes:
            terms = dict(found.get(code, {}))
            for sub in subthemes:
                if self._taxonomy.theme_of(sub.code) == code:
                    terms.update(dict.fromkeys(sub.keywords, 0))
                    terms[f"sub-theme {sub.code}"] = sub.score
            if sum(terms.values()) >= MIN_SCORE:
                themes.append(self._suggestion(code, terms))
        themes.sort(key=lambda s: (-s.score, s.code))
        return tuple(themes)

    def _suggestion(self, code: str, terms: dict[str, int]) -> ThemeSuggestion:
        keywords = tuple(t for t in terms if not t.startswith("sub-theme "))
        return ThemeSuggestion(code, self._taxonomy.label(code), sum(terms.values()), keywords)
