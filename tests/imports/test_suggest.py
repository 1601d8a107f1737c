"""Theme suggestions come from the taxonomy's keywords in the clause's language, with reasons."""

from __future__ import annotations

import pytest

from app.imports.documents.suggest import ThemeSuggester, normalize
from app.taxonomy.model import Taxonomy


@pytest.fixture(scope="module")
def suggester(taxonomy: Taxonomy) -> ThemeSuggester:
    return ThemeSuggester(taxonomy)


def _codes(suggester: ThemeSuggester, text: str, language: str) -> tuple[set[str], set[str]]:
    themes, subthemes = suggester.suggest(text, language)
    return {t.code for t in themes}, {s.code for s in subthemes}


def test_a_french_telework_clause_suggests_telework(suggester: ThemeSuggester) -> None:
    text = "Le télétravail repose sur le double volontariat ; une indemnité de télétravail est due."
    themes, subthemes = _codes(suggester, text, "fr")
    assert ("4", "4.1") in {(t, s) for t in themes for s in subthemes}


def test_the_reason_names_the_keywords_that_matched(suggester: ThemeSuggester) -> None:
    _, subthemes = suggester.suggest("No GPS tracking and no keystroke logging.", "en")
    first = subthemes[0]
    assert first.code == "6.1"
    assert {"keystroke logging", "gps"} <= {k.casefold() for k in first.keywords}
    assert "keystroke logging" in first.reason


def test_accents_and_case_are_ignored(suggester: ThemeSuggester) -> None:
    _, subthemes = _codes(suggester, "DROIT A LA DECONNEXION des agents", "fr")
    assert "4.3" in subthemes


def test_japanese_is_matched_without_word_boundaries(suggester: ThemeSuggester) -> None:
    _, subthemes = _codes(suggester, "職員はテレワークを行う。在宅勤務の機器を貸与する。", "ja")
    assert "4.1" in subthemes


def test_korean_keywords_match_across_spacing(suggester: ThemeSuggester) -> None:
    _, subthemes = _codes(
        suggester, "조합원의 재택근무를 보장하고 연결되지않을권리를 보장한다.", "ko"
    )
    assert {"4.1", "4.3"} <= subthemes


def test_one_common_word_said_once_is_not_enough(suggester: ThemeSuggester) -> None:
    assert _codes(suggester, "The accounts are subject to an audit.", "en") == (set(), set())


def test_english_terms_are_found_in_another_language(suggester: ThemeSuggester) -> None:
    _, subthemes = _codes(
        suggester, "Les agents suivent un e-learning et du blended learning.", "fr"
    )
    assert "3.6" in subthemes


def test_a_long_word_may_take_a_short_ending(suggester: ThemeSuggester) -> None:
    _, subthemes = _codes(suggester, "Keystroke logging and video surveillances are banned.", "en")
    assert "6.1" in subthemes


def test_normalizing_drops_accents_and_extra_spaces() -> None:
    assert normalize("  Télé\u00a0TRAVAIL  ’ ") == "tele travail '"
