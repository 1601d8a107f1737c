"""An import report for people (a terminal) and for programs (a JSON-ready dict)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rich.console import Console
from rich.table import Table

from app.imports.model import ImportReport

SHOWN_ERRORS = 50  # the terminal shows the first ones; `report_dict` has them all


def report_dict(report: ImportReport) -> dict[str, Any]:
    """Everything in the report, as plain data (for an API job's result)."""
    data = asdict(report)
    for reviewed, raw in zip(report.reviews, data["reviews"], strict=True):
        for kind in ("themes", "subthemes"):
            for suggestion, shown in zip(
                getattr(reviewed.review, kind), raw["review"][kind], strict=True
            ):
                shown["reason"] = suggestion.reason
    return data


def stored_report(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """A job's report as stored, in today's shape: reports stored before rejected rows were
    named by their place in the file have `place` and `external_id` as null."""
    if data is None:
        return None
    errors = [{"place": None, "external_id": None, **error} for error in data.get("errors", [])]
    return {**data, "errors": errors}


def print_report(console: Console, name: str, report: ImportReport, notes: list[str]) -> None:
    """The counts, then every problem: unknown columns, rejected rows, notes, review items."""
    heading = f"{name}: dry run, nothing written" if report.dry_run else f"{name}: imported"
    # Soft wrap: a long file name or column list stays on one line, whole in logs and greps.
    console.print(f"[bold]{heading}[/bold] (source {report.source!r})", soft_wrap=True)
    counts = (
        f"rows read {report.rows_read} · created {report.created} · updated {report.updated}"
        f" · unchanged {report.unchanged} · rejected {report.rejected}"
    )
    if report.published:
        counts += f" · drafts published {report.published}"
    console.print(counts, soft_wrap=True)
    if report.stopped:
        console.print(f"[red]  stopped early: {report.stopped}[/red]", soft_wrap=True)
    for note in notes + report.notes:
        console.print(f"  note: {note}", soft_wrap=True)
    if report.unknown_columns:
        listed = ", ".join(f"{c!r} (row {r})" for c, r in report.unknown_columns.items())
        console.print(f"[yellow]  unknown columns, not imported: {listed}[/yellow]", soft_wrap=True)
    if report.errors:
        _errors(console, report)
    if report.reviews:
        _reviews(console, report)


def _errors(console: Console, report: ImportReport) -> None:
    table = Table(
        "where", "external_id", "field", "reason", title="rejected rows", title_justify="left"
    )
    for error in report.errors[:SHOWN_ERRORS]:
        where = str(error.place or f"row {error.row}")
        table.add_row(where, error.external_id or "-", error.field, error.reason)
    console.print(table)
    more = len(report.errors) - SHOWN_ERRORS + report.errors_left_out
    if more > 0:
        console.print(f"  ... and {more} more errors")


def _reviews(console: Console, report: ImportReport) -> None:
    table = Table(
        "row", "article", "result", "clause", "language", "suggested",
        title="clauses to review (drafts)", title_justify="left",
    )  # fmt: skip
    for item in report.reviews:
        review = item.review
        suggested = "; ".join(f"{s.code} ({s.reason})" for s in (*review.subthemes, *review.themes))
        table.add_row(
            str(item.row), review.article or "-", item.outcome, item.clause_id or "-",
            review.language_reason, suggested or "none",
        )  # fmt: skip
    console.print(table)
