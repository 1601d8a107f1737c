"""GET /compare: choose a sub-theme, see its clauses across countries, put a few side by side."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from app.compare import selection
from app.compare.schemas import Column
from app.db import SessionDep
from app.errors import InvalidInput
from app.i18n.translate import _, current_language
from app.taxonomy.deps import TaxonomyDep
from app.taxonomy.model import Taxonomy
from app.web.search_pages import page_filters
from app.web.session import web_caller
from app.web.templating import render

router = APIRouter(include_in_schema=False)
PER_PAGE = 50
# The list's filters that its links and forms carry along.
KEPT = ("subtheme", "region", "country", "sector", "language", "kind", "year_from", "year_to")


def marked_html(passage_text: str, marks: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The passage as pieces, each with whether it is a keyword (the template marks it)."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in marks:
        if start > at:
            pieces.append((passage_text[at:start], False))
        pieces.append((passage_text[start:end], True))
        at = end
    if at < len(passage_text):
        pieces.append((passage_text[at:], False))
    return pieces


def _pieces(column: Column) -> list[tuple[bool, list[tuple[str, bool]]]]:
    return [
        (p.mentions, marked_html(p.text, [(m.start, m.end) for m in p.marks]))
        for p in column.passages
    ]


def _kept(request: Request, *skip: str) -> list[tuple[str, str]]:
    return [
        (k, v) for k, v in request.query_params.multi_items() if k in KEPT and k not in skip and v
    ]


def _columns(
    request: Request, session: Session, taxonomy: Taxonomy, signed_in: bool
) -> dict[str, Any]:
    language = current_language()
    filters = page_filters(request, taxonomy)
    asked = filters.subthemes[0] if len(filters.subthemes) == 1 else None
    codes, columns = selection.side_by_side(
        session, taxonomy, request.query_params.getlist("ids"), asked, signed_in, language
    )
    ids = [column.clause.id for column in columns]
    export = [("ids", i) for i in ids] + ([("subtheme", asked)] if asked else [])
    return {
        "mode": "columns",
        "columns": [(c, _pieces(c)) for c in columns],
        "codes": codes,
        "asked": asked,
        "keywords": {code: taxonomy.terms(code, language) for code in codes},
        "back": "/compare?" + urlencode(_kept(request)) if asked else None,
        "export": urlencode(export),
    }


def _list(
    request: Request, session: Session, taxonomy: Taxonomy, signed_in: bool, page: int
) -> dict[str, Any]:
    filters = page_filters(request, taxonomy)
    answer = selection.compare_page(
        session, taxonomy, filters, signed_in, current_language(), page, PER_PAGE
    )
    kept = _kept(request)
    return {
        "mode": "list",
        "answer": answer,
        "pages": max(1, -(-answer.total // PER_PAGE)),
        "kept": kept,
        "hidden": _kept(request, "region", "country", "year_from", "year_to"),
        "query": urlencode(kept),
        "feeds": [(f"/feeds/themes/{answer.subtheme}.atom", _("New clauses on this sub-theme"))],
    }


def _page_number(raw: str) -> int:
    if not (raw.isdigit() and 1 <= int(raw) <= 1000):
        raise InvalidInput.one("page", _("There is no such page of results."))
    return int(raw)


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, session: SessionDep, taxonomy: TaxonomyDep) -> HTMLResponse:
    """Without parameters a chooser; with `subtheme` its clauses by region and country; with
    two to four `ids` those clauses in columns. A wrong parameter gets the page with a 422."""
    signed_in = web_caller(request, session)[1].signed_in
    params = request.query_params
    language = current_language()
    context: dict[str, Any] = {
        "mode": "choose",
        "themes": taxonomy.themes,
        "regions": taxonomy.region_codes,
        "label": lambda code: taxonomy.label(code, language),
        "selected": params.get("subtheme", ""),
        "selected_region": params.get("region", ""),
        "error": None,
    }
    status = 200
    try:
        if params.getlist("ids"):
            context |= _columns(request, session, taxonomy, signed_in)
        elif params.get("subtheme"):
            page = _page_number(params.get("page", "1"))
            context |= _list(request, session, taxonomy, signed_in, page) | {"page": page}
    except InvalidInput as exc:
        context["mode"], context["error"], status = "choose", exc.detail, 422
        context["problems"] = [e["message"] for e in exc.errors]
    return render(request, "compare.html", status_code=status, **context)
