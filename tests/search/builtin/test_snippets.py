"""Snippets: cropping around the best match and marking what matched."""

from __future__ import annotations

from app.search.analysis.analyzer import BREAK, has_dense, normalize, tokens
from app.search.builtin.lexicon import Vocabulary
from app.search.builtin.snippets import Mark, opening, snippet
from app.search.contract import MARK_END, MARK_START

WORDS = " ".join(f"w{n}" for n in range(100)) + "."


def cut(text: str, marks: list[Mark]) -> str:
    """snippet() with the token string the index would hold, markers made visible."""
    vocabulary = Vocabulary()
    seq = "".join(vocabulary[token] for token in tokens(normalize(text)))
    result = snippet(text, marks, seq, vocabulary.get, has_dense(text))
    return result.replace(MARK_START, "[").replace(MARK_END, "]")


def test_a_short_text_is_shown_whole() -> None:
    assert opening("Staff may retrain.") == "Staff may retrain."


def test_without_a_match_the_opening_thirty_words_are_shown() -> None:
    assert opening(WORDS) == " ".join(f"w{n}" for n in range(30)) + "…"
    assert cut(WORDS, []) == opening(WORDS)


def test_the_window_is_centred_on_the_matches() -> None:
    text = cut(WORDS, [(50, 50, 0), (52, 52, 1)])
    assert text.startswith("…w37 ")
    assert "[w50] w51 [w52]" in text
    assert text.endswith(" w66…")


def test_the_window_prefers_more_distinct_terms() -> None:
    text = cut(WORDS, [(5, 5, 0), (6, 6, 0), (7, 7, 0), (80, 80, 0), (82, 82, 1)])
    assert "[w80] w81 [w82]" in text
    assert "[w5]" not in text


def test_a_match_at_the_end_keeps_the_final_full_stop() -> None:
    text = cut(WORDS, [(99, 99, 0)])
    assert text.endswith("[w99].")
    assert text.startswith("…")


def test_full_stops_do_not_count_as_words() -> None:
    dotted = " ".join(f"w{n}." for n in range(100))
    assert len(cut(dotted, [(100, 100, 0)]).split()) == 30


def test_a_mark_the_text_does_not_confirm_is_not_shown() -> None:
    vocabulary = Vocabulary()
    seq = vocabulary["one"] + vocabulary["other"] + vocabulary["three"]
    assert snippet("one two three", [(1, 1, 0)], seq, vocabulary.get, False) == "one two three"


def test_a_phrase_is_marked_as_one_stretch() -> None:
    assert cut("staff get paid retraining now", [(2, 3, 0)]) == "staff get [paid retraining] now"


def test_stored_letters_and_case_are_kept() -> None:
    assert cut("Die Schließung ist verboten.", [(1, 1, 0)]) == "Die [Schließung] ist verboten."


def test_unspaced_text_marks_the_matched_characters() -> None:
    text = "労働者は勤務時間外につながらない権利を有する。"
    expected = "労働者は勤務時間外に[つながらない権利]を有する。"
    assert cut(text, [(10, 16, 0)]) == expected  # bigrams 10 to 16: つな .. 権利


def test_unspaced_text_is_cropped_by_characters() -> None:
    cropped = opening("権" * 200)
    assert cropped.endswith("…")
    assert 50 <= len(cropped) <= 70


def test_empty_text_gives_an_empty_snippet() -> None:
    assert opening("") == ""
    assert snippet("", [(0, 0, 0)], BREAK, lambda _: None, False) == ""
