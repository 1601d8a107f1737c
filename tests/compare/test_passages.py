"""Passages and keyword marks: words met as the index meets them, phrases as runs."""

from __future__ import annotations

from app.compare.passages import LONG_PASSAGE, KeywordMarker, passages


def _marked(text: str, marker: KeywordMarker) -> list[str]:
    return [p.text[a:b] for p in passages(text, marker) for a, b in p.marks]


def test_a_keyword_matches_other_forms_of_its_words_and_case() -> None:
    marker = KeywordMarker.of("en", ["disconnection", "right to disconnect"])
    text = "Disconnecting is allowed.\nThe Right to Disconnect applies; disconnections too."
    assert _marked(text, marker) == ["Disconnecting", "Right to Disconnect", "disconnections"]


def test_a_phrase_matches_only_its_words_in_a_run() -> None:
    marker = KeywordMarker.of("en", ["right to disconnect"])
    assert _marked("A right, to be sure, to disconnect.", marker) == []
    assert _marked("The right to disconnect.", marker) == ["right to disconnect"]


def test_accents_are_folded_and_the_language_stems() -> None:
    marker = KeywordMarker.of("fr", ["déconnexion", "surveillance"])
    assert _marked("Droit à la DECONNEXION ; nul n'est surveillé.", marker) == [
        "DECONNEXION",
        "surveillé",
    ]


def test_words_of_scripts_without_spaces_are_found_as_written() -> None:
    marker = KeywordMarker.of("ja", ["つながらない権利"])
    assert _marked("職員はつながらない権利を有する。", marker) == ["つながらない権利"]


def test_overlapping_keywords_make_one_mark() -> None:
    marker = KeywordMarker.of("en", ["after-hours messages", "messages"])
    [passage] = passages("No after-hours messages.", marker)
    assert [passage.text[a:b] for a, b in passage.marks] == ["after-hours messages"]


def test_lines_are_passages_and_long_lines_are_cut_at_sentences() -> None:
    marker = KeywordMarker.of("en", ["overtime"])
    long_line = ("Overtime is paid. " + "Word " * (LONG_PASSAGE // 5)).strip() + "."
    found = passages(f"1. First.\n\n2. Second.\n{long_line}", marker)
    assert [p.text for p in found[:2]] == ["1. First.", "2. Second."]
    assert found[2].text == "Overtime is paid."
    assert found[2].mentions
    assert not any(p.mentions for p in found[3:])
    assert len(found) == 4


def test_a_text_without_keywords_has_no_marks() -> None:
    assert not any(p.mentions for p in passages("Pay rises by 3%.", KeywordMarker.of("en", [])))
