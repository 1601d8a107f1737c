"""The themes an import suggested for a draft, as a reviewer reads them: label, score and why."""

from __future__ import annotations

from pydantic import BaseModel
from sqlmodel import Session

from app.clauses.models import Clause, TagFacet
from app.i18n.translate import _
from app.imports import repository as repo
from app.taxonomy.model import Taxonomy


class SuggestionOut(BaseModel):
    code: str
    label: str
    score: int
    keywords: list[str]
    reason: str


class SuggestionsOut(BaseModel):
    """What the importer proposed for a clause cut out of an agreement document.

    Empty lists when the clause did not come from a document, or nothing matched.
    """

    clause: str
    language: str
    themes: list[SuggestionOut]
    subthemes: list[SuggestionOut]


def suggestions_for(
    session: Session, taxonomy: Taxonomy, clause: Clause, language: str
) -> SuggestionsOut:
    """The stored suggestions of `clause`, strongest first, labelled in `language`."""
    assert clause.id is not None
    stored = repo.suggestions_of(session, [clause.id])[clause.id]
    by_facet: dict[str, list[SuggestionOut]] = {f.value: [] for f in TagFacet}
    for facet, code, score, keywords in sorted(stored, key=lambda s: (-s[2], s[1])):
        quoted = ", ".join(f"'{k}'" for k in keywords)
        by_facet[facet].append(
            SuggestionOut(
                code=code,
                label=taxonomy.label(code, language),
                score=score,
                keywords=list(keywords),
                reason=_("matched %(keywords)s") % {"keywords": quoted},
            )
        )
    return SuggestionsOut(
        clause=clause.public_id,
        language=language,
        themes=by_facet[TagFacet.theme.value],
        subthemes=by_facet[TagFacet.subtheme.value],
    )
