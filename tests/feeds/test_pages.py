"""The pages with a feed point to it: in their head for feed readers, visibly for people."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.feeds.conftest import Desk, read_feed

ALTERNATE = re.compile(
    r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)" title="([^"]+)">'
)


def head_feeds(client: TestClient, path: str) -> list[str]:
    page = client.get(path).text
    head = page.split("</head>", 1)[0]
    return [href.replace("&amp;", "&") for href, _title in ALTERNATE.findall(head)]


def test_the_home_and_search_pages_point_to_the_feed_of_their_search(
    client: TestClient,
) -> None:
    assert head_feeds(client, "/") == ["/feeds/clauses.atom"]
    # The page's order is not the feed's: the feed is always newest published first.
    path = "/search?q=email&country=PH&theme=6&sort=newest&page=2"
    assert head_feeds(client, path) == ["/feeds/clauses.atom?q=email&country=PH&theme=6"]


def test_the_search_page_feed_link_is_a_labelled_link_a_reader_can_follow(
    client: TestClient, desk: Desk
) -> None:
    clause = desk.published(country="PH")
    page = client.get("/search?q=monitoring&country=PH").text
    visible = re.search(
        r'<a href="(/feeds/clauses\.atom\?[^"]+)" type="application/atom\+xml">([^<]+)</a>', page
    )
    assert visible is not None
    assert visible.group(2).strip()
    parsed, _root = read_feed(client, visible.group(1).replace("&amp;", "&"))
    assert [entry.link.rsplit("/", 1)[1] for entry in parsed.entries] == [clause]


def test_a_search_page_with_a_wrong_filter_offers_no_feed(client: TestClient) -> None:
    assert head_feeds(client, "/search?theme=42") == []


def test_a_theme_page_points_to_its_feed_and_each_sub_theme_feed(client: TestClient) -> None:
    taxonomy = client.app.state.taxonomy  # type: ignore[attr-defined]
    theme = next(t for t in taxonomy.themes if t.code == "6")
    expected = [f"/feeds/themes/{code}.atom" for code in ["6", *(s.code for s in theme.subthemes)]]
    assert head_feeds(client, "/themes/6") == expected
    page = client.get("/themes/6").text.split("</head>", 1)[1]
    for href in expected:
        assert f'<a href="{href}" type="application/atom+xml">' in page
    for href in expected:
        read_feed(client, href)


def test_pages_without_a_feed_have_no_alternate_link(client: TestClient) -> None:
    assert head_feeds(client, "/themes") == []
    assert head_feeds(client, "/coverage") == []
