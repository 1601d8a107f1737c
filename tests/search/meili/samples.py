"""Made-up clause documents in the shape of the search contract (no real agreement text)."""

from __future__ import annotations

from typing import Any


def clause_document(number: int, language: str = "en") -> dict[str, Any]:
    """A small search document; text is invented for the tests."""
    return {
        "id": f"clause-{number:04d}",
        "external_id": None,
        "title": f"Telework allowance {number}",
        "language": language,
        "kind": "negotiated",
        "country": "FR",
        "region": "EUR",
        "sector": "Local government",
        "year": 2021,
        "sort_date": 20210315,
        "themes": ["5"],
        "subthemes": ["5.3"],
        "lifecycle": ["use"],
        "visibility": "public",
        f"title_{language}": f"Telework allowance {number}",
        f"text_{language}": "Staff working from home receive a monthly allowance for equipment.",
        f"labels_{language}": "Telework; Working time",
    }
