"""The catalog workflow: taxonomy extraction, updates that keep translations, compiling."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from typer.testing import CliRunner

from app.i18n import build
from app.i18n.catalogs import po_path, template_path
from app.i18n.cli import i18n_app
from app.i18n.extract import extract_taxonomy

THEMES = b"""\
themes:
  - code: "4"
    label: "Telework"
    description: "Working away from the office."
    subthemes:
      - code: "4.3"
        label: "Right to disconnect"
        description: "No answer expected after hours."
        keywords: ["disconnection"]
"""
REGIONS = b"""\
regions:
  - code: europe
    label: "Europe"
    countries: [FR]
"""


def test_extractor_yields_every_label_and_description_with_its_code_and_line() -> None:
    found = list(extract_taxonomy(BytesIO(THEMES), (), (), {}))
    assert found == [
        (3, None, "Telework", ["theme 4: label"]),
        (4, None, "Working away from the office.", ["theme 4: description"]),
        (7, None, "Right to disconnect", ["sub-theme 4.3: label"]),
        (8, None, "No answer expected after hours.", ["sub-theme 4.3: description"]),
    ]


def test_extractor_reads_region_labels_and_ignores_keywords() -> None:
    assert list(extract_taxonomy(BytesIO(REGIONS), (), (), {})) == [
        (3, None, "Europe", ["region europe: label"])
    ]


def test_extraction_takes_the_taxonomy_files_but_not_the_keyword_lists() -> None:
    template = build.extract_template("taxonomy")
    files = {path for message in template for path, _ in message.locations}
    assert files == {
        "seed/taxonomy/themes.yaml",
        "seed/taxonomy/lifecycle.yaml",
        "seed/taxonomy/regions.yaml",
    }


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _string(catalog: Catalog, msgid: str) -> object:
    message = catalog.get(msgid)
    return None if message is None else message.string


def _template(*msgids: str) -> Catalog:
    template = Catalog(domain="messages", fuzzy=False)
    for msgid in msgids:
        template.add(msgid, locations=[("app/errors.py", 1)])
    return template


def test_update_keeps_translations_and_adds_new_messages_untranslated(tmp_path: Path) -> None:
    _write(template_path("messages", tmp_path), _template("Conflict", "Not found"))
    french = Catalog(locale="fr", domain="messages", fuzzy=False)
    french.add("Conflict", "Conflit")
    _write(po_path("fr", "messages", tmp_path), french)
    build.update_catalogs("messages", locales_dir=tmp_path)
    updated = _read(po_path("fr", "messages", tmp_path))
    assert _string(updated, "Conflict") == "Conflit"
    assert _string(updated, "Not found") == ""


def test_update_brings_back_the_translation_of_a_message_that_returns(tmp_path: Path) -> None:
    french = Catalog(locale="fr", domain="messages", fuzzy=False)
    french.obsolete["Forbidden"] = french.add("Forbidden", "Accès refusé")
    del french["Forbidden"]
    _write(po_path("fr", "messages", tmp_path), french)
    _write(template_path("messages", tmp_path), _template("Conflict", "Forbidden"))
    build.update_catalogs("messages", locales_dir=tmp_path)
    revived = _read(po_path("fr", "messages", tmp_path)).get("Forbidden")
    assert revived is not None
    assert revived.string == "Accès refusé"
    assert "fuzzy" not in revived.flags


def test_update_can_start_a_catalog_for_a_new_language(tmp_path: Path) -> None:
    _write(template_path("taxonomy", tmp_path), _template("Europe"))
    build.update_catalogs("taxonomy", ("zh-Hans",), tmp_path)
    created = _read(tmp_path / "zh_Hans" / "LC_MESSAGES" / "taxonomy.po")
    assert str(created.locale) == "zh_Hans"
    assert [m.id for m in created if m.id] == ["Europe"]


def test_compile_refuses_a_translation_that_drops_a_placeholder(tmp_path: Path) -> None:
    french = Catalog(locale="fr", domain="messages", fuzzy=False)
    french.add("unknown region '%(code)s'", "région inconnue", flags=["python-format"])
    french.add("Conflict", "Conflit")
    _write(po_path("fr", "messages", tmp_path), french)
    (result,) = build.compile_catalogs(tmp_path)
    assert result.problems
    assert not po_path("fr", "messages", tmp_path).with_suffix(".mo").exists()


def test_compile_writes_the_mo_and_counts_what_is_translated(tmp_path: Path) -> None:
    french = Catalog(locale="fr", domain="messages", fuzzy=False)
    french.add("Conflict", "Conflit")
    french.add("Not found", "Introuvable", flags=["fuzzy"])
    french.add("Forbidden", "")
    _write(po_path("fr", "messages", tmp_path), french)
    (result,) = build.compile_catalogs(tmp_path)
    assert (result.translated, result.total, result.fuzzy, result.problems) == (1, 3, 1, [])
    assert po_path("fr", "messages", tmp_path).with_suffix(".mo").stat().st_size > 0


def test_template_is_left_alone_when_only_its_date_would_change(tmp_path: Path) -> None:
    path = tmp_path / "messages.pot"
    assert build.write_template(_template("Conflict"), path)
    before = path.read_bytes()
    assert not build.write_template(_template("Conflict"), path)
    assert path.read_bytes() == before
    assert build.write_template(_template("Conflict", "Forbidden"), path)


def test_extract_check_passes_on_the_committed_templates() -> None:
    result = CliRunner().invoke(i18n_app, ["extract", "--check"])
    assert result.exit_code == 0, result.output


def test_update_refuses_a_language_cldr_does_not_know() -> None:
    result = CliRunner().invoke(i18n_app, ["update", "--add", "klingon"])
    assert result.exit_code == 2
