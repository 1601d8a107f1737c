"""Compound words split into known words: linking elements, the fewest parts, and the words
that are never split."""

from __future__ import annotations

from pathlib import Path

from app.search.dictionaries.compounds import split_compound
from app.search.dictionaries.expansion import Translation, source_languages, translate
from app.search.dictionaries.lexicon import Lexicon

from .fixtures import union_lexicon, write_dictionary

GERMAN = frozenset({"tastatur", "eingaben", "bild", "schirm", "bildschirm", "arbeit", "rat"})
DUTCH = frozenset({"persoon", "gegevens", "thuis", "werk", "vergoeding"})
SWEDISH = frozenset({"overvakning", "system"})


def test_a_compound_splits_into_the_words_it_is_made_of() -> None:
    assert split_compound("de", "tastatureingaben", GERMAN.__contains__) == (
        "tastatur",
        "eingaben",
    )
    assert split_compound("nl", "thuiswerkvergoeding", DUTCH.__contains__) == (
        "thuis",
        "werk",
        "vergoeding",
    )


def test_a_linking_element_is_left_out_of_the_parts_before_the_last() -> None:
    assert split_compound("nl", "persoonsgegevens", DUTCH.__contains__) == ("persoon", "gegevens")
    assert split_compound("sv", "overvakningssystem", SWEDISH.__contains__) == (
        "overvakning",
        "system",
    )


def test_the_fewest_parts_win() -> None:
    # bild + schirm + arbeit is a split too; bildschirm is one known word.
    assert split_compound("de", "bildschirmarbeit", GERMAN.__contains__) == (
        "bildschirm",
        "arbeit",
    )


def test_what_is_not_split() -> None:
    known = GERMAN.__contains__
    assert split_compound("de", "tastatur", known) == ()  # a known word
    assert split_compound("de", "tastaturzzzz", known) == ()  # a part nobody knows
    assert split_compound("de", "ratrat", known) == ()  # too short to be a compound
    assert split_compound("en", "bildschirmarbeit", known) == ()  # English writes spaces
    assert split_compound("fr", "persoonsgegevens", DUTCH.__contains__) == ()


def _german_lexicon(tmp_path: Path) -> Lexicon:
    """The union lexicon with a German dictionary beside (no compound in it)."""
    (tmp_path / "dictd").mkdir()
    entries = {"Tastatur": "keyboard", "Eingabe": "input", "Kamera": "camera"}
    write_dictionary(tmp_path / "dictd", "deu-eng", entries)
    return union_lexicon(tmp_path)


def test_an_unknown_compound_is_translated_through_its_parts(tmp_path: Path) -> None:
    lexicon = _german_lexicon(tmp_path)
    [word] = translate(["tastatureingaben"], ["de"], lexicon)
    assert Translation("en", "keyboard") in word
    assert Translation("en", "input") in word


def test_a_query_of_compounds_is_read_in_the_language_they_split_in(tmp_path: Path) -> None:
    lexicon = _german_lexicon(tmp_path)
    assert source_languages(["tastatureingaben"], [], lexicon) == ("de",)
    assert translate(["zzzkamerazzz"], ["de"], lexicon) == [[]]
