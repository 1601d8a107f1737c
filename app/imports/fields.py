"""The import fields: their reference (name, meaning, example), column names and the template."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache

from app.i18n.languages import normalize_language_tag

MULTI_SEPARATOR = "|"


@dataclass(frozen=True)
class FieldDoc:
    """One import field as the README and the template describe it."""

    name: str
    meaning: str
    example: str
    required: bool = False
    multiple: bool = False


FIELDS: tuple[FieldDoc, ...] = (
    FieldDoc(
        "external_id",
        "Your archive's own id for the clause; re-importing the same id updates that clause",
        "PEU-2024-017",
    ),
    FieldDoc("title", "Short title of the clause", "Notice before new monitoring tools", True),
    FieldDoc(
        "text",
        "Full text of the clause, in its original language",
        "The Employer shall give the Union sixty days' notice before any tool that records "
        "workers' activity is introduced.",
        True,
    ),
    FieldDoc("language", "Language of title and text (BCP 47: en, fr, pt-BR)", "en", True),
    FieldDoc("country", "Country of the agreement (ISO 3166-1 alpha-2)", "PH"),
    FieldDoc(
        "union",
        "Union(s) that signed the agreement",
        "Example Public Employees Union",
        multiple=True,
    ),
    FieldDoc("employer", "Employer or employers' body", "Example City"),
    FieldDoc("agreement", "Title of the collective agreement", "Example City CBA 2024-2027"),
    FieldDoc("year", "Year the agreement was signed (taken from signed_date if empty)", "2024"),
    FieldDoc("signed_date", "Date the agreement was signed (YYYY-MM-DD)", "2024-03-01"),
    FieldDoc("expiry_date", "Date the agreement expires (YYYY-MM-DD)", "2027-02-28"),
    FieldDoc("article", "Article or clause number in the agreement", "Article 12"),
    FieldDoc("themes", "Taxonomy theme codes (1-7)", "6", multiple=True),
    FieldDoc("subthemes", "Taxonomy sub-theme codes", "6.1|1.1", multiple=True),
    FieldDoc(
        "lifecycle",
        "Data lifecycle phases: collection, analysis, storage, offboarding",
        "collection",
        multiple=True,
    ),
    FieldDoc("sector", "Sector of the workers covered", "local government"),
    FieldDoc("kind", "negotiated (won at the table) or model (a proposal)", "negotiated"),
    FieldDoc("tags", "Free keywords", "monitoring|notice", multiple=True),
    FieldDoc(
        "source_url",
        "Where the agreement can be read (http or https)",
        "https://example.org/cba-2024.pdf",
    ),
    FieldDoc(
        "licence",
        "CC-BY-4.0 (default), CC-BY-SA-4.0, CC0-1.0, CC-BY-NC-4.0 or CC-BY-NC-SA-4.0",
        "CC-BY-4.0",
    ),
)
TRANSLATION_DOCS: tuple[FieldDoc, ...] = (
    FieldDoc(
        "title_<lang>",
        "Title translated into <lang> (with text_<lang>)",
        "Préavis avant tout nouvel outil de surveillance",
    ),
    FieldDoc(
        "text_<lang>",
        "Text translated into <lang> (with title_<lang>)",
        "L'employeur informe le syndicat soixante jours avant l'introduction de tout outil "
        "qui enregistre l'activité des agents.",
    ),
    FieldDoc(
        "kind_<lang>",
        "Who made that translation: official, community (default) or machine",
        "community",
    ),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)
# Columns an export writes for readers (the clause's public id, status and who contributed it):
# an import reads past them without calling them unknown.
EXPORT_ONLY = ("id", "status", "attribution")
MULTIPLE = frozenset(f.name for f in FIELDS if f.multiple)
AGREEMENT_PARTS = {
    "agreement": "title",
    "signed_date": "signed_date",
    "expiry_date": "expiry_date",
    "article": "article",
    "source_url": "source_url",
}
TRANSLATIONS_KEY = "translations"  # JSON only: a list of {language, title, text, kind}

_TRANSLATION_COLUMN = re.compile(r"^(title|text|kind)_([a-z]{2,3}(?:[-_][a-z0-9]{2,8})*)$")
_SEPARATORS = re.compile(r"[\s\-]+")


# Every row of a file has the same headers: they are read once, not once per row.
HEADERS_REMEMBERED = 4096


@lru_cache(maxsize=HEADERS_REMEMBERED)
def column_key(header: str) -> str:
    """A header as compared with field names: `External ID` and `external-id` are `external_id`."""
    return _SEPARATORS.sub("_", header.strip().casefold()).strip("_")


@lru_cache(maxsize=HEADERS_REMEMBERED)
def translation_column(key: str) -> tuple[str, str] | None:
    """(`title`|`text`|`kind`, language) for a translation column such as `text_pt_br`."""
    match = _TRANSLATION_COLUMN.match(key)
    if match is None:
        return None
    try:
        return match.group(1), normalize_language_tag(match.group(2))
    except ValueError:
        return None


def template_csv() -> str:
    """A CSV with every field as header and one example row, ready to fill in."""
    example_translation = ("fr", TRANSLATION_DOCS[0].example, TRANSLATION_DOCS[1].example)
    header = [*FIELD_NAMES, "title_fr", "text_fr"]
    row = [f.example for f in FIELDS] + [example_translation[1], example_translation[2]]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerow(row)
    return out.getvalue()


def reference_markdown() -> str:
    """The field reference as a Markdown table, for the README."""
    lines = ["| field | meaning | example |", "| --- | --- | --- |"]
    for doc in (*FIELDS, *TRANSLATION_DOCS):
        name = f"`{doc.name}`" + (" (required)" if doc.required else "")
        meaning = doc.meaning + (" (several: separate with `|`)" if doc.multiple else "")
        # A bar inside a cell would end it: Markdown tables want it escaped.
        cells = (name, meaning, f"`{doc.example}`")
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
