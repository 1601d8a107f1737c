"""GET /api/v1/taxonomy: themes, sub-themes and lifecycle phases in the reader's language."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from app.clauses.repository import published_count_by_code
from app.db import SessionDep
from app.i18n.negotiate import reader_language
from app.taxonomy.deps import TaxonomyDep
from app.taxonomy.model import Taxonomy

router = APIRouter(prefix="/api/v1", tags=["taxonomy"])


class ConceptOut(BaseModel):
    code: str
    label: str
    description: str
    keywords: list[str]
    published_clauses: int


class ThemeOut(ConceptOut):
    subthemes: list[ConceptOut]


class PhaseOut(BaseModel):
    code: str
    label: str
    description: str
    keywords: list[str]


class RegionOut(BaseModel):
    code: str
    label: str
    countries: list[str]


class TaxonomyOut(BaseModel):
    language: str
    themes: list[ThemeOut]
    lifecycle: list[PhaseOut]
    regions: list[RegionOut]


def _concept(taxonomy: Taxonomy, code: str, language: str, counts: dict[str, int]) -> ConceptOut:
    return ConceptOut(
        code=code,
        label=taxonomy.label(code, language),
        description=taxonomy.description(code, language),
        keywords=list(taxonomy.keywords(code, language)),
        published_clauses=counts.get(code, 0),
    )


@router.get("/taxonomy", response_model=TaxonomyOut, summary="PSI's taxonomy, with clause counts")
def get_taxonomy(
    request: Request,
    response: Response,
    session: SessionDep,
    taxonomy: TaxonomyDep,
    lang: Annotated[str | None, Query(max_length=35, description="Reader's language")] = None,
) -> TaxonomyOut:
    """The 7 themes and their sub-themes, with the number of published clauses on each."""
    language = reader_language(request, taxonomy.languages)
    response.headers["Content-Language"] = language
    counts = published_count_by_code(session)
    themes = [
        ThemeOut(
            **_concept(taxonomy, theme.code, language, counts).model_dump(),
            subthemes=[_concept(taxonomy, s.code, language, counts) for s in theme.subthemes],
        )
        for theme in taxonomy.themes
    ]
    phases = [
        PhaseOut(
            code=p.code,
            label=taxonomy.label(p.code, language),
            description=taxonomy.description(p.code, language),
            keywords=list(taxonomy.keywords(p.code, language)),
        )
        for p in taxonomy.lifecycle
    ]
    regions = [
        RegionOut(
            code=r.code, label=taxonomy.label(r.code, language), countries=sorted(r.countries)
        )
        for r in taxonomy.regions
    ]
    return TaxonomyOut(language=language, themes=themes, lifecycle=phases, regions=regions)
