"""All SQL about clauses: look-ups, filtered lists, tags and translations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, delete, exists, false, func, or_
from sqlmodel import Session, col, select

from app.affiliates.models import Affiliate
from app.clauses.models import Clause, ClauseStatus, ClauseTag, TagFacet, Translation, Visibility


@dataclass(frozen=True)
class ClauseFilter:
    """The list filters; values within one field are OR-ed, fields are AND-ed."""

    themes: Sequence[str] = ()
    subthemes: Sequence[str] = ()
    lifecycle: Sequence[str] = ()
    country: Sequence[str] = ()
    region: Sequence[str] = ()
    sector: Sequence[str] = ()
    language: Sequence[str] = ()
    kind: Sequence[str] = ()
    status: Sequence[str] = ()
    year_from: int | None = None
    year_to: int | None = None


@dataclass(frozen=True)
class Audience:
    """Which clauses a caller may see: published ones, plus drafts of an affiliate or all."""

    signed_in: bool = False
    affiliate_id: int | None = None
    sees_everything: bool = False


def _tagged(facet: TagFacet, codes: Sequence[str]) -> ColumnElement[bool]:
    return exists().where(
        and_(
            col(ClauseTag.clause_id) == col(Clause.id),
            col(ClauseTag.facet) == facet.value,
            col(ClauseTag.code).in_(list(codes)),
        )
    )


def _theme_match(codes: Sequence[str]) -> ColumnElement[bool]:
    # A clause is on a theme when tagged with it or with one of its sub-themes.
    by_subtheme = [
        exists().where(
            and_(
                col(ClauseTag.clause_id) == col(Clause.id),
                col(ClauseTag.facet) == TagFacet.subtheme.value,
                col(ClauseTag.code).startswith(f"{code}."),
            )
        )
        for code in codes
    ]
    return or_(_tagged(TagFacet.theme, codes), *by_subtheme)


def _visible_to(audience: Audience) -> ColumnElement[bool]:
    if audience.sees_everything:
        return ~false()
    published = col(Clause.status) == ClauseStatus.published.value
    if not audience.signed_in:
        published = and_(published, col(Clause.visibility) == Visibility.public.value)
    if audience.affiliate_id is None:
        return published
    return or_(published, col(Clause.affiliate_id) == audience.affiliate_id)


def _conditions(f: ClauseFilter, audience: Audience) -> list[ColumnElement[bool]]:
    conditions = [_visible_to(audience)]
    if f.themes:
        conditions.append(_theme_match(f.themes))
    if f.subthemes:
        conditions.append(_tagged(TagFacet.subtheme, f.subthemes))
    if f.lifecycle:
        conditions.append(_tagged(TagFacet.lifecycle, f.lifecycle))
    for column, values in (
        (Clause.country, f.country),
        (Clause.region, f.region),
        (Clause.sector, f.sector),
        (Clause.language, f.language),
        (Clause.kind, f.kind),
        (Clause.status, f.status),
    ):
        if values:
            conditions.append(col(column).in_(list(values)))
    if f.year_from is not None:
        conditions.append(col(Clause.year) >= f.year_from)
    if f.year_to is not None:
        conditions.append(col(Clause.year) <= f.year_to)
    return conditions


def list_clauses(
    session: Session,
    f: ClauseFilter,
    audience: Audience,
    offset: int,
    limit: int,
    *,
    oldest_first: bool = False,
) -> tuple[list[Clause], int]:
    """One page of clauses (newest first, or oldest changed first) and how many match in all."""
    conditions = _conditions(f, audience)
    total = session.exec(select(func.count()).select_from(Clause).where(*conditions)).one()
    order = (
        (col(Clause.updated_at), col(Clause.id))
        if oldest_first
        else (col(Clause.year).desc().nulls_last(), col(Clause.id).desc())
    )
    rows = session.exec(
        select(Clause).where(*conditions).order_by(*order).offset(offset).limit(limit)
    ).all()
    return list(rows), int(total)


def newest_published(
    session: Session, f: ClauseFilter, limit: int, among: Sequence[str] | None = None
) -> list[Clause]:
    """What anyone may read, the most recently published first; `among`: only these ids."""
    conditions = _conditions(f, Audience())
    if among is not None:
        conditions.append(col(Clause.public_id).in_(list(among)))
    order = (col(Clause.published_at).desc().nulls_last(), col(Clause.id).desc())
    return list(session.exec(select(Clause).where(*conditions).order_by(*order).limit(limit)))


def by_public_id(session: Session, public_id: str) -> Clause | None:
    return session.exec(select(Clause).where(Clause.public_id == public_id)).first()


def by_external_id(session: Session, source: str, external_id: str) -> Clause | None:
    return session.exec(
        select(Clause).where(Clause.source == source, Clause.external_id == external_id)
    ).first()


def tags_of(session: Session, clause_ids: Sequence[int]) -> dict[int, dict[str, list[str]]]:
    """Each clause's codes by facet, sorted."""
    out: dict[int, dict[str, list[str]]] = {i: {f.value: [] for f in TagFacet} for i in clause_ids}
    if not clause_ids:
        return out
    rows = session.exec(
        select(ClauseTag)
        .where(col(ClauseTag.clause_id).in_(list(clause_ids)))
        .order_by(col(ClauseTag.code))
    ).all()
    for tag in rows:
        out[tag.clause_id][TagFacet(tag.facet).value].append(tag.code)
    return out


