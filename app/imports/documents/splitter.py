"""Cut an agreement's text into its articles, keeping every character.

The segments cover the text end to end (joining their spans gives the text back): the preamble,
each article, and the chapters between them. When a document has article headings, the
sections inside an article stay part of it; a document with sections only is cut by sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from app.imports.documents.headings import MAX_BARE_TITLE_CHARS, Heading, find_headings

SegmentKind = Literal["preamble", "article", "division"]
_TITLE_LINE = re.compile(r"^[ \t]*[(（]([^()（）\n]{1,40})[)）][ \t]*$")
_ENDS_SENTENCE = (".", ";", ":", ",", "。", "、", "다.")


@dataclass(frozen=True)
class Segment:
    """A stretch of the agreement: `text[start:end]`, and what it is."""

    kind: SegmentKind
    start: int
    end: int
    ref: str | None
    title: str | None
    body: str


def split_agreement(text: str) -> list[Segment]:
    """The agreement's preamble, articles and chapters, in order, covering all of `text`."""
    headings = find_headings(text)
    unit = "article" if any(h.level == "article" for h in headings) else "section"
    chosen = [h for h in headings if h.level in (unit, "division")]
    if not chosen:
        return [Segment("preamble", 0, len(text), None, None, text.strip())] if text else []
    starts = [_segment_start(text, h) for h in chosen]
    segments: list[Segment] = []
    if starts[0] > 0:
        segments.append(Segment("preamble", 0, starts[0], None, None, text[: starts[0]].strip()))
    for index, heading in enumerate(chosen):
        start = starts[index]
        end = starts[index + 1] if index + 1 < len(chosen) else len(text)
        segments.append(_segment(text, heading, start, end))
    return segments


def _segment_start(text: str, heading: Heading) -> int:
    """The start of the heading's line, or of a bracketed title line just above it."""
    line_start = text.rfind("\n", 0, heading.start) + 1
    if heading.title is None and line_start > 0:
        previous_start = text.rfind("\n", 0, line_start - 1) + 1
        if _TITLE_LINE.match(text[previous_start : line_start - 1]):
            return previous_start
    return line_start


def _segment(text: str, heading: Heading, start: int, end: int) -> Segment:
    body_start = min(max(heading.body_start, start), end)
    body = text[body_start:end]
    title = heading.title
    if title is None:
        above = (
            _TITLE_LINE.match(text[start : text.find("\n", start)])
            if start < heading.start
            else None
        )
        if above is not None:
            title = above.group(1).strip()
        else:
            title, body = _title_from_first_line(body)
    kind: SegmentKind = "division" if heading.level == "division" else "article"
    return Segment(kind, start, end, heading.ref, title, body.strip())


def _title_from_first_line(body: str) -> tuple[str | None, str]:
    """A short first line without final punctuation, followed by more text, is a title."""
    lines = body.strip().split("\n", 1)
    if len(lines) < 2 or not lines[1].strip():
        return None, body
    first = lines[0].strip()
    if len(first) > MAX_BARE_TITLE_CHARS or first.endswith(_ENDS_SENTENCE):
        return None, body
    return first, lines[1]
