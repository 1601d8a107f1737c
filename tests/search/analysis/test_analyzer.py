"""Folding and tokens: what the built-in engine considers the same word."""

from __future__ import annotations

import pytest

from app.search.analysis.analyzer import bigrams, normalize, strip_markers, tokens, units
from app.search.contract import MARK_END, MARK_START


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Desconexión", "desconexion"),
        ("DÉCONNEXION", "deconnexion"),
        ("Straße", "strasse"),
        ("Øresund", "oresund"),
        ("Ærø", "aero"),
        ("Œuvre", "oeuvre"),
        ("Łódź", "lodz"),
        ("ﬁnance", "finance"),
        ("Ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
    ],
)
def test_folding_drops_case_accents_and_letter_variants(text: str, folded: str) -> None:
    assert normalize(text) == folded


def test_decomposed_and_composed_accents_fold_alike() -> None:
    assert normalize("de\u0301connexion") == normalize("déconnexion") == "deconnexion"


def test_highlight_markers_never_survive_folding_or_stripping() -> None:
    text = f"a{MARK_START}b{MARK_END}c"
    assert normalize(text) == "abc"
    assert strip_markers(text) == "abc"


def test_half_width_katakana_folds_to_full_width() -> None:
    assert normalize("ｶﾞｲﾄﾞ") == "ガイド"


def test_words_split_on_punctuation_and_hyphens() -> None:
    assert tokens(normalize("Co-determination: AI, l'employeur")) == [
        "co",
        "determination",
        "ai",
        "l",
        "employeur",
    ]


def test_sentence_ends_are_kept_as_separators() -> None:
    assert tokens("one. two") == ["one", ".", "two"]


def test_unspaced_scripts_become_overlapping_bigrams() -> None:
    assert tokens(normalize("离线权")) == ["离线", "线权"]
    assert tokens(normalize("権利を")) == ["権利", "利を"]


def test_a_lone_unspaced_character_stays_whole() -> None:
    assert tokens("年 2024") == ["年", "2024"]


def test_thai_runs_keep_their_vowel_marks() -> None:
    assert tokens(normalize("ตัด")) == ["ตั", "ัด"]


def test_hangul_words_are_cut_into_bigrams_for_substring_search() -> None:
    assert tokens("노동자의 권리") == ["노동", "동자", "자의", "권리"]


def test_devanagari_words_stay_whole_with_their_vowel_signs() -> None:
    assert tokens(normalize("हिन्दी भाषा")) == ["हिन्दी", "भाषा"]


def test_script_change_inside_a_word_splits_it() -> None:
    assert tokens(normalize("AI导入")) == ["ai", "导入"]


def test_units_report_kind_and_end() -> None:
    assert list(units("ab 离线. x")) == [
        ("word", "ab", 2),
        ("dense", "离线", 5),
        ("hard", ".", 6),
        ("word", "x", 8),
    ]


def test_bigrams_of_a_short_run() -> None:
    assert bigrams("権") == ["権"]
    assert bigrams("権利") == ["権利"]
