"""The rules for creating, changing and deleting clauses. Services flush; routers commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.affiliates.deps import Forbidden
from app.affiliates.keys import Caller
from app.clauses import repository as repo
from app.clauses.hashing import content_hash, new_public_id
from app.clauses.models import (
    Clause,
    ClauseKind,
    ClauseStatus,
    TagFacet,
    Translation,
    Visibility,
    utcnow,
)
from app.clauses.revisions import record_revision
from app.clauses.schemas import AgreementIn, ClauseCreate, ClauseUpdate, TranslationIn
from app.clauses.validation import check_codes, check_translation_languages, raise_if
from app.clauses.workflow import record_event
from app.errors import Conflict, FieldError, NotFound
from app.i18n.translate import _
from app.search.outbox import enqueue
from app.taxonomy.model import Taxonomy

EDITABLE_BY_CONTRIBUTORS = (ClauseStatus.draft, ClauseStatus.rejected)


def audience_of(caller: Caller) -> repo.Audience:
    return repo.Audience(
        signed_in=caller.signed_in,
        affiliate_id=caller.affiliate_id,
        sees_everything=caller.moderates,
    )


def visible_clause(session: Session, caller: Caller, public_id: str) -> Clause:
    """The clause if this caller may see it; otherwise 404, as if it did not exist."""
    clause = repo.by_public_id(session, public_id)
    if clause is None or not may_see(caller, clause):
        raise NotFound(_("no clause '%(id)s'") % {"id": public_id})
    return clause


def may_see(caller: Caller, clause: Clause) -> bool:
    if caller.moderates:
        return True
    if caller.affiliate_id is not None and clause.affiliate_id == caller.affiliate_id:
        return True
    if clause.status != ClauseStatus.published:
        return False
    return clause.visibility == Visibility.public or caller.signed_in


def check_may_edit(caller: Caller, clause: Clause) -> None:
    if caller.moderates:
        return
    if caller.affiliate_id is None or clause.affiliate_id != caller.affiliate_id:
        raise Forbidden(_("only the contributing affiliate or a moderator may change this clause"))
    if clause.status not in EDITABLE_BY_CONTRIBUTORS:
        raise Forbidden(
            _("a clause with status '%(status)s' can only be changed by a moderator")
            % {"status": clause.status}
        )


def _apply_agreement(clause: Clause, agreement: AgreementIn) -> None:
    clause.agreement_title = agreement.title
    clause.signed_date = agreement.signed_date
    clause.expiry_date = agreement.expiry_date
    clause.source_url = str(agreement.source_url) if agreement.source_url else None
    clause.article = agreement.article


def _translations(items: list[TranslationIn]) -> list[Translation]:
    return [
        Translation(clause_id=0, language=t.language, title=t.title, text=t.text, kind=t.kind)
        for t in items
    ]


def _validate(taxonomy: Taxonomy, fields: dict[str, Any], language: str) -> None:
    errors: list[FieldError] = check_codes(
        taxonomy,
        themes=fields.get("themes"),
        subthemes=fields.get("subthemes"),
        lifecycle=fields.get("lifecycle"),
        country=fields.get("country"),
    )
    if fields.get("translations") is not None:
        languages = [t["language"] for t in fields["translations"]]
        errors += check_translation_languages(language, languages)
    raise_if(errors)


def create_clause(
    session: Session,
    taxonomy: Taxonomy,
    caller: Caller,
    data: ClauseCreate,
    *,
    source: str = "api",
    public_id: str | None = None,
) -> Clause:
    """A new clause from validated input; contributors may only create drafts."""
    if not caller.moderates and data.status != ClauseStatus.draft:
        raise Forbidden(_("contributors create drafts; a moderator publishes them"))
    _validate(taxonomy, data.model_dump(), data.language)
    if data.external_id and repo.by_external_id(session, source, data.external_id):
        raise Conflict(
            _("external_id '%(external_id)s' already exists in source '%(source)s'")
            % {"external_id": data.external_id, "source": source},
            errors=[FieldError("external_id", _("already used in this source"))],
        )
    clause = Clause(
        public_id=public_id or new_public_id(),
        source=source,
        external_id=data.external_id,
        title=data.title,
        text=data.text,
        language=data.language,
        kind=data.kind,
        status=data.status,
        visibility=data.visibility,
        country=data.country,
        region=taxonomy.region_of(data.country) if data.country else None,
        sector=data.sector,
        unions=data.unions,
        employer=data.employer,
        tags=data.tags,
        licence=data.licence,
        affiliate_id=caller.affiliate_id,
        content_hash=content_hash(data.title, data.text),
        published_at=utcnow() if data.status == ClauseStatus.published else None,
    )
    _apply_agreement(clause, data.agreement)
    clause.year = data.year or (
        data.agreement.signed_date.year if data.agreement.signed_date else None
    )
    session.add(clause)
    _flush(session)
    assert clause.id is not None
    for facet, codes in (
        (TagFacet.theme, data.themes),
        (TagFacet.subtheme, data.subthemes),
        (TagFacet.lifecycle, data.lifecycle),
    ):
        repo.replace_tags(session, clause.id, facet, codes, new=True)
    repo.replace_translations(session, clause.id, _translations(data.translations), new=True)
    enqueue(session, clause.public_id)
    _flush(session)
    record_event(session, clause, caller, None)
    record_revision(session, clause, caller, first=True)
    _flush(session)
    return clause


def update_clause(
    session: Session, taxonomy: Taxonomy, caller: Caller, public_id: str, data: ClauseUpdate
) -> Clause:
    """Change only the fields sent; lists are replaced whole."""
    clause = visible_clause(session, caller, public_id)
    check_may_edit(caller, clause)
    changes = data.model_dump(exclude_unset=True)
    nullable = {"external_id", "country", "sector", "employer", "year", "agreement"}
    for name, value in changes.items():
        if value is None and name not in nullable:
            raise_if([FieldError(name, _("may not be null"))])
    language = changes.get("language") or clause.language
    _validate(taxonomy, changes, language)
    assert clause.id is not None
    simple = (
        "title",
        "text",
        "language",
        "external_id",
        "kind",
        "visibility",
        "sector",
        "unions",
        "employer",
        "tags",
        "licence",
        "year",
    )
    for name in simple:
        if name in changes:
            setattr(clause, name, getattr(data, name))
    if "country" in changes:
        clause.country = data.country
        clause.region = taxonomy.region_of(data.country) if data.country else None
    if "agreement" in changes:
        _apply_agreement(clause, data.agreement or AgreementIn())
    for facet, name in (
        (TagFacet.theme, "themes"),
        (TagFacet.subtheme, "subthemes"),
        (TagFacet.lifecycle, "lifecycle"),
    ):
        if name in changes:
            repo.replace_tags(session, clause.id, facet, changes[name])
    if data.translations is not None:
        repo.replace_translations(session, clause.id, _translations(data.translations))
    clause.content_hash = content_hash(clause.title, clause.text)
    clause.updated_at = utcnow()
    session.add(clause)
    enqueue(session, clause.public_id)
    _flush(session)
    record_revision(session, clause, caller)
    _flush(session)
    return clause


def adapt_model_clause(
    session: Session, taxonomy: Taxonomy, caller: Caller, public_id: str
) -> Clause:
    """A new draft for the caller's affiliate, copied from a model clause and linked to it."""
    model = visible_clause(session, caller, public_id)
    if model.kind != ClauseKind.model:
        raise Conflict(
            _("%(id)s is a negotiated clause; only model clauses can be adapted")
            % {"id": public_id}
        )
    if caller.affiliate_id is None:
        raise Forbidden(_("adapting a model clause needs a key that belongs to an affiliate"))
    assert model.id is not None
    codes = repo.tags_of(session, [model.id])[model.id]
    translations = repo.translations_of(session, [model.id])[model.id]
    affiliate = repo.affiliates_by_id(session, [caller.affiliate_id])[caller.affiliate_id]
    clause = Clause(
        public_id=new_public_id(),
        title=model.title,
        text=model.text,
        language=model.language,
        kind=ClauseKind.negotiated,
        status=ClauseStatus.draft,
        country=affiliate.country,
        region=taxonomy.region_of(affiliate.country),
        sector=model.sector,
        tags=list(model.tags),
        licence=model.licence,
        affiliate_id=caller.affiliate_id,
        adapted_from_id=model.id,
        content_hash=model.content_hash,
    )
    session.add(clause)
    _flush(session)
    assert clause.id is not None
    for facet in TagFacet:
        repo.replace_tags(session, clause.id, facet, codes[facet.value])
    copies = [
        Translation(clause_id=0, language=t.language, title=t.title, text=t.text, kind=t.kind)
        for t in translations
    ]
    repo.replace_translations(session, clause.id, copies)
    _flush(session)
    record_event(session, clause, caller, None, f"adapted from model clause {model.public_id}")
    record_revision(session, clause, caller)
    _flush(session)
    return clause


def delete_clause(session: Session, caller: Caller, public_id: str) -> None:
    """Remove a clause with its tags and translations, and from the search index."""
    clause = visible_clause(session, caller, public_id)
    check_may_edit(caller, clause)
    enqueue(session, clause.public_id)
    session.delete(clause)
    _flush(session)


def _flush(session: Session) -> None:
    try:
        session.flush()
    except IntegrityError as exc:
        session.rollback()
        raise Conflict(_("the change conflicts with an existing clause")) from exc
