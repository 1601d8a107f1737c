"""`commons lexicon`: build the translation lexicon from the installed dictionaries, or say
what it holds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from app.settings import get_settings

from .apertium import MODES_DIR
from .build import build_lexicon
from .freedict import DICTD_DIR, installed
from .lexicon import Lexicon

lexicon_app = typer.Typer(
    help="Translation of queries: a lexicon built from Debian's FreeDict dictionaries and "
    "Apertium pairs.",
    no_args_is_help=True,
)
console = Console(stderr=True)
PACKAGES_HINT = "apt-get install dict-freedict-eng-fra dict-freedict-fra-eng … (see the README)"


def _and_pairs(count: int) -> str:
    return f" and {count} Apertium pairs" if count else ""


@lexicon_app.command()
def build(
    force: Annotated[
        bool, typer.Option("--force", help="Build again even if the dictionaries are the same.")
    ] = False,
    dictionaries: Annotated[
        Path, typer.Option(help="Where the dictd files are (Debian puts them here).")
    ] = DICTD_DIR,
    apertium: Annotated[
        Path, typer.Option(help="Where Apertium's modes are (Debian puts them here).")
    ] = MODES_DIR,
) -> None:
    """Build the lexicon (COMMONS_LEXICON_PATH) from the installed FreeDict dictionaries and
    Apertium language pairs."""
    path = get_settings().lexicon_file
    if not installed(dictionaries):
        console.print(
            f"no FreeDict dictionaries in {dictionaries}: search runs without translation "
            f"({PACKAGES_HINT})"
        )
        return
    report = build_lexicon(path, dictionaries, force=force, modes=apertium)
    if report.rebuilt:
        console.print(
            f"built {path}: {report.translations} translations from {report.dictionaries} "
            f"dictionaries{_and_pairs(report.pairs)} in {report.seconds:.0f} s"
        )
    else:
        console.print(
            f"{path} is up to date ({report.dictionaries} dictionaries{_and_pairs(report.pairs)})"
        )


@lexicon_app.command()
def status() -> None:
    """Which dictionaries the lexicon was built from, with their licences."""
    path = get_settings().lexicon_file
    if not path.exists():
        console.print(f"no lexicon at {path}: search runs without translation")
        raise typer.Exit(1)
    lexicon = Lexicon(path)
    console.print(f"{path}, built {lexicon.meta('built')}:")
    for info in lexicon.dictionaries():
        console.print(f"  {info.name:<8} {info.headwords:>8} headwords  {info.licence}")
