"""A mistyped word brings the translations of the known word one edit away."""

from __future__ import annotations

from pathlib import Path

from app.search.dictionaries.expansion import Translation, translate
from app.search.dictionaries.spelling import corrections

from .fixtures import union_lexicon


def test_a_word_one_edit_from_a_known_word_is_read_as_it(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    assert corrections(lexicon, "en", "survelilance") == ("surveillance",)  # two letters swapped
    assert corrections(lexicon, "en", "survillance") == ("surveillance",)  # one left out
    assert corrections(lexicon, "fr", "deconnnexion") == ("deconnexion",)  # one added
    assert corrections(lexicon, "es", "descamso") == ("descanso",)  # one changed


def test_short_unknown_and_far_words_are_not_corrected(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    assert corrections(lexicon, "en", "brek") == ()  # under five letters
    assert corrections(lexicon, "en", "survxillxnce") == ()  # two edits away
    assert corrections(lexicon, "en", "surveillance") == ()  # its own forms are not typos


def test_a_mistyped_word_is_translated_as_the_word_it_stands_for(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    [word] = translate(["survelilance"], ["en"], lexicon)
    assert Translation("fr", "controle") in word
    assert translate(["survxillxnce"], ["en"], lexicon) == [[]]
