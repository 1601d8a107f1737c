"""Readers that stream the records of CSV, XLSX, JSON Lines and JSON files as `SourceRow`s.

Row numbers are what the user sees: the spreadsheet row (the header is row 1), the line of a
JSON Lines file, the position of an object in a JSON array. Each row also carries its `Place`:
for a CSV file, the line its record starts on, which differs from the row once a quoted cell
has run over several lines.
"""

from __future__ import annotations

import csv
import itertools
import json
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

import ijson  # type: ignore[import-untyped]
import openpyxl

from app.imports.archives import check_archive
from app.imports.encoding import detect_encoding
from app.imports.errors import FileRefused
from app.imports.model import Place, SourceRow

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

STRUCTURED = ("csv", "xlsx", "jsonl", "json")
DOCUMENTS = ("docx", "pdf", "html", "txt")
FORMATS = STRUCTURED + DOCUMENTS
_SUFFIXES = {
    ".csv": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json", ".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html",
    ".txt": "txt", ".text": "txt",
}  # fmt: skip
_OLD_FORMATS = {".xls": "xlsx", ".doc": "docx", ".odt": "docx", ".ods": "xlsx", ".rtf": "docx"}
DELIMITERS = (",", ";", "\t", "|")
MAX_XLSX_UNPACKED = 1 << 30  # shared strings are held in memory: this bounds them too
MAX_RECORD_BYTES = 8 << 20  # one JSON Lines record: a clause with many translations fits


@dataclass
class RowStream:
    """The rows of one file, with what the reader found out about it."""

    rows: Iterator[SourceRow]
    columns: tuple[str, ...] | None = None
    notes: list[str] = field(default_factory=list)


def format_of(path: Path, given: str | None = None) -> str:
    """The import format: the one given, else from the file name's suffix."""
    if given:
        if given not in FORMATS:
            raise FileRefused(f"unknown format {given!r}; one of {', '.join(FORMATS)}")
        return given
    suffix = path.suffix.lower()
    if suffix in _OLD_FORMATS:
        raise FileRefused(f"{path.name}: save it as .{_OLD_FORMATS[suffix]} first")
    if suffix not in _SUFFIXES:
        raise FileRefused(f"{path.name}: unknown file type; give the format ({', '.join(FORMATS)})")
    return _SUFFIXES[suffix]


@contextmanager
def open_rows(path: Path, fmt: str) -> Iterator[RowStream]:
    """The rows of a structured file; the file stays open while the rows are read."""
    if fmt == "xlsx":
        with _xlsx_rows(path) as stream:
            yield stream
        return
    if fmt == "csv":
        encoding = detect_encoding(path)
        with path.open(encoding=encoding.name, errors="strict", newline="") as text:
            yield _csv_rows(path, text, f"encoding {encoding.name} ({encoding.reason})")
        return
    with path.open("rb") as handle:
        if fmt == "jsonl":
            yield RowStream(_jsonl_rows(handle), notes=["JSON Lines, UTF-8"])
        elif fmt == "json":
            yield RowStream(_json_rows(handle), notes=["JSON, streamed with ijson"])
        else:
            raise FileRefused(f"{fmt} is not a structured format ({', '.join(STRUCTURED)})")


