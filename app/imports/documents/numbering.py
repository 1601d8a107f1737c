"""Word's automatic numbers ("Article %1", "%1.%2"), rendered as Word shows them.

Agreements written in Word often number their articles automatically: the paragraph says
"Telework" and Word displays "Article 4 Telework". Without the number the splitter would see no
heading. This renders the common formats (decimal, roman, letters); others fall back to decimal,
and bullets add nothing.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip
MAX_LEVELS = 9


class _Level(NamedTuple):
    start: int
    kind: str  # Word's numFmt: decimal, upperRoman, lowerLetter, bullet...
    text: str  # Word's lvlText: "Article %1", "%1.%2."


_PLAIN = _Level(1, "decimal", "")


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def _letters(number: int) -> str:
    # Word repeats the letter past z: a..z, aa..zz.
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1) if number > 0 else ""


def format_number(number: int, kind: str) -> str:
    """`number` in one of Word's numFmt kinds."""
    if kind == "upperRoman":
        return _roman(number).upper()
    if kind == "lowerRoman":
        return _roman(number)
    if kind == "upperLetter":
        return _letters(number).upper()
    if kind == "lowerLetter":
        return _letters(number)
    return str(number)


def _val(element: Any, tag: str, default: str | None = None) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val"), default) if child is not None else default


class WordNumbering:
    """Counts a document's numbered paragraphs in order and gives each its visible label."""

    def __init__(self, document: Document) -> None:
        self._levels: dict[str, dict[int, _Level]] = {}
        self._abstract_of: dict[str, str] = {}
        self._counters: dict[str, list[int]] = {}
        root = document.part.numbering_part.element
        for abstract in root.findall(qn("w:abstractNum")):
            levels: dict[int, _Level] = {}
            for level in abstract.findall(qn("w:lvl")):
                ilvl = int(level.get(qn("w:ilvl"), "0"))
                start = int(_val(level, "w:start", "1") or "1")
                kind = _val(level, "w:numFmt", "decimal") or "decimal"
                levels[ilvl] = _Level(start, kind, _val(level, "w:lvlText", "") or "")
            self._levels[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            abstract_id = _val(num, "w:abstractNumId")
            if abstract_id is not None:
                self._abstract_of[num.get(qn("w:numId"))] = abstract_id

    def label(self, paragraph: Paragraph) -> str:
        """The number Word shows before this paragraph ("Article 4"), or "" if none."""
        num_id, ilvl = self._numbering_of(paragraph)
        abstract_id = self._abstract_of.get(num_id or "")
        levels = self._levels.get(abstract_id or "")
        if not levels or ilvl not in levels or abstract_id is None:
            return ""
        counters = self._counters.setdefault(
            abstract_id, [levels.get(i, _PLAIN).start - 1 for i in range(MAX_LEVELS)]
        )
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            counters[deeper] = levels.get(deeper, _PLAIN).start - 1
        if levels[ilvl].kind in ("bullet", "none"):
            return ""
        text = levels[ilvl].text
        for level in range(MAX_LEVELS):
            shown = format_number(counters[level], levels.get(level, _PLAIN).kind)
            text = text.replace(f"%{level + 1}", shown)
        return text

    def _numbering_of(self, paragraph: Paragraph) -> tuple[str | None, int]:
        """(numId, level) from the paragraph, else from its style or the styles it is based on."""
        holders: list[Any] = [paragraph._p.pPr]
        style = paragraph.style
        while style is not None:
            holders.append(style.element.pPr)
            style = style.base_style
        for holder in holders:
            num_pr = holder.find(qn("w:numPr")) if holder is not None else None
            if num_pr is not None:
                num_id = _val(num_pr, "w:numId")
                if num_id == "0":
                    return None, 0
                level = int(_val(num_pr, "w:ilvl", "0") or "0")
                return num_id, min(level, MAX_LEVELS - 1)
        return None, 0
