"""An agreement document as import rows: one draft clause per article, with review notes.

Each row carries the agreement's metadata as given, the article reference, the language found
in the article's own text, and the themes suggested from the taxonomy's keywords. The rows go
through the same runner as a spreadsheet's, and are always imported as drafts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.imports.documents.extract import extract_text
from app.imports.documents.splitter import Segment, split_agreement
from app.imports.documents.suggest import ThemeSuggester
from app.imports.errors import FileRefused
from app.imports.fields import column_key
from app.imports.language import RELIABLE_CHARS, Detected, detect_language
from app.imports.model import Place, Review, SourceRow
from app.taxonomy.model import Taxonomy

SURE = 0.5  # the detector's confidence from which it overrides the language hint
MAX_TITLE = 500
MAX_EXTERNAL_ID = 200
META_FIELDS = frozenset(
    {"agreement", "title", "country", "union", "employer", "year", "language", "sector",
     "signed_date", "expiry_date", "source_url", "licence", "kind"}
)  # fmt: skip


@dataclass(frozen=True)
class AgreementMeta:
    """What the person importing knows about the agreement: copied onto every clause.

    `language` is only a hint: each article's own text decides when it is long enough.
    """

    values: Mapping[str, object] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], where: str) -> AgreementMeta:
        """Metadata from a mapping (a YAML side file); `title` means the agreement's title."""
        values: dict[str, object] = {}
        for key, value in data.items():
            name = column_key(str(key))
            if name not in META_FIELDS:
                known = ", ".join(sorted(META_FIELDS))
                raise FileRefused(f"{where}: unknown field {key!r}; one of {known}")
            values["agreement" if name == "title" else name] = value
        return cls(values)

    @property
    def title(self) -> str | None:
        return self._text("agreement")

    @property
    def language_hint(self) -> str | None:
        return self._text("language")

    def _text(self, name: str) -> str | None:
        value = self.values.get(name)
        return (str(value).strip() or None) if value is not None else None


@dataclass
class AgreementRows:
    """The rows cut out of one document, and what the reader noticed on the way."""

    rows: list[SourceRow]
    notes: list[str]


def agreement_rows(path: Path, fmt: str, meta: AgreementMeta, taxonomy: Taxonomy) -> AgreementRows:
    """The articles of the agreement at `path`, as draft clause rows with review notes."""
    document = extract_text(path, fmt)
    notes = list(document.notes)
    title = meta.title or document.title or path.stem
    segments = split_agreement(document.text)
    articles = [s for s in segments if s.kind == "article"]
    if not articles:
        notes.append("no article headings found: the whole text is one clause")
        articles = [Segment("article", 0, len(document.text), None, None, document.text.strip())]
    fallback = detect_language(document.text)
    suggester = ThemeSuggester(taxonomy)
    rows: list[SourceRow] = []
    refs: dict[str, int] = {}
    for number, article in enumerate(articles, 1):
        if not article.body:
            notes.append(
                f"{article.ref or 'article ' + str(number)}: a heading without text, left out"
            )
            continue
        language, reason = _language(article, meta.language_hint, fallback)
        themes, subthemes = suggester.suggest(_full_text(article), language or "en")
        review = Review(article.ref, reason, themes, subthemes)
        values = _row_values(path, meta, title, article, language, refs)
        place = Place("article", number, article.ref)
        rows.append(SourceRow(number, values, review=review, place=place))
    return AgreementRows(rows, notes)


def _full_text(article: Segment) -> str:
    return f"{article.title}\n{article.body}" if article.title else article.body


def _language(
    article: Segment, hint: str | None, fallback: Detected | None
) -> tuple[str | None, str]:
    """The article's language and why: its own text, else the hint, else the document's."""
    text = _full_text(article)
    detected = detect_language(text)
    long_enough = len(text) >= RELIABLE_CHARS
    if detected is not None and detected.confidence >= SURE and (long_enough or not hint):
        found = f"detected {detected.language} ({detected.confidence:.2f})"
        if hint and hint.split("-")[0].lower() != detected.language:
            found += f"; differs from the hint {hint}"
        return detected.language, found
    if hint:
        return hint, f"the hint {hint}: too little text to tell"
    if fallback is not None:
        return (
            fallback.language,
            f"the document's language ({fallback.language}): article too short",
        )
    return None, "unknown: give a language hint"


def _row_values(
    path: Path,
    meta: AgreementMeta,
    title: str,
    article: Segment,
    language: str | None,
    refs: dict[str, int],
) -> dict[str, object]:
    ref = article.ref or "text"
    refs[ref] = refs.get(ref, 0) + 1
    suffix = f" ({refs[ref]})" if refs[ref] > 1 else ""
    key = f"#{ref}{suffix}"
    external_id = path.name[: MAX_EXTERNAL_ID - len(key)] + key
    clause_title = article.title or (f"{title} – {article.ref}" if article.ref else title)
    values: dict[str, object] = {k: v for k, v in meta.values.items() if k != "language"}
    values.update(
        {
            "external_id": external_id,
            "title": clause_title[:MAX_TITLE],
            "text": article.body,
            "language": language,
            "agreement": title,
            "article": article.ref,
        }
    )
    return values
