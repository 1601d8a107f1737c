"""What the compare endpoints answer."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from app.clauses.models import ClauseKind, TranslationKind


class ComparedClause(BaseModel):
    """A clause as a reader compares it: in their language where a translation exists."""

    id: str
    url: str = Field(description="The clause's page, relative to the service")
    title: str
    text: str
    language: str = Field(description="The language of `title` and `text`")
    original_language: str
    translation: TranslationKind | None = Field(
        description="What kind of translation `text` is; null when it is the original"
    )
    kind: ClauseKind
    country: str | None
    country_name: str | None
    region: str | None
    year: int | None
    unions: list[str]
    employer: str | None
    agreement: str | None
    subthemes: list[str]
    licence: str
    attribution: str = Field(description="Who shared it: the affiliate, or Clause Commons")
    published_at: datetime | None


class CountryGroup(BaseModel):
    country: str | None = Field(description="ISO 3166-1 alpha-2; null: no country given")
    name: str
    clauses: list[ComparedClause]


class RegionGroup(BaseModel):
    region: str | None = Field(description="PSI region code; null: no country given")
    label: str
    countries: list[CountryGroup]


class CompareAnswer(BaseModel):
    """One sub-theme's published clauses, region by region, country by country, newest first."""

    subtheme: str
    label: str
    total: int
    page: int
    per_page: int
    regions: list[RegionGroup]
    language: str = Field(description="The reader's language the labels are in")


class Span(BaseModel):
    start: int
    end: int


class PassageOut(BaseModel):
    text: str
    mentions: bool = Field(description="True when the passage names one of the keywords")
    marks: list[Span] = Field(description="Where the keywords are, as offsets into `text`")


class Column(BaseModel):
    clause: ComparedClause
    passages: list[PassageOut]


class ColumnsAnswer(BaseModel):
    """Two to four clauses side by side, with the passages on the sub-themes marked."""

    subthemes: list[str] = Field(description="The sub-themes whose keywords are marked")
    columns: list[Column]
    language: str
