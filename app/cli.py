"""The `commons` command: serve, migrate, seed, index, affiliates and keys."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from sqlmodel import Session, select

from app import migrate as migrations
from app.affiliates.keys import create_key
from app.affiliates.models import Affiliate, ApiKey, Role
from app.clauses.models import utcnow
from app.clauses.seed import seed_clauses
from app.db import make_engine
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
app.add_typer(affiliates, name="affiliates")
app.add_typer(keys, name="keys")
console = Console(stderr=True)


def _indexer() -> Indexer:
    settings = get_settings()
    backend = make_backend(settings)
    backend.ensure_ready()
    return Indexer(make_engine(settings), backend, load_taxonomy(settings.taxonomy_dir))


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Default: COMMONS_HOST")] = None,
    port: Annotated[int | None, typer.Option(help="Default: COMMONS_PORT")] = None,
) -> None:
    """Run the web service."""
    import uvicorn

    from app.main import create_app

    settings = get_settings()
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        log_level=settings.log_level,
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
    with Session(make_engine(settings)) as session:
        report = seed_clauses(session, taxonomy, settings.clauses_dir)
    console.print(
        f"model clauses: {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged"
    )


@app.command()
def index() -> None:
    """Apply the waiting search changes (the outbox) now."""
    indexer = _indexer()
    applied = indexer.drain()
    console.print(f"applied {applied} changes; {indexer.backlog()} still waiting")
    if indexer.last_error:
        console.print(f"[red]search backend: {indexer.last_error}[/red]")
        raise typer.Exit(1)


@app.command()
def reindex() -> None:
    """Rebuild the search index from the database (a fresh index, swapped in)."""
    count = _indexer().rebuild()
    console.print(f"indexed {count} published clauses")


@affiliates.command("create")
def affiliates_create(
    name: str, country: Annotated[str, typer.Option(help="ISO 3166-1 alpha-2")]
) -> None:
    """Register an affiliate union."""
    settings = get_settings()
    taxonomy = load_taxonomy(settings.taxonomy_dir)
    code = country.strip().upper()
    if not taxonomy.is_country(code):
        console.print(f"[red]{country!r} is not an ISO 3166-1 alpha-2 country code[/red]")
        raise typer.Exit(2)
    with Session(make_engine(settings)) as session:
        if session.exec(select(Affiliate).where(Affiliate.name == name)).first():
            console.print(f"[red]an affiliate named {name!r} exists already[/red]")
            raise typer.Exit(2)
        session.add(Affiliate(name=name, country=code))
        session.commit()
    console.print(f"affiliate {name!r} ({code}) created")


@keys.command("create")
def keys_create(
    role: Annotated[Role, typer.Option(help="contributor, moderator or admin")],
    affiliate: Annotated[str | None, typer.Option(help="Affiliate name (contributors)")] = None,
    label: Annotated[str, typer.Option(help="What the key is for")] = "",
) -> None:
    """Make an API key; it is printed once, alone on the last line, and stored only as a hash."""
    with Session(make_engine(get_settings())) as session:
        owner = None
        if affiliate is not None:
            owner = session.exec(select(Affiliate).where(Affiliate.name == affiliate)).first()
            if owner is None:
                console.print(f"[red]no affiliate named {affiliate!r}[/red]")
                raise typer.Exit(2)
        elif role == Role.contributor:
            console.print("[red]a contributor key belongs to an affiliate: use --affiliate[/red]")
            raise typer.Exit(2)
        record, plain = create_key(session, role, owner, label)
        session.commit()
        console.print(f"key {record.prefix} ({role.value}) created; it will not be shown again")
    typer.echo(plain)


@keys.command("revoke")
def keys_revoke(
    prefix: Annotated[str, typer.Argument(help="The key's prefix (after 'cc_')")],
) -> None:
    """Revoke a key at once."""
    with Session(make_engine(get_settings())) as session:
        record = session.exec(select(ApiKey).where(ApiKey.prefix == prefix)).first()
        if record is None:
            console.print(f"[red]no key with prefix {prefix!r}[/red]")
            raise typer.Exit(2)
        record.revoked_at = utcnow()
        session.add(record)
        session.commit()
    console.print(f"key {prefix} revoked")


if __name__ == "__main__":
    app()
