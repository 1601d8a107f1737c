"""Text comes out of DOCX, PDF, HTML and plain text; unsafe or textless files are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfWriter

from app.imports.documents import extract
from app.imports.documents.extract import extract_text
from app.imports.documents.numbering import format_number
from app.imports.errors import FileRefused
from app.imports.readers import open_rows
from tests.imports.builders import (
    write_blank_pdf,
    write_docx,
    write_numbered_docx,
    write_text_pdf,
    write_zip,
    write_zip_bomb,
)

ARTICLE = ["Article 1 - Scope", "This agreement covers every worker."]


def test_html_gives_its_text_and_title_without_scripts(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        "<html><head><title>City CBA</title><script>var x = 1;</script></head><body>"
        "<h2>Article 1 &ndash; Scope</h2><p>All   workers.</p></body></html>",
        encoding="utf-8",
    )
    document = extract_text(path, "html")
    assert (document.text, document.title) == ("Article 1 – Scope\n\nAll workers.", "City CBA")


def test_docx_gives_paragraphs_tables_and_title(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "a.docx", ARTICLE, title="City CBA")
    document = extract_text(path, "docx")
    assert document.text.splitlines() == ARTICLE
    assert document.title == "City CBA"


def test_plain_text_in_cp1252_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(
        "Article 1 – Télétravail\r\nL’agent reçoit 30 € par mois.\r\n".encode("cp1252")
    )
    assert (
        extract_text(path, "txt").text == "Article 1 – Télétravail\nL’agent reçoit 30 € par mois.\n"
    )


def test_a_pdf_text_layer_is_read(tmp_path: Path) -> None:
    path = write_text_pdf(tmp_path / "a.pdf", [ARTICLE])
    assert extract_text(path, "pdf").text.splitlines() == ARTICLE


def test_a_scanned_pdf_is_refused_as_such(tmp_path: Path) -> None:
    path = write_blank_pdf(tmp_path / "scan.pdf", pages=3)
    with pytest.raises(FileRefused, match=r"scanned PDF: none of its 3 pages.*OCR"):
        extract_text(path, "pdf")


def test_scanned_pages_among_text_pages_are_named(tmp_path: Path) -> None:
    path = write_text_pdf(tmp_path / "a.pdf", [ARTICLE, [], [], ["Article 2 - Leave", "Six."]])
    assert extract_text(path, "pdf").notes == ("pages without text (scanned?), left out: 2-3",)


def test_a_pdf_with_too_many_pages_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract, "MAX_PDF_PAGES", 2)
    path = write_text_pdf(tmp_path / "a.pdf", [ARTICLE, ARTICLE, ARTICLE])
    with pytest.raises(FileRefused, match="has 3 pages; at most 2"):
        extract_text(path, "pdf")


def test_a_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.encrypt("secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(FileRefused, match="password"):
        extract_text(path, "pdf")


def test_a_broken_pdf_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really a pdf")
    with pytest.raises(FileRefused, match="not a readable PDF"):
        extract_text(path, "pdf")


def test_a_document_over_the_byte_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract, "MAX_DOCUMENT_BYTES", 10)
    path = tmp_path / "a.txt"
    path.write_text("Article 1 - Scope\nAll workers.\n", encoding="utf-8")
    with pytest.raises(FileRefused, match="at most 10"):
        extract_text(path, "txt")


def test_a_docx_zip_bomb_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    path = write_zip_bomb(tmp_path / "bomb.docx", "word/document.xml")
    with pytest.raises(FileRefused, match="zip bomb"):
        extract_text(path, "docx")


def test_an_xlsx_zip_bomb_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    path = write_zip_bomb(tmp_path / "bomb.xlsx", "xl/sharedStrings.xml")
    with pytest.raises(FileRefused, match="zip bomb"), open_rows(path, "xlsx"):
        pass


def test_a_docx_that_unpacks_too_big_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract, "MAX_DOCX_UNPACKED", 1000)
    path = write_zip(tmp_path / "big.docx", {"word/document.xml": b"<w/>" * 500})
    with pytest.raises(FileRefused, match="would unpack to 2,000 bytes"):
        extract_text(path, "docx")


@pytest.mark.parametrize(
    "member", ["../../etc/cron.d/x", "/etc/passwd", "word\\..\\x.xml", "C:/x.xml", "a/../../b"]
)
def test_archive_members_with_path_tricks_are_refused(tmp_path: Path, member: str) -> None:
    path = write_zip(tmp_path / "trick.docx", {"word/document.xml": b"<w/>", member: b"x"})
    with pytest.raises(FileRefused, match="unsafe path"):
        extract_text(path, "docx")


def test_a_docx_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"plain text pretending")
    with pytest.raises(FileRefused, match="not a valid DOCX file"):
        extract_text(path, "docx")


def test_word_automatic_article_numbers_are_shown_in_the_text(tmp_path: Path) -> None:
    articles = [("Scope", "All workers."), ("Telework", "Telework is voluntary.")]
    path = write_numbered_docx(tmp_path / "a.docx", articles, level_text="ARTICLE %1 -")
    lines = extract_text(path, "docx").text.splitlines()
    assert lines == [
        "ARTICLE I - Scope",
        "All workers.",
        "ARTICLE II - Telework",
        "Telework is voluntary.",
    ]


@pytest.mark.parametrize(
    ("number", "kind", "shown"),
    [(4, "decimal", "4"), (14, "upperRoman", "XIV"), (9, "lowerRoman", "ix"),
     (2, "upperLetter", "B"), (27, "lowerLetter", "aa"), (3, "ordinal", "3")],
)  # fmt: skip
def test_word_number_formats_are_rendered(number: int, kind: str, shown: str) -> None:
    assert format_number(number, kind) == shown
