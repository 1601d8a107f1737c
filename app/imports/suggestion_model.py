"""Themes suggested for a clause cut out of an agreement document, kept for its review."""

from __future__ import annotations

from sqlalchemy import JSON, Column, String
from sqlmodel import Field, SQLModel

from app.clauses.models import TagFacet


class SuggestedTheme(SQLModel, table=True):
    """A theme or sub-theme the importer proposed for a draft, and the keywords behind it.

    A suggestion is not a tag: the clause is tagged only when a person accepts it.
    """

    __tablename__ = "suggested_theme"

    clause_id: int = Field(foreign_key="clause.id", primary_key=True, ondelete="CASCADE")
    facet: TagFacet = Field(primary_key=True, sa_type=String(20))  # theme or subtheme
    code: str = Field(primary_key=True, max_length=20)
    score: int
    keywords: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
