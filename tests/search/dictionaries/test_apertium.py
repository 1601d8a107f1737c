"""Apertium's lexical half: which pairs are installed, the pipeline read from a mode, the
lemmas read from its stream, the pivot between pairs, and (where Debian's pairs are installed)
the real thing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.search.dictionaries import apertium, machine
from app.search.dictionaries.apertium import ApertiumError, Pair, lexical_steps, read_units
from app.search.dictionaries.build import build_lexicon
from app.search.dictionaries.expansion import Translation, translate
from app.search.dictionaries.keys import lookup_key
from app.search.dictionaries.lexicon import Lexicon

from .fixtures import union_dictionaries, write_dictionary

NEW_STYLE = (
    "lt-proc '/d/apertium-eng-spa/eng-spa.automorf.bin' | apertium-tagger -g $2 "
    "'/d/apertium-eng-spa/eng-spa.prob' | apertium-pretransfer | lt-proc -b "
    "'/d/apertium-eng-spa/eng-spa.autobil.bin' | "
    "lrx-proc -m '/d/apertium-eng-spa/eng-spa.autolex.bin'"
    " | apertium-transfer -b '/d/x.t1x' '/d/x.t1x.bin' | lt-proc $1 '/d/eng-spa.autogen.bin'"
)
OLD_STYLE = (
    "lt-proc '/d/apertium-es-pt/es-pt.automorf.bin' | apertium-tagger -g $2 '/d/es-pt.prob' | "
    "apertium-pretransfer | apertium-transfer '/d/es-pt.t1x' '/d/es-pt.t1x.bin' "
    "'/d/apertium-es-pt/es-pt.autobil.bin' | lt-proc $1 '/d/es-pt.autogen.bin'"
)


def test_the_pipeline_stops_at_lexical_selection() -> None:
    assert lexical_steps(NEW_STYLE) == [
        ["apertium-destxt"],
        ["lt-proc", "/d/apertium-eng-spa/eng-spa.automorf.bin"],
        ["apertium-tagger", "-g", "/d/apertium-eng-spa/eng-spa.prob"],
        ["apertium-pretransfer"],
        ["lt-proc", "-b", "/d/apertium-eng-spa/eng-spa.autobil.bin"],
        ["lrx-proc", "-m", "/d/apertium-eng-spa/eng-spa.autolex.bin"],
    ]


def test_a_bilingual_dictionary_inside_the_transfer_step_is_looked_up_on_its_own() -> None:
    steps = lexical_steps(OLD_STYLE)
    assert steps[-1] == ["lt-proc", "-b", "/d/apertium-es-pt/es-pt.autobil.bin"]
    assert ["apertium-pretransfer"] in steps
    assert not any(step[0] == "apertium-transfer" for step in steps)


def test_a_mode_without_a_bilingual_dictionary_is_refused() -> None:
    with pytest.raises(ApertiumError):
        lexical_steps("lt-proc '/d/a.bin' | apertium-pretransfer")


def test_each_one_word_sentence_gives_its_lemmas_best_first() -> None:
    stream = (
        "^vigilar<vblex><inf>/watch<vblex><inf>/watch# over<vblex><inf>$ ^.<sent>/.<sent>$[\n]"
        "^*zork/*zork$ ^.<sent>/.<sent>$[\n]"
        "^derecho<n><m><sg>/right<n><sg>$ ^a<pr>/to<pr>$ ^.<sent>/.<sent>$[\n]"
        "^cámara<n><f><pl>/@cámara<n><f><pl>/camera<n><pl>$ ^.<sent>/.<sent>$[\n]"
    )
    assert read_units(stream, 4) == [["watch", "watch over"], [], [], ["camera"]]


def test_only_pairs_between_our_languages_are_installed(tmp_path: Path) -> None:
    for name in ("eng-spa", "spa-eng_US", "eco-es-fr", "fr-es", "eng-xyz", "oc-es"):
        (tmp_path / f"{name}.mode").write_text(NEW_STYLE, encoding="utf-8")
    assert [(p.source, p.target) for p in apertium.installed(tmp_path)] == [
        ("en", "es"),
        ("fr", "es"),
    ]
    assert apertium.installed(tmp_path / "none") == []


def test_the_licence_is_read_from_the_package(tmp_path: Path) -> None:
    mode = tmp_path / "eng-spa.mode"
    mode.write_text(NEW_STYLE, encoding="utf-8")
    (tmp_path / "doc" / "apertium-eng-spa").mkdir(parents=True)
    (tmp_path / "doc" / "apertium-eng-spa" / "copyright").write_text(
        "Files: *\nCopyright: us\nLicense: GPL-2+\n", encoding="utf-8"
    )
    pair = Pair("en", "es", mode)
    assert apertium.licence(pair, tmp_path / "doc") == (
        "GPL-2.0-or-later",
        "apertium-eng-spa: GPL-2+",
    )
    assert apertium.licence(pair, tmp_path / "elsewhere") == ("", "")


def test_directions_no_pair_runs_go_through_a_language_both_reach(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    said = {
        ("en", "es"): {"surveillance": ["vigilancia"], "camera": ["cámara"]},
        ("es", "fr"): {"vigilancia": ["surveillance", "veille"]},
    }
    asked: list[tuple[str, str, list[str]]] = []

    def translate_words(pair: Pair, words: list[str]) -> dict[str, list[str]]:
        asked.append((pair.source, pair.target, words))
        table = said[(pair.source, pair.target)]
        return {word: table[word] for word in words if word in table}

    monkeypatch.setattr(machine, "translate_words", translate_words)
    pairs = [Pair("en", "es", tmp_path / "eng-spa.mode"), Pair("es", "fr", tmp_path / "es-fr.mode")]
    found, counts = machine.machine_lemmas(pairs, {"en": ["surveillance", "camera"], "es": []})
    assert found[("en", "fr")] == {"surveillance": ["surveillance", "veille"]}
    assert found[("en", "es")]["camera"] == ["cámara"]
    # The Spanish lemmas the English words led to were asked of es-fr in a second round.
    assert ("es", "fr", ["cámara", "vigilancia"]) in asked
    assert counts["apertium-eng-spa"] == 2


def test_a_failing_pair_is_left_out_and_the_rest_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def translate_words(pair: Pair, words: list[str]) -> dict[str, list[str]]:
        if pair.source == "es":
            raise ApertiumError("cg-proc: not found")
        return {"surveillance": ["vigilancia"]}

    monkeypatch.setattr(machine, "translate_words", translate_words)
    pairs = [
        Pair("en", "es", tmp_path / "eng-spa.mode"),
        Pair("es", "en", tmp_path / "spa-eng.mode"),
    ]
    found, _ = machine.machine_lemmas(pairs, {"en": ["surveillance"], "es": ["vigilancia"]})
    assert found[("en", "es")] == {"surveillance": ["vigilancia"]}
    assert found[("es", "en")] == {}


def test_apertium_lemmas_come_after_the_dictionaries_senses(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.sqlite3"
    build_lexicon(path, union_dictionaries(tmp_path / "dictd"))
    assert Lexicon(path).machine("en", "right") == {}  # built without Apertium
    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "INSERT INTO machine VALUES (?, ?, ?, ?, ?)",
            [("en", "right", "fr", 0, "droit"), ("en", "right", "fr", 1, "titre"),
             ("en", "right", "fr", 2, "faculte"), ("en", "right", "es", 0, "derecho")],
        )  # fmt: skip
    db.close()
    [right] = translate(["right"], ["en"], Lexicon(path))
    assert [t.text for t in right if t.language == "fr"] == ["droit", "vrai", "titre"]
    assert Translation("es", "derecho") in right


def test_a_lexicon_of_the_first_format_has_no_apertium_lemmas(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.sqlite3"
    build_lexicon(path, union_dictionaries(tmp_path / "dictd"))
    db = sqlite3.connect(path)
    with db:
        db.execute("DROP TABLE machine")
    db.close()
    assert Lexicon(path).machine("en", "right") == {}
    assert Lexicon(path).translations("en", "right")["fr"][0] == "droit"


INSTALLED = {(p.source, p.target) for p in apertium.installed()}
needs_pairs = pytest.mark.skipif(
    not {("en", "es"), ("es", "fr")} <= INSTALLED,
    reason="Apertium's eng-spa and fr-es pairs are not installed (make lexicon installs them)",
)


@needs_pairs
def test_debians_pairs_give_lemmas() -> None:
    [english] = [p for p in apertium.installed() if (p.source, p.target) == ("en", "es")]
    found = apertium.translate_words(english, ["surveillance", "cameras", "disconnection", "zork"])
    assert found["surveillance"][0] == "vigilancia"
    assert found["cameras"][0] == "cámara"  # the analyser reads the plural
    assert "zork" not in found


@needs_pairs
def test_the_lexicon_keeps_apertiums_lemmas_by_key(tmp_path: Path) -> None:
    dictd = union_dictionaries(tmp_path / "dictd")
    write_dictionary(dictd, "eng-spa", {"surveillance": "vigilancia", "worker": "obrero"})
    path = tmp_path / "lexicon.sqlite3"
    build_lexicon(path, dictd, modes=apertium.MODES_DIR)
    lexicon = Lexicon(path)
    assert lexicon.machine("en", lookup_key("en", "surveillance"))["es"][0] == "vigilancia"
    # English -> Spanish -> French: no pair joins English and French.
    assert lexicon.machine("en", lookup_key("en", "workers"))["fr"] == ("travailleur",)
    # A lemma that is the word itself adds nothing: "surveillance" is French too.
    assert "fr" not in lexicon.machine("en", lookup_key("en", "surveillance"))
    names = {info.name: info.licence for info in lexicon.dictionaries()}
    assert names["apertium-eng-spa"].startswith("GPL-2.0")
    assert not build_lexicon(path, dictd, modes=apertium.MODES_DIR).rebuilt
