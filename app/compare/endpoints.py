"""GET /api/v1/compare: one sub-theme across countries; /columns: a few side by side."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.affiliates.deps import CallerDep
from app.clauses.endpoints import READ_PROBLEMS
from app.clauses.filters import FilterDep
from app.compare import selection
from app.compare.export import COLUMNS, compare_row
from app.compare.schemas import ColumnsAnswer, CompareAnswer
from app.db import SessionDep
from app.errors import InvalidInput
from app.exports.writers import MEDIA_TYPES, ExportFormat, csv_bytes, xlsx_bytes
from app.i18n.negotiate import reader_language
from app.i18n.translate import _
from app.taxonomy.deps import TaxonomyDep
from app.taxonomy.model import Taxonomy

router = APIRouter(prefix="/api/v1/compare", tags=["compare"])

Ids = Annotated[
    list[str] | None,
    Query(description="2 to 4 clause ids, repeated or separated by commas", max_length=4),
]
Lang = Annotated[str | None, Query(max_length=35, description="Reader's language")]


def _subtheme(taxonomy: Taxonomy, code: str | None) -> str | None:
    if code is not None and not taxonomy.is_subtheme(code):
        raise InvalidInput.one("subtheme", _("unknown sub-theme '%(code)s'") % {"code": code})
    return code


@router.get(
    "",
    response_model=CompareAnswer,
    responses=READ_PROBLEMS,
    summary="One sub-theme's negotiated clauses across regions and countries",
)
def compare(
    request: Request,
    session: SessionDep,
    caller: CallerDep,
    taxonomy: TaxonomyDep,
    filters: FilterDep,
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=selection.MAX_PER_PAGE)] = selection.DEFAULT_PER_PAGE,
    lang: Lang = None,
) -> CompareAnswer:
    """The published clauses of one sub-theme (`subtheme`, required once) under the search's
    filters, grouped by PSI region and country, newest first in each country. Negotiated
    clauses only unless `kind` asks otherwise. Each is in the reader's language where it
    has a translation into it, else in its original language (`translation` says which)."""
    language = reader_language(request, taxonomy.languages)
    return selection.compare_page(
        session, taxonomy, filters, caller.signed_in, language, page, per_page
    )


@router.get(
    "/columns",
    response_model=ColumnsAnswer,
    responses=READ_PROBLEMS,
    summary="Two to four clauses side by side",
)
def columns(
    request: Request,
    session: SessionDep,
    caller: CallerDep,
    taxonomy: TaxonomyDep,
    ids: Ids = None,
    subtheme: Annotated[str | None, Query(max_length=20, description="Keywords to mark")] = None,
    lang: Lang = None,
) -> ColumnsAnswer:
    """The clauses in the order asked, each cut into passages, with the keywords of the
    sub-theme (`subtheme`, else those the clauses share) marked in the reader's language."""
    language = reader_language(request, taxonomy.languages)
    code = _subtheme(taxonomy, subtheme)
    codes, columns = selection.side_by_side(
        session, taxonomy, ids or [], code, caller.signed_in, language
    )
    return ColumnsAnswer(subthemes=codes, columns=columns, language=language)


class CompareFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


@router.get(
    "/export",
    summary="Export a comparison as CSV or XLSX",
    responses={
        200: {"content": {MEDIA_TYPES[ExportFormat(f.value)]: {} for f in CompareFormat}},
        **READ_PROBLEMS,
    },
    response_class=Response,
)
def export(
    request: Request,
    session: SessionDep,
    caller: CallerDep,
    taxonomy: TaxonomyDep,
    filters: FilterDep,
    ids: Ids = None,
    format: Annotated[CompareFormat, Query(description="csv or xlsx")] = CompareFormat.csv,
    lang: Lang = None,
) -> Response:
    """With `ids`, those clauses; else every clause `GET /api/v1/compare` would list. One row
    a clause, as the reader compares it, with the passages on the sub-theme, the licence and
    who shared it."""
    language = reader_language(request, taxonomy.languages)
    if ids:
        asked = filters.subthemes[0] if len(filters.subthemes) == 1 else None
        codes, columns = selection.side_by_side(
            session, taxonomy, ids, asked, caller.signed_in, language
        )
    else:
        codes = [selection.one_subtheme(filters)]
        every = selection.every_compared(session, filters, caller.signed_in, language)
        columns = [selection.column(c, taxonomy, codes) for c in every]
    base = str(request.base_url)
    rows = [compare_row(column, base) for column in columns]
    stamp = datetime.now(UTC).strftime("%Y%m%d")
    name = f"comparison-{'-'.join(codes)}-{stamp}.{format.value}"
    if format == CompareFormat.csv:
        body = csv_bytes(rows, COLUMNS)
    else:
        body = xlsx_bytes(rows, COLUMNS, sheet_name="comparison")
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=MEDIA_TYPES[ExportFormat(format.value)], headers=headers)