def translations_of(session: Session, clause_ids: Sequence[int]) -> dict[int, list[Translation]]:
    out: dict[int, list[Translation]] = {i: [] for i in clause_ids}
    if not clause_ids:
        return out
    rows = session.exec(
        select(Translation)
        .where(col(Translation.clause_id).in_(list(clause_ids)))
        .order_by(col(Translation.language))
    ).all()
    for translation in rows:
        out[translation.clause_id].append(translation)
    return out


def affiliates_by_id(session: Session, ids: Sequence[int]) -> dict[int, Affiliate]:
    if not ids:
        return {}
    rows = session.exec(select(Affiliate).where(col(Affiliate.id).in_(list(set(ids))))).all()
    return {a.id: a for a in rows if a.id is not None}


def public_ids(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """Public ids of clauses by row id."""
    if not ids:
        return {}
    rows = session.exec(select(Clause.id, Clause.public_id).where(col(Clause.id).in_(list(ids))))
    return {row_id: public_id for row_id, public_id in rows.all() if row_id is not None}


def replace_tags(
    session: Session, clause_id: int, facet: TagFacet, codes: Sequence[str], *, new: bool = False
) -> None:
    """Set a clause's codes for one facet (`new`: the clause has none yet, nothing to delete)."""
    if not new:
        session.execute(
            delete(ClauseTag).where(
                col(ClauseTag.clause_id) == clause_id, col(ClauseTag.facet) == facet.value
            )
        )
    for code in dict.fromkeys(codes):
        session.add(ClauseTag(clause_id=clause_id, facet=facet, code=code))


def replace_translations(
    session: Session, clause_id: int, translations: list[Translation], *, new: bool = False
) -> None:
    """Set a clause's translations (`new`: the clause has none yet, nothing to delete)."""
    if not new:
        session.execute(delete(Translation).where(col(Translation.clause_id) == clause_id))
        session.flush()
    for translation in translations:
        translation.clause_id = clause_id
        session.add(translation)


def published_count_by_code(session: Session) -> dict[str, int]:
    """Published public clauses per theme and sub-theme (a theme counts its sub-themes')."""
    rows = session.exec(
        select(ClauseTag.facet, ClauseTag.code, ClauseTag.clause_id)
        .join(Clause, col(Clause.id) == col(ClauseTag.clause_id))
        .where(
            col(Clause.status) == ClauseStatus.published.value,
            col(Clause.visibility) == Visibility.public.value,
            col(ClauseTag.facet) != TagFacet.lifecycle.value,
        )
    ).all()
    clauses_by_code: dict[str, set[int]] = {}
    for facet, code, clause_id in rows:
        clauses_by_code.setdefault(code, set()).add(clause_id)
        if facet == TagFacet.subtheme.value:
            clauses_by_code.setdefault(code.split(".", 1)[0], set()).add(clause_id)
    return {code: len(ids) for code, ids in clauses_by_code.items()}


def by_region_and_country(
    session: Session, f: ClauseFilter, audience: Audience, offset: int, limit: int
) -> tuple[list[Clause], int]:
    """One page of clauses ordered region by region and country by country, newest first
    within a country (those without a country last), and how many match in all."""
    conditions = _conditions(f, audience)
    total = session.exec(select(func.count()).select_from(Clause).where(*conditions)).one()
    order = (
        col(Clause.region).asc().nulls_last(),
        col(Clause.country).asc().nulls_last(),
        col(Clause.year).desc().nulls_last(),
        col(Clause.published_at).desc().nulls_last(),
        col(Clause.id).desc(),
    )
    rows = session.exec(
        select(Clause).where(*conditions).order_by(*order).offset(offset).limit(limit)
    ).all()
    return list(rows), int(total)


def published_by_public_ids(
    session: Session, public_ids: Sequence[str], audience: Audience
) -> dict[str, Clause]:
    """The published clauses among these ids that the audience may read, by public id."""
    conditions = _conditions(ClauseFilter(status=(ClauseStatus.published.value,)), audience)
    conditions.append(col(Clause.public_id).in_(list(public_ids)))
    return {c.public_id: c for c in session.exec(select(Clause).where(*conditions))}
