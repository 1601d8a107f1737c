"""Write rows as CSV, JSON Lines or XLSX."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Any

from openpyxl import Workbook

from app.exports.rows import columns, flat


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    xlsx = "xlsx"


MEDIA_TYPES = {
    ExportFormat.csv: "text/csv; charset=utf-8",
    ExportFormat.jsonl: "application/x-ndjson",
    ExportFormat.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _json_default(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot export {type(value).__name__}")


def jsonl_lines(rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    for row in rows:
        line = json.dumps({k: v for k, v in row.items() if v is not None}, default=_json_default,
                          ensure_ascii=False)  # fmt: skip
        yield (line + "\n").encode("utf-8")


def csv_bytes(rows: list[dict[str, Any]], header: list[str] | None = None) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the accents right; the
    columns are the import's unless `header` names them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = header or columns(rows)
    writer.writerow(header)
    for row in rows:
        writer.writerow([flat(row.get(name)) for name in header])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(
    rows: list[dict[str, Any]], header: list[str] | None = None, sheet_name: str = "clauses"
) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    header = header or columns(rows)
    sheet.append(header)
    for row in rows:
        sheet.append([flat(row.get(name)) for name in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
