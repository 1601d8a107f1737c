"""The Jinja2 environment of the pages: autoescaped, translated with our catalogs, Babel filters."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.i18n.names import language_name
from app.i18n.translate import current_language, current_locale, gettext, ngettext
from app.web.session import csrf_seed, csrf_token, session_user, set_csrf_cookie

TEMPLATES = Path(__file__).parent / "templates"
# The languages whose whole page is translated: the switcher offers these only.
PAGE_LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "pt")


def _date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return format_date(value, format="long", locale=current_locale())


def _number(value: int) -> str:
    return format_decimal(value, locale=current_locale())


def _make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # The catalogs read the request's language from a context variable: no per-request setup.
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["date"] = _date
    env.filters["number"] = _number
    env.globals["language_name"] = language_name
    return env


ENVIRONMENT = _make_environment()


def render(
    request: Request, template: str, status_code: int = 200, *, forms: bool = False, **context: Any
) -> HTMLResponse:
    """The page `template` in the reader's language; `forms` when it has a POST form.

    A page with a POST form (and every page of a signed-in user, for its sign-out button)
    gets a CSRF token; other pages set no cookie at all.
    """
    language = current_language()
    switcher = [(tag, language_name(tag, tag)) for tag in PAGE_LANGUAGES]
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    user = session_user(request)
    seed, new_seed = csrf_seed(request)
    needs_token = forms or user is not None
    html = ENVIRONMENT.get_template(template).render(
        request=request,
        lang=language,
        languages=switcher,
        here=here,
        user=user,
        csrf=csrf_token(request, seed) if needs_token else "",
        **context,
    )
    response = HTMLResponse(html, status_code=status_code, headers={"Content-Language": language})
    if needs_token and new_seed:
        set_csrf_cookie(request, response, seed)
    return response
