"""The lexicon build: best senses first, forms of a word joined, built once per set of
dictionaries, never half-written."""

from __future__ import annotations

from pathlib import Path

from app.search.dictionaries.build import build_lexicon
from app.search.dictionaries.keys import lookup_key

from .fixtures import union_dictionaries, union_lexicon, write_dictionary


def test_a_sense_both_directions_agree_on_ranks_first(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    # eng-fra gives droit, vrai, exact; fra-eng gives droit -> right back.
    assert lexicon.translations("en", "right")["fr"][0] == "droit"


def test_a_phrase_does_not_stand_for_its_one_content_word(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    assert "a droite" not in lexicon.translations("en", "right")["fr"]


def test_the_other_direction_alone_adds_translations(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    # Only fra-eng knows déconnexion; English "disconnection" now leads to it.
    assert lexicon.translations("en", lookup_key("en", "disconnection"))["fr"] == ("deconnexion",)


def test_keys_are_stems_so_forms_of_a_word_meet(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    assert lexicon.translations("en", lookup_key("en", "breaks"))["fr"][0] == "pause"
    assert lookup_key("fr", "Droit à la déconnexion") == "droit deconnexion"


def test_multi_word_headwords_are_kept(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    assert lexicon.translations("es", lookup_key("es", "huella dactilar"))["en"] == ("fingerprint",)


def test_the_lexicon_records_its_dictionaries_and_licences(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    licences = {info.name: info.licence for info in lexicon.dictionaries()}
    assert licences == {
        "eng-fra": "GPL-2.0-or-later",
        "fra-eng": "GPL-2.0-or-later",
        "jpn-eng": "CC-BY-SA-3.0",
        "spa-eng": "CC-BY-SA-3.0",
    }
    assert lexicon.languages == {"en", "fr", "es", "ja"}


def test_the_same_dictionaries_are_not_built_twice(tmp_path: Path) -> None:
    dictionaries = union_dictionaries(tmp_path / "dictd")
    path = tmp_path / "lexicon.sqlite3"
    assert build_lexicon(path, dictionaries).rebuilt
    assert not build_lexicon(path, dictionaries).rebuilt
    write_dictionary(dictionaries, "eng-spa", {"break": "descanso"})
    again = build_lexicon(path, dictionaries)
    assert again.rebuilt
    assert again.dictionaries == 5


def test_no_temporary_file_is_left_behind(tmp_path: Path) -> None:
    dictionaries = union_dictionaries(tmp_path / "dictd")
    build_lexicon(tmp_path / "lexicon.sqlite3", dictionaries)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dictd", "lexicon.sqlite3"]
