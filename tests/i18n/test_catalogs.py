"""The committed catalogs: templates up to date, translations complete, placeholders intact."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from app.i18n import build
from app.i18n.catalogs import (
    DOMAINS,
    LOCALES_DIR,
    MESSAGES,
    TAXONOMY,
    catalog_folder,
    po_path,
    template_path,
)

COMPLETE = ("fr", "es", "pt")
TAXONOMY_ONLY = ("de", "it", "nl", "sv", "ja", "ko", "zh-Hans", "id", "th", "tl", "hi")
PERCENT = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACES = re.compile(r"(?<!\{)\{(\w*)[^{}]*\}(?!\})")


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _placeholders(text: str) -> Counter[str]:
    return Counter(PERCENT.findall(text)) + Counter("{" + n + "}" for n in BRACES.findall(text))


def _all_catalogs() -> list[Path]:
    return sorted(LOCALES_DIR.glob("*/LC_MESSAGES/*.po"))


def _forms(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _untranslated(catalog: Catalog, template: Catalog) -> list[str]:
    missing = []
    for wanted in template:
        if not wanted.id:
            continue
        found: Message | None = catalog.get(wanted.id, wanted.context)
        if found is None or not build.is_translated(found):
            missing.append(_forms(wanted.id)[0])
    return missing


@pytest.mark.parametrize("domain", DOMAINS)
def test_committed_template_lists_exactly_the_messages_in_the_sources(domain: str) -> None:
    fresh = build.extract_template(domain)
    committed = build.read_template(template_path(domain))
    assert committed is not None, f"{template_path(domain)} is missing"
    added = build.message_keys(fresh) - build.message_keys(committed)
    gone = build.message_keys(committed) - build.message_keys(fresh)
    advice = f"{domain}.pot is stale: run `commons i18n extract`, then `commons i18n update`"
    assert not added, f"{advice}; new: {sorted(added)}"
    assert not gone, f"{advice}; no longer used: {sorted(gone)}"


@pytest.mark.parametrize("language", COMPLETE)
@pytest.mark.parametrize("domain", DOMAINS)
def test_complete_languages_translate_every_message_with_none_fuzzy(
    domain: str, language: str
) -> None:
    template = build.read_template(template_path(domain))
    assert template is not None
    catalog = _read(po_path(language, domain))
    assert _untranslated(catalog, template) == []


@pytest.mark.parametrize("language", TAXONOMY_ONLY)
def test_other_languages_translate_every_taxonomy_label(language: str) -> None:
    template = build.read_template(template_path(TAXONOMY))
    assert template is not None
    labels = Catalog()
    for message in template:
        if any(comment.endswith(": label") for comment in message.auto_comments):
            labels[message.id] = message
    assert len(labels) == 7 + 31 + 4 + 4, "themes, sub-themes, phases and regions"
    assert _untranslated(_read(po_path(language, TAXONOMY)), labels) == []


def test_taxonomy_only_languages_have_no_messages_catalog_to_fall_short() -> None:
    # Their API wording falls back to English on purpose; a half-done catalog would mix both.
    for language in TAXONOMY_ONLY:
        assert not po_path(language, MESSAGES).exists(), language


@pytest.mark.parametrize("path", _all_catalogs(), ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_placeholders_are_the_same_in_every_translation(path: Path) -> None:
    wrong = []
    for message in _read(path):
        if not message.id:
            continue
        # A plural's two msgids carry the same placeholders; every form must carry them too.
        expected = {frozenset(_placeholders(source).items()) for source in _forms(message.id)}
        assert len(expected) == 1, message.id
        for text in _forms(message.string):
            if text and frozenset(_placeholders(text).items()) not in expected:
                wrong.append((_forms(message.id)[0], text))
    assert wrong == []


@pytest.mark.parametrize("path", _all_catalogs(), ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_babel_checkers_find_nothing_wrong(path: Path) -> None:
    assert build.catalog_problems(_read(path)) == []


def test_catalog_folders_are_babel_names_of_our_tags() -> None:
    assert catalog_folder("zh-Hans") == "zh_Hans"
    assert po_path("zh-Hans", TAXONOMY).is_file()
    assert po_path("tl", TAXONOMY).parent.parent.name == "tl"
