"""What flows through an import: rows as read, row errors, review notes and the report."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Progress = Callable[[int], None]
"""Called with the number of rows done so far (for a progress bar or an API job)."""

Outcome = Literal["created", "updated", "unchanged", "rejected"]

MAX_KEPT_ERRORS = 10_000  # a report stays readable (and small) even for a file of bad rows


@dataclass(frozen=True)
class ThemeSuggestion:
    """A theme or sub-theme proposed for a clause, and the keywords that led to it."""

    code: str
    label: str
    score: int
    keywords: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "matched " + ", ".join(repr(k) for k in self.keywords)


@dataclass(frozen=True)
class Review:
    """What a reviewer must check on a clause cut out of an agreement document."""

    article: str | None
    language_reason: str
    themes: tuple[ThemeSuggestion, ...] = ()
    subthemes: tuple[ThemeSuggestion, ...] = ()


PlaceKind = Literal["line", "row", "record", "article"]


@dataclass(frozen=True)
class Place:
    """Where a record is in its file, as the person who made the file finds it again.

    `line`: the line a CSV record starts on (the header is line 1; a quoted cell may run over
    several lines) or a line of a JSON Lines file; `row`: a spreadsheet row; `record`: an
    object's position in a JSON array, where no line is known; `article`: an article of an
    agreement document, by position, with its heading's reference as `label` when it has one.
    """

    kind: PlaceKind
    number: int
    label: str | None = None

    def __str__(self) -> str:
        """In English, for the terminal and the runner's messages: `line 7`, `Article 12`."""
        return self.label or f"{self.kind} {self.number}"


@dataclass(frozen=True)
class SourceRow:
    """One record as read: its number as the user sees it and its raw values by field name.

    `problem` is set when the record could not be read at all (a broken JSON line).
    A row with a `review` comes from a document: it is always imported as a draft.
    `place` is where the record is in its file (readers set it; rows built by hand may not).
    """

    number: int
    values: Mapping[str, object]
    problem: str | None = None
    review: Review | None = None
    place: Place | None = None

    @property
    def where(self) -> Place:
        """The record's place in its file; its row number when nobody said more."""
        return self.place or Place("row", self.number)


@dataclass(frozen=True)
class RowError:
    """One reason a row was rejected: the row number, the field and what is wrong.

    The runner adds where the row is in its file and its `external_id`, when it has one:
    that is how the report names it to people (`row` stays the record's number).
    """

    row: int
    field: str
    reason: str
    place: Place | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class ReviewedRow:
    """The result for one clause from a document, with the suggestions to keep for review."""

    row: int
    outcome: Outcome
    clause_id: str | None
    review: Review


@dataclass
class ImportReport:
    """Exactly what an import did (or, in a dry run, would do)."""

    source: str
    dry_run: bool
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    published: int = 0  # of the updated: clauses left as drafts earlier, published by this run
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    errors_left_out: int = 0
    unknown_columns: dict[str, int] = field(default_factory=dict)
    reviews: list[ReviewedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stopped: str | None = None  # why the file could not be read to its end, if it could not

    def reject(self, errors: list[RowError]) -> None:
        """Count one rejected row and keep its errors (up to a limit)."""
        self.rejected += 1
        room = max(0, MAX_KEPT_ERRORS - len(self.errors))
        self.errors.extend(errors[:room])
        self.errors_left_out += len(errors) - min(room, len(errors))

    def saw_unknown(self, column: str, row: int) -> None:
        self.unknown_columns.setdefault(column, row)
