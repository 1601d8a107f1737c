"""Stop words, Snowball stems and the query's language."""

from __future__ import annotations

import pytest

from app.search.analysis.language import guess_languages, stop_words_of
from app.search.analysis.stemming import stem
from app.search.analysis.stopwords import STOP_WORDS


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("en", ["monitored", "monitoring", "monitors"]),
        ("fr", ["deconnecter", "deconnecte"]),
        ("de", ["pause", "pausen"]),
        ("es", ["trabajadores", "trabajador"]),
        ("sv", ["arbetsgivaren", "arbetsgivare"]),
    ],
)
def test_forms_of_a_word_share_a_stem(language: str, forms: list[str]) -> None:
    assert len({stem(language, form) for form in forms}) == 1


def test_stop_words_are_folded_function_words() -> None:
    for words in STOP_WORDS.values():
        assert all(word == word.lower() and word.isascii() for word in words)
    for meaningful in ("work", "data", "ai", "ia", "time"):
        assert all(meaningful not in words for words in STOP_WORDS.values())


def test_the_language_with_most_stop_words_is_guessed() -> None:
    assert guess_languages(["le", "droit", "a", "la", "deconnexion", "des", "salaries"]) == ("fr",)
    assert guess_languages(["what", "can", "the", "employer", "do"]) == ("en",)


def test_keywords_give_no_guess() -> None:
    assert guess_languages(["gps", "tracking"]) == ()


def test_stop_words_of_several_languages_together() -> None:
    assert {"the", "le"} <= stop_words_of(["en", "fr"])
