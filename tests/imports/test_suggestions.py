"""The themes suggested for a clause from an agreement document are kept for its review, and
`GET /api/v1/clauses/{id}/suggestions` shows them with their labels and why."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.affiliates.keys import Caller
from app.affiliates.models import Role
from app.clauses.models import Clause
from app.imports.model import Review, SourceRow, ThemeSuggestion
from app.imports.runner import run_import
from app.imports.suggestion_model import SuggestedTheme
from app.taxonomy.model import Taxonomy
from tests.builders.clauses import auth, make_affiliate
from tests.imports.builders import source_row

SOURCE = "import:docs"
TELEWORK = ThemeSuggestion("4.1", "Telework", 3, ("telework", "home working"))
THEME = ThemeSuggestion("4", "Work-life balance", 3, ("telework", "home working"))
MONITORING = ThemeSuggestion("6.1", "Monitoring", 2, ("monitoring",))


def _document_row(*subthemes: ThemeSuggestion, number: int = 2) -> SourceRow:
    review = Review("Article 4", "detected en (0.99)", (THEME,), subthemes)
    return SourceRow(number, source_row().values, review=review)


def _stored(session: Session) -> set[tuple[str, str, int, tuple[str, ...]]]:
    session.expire_all()
    return {
        (s.facet, s.code, s.score, tuple(s.keywords))
        for s in session.exec(select(SuggestedTheme)).all()
    }


def _import(session: Session, taxonomy: Taxonomy, *rows: SourceRow, caller: Caller | None = None,
            dry_run: bool = False) -> None:  # fmt: skip
    run_import(session, taxonomy, caller or Caller(role=Role.admin), list(rows), source=SOURCE,
               dry_run=dry_run)  # fmt: skip


def test_a_document_clause_keeps_its_suggestions(session: Session, taxonomy: Taxonomy) -> None:
    _import(session, taxonomy, _document_row(TELEWORK, MONITORING))
    assert _stored(session) == {
        ("theme", "4", 3, ("telework", "home working")),
        ("subtheme", "4.1", 3, ("telework", "home working")),
        ("subtheme", "6.1", 2, ("monitoring",)),
    }


def test_importing_the_document_again_keeps_the_newest_suggestions(
    session: Session, taxonomy: Taxonomy
) -> None:
    _import(session, taxonomy, _document_row(TELEWORK, MONITORING))
    _import(session, taxonomy, _document_row(TELEWORK, MONITORING))
    assert len(_stored(session)) == 3
    _import(session, taxonomy, _document_row(TELEWORK))
    assert {code for _, code, _, _ in _stored(session)} == {"4", "4.1"}


def test_spreadsheet_rows_and_dry_runs_store_no_suggestions(
    session: Session, taxonomy: Taxonomy
) -> None:
    _import(session, taxonomy, source_row(3, external_id="sheet"))
    _import(session, taxonomy, _document_row(TELEWORK), dry_run=True)
    assert _stored(session) == set()


def test_the_review_shows_each_suggestion_with_its_label_and_reason(
    client: TestClient, session: Session, taxonomy: Taxonomy
) -> None:
    _import(session, taxonomy, _document_row(MONITORING, TELEWORK))
    clause_id = session.exec(select(Clause.public_id)).one()
    response = client.get(
        f"/api/v1/clauses/{clause_id}/suggestions", headers=auth(session, Role.moderator)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["clause"] == clause_id
    assert [s["code"] for s in body["subthemes"]] == ["4.1", "6.1"]  # strongest first
    assert body["subthemes"][0] == {
        "code": "4.1",
        "label": taxonomy.label("4.1", "en"),
        "score": 3,
        "keywords": ["telework", "home working"],
        "reason": "matched 'telework', 'home working'",
    }
    assert [s["code"] for s in body["themes"]] == ["4"]


def test_the_review_labels_are_in_the_readers_language(
    client: TestClient, session: Session, taxonomy: Taxonomy
) -> None:
    _import(session, taxonomy, _document_row(TELEWORK))
    clause_id = session.exec(select(Clause.public_id)).one()
    response = client.get(
        f"/api/v1/clauses/{clause_id}/suggestions?lang=fr", headers=auth(session, Role.moderator)
    )
    assert response.headers["content-language"] == "fr"
    assert response.json()["subthemes"][0]["label"] == taxonomy.label("4.1", "fr")
    assert taxonomy.label("4.1", "fr") != taxonomy.label("4.1", "en")


def test_a_clause_without_suggestions_has_empty_lists(
    client: TestClient, session: Session, taxonomy: Taxonomy
) -> None:
    _import(session, taxonomy, source_row())
    clause_id = session.exec(select(Clause.public_id)).one()
    response = client.get(
        f"/api/v1/clauses/{clause_id}/suggestions", headers=auth(session, Role.moderator)
    )
    assert (response.json()["themes"], response.json()["subthemes"]) == ([], [])


def test_another_affiliates_draft_is_not_found_and_anonymous_callers_must_sign_in(
    client: TestClient, session: Session, taxonomy: Taxonomy
) -> None:
    mine = make_affiliate(session, "Mine", "PH")
    _import(session, taxonomy, _document_row(TELEWORK),
            caller=Caller(role=Role.contributor, affiliate_id=mine.id))  # fmt: skip
    clause_id = session.exec(select(Clause.public_id)).one()
    url = f"/api/v1/clauses/{clause_id}/suggestions"
    theirs = auth(session, Role.contributor, make_affiliate(session, "Theirs", "FR"))
    assert client.get(url, headers=theirs).status_code == 404
    assert client.get(url).status_code == 401
    assert client.get(url, headers=auth(session, Role.contributor, mine)).status_code == 200
    assert client.get("/api/v1/clauses/c-nothing/suggestions", headers=theirs).status_code == 404


def test_deleting_the_clause_deletes_its_suggestions(
    client: TestClient, session: Session, taxonomy: Taxonomy
) -> None:
    _import(session, taxonomy, _document_row(TELEWORK))
    clause_id = session.exec(select(Clause.public_id)).one()
    response = client.delete(f"/api/v1/clauses/{clause_id}", headers=auth(session, Role.moderator))
    assert response.status_code == 204
    assert _stored(session) == set()
