"""The search answer, as the API shows it."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ReaderTranslation(BaseModel):
    """The clause in the reader's language, shown beside the original, with who translated it."""

    language: str
    title: str
    kind: str


class Hit(BaseModel):
    id: str
    external_id: str | None
    title: str
    snippet: str
    themes: list[str]
    subthemes: list[str]
    country: str | None
    country_name: str | None
    language: str
    kind: str
    year: int | None
    matched_language: str | None
    translation: ReaderTranslation | None


class FacetValue(BaseModel):
    value: str
    label: str
    count: int


class SearchAnswer(BaseModel):
    q: str
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[FacetValue]]
    processing_ms: float
    language: str


class SimilarAnswer(BaseModel):
    clause: str = Field(description="The clause the others are similar to")
    hits: list[Hit] = Field(description="Closest first; those on its sub-themes first")
    language: str
