"""Tables for clauses, their translations and their taxonomy tags."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class ClauseKind(StrEnum):
    negotiated = "negotiated"
    model = "model"


class ClauseStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    published = "published"
    rejected = "rejected"
    archived = "archived"


class Visibility(StrEnum):
    public = "public"
    affiliates = "affiliates"


class TranslationKind(StrEnum):
    official = "official"
    community = "community"
    machine = "machine"


class TagFacet(StrEnum):
    theme = "theme"
    subtheme = "subtheme"
    lifecycle = "lifecycle"


class Clause(SQLModel, table=True):
    """One clause: the original text and everything a negotiator needs to find and cite it."""

    __table_args__ = (
        UniqueConstraint("source", "external_id", name="uq_clause_source_external_id"),
        Index("ix_clause_status_kind", "status", "kind"),
        # Near-duplicates compare a clause with the newest ones in its language.
        Index("ix_clause_language_id", "language", "id"),
        # Feeds list the most recently published clauses first.
        Index("ix_clause_published_at_id", "published_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    public_id: str = Field(max_length=64, unique=True, index=True)
    source: str = Field(default="api", max_length=100)
    external_id: str | None = Field(default=None, max_length=200)
    title: str = Field(max_length=500)
    text: str = Field(sa_column=Column(Text, nullable=False))
    language: str = Field(max_length=35)
    kind: ClauseKind = Field(default=ClauseKind.negotiated, sa_type=String(20))
    status: ClauseStatus = Field(default=ClauseStatus.draft, sa_type=String(20))
    visibility: Visibility = Field(default=Visibility.public, sa_type=String(20))
    country: str | None = Field(default=None, max_length=2, index=True)
    region: str | None = Field(default=None, max_length=30)
    sector: str | None = Field(default=None, max_length=100)
    unions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    employer: str | None = Field(default=None, max_length=300)
    agreement_title: str | None = Field(default=None, max_length=500)
    signed_date: date | None = None
    expiry_date: date | None = None
    year: int | None = Field(default=None, index=True)
    article: str | None = Field(default=None, max_length=100)
    source_url: str | None = Field(default=None, max_length=2000)
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    licence: str = Field(default="CC-BY-4.0", max_length=40)
    affiliate_id: int | None = Field(default=None, foreign_key="affiliate.id", index=True)
    content_hash: str = Field(max_length=64, index=True)
    adapted_from_id: int | None = Field(default=None, foreign_key="clause.id", ondelete="SET NULL")
    rejection_reason: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    published_at: datetime | None = None


class ClauseTag(SQLModel, table=True):
    """A taxonomy code on a clause: a theme, a sub-theme or a data lifecycle phase."""

    __tablename__ = "clause_tag"
    __table_args__ = (Index("ix_clause_tag_facet_code", "facet", "code"),)

    clause_id: int = Field(foreign_key="clause.id", primary_key=True, ondelete="CASCADE")
    facet: TagFacet = Field(primary_key=True, sa_type=String(20))
    code: str = Field(primary_key=True, max_length=20)


class Translation(SQLModel, table=True):
    """A clause's title and text in another language, and who made the translation."""

    __table_args__ = (UniqueConstraint("clause_id", "language", name="uq_translation_language"),)

    id: int | None = Field(default=None, primary_key=True)
    clause_id: int = Field(foreign_key="clause.id", index=True, ondelete="CASCADE")
    language: str = Field(max_length=35)
    title: str = Field(max_length=500)
    text: str = Field(sa_column=Column(Text, nullable=False))
    kind: TranslationKind = Field(default=TranslationKind.community, sa_type=String(20))


class StatusEvent(SQLModel, table=True):
    """One change of a clause's status: who (role, affiliate, key), when, and why."""

    __tablename__ = "status_event"

    id: int | None = Field(default=None, primary_key=True)
    clause_id: int = Field(foreign_key="clause.id", index=True, ondelete="CASCADE")
    from_status: ClauseStatus | None = Field(default=None, sa_type=String(20))
    to_status: ClauseStatus = Field(sa_type=String(20))
    actor_role: str = Field(max_length=20)
    actor_affiliate_id: int | None = Field(
        default=None, foreign_key="affiliate.id", ondelete="SET NULL"
    )
    actor_key_id: int | None = Field(default=None, foreign_key="api_key.id", ondelete="SET NULL")
    reason: str | None = Field(default=None, max_length=2000)
    at: datetime = Field(default_factory=utcnow)


class Revision(SQLModel, table=True):
    """A snapshot of a clause after one edit; revision 1 is the clause as created."""

    __table_args__ = (UniqueConstraint("clause_id", "number", name="uq_revision_number"),)

    id: int | None = Field(default=None, primary_key=True)
    clause_id: int = Field(foreign_key="clause.id", index=True, ondelete="CASCADE")
    number: int
    title: str = Field(max_length=500)
    text: str = Field(sa_column=Column(Text, nullable=False))
    snapshot: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    actor_role: str = Field(max_length=20)
    actor_key_id: int | None = Field(default=None, foreign_key="api_key.id", ondelete="SET NULL")
    at: datetime = Field(default_factory=utcnow)
