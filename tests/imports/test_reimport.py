"""Importing again: `--publish` publishes the drafts an earlier import left, with their history;
contributors' edits go through the clause rules, their own drafts in bulk."""

from __future__ import annotations

from sqlmodel import Session, col, select

from app.affiliates.keys import Caller
from app.affiliates.models import Role
from app.clauses import workflow
from app.clauses.models import Clause, ClauseStatus, Revision, StatusEvent
from app.imports.model import Review, SourceRow
from app.imports.runner import run_import
from app.search.outbox_model import SearchOutbox
from app.taxonomy.model import Taxonomy
from tests.builders.clauses import make_affiliate
from tests.imports.builders import numbered_rows, source_row

SOURCE = "import:test"
MODERATOR = Caller(role=Role.moderator, key_id=None)


def _statuses(session: Session) -> dict[str | None, str]:
    session.expire_all()
    return {c.external_id: c.status for c in session.exec(select(Clause)).all()}


def _events(session: Session, external_id: str) -> list[tuple[str | None, str, str]]:
    clause = session.exec(select(Clause).where(Clause.external_id == external_id)).one()
    return [
        (e.from_status, e.to_status, e.actor_role)
        for e in session.exec(
            select(StatusEvent)
            .where(StatusEvent.clause_id == clause.id)
            .order_by(col(StatusEvent.id))
        )
    ]


def test_publishing_again_publishes_the_drafts_of_an_earlier_import(
    session: Session, taxonomy: Taxonomy
) -> None:
    run_import(session, taxonomy, MODERATOR, numbered_rows(3), source=SOURCE)
    again = run_import(session, taxonomy, MODERATOR, numbered_rows(3), source=SOURCE, publish=True)
    assert (again.created, again.updated, again.published, again.unchanged) == (0, 3, 3, 0)
    assert set(_statuses(session).values()) == {ClauseStatus.published}
    assert _events(session, "EX-1") == [
        (None, "draft", "moderator"),
        ("draft", "published", "moderator"),
    ]
    clause = session.exec(select(Clause).where(Clause.external_id == "EX-1")).one()
    assert clause.published_at is not None
    queued = session.exec(
        select(SearchOutbox).where(SearchOutbox.clause_public_id == clause.public_id)
    ).all()
    assert len(queued) == 2  # created, then published: the indexer picks it up


def test_publishing_is_not_an_edit_and_makes_no_revision(
    session: Session, taxonomy: Taxonomy
) -> None:
    run_import(session, taxonomy, MODERATOR, [source_row()], source=SOURCE)
    run_import(session, taxonomy, MODERATOR, [source_row()], source=SOURCE, publish=True)
    assert len(session.exec(select(Revision)).all()) == 1


def test_an_edited_draft_published_again_is_updated_and_published_once(
    session: Session, taxonomy: Taxonomy
) -> None:
    run_import(session, taxonomy, MODERATOR, [source_row()], source=SOURCE)
    edited = [source_row(title="Notice before new monitoring tools, amended")]
    report = run_import(session, taxonomy, MODERATOR, edited, source=SOURCE, publish=True)
    assert (report.updated, report.published) == (1, 1)
    clause = session.exec(select(Clause)).one()
    assert (clause.status, clause.title) == (
        ClauseStatus.published,
        "Notice before new monitoring tools, amended",
    )
    assert [r.number for r in session.exec(select(Revision))] == [1, 2]
    assert _events(session, "EX-1")[-1] == ("draft", "published", "moderator")


def test_a_third_run_with_publish_changes_nothing(session: Session, taxonomy: Taxonomy) -> None:
    run_import(session, taxonomy, MODERATOR, numbered_rows(2), source=SOURCE)
    run_import(session, taxonomy, MODERATOR, numbered_rows(2), source=SOURCE, publish=True)
    third = run_import(session, taxonomy, MODERATOR, numbered_rows(2), source=SOURCE, publish=True)
    assert (third.updated, third.unchanged) == (0, 2)
    assert len(_events(session, "EX-1")) == 2


def test_publish_leaves_rejected_and_archived_clauses_alone(
    session: Session, taxonomy: Taxonomy
) -> None:
    run_import(session, taxonomy, MODERATOR, numbered_rows(2), source=SOURCE)
    first, second = session.exec(select(Clause).order_by(col(Clause.id))).all()
    for clause, steps in (
        (first, ["submit", "reject"]),
        (second, ["submit", "publish", "archive"]),
    ):
        for step in steps:
            reason = "not about digital work" if step == "reject" else None
            workflow.apply(session, MODERATOR, clause, workflow.Action(step), reason)
    session.commit()
    again = run_import(session, taxonomy, MODERATOR, numbered_rows(2), source=SOURCE, publish=True)
    assert (again.unchanged, again.published) == (2, 0)
    assert _statuses(session) == {"EX-1": "rejected", "EX-2": "archived"}


def test_document_clauses_stay_drafts_when_published_again(
    session: Session, taxonomy: Taxonomy
) -> None:
    row = SourceRow(2, source_row().values, review=Review("Article 1", "detected en (0.99)"))
    run_import(session, taxonomy, MODERATOR, [row], source=SOURCE)
    again = run_import(session, taxonomy, MODERATOR, [row], source=SOURCE, publish=True)
    assert (again.unchanged, again.published) == (1, 0)
    assert _statuses(session) == {"EX-1": "draft"}


def test_a_contributor_updates_its_own_drafts(session: Session, taxonomy: Taxonomy) -> None:
    affiliate = make_affiliate(session)
    caller = Caller(role=Role.contributor, affiliate_id=affiliate.id)
    run_import(session, taxonomy, caller, [source_row()], source=SOURCE)
    edited = [source_row(text="The Employer shall give ninety days' notice.")]
    report = run_import(session, taxonomy, caller, edited, source=SOURCE)
    assert (report.updated, report.rejected) == (1, 0)
    assert session.exec(select(Clause.text)).one() == "The Employer shall give ninety days' notice."


def test_a_contributor_may_not_change_a_clause_under_review(
    session: Session, taxonomy: Taxonomy
) -> None:
    affiliate = make_affiliate(session)
    caller = Caller(role=Role.contributor, affiliate_id=affiliate.id)
    run_import(session, taxonomy, caller, [source_row()], source=SOURCE)
    clause = session.exec(select(Clause)).one()
    workflow.apply(session, caller, clause, workflow.Action.submit, None)
    session.commit()
    edited = [source_row(7, text="The Employer shall give ninety days' notice.")]
    report = run_import(session, taxonomy, caller, edited, source=SOURCE)
    assert report.rejected == 1
    assert [(e.row, e.field) for e in report.errors] == [(7, "row")]
    assert "only be changed by a moderator" in report.errors[0].reason
    session.expire_all()
    assert session.exec(select(Clause.text)).one() == source_row().values["text"]
