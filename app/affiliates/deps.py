"""The request's caller, from `Authorization: Bearer <key>`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlmodel import Session

from app.affiliates.keys import ANONYMOUS, Caller, caller_for_key
from app.errors import ProblemError
from app.i18n.translate import N_, _
from app.ratelimit import Limits


class Unauthorized(ProblemError):
    status = 401
    title = N_("Unauthorized")
    headers = {"WWW-Authenticate": "Bearer"}  # noqa: RUF012 - read-only class constant


class Forbidden(ProblemError):
    status = 403
    title = N_("Forbidden")


def _caller_for(request: Request, token: str) -> Caller | None:
    with Session(request.app.state.engine) as session:
        return caller_for_key(session, token)


async def get_caller(request: Request) -> Caller:
    """Anonymous without a key (no database work at all); else the key's caller, or a 401."""
    header = request.headers.get("authorization", "")
    if not header:
        return ANONYMOUS
    limits: Limits = request.app.state.limits
    scheme, _space, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized(_("use 'Authorization: Bearer <API key>'"))
    caller = await run_in_threadpool(_caller_for, request, token.strip())
    if caller is None:
        # Guessing keys is slowed per client address, held in memory only, never stored.
        limits.failed_auth.hit(request.client.host if request.client else "unknown")
        raise Unauthorized(_("unknown or revoked API key"))
    limits.key_use.hit(str(caller.key_id))
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        limits.writes.hit(str(caller.key_id))
    return caller


CallerDep = Annotated[Caller, Depends(get_caller)]


def require_signed_in(caller: CallerDep) -> Caller:
    if not caller.signed_in:
        raise Unauthorized(_("this needs an API key: 'Authorization: Bearer <API key>'"))
    return caller


WriterDep = Annotated[Caller, Depends(require_signed_in)]
