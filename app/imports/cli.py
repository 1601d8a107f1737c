"""`commons import PATH...`: import files as the secretariat, with a progress bar and a report."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from sqlmodel import Session

from app.affiliates.keys import Caller
from app.affiliates.models import Affiliate, Role
from app.affiliates.service import affiliate_by_name
from app.db import session_for
from app.errors import InvalidInput
from app.imports.documents.agreement import AgreementMeta
from app.imports.errors import FileRefused
from app.imports.model import ImportReport
from app.imports.readers import STRUCTURED, format_of
from app.imports.report import print_report
from app.imports.runner import run_import
from app.imports.sources import file_rows
from app.settings import get_settings
from app.taxonomy.loader import load_taxonomy
from app.taxonomy.model import Taxonomy

console = Console(stderr=True)


class ImportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    jsonl = "jsonl"
    json = "json"
    docx = "docx"
    pdf = "pdf"
    html = "html"
    txt = "txt"


def default_source(affiliate: Affiliate | None) -> str:
    """Where imported clauses are filed: one source per affiliate (ids stay unique within it)."""
    return f"import:affiliate-{affiliate.id}" if affiliate is not None else "import:secretariat"


def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(exists=True, dir_okay=False, readable=True, help="Files to import"),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check everything and report; write nothing")
    ] = False,
    publish: Annotated[
        bool,
        typer.Option(
            "--publish",
            help="Import as published, and publish the drafts an earlier import left "
            "(clauses from documents stay drafts)",
        ),
    ] = False,
    affiliate: Annotated[
        str | None, typer.Option(help="Name of the affiliate the clauses come from")
    ] = None,
    format: Annotated[
        ImportFormat | None, typer.Option("--format", help="Default: from the file name")
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(help="Archive name for external ids (default: one per affiliate)"),
    ] = None,
) -> None:
    """Import clauses from spreadsheets, JSON exports or agreement documents.

    A document's metadata (agreement title, country, union, employer, year, language hint...)
    is read from a YAML file beside it with the same name: `cba-2024.pdf` + `cba-2024.yaml`.
    """
    settings = get_settings()
    taxonomy = load_taxonomy(settings.taxonomy_dir)
    refused = 0
    with session_for(settings) as session:
        owner = _affiliate(session, affiliate)
        caller = Caller(role=Role.admin, affiliate_id=owner.id if owner else None)
        archive = source or default_source(owner)
        for path in paths:
            try:
                fmt = format_of(path, format.value if format else None)
                report, notes = _import_file(
                    session, taxonomy, caller, path, fmt, archive, dry_run, publish
                )
            except FileRefused as exc:
                console.print(f"[red]{path}: {exc.detail}[/red]", soft_wrap=True)
                refused += 1
                continue
            print_report(console, str(path), report, notes)
            refused += report.stopped is not None
    if refused:
        raise typer.Exit(2)


def _affiliate(session: Session, name: str | None) -> Affiliate | None:
    if name is None:
        return None
    try:
        return affiliate_by_name(session, name)
    except InvalidInput:
        console.print(f"[red]no affiliate named {name!r} (see `commons affiliates create`)[/red]")
        raise typer.Exit(2) from None


def _import_file(
    session: Session,
    taxonomy: Taxonomy,
    caller: Caller,
    path: Path,
    fmt: str,
    source: str,
    dry_run: bool,
    publish: bool,
) -> tuple[ImportReport, list[str]]:
    meta = AgreementMeta() if fmt in STRUCTURED else read_meta(path)
    with file_rows(path, fmt, meta, taxonomy) as source_rows:
        with _progress(path.name, source_rows.total) as advance:
            report = run_import(
                session, taxonomy, caller, source_rows.rows, source=source, dry_run=dry_run,
                publish=publish, on_progress=advance,
            )  # fmt: skip
        return report, source_rows.notes


def read_meta(path: Path) -> AgreementMeta:
    """The metadata in the YAML file beside a document, if there is one."""
    for side in (path.with_suffix(".yaml"), path.with_suffix(".yml")):
        if side.is_file():
            try:
                data = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
                raise FileRefused(f"{side.name}: {exc}") from exc
            if not isinstance(data, dict):
                raise FileRefused(f"{side.name}: expected fields such as 'title: ...'")
            return AgreementMeta.from_mapping(data, side.name)
    return AgreementMeta()


@contextmanager
def _progress(name: str, total: int | None) -> Iterator[Callable[[int], None]]:
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn() if total else TextColumn("{task.completed} rows"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(name, total=total)
        yield lambda done: progress.update(task, completed=done)
