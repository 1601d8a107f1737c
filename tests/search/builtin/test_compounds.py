"""A word found as a part of a German, Dutch or Swedish compound, as searched and as translated."""

from __future__ import annotations

from pathlib import Path

from app.search.builtin import BuiltinSearchBackend
from app.search.contract import SearchQuery

from ..corpus import make_document
from ..dictionaries.fixtures import union_lexicon, write_dictionary

CAMERAS = make_document(
    id="kameras-de",
    language="de",
    title_de="Videoüberwachung",
    text_de="Videokameras zeigen keine Arbeitsplätze. Das Überwachungssystem bleibt im Lager.",
)
SEPARATE = make_document(
    id="getrennt-de",
    language="de",
    title_de="Getrennte Räume",
    text_de="Ein separater Raum steht zur Verfügung.",
)
PERSONAL_DATA = make_document(
    id="gegevens-nl",
    language="nl",
    title_nl="Inzage",
    text_nl="Iedere medewerker mag zijn persoonsgegevens inzien.",
)


def _ids(backend: BuiltinSearchBackend, q: str) -> list[str]:
    return [str(hit.document["id"]) for hit in backend.search(SearchQuery(q=q, limit=20)).hits]


def test_a_word_finds_the_compounds_it_ends_or_begins() -> None:
    backend = BuiltinSearchBackend()
    backend.rebuild([CAMERAS, SEPARATE, PERSONAL_DATA])
    assert _ids(backend, "Kamera") == ["kameras-de"]  # Video|kameras, its last part inflected
    assert _ids(backend, "Überwachung") == ["kameras-de"]  # Video|überwachung
    assert _ids(backend, "gegevens") == ["gegevens-nl"]  # persoons|gegevens


def test_a_short_word_is_not_looked_for_inside_others() -> None:
    council = make_document(id="rat-de", language="de", title_de="Rat", text_de="Der Rat tagt.")
    backend = BuiltinSearchBackend()
    backend.rebuild([CAMERAS, SEPARATE, council])
    assert _ids(backend, "Rat ") == ["rat-de"]  # never the end of "sepa|rat|er"


def test_a_word_itself_ranks_before_a_compound_holding_it() -> None:
    alone = make_document(id="kamera-de", language="de", title_de="Geräte", text_de="Eine Kamera.")
    backend = BuiltinSearchBackend()
    backend.rebuild([CAMERAS, alone])
    assert _ids(backend, "Kamera") == ["kamera-de", "kameras-de"]


def test_a_translation_finds_a_compound_of_the_other_language(tmp_path: Path) -> None:
    (tmp_path / "dictd").mkdir()
    write_dictionary(tmp_path / "dictd", "eng-deu", {"camera": "Kamera"})
    backend = BuiltinSearchBackend(union_lexicon(tmp_path))
    backend.rebuild([CAMERAS, SEPARATE])
    assert _ids(backend, "camera") == ["kameras-de"]
