"""Exports carry licence and attribution, and import back into an empty database unchanged."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlmodel import Session

from app.affiliates.keys import Caller
from app.affiliates.models import Role
from app.imports.documents.agreement import AgreementMeta
from app.imports.runner import run_import
from app.imports.sources import file_rows
from tests.builders.clauses import auth, clause_payload, make_affiliate
from tests.conftest import empty_tables

COMPARED = (
    *("title", "text", "language", "country", "region", "sector", "unions", "employer"),
    *("agreement", "year", "themes", "subthemes", "lifecycle", "tags", "licence", "kind"),
)


def seed_clauses(client: TestClient, session: Session) -> list[dict[str, Any]]:
    moderator = auth(session, Role.moderator)
    union = auth(session, Role.contributor, make_affiliate(session, "Sindicato Ejemplo", "CO"))
    return [
        client.post("/api/v1/clauses", json=clause_payload(status="published", licence="CC0-1.0",
                    translations=[{"language": "fr", "title": "Préavis", "text": "1. L'employeur…",
                                   "kind": "official"}]), headers=moderator).json(),
        client.post("/api/v1/clauses", json=clause_payload(
            title="Derecho a la desconexión", text="1. Nadie está obligado a responder de noche.",
            language="es", country="CO", subthemes=["4.3"], themes=[], lifecycle=[],
            agreement={"title": "Convención colectiva 2023", "signed_date": "2023-02-01",
                       "expiry_date": "2026-01-31", "article": "Art. 12"}), headers=union).json(),
    ]  # fmt: skip


def test_csv_export_has_licence_attribution_and_translations(
    client: TestClient, session: Session
) -> None:
    seed_clauses(client, session)
    response = client.get("/api/v1/clauses/export?format=csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1  # the contributor's draft is not public
    assert rows[0]["licence"] == "CC0-1.0"
    assert rows[0]["title_fr"] == "Préavis"
    assert rows[0]["kind_fr"] == "official"
    assert rows[0]["subthemes"] == "6.1"
    moderator = auth(session, Role.moderator)
    everything = client.get("/api/v1/clauses/export?format=csv", headers=moderator)
    rows = list(csv.DictReader(io.StringIO(everything.content.decode("utf-8-sig"))))
    assert {r["attribution"] for r in rows} == {"", "Sindicato Ejemplo"}


def test_export_honours_filters(client: TestClient, session: Session) -> None:
    seed_clauses(client, session)
    moderator = auth(session, Role.moderator)
    lines = client.get(
        "/api/v1/clauses/export?format=jsonl&country=CO", headers=moderator
    ).text.splitlines()
    assert [json.loads(line)["country"] for line in lines] == ["CO"]


def test_xlsx_export_opens_as_a_workbook(client: TestClient, session: Session) -> None:
    seed_clauses(client, session)
    response = client.get(
        "/api/v1/clauses/export?format=xlsx", headers=auth(session, Role.moderator)
    )
    sheet = load_workbook(io.BytesIO(response.content), read_only=True)["clauses"]
    header, *rows = list(sheet.values)
    assert "attribution" in header
    assert len(rows) == 2


def test_bad_export_format_is_a_422(client: TestClient) -> None:
    assert client.get("/api/v1/clauses/export?format=pdf").status_code == 422


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_export_then_import_into_an_empty_database_gives_the_same_clauses(
    client: TestClient, session: Session, tmp_path: Path, fmt: str
) -> None:
    seed_clauses(client, session)
    moderator = auth(session, Role.moderator)
    before = client.get("/api/v1/clauses?per_page=100", headers=moderator).json()["items"]
    exported = tmp_path / f"clauses.{fmt}"
    exported.write_bytes(
        client.get(f"/api/v1/clauses/export?format={fmt}", headers=moderator).content
    )
    taxonomy = client.app.state.taxonomy  # type: ignore[attr-defined]
    empty_tables(client.app.state.engine)  # type: ignore[attr-defined]
    with file_rows(exported, fmt, AgreementMeta(), taxonomy) as source:
        report = run_import(session, taxonomy, Caller(role=Role.admin), source.rows,
                            source="round-trip", publish=True)  # fmt: skip
    assert (report.created, report.rejected, report.unknown_columns) == (2, 0, {})
    after = client.get(
        "/api/v1/clauses?per_page=100", headers=auth(session, Role.moderator)
    ).json()["items"]

    def key(clause: dict[str, Any]) -> str:
        return str(clause["title"])

    for old, new in zip(sorted(before, key=key), sorted(after, key=key), strict=True):
        for name in COMPARED:
            assert old[name] == new[name], name
        assert [(t["language"], t["title"], t["text"], t["kind"]) for t in old["translations"]] == [
            (t["language"], t["title"], t["text"], t["kind"]) for t in new["translations"]
        ]
