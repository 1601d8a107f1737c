"""GET /themes, /themes/{code} and /coverage: the taxonomy with what has been won where."""

from __future__ import annotations

from collections import defaultdict

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.i18n.translate import _, current_language
from app.search.contract import SearchFilters, SearchQuery
from app.taxonomy.deps import TaxonomyDep
from app.taxonomy.model import Theme
from app.web.search_pages import run_search
from app.web.templating import render

router = APIRouter(include_in_schema=False)
# Enough for every model clause: there are a few per sub-theme.
MODEL_LIMIT = 500


def _counts(request: Request, kind: str, region: str | None = None) -> dict[str, int]:
    """Published public clauses of one kind per theme and sub-theme code (facet counts)."""
    filters = SearchFilters(
        kind=(kind,), region=(region,) if region else (), visibility=("public",)
    )
    result = run_search(request, SearchQuery(filters=filters, limit=0))
    return {**result.facets.get("themes", {}), **result.facets.get("subthemes", {})}


def _models_by_subtheme(request: Request) -> dict[str, list[tuple[str, str]]]:
    filters = SearchFilters(kind=("model",), visibility=("public",))
    result = run_search(request, SearchQuery(filters=filters, limit=MODEL_LIMIT))
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for hit in result.hits:
        for code in hit.document.get("subthemes") or []:
            found[code].append((hit.document["id"], hit.document.get("title", "")))
    return found


def _feeds(theme: Theme) -> list[tuple[str, str]]:
    """The theme's Atom feed and each of its sub-themes', as (address, title)."""
    feeds = [(f"/feeds/themes/{theme.code}.atom", _("New clauses on this theme"))]
    for sub in theme.subthemes:
        title = _("New clauses on %(code)s: Atom feed") % {"code": sub.code}
        feeds.append((f"/feeds/themes/{sub.code}.atom", title))
    return feeds


@router.get("/themes", response_class=HTMLResponse)
def themes_page(request: Request, taxonomy: TaxonomyDep) -> HTMLResponse:
    """The seven themes and their sub-themes, with negotiated and model clause counts."""
    return render(
        request,
        "themes.html",
        themes=taxonomy.themes,
        negotiated=_counts(request, "negotiated"),
        model=_counts(request, "model"),
        label=lambda code: taxonomy.label(code, current_language()),
        describe=lambda code: taxonomy.description(code, current_language()),
    )


@router.get("/themes/{code}", response_class=HTMLResponse)
def theme_page(code: str, request: Request, taxonomy: TaxonomyDep) -> HTMLResponse:
    """One theme: its sub-themes, each with counts and links to its clauses."""
    theme = next((t for t in taxonomy.themes if t.code == code), None)
    if theme is None:
        return render(request, "not_found.html", status_code=404)
    return render(
        request,
        "theme.html",
        theme=theme,
        feeds=_feeds(theme),
        negotiated=_counts(request, "negotiated"),
        model=_counts(request, "model"),
        models=_models_by_subtheme(request),
        label=lambda c: taxonomy.label(c, current_language()),
        describe=lambda c: taxonomy.description(c, current_language()),
    )


@router.get("/coverage", response_class=HTMLResponse)
def coverage_page(request: Request, taxonomy: TaxonomyDep) -> HTMLResponse:
    """Sub-themes × PSI regions: negotiated clauses won in each, and the model clauses to start."""
    by_region = {r: _counts(request, "negotiated", r) for r in taxonomy.region_codes}
    return render(
        request,
        "coverage.html",
        themes=taxonomy.themes,
        regions=taxonomy.region_codes,
        by_region=by_region,
        models=_models_by_subtheme(request),
        label=lambda c: taxonomy.label(c, current_language()),
    )
