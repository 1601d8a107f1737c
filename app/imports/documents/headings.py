"""The headings that open an article (or a section, or a chapter) in an agreement, by language.

A heading starts a line: a label and a number, as in `Article 12`, `Art. 12.3`, `ARTICLE XII`,
`Artículo 5`, `Artigo 5.º`, `Articolo 5`, `Artikel 5`, `§ 5`, `Clause 7`, `CLÁUSULA PRIMEIRA`,
`Section 4.2`, `第12条`, `제12조`. What follows decides whether it is a heading or a sentence
that happens to start with a reference ("Article 12 of the Labour Code provides ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Level = Literal["article", "section", "division"]

_ORDINAL_UNITS = (
    r"primer[oa]?|primeir[oa]|segund[oa]|tercer[oa]?|terceir[oa]|cuart[oa]|quart[oa]|"
    r"quint[oa]|sext[oa]|s[eé]ptim[oa]|octav[oa]|oitav[oa]|noven[oa]|non[oa]"
)
_ORDINAL_WORDS = (
    rf"(?:(?:d[eé]cim[oa]|vig[eé]sim[oa])(?:[\s-]+(?:{_ORDINAL_UNITS}))?|{_ORDINAL_UNITS}"
    r"|premier|premi[eè]re|unique|[uú]nic[oa]|primo|secondo|terzo)"
)
_NUMBER = (
    r"(?:\d{1,4}(?:\.\d{1,4})*(?:\s?(?:bis|ter|quater)\b|[a-z](?![a-zA-Z])"
    r"|\s?(?:(?:er|re)(?![a-zà-ÿ])|[.]?\s?[ºª°]|o\b))?"
    r"|(?-i:[IVXLC]{1,7})(?![A-Za-z])"
    rf"|{_ORDINAL_WORDS}(?![a-zà-ÿ]))"
)
_ARTICLE_LABELS = (
    r"art[ií]culo|articulo|artigo|articolo|artikel|article|art\.?|cl[aá]usula|clausola|clause"
)
_SECTION_LABELS = r"section|secci[oó]n|sec[cç][aã]o|se[cç][aã]o|sezione|abschnitt"
_DIVISION_LABELS = (
    r"chapter|chapitre|cap[ií]tulo|capitolo|kapitel|part|partie|parte|teil|titre|t[ií]tulo|"
    r"titolo|annex|annexe|anexo|allegato|anhang|schedule|appendix"
)
_LEAD = r"^[ \t]*(?:[#*>]+[ \t]*)?"
_LATIN_HEADING = re.compile(
    _LEAD
    + rf"(?P<label>(?P<article>{_ARTICLE_LABELS})|(?P<section>{_SECTION_LABELS})"
    + rf"|(?P<division>{_DIVISION_LABELS}))[ \t]*(?P<number>{_NUMBER})"
    + r"(?P<rest>[^\n]*)",
    re.IGNORECASE | re.MULTILINE,
)
_PARAGRAPH = re.compile(_LEAD + r"(?P<label>§)[ \t]*(?P<number>\d{1,4}[a-z]?)(?P<rest>[^\n]*)",
                        re.MULTILINE)  # fmt: skip
_CJK_NUMBER = r"[0-9０-９〇一二三四五六七八九十百千]+"
_CJK_HEADING = re.compile(
    _LEAD
    + rf"(?P<label>第[ \t]*(?P<number>{_CJK_NUMBER})[ \t]*(?P<kind>条|條|章|節|节|款)"
    + r"(?:の[0-9０-９一二三四五六七八九十]+)?"
    + r"|제[ \t]*(?P<knumber>[0-9]+)[ \t]*(?P<kkind>조|장|절)(?:의[ \t]*[0-9]+)?)"
    + r"(?P<rest>[^\n]*)",
    re.MULTILINE,
)
_CJK_LEVEL: dict[str, Level] = {
    "条": "article", "條": "article", "款": "article", "조": "article",
    "節": "section", "节": "section", "절": "section",
    "章": "division", "장": "division",
}  # fmt: skip
_SEPARATOR = re.compile(r"^\s*(?:[.:)\]]|[-–—]|\s[-–—])\s*")
_TABLE_OF_CONTENTS = re.compile(r"(?:\.{4,}|…{2,}|_{4,}|\t|\s{3,})\s*\d{1,4}\s*$")
_BRACKETED = re.compile(r"^\s*[(（]([^()（）\n]{1,80})[)）]\s*")
MAX_TITLE_CHARS = 150
MAX_BARE_TITLE_CHARS = 80
SENTENCE_WORDS = 8


@dataclass(frozen=True)
class Heading:
    """A heading found in the text: where it is, its level, reference and title."""

    start: int  # the start of the heading's line
    body_start: int  # where the text that follows the heading starts
    level: Level
    ref: str  # as written: "Art. 12.3", "第12条"
    title: str | None


def find_headings(text: str) -> list[Heading]:
    """Every heading in `text`, in order."""
    found: list[Heading] = []
    for match in _LATIN_HEADING.finditer(text):
        level: Level = (
            "article" if match["article"] else "section" if match["section"] else "division"
        )
        heading = _latin(match, level)
        if heading is not None:
            found.append(heading)
    for match in _PARAGRAPH.finditer(text):
        heading = _latin(match, "article")
        if heading is not None:
            found.append(heading)
    found += [_cjk(m) for m in _CJK_HEADING.finditer(text)]
    return sorted(found, key=lambda h: h.start)


def _latin(match: re.Match[str], level: Level) -> Heading | None:
    rest = match["rest"]
    ref = (
        f"{match['label']} {match['number']}".strip()
        if match["label"] != "§"
        else (f"§ {match['number']}")
    )
    ref = re.sub(r"\s+", " ", ref)
    if _TABLE_OF_CONTENTS.search(rest):
        return None
    separated = _SEPARATOR.match(rest)
    if separated:
        after = rest[separated.end() :]
    else:
        after = rest.strip()
        bare_title = not after or (
            len(after) <= MAX_BARE_TITLE_CHARS and (after[0].isupper() or after[0] in "(«\"'“")
        )
        if after and not bare_title:
            return None
    title, body_offset = _title(after)
    line_end = match.end("rest")
    body_start = line_end - len(after) + body_offset if title is None else line_end
    return Heading(match.start("label"), body_start, level, ref, title)


def _title(after: str) -> tuple[str | None, int]:
    """The heading's title, or None when the words after it are the start of the body."""
    stripped = after.strip()
    if not stripped:
        return None, len(after)
    if len(stripped) > MAX_TITLE_CHARS or _is_sentence(stripped):
        return None, len(after) - len(after.lstrip())
    return stripped.strip("()«»\"'“” "), len(after)


def _is_sentence(words: str) -> bool:
    """A run of words that ends like a sentence and is long enough to be one."""
    return words.endswith((".", ";", ":")) and len(words.split()) > SENTENCE_WORDS


def _cjk(match: re.Match[str]) -> Heading:
    kind = match["kind"] or match["kkind"]
    ref = re.sub(r"[ \t]+", "", match["label"])
    rest = match["rest"]
    bracketed = _BRACKETED.match(rest)
    title = bracketed.group(1).strip() if bracketed else None
    skipped = bracketed.end() if bracketed else len(rest) - len(rest.lstrip(" \t　"))
    return Heading(
        match.start("label"), match.start("rest") + skipped, _CJK_LEVEL[kind], ref, title
    )
