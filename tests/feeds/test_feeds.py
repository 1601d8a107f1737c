"""Atom feeds of newly published clauses, read as a feed reader reads them (feedparser) and
checked against RFC 4287's required elements."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

import feedparser
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from tests.builders.clauses import auth, clause_payload, drain, make_affiliate

ATOM = "{http://www.w3.org/2005/Atom}"


def post(client: TestClient, headers: dict[str, str], **overrides: Any) -> str:
    response = client.post("/api/v1/clauses", json=clause_payload(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    clause_id: str = response.json()["id"]
    return clause_id


@pytest.fixture
def shelf(client: TestClient, session: Session) -> dict[str, str]:
    """Published clauses on two themes and countries, a draft, an affiliates-only clause."""
    moderator = auth(session, Role.moderator)
    contributor = auth(session, Role.contributor, make_affiliate(session))
    ids = {
        "disconnect": post(
            client,
            moderator,
            status="published",
            title="Evenings without email",
            text="No worker answers email after the shift ends; the employer plans around it.",
            language="en",
            country="PH",
            themes=[],
            subthemes=["4.3"],
        ),
        "cameras": post(
            client,
            moderator,
            status="published",
            title="Caméras sous contrôle",
            text="Aucune caméra n'est installée sans l'avis du comité & des délégués <élus>.",
            language="fr",
            country="FR",
            themes=[],
            subthemes=["6.1"],
        ),
        "members": post(
            client, moderator, status="published", title="Members only", visibility="affiliates"
        ),
        "draft": post(client, contributor, title="A draft on email after the shift"),
    }
    drain(client)
    return ids


def feed(client: TestClient, path: str) -> tuple[Any, ET.Element]:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed, ET.fromstring(response.content)  # noqa: S314 (our own feed, in a test)


def entry_ids(parsed: Any) -> list[str]:
    return [entry.link.rsplit("/", 1)[1] for entry in parsed.entries]


def test_every_feed_has_what_rfc_4287_requires(client: TestClient, shelf: dict[str, str]) -> None:
    for path in (
        "/feeds/clauses.atom",
        "/feeds/themes/6.atom",
        "/feeds/themes/4.3.atom",
        "/feeds/countries/ph.atom",
        "/feeds/clauses.atom?q=email",
        "/feeds/clauses.atom?q=nothing+matches+this",
    ):
        _parsed, root = feed(client, path)
        assert root.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated"):
            assert len(root.findall(f"{ATOM}{name}")) == 1, (path, name)
        self_links = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
        assert [link.get("href") for link in self_links] == [f"http://testserver{path}"]
        assert root.find(f"{ATOM}author/{ATOM}name") is not None
        for entry in root.findall(f"{ATOM}entry"):
            for name in ("id", "title", "updated", "published", "summary"):
                assert len(entry.findall(f"{ATOM}{name}")) == 1, (path, name)
            rels = [link.get("rel") for link in entry.findall(f"{ATOM}link")]
            assert "alternate" in rels


def test_an_entry_carries_title_link_dates_themes_country_and_summary(
    client: TestClient, shelf: dict[str, str]
) -> None:
    parsed, _root = feed(client, "/feeds/clauses.atom")
    entry = next(e for e in parsed.entries if e.link.endswith(shelf["cameras"]))
    assert entry.title == "Caméras sous contrôle"
    assert entry.link == f"http://testserver/clauses/{shelf['cameras']}"
    assert entry.published_parsed is not None
    assert entry.updated_parsed >= entry.published_parsed
    terms = {tag.term for tag in entry.tags}
    assert {"6", "6.1", "FR"} <= terms
    # Escaped, not parsed as markup; in the clause's language.
    assert "&" in entry.summary
    assert "<élus>" in entry.summary
    assert entry.summary_detail.language == "fr"


def test_drafts_and_clauses_for_affiliates_never_appear(
    client: TestClient, session: Session, shelf: dict[str, str]
) -> None:
    member = auth(session, Role.contributor, make_affiliate(session, name="Another union"))
    for headers in ({}, member):
        response = client.get("/feeds/clauses.atom", headers=headers)
        listed = entry_ids(feedparser.parse(response.content))
        assert sorted(listed) == sorted([shelf["disconnect"], shelf["cameras"]])
    assert shelf["draft"] not in entry_ids(feed(client, "/feeds/clauses.atom?q=shift")[0])


def test_feeds_narrow_by_theme_sub_theme_country_and_search(
    client: TestClient, shelf: dict[str, str]
) -> None:
    assert entry_ids(feed(client, "/feeds/themes/6.atom")[0]) == [shelf["cameras"]]
    assert entry_ids(feed(client, "/feeds/themes/4.3.atom")[0]) == [shelf["disconnect"]]
    assert entry_ids(feed(client, "/feeds/countries/FR.atom")[0]) == [shelf["cameras"]]
    assert entry_ids(feed(client, "/feeds/clauses.atom?q=evenings")[0]) == [shelf["disconnect"]]
    assert entry_ids(feed(client, "/feeds/clauses.atom?q=evenings&country=FR")[0]) == []
    assert entry_ids(feed(client, "/feeds/clauses.atom?theme=4")[0]) == [shelf["disconnect"]]


def test_the_newest_publication_comes_first(client: TestClient, session: Session) -> None:
    moderator = auth(session, Role.moderator)
    first = post(client, moderator, status="published", title="First")
    second = post(client, moderator, status="published", title="Second")
    drain(client)
    assert entry_ids(feed(client, "/feeds/clauses.atom")[0]) == [second, first]


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/feeds/themes/99.atom", "theme[0]"),
        ("/feeds/themes/6.99.atom", "subtheme[0]"),
        ("/feeds/countries/XX.atom", "country[0]"),
        ("/feeds/clauses.atom?region=MARS", "region[0]"),
        ("/feeds/clauses.atom?q=" + "a" * 1001, "q"),
    ],
)
def test_bad_input_is_a_problem_naming_the_field(client: TestClient, path: str, field: str) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in response.text


def test_pages_point_to_their_feeds(client: TestClient, shelf: dict[str, str]) -> None:
    search = client.get("/search?q=email&country=PH&sort=newest").text
    alternate = (
        '<link rel="alternate" type="application/atom+xml" '
        'href="/feeds/clauses.atom?q=email&amp;country=PH"'
    )
    assert alternate in search
    assert 'href="/feeds/clauses.atom?q=email&amp;country=PH" type="application/atom+xml"' in search
    theme = client.get("/themes/6").text
    assert 'type="application/atom+xml" href="/feeds/themes/6.atom"' in theme
    assert 'href="/feeds/themes/6.1.atom"' in theme
