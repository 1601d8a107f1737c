"""Fixtures for the Meilisearch adapter tests: the OpenAPI document and the request recorder."""

from __future__ import annotations

import pytest

from app.search.meili import MeiliSearchBackend

from .canned import CannedMeili
from .openapi_check import OpenApi

API_KEY = "clause-commons-test-key"


@pytest.fixture(scope="session")
def openapi() -> OpenApi:
    """Meilisearch's OpenAPI 1.53.0, loaded once, known gaps patched in memory."""
    return OpenApi.load()


@pytest.fixture
def canned(monkeypatch: pytest.MonkeyPatch) -> CannedMeili:
    """Every HTTP call of the client captured and answered with canned JSON."""
    recorder = CannedMeili()
    recorder.install(monkeypatch)
    return recorder


@pytest.fixture
def meili_backend(canned: CannedMeili) -> MeiliSearchBackend:
    """The backend under test, pointed at the recorder, with small batches."""
    return MeiliSearchBackend(canned.base_url, API_KEY, batch_size=5, task_timeout_ms=2_000)
