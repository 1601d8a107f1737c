"""The clause form of /contribute and of a draft's edit page: posted values to the API's input
shapes (ClauseCreate, ClauseUpdate), and every error back to the field that shows it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from fastapi import Request
from pydantic import ValidationError
from starlette.datastructures import FormData

from app.clauses.models import TranslationKind, Visibility
from app.clauses.schemas import LICENCES, ClausePublic
from app.errors import FieldError
from app.i18n.languages import normalize_language_tag
from app.i18n.names import country_name, language_name
from app.i18n.translate import current_language
from app.i18n.validation_messages import field_message
from app.taxonomy.model import Taxonomy

SINGLE = (
    "title", "text", "language", "kind", "visibility", "country", "sector", "employer", "year",
    "licence", "agreement", "article", "signed_date", "expiry_date", "source_url",
)  # fmt: skip
REQUIRED = ("title", "text", "language")
MULTIPLE = ("subthemes", "lifecycle")
TRANSLATION_PARTS = ("language", "title", "text", "kind")
# Form fields that hold the agreement's parts, by their name in AgreementIn.
AGREEMENT = {"agreement": "title", "article": "article", "signed_date": "signed_date",
             "expiry_date": "expiry_date", "source_url": "source_url"}  # fmt: skip
_INDEX = re.compile(r"\[(\d+)\]")


async def posted_form(request: Request) -> FormData:
    """The posted form, read once (a dependency, so that the page itself can run in a thread)."""
    return await request.form()


def values_from_form(form: FormData) -> dict[str, Any]:
    """The form's values as typed, to validate and to show again beside their errors."""
    values: dict[str, Any] = {name: str(form.get(name, "")) for name in SINGLE}
    values |= {name: [str(v) for v in form.getlist(name)] for name in MULTIPLE}
    values["unions"] = str(form.get("unions", ""))
    values["tags"] = str(form.get("tags", ""))
    columns = [[str(v) for v in form.getlist(f"translation_{p}")] for p in TRANSLATION_PARTS]
    # A forged form may send fewer of one part than of another: the rows end with the shortest.
    rows = [
        dict(zip(TRANSLATION_PARTS, parts, strict=True)) for parts in zip(*columns, strict=False)
    ]
    # A row left empty is no translation; rows are shown again in the order they were sent.
    values["translations"] = [
        row for row in rows if any(row.get(p, "").strip() for p in ("language", "title", "text"))
    ]
    return values


def values_from_clause(clause: ClausePublic) -> dict[str, Any]:
    """A stored clause as the form shows it, for its edit page."""
    agreement = clause.agreement
    return {
        "title": clause.title,
        "text": clause.text,
        "language": clause.language,
        "kind": clause.kind.value,
        "visibility": clause.visibility.value,
        "country": clause.country or "",
        "sector": clause.sector or "",
        "employer": clause.employer or "",
        "year": str(clause.year) if clause.year else "",
        "licence": clause.licence,
        "agreement": agreement.title or "",
        "article": agreement.article or "",
        "signed_date": agreement.signed_date.isoformat() if agreement.signed_date else "",
        "expiry_date": agreement.expiry_date.isoformat() if agreement.expiry_date else "",
        "source_url": agreement.source_url or "",
        "subthemes": list(clause.subthemes),
        "lifecycle": list(clause.lifecycle),
        "unions": "\n".join(clause.unions),
        "tags": ", ".join(clause.tags),
        "translations": [t.model_dump(mode="json") for t in clause.translations],
    }


def blank_values(language: str) -> dict[str, Any]:
    """An empty form: the reader's language, a negotiated public clause under CC BY 4.0."""
    return {
        "language": language, "kind": "negotiated", "visibility": "public",
        "licence": LICENCES[0], "subthemes": [], "lifecycle": [], "translations": [],
    }  # fmt: skip


def _lines(raw: str, separator: str | None) -> list[str]:
    parts = raw.split(separator) if separator else raw.splitlines()
    return [part.strip() for part in parts if part.strip()]


