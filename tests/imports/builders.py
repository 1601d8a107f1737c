"""Files and rows for import tests, written here: spreadsheets, documents, PDFs and bad zips."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import docx
import openpyxl
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fastapi.testclient import TestClient
from pypdf import PdfWriter

from app.imports.model import SourceRow

FIXTURES = Path(__file__).parent / "fixtures"
AGREEMENTS = FIXTURES / "agreements"


def clause_values(**overrides: Any) -> dict[str, object]:
    """A valid import row, as a spreadsheet gives it (text cells), in our own words."""
    values: dict[str, object] = {
        "external_id": "EX-1",
        "title": "Notice before new monitoring tools",
        "text": "The Employer shall give the Union sixty days' notice before any tool that "
        "records workers' activity is introduced.",
        "language": "en",
        "country": "PH",
        "union": "Example Public Employees Union",
        "agreement": "Example City CBA 2024-2027",
        "signed_date": "2024-03-01",
        "themes": "6",
        "subthemes": "6.1",
        "tags": "monitoring|notice",
    }
    values.update(overrides)
    return values


def source_row(number: int = 2, **overrides: Any) -> SourceRow:
    return SourceRow(number, clause_values(**overrides))


def numbered_rows(count: int, **overrides: Any) -> list[SourceRow]:
    """`count` distinct valid rows, EX-1 to EX-<count>, numbered from 2 like a spreadsheet."""
    return [
        source_row(
            i + 1,
            **{
                "external_id": f"EX-{i}",
                "title": f"Notice before new monitoring tools, item {i}",
                **overrides,
            },
        )
        for i in range(1, count + 1)
    ]


def write_csv(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, sheets: Mapping[str, Sequence[Sequence[object]]]) -> Path:
    book = openpyxl.Workbook()
    first = True
    for name, rows in sheets.items():
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        sheet.title = name
        for row in rows:
            sheet.append(list(row))
        first = False
    book.save(path)
    return path


def write_docx(path: Path, paragraphs: list[str], *, title: str | None = None) -> Path:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if title:
        document.core_properties.title = title
    document.save(str(path))
    return path


def _pdf_string(line: str) -> str:
    return "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def write_text_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF whose pages carry the given lines as real text (Helvetica, ASCII only).

    An empty page list item makes a page without any text, as a scanned page would be.
    """
    objects: list[str] = []
    kids = []
    font_ref = 3 + 2 * len(pages)
    for index, lines in enumerate(pages):
        page_no, content_no = 3 + 2 * index, 4 + 2 * index
        kids.append(f"{page_no} 0 R")
        body = (
            "BT /F1 11 Tf 14 TL 72 760 Td "
            + " T* ".join(f"{_pdf_string(line)} Tj" for line in lines)
            + " ET"
            if lines
            else ""
        )
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 {font_ref} 0 R >> >> /Contents {content_no} 0 R >>"
        )
        objects.append(f"<< /Length {len(body)} >>\nstream\n{body}\nendstream")
    catalog = "<< /Type /Catalog /Pages 2 0 R >>"
    tree = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>"
    font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    everything = [catalog, tree, *objects, font]
    data = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(everything, 1):
        offsets.append(len(data))
        data += f"{number} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(data)
    data += f"xref\n0 {len(everything) + 1}\n0000000000 65535 f \n".encode()
    data += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    data += (
        f"trailer\n<< /Size {len(everything) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    path.write_bytes(bytes(data))
    return path


def write_blank_pdf(path: Path, pages: int) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def write_zip_bomb(path: Path, member: str, unpacked_bytes: int = 64 << 20) -> Path:
    """A small zip whose one member unpacks to `unpacked_bytes` of zeros (about 1000 times)."""
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open(member, "w", force_zip64=True) as handle,
    ):
        chunk = bytes(1 << 20)
        for _ in range(unpacked_bytes >> 20):
            handle.write(chunk)
    return path


def write_numbered_docx(path: Path, articles: list[tuple[str, str]], *, level_text: str) -> Path:
    """A DOCX whose article headings are numbered by Word itself (`level_text`: "Article %1").

    The heading paragraphs hold only their titles, as when a union drafts in Word.
    """
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0">'
            '<w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
            f'<w:lvlText w:val="{level_text}"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    for title, body in articles:
        heading = document.add_paragraph(title)
        heading._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>')
        )
        document.add_paragraph(body)
    document.save(str(path))
    return path


def old_report() -> dict[str, object]:
    """A job report as stored before rejected rows had a place and an external_id."""
    return {
        "source": "import:secretariat", "dry_run": False, "rows_read": 2, "created": 1,
        "updated": 0, "published": 0, "unchanged": 0, "rejected": 1,
        "errors": [{"row": 3, "field": "country", "reason": "x"}], "errors_left_out": 0,
        "unknown_columns": {}, "reviews": [], "notes": [], "stopped": None,
    }  # fmt: skip


def run_jobs(client: TestClient) -> None:
    """Run every queued import job of the app, as its worker would."""
    worker = client.app.state.import_worker  # type: ignore[attr-defined]
    while worker.run_next():
        pass
