"""The model clause library loads as published model clauses; loading it twice changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.clauses.seed import SeedError, read_clause_file, seed_clauses
from app.settings import PROJECT_ROOT
from app.taxonomy.model import Taxonomy

CLAUSES_DIR = PROJECT_ROOT / "clauses"


def taxonomy_of(client: TestClient) -> Taxonomy:
    taxonomy: Taxonomy = client.app.state.taxonomy  # type: ignore[attr-defined]
    return taxonomy


def test_every_subtheme_has_a_model_clause_in_four_languages() -> None:
    covered: set[str] = set()
    for path in CLAUSES_DIR.glob("*.md"):
        _, clause = read_clause_file(path)
        covered |= set(clause.subthemes)
        assert {t.language for t in clause.translations} >= {"fr", "es", "pt"}, path
    assert len(covered) == 31


def test_seed_twice_changes_nothing(client: TestClient, session: Session) -> None:
    first = seed_clauses(session, taxonomy_of(client), CLAUSES_DIR)
    assert first.created >= 31
    assert first.updated == 0
    second = seed_clauses(session, taxonomy_of(client), CLAUSES_DIR)
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.created)


def test_seeded_model_clauses_are_listed_by_theme(client: TestClient, session: Session) -> None:
    seed_clauses(session, taxonomy_of(client), CLAUSES_DIR)
    body = client.get("/api/v1/clauses?theme=5&per_page=100").json()
    assert body["total"] >= 4
    assert all(c["kind"] == "model" and c["status"] == "published" for c in body["items"])
    assert all("5" in c["themes"] for c in body["items"])


def test_edited_file_updates_its_clause(
    client: TestClient, session: Session, tmp_path: Path
) -> None:
    source = next(CLAUSES_DIR.glob("4-3-*.md"))
    copy = tmp_path / source.name
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    seed_clauses(session, taxonomy_of(client), tmp_path)
    copy.write_text(
        copy.read_text(encoding="utf-8").replace("tags: [", "tags: [edited, ", 1), encoding="utf-8"
    )
    report = seed_clauses(session, taxonomy_of(client), tmp_path)
    assert (report.created, report.updated) == (0, 1)


def test_malformed_clause_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text(
        "---\nid: mc-bad\ntitle: x\nlanguage: en\nsubthemes: [9.9]\n---\nText.", encoding="utf-8"
    )
    with pytest.raises(SeedError, match="subthemes"):
        read_clause_file(bad)
