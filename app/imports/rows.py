"""One row as read -> a `ClauseCreate`, by the API's own rules, or every reason it cannot be."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any

from pydantic import ValidationError

from app.clauses.hashing import content_hash
from app.clauses.schemas import ClauseCreate
from app.clauses.validation import check_codes, check_translation_languages
from app.imports.fields import (
    AGREEMENT_PARTS,
    EXPORT_ONLY,
    FIELD_NAMES,
    MULTI_SEPARATOR,
    MULTIPLE,
    TRANSLATIONS_KEY,
    column_key,
    translation_column,
)
from app.imports.model import Review, RowError, SourceRow
from app.taxonomy.model import Taxonomy

_CLAUSE_NAME = {"union": "unions"}  # import field -> ClauseCreate field, where they differ
_FIELD_OF = {"unions": "union"}
_AGREEMENT_FIELD = {part: name for name, part in AGREEMENT_PARTS.items()}


@dataclass(frozen=True)
class MappedRow:
    """A valid row: the clause, which fields the file gave, and its review notes if any.

    `given` holds ClauseCreate field names, with agreement parts as `agreement.<part>`.
    `translation_scope` is None when the row lists all its translations (JSON `translations`),
    else the languages whose translation columns the file has.
    """

    number: int
    clause: ClauseCreate
    given: frozenset[str]
    translation_scope: frozenset[str] | None
    review: Review | None = None

    @cached_property
    def digest(self) -> str:
        """The content hash of the row's title and text (how a row without id is found)."""
        return content_hash(self.clause.title, self.clause.text)


@dataclass(frozen=True)
class MappedResult:
    """The outcome of mapping one row; `row` is None when `errors` is not empty."""

    row: MappedRow | None
    errors: list[RowError]
    unknown: list[str]


def map_row(source: SourceRow, taxonomy: Taxonomy) -> MappedResult:
    """Check one row with the same rules as `POST /clauses`, naming every bad field."""
    if source.problem is not None:
        return MappedResult(None, [RowError(source.number, "row", source.problem)], [])
    plain, translations, unknown = _sort_keys(source.values)
    payload: dict[str, Any] = {}
    given: set[str] = set()
    errors: list[RowError] = []
    for name, raw in plain.items():
        if name == "agreement" and isinstance(raw, dict):
            # An object as the API shows it: {"title": ..., "signed_date": ...}.
            payload.setdefault("agreement", {}).update({k: _scalar(v) for k, v in raw.items()})
            given.update(f"agreement.{k}" for k in raw)
        elif name in AGREEMENT_PARTS:
            part = AGREEMENT_PARTS[name]
            payload.setdefault("agreement", {})[part] = _scalar(raw)
            given.add(f"agreement.{part}")
        elif name in MULTIPLE:
            payload[_CLAUSE_NAME.get(name, name)] = _many(raw)
            given.add(_CLAUSE_NAME.get(name, name))
        else:
            payload[name] = _scalar(raw, text=name != "year")
            given.add(name)
    listed, labels, scope, translation_errors = _translations(source.number, translations)
    errors += translation_errors
    if listed is not None:
        payload["translations"] = listed
        given.add("translations")
    payload = {k: v for k, v in payload.items() if v is not None}
    payload["agreement"] = {k: v for k, v in payload.get("agreement", {}).items() if v is not None}
    clause: ClauseCreate | None = None
    try:
        clause = ClauseCreate.model_validate(payload)
    except ValidationError as exc:
        errors += [_pydantic_error(source.number, e, labels) for e in exc.errors()]
    # Codes are checked even when another field is bad, so that every bad field is named.
    errors += _code_errors(source.number, taxonomy, payload)
    if clause is not None:
        errors += _language_errors(source.number, clause, labels)
    if errors:
        return MappedResult(None, errors, unknown)
    assert clause is not None
    row = MappedRow(source.number, clause, frozenset(given), scope, source.review)
    return MappedResult(row, [], unknown)


def external_id_of(source: SourceRow, longest: int = 200) -> str | None:
    """The row's `external_id` as the file gives it, valid row or not (how a report names it)."""
    for header, raw in source.values.items():
        if column_key(str(header)) == "external_id":
            value = _scalar(raw)
            return str(value)[:longest] if value is not None else None
    return None


def _sort_keys(
    values: Any,
) -> tuple[dict[str, object], dict[str, object], list[str]]:
    """Split a row's keys into clause fields, translation entries and unknown columns."""
    plain: dict[str, object] = {}
    translations: dict[str, object] = {}
    unknown: list[str] = []
    for header, raw in values.items():
        key = column_key(str(header))
        if key in FIELD_NAMES:
            plain[key] = raw
        elif key in EXPORT_ONLY:
            continue
        elif key == TRANSLATIONS_KEY or translation_column(key) is not None:
            translations[key] = raw
        else:
            unknown.append(str(header))
    return plain, translations, unknown


