"""Affiliates and keys: the rules shared by the admin API and the CLI."""

from __future__ import annotations

from sqlmodel import Session, col, select

from app.affiliates.keys import create_key
from app.affiliates.models import Affiliate, ApiKey, Role
from app.affiliates.schemas import KeyOut, NewKey
from app.clauses.models import utcnow
from app.clauses.validation import unknown_country
from app.errors import Conflict, FieldError, InvalidInput, NotFound
from app.i18n.translate import _
from app.taxonomy.model import Taxonomy


def create_affiliate(session: Session, taxonomy: Taxonomy, name: str, country: str) -> Affiliate:
    code = country.strip().upper()
    if not taxonomy.is_country(code):
        raise InvalidInput.one("country", unknown_country(country))
    if session.exec(select(Affiliate).where(Affiliate.name == name)).first():
        raise Conflict(
            _("an affiliate named '%(name)s' exists already") % {"name": name},
            errors=[FieldError("name", _("already taken"))],
        )
    affiliate = Affiliate(name=name, country=code)
    session.add(affiliate)
    session.flush()
    return affiliate


def affiliate_by_name(session: Session, name: str) -> Affiliate:
    affiliate = session.exec(select(Affiliate).where(Affiliate.name == name)).first()
    if affiliate is None:
        raise InvalidInput.one("affiliate", _("no affiliate named '%(name)s'") % {"name": name})
    return affiliate


def _key_out(key: ApiKey, affiliate: Affiliate | None) -> KeyOut:
    return KeyOut(
        prefix=key.prefix,
        role=Role(key.role),
        affiliate=affiliate.name if affiliate else None,
        label=key.label,
        created_at=key.created_at,
        last_used_at=key.last_used_at,
        revoked_at=key.revoked_at,
    )


def issue_key(session: Session, role: Role, affiliate_name: str | None, label: str) -> NewKey:
    """A new key: contributors' keys belong to an affiliate; the plain key is returned once."""
    affiliate = affiliate_by_name(session, affiliate_name) if affiliate_name else None
    if role == Role.contributor and affiliate is None:
        raise InvalidInput.one("affiliate", _("a contributor key belongs to an affiliate"))
    record, plain = create_key(session, role, affiliate, label)
    return NewKey(**_key_out(record, affiliate).model_dump(), key=plain)


def list_keys(session: Session) -> list[KeyOut]:
    keys = session.exec(select(ApiKey).order_by(col(ApiKey.created_at))).all()
    affiliates = {a.id: a for a in session.exec(select(Affiliate)).all()}
    return [_key_out(k, affiliates.get(k.affiliate_id)) for k in keys]


def revoke_key(session: Session, prefix: str) -> KeyOut:
    record = session.exec(select(ApiKey).where(ApiKey.prefix == prefix)).first()
    if record is None:
        raise NotFound(_("no key with prefix '%(prefix)s'") % {"prefix": prefix})
    if record.revoked_at is None:
        record.revoked_at = utcnow()
        session.add(record)
        session.flush()
    affiliate = session.get(Affiliate, record.affiliate_id) if record.affiliate_id else None
    return _key_out(record, affiliate)
