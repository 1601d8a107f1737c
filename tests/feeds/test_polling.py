"""A feed reader that polls with the ETag it holds gets a bodiless 304 until the feed changes."""

from __future__ import annotations

import feedparser
from fastapi.testclient import TestClient

from tests.feeds.conftest import Desk


def test_an_unchanged_feed_is_a_304_and_a_new_clause_a_new_feed(
    client: TestClient, desk: Desk
) -> None:
    desk.published()
    first = client.get("/feeds/themes/6.1.atom")
    etag = first.headers["etag"]
    assert etag.startswith('"')
    assert first.headers["vary"] == "Accept-Language"
    again = client.get("/feeds/themes/6.1.atom", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    desk.published(title="A second clause on monitoring")
    changed = client.get("/feeds/themes/6.1.atom", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert len(feedparser.parse(changed.content).entries) == 2


def test_a_reader_holding_several_tags_one_weak_still_matches(
    client: TestClient, desk: Desk
) -> None:
    desk.published()
    first = client.get("/feeds/countries/PH.atom")
    # A reader holding several tags, one of them weak, still matches.
    held = f'"other", W/{first.headers["etag"]}'
    assert (
        client.get("/feeds/countries/PH.atom", headers={"If-None-Match": held}).status_code == 304
    )
    assert (
        client.get("/feeds/countries/PH.atom", headers={"If-None-Match": '"x"'}).status_code == 200
    )


def test_each_language_and_each_feed_has_its_own_etag(client: TestClient, desk: Desk) -> None:
    desk.published()
    english = client.get("/feeds/themes/6.1.atom").headers["etag"]
    french = client.get("/feeds/themes/6.1.atom", headers={"Accept-Language": "fr"})
    assert french.headers["etag"] != english
    assert client.get("/feeds/themes/6.atom").headers["etag"] != english
    stale = client.get(
        "/feeds/themes/6.1.atom", headers={"If-None-Match": english, "Accept-Language": "fr"}
    )
    assert stale.status_code == 200
