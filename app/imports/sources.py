"""The rows of one file, whatever its kind: a spreadsheet or export, or an agreement document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.imports.documents.agreement import AgreementMeta, agreement_rows
from app.imports.model import SourceRow
from app.imports.readers import STRUCTURED, open_rows
from app.taxonomy.model import Taxonomy


@dataclass
class FileRows:
    rows: Iterable[SourceRow]
    notes: list[str]  # filled while the rows are read (encoding, skipped parts)
    total: int | None  # known up front for documents; None for streamed files


@contextmanager
def file_rows(path: Path, fmt: str, meta: AgreementMeta, taxonomy: Taxonomy) -> Iterator[FileRows]:
    """Open `path` as rows to import; documents are split into their articles first."""
    if fmt in STRUCTURED:
        with open_rows(path, fmt) as stream:
            yield FileRows(stream.rows, stream.notes, None)
        return
    document = agreement_rows(path, fmt, meta, taxonomy)
    yield FileRows(document.rows, document.notes, len(document.rows))
