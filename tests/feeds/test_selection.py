"""Which clauses a feed carries: published ones open to all, narrowed, newest published first."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.models import Role
from app.feeds import endpoints
from tests.builders.clauses import auth, make_affiliate
from tests.feeds.conftest import Desk, listed

EVERY_KIND = (
    "/feeds/clauses.atom",
    "/feeds/clauses.atom?q=monitoring",
    "/feeds/clauses.atom?theme=6&country=PH",
    "/feeds/themes/6.atom",
    "/feeds/themes/6.1.atom",
    "/feeds/countries/PH.atom",
)


def test_only_published_clauses_open_to_all_appear_whoever_asks(
    client: TestClient, session: Session, desk: Desk
) -> None:
    # Every clause here is on theme 6.1, from PH, and says "monitoring".
    public = desk.published()
    hidden = {
        desk.draft(),
        desk.submitted(),
        desk.rejected(),
        desk.archived(),
        desk.published(visibility="affiliates"),
    }
    member = auth(session, Role.contributor, make_affiliate(session, name="Another union"))
    for path in EVERY_KIND:
        for headers in ({}, desk.contributor, member, desk.moderator):
            found = listed(client, path, **headers)
            assert found == [public], (path, headers)
    assert not hidden & set(listed(client, "/feeds/clauses.atom?q=monitoring"))


def test_a_clause_published_later_comes_first_though_made_earlier(
    client: TestClient, desk: Desk
) -> None:
    earlier_draft = desk.draft(title="Made first, published second")
    published_first = desk.published(title="Made second, published first")
    desk.published_later(earlier_draft)
    for path in ("/feeds/clauses.atom", "/feeds/themes/6.atom", "/feeds/countries/PH.atom"):
        assert listed(client, path) == [earlier_draft, published_first], path


def test_a_search_feed_orders_by_publication_not_by_agreement_date(
    client: TestClient, desk: Desk
) -> None:
    old_agreement = desk.draft(agreement={"title": "CBA 2010", "signed_date": "2010-05-01"})
    new_agreement = desk.published(agreement={"title": "CBA 2024", "signed_date": "2024-05-01"})
    desk.published_later(old_agreement)
    assert listed(client, "/feeds/clauses.atom?q=monitoring") == [old_agreement, new_agreement]


def test_feeds_narrow_by_theme_sub_theme_and_country(client: TestClient, desk: Desk) -> None:
    evenings = desk.published(
        title="Evenings without email",
        text="No worker answers email after the shift ends.",
        country="FR",
        themes=[],
        subthemes=["4.3"],
    )
    cameras = desk.published(country="PH", themes=[], subthemes=["6.1"])
    assert listed(client, "/feeds/themes/4.atom") == [evenings]
    assert listed(client, "/feeds/themes/4.3.atom") == [evenings]
    assert listed(client, "/feeds/themes/6.atom") == [cameras]
    assert listed(client, "/feeds/themes/6.2.atom") == []
    assert listed(client, "/feeds/countries/fr.atom") == [evenings]
    assert listed(client, "/feeds/countries/PH.atom") == [cameras]


def test_a_search_feed_keeps_the_search_words_and_filters(client: TestClient, desk: Desk) -> None:
    evenings = desk.published(
        title="Evenings without email",
        text="No worker answers email after the shift ends.",
        country="FR",
        themes=[],
        subthemes=["4.3"],
        kind="model",
    )
    cameras = desk.published(country="PH")
    assert sorted(listed(client, "/feeds/clauses.atom")) == sorted([evenings, cameras])
    assert listed(client, "/feeds/clauses.atom?q=evenings") == [evenings]
    assert listed(client, "/feeds/clauses.atom?q=evenings&country=PH") == []
    assert listed(client, "/feeds/clauses.atom?q=evenings&country=FR") == [evenings]
    assert listed(client, "/feeds/clauses.atom?theme=6") == [cameras]
    assert listed(client, "/feeds/clauses.atom?kind=model") == [evenings]
    assert listed(client, "/feeds/clauses.atom?language=fr") == []


def test_a_feed_carries_the_newest_few(
    client: TestClient, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(endpoints, "ENTRIES", 2)
    ids = [desk.published(title=f"Clause {n}") for n in range(3)]
    assert listed(client, "/feeds/clauses.atom") == [ids[2], ids[1]]
    assert listed(client, "/feeds/clauses.atom?q=monitoring") == [ids[2], ids[1]]
