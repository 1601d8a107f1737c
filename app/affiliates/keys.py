"""API keys: made once, shown once, stored as a SHA-256 hash, checked on every request."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, select

from app.affiliates.models import Affiliate, ApiKey, Role, User
from app.clauses.models import utcnow

KEY_PREFIX = "cc"
LAST_USED_PRECISION = timedelta(minutes=1)


@dataclass(frozen=True)
class Caller:
    """Who is calling: anonymous (role None) or a key's role and affiliate."""

    role: Role | None = None
    affiliate_id: int | None = None
    key_id: int | None = None

    @property
    def signed_in(self) -> bool:
        return self.role is not None

    @property
    def moderates(self) -> bool:
        return self.role in (Role.moderator, Role.admin)


ANONYMOUS = Caller()


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_key(
    session: Session,
    role: Role,
    affiliate: Affiliate | None,
    label: str = "",
    user: User | None = None,
) -> tuple[ApiKey, str]:
    """A new key; the plain key is returned here and never stored."""
    public = secrets.token_hex(4)
    plain = f"{KEY_PREFIX}_{public}_{secrets.token_urlsafe(32)}"
    record = ApiKey(
        prefix=public,
        key_hash=hash_key(plain),
        role=role,
        affiliate_id=affiliate.id if affiliate else None,
        user_id=user.id if user else None,
        label=label,
    )
    session.add(record)
    session.flush()
    return record, plain


def caller_for_key(session: Session, plain: str) -> Caller | None:
    """The caller a key stands for, or None when it is unknown or revoked."""
    parts = plain.split("_")
    if len(parts) < 3 or parts[0] != KEY_PREFIX:
        return None
    digest = hash_key(plain)
    record = session.exec(select(ApiKey).where(ApiKey.prefix == parts[1])).first()
    # Compare digests in constant time, whatever the look-up found.
    expected = record.key_hash if record is not None else "0" * 64
    if record is None or not hmac.compare_digest(expected, digest) or record.revoked_at:
        return None
    now = utcnow()
    # A write on every request would put the database on the read path: minute precision is
    # enough to tell a key in use from a forgotten one.
    if record.last_used_at is None or now - record.last_used_at > LAST_USED_PRECISION:
        record.last_used_at = now
        session.add(record)
        session.commit()
    return Caller(role=Role(record.role), affiliate_id=record.affiliate_id, key_id=record.id)
