"""What every feed and entry holds: RFC 4287's required elements, and what a reader shows."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from app.i18n.names import country_name
from tests.feeds.conftest import ATOM, Desk, read_feed

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EVERY_KIND = (
    "/feeds/clauses.atom",
    "/feeds/clauses.atom?theme=6&country=FR",
    "/feeds/clauses.atom?q=cam%C3%A9ra",
    "/feeds/clauses.atom?q=nothing+matches+these+words",
    "/feeds/themes/6.atom",
    "/feeds/themes/6.1.atom",
    "/feeds/themes/1.atom",
    "/feeds/countries/FR.atom",
)
CAMERAS_TEXT = "Aucune caméra n'est installée sans l'avis du comité & des délégués <élus>."


@pytest.fixture
def cameras(desk: Desk) -> str:
    desk.published(title="Caméras <sous> contrôle", language="fr", country="PH")
    return desk.published(
        title="Caméras sous contrôle",
        text=CAMERAS_TEXT,
        language="fr",
        country="FR",
        themes=[],
        subthemes=["6.1"],
    )


def _one(parent: ET.Element, name: str) -> ET.Element:
    found = parent.findall(f"{ATOM}{name}")
    assert len(found) == 1, f"{len(found)} <{name}>"
    return found[0]


def _links(parent: ET.Element) -> dict[str, str]:
    return {
        link.get("rel", "alternate"): link.get("href", "") for link in parent.findall(f"{ATOM}link")
    }


@pytest.mark.parametrize("path", EVERY_KIND)
def test_every_feed_has_the_elements_rfc_4287_requires(
    client: TestClient, cameras: str, path: str
) -> None:
    _parsed, root = read_feed(client, path)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (_one(root, name).text or "").strip(), name
    links = _links(root)
    assert links["self"] == f"http://testserver{path}"
    assert links["alternate"].startswith("http://testserver/")
    entries = root.findall(f"{ATOM}entry")
    every_entry_has_author = all(e.find(f"{ATOM}author/{ATOM}name") is not None for e in entries)
    assert root.find(f"{ATOM}author/{ATOM}name") is not None or (entries and every_entry_has_author)
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            assert (_one(entry, name).text or "").strip(), name
        assert "alternate" in _links(entry)


def test_feeds_with_entries_and_without_are_read_by_a_feed_reader(
    client: TestClient, cameras: str
) -> None:
    full, _root = read_feed(client, "/feeds/countries/FR.atom")
    empty, _root = read_feed(client, "/feeds/countries/DE.atom")
    assert len(full.entries) == 1
    assert empty.entries == []
    assert empty.feed.updated_parsed is not None


def test_an_entry_has_the_clause_title_link_id_dates_and_licence(
    client: TestClient, cameras: str
) -> None:
    parsed, _root = read_feed(client, "/feeds/countries/FR.atom")
    entry = parsed.entries[0]
    assert entry.title == "Caméras sous contrôle"
    assert entry.title_detail.language == "fr"
    assert entry.link == f"http://testserver/clauses/{cameras}"
    assert entry.id == entry.link
    published = datetime.fromtimestamp(calendar.timegm(entry.published_parsed), UTC)
    assert abs((datetime.now(UTC) - published).total_seconds()) < 120
    assert entry.updated_parsed >= entry.published_parsed
    assert entry.rights == "CC-BY-4.0"
    assert parsed.feed.updated_parsed == entry.updated_parsed


def test_the_summary_is_the_clause_text_in_its_language_escaped(
    client: TestClient, cameras: str
) -> None:
    parsed, root = read_feed(client, "/feeds/countries/FR.atom")
    summary = _one(_one(root, "entry"), "summary")
    assert summary.text == CAMERAS_TEXT
    assert summary.get(XML_LANG) == "fr"
    assert summary.get("type") == "text"
    assert parsed.entries[0].summary == CAMERAS_TEXT
    assert parsed.entries[0].summary_detail.language == "fr"


def test_themes_sub_themes_and_country_are_categories_labelled_for_the_reader(
    client: TestClient, cameras: str
) -> None:
    taxonomy = client.app.state.taxonomy  # type: ignore[attr-defined]
    for language in ("en", "fr"):
        parsed, _root = read_feed(client, f"/feeds/countries/FR.atom?lang={language}")
        labels = {tag.term: tag.label for tag in parsed.entries[0].tags}
        assert labels == {
            "6": taxonomy.label("6", language),
            "6.1": taxonomy.label("6.1", language),
            "FR": country_name("FR", language),
        }
    assert taxonomy.label("6.1", "fr") != taxonomy.label("6.1", "en")


def test_a_long_text_is_cut_at_a_word_for_the_summary(client: TestClient, desk: Desk) -> None:
    text = " ".join(f"word{i}" for i in range(300))
    desk.published(text=text, country="FR")
    parsed, _root = read_feed(client, "/feeds/countries/FR.atom")
    summary: str = parsed.entries[0].summary
    assert summary.endswith(" …")
    assert len(summary) <= 402
    assert text.startswith(summary.removesuffix(" …") + " ")
