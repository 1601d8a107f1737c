"""Mount the web front-end: its pages and its static files."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from app.web import (
    account,
    clause_pages,
    compare_pages,
    contribute,
    drafts,
    language,
    moderate,
    search_pages,
    taxonomy_pages,
    uploads,
)
from app.web.answers import SignInFirst, answer_sign_in_first

STATIC = Path(__file__).parent / "static"


def install_web(app: FastAPI) -> None:
    """Register the pages after the API, so that no page path hides an API path."""
    app.mount("/static/web", StaticFiles(directory=STATIC), name="web-static")
    app.add_exception_handler(SignInFirst, answer_sign_in_first)
    pages = (search_pages, clause_pages, compare_pages, taxonomy_pages, language, account,
             contribute, drafts, uploads, moderate)  # fmt: skip
    for module in pages:
        app.include_router(module.router)
