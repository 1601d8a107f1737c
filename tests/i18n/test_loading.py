"""Catalogs at run time: compiled or compiled in memory, and the taxonomy worded from them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from app.i18n.catalogs import TAXONOMY, compiled, load_catalog, po_path
from app.settings import PROJECT_ROOT
from app.taxonomy.loader import TaxonomyError, load_taxonomy

TAXONOMY_DIR = PROJECT_ROOT / "seed" / "taxonomy"
TELEWORK = "Work-life balance, telework and platform workers' rights"


def _catalog(wording: dict[str, str], locale: str = "fr") -> Catalog:
    catalog = Catalog(locale=locale, domain=TAXONOMY, fuzzy=False)
    for msgid, msgstr in wording.items():
        catalog.add(msgid, msgstr)
    return catalog


def _write_po(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)


def _write_mo(path: Path, catalog: Catalog) -> None:
    with path.open("wb") as handle:
        write_mo(handle, catalog)


def test_po_without_mo_is_compiled_in_memory_and_nothing_is_written(tmp_path: Path) -> None:
    po = po_path("fr", TAXONOMY, tmp_path)
    _write_po(po, _catalog({"Europe": "Europe (fr)"}))
    assert compiled(po, TAXONOMY).gettext("Europe") == "Europe (fr)"
    assert not po.with_suffix(".mo").exists()


def test_mo_older_than_its_po_is_not_used(tmp_path: Path) -> None:
    po = po_path("fr", TAXONOMY, tmp_path)
    _write_po(po, _catalog({"Europe": "new wording"}))
    _write_mo(po.with_suffix(".mo"), _catalog({"Europe": "old wording"}))
    os.utime(po.with_suffix(".mo"), (1, 1))
    assert compiled(po, TAXONOMY).gettext("Europe") == "new wording"


def test_mo_as_new_as_its_po_is_used(tmp_path: Path) -> None:
    po = po_path("fr", TAXONOMY, tmp_path)
    _write_po(po, _catalog({"Europe": "from the po"}))
    _write_mo(po.with_suffix(".mo"), _catalog({"Europe": "from the mo"}))
    os.utime(po, (1, 1))
    assert compiled(po, TAXONOMY).gettext("Europe") == "from the mo"


def test_english_and_unknown_languages_translate_nothing(tmp_path: Path) -> None:
    assert load_catalog("messages", "en").gettext("Conflict") == "Conflict"
    assert load_catalog("messages", "xx", tmp_path).gettext("Conflict") == "Conflict"
    assert load_catalog("messages", "fr").gettext("Conflict") == "Conflit"


def test_taxonomy_labels_and_descriptions_come_from_the_catalogs(tmp_path: Path) -> None:
    _write_po(po_path("fr", TAXONOMY, tmp_path), _catalog({TELEWORK: "Télétravail (essai)"}))
    taxonomy = load_taxonomy(TAXONOMY_DIR, tmp_path)
    assert taxonomy.label("4", "fr") == "Télétravail (essai)"
    # Not in this catalog: English, the source language.
    assert taxonomy.label("5", "fr") == "Workers' data rights and protection"
    assert taxonomy.description("4", "fr") == taxonomy.description("4")


def test_a_translation_that_reads_like_the_english_still_counts(tmp_path: Path) -> None:
    _write_po(po_path("fr", TAXONOMY, tmp_path), _catalog({"Europe": "Europe"}))
    taxonomy = load_taxonomy(TAXONOMY_DIR, tmp_path)
    assert taxonomy.localized["fr"]["europe"].label == "Europe"
    assert taxonomy.localized["fr"]["asia-pacific"].label is None


def test_keywords_still_come_from_each_languages_own_list(tmp_path: Path) -> None:
    taxonomy = load_taxonomy(TAXONOMY_DIR, tmp_path)
    assert "droit à la déconnexion" in taxonomy.keywords("4.3", "fr")
    assert taxonomy.label("4.3", "fr") == taxonomy.label("4.3")
    assert "fr" in taxonomy.languages


def test_committed_catalogs_word_regions_in_every_language() -> None:
    taxonomy = load_taxonomy(TAXONOMY_DIR)
    assert taxonomy.label("asia-pacific", "fr") == "Asie et Pacifique"
    assert taxonomy.label("interamerica", "zh-Hans") == "美洲"
    assert taxonomy.label("europe", "tl") == "Europa"


def test_a_broken_catalog_stops_loading_with_its_path(tmp_path: Path) -> None:
    po = po_path("fr", TAXONOMY, tmp_path)
    po.parent.mkdir(parents=True)
    po.write_text('msgid "Europe"\nmsgstr "Europe"\nnot a po line\n', encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"taxonomy\.po"):
        load_taxonomy(TAXONOMY_DIR, tmp_path)


def test_no_labels_folder_is_left_in_the_taxonomy() -> None:
    assert not (TAXONOMY_DIR / "labels").exists()
    assert (TAXONOMY_DIR / "keywords" / "zh-Hans.yaml").is_file()
