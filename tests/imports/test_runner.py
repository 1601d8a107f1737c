"""The import runner on the database: created, updated, unchanged, rejected; safe to re-run."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import pytest
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.affiliates.deps import Forbidden
from app.affiliates.keys import Caller
from app.affiliates.models import Role
from app.clauses.models import Clause, ClauseStatus
from app.imports.errors import FileRefused
from app.imports.model import ImportReport, Progress, Review, SourceRow, ThemeSuggestion
from app.imports.report import report_dict
from app.imports.runner import run_import
from app.search.outbox_model import SearchOutbox
from app.taxonomy.model import Taxonomy
from tests.builders.clauses import make_affiliate
from tests.imports.builders import numbered_rows, source_row

SECRETARIAT = Caller(role=Role.admin)
SOURCE = "import:test"


def _count(session: Session, model: type[Clause] | type[SearchOutbox] = Clause) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def _run(
    session: Session,
    taxonomy: Taxonomy,
    rows: Iterable[SourceRow],
    *,
    dry_run: bool = False,
    publish: bool = False,
    batch_size: int = 500,
    on_progress: Progress | None = None,
) -> ImportReport:
    return run_import(
        session, taxonomy, SECRETARIAT, rows, source=SOURCE, dry_run=dry_run, publish=publish,
        batch_size=batch_size, on_progress=on_progress,
    )  # fmt: skip


def test_new_rows_are_created(session: Session, taxonomy: Taxonomy) -> None:
    report = _run(session, taxonomy, numbered_rows(3))
    assert (report.rows_read, report.created, report.rejected) == (3, 3, 0)
    assert _count(session) == 3


def test_running_the_same_rows_again_changes_nothing(session: Session, taxonomy: Taxonomy) -> None:
    _run(session, taxonomy, numbered_rows(3))
    again = _run(session, taxonomy, numbered_rows(3))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert _count(session) == 3


def test_a_changed_row_updates_its_clause(session: Session, taxonomy: Taxonomy) -> None:
    _run(session, taxonomy, [source_row()])
    report = _run(session, taxonomy, [source_row(text="A new text agreed in 2025.")])
    assert (report.updated, report.created) == (1, 0)
    clause = session.exec(select(Clause).where(Clause.external_id == "EX-1")).one()
    assert clause.text == "A new text agreed in 2025."


def test_fields_the_file_does_not_give_are_left_alone(session: Session, taxonomy: Taxonomy) -> None:
    _run(session, taxonomy, [source_row()])
    short = SourceRow(2, {"external_id": "EX-1", "title": "Notice, retitled",
                          "text": source_row().values["text"], "language": "en"})  # fmt: skip
    _run(session, taxonomy, [short])
    session.expire_all()
    clause = session.exec(select(Clause).where(Clause.external_id == "EX-1")).one()
    assert (clause.title, clause.tags, clause.country) == (
        "Notice, retitled",
        ["monitoring", "notice"],
        "PH",
    )


def test_rejected_rows_are_reported_and_write_nothing(session: Session, taxonomy: Taxonomy) -> None:
    report = _run(session, taxonomy, [source_row(5, language="xx", country="ZZ")])
    assert report.rejected == 1
    assert {(e.row, e.field) for e in report.errors} == {(5, "language"), (5, "country")}
    assert _count(session) == 0


def test_unknown_columns_are_in_the_report(session: Session, taxonomy: Taxonomy) -> None:
    report = _run(session, taxonomy, [source_row(3, colour="red"), source_row(4, colour="blue")])
    assert report.unknown_columns == {"colour": 3}


def test_a_dry_run_reports_but_writes_nothing(session: Session, taxonomy: Taxonomy) -> None:
    report = _run(session, taxonomy, numbered_rows(4), dry_run=True, batch_size=3)
    assert (report.created, report.dry_run) == (4, True)
    assert (_count(session), _count(session, SearchOutbox)) == (0, 0)


def test_rows_without_an_id_are_found_again_by_content(
    session: Session, taxonomy: Taxonomy
) -> None:
    rows = numbered_rows(3, external_id="")
    _run(session, taxonomy, rows)
    again = _run(session, taxonomy, rows)
    assert (again.created, again.unchanged) == (0, 3)
    assert _count(session) == 3


def test_the_same_id_twice_in_one_file_rejects_the_second(
    session: Session, taxonomy: Taxonomy
) -> None:
    report = _run(session, taxonomy, [source_row(2), source_row(9, title="Another title")])
    assert [(e.row, e.field, e.reason) for e in report.errors] == [
        (9, "external_id", "already used on row 2")
    ]


def test_the_same_text_twice_without_ids_rejects_the_second(
    session: Session, taxonomy: Taxonomy
) -> None:
    report = _run(session, taxonomy, [source_row(2, external_id=""), source_row(3, external_id="")])
    assert [(e.row, e.field) for e in report.errors] == [(3, "text")]


def test_an_id_never_takes_over_a_clause_with_another_id(
    session: Session, taxonomy: Taxonomy
) -> None:
    _run(session, taxonomy, [source_row(external_id="EX-1")])
    report = _run(session, taxonomy, [source_row(external_id="EX-2")])
    assert report.created == 1
    assert _count(session) == 2


def test_the_progress_callback_hears_each_committed_batch(
    session: Session, taxonomy: Taxonomy
) -> None:
    heard: list[int] = []
    _run(session, taxonomy, numbered_rows(5), batch_size=2, on_progress=heard.append)
    assert heard == [2, 4, 5]


def test_imports_are_drafts_unless_published(session: Session, taxonomy: Taxonomy) -> None:
    _run(session, taxonomy, [source_row(external_id="D")])
    _run(session, taxonomy, [source_row(external_id="P", title="Other")], publish=True)
    statuses = dict(session.exec(select(Clause.external_id, Clause.status)).all())
    assert statuses == {"D": ClauseStatus.draft, "P": ClauseStatus.published}


def test_only_moderators_may_import_as_published(session: Session, taxonomy: Taxonomy) -> None:
    affiliate = make_affiliate(session)
    contributor = Caller(role=Role.contributor, affiliate_id=affiliate.id)
    with pytest.raises(Forbidden):
        run_import(session, taxonomy, contributor, [source_row()], source=SOURCE, publish=True)


def test_clauses_are_attributed_to_the_importing_affiliate(
    session: Session, taxonomy: Taxonomy
) -> None:
    affiliate = make_affiliate(session)
    caller = Caller(role=Role.admin, affiliate_id=affiliate.id)
    run_import(session, taxonomy, caller, [source_row()], source=SOURCE)
    assert session.exec(select(Clause.affiliate_id)).one() == affiliate.id


def test_clauses_from_documents_stay_drafts_and_are_reviewed(
    session: Session, taxonomy: Taxonomy
) -> None:
    review = Review("Article 4", "detected en (0.99)")
    row = SourceRow(4, source_row().values, review=review)
    report = _run(session, taxonomy, [row], publish=True)
    clause = session.exec(select(Clause)).one()
    assert clause.status == ClauseStatus.draft
    assert [(r.row, r.outcome, r.clause_id) for r in report.reviews] == [
        (4, "created", clause.public_id)
    ]


def test_each_batch_is_committed_as_it_ends(session: Session, taxonomy: Taxonomy) -> None:
    seen: list[int] = []

    def count_committed(done: int) -> None:
        with Session(session.get_bind()) as other:
            seen.append(len(other.exec(select(col(Clause.id))).all()))

    _run(session, taxonomy, numbered_rows(5), batch_size=2, on_progress=count_committed)
    assert seen == [2, 4, 5]


def test_the_report_as_data_carries_every_suggestion_reason(
    session: Session, taxonomy: Taxonomy
) -> None:
    suggestion = ThemeSuggestion("4.1", "Telework", 2, ("telework",))
    review = Review("Article 4", "detected en (0.99)", (), (suggestion,))
    report = _run(session, taxonomy, [SourceRow(4, source_row().values, review=review)])
    data = report_dict(report)
    assert data["reviews"][0]["review"]["subthemes"][0]["reason"] == "matched 'telework'"
    assert json.dumps(data, default=str)


def test_a_file_that_breaks_half_way_keeps_the_rows_before(
    session: Session, taxonomy: Taxonomy
) -> None:
    def breaking() -> Iterator[SourceRow]:
        yield from numbered_rows(2)
        raise FileRefused("clauses.csv, after row 3: the file cannot be read further")

    report = _run(session, taxonomy, breaking())
    assert (report.created, report.stopped) == (
        2,
        "clauses.csv, after row 3: the file cannot be read further",
    )
    assert _count(session) == 2


def test_a_row_with_an_id_never_takes_the_clause_of_a_row_without_one_in_the_same_file(
    session: Session, taxonomy: Taxonomy
) -> None:
    rows = [source_row(2, external_id=""), source_row(3, external_id="EX-9")]  # same text
    first = _run(session, taxonomy, rows, batch_size=1)
    again = _run(session, taxonomy, rows, batch_size=1)
    assert (first.created, again.created, again.unchanged) == (2, 0, 2)
    assert _count(session) == 2
