"""`commons purge`: list what is past the retention (a dry run), and delete it with `--yes`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.filesize import decimal
from rich.table import Table

from app.db import session_for
from app.imports.retention import Expired, find_expired, purge
from app.settings import get_settings

console = Console(stderr=True)
NO_LOGS = "none kept: the service writes its log to standard error only"


def purge_command(
    yes: Annotated[
        bool, typer.Option("--yes", help="Delete what is listed (without it: a dry run)")
    ] = False,
) -> None:
    """Remove import jobs, their reports and uploaded files older than COMMONS_RETENTION_DAYS.

    Without --yes nothing is deleted: it lists what would go. Clauses are never touched, nor a
    job still queued or running.
    """
    settings = get_settings()
    with session_for(settings) as session:
        expired = find_expired(session, settings.upload_dir, settings.retention_days)
        _print_expired(expired, settings.retention_days)
        if not yes or expired.nothing:
            if not expired.nothing:
                console.print("dry run, nothing deleted: run `commons purge --yes` to delete it")
            return
        jobs = purge(session, expired)
        session.commit()
    console.print(f"deleted: import jobs and reports {jobs}, uploaded files {len(expired.uploads)}")


def _print_expired(expired: Expired, days: int) -> None:
    when = f"{expired.cutoff:%Y-%m-%d %H:%M} UTC"
    console.print(f"retention {days} days: what ended before {when} is past it", soft_wrap=True)
    table = Table("kind", "count", "size", title="past the retention", title_justify="left")
    table.add_row(
        "import jobs and reports", str(len(expired.job_ids)), decimal(expired.report_bytes)
    )
    table.add_row("uploaded files", str(len(expired.uploads)), decimal(expired.upload_bytes))
    console.print(table)
    console.print(f"logs: {NO_LOGS}", soft_wrap=True)
