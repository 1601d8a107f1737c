"""Where the gettext catalogs live, how our language tags name them, and loading them compiled.

Catalogs sit in `locales/<folder>/LC_MESSAGES/<domain>.po`, edited by translators, and are
compiled to `.mo` by `commons i18n compile`. The API speaks BCP 47 (`zh-Hans`); Babel and
gettext name the folder with an underscore (`zh_Hans`). This module is the one place where one
becomes the other.
"""

from __future__ import annotations

import gettext
import logging
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from app.settings import PROJECT_ROOT

log = logging.getLogger(__name__)

LOCALES_DIR = PROJECT_ROOT / "locales"
SOURCE_LANGUAGE = "en"
MESSAGES = "messages"
TAXONOMY = "taxonomy"
DOMAINS: tuple[str, ...] = (MESSAGES, TAXONOMY)


class CatalogError(Exception):
    """A catalog cannot be read or compiled."""


def catalog_folder(tag: str) -> str:
    """The folder of a language's catalogs: `zh-Hans` -> `zh_Hans`, `pt-BR` -> `pt_BR`."""
    return tag.replace("-", "_")


def language_tag(folder: str) -> str:
    """The BCP 47 tag of a catalog folder: `zh_Hans` -> `zh-Hans`."""
    return folder.replace("_", "-")


def po_path(tag: str, domain: str, locales_dir: Path = LOCALES_DIR) -> Path:
    return locales_dir / catalog_folder(tag) / "LC_MESSAGES" / f"{domain}.po"


def mo_path(tag: str, domain: str, locales_dir: Path = LOCALES_DIR) -> Path:
    return po_path(tag, domain, locales_dir).with_suffix(".mo")


def template_path(domain: str, locales_dir: Path = LOCALES_DIR) -> Path:
    return locales_dir / f"{domain}.pot"


def catalog_languages(domain: str, locales_dir: Path = LOCALES_DIR) -> list[str]:
    """Every language with a catalog of this domain, as sorted BCP 47 tags (English excluded)."""
    found = locales_dir.glob(f"*/LC_MESSAGES/{domain}.po")
    return sorted(language_tag(path.parent.parent.name) for path in found)


def _compile_in_memory(po: Path, domain: str) -> Translations:
    try:
        with po.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except (OSError, ValueError, PoFileError, UnknownLocaleError) as exc:
        raise CatalogError(f"{po}: {exc}") from exc
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=domain)


def compiled(po: Path, domain: str) -> Translations:
    """The catalog in `po`, from its `.mo` when that is at least as new, else compiled in memory.

    Compiling in memory (never writing) keeps a read-only install working and means an edited
    `.po` is never shadowed by an older `.mo`; `commons i18n compile` makes the fast path.
    """
    mo = po.with_suffix(".mo")
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return Translations(handle, domain=domain)
    log.debug("compiling %s in memory: no .mo, or an older one", po)
    return _compile_in_memory(po, domain)


@lru_cache(maxsize=128)
def load_catalog(
    domain: str, language: str, locales_dir: Path = LOCALES_DIR
) -> gettext.NullTranslations:
    """One language's catalog of one domain; English and unknown languages translate nothing."""
    po = po_path(language, domain, locales_dir)
    if language == SOURCE_LANGUAGE or not (po.is_file() or po.with_suffix(".mo").is_file()):
        return gettext.NullTranslations()
    return compiled(po, domain)
