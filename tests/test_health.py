"""GET /health/live and /health/ready."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient

from app.health.endpoints import _translation_health
from app.settings import Settings
from tests.search.dictionaries.fixtures import union_lexicon


def test_live_answers_ok(client: TestClient) -> None:
    assert client.get("/health/live").json() == {"status": "ok"}


def test_ready_reports_database_and_search(client: TestClient) -> None:
    response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["search"]["backend"] == "builtin"
    assert body["search"]["backlog"] == 0


def test_ready_says_translation_is_off_without_a_lexicon(client: TestClient) -> None:
    translation = client.get("/health/ready").json()["translation"]
    assert translation["status"] == "off"
    assert "commons lexicon build" in translation["detail"]


def test_ready_says_which_languages_translation_joins(tmp_path: Path) -> None:
    union_lexicon(tmp_path)  # writes tmp_path/lexicon.sqlite3, where these settings look
    health = _translation_health(Settings(env="test", data_dir=tmp_path))
    assert health.status == "on"
    assert health.languages == ["en", "es", "fr", "ja"]
    assert health.dictionaries == 4
    assert health.detail.startswith("FreeDict lexicon built")


def test_ready_names_apertium_when_its_pairs_are_in(tmp_path: Path) -> None:
    union_lexicon(tmp_path)
    db = sqlite3.connect(tmp_path / "lexicon.sqlite3")
    with db:
        db.execute(
            "INSERT INTO dictionary VALUES ('apertium-eng-spa', 'en', 'es', 2, 'GPL-2.0-only', "
            "'apertium-eng-spa: GPL-2')"
        )
    db.close()
    health = _translation_health(Settings(env="test", data_dir=tmp_path))
    assert health.detail.startswith("FreeDict and Apertium lexicon built")
    assert health.dictionaries == 5
