"""Run an import: each row is created, updated, left unchanged or rejected; commits per batch.

Rows are read and checked one by one, then written a batch at a time (`bulk`): one statement
per table per batch, in one transaction. Safe to re-run: a row finds its clause again by
(source, external_id), or by content among the source's clauses without an id, so a second run
creates nothing twice. A crash loses at most the batch in progress, never part of a row or of a
batch, and the next run finishes the job.

A dry run goes through exactly the same steps and rolls every batch back. A file that cannot be
read past some row (a broken encoding, a truncated export) keeps the rows before it, and the
report says where and why it stopped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice

from sqlmodel import Session

from app.affiliates.deps import Forbidden
from app.affiliates.keys import Caller
from app.errors import Conflict
from app.imports.bulk import Batch, Written, write_batch
from app.imports.errors import FileRefused, ImportInterrupted
from app.imports.model import ImportReport, Place, Progress, ReviewedRow, RowError, SourceRow
from app.imports.rows import MappedRow, external_id_of, map_row
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
    ids: dict[str, Place] = field(default_factory=dict)  # where each id was first seen
    hashes: dict[str, Place] = field(default_factory=dict)
    claimed: set[int] = field(default_factory=set)
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
    """Import `rows` into `source` as `caller`; see the module docstring for the guarantees.

    `on_progress` hears the number of rows done after each batch is committed.
    """
    if publish and not caller.moderates:
        raise Forbidden("only moderators and admins may import clauses as published")
    run = _Run(session, taxonomy, caller, source, publish, ImportReport(source, dry_run))
    try:
        for batch in _batches(_until_unreadable(rows, run.report), batch_size):
            _import_batch(run, batch)
            if dry_run:
                session.rollback()
            else:
                session.commit()
            run.last_commit_row = batch[-1].number
            if on_progress is not None:
                on_progress(run.report.rows_read)
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


def _batches(rows: Iterator[SourceRow], size: int) -> Iterator[list[SourceRow]]:
    while batch := list(islice(rows, max(1, size))):
        yield batch


def _import_batch(run: _Run, batch: list[SourceRow]) -> None:
    """Check every row of the batch, write the valid ones together, report each in order."""
    checked = [(source_row, _check(run, source_row)) for source_row in batch]
    valid = [row for _, row in checked if isinstance(row, MappedRow)]
    context = Batch(run.session, run.taxonomy, run.caller, run.source, run.publish, run.claimed)
    try:
        written = write_batch(context, valid)
    except Conflict as exc:
        if run.session.in_transaction():
            raise
        # The batch was rolled back whole: stop rather than miscount.
        raise ImportInterrupted(
            f"rows {batch[0].number} to {batch[-1].number}: {exc.detail}; rows up to "
            f"{run.last_commit_row} are saved. Run the import again to finish it."
        ) from exc
    results = iter(written)
    for source_row, row in checked:
        if isinstance(row, MappedRow):
            _finish(run, source_row, next(results))
        else:
            _finish(run, source_row, Written("rejected", errors=tuple(row)))


def _check(run: _Run, source_row: SourceRow) -> MappedRow | list[RowError]:
    """The row as a valid clause, or why it is rejected (bad fields, or a duplicate in the file)."""
    run.report.rows_read += 1
    mapped = map_row(source_row, run.taxonomy)
    for column in mapped.unknown:
        run.report.saw_unknown(column, source_row.number)
    if mapped.row is None:
        return mapped.errors
    duplicate = _duplicate_in_file(run, mapped.row, source_row.where)
    return [duplicate] if duplicate is not None else mapped.row


def _duplicate_in_file(run: _Run, row: MappedRow, place: Place) -> RowError | None:
    """Two rows of one import must not stand for the same clause (the second would win)."""
    clause = row.clause
    if clause.external_id:
        first = run.ids.setdefault(clause.external_id, place)
        if first != place:
            return RowError(row.number, "external_id", f"already used on {first}")
        return None
    first = run.hashes.setdefault(row.digest, place)
    if first != place:
        message = f"same title and text as {first}; give each row an external_id"
        return RowError(row.number, "text", message)
    return None


def _finish(run: _Run, source_row: SourceRow, result: Written) -> None:
    report = run.report
    if result.outcome == "rejected":
        # Named as people find the row again: its place in the file and its own id.
        place, external_id = source_row.where, external_id_of(source_row)
        report.reject([replace(e, place=place, external_id=external_id) for e in result.errors])
    elif result.outcome == "created":
        report.created += 1
    elif result.outcome == "updated":
        report.updated += 1
        report.published += result.published
    else:
        report.unchanged += 1
    if source_row.review is not None:
        shown_id = None if report.dry_run else result.clause_id
        report.reviews.append(
            ReviewedRow(source_row.number, result.outcome, shown_id, source_row.review)
        )
