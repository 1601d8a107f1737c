"""GET /language: remember the reader's choice of language in a cookie, then go back."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import RedirectResponse

from app.i18n.negotiate import LANGUAGE_COOKIE
from app.web.templating import PAGE_LANGUAGES

router = APIRouter(include_in_schema=False)
ONE_YEAR_S = 365 * 24 * 3600


def safe_next(target: str) -> str:
    """`target` when it is a path on this site, else `/`: the switch never sends readers away."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    if any(ord(char) < 32 for char in target):
        return "/"
    return target


@router.get("/language")
def choose_language(
    lang: Annotated[str, Query(max_length=35)] = "en",
    next_: Annotated[str, Query(alias="next", max_length=2000)] = "/",
) -> RedirectResponse:
    response = RedirectResponse(safe_next(next_), status_code=303)
    if lang in PAGE_LANGUAGES:
        response.set_cookie(
            LANGUAGE_COOKIE, lang, max_age=ONE_YEAR_S, path="/", samesite="lax", httponly=True
        )
    return response
