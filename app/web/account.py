"""GET/POST /sign-in and POST /sign-out: web users sign in with their login and password."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session, select

from app.affiliates.models import User
from app.affiliates.users import password_matches
from app.clauses.models import utcnow
from app.db import SessionDep
from app.i18n.translate import _
from app.ratelimit import Limits
from app.web.answers import refused
from app.web.language import safe_next
from app.web.session import csrf_ok, end_session, start_session
from app.web.templating import render

router = APIRouter(include_in_schema=False)


def _user(session: Session, login: str) -> User | None:
    return session.exec(select(User).where(User.login == login)).first()


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_page(
    request: Request, next_: Annotated[str, Query(alias="next", max_length=2000)] = "/contribute"
) -> Response:
    return render(request, "sign_in.html", forms=True, error=None, login="", next=next_)


@router.post("/sign-in", response_class=HTMLResponse)
def sign_in(
    request: Request,
    session: SessionDep,
    login: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
    next_: Annotated[str, Form(alias="next", max_length=2000)] = "/contribute/drafts",
) -> Response:
    """Start a session when the login and password match; the same message for any mismatch."""
    if not csrf_ok(request, csrf):
        return refused(request)
    user = _user(session, login.strip())
    if user is None or not password_matches(user, password):
        # Password guessing is slowed per client address, counted in memory only.
        limits: Limits = request.app.state.limits
        limits.failed_auth.hit(request.client.host if request.client else "unknown")
        error = _("The login or the password is wrong.")
        context = {"error": error, "login": login, "next": next_}
        return render(request, "sign_in.html", status_code=400, forms=True, **context)
    user.last_sign_in_at = utcnow()
    session.add(user)
    session.commit()
    response = RedirectResponse(safe_next(next_), status_code=303)
    start_session(request, response, user)
    return response


@router.post("/sign-out")
def sign_out(request: Request, csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    if not csrf_ok(request, csrf):
        return refused(request)
    response = RedirectResponse("/", status_code=303)
    end_session(response)
    return response
