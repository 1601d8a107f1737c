"""The text of an agreement document (DOCX, PDF, HTML, plain text), within resource limits.

Every reader refuses what it cannot bound: oversized files, zip bombs and path tricks in DOCX
(checked before python-docx opens it), PDFs with too many pages (pypdf itself caps each
decompressed stream at 75 MB), and PDFs without a text layer, which need OCR first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.table import Table
from pypdf import PdfReader

from app.imports.archives import check_archive
from app.imports.documents.html import html_text
from app.imports.documents.numbering import WordNumbering
from app.imports.encoding import detect_encoding
from app.imports.errors import FileRefused

MAX_DOCUMENT_BYTES = 50 << 20
MAX_DOCX_UNPACKED = 200 << 20
MAX_PDF_PAGES = 2_000
MAX_TEXT_CHARS = 5_000_000  # some 2,000 pages of agreement: far above any real one
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TRAILING = re.compile(r"[ \t]+\n")


@dataclass(frozen=True)
class DocumentText:
    """An agreement's text, its own title if it names one, and what the reader noticed."""

    text: str
    title: str | None = None
    notes: tuple[str, ...] = ()


def extract_text(path: Path, fmt: str) -> DocumentText:
    """The text of the document at `path` in format `fmt` (docx, pdf, html or txt)."""
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise FileRefused(
            f"{path.name} is {size:,} bytes; an agreement document may be at most "
            f"{MAX_DOCUMENT_BYTES:,}"
        )
    readers = {"docx": _docx, "pdf": _pdf, "html": _html, "txt": _txt}
    if fmt not in readers:
        raise FileRefused(f"{fmt} is not a document format (docx, pdf, html, txt)")
    document = readers[fmt](path)
    text = clean_text(document.text)
    if len(text) > MAX_TEXT_CHARS:
        raise FileRefused(f"{path.name} holds more than {MAX_TEXT_CHARS:,} characters of text")
    if not text.strip():
        raise FileRefused(f"{path.name} holds no text")
    return DocumentText(text, document.title, document.notes)


def clean_text(text: str) -> str:
    """One kind of line end, no control characters, no spaces at line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return _TRAILING.sub("\n", _CONTROL.sub("", text))


def _txt(path: Path) -> DocumentText:
    encoding = detect_encoding(path)
    try:
        text = path.read_text(encoding=encoding.name)
    except UnicodeDecodeError as exc:
        raise FileRefused(f"{path.name} cannot be read as {encoding.name}: {exc}") from exc
    return DocumentText(text, None, (f"encoding {encoding.name} ({encoding.reason})",))


def _html(path: Path) -> DocumentText:
    encoding = detect_encoding(path)
    try:
        markup = path.read_text(encoding=encoding.name)
    except UnicodeDecodeError as exc:
        raise FileRefused(f"{path.name} cannot be read as {encoding.name}: {exc}") from exc
    text, title = html_text(markup)
    return DocumentText(text, title, (f"encoding {encoding.name} ({encoding.reason})",))


def _docx(path: Path) -> DocumentText:
    check_archive(path, kind="DOCX", max_total_bytes=MAX_DOCX_UNPACKED)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise FileRefused(f"{path.name} is not a readable DOCX file: {exc}") from exc
    numbering = WordNumbering(document)
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += _table_lines(block)
        else:
            label = numbering.label(block)
            lines.append(f"{label} {block.text}" if label else block.text)
    title = (document.core_properties.title or "").strip() or None
    return DocumentText("\n".join(lines), title)


def _table_lines(table: Table) -> list[str]:
    """A table as lines, one per row, its cells separated by tabs (merged cells once)."""
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = cell.text.strip()
            if not cells or cells[-1] != text:
                cells.append(text)
        lines.append("\t".join(cells))
    return lines


def _pdf(path: Path) -> DocumentText:
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileRefused(f"{path.name} is protected by a password; send it unprotected")
        count = len(reader.pages)
    except FileRefused:
        raise
    except Exception as exc:  # pypdf raises many kinds (PdfReadError, ...) on a broken file
        raise FileRefused(f"{path.name} is not a readable PDF: {exc}") from exc
    if count > MAX_PDF_PAGES:
        raise FileRefused(f"{path.name} has {count:,} pages; at most {MAX_PDF_PAGES:,}")
    pages: list[str] = []
    blank: list[int] = []
    total = 0
    for number, page in enumerate(reader.pages, 1):
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # one broken page should name itself, not crash the run
            raise FileRefused(
                f"{path.name}, page {number}: the text cannot be read: {exc}"
            ) from exc
        if not text.strip():
            blank.append(number)
        total += len(text)
        if total > MAX_TEXT_CHARS:
            raise FileRefused(f"{path.name} holds more than {MAX_TEXT_CHARS:,} characters of text")
        pages.append(text)
    if len(blank) == count:
        raise FileRefused(
            f"{path.name} is a scanned PDF: none of its {count} pages has a text layer. "
            "Run it through OCR (text recognition) first, then import the result."
        )
    notes = (f"pages without text (scanned?), left out: {_ranges(blank)}",) if blank else ()
    title = reader.metadata.title if reader.metadata is not None else None
    return DocumentText("\n".join(pages), (title or "").strip() or None, notes)


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7] -> '1-3, 7'."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and spans[-1][1] == n - 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
