"""Snippets: cropping around the best match and marking what matched."""

from __future__ import annotations

from app.search.builtin.snippets import snippet
from app.search.contract import MARK_END, MARK_START

WORDS = " ".join(f"w{n}" for n in range(100)) + "."


def shown(text: str) -> str:
    return text.replace(MARK_START, "[").replace(MARK_END, "]")


def test_a_short_text_is_shown_whole() -> None:
    assert snippet("Staff may retrain.") == "Staff may retrain."


def test_without_a_match_the_opening_thirty_words_are_shown() -> None:
    assert snippet(WORDS) == " ".join(f"w{n}" for n in range(30)) + "…"


def test_the_window_is_centred_on_the_matches() -> None:
    text = shown(snippet(WORDS, [(50, 50, 0), (52, 52, 1)], 101))
    assert text.startswith("…w37 ")
    assert "[w50] w51 [w52]" in text
    assert text.endswith(" w66…")


def test_the_window_prefers_more_distinct_terms() -> None:
    marks = [(5, 5, 0), (6, 6, 0), (7, 7, 0), (80, 80, 0), (82, 82, 1)]
    text = shown(snippet(WORDS, marks, 101))
    assert "[w80] w81 [w82]" in text
    assert "[w5]" not in text


def test_a_match_at_the_end_keeps_the_final_full_stop() -> None:
    text = shown(snippet(WORDS, [(99, 99, 0)], 101))
    assert text.endswith("[w99].")
    assert text.startswith("…")


def test_marks_are_dropped_when_the_text_splits_otherwise() -> None:
    assert MARK_START not in snippet("one two three", [(1, 1, 0)], 7)


def test_a_phrase_is_marked_as_one_stretch() -> None:
    assert shown(snippet("staff get paid retraining now", [(2, 3, 0)], 5)) == (
        "staff get [paid retraining] now"
    )


def test_stored_letters_and_case_are_kept() -> None:
    assert shown(snippet("Die Schließung ist Verboten.", [(1, 1, 0)], 5)) == (
        "Die [Schließung] ist Verboten."
    )


def test_unspaced_text_marks_the_matched_characters() -> None:
    text = "労働者は勤務時間外につながらない権利を有する。"
    expected = "労働者は勤務時間外に[つながらない権利]を有する。"
    assert shown(snippet(text, [(10, 16, 0)], 22)) == expected  # bigrams 10-16: つな..権利


def test_unspaced_text_is_cropped_by_characters() -> None:
    text = "権" * 200
    cropped = snippet(text)
    assert cropped.endswith("…")
    assert 50 <= len(cropped) <= 70


def test_empty_text_gives_an_empty_snippet() -> None:
    assert snippet("") == ""
    assert snippet("", [(0, 0, 0)], 0) == ""
