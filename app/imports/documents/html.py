"""The readable text of an HTML page: block elements become lines, scripts and styles vanish."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    (  # noqa: SIM905 - a list of tag names reads better as one string
        "address article aside blockquote br dd div dl dt fieldset figcaption figure footer "
        "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tr ul"
    ).split()
)
_CELLS = frozenset({"td", "th"})
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "svg", "object"})
_SPACE = re.compile(r"[ \t\r\n\f]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.hidden = 0
        self.in_title = False
        self.in_pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append("\t")
        if tag == "pre":
            self.in_pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "pre":
            self.in_pre = max(0, self.in_pre - 1)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.hidden:
            self.parts.append(data if self.in_pre else _SPACE.sub(" ", data))


def html_text(markup: str) -> tuple[str, str | None]:
    """(text, title) of an HTML document."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = (line.strip(" ") for line in "".join(collector.parts).split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    title = _SPACE.sub(" ", "".join(collector.title_parts)).strip() or None
    return text, title