def sniff_delimiter(header_line: str) -> str:
    """The delimiter: the candidate found most often in the header (field names hold none)."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_rows(path: Path, text: TextIO, encoding_note: str) -> RowStream:
    try:
        first = text.readline()
    except UnicodeDecodeError as exc:
        raise FileRefused(f"{path.name}: the header row cannot be decoded: {exc}") from exc
    delimiter = sniff_delimiter(first)
    reader = csv.reader(itertools.chain([first], text), delimiter=delimiter)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise FileRefused(f"{path.name}: the header row cannot be read: {exc}") from exc
    columns = _header(path, header)
    shown = {"\t": "tab"}.get(delimiter, delimiter)
    notes = [encoding_note, f"delimiter {shown!r}"]
    return RowStream(_csv_records(path, reader, columns), tuple(columns), notes)


def _csv_records(path: Path, reader: CsvReader, columns: list[str]) -> Iterator[SourceRow]:
    number = 1
    while True:
        # The reader has read `line_num` physical lines so far: the next record starts after.
        line = reader.line_num + 1
        try:
            cells = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            where = f"{path.name}, after row {number} (line {reader.line_num})"
            raise FileRefused(f"{where}: the file cannot be read further: {exc}") from exc
        if cells is None:
            return
        number += 1
        if any(c.strip() for c in cells):
            yield SourceRow(number, _by_column(columns, cells), place=Place("line", line))


def _header(path: Path, cells: list[Any]) -> list[str]:
    names = ["" if c is None else str(c).strip() for c in cells]
    while names and not names[-1]:
        names.pop()
    if not any(names):
        raise FileRefused(f"{path.name}: the first row must name the columns (see the template)")
    seen: dict[str, int] = {}
    for position, name in enumerate(names, 1):
        if name and name.casefold() in seen:
            raise FileRefused(
                f"{path.name}: column {name!r} appears twice (columns {seen[name.casefold()]} "
                f"and {position})"
            )
        seen[name.casefold()] = position
    return names


def _by_column(columns: list[str], cells: list[Any] | tuple[Any, ...]) -> dict[str, object]:
    values: dict[str, object] = {name: "" for name in columns if name}
    for position, cell in enumerate(cells):
        name = columns[position] if position < len(columns) else ""
        if not name:
            if cell is None or str(cell).strip() == "":
                continue
            name = f"(column {position + 1}, no header)"
        values[name] = cell
    return values


@contextmanager
def _xlsx_rows(path: Path) -> Iterator[RowStream]:
    check_archive(path, kind="XLSX", max_total_bytes=MAX_XLSX_UNPACKED)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it ignores: irrelevant to the data.
            warnings.simplefilter("ignore", UserWarning)
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise FileRefused(f"{path.name} is not a readable XLSX file: {exc}") from exc
    try:
        names = book.sheetnames
        sheet = book["clauses"] if "clauses" in names else book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        columns = _header(path, list(next(rows, ())))
        notes = [f"sheet {sheet.title!r}" + (f" of {len(names)}" if len(names) > 1 else "")]
        yield RowStream(_xlsx_records(columns, rows), tuple(columns), notes)
    finally:
        book.close()


def _xlsx_records(columns: list[str], rows: Iterator[tuple[Any, ...]]) -> Iterator[SourceRow]:
    for number, cells in enumerate(rows, 2):
        if any(c is not None and str(c).strip() for c in cells):
            yield SourceRow(number, _by_column(columns, cells), place=Place("row", number))


def _jsonl_rows(handle: BinaryIO) -> Iterator[SourceRow]:
    for number in itertools.count(1):
        place = Place("line", number)
        line = handle.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(MAX_RECORD_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield SourceRow(number, {}, f"longer than {MAX_RECORD_BYTES:,} bytes", place=place)
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            yield SourceRow(number, {}, "not UTF-8 (JSON must be UTF-8)", place=place)
            continue
        except json.JSONDecodeError as exc:
            problem = f"not valid JSON: {exc.msg} at column {exc.colno}"
            yield SourceRow(number, {}, problem, place=place)
            continue
        yield _json_record(place, record)


def _json_rows(handle: BinaryIO) -> Iterator[SourceRow]:
    if handle.read(3) != b"\xef\xbb\xbf":
        handle.seek(0)
    while (first := handle.read(1)) and first.isspace():
        pass
    handle.seek(handle.tell() - len(first))
    prefix = "clauses.item" if first == b"{" else "item"
    number = 0
    try:
        for number, record in enumerate(ijson.items(handle, prefix, use_float=True), 1):
            yield _json_record(Place("record", number), record)
    except (ijson.JSONError, UnicodeDecodeError) as exc:
        problem = f"the file cannot be read further: not valid JSON ({exc})"
        yield SourceRow(number + 1, {}, problem, place=Place("record", number + 1))


def _json_record(place: Place, record: object) -> SourceRow:
    """A record of a JSON array (`record` N) or JSON Lines file (`line` N)."""
    if not isinstance(record, dict):
        problem = f"expected an object, got {type(record).__name__}"
        return SourceRow(place.number, {}, problem, place=place)
    return SourceRow(place.number, record, place=place)
