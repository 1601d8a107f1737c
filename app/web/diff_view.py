"""A unified diff as lines to show: each with its kind, so that the page can mark them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DiffLine:
    """One line of a unified diff: `added`, `removed`, `hunk` (@@), `file` (---/+++), `same`."""

    kind: str
    text: str


def diff_lines(unified: str) -> list[DiffLine]:
    """The lines of `unified` (from `app.clauses.revisions.compare`), each with its kind."""
    lines: list[DiffLine] = []
    header = True  # the ---/+++ names come before the first hunk; later, "---" is a line's text
    for line in unified.splitlines():
        if header and line.startswith(("---", "+++")):
            kind = "file"
        elif line.startswith("@@"):
            kind, header = "hunk", False
        elif line.startswith("+"):
            kind = "added"
        elif line.startswith("-"):
            kind = "removed"
        else:
            kind = "same"
        lines.append(DiffLine(kind, line))
    return lines
