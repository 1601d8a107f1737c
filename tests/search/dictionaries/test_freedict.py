"""Reading FreeDict's dictd files: senses, not examples, notes or glosses; licences."""

from __future__ import annotations

from pathlib import Path

from app.search.dictionaries.freedict import alternatives, entries, installed, licence, senses

from .fixtures import CC, union_dictionaries, write_dictionary


def test_numbered_senses_are_taken_one_line_each() -> None:
    body = "right /rait/ <adj>\n1. 正しい\nof an angle, a gloss\n2. 右\non the right side\n"
    assert senses(body) == ["正しい", "右"]


def test_an_unnumbered_entry_gives_its_first_line_only() -> None:
    body = "abondance /a/ <n>\nabundancia, afluencia\nGrande quantité\n"
    assert senses(body) == ["abundancia, afluencia"]


def test_examples_notes_synonyms_and_references_are_skipped() -> None:
    body = (
        "Pause /p/ <fem, n, sg>\n [sport] time-out <n>\n"
        '      "eine Pause machen"  - take a time-out\n   Synonyms: {Auszeit}\n see: {Pausen}\n'
    )
    assert senses(body) == ["time-out <n>"]


def test_a_part_of_speech_line_is_not_a_sense() -> None:
    body = "当たる /a/\n1. (Godan verb)\n (intransitive verb)\n{外す・4}être frappé, réussir\n"
    assert senses(body) == ["être frappé, réussir"]


def test_alternatives_drop_tags_and_definitions() -> None:
    assert alternatives("break <n>, pause <n> [Br.]") == ["break", "pause"]
    assert alternatives("a long explanation of what the word means here") == []


def test_only_dictionaries_between_our_languages_are_installed(tmp_path: Path) -> None:
    union_dictionaries(tmp_path)
    names = [d.name for d in installed(tmp_path)]
    assert names == ["eng-fra", "fra-eng", "jpn-eng", "spa-eng"]
    first = installed(tmp_path)[0]
    assert (first.source, first.target) == ("en", "fr")


def test_entries_merge_a_headword_in_order(tmp_path: Path) -> None:
    union_dictionaries(tmp_path)
    english_french = dict(entries(installed(tmp_path)[0]))
    assert english_french["right"] == ["droit", "vrai", "exact"]
    assert "00databaseinfo" not in english_french


def test_the_licence_is_read_from_the_dictionary_itself(tmp_path: Path) -> None:
    union_dictionaries(tmp_path)
    by_name = {d.name: d for d in installed(tmp_path)}
    assert licence(by_name["eng-fra"])[0] == "GPL-2.0-or-later"
    assert licence(by_name["spa-eng"]) == ("CC-BY-SA-3.0", CC)


def test_an_unknown_licence_has_no_identifier(tmp_path: Path) -> None:
    write_dictionary(tmp_path, "eng-ita", {"work": "lavoro"}, "Ask the author.")
    assert licence(installed(tmp_path)[0]) == ("", "Ask the author.")
