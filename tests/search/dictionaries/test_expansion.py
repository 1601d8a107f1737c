"""A query's words in the other languages: which language they are read in, runs of words,
the best senses only, and English as a pivot."""

from __future__ import annotations

from pathlib import Path

from app.search.dictionaries.expansion import Translation, source_languages, translate

from .fixtures import union_lexicon


def test_words_are_read_in_the_guessed_language(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    assert source_languages(["right"], ["en"], lexicon) == ("en",)


def test_keywords_are_read_where_the_dictionaries_know_most_of_them(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    assert source_languages(["descanso", "vigilancia"], [], lexicon) == ("es",)
    assert source_languages(["zzz"], [], lexicon) == ()


def test_each_word_brings_at_most_two_senses(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    [right] = translate(["right"], ["en"], lexicon)
    french = [t.text for t in right if t.language == "fr"]
    assert french == ["droit", "vrai"]


def test_a_run_of_words_is_translated_whole_for_each_of_its_words(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    huella, dactilar = translate(["huella", "dactilar"], ["es"], lexicon)
    assert Translation("en", "fingerprint") in huella
    assert huella == dactilar


def test_english_is_the_pivot_where_no_dictionary_joins_two_languages(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    # spa-eng: huella dactilar -> fingerprint; eng-fra: fingerprint -> empreinte digitale.
    [huella, _] = translate(["huella", "dactilar"], ["es"], lexicon)
    assert Translation("fr", "empreinte digitale") in huella


def test_japanese_is_translated_too(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    [right] = translate(["権利"], ["ja"], lexicon)
    assert Translation("en", "right") in right
    assert Translation("fr", "droit") in right
