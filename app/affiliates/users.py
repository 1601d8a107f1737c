"""Users: the least personal data that works (login, display name, password hash), and erasure."""

from __future__ import annotations

from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, select

from app.affiliates.models import Affiliate, ApiKey, Role, User
from app.clauses.models import Revision, StatusEvent
from app.errors import Conflict, NotFound
from app.i18n.translate import _

_hasher = PasswordHasher()
MIN_PASSWORD = 12


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(user: User, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def create_user(
    session: Session,
    login: str,
    display_name: str,
    password: str,
    role: Role,
    affiliate: Affiliate | None,
) -> User:
    if session.exec(select(User).where(User.login == login)).first():
        raise Conflict(_("the login '%(login)s' is taken") % {"login": login})
    user = User(
        login=login,
        display_name=display_name,
        password_hash=hash_password(password),
        role=role,
        affiliate_id=affiliate.id if affiliate else None,
    )
    session.add(user)
    session.flush()
    return user


def user_by_login(session: Session, login: str) -> User:
    user = session.exec(select(User).where(User.login == login)).first()
    if user is None:
        raise NotFound(_("no user '%(login)s'") % {"login": login})
    return user


def export_user(session: Session, login: str) -> dict[str, Any]:
    """Everything stored about one person (the right of access)."""
    user = user_by_login(session, login)
    keys = session.exec(select(ApiKey).where(col(ApiKey.user_id) == user.id)).all()
    key_ids = [k.id for k in keys]
    events = (
        session.exec(select(StatusEvent).where(col(StatusEvent.actor_key_id).in_(key_ids))).all()
        if key_ids
        else []
    )
    edits = (
        session.exec(select(Revision).where(col(Revision.actor_key_id).in_(key_ids))).all()
        if key_ids
        else []
    )
    affiliate = session.get(Affiliate, user.affiliate_id) if user.affiliate_id else None
    return {
        "login": user.login,
        "display_name": user.display_name,
        "role": str(user.role),
        "affiliate": affiliate.name if affiliate else None,
        "created_at": user.created_at.isoformat(),
        "last_sign_in_at": user.last_sign_in_at.isoformat() if user.last_sign_in_at else None,
        "api_keys": [
            {
                "prefix": k.prefix,
                "label": k.label,
                "created_at": k.created_at.isoformat(),
                "last_used_at": k.last_used_at.isoformat() if k.last_used_at else None,
                "revoked_at": k.revoked_at.isoformat() if k.revoked_at else None,
            }
            for k in keys
        ],
        "status_changes": len(events),
        "revisions": len(edits),
    }


def delete_user(session: Session, login: str) -> None:
    """Erase a person: their row and keys go; their affiliate keeps its clauses and attribution."""
    user = user_by_login(session, login)
    keys = session.exec(select(ApiKey).where(col(ApiKey.user_id) == user.id)).all()
    key_ids = [k.id for k in keys]
    if key_ids:
        # Events and revisions stay (the affiliate's history) but forget which key made them.
        for model in (StatusEvent, Revision):
            rows = session.exec(select(model).where(col(model.actor_key_id).in_(key_ids))).all()
            for row in rows:
                row.actor_key_id = None
                session.add(row)
    for key in keys:
        session.delete(key)
    session.delete(user)
    session.flush()
