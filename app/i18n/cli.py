"""`commons i18n`: extract the templates, update the catalogs, compile them."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from app.i18n import build
from app.i18n.catalogs import DOMAINS, LOCALES_DIR, template_path
from app.i18n.languages import normalize_language_tag

i18n_app = typer.Typer(
    help="Translations: gettext catalogs under locales/ (domains: messages, taxonomy).",
    no_args_is_help=True,
)
console = Console(stderr=True)


@i18n_app.command()
def extract(
    check: Annotated[
        bool, typer.Option("--check", help="Only report whether a template is stale.")
    ] = False,
) -> None:
    """Extract locales/messages.pot and locales/taxonomy.pot from the sources."""
    stale: list[str] = []
    for domain in DOMAINS:
        template = build.extract_template(domain)
        path = template_path(domain)
        if check:
            current = build.read_template(path)
            if current is None or build.message_keys(current) != build.message_keys(template):
                stale.append(path.name)
            continue
        written = build.write_template(template, path)
        state = "written" if written else "unchanged"
        console.print(f"{path.name}: {len(build.message_keys(template))} messages, {state}")
    if stale:
        console.print(f"[red]stale: {', '.join(stale)}; run `commons i18n extract`[/red]")
        raise typer.Exit(1)


@i18n_app.command()
def update(
    add: Annotated[
        list[str] | None,
        typer.Option("--add", help="Start a catalog for this language (BCP 47), repeatable."),
    ] = None,
    domain: Annotated[
        list[str] | None, typer.Option(help="Only this domain (messages or taxonomy).")
    ] = None,
) -> None:
    """Merge the templates into every catalog; new and changed messages await translation."""
    try:
        new = tuple(normalize_language_tag(tag) for tag in add or [])
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    unknown = sorted(set(domain or []) - set(DOMAINS))
    if unknown:
        console.print(f"[red]unknown domain {', '.join(unknown)}; one of {DOMAINS}[/red]")
        raise typer.Exit(2)
    for name in domain or DOMAINS:
        for path in build.update_catalogs(name, new):
            console.print(f"updated {path.relative_to(LOCALES_DIR)}")


@i18n_app.command("compile")
def compile_() -> None:
    """Compile every catalog to .mo (the install step runs this)."""
    failed = False
    for result in build.compile_catalogs():
        name = result.po.relative_to(LOCALES_DIR)
        fuzzy = f", {result.fuzzy} fuzzy" if result.fuzzy else ""
        console.print(f"{name}: {result.translated}/{result.total} translated{fuzzy}")
        for problem in result.problems:
            failed = True
            console.print(f"[red]  {problem}[/red]")
    if failed:
        console.print("[red]catalogs with problems were not compiled[/red]")
        raise typer.Exit(1)
