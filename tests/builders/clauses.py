"""Clause payloads and API keys for tests."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.affiliates.keys import create_key
from app.affiliates.models import Affiliate, Role


def clause_payload(**overrides: Any) -> dict[str, Any]:
    """A valid clause as POSTed, in our own words; override any field."""
    payload: dict[str, Any] = {
        "title": "Notice before new monitoring software",
        "text": "1. The Employer shall give the Union sixty days' written notice before any "
        "software that records workers' activity is introduced.\n2. The notice states what is "
        "recorded, why, who sees it and for how long it is kept.",
        "language": "en",
        "kind": "negotiated",
        "country": "PH",
        "sector": "local government",
        "unions": ["Example Public Employees Union"],
        "employer": "Example City",
        "agreement": {"title": "Example City CBA 2024-2027", "signed_date": "2024-03-01"},
        "themes": ["6"],
        "subthemes": ["6.1"],
        "lifecycle": ["collection"],
        "tags": ["monitoring"],
    }
    payload.update(overrides)
    return payload


def make_affiliate(session: Session, name: str = "Example Union", country: str = "PH") -> Affiliate:
    affiliate = Affiliate(name=name, country=country)
    session.add(affiliate)
    session.commit()
    session.refresh(affiliate)
    return affiliate


def auth(session: Session, role: Role, affiliate: Affiliate | None = None) -> dict[str, str]:
    """Headers carrying a fresh API key of this role."""
    _, plain = create_key(session, role, affiliate)
    session.commit()
    return {"Authorization": f"Bearer {plain}"}


def drain(client: TestClient) -> int:
    """Apply the search outbox now, as the background worker would."""
    count: int = client.app.state.indexer.drain()  # type: ignore[attr-defined]
    return count
