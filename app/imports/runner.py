"""Run an import: each row is created, updated, left unchanged or rejected; commits per batch.

Safe to re-run: a row finds its clause again by (source, external_id), or by content among the
source's clauses without an id, so a second run creates nothing twice. A crash loses at most the
batch in progress, never part of a row, and the next run finishes the job.

A dry run goes through exactly the same steps, services included, and rolls every batch back.
A file that cannot be read past some row (a broken encoding, a truncated export) keeps the rows
before it, and the report says where and why it stopped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlmodel import Session

from app.affiliates.deps import Forbidden
from app.affiliates.keys import Caller
from app.clauses import service
from app.clauses.hashing import content_hash
from app.clauses.models import ClauseStatus
from app.clauses.present import present_one
from app.errors import Conflict, ProblemError
from app.imports.changes import changes_for
from app.imports.errors import FileRefused, ImportInterrupted
from app.imports.model import ImportReport, Outcome, Progress, ReviewedRow, RowError, SourceRow
from app.imports.repository import existing_clause
from app.imports.rows import MappedRow, map_row
from app.taxonomy.model import Taxonomy

BATCH_SIZE = 500


@dataclass
class _Run:
    """One import in progress: its settings, its report and the keys seen so far."""

    session: Session
    taxonomy: Taxonomy
    caller: Caller
    source: str
    publish: bool
    report: ImportReport
    ids: dict[str, int] = field(default_factory=dict)
    hashes: dict[str, int] = field(default_factory=dict)
    last_commit_row: int = 0


def run_import(
    session: Session,
    taxonomy: Taxonomy,
    caller: Caller,
    rows: Iterable[SourceRow],
    *,
    source: str,
    dry_run: bool = False,
    publish: bool = False,
    batch_size: int = BATCH_SIZE,
    on_progress: Progress | None = None,
) -> ImportReport:
    """Import `rows` into `source` as `caller`; see the module docstring for the guarantees."""
    if publish and not caller.moderates:
        raise Forbidden("only moderators and admins may import clauses as published")
    run = _Run(session, taxonomy, caller, source, publish, ImportReport(source, dry_run))
    pending = 0
    try:
        for row in _until_unreadable(rows, run.report):
            run.report.rows_read += 1
            _import_row(run, row)
            pending += 1
            if pending >= batch_size:
                _end_batch(run, row.number, dry_run)
                pending = 0
            if on_progress is not None:
                on_progress(run.report.rows_read)
        _end_batch(run, None, dry_run)
    except BaseException:
        session.rollback()
        raise
    return run.report


def _until_unreadable(rows: Iterable[SourceRow], report: ImportReport) -> Iterator[SourceRow]:
    """The rows, until the file cannot be read further: the report then says where it stopped."""
    iterator = iter(rows)
    while True:
        try:
            yield next(iterator)
        except StopIteration:
            return
        except FileRefused as exc:
            report.stopped = exc.detail
            return


def _end_batch(run: _Run, last_row: int | None, dry_run: bool) -> None:
    if dry_run:
        run.session.rollback()
    else:
        run.session.commit()
    if last_row is not None:
        run.last_commit_row = last_row


def _import_row(run: _Run, source_row: SourceRow) -> None:
    mapped = map_row(source_row, run.taxonomy)
    for column in mapped.unknown:
        run.report.saw_unknown(column, source_row.number)
    if mapped.row is None:
        _finish(run, source_row, "rejected", None, mapped.errors)
        return
    row = mapped.row
    duplicate = _duplicate_in_file(run, row)
    if duplicate is not None:
        _finish(run, source_row, "rejected", None, [duplicate])
        return
    try:
        outcome, clause_id = _write(run, row)
    except ProblemError as exc:
        if isinstance(exc, Conflict) and not run.session.in_transaction():
            # The clause service rolled the whole batch back: stop rather than miscount.
            raise ImportInterrupted(
                f"row {row.number}: {exc.detail}; rows up to {run.last_commit_row} are saved. "
                "Run the import again to finish it."
            ) from exc
        errors = [RowError(row.number, e["field"], e["message"]) for e in exc.errors]
        _finish(
            run, source_row, "rejected", None, errors or [RowError(row.number, "row", exc.detail)]
        )
        return
    _finish(run, source_row, outcome, clause_id, [])


def _duplicate_in_file(run: _Run, row: MappedRow) -> RowError | None:
    """Two rows of one import must not stand for the same clause (the second would win)."""
    clause = row.clause
    if clause.external_id:
        first = run.ids.setdefault(clause.external_id, row.number)
        if first != row.number:
            return RowError(row.number, "external_id", f"already used on row {first}")
        return None
    first = run.hashes.setdefault(content_hash(clause.title, clause.text), row.number)
    if first != row.number:
        message = f"same title and text as row {first}; give each row an external_id"
        return RowError(row.number, "text", message)
    return None


def _write(run: _Run, row: MappedRow) -> tuple[Outcome, str]:
    clause = row.clause
    published = run.publish and row.review is None  # document clauses always wait for review
    wanted = clause.model_copy(
        update={"status": ClauseStatus.published if published else ClauseStatus.draft}
    )
    digest = content_hash(clause.title, clause.text)
    found = existing_clause(run.session, run.source, clause.external_id, digest)
    if found is None:
        created = service.create_clause(
            run.session, run.taxonomy, run.caller, wanted, source=run.source
        )
        return "created", created.public_id
    update = changes_for(row, present_one(run.session, found))
    if update is None:
        return "unchanged", found.public_id
    service.update_clause(run.session, run.taxonomy, run.caller, found.public_id, update)
    return "updated", found.public_id


def _finish(
    run: _Run,
    source_row: SourceRow,
    outcome: Outcome,
    clause_id: str | None,
    errors: list[RowError],
) -> None:
    report = run.report
    if outcome == "rejected":
        report.reject(errors)
    elif outcome == "created":
        report.created += 1
    elif outcome == "updated":
        report.updated += 1
    else:
        report.unchanged += 1
    if source_row.review is not None:
        shown_id = None if report.dry_run else clause_id
        report.reviews.append(ReviewedRow(source_row.number, outcome, shown_id, source_row.review))
