"""The web sign-in session and CSRF tokens: HMAC-signed cookies, no server-side state.

The signing key comes from COMMONS_SECRET_KEY; without it (development), from 32 random bytes kept
in `<data dir>/web-session.key` (made on first use), so that sessions survive a restart and no
secret has to be configured for a bare checkout.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fastapi import Request, Response
from sqlmodel import Session

from app.affiliates.keys import ANONYMOUS, Caller
from app.affiliates.models import Role, User

SESSION_COOKIE = "commons_session"
CSRF_COOKIE = "commons_csrf"
SESSION_MAX_AGE_S = 12 * 3600


@dataclass(frozen=True)
class SessionUser:
    """Who the session cookie says is signed in (checked against the database before writes)."""

    user_id: int
    name: str
    # Only decides whether the navigation offers "Moderate"; pages check the role in the database.
    moderates: bool = False


@lru_cache(maxsize=8)
def _key_at(path: Path) -> bytes:
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    return path.read_bytes()


def _key(request: Request) -> bytes:
    settings = request.app.state.settings
    secret: str = settings.secret_key.get_secret_value()
    if secret:
        # COMMONS_SECRET_KEY, when set, is the key (production requires it); derived for this
        # one use, so the same secret can sign other things later without sharing a key.
        return hmac.new(secret.encode(), b"commons web session", hashlib.sha256).digest()
    return _key_at(Path(settings.data_dir).resolve() / "web-session.key")


def _sign(request: Request, purpose: str, value: str) -> str:
    message = f"{purpose}:{value}".encode()
    return hmac.new(_key(request), message, hashlib.sha256).hexdigest()


def _secure(request: Request) -> bool:
    return bool(request.app.state.settings.env != "development")


def session_user(request: Request) -> SessionUser | None:
    """The signed-in user named by a valid, unexpired session cookie, else None."""
    raw = request.cookies.get(SESSION_COOKIE, "")
    payload, _dot, signature = raw.rpartition(".")
    if not payload or not hmac.compare_digest(_sign(request, "session", payload), signature):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(payload.encode()))
        if time.time() - float(data["t"]) > SESSION_MAX_AGE_S:
            return None
        moderates = bool(data.get("m"))
        return SessionUser(user_id=int(data["u"]), name=str(data["n"]), moderates=moderates)
    except (ValueError, KeyError, TypeError):
        return None


def web_caller(request: Request, session: Session) -> tuple[User | None, Caller]:
    """The signed-in user and their caller, or (None, anonymous); a deleted user is anonymous."""
    signed = session_user(request)
    user = session.get(User, signed.user_id) if signed else None
    if user is None:
        return None, ANONYMOUS
    return user, Caller(role=Role(user.role), affiliate_id=user.affiliate_id)


def start_session(request: Request, response: Response, user: User) -> None:
    moderates = Role(user.role) in (Role.moderator, Role.admin)
    data = {"u": user.id, "n": user.display_name, "m": moderates, "t": int(time.time())}
    payload = base64.urlsafe_b64encode(json.dumps(data).encode()).decode()
    value = f"{payload}.{_sign(request, 'session', payload)}"
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=SESSION_MAX_AGE_S,
        path="/",
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )


def end_session(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


def csrf_seed(request: Request) -> tuple[str, bool]:
    """The browser's CSRF seed, and whether it is new (and must be set as a cookie)."""
    seed = request.cookies.get(CSRF_COOKIE, "")
    return (seed, False) if len(seed) == 43 else (secrets.token_urlsafe(32), True)


def csrf_token(request: Request, seed: str) -> str:
    """The token a form carries: bound to the browser's seed cookie by our key."""
    return _sign(request, "csrf", seed)


def set_csrf_cookie(request: Request, response: Response, seed: str) -> None:
    response.set_cookie(
        CSRF_COOKIE, seed, path="/", httponly=True, samesite="lax", secure=_secure(request)
    )


def csrf_ok(request: Request, token: str) -> bool:
    """Whether a posted form's token matches this browser's seed cookie."""
    seed = request.cookies.get(CSRF_COOKIE, "")
    return bool(seed) and hmac.compare_digest(csrf_token(request, seed), token)
