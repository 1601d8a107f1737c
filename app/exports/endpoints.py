"""GET /api/v1/clauses/export: what the caller may see, under the list's filters."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response, StreamingResponse

from app.affiliates.deps import CallerDep
from app.clauses.endpoints import READ_PROBLEMS
from app.clauses.filters import FilterDep
from app.clauses.service import audience_of
from app.db import SessionDep
from app.exports.rows import clause_row, exported_clauses
from app.exports.writers import MEDIA_TYPES, ExportFormat, csv_bytes, jsonl_lines, xlsx_bytes

router = APIRouter(prefix="/api/v1/clauses", tags=["export"])


@router.get(
    "/export",
    summary="Export clauses as CSV, JSON Lines or XLSX",
    responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}}, **READ_PROBLEMS},
    response_class=Response,
)
def export_clauses(
    session: SessionDep,
    caller: CallerDep,
    filters: FilterDep,
    format: Annotated[ExportFormat, Query(description="csv, jsonl or xlsx")] = ExportFormat.csv,
) -> Response:
    """Every clause the caller may see under the filters, with licence and attribution.

    The columns are the import's own, so an export imports back unchanged.
    """
    rows = (clause_row(c) for c in exported_clauses(session, filters, audience_of(caller)))
    stamp = datetime.now(UTC).strftime("%Y%m%d")
    headers = {"Content-Disposition": f'attachment; filename="clauses-{stamp}.{format.value}"'}
    if format == ExportFormat.jsonl:
        return StreamingResponse(jsonl_lines(rows), media_type=MEDIA_TYPES[format], headers=headers)
    body = csv_bytes(list(rows)) if format == ExportFormat.csv else xlsx_bytes(list(rows))
    return Response(body, media_type=MEDIA_TYPES[format], headers=headers)
