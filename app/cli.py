"""The `commons` command: serve, migrate, seed, index, back up, restore, affiliates, keys and
the translation lexicon."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from rich.console import Console
from sqlmodel import Session

from app import migrate as migrations
from app.affiliates import service
from app.affiliates.keys import Caller
from app.affiliates.models import Role
from app.affiliates.users import MIN_PASSWORD, create_user, delete_user, export_user
from app.backup import BackupRefused
from app.backup.dump import write_dump
from app.backup.files import is_sqlite_file, read_lines
from app.backup.restore import restore_dump
from app.backup.sqlite_copy import copy_online, restore_copy
from app.clauses.repository import ClauseFilter
from app.clauses.seed import seed_clauses
from app.clauses.service import audience_of
from app.db import make_engine, session_for
from app.errors import ProblemError
from app.exports.rows import clause_row, exported_clauses
from app.exports.writers import ExportFormat, csv_bytes, jsonl_lines, xlsx_bytes
from app.i18n.cli import i18n_app
from app.imports.cli import import_command
from app.imports.purge_cli import purge_command
from app.search.dictionaries.cli import lexicon_app
from app.search.indexer import Indexer
from app.search.runtime import make_backend
from app.settings import get_settings
from app.taxonomy.loader import load_taxonomy

app = typer.Typer(
    help="Clause Commons: collective bargaining clauses for unions.", no_args_is_help=True
)
affiliates = typer.Typer(
    help="Affiliates: the unions that contribute clauses.", no_args_is_help=True
)
keys = typer.Typer(help="API keys for the REST API.", no_args_is_help=True)
users = typer.Typer(help="Web users: create, export their data, erase.", no_args_is_help=True)
app.add_typer(affiliates, name="affiliates")
app.add_typer(keys, name="keys")
app.add_typer(users, name="users")
app.add_typer(i18n_app, name="i18n")
app.add_typer(lexicon_app, name="lexicon")
app.command("import")(import_command)
app.command("purge")(purge_command)
console = Console(stderr=True)


@app.callback()
def _check_settings() -> None:
    # Settings are checked before any command runs, so a refused one (production without a
    # real secret key) is one clear line instead of a traceback.
    try:
        get_settings()
    except ValidationError as exc:
        _fail("; ".join(_setting_error(error) for error in exc.errors()))


def _setting_error(error: ErrorDetails) -> str:
    message = error["msg"].removeprefix("Value error, ")
    if not error["loc"]:
        return message
    return f"COMMONS_{str(error['loc'][0]).upper()}: {message}"


@contextmanager
def _indexer() -> Iterator[Indexer]:
    settings = get_settings()
    backend = make_backend(settings)
    backend.ensure_ready()
    engine = make_engine(settings)
    try:
        yield Indexer(engine, backend, load_taxonomy(settings.taxonomy_dir))
    finally:
        engine.dispose()


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Default: COMMONS_HOST")] = None,
    port: Annotated[int | None, typer.Option(help="Default: COMMONS_PORT")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, max=32, help="Default: COMMONS_WORKERS (auto: one per core)"),
    ] = None,
) -> None:
    """Run the web service."""
    import uvicorn

    from app.main import create_app
    from app.serving.supervisor import serve_workers

    settings = get_settings()
    count = workers or settings.worker_count
    if count > 1:
        serve_workers(settings, host or settings.host, port or settings.port, count)
        return
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        log_level=settings.log_level,
        timeout_keep_alive=settings.keep_alive_s,
        # No access log: it would record readers' addresses and searches (see README, privacy).
        access_log=False,
    )


@app.command()
def migrate(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Bring the database schema up to a revision (default: the newest)."""
    migrations.upgrade(get_settings(), revision)
    console.print(f"database at {revision}")


@app.command()
def downgrade(revision: Annotated[str, typer.Argument()]) -> None:
    """Take the database schema back to a revision (`base` empties it)."""
    migrations.downgrade(get_settings(), revision)
    console.print(f"database at {revision}")


@app.command()
def seed() -> None:
    """Load the model clause library as published model clauses (safe to run again)."""
    settings = get_settings()
    taxonomy = load_taxonomy(settings.taxonomy_dir)
    with session_for(settings) as session:
        report = seed_clauses(session, taxonomy, settings.clauses_dir)
    console.print(
        f"model clauses: {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged"
    )


@app.command()
def index() -> None:
    """Apply the waiting search changes (the outbox) now."""
    with _indexer() as indexer:
        applied = indexer.drain()
        console.print(f"applied {applied} changes; {indexer.backlog()} still waiting")
        error = indexer.last_error
    if error:
        console.print(f"[red]search backend: {error}[/red]")
        raise typer.Exit(1)


@app.command()
def reindex() -> None:
    """Rebuild the search index from the database (a fresh index, swapped in)."""
    with _indexer() as indexer:
        count = indexer.rebuild()
    console.print(f"indexed {count} published clauses")


class BackupFormat(StrEnum):
    jsonl = "jsonl"
    sqlite = "sqlite"


@app.command()
def backup(
    path: Annotated[Path, typer.Argument(help="File to write (a .gz name is gzipped)")],
    format: Annotated[
        BackupFormat,
        typer.Option(help="jsonl: any database, portable; sqlite: SQLite's online copy"),
    ] = BackupFormat.jsonl,
) -> None:
    """Back up the database while the service runs; the file is readable only by its owner."""
    settings = get_settings()
    try:
        if format == BackupFormat.sqlite:
            copy = copy_online(settings, path)
            console.print(f"SQLite copy at migration {copy.revision}: {copy.bytes} bytes in {path}")
            return
        engine = make_engine(settings)
        try:
            summary = write_dump(settings, engine, path)
        finally:
            engine.dispose()
    except BackupRefused as exc:
        _fail(str(exc))
    tables = sum(1 for count in summary.counts.values() if count)
    console.print(
        f"{summary.rows} rows from {tables} tables at migration {summary.revision} in {path}"
    )


