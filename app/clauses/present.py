"""Turn clause rows into what the API shows, loading related rows in batches."""

from __future__ import annotations

from sqlmodel import Session

from app.clauses import repository as repo
from app.clauses.models import Clause, TranslationKind
from app.clauses.schemas import AffiliateRef, AgreementOut, ClausePublic, TranslationOut


def themes_of(themes: list[str], subthemes: list[str]) -> list[str]:
    """Explicit themes plus the themes of the sub-themes, sorted."""
    return sorted(set(themes) | {code.split(".", 1)[0] for code in subthemes})


def present(session: Session, clauses: list[Clause]) -> list[ClausePublic]:
    ids = [c.id for c in clauses if c.id is not None]
    tags = repo.tags_of(session, ids)
    translations = repo.translations_of(session, ids)
    affiliates = repo.affiliates_by_id(
        session, [c.affiliate_id for c in clauses if c.affiliate_id is not None]
    )
    adapted = repo.public_ids(session, [c.adapted_from_id for c in clauses if c.adapted_from_id])
    out: list[ClausePublic] = []
    for clause in clauses:
        assert clause.id is not None
        codes = tags[clause.id]
        affiliate = affiliates.get(clause.affiliate_id) if clause.affiliate_id else None
        out.append(
            ClausePublic(
                id=clause.public_id,
                external_id=clause.external_id,
                title=clause.title,
                text=clause.text,
                language=clause.language,
                kind=clause.kind,
                status=clause.status,
                visibility=clause.visibility,
                country=clause.country,
                region=clause.region,
                sector=clause.sector,
                unions=list(clause.unions),
                employer=clause.employer,
                agreement=AgreementOut(
                    title=clause.agreement_title,
                    signed_date=clause.signed_date,
                    expiry_date=clause.expiry_date,
                    source_url=clause.source_url,
                    article=clause.article,
                ),
                year=clause.year,
                themes=themes_of(codes["theme"], codes["subtheme"]),
                subthemes=codes["subtheme"],
                lifecycle=codes["lifecycle"],
                tags=list(clause.tags),
                licence=clause.licence,
                attribution=AffiliateRef(name=affiliate.name, country=affiliate.country)
                if affiliate
                else None,
                translations=[
                    TranslationOut(
                        language=t.language,
                        title=t.title,
                        text=t.text,
                        kind=TranslationKind(t.kind),
                    )
                    for t in translations[clause.id]
                ],
                content_hash=clause.content_hash,
                adapted_from=adapted.get(clause.adapted_from_id)
                if clause.adapted_from_id
                else None,
                rejection_reason=clause.rejection_reason,
                created_at=clause.created_at,
                updated_at=clause.updated_at,
                published_at=clause.published_at,
            )
        )
    return out


def present_one(session: Session, clause: Clause) -> ClausePublic:
    return present(session, [clause])[0]