def _agreement(values: dict[str, Any], *, keep_blanks: bool) -> dict[str, Any]:
    agreement = {key: values[field].strip() for field, key in AGREEMENT.items()}
    if keep_blanks:
        return {key: value or None for key, value in agreement.items()}
    return {key: value for key, value in agreement.items() if value}


def _translations(values: dict[str, Any]) -> list[dict[str, str]]:
    return [{p: row.get(p, "") for p in TRANSLATION_PARTS} for row in values["translations"]]


def create_payload(values: dict[str, Any]) -> dict[str, Any]:
    """The form's values as ClauseCreate expects them; blank fields are left to the defaults."""
    payload: dict[str, Any] = {
        key: values[key].strip() for key in SINGLE if key not in AGREEMENT and values[key].strip()
    }
    payload |= {key: values[key] for key in MULTIPLE}
    payload["unions"] = _lines(values["unions"], None)
    payload["tags"] = _lines(values["tags"], ",")
    payload["agreement"] = _agreement(values, keep_blanks=False)
    payload["translations"] = _translations(values)
    return payload


def update_payload(values: dict[str, Any]) -> dict[str, Any]:
    """The form's values as ClauseUpdate expects them: every field the form shows, replaced
    whole, a blank optional field cleared. Themes and external ids are not on the form and
    stay as they are."""
    payload = create_payload(values)
    # A required field left blank is an error on an edit too, not "keep it as it was".
    payload |= {key: values[key].strip() for key in REQUIRED}
    for key in ("country", "sector", "employer", "year"):
        payload.setdefault(key, None)
    payload["agreement"] = _agreement(values, keep_blanks=True)
    return payload


def field_key(location: Sequence[str | int]) -> str:
    """Where an error is shown: `translations.0.title`; an item of a plain list (`tags.3`) is
    shown on its list, and the agreement's date order on its expiry date."""
    parts = [str(part) for part in location]
    if len(parts) > 1 and parts[-1].isdigit():
        parts.pop()
    key = ".".join(parts) or "form"
    return "agreement.expiry_date" if key == "agreement" else key


def validation_errors(exc: ValidationError) -> dict[str, str]:
    """Pydantic's errors, worded in the reader's language, by the field that shows them."""
    errors: dict[str, str] = {}
    for error in exc.errors():
        errors.setdefault(field_key(error["loc"]), field_message(error))
    return errors


def problem_errors(errors: list[FieldError], detail: str) -> dict[str, str]:
    """A service's field errors (`subthemes[0]`, `translations[1].language`) by form field."""
    found: dict[str, str] = {}
    for error in errors:
        found.setdefault(field_key(_INDEX.sub(r".\1", error["field"]).split(".")), error["message"])
    return found or {"form": detail}


def _known_language(tag: str) -> bool:
    try:
        return normalize_language_tag(tag) == tag
    except ValueError:
        return False


def pickers(taxonomy: Taxonomy, values: dict[str, Any]) -> dict[str, Any]:
    """The choices the form offers, in the reader's language."""
    language = current_language()
    countries = sorted(
        ((code, country_name(code, language)) for code in taxonomy.countries),
        key=lambda item: item[1],
    )
    # The languages the taxonomy is worded in, and any other language the clause already has.
    given = [values.get("language", ""), *(t.get("language", "") for t in values["translations"])]
    tags = set(taxonomy.languages) | {tag for tag in given if _known_language(tag)}
    languages = sorted(((tag, language_name(tag, language)) for tag in tags), key=lambda i: i[1])
    return {
        "themes": taxonomy.themes,
        "phases": taxonomy.lifecycle,
        "countries": countries,
        "clause_languages": languages,
        "licences": LICENCES,
        "visibilities": [v.value for v in Visibility],
        "translation_kinds": [k.value for k in TranslationKind],
        "label": lambda code: taxonomy.label(code, language),
    }
