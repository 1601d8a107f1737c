"""The catalog workflow behind `commons i18n`: extract templates, update catalogs, compile.

It is `pybabel extract/update/compile` driven from Python, with each domain's extraction
mapping in `locales/<mapping>.cfg`, so the command line, the install step and the tests run the
very same code.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from app.i18n.catalogs import (
    LOCALES_DIR,
    MESSAGES,
    TAXONOMY,
    catalog_folder,
    catalog_languages,
    po_path,
    template_path,
)
from app.settings import PROJECT_ROOT

MAPPINGS: dict[str, str] = {MESSAGES: "babel.cfg", TAXONOMY: "taxonomy.cfg"}
PLACEHOLDER = re.compile(r"%\((\w+)\)")
COMMENT_TAGS = ("Translators:",)
HEADER = """\
# Translations template for Clause Commons ({domain}).
# This file is distributed under the same licence as Clause Commons (AGPL-3.0-or-later).
#"""

MessageKey = tuple[tuple[str, ...], str | None]


def _forms(text: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    # Babel keeps a plural message's msgid and msgstr as sequences, a singular one as text.
    if text is None:
        return ("",)
    return (text,) if isinstance(text, str) else tuple(text)


def _version(root: Path) -> str:
    with (root / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def extract_template(
    domain: str, root: Path = PROJECT_ROOT, locales_dir: Path = LOCALES_DIR
) -> Catalog:
    """A fresh template of `domain`, extracted from the sources its mapping file names."""
    mapping = locales_dir / MAPPINGS[domain]
    with mapping.open(encoding="utf-8") as handle:
        # Babel leaves this parser unannotated; it returns (method map, options map).
        method_map, options_map = parse_mapping_cfg(handle, str(mapping))  # type: ignore[no-untyped-call]
    template = Catalog(
        domain=domain,
        header_comment=HEADER.format(domain=domain),
        project="Clause Commons",
        version=_version(root),
        copyright_holder="Clause Commons contributors",
        charset="utf-8",
        fuzzy=False,
    )
    found = extract_from_dir(
        root, method_map, options_map, comment_tags=COMMENT_TAGS, strip_comment_tags=True
    )
    for filename, lineno, message, comments, context in found:
        location = (Path(filename).as_posix(), lineno)
        template.add(message, None, [location], auto_comments=comments, context=context)
    return template


def message_keys(catalog: Catalog) -> set[MessageKey]:
    """What makes a message distinct: its msgid (with plural) and context."""
    return {(_forms(m.id), m.context) for m in catalog if m.id}


def _content(catalog: Catalog) -> list[tuple[object, ...]]:
    # Everything a template says but its dates: two equal contents need no rewrite.
    return [
        (m.id, m.context, m.locations, m.auto_comments, sorted(m.flags)) for m in catalog if m.id
    ]


def read_template(path: Path) -> Catalog | None:
    """The committed template at `path`, or None when there is none."""
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return read_po(handle)


def write_template(template: Catalog, path: Path) -> bool:
    """Write `template` to `path` unless only its date would change; True when written."""
    current = read_template(path)
    if current is not None and _content(current) == _content(template):
        return False
    with path.open("wb") as handle:
        write_po(handle, template, width=100)
    return True


def _revive_obsolete(catalog: Catalog, template: Catalog) -> None:
    # As msgmerge does: a msgid that comes back gets its old translation back, not a blank.
    for message in template:
        if not message.id:
            continue
        first = message.id if isinstance(message.id, str) else message.id[0]
        key: str | tuple[str, str] = (first, message.context) if message.context else first
        old = catalog.obsolete.pop(key, None)
        if old is not None and catalog.get(message.id, message.context) is None:
            catalog[old.id] = old


def _new_catalog(template: Catalog, tag: str) -> Catalog:
    return Catalog(
        locale=catalog_folder(tag),
        domain=template.domain,
        header_comment=template.header_comment,
        project=template.project,
        version=template.version,
        copyright_holder=template.copyright_holder,
        creation_date=template.creation_date,
        revision_date=datetime.datetime.now(datetime.UTC),
        language_team=tag,
        charset="utf-8",
        fuzzy=False,
    )


def update_catalogs(
    domain: str, add: tuple[str, ...] = (), locales_dir: Path = LOCALES_DIR
) -> list[Path]:
    """Merge the template into every catalog of `domain` (and new ones for `add`)."""
    template = read_template(template_path(domain, locales_dir))
    if template is None:
        raise FileNotFoundError(template_path(domain, locales_dir))
    written: list[Path] = []
    for tag in sorted({*catalog_languages(domain, locales_dir), *add}):
        path = po_path(tag, domain, locales_dir)
        if path.is_file():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=catalog_folder(tag))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = _new_catalog(template, tag)
        _revive_obsolete(catalog, template)
        catalog.update(template)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100)
        written.append(path)
    return written


@dataclass
class Compiled:
    """What compiling one catalog found."""

    po: Path
    translated: int = 0
    total: int = 0
    fuzzy: int = 0
    problems: list[str] = field(default_factory=list)


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _placeholder_problems(message: Message) -> list[str]:
    # Babel lets a translation drop every placeholder; a reader would then lose the value.
    wanted = _placeholders(_forms(message.id)[-1])
    return [
        f"{_first(message)!r}: placeholders {wanted} but the translation has {_placeholders(t)}"
        for t in _forms(message.string)
        if t and _placeholders(t) != wanted
    ]


def catalog_problems(catalog: Catalog) -> list[str]:
    """What is wrong in a catalog: placeholders not kept, and whatever Babel's checkers find."""
    out: list[str] = []
    for message in catalog:
        if message.id:
            out += _placeholder_problems(message)
    for message, errors in catalog.check():
        out += [f"{_first(message)!r}: {error}" for error in errors]
    return out


def _first(message: Message) -> str:
    return _forms(message.id)[0]


def is_translated(message: Message) -> bool:
    """Every form of the message has a translation, and none is marked fuzzy."""
    return all(_forms(message.string)) and "fuzzy" not in message.flags


def compile_catalogs(locales_dir: Path = LOCALES_DIR) -> list[Compiled]:
    """Compile every `.po` to its `.mo`; a catalog with problems is reported, not compiled."""
    results: list[Compiled] = []
    for po in sorted(locales_dir.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        messages = [m for m in catalog if m.id]
        result = Compiled(
            po=po,
            translated=sum(1 for m in messages if is_translated(m)),
            total=len(messages),
            fuzzy=sum(1 for m in messages if "fuzzy" in m.flags),
            problems=catalog_problems(catalog),
        )
        if not result.problems:
            with po.with_suffix(".mo").open("wb") as handle:
                write_mo(handle, catalog)
        results.append(result)
    return results
