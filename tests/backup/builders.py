"""A union archive worth backing up, made through the API, and ways to compare two databases."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import JSON, Table, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.affiliates.models import Role
from app.models import metadata
from tests.builders.clauses import auth, clause_payload, drain, make_affiliate

# Tables the archive must fill, so that a comparison cannot pass on empty tables.
FILLED = (
    "affiliate",
    "user_account",
    "api_key",
    "clause",
    "clause_tag",
    "translation",
    "status_event",
    "revision",
    "import_job",
    "search_outbox",
)

IMPORT_CSV = (
    "external_id,title,text,language,country,subthemes\n"
    "kmu-7,Notice of rostering software,1. Ninety days' notice before rostering software.,en,PH,"
    "4.4\n"
    "kmu-8,Broken row,,en,XX,9.9\n"
)


def fill_archive(client: TestClient, session: Session) -> dict[str, str]:
    """Affiliates, users, keys (one revoked), clauses with translations, edits, every status,
    an adapted model clause and an import job; returns the clauses' public ids by role."""
    union = make_affiliate(session, "Example Health Workers' Union", "PH")
    make_affiliate(session, "Example Municipal Staff Association", "BR")
    own = auth(session, Role.contributor, union)
    moderator = auth(session, Role.moderator)
    admin = auth(session, Role.admin)
    _users_and_keys(client, admin)
    ids = {"draft": _post(client, own, translations=_translations())}
    ids["published"] = _through_the_workflow(client, own, moderator)
    ids["model"] = _post(
        client, moderator, kind="model", status="published", title="Model: data audit rights"
    )
    adapted = client.post(f"/api/v1/clauses/{ids['model']}/adapt", headers=own)
    assert adapted.status_code == 201, adapted.text
    ids["adapted"] = adapted.json()["id"]
    _import(client, own)
    drain(client)
    ids["waiting"] = _post(client, moderator, status="published", title="Still in the outbox")
    return ids


def table_rows(engine: Engine, table: Table) -> list[tuple[Any, ...]]:
    """Every row of a table as the app reads it, by primary key; a nullable JSON column adds
    whether it holds SQL NULL (JSON `null` reads back as None too)."""
    flags = [c.is_(None) for c in table.columns if c.nullable and isinstance(c.type, JSON)]
    query = select(table, *flags).order_by(*table.primary_key.columns)
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query)]


def every_table() -> list[Table]:
    return list(metadata.sorted_tables)


def table_named(name: str) -> Table:
    return metadata.tables[name]


def _post(client: TestClient, headers: dict[str, str], **overrides: Any) -> str:
    response = client.post("/api/v1/clauses", json=clause_payload(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    public_id: str = response.json()["id"]
    return public_id


def _translations() -> list[dict[str, str]]:
    return [
        {
            "language": "fr",
            "title": "Préavis avant tout logiciel de surveillance",
            "text": "1. L'Employeur informe le Syndicat soixante jours à l'avance.",
            "kind": "official",
        },
        {
            "language": "es",
            "title": "Aviso previo antes de programas de vigilancia",
            "text": "1. El Empleador avisará al Sindicato con sesenta días de antelación.",
            "kind": "community",
        },
    ]


def _through_the_workflow(
    client: TestClient, own: dict[str, str], moderator: dict[str, str]
) -> str:
    public_id = _post(
        client,
        own,
        title="Right to disconnect after 19:00",
        agreement={
            "title": "Example Hospital CBA 2025-2028",
            "signed_date": "2025-01-15",
            "expiry_date": "2028-01-14",
        },
        unions=["Example Health Workers' Union", "Example Nurses' Guild"],
        visibility="affiliates",
        translations=[{"language": "pt", "title": "Direito à desconexão", "text": "1. Nada."}],
    )
    edit = {"text": "1. No worker is expected to read or answer messages after 19:00."}
    assert client.patch(f"/api/v1/clauses/{public_id}", json=edit, headers=own).status_code == 200
    steps = [
        ("submit", own, None),
        ("reject", moderator, {"reason": "Name the hospital, please"}),
        ("submit", own, None),
        ("publish", moderator, None),
    ]
    for action, headers, body in steps:
        response = client.post(f"/api/v1/clauses/{public_id}/{action}", json=body, headers=headers)
        assert response.status_code == 200, response.text
    return public_id


def _users_and_keys(client: TestClient, admin: dict[str, str]) -> None:
    user = {
        "login": "amihan",
        "display_name": "Amihan Reyes",
        "password": "a long enough passphrase",
        "role": "contributor",
        "affiliate": "Example Health Workers' Union",
    }
    response = client.post("/api/v1/admin/users", json=user, headers=admin)
    assert response.status_code == 201, response.text
    key = client.post(
        "/api/v1/admin/keys", json={"role": "moderator", "label": "old laptop"}, headers=admin
    )
    assert key.status_code == 201, key.text
    revoked = client.post(f"/api/v1/admin/keys/{key.json()['prefix']}/revoke", headers=admin)
    assert revoked.status_code == 200, revoked.text


def _import(client: TestClient, headers: dict[str, str]) -> None:
    files = {"file": ("archive.csv", IMPORT_CSV, "text/csv")}
    response = client.post("/api/v1/imports", files=files, headers=headers)
    assert response.status_code == 202, response.text
    worker = client.app.state.import_worker  # type: ignore[attr-defined]
    while worker.run_next():
        pass
