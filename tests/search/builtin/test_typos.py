"""Typo tolerance: which indexed words a query word stands for, with how many typos."""

from __future__ import annotations

import pytest

from app.search.builtin.lexicon import Lexicon, Vocabulary, sorted_vocabulary
from app.search.builtin.typos import MAX_ONE_TYPO, derive, typo_budget

WORDS = [
    "surveillance",
    "surveiller",
    "survey",
    "keystroke",
    "keystrokes",
    "retraining",
    "data",
    "date",
    "email",
    "murmur",
    "turveillance",
]


def lexicon_of(words: list[str]) -> Lexicon:
    provisional = Vocabulary()
    for word in words:
        provisional[word]  # the look-up assigns the word a character
    vocabulary, ordered, _ = sorted_vocabulary(provisional)
    return Lexicon(vocabulary, ordered)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return lexicon_of(WORDS)


def misses(lexicon: Lexicon, word: str, is_prefix: bool = False) -> dict[str, int]:
    derivation = derive(lexicon, word, is_prefix)
    chars = {lexicon.char(token): token for token in derivation.typo_tokens}
    return {chars[char]: typos for char, typos in derivation.typo_chars}


@pytest.mark.parametrize(("length", "budget"), [(1, 0), (4, 0), (5, 1), (8, 1), (9, 2), (20, 2)])
def test_typo_budget_grows_with_word_length(length: int, budget: int) -> None:
    assert typo_budget("x" * length) == budget


def test_a_missing_letter_is_one_typo(lexicon: Lexicon) -> None:
    assert misses(lexicon, "surveilance") == {"surveillance": 1}


def test_two_swapped_letters_are_one_typo(lexicon: Lexicon) -> None:
    assert misses(lexicon, "emial") == {"email": 1}


def test_a_four_letter_word_gets_no_typo(lexicon: Lexicon) -> None:
    assert misses(lexicon, "dara") == {}


def test_an_eight_letter_word_gets_only_one_typo(lexicon: Lexicon) -> None:
    assert misses(lexicon, "kaystrok") == {}


def test_a_nine_letter_word_gets_two_typos(lexicon: Lexicon) -> None:
    assert misses(lexicon, "retranine")["retraining"] == 2


def test_first_letter_typo_is_refused_below_nine_letters(lexicon: Lexicon) -> None:
    assert misses(lexicon, "nurmur") == {}


def test_first_letter_typo_counts_two_from_nine_letters(lexicon: Lexicon) -> None:
    assert misses(lexicon, "purveillance") == {"surveillance": 2, "turveillance": 2}


def test_the_word_itself_is_exact_not_a_typo(lexicon: Lexicon) -> None:
    derivation = derive(lexicon, "keystroke", False)
    assert derivation.exact == lexicon.char("keystroke")
    assert "keystroke" not in derivation.typo_tokens


def test_a_prefix_covers_every_continuation(lexicon: Lexicon) -> None:
    derivation = derive(lexicon, "surv", True)
    lo, hi = derivation.prefix_codes
    covered = {token for token in WORDS if lo <= ord(lexicon.char(token) or "\0") < hi}
    assert covered == {"surveillance", "surveiller", "survey"}


def test_a_prefix_may_carry_a_typo(lexicon: Lexicon) -> None:
    assert misses(lexicon, "keystor", True) == {"keystroke": 1, "keystrokes": 1}


def test_a_prefix_of_nine_letters_may_carry_two_typos(lexicon: Lexicon) -> None:
    assert misses(lexicon, "survelanc", True)["surveillance"] == 2


def test_continuations_of_the_prefix_are_not_counted_as_typos(lexicon: Lexicon) -> None:
    assert "keystrokes" not in derive(lexicon, "keystroke", True).typo_tokens


def test_words_added_after_the_build_are_found(lexicon: Lexicon) -> None:
    late = lexicon_of(["alpha"])
    late.vocabulary["telework"]  # assigns the next free character
    late.sync()
    assert misses(late, "telewrok") == {"telework": 1}
    assert derive(late, "telew", True).prefix_chars == (late.char("telework"),)


def test_one_typo_words_are_capped_as_in_meilisearch() -> None:
    many = lexicon_of([f"abcde{chr(0x100 + i)}" for i in range(300)])
    derivation = derive(many, "abcdex", False)
    assert len(derivation.typo_chars) == MAX_ONE_TYPO
