"""Tables for affiliates and API keys. A key is stored only as its SHA-256 hash."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from app.clauses.models import utcnow


class Role(StrEnum):
    contributor = "contributor"
    moderator = "moderator"
    admin = "admin"


class Affiliate(SQLModel, table=True):
    """A union organisation affiliated to PSI."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    country: str = Field(max_length=2)
    created_at: datetime = Field(default_factory=utcnow)


class User(SQLModel, table=True):
    """A person who signs in to the web front-end: a login, a display name, a password hash.

    Nothing else is kept about them; their clauses are attributed to their affiliate.
    """

    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(max_length=100, unique=True)
    display_name: str = Field(max_length=200)
    password_hash: str = Field(max_length=200)
    role: Role = Field(sa_type=String(20))
    affiliate_id: int | None = Field(default=None, foreign_key="affiliate.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_sign_in_at: datetime | None = None


class ApiKey(SQLModel, table=True):
    """A REST credential: a role, optionally tied to one affiliate; revocable."""

    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    prefix: str = Field(max_length=16, index=True)
    key_hash: str = Field(max_length=64, unique=True)
    role: Role = Field(sa_type=String(20))
    affiliate_id: int | None = Field(default=None, foreign_key="affiliate.id", index=True)
    user_id: int | None = Field(
        default=None, foreign_key="user_account.id", index=True, ondelete="CASCADE"
    )
    label: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None