@app.command()
def restore(
    path: Annotated[Path, typer.Argument(help="A dump or SQLite copy made by `commons backup`")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Delete everything in the database first")
    ] = False,
) -> None:
    """Restore a backup into an empty database at the same migration, then rebuild search."""
    settings = get_settings()
    if not path.is_file():
        _fail(f"no file at {path}")
    engine = make_engine(settings)
    try:
        if is_sqlite_file(path):
            revision = restore_copy(settings, engine, path, replace=replace)
            console.print(f"SQLite copy at migration {revision} restored")
        else:
            summary = restore_dump(settings, engine, read_lines(path), replace=replace)
            console.print(f"{summary.rows} rows restored at migration {summary.revision}")
    except BackupRefused as exc:
        _fail(str(exc))
    finally:
        engine.dispose()
    reindex()


def _fail(message: str) -> NoReturn:
    console.print(f"[red]{message}[/red]")
    raise typer.Exit(2)


@contextmanager
def _session() -> Iterator[Session]:
    """A session that commits on success; a refused change prints its reason and exits 2."""
    with session_for(get_settings()) as session:
        try:
            yield session
            session.commit()
        except ProblemError as exc:
            session.rollback()
            _fail(exc.detail)


@app.command("export")
def export(
    path: Annotated[Path, typer.Argument(help="File to write")],
    format: Annotated[ExportFormat, typer.Option(help="csv, jsonl or xlsx")] = ExportFormat.csv,
) -> None:
    """Write every clause, as the secretariat sees them, with licence and attribution."""
    with session_for(get_settings()) as session:
        everything = audience_of(Caller(role=Role.admin))
        rows = [clause_row(c) for c in exported_clauses(session, ClauseFilter(), everything)]
    if format == ExportFormat.jsonl:
        path.write_bytes(b"".join(jsonl_lines(iter(rows))))
    else:
        path.write_bytes(csv_bytes(rows) if format == ExportFormat.csv else xlsx_bytes(rows))
    console.print(f"{len(rows)} clauses written to {path}")


@affiliates.command("create")
def affiliates_create(
    name: str, country: Annotated[str, typer.Option(help="ISO 3166-1 alpha-2")]
) -> None:
    """Register an affiliate union."""
    taxonomy = load_taxonomy(get_settings().taxonomy_dir)
    with _session() as session:
        affiliate = service.create_affiliate(session, taxonomy, name, country)
        console.print(f"affiliate {affiliate.name!r} ({affiliate.country}) created")


@keys.command("create")
def keys_create(
    role: Annotated[Role, typer.Option(help="contributor, moderator or admin")],
    affiliate: Annotated[str | None, typer.Option(help="Affiliate name (contributors)")] = None,
    label: Annotated[str, typer.Option(help="What the key is for")] = "",
) -> None:
    """Make an API key; it is printed once, alone on the last line, and stored only as a hash."""
    with _session() as session:
        key = service.issue_key(session, role, affiliate, label)
    console.print(f"key {key.prefix} ({role.value}) created; it will not be shown again")
    typer.echo(key.key)


@keys.command("list")
def keys_list() -> None:
    """Every key: prefix, role, affiliate, last use, revocation (never the secret)."""
    with _session() as session:
        for key in service.list_keys(session):
            state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
            used = f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never used"
            typer.echo(
                f"{key.prefix}  {key.role.value:<11} {key.affiliate or '-'}  {used}  {state}"
            )


@keys.command("revoke")
def keys_revoke(
    prefix: Annotated[str, typer.Argument(help="The key's prefix (after 'cc_')")],
) -> None:
    """Revoke a key at once."""
    with _session() as session:
        service.revoke_key(session, prefix)
    console.print(f"key {prefix} revoked")


@users.command("create")
def users_create(
    login: str,
    display_name: Annotated[str, typer.Option("--name", help="Name shown to others")],
    role: Annotated[Role, typer.Option(help="contributor, moderator or admin")],
    affiliate: Annotated[str | None, typer.Option(help="Affiliate name (contributors)")] = None,
) -> None:
    """Create a web user; the password is asked for, never passed on the command line."""
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD:
        _fail(f"the password needs at least {MIN_PASSWORD} characters")
    with _session() as session:
        owner = service.affiliate_by_name(session, affiliate) if affiliate else None
        if role == Role.contributor and owner is None:
            _fail("a contributor belongs to an affiliate: use --affiliate")
        create_user(session, login, display_name, password, role, owner)
    console.print(f"user {login} created")


@users.command("export")
def users_export(login: str) -> None:
    """Print everything stored about one person, as JSON (right of access)."""
    with _session() as session:
        typer.echo(json.dumps(export_user(session, login), indent=2, ensure_ascii=False))


@users.command("delete")
def users_delete(
    login: str, yes: Annotated[bool, typer.Option("--yes", help="Do not ask")] = False
) -> None:
    """Erase a person and their keys; their affiliate keeps its clauses (right of erasure)."""
    if not yes:
        typer.confirm(f"Erase user {login} and their keys?", abort=True)
    with _session() as session:
        delete_user(session, login)
    console.print(f"user {login} erased")


if __name__ == "__main__":
    app()
