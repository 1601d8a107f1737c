"""GET /api/v1/compare/export: the comparison as CSV or XLSX, with licence and attribution."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from app.compare.export import COLUMNS
from tests.compare.conftest import Desk, disconnection_clauses


def _csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_chosen_clauses_export_as_csv_in_their_order(client: TestClient, desk: Desk) -> None:
    made = disconnection_clauses(desk)
    response = client.get(
        f"/api/v1/compare/export?ids={made['ph_new']},{made['ph_old']}&subtheme=4.3&lang=fr"
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="comparison-4.3-' in response.headers["content-disposition"]
    rows = _csv(response.content)
    assert list(rows[0]) == COLUMNS
    assert [r["id"] for r in rows] == [made["ph_new"], made["ph_old"]]
    # Only the passages on the sub-theme: the line about 19:00 names none of its keywords.
    assert rows[1]["passages_on_subtheme"] == (
        "1. Workers have the right to disconnect after their shift."
    )
    translated = rows[0]
    assert translated["title"] == "Déconnexion et astreinte"
    assert (translated["language"], translated["original_language"]) == ("fr", "en")
    assert translated["translation"] == "official"
    assert translated["passages_on_subtheme"] == translated["text"]  # one passage, on 4.3
    assert translated["licence"] == "CC-BY-4.0"
    assert translated["attribution"] == "Clause Commons"
    assert translated["url"] == f"http://testserver/clauses/{made['ph_new']}"
    assert translated["union"] == "Example Public Employees Union"


def test_a_whole_sub_theme_exports_as_xlsx_in_the_lists_order(
    client: TestClient, desk: Desk
) -> None:
    made = disconnection_clauses(desk)
    response = client.get("/api/v1/compare/export?subtheme=4.3&region=europe&format=xlsx")
    assert response.status_code == 200
    assert "spreadsheetml" in response.headers["content-type"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet.title == "comparison"
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header == COLUMNS
    ids = [row[COLUMNS.index("id")] for row in rows]
    assert ids == [made["es"], made["fr"]]
    assert {row[COLUMNS.index("licence")] for row in rows} == {"CC-BY-4.0"}


def test_an_empty_comparison_is_a_header_only_file(client: TestClient) -> None:
    response = client.get("/api/v1/compare/export?subtheme=2.1")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").strip() == ",".join(COLUMNS)


def test_export_refuses_what_the_comparison_refuses(client: TestClient, desk: Desk) -> None:
    made = disconnection_clauses(desk)
    for path in (
        "/api/v1/compare/export",
        f"/api/v1/compare/export?ids={made['fr']}",
        f"/api/v1/compare/export?ids={made['fr']},{made['draft']}",
        "/api/v1/compare/export?subtheme=4.3&format=jsonl",
    ):
        response = client.get(path)
        assert response.status_code == 422, path
        assert response.headers["content-type"].startswith("application/problem+json")
