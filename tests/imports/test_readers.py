"""Readers stream rows from CSV, XLSX, JSON Lines and JSON, numbered as the user sees them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from app.imports.errors import FileRefused
from app.imports.readers import format_of, open_rows
from tests.imports.builders import write_csv, write_xlsx

HEADER = ["external_id", "title", "text", "language"]
ROWS = [
    ["A1", "Right to disconnect", "No messages after 19:00, not even urgent ones.", "en"],
    ["A2", "Telework", "Telework is voluntary; equipment is provided.", "en"],
]


def _read(path: Path, fmt: str) -> list[tuple[int, dict[str, object], str | None]]:
    with open_rows(path, fmt) as stream:
        return [(r.number, dict(r.values), r.problem) for r in stream.rows]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"], ids=["comma", "semi", "tab", "bar"])
def test_csv_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = write_csv(tmp_path / "c.csv", HEADER, ROWS, delimiter=delimiter)
    rows = _read(path, "csv")
    assert [r[1]["text"] for r in rows] == [ROWS[0][2], ROWS[1][2]]


def test_csv_with_byte_order_mark_has_a_clean_first_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", HEADER, ROWS, encoding="utf-8-sig")
    assert "external_id" in _read(path, "csv")[0][1]


def test_cp1252_csv_cells_decode_to_the_right_characters(tmp_path: Path) -> None:
    cells = ["F1", "Prime de télétravail", "L’employeur verse 50 € par mois.", "fr"]
    path = write_csv(tmp_path / "c.csv", HEADER, [cells], delimiter=";", encoding="cp1252")
    assert _read(path, "csv")[0][1]["text"] == "L’employeur verse 50 € par mois."


def test_quoted_cells_keep_delimiters_and_line_breaks(tmp_path: Path) -> None:
    text = "1. First, the notice.\n2. Then; the consultation."
    path = write_csv(tmp_path / "c.csv", HEADER, [["A1", "Notice", text, "en"]])
    assert _read(path, "csv")[0][1]["text"] == text


def test_rows_are_numbered_as_in_a_spreadsheet_and_empty_rows_skipped(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", HEADER, [ROWS[0], ["", "", "", ""], ROWS[1]])
    assert [r[0] for r in _read(path, "csv")] == [2, 4]


def test_a_column_named_twice_refuses_the_file(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", ["title", "text", "Title"], [["a", "b", "c"]])
    with pytest.raises(FileRefused, match="appears twice"), open_rows(path, "csv"):
        pass


def test_cells_beyond_the_header_get_a_column_name(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", HEADER, [[*ROWS[0], "stray"]])
    assert _read(path, "csv")[0][1]["(column 5, no header)"] == "stray"


def test_xlsx_rows_keep_numbers_and_dates(tmp_path: Path) -> None:
    signed = datetime(2024, 3, 1)
    sheet: list[list[object]] = [[*HEADER, "year", "signed_date"], [*ROWS[0], 2024, signed]]
    path = write_xlsx(tmp_path / "c.xlsx", {"Sheet": sheet})
    values = _read(path, "xlsx")[0][1]
    assert (values["year"], values["signed_date"]) == (2024, signed)


def test_xlsx_reads_the_sheet_named_clauses_when_there_is_one(tmp_path: Path) -> None:
    sheets = {"notes": [["anything"], ["else"]], "clauses": [HEADER, ROWS[1]]}
    path = write_xlsx(tmp_path / "c.xlsx", sheets)
    assert _read(path, "xlsx")[0][1]["external_id"] == "A2"


def test_jsonl_rows_are_numbered_by_line_and_bad_lines_are_problems(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"title": "A"}\n\n{"title": \n[1, 2]\n', encoding="utf-8")
    rows = _read(path, "jsonl")
    assert [(n, p is None) for n, _, p in rows] == [(1, True), (3, False), (4, False)]


def test_json_array_objects_are_streamed_in_order(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('[{"title": "A", "themes": ["4"]}, {"title": "B"}]', encoding="utf-8")
    assert [(n, v["title"]) for n, v, _ in _read(path, "json")] == [(1, "A"), (2, "B")]


def test_json_object_with_a_clauses_array_is_read(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('\ufeff  {"clauses": [{"title": "A"}]}', encoding="utf-8")
    assert _read(path, "json")[0][1] == {"title": "A"}


def test_truncated_json_keeps_the_rows_before_and_reports_the_break(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('[{"title": "A"}, {"title": "B"', encoding="utf-8")
    rows = _read(path, "json")
    assert rows[0][1] == {"title": "A"}
    assert "cannot be read further" in str(rows[-1][2])


def test_a_json_item_that_is_not_an_object_is_a_problem_row(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('["just text"]', encoding="utf-8")
    assert _read(path, "json")[0][2] == "expected an object, got str"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.CSV", "csv"), ("a.tsv", "csv"), ("a.xlsx", "xlsx"), ("a.ndjson", "jsonl"),
     ("a.json", "json"), ("a.htm", "html"), ("a.docx", "docx"), ("a.pdf", "pdf"), ("a.txt", "txt")],
)  # fmt: skip
def test_format_follows_the_file_suffix(name: str, fmt: str) -> None:
    assert format_of(Path(name)) == fmt


def test_an_old_binary_spreadsheet_is_refused_with_what_to_do() -> None:
    with pytest.raises(FileRefused, match=r"save it as \.xlsx"):
        format_of(Path("archive.xls"))


def test_a_csv_that_stops_decoding_half_way_names_the_last_good_row(tmp_path: Path) -> None:
    # A UTF-8 mark at the start, then a cp1252 byte far down: the mark was a promise broken.
    body = "title,text\n" + "".join(f"T{i},plain\n" for i in range(3000)) + "T,caf\xe9\n"
    path = tmp_path / "c.csv"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("latin-1"))
    with open_rows(path, "csv") as stream, pytest.raises(FileRefused, match="after row"):
        list(stream.rows)