def _scalar(raw: object, *, text: bool = True) -> object:
    """A cell as pydantic should see it: empty means absent; spreadsheet numbers become text."""
    if raw is None or isinstance(raw, bool):
        return raw
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, str):
        return raw.strip() or None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if text and isinstance(raw, int | float):
        return str(raw)
    return raw


def _many(raw: object) -> object:
    """A multi-valued cell: `a|b` in a spreadsheet, or a JSON list."""
    if raw is None:
        return []
    if isinstance(raw, list | tuple):
        return [item for item in (_scalar(i) for i in raw) if item is not None]
    if isinstance(raw, int | float | date):
        raw = str(_scalar(raw))
    if isinstance(raw, str):
        return [part.strip() for part in raw.split(MULTI_SEPARATOR) if part.strip()]
    return raw


def _translations(
    number: int, entries: dict[str, object]
) -> tuple[list[Any] | None, list[str | None], frozenset[str] | None, list[RowError]]:
    """The row's translations, a label per translation for error messages, their scope, and
    errors in translation columns. A label is the column language, or None for a JSON entry.
    """
    if not entries:
        return None, [], frozenset(), []
    listed: list[Any] = []
    labels: list[str | None] = []
    scope: set[str] = set()
    errors: list[RowError] = []
    whole = entries.get(TRANSLATIONS_KEY)
    if whole is not None:
        listed.extend(whole if isinstance(whole, list) else [whole])
        labels.extend([None] * len(listed))
    by_language: dict[str, dict[str, object]] = {}
    for key, raw in entries.items():
        parsed = translation_column(key)
        if parsed is not None:
            part, language = parsed
            scope.add(language)
            value = _scalar(raw)
            if value is not None:
                by_language.setdefault(language, {})[part] = value
    for language, parts in by_language.items():
        for needed, other in (("title", "text"), ("text", "title")):
            if needed not in parts and other in parts:
                message = f"needed with {other}_{language}"
                errors.append(RowError(number, f"{needed}_{language}", message))
        if "title" in parts and "text" in parts:
            listed.append({"language": language, **parts})
            labels.append(language)
        elif set(parts) == {"kind"}:
            errors.append(RowError(number, f"kind_{language}", "given without a translation"))
    full_scope = None if TRANSLATIONS_KEY in entries else frozenset(scope)
    return listed, labels, full_scope, errors


def _pydantic_error(number: int, error: Any, labels: list[str | None]) -> RowError:
    location = [str(p) for p in error.get("loc", ())]
    reason = "required (missing or empty)" if error["type"] == "missing" else str(error["msg"])
    reason = reason.removeprefix("Value error, ")
    return RowError(number, _field_name(location, labels), reason)


def _field_name(location: list[str], labels: list[str | None]) -> str:
    """The field as the file names it, from a location in ClauseCreate (`translations.0.text`)."""
    if not location:
        return "row"
    head, rest = location[0], location[1:]
    if head == "agreement":
        return _AGREEMENT_FIELD.get(rest[0], "agreement") if rest else "expiry_date"
    if head == "translations" and rest and rest[0].isdigit() and int(rest[0]) < len(labels):
        language = labels[int(rest[0])]
        if language is not None:
            part = rest[1] if len(rest) > 1 and rest[1] in ("title", "kind") else "text"
            return f"{part}_{language}"
    name = _FIELD_OF.get(head, head)
    if rest and rest[0].isdigit():
        name += f"[{rest[0]}]"
        rest = rest[1:]
    return ".".join([name, *rest])


def _code_errors(number: int, taxonomy: Taxonomy, payload: dict[str, Any]) -> list[RowError]:
    """Unknown theme, sub-theme, lifecycle and country codes, as `POST /clauses` names them."""
    lists = {
        name: [str(code).strip() for code in payload[name] if isinstance(code, str)]
        if isinstance(payload.get(name), list)
        else None
        for name in ("themes", "subthemes", "lifecycle")
    }
    country = payload.get("country")
    well_formed = isinstance(country, str) and len(country) == 2 and country.isascii()
    found = check_codes(
        taxonomy,
        themes=lists["themes"],
        subthemes=lists["subthemes"],
        lifecycle=lists["lifecycle"],
        country=str(country).upper() if well_formed else None,
    )
    return [RowError(number, e["field"], e["message"]) for e in found]


def _language_errors(number: int, clause: ClauseCreate, labels: list[str | None]) -> list[RowError]:
    found = check_translation_languages(clause.language, [t.language for t in clause.translations])
    return [RowError(number, _field_name(_parts(e["field"]), labels), e["message"]) for e in found]


def _parts(field: str) -> list[str]:
    """`translations[1].language` -> ["translations", "1", "language"]."""
    return field.replace("[", ".").replace("]", "").split(".")
