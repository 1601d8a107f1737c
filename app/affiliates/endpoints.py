"""Admin endpoints: affiliates, API keys and users (admins only)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Response, status
from sqlmodel import col, select

from app.affiliates import service, users
from app.affiliates.deps import Forbidden, WriterDep
from app.affiliates.keys import Caller
from app.affiliates.models import Affiliate, Role
from app.affiliates.schemas import AffiliateIn, AffiliateOut, KeyIn, KeyOut, NewKey, UserIn, UserOut
from app.db import SessionDep
from app.i18n.translate import _
from app.taxonomy.deps import TaxonomyDep

PROBLEMS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing, unknown or revoked API key"},
    403: {"description": "Admins only"},
    404: {"description": "No key with this prefix, or no user with this login"},
    409: {"description": "Name or login taken"},
    422: {"description": "Invalid input, field by field"},
    429: {"description": "Too many requests with this API key; see Retry-After"},
}


def require_admin(caller: WriterDep) -> Caller:
    if caller.role != Role.admin:
        raise Forbidden(_("this is for admins"))
    return caller


router = APIRouter(
    prefix="/api/v1/admin",
    tags=["admin"],
    dependencies=[Depends(require_admin)],
    responses=PROBLEMS,
)


@router.post("/affiliates", response_model=AffiliateOut, status_code=status.HTTP_201_CREATED)
def create_affiliate(data: AffiliateIn, session: SessionDep, taxonomy: TaxonomyDep) -> AffiliateOut:
    affiliate = service.create_affiliate(session, taxonomy, data.name, data.country)
    session.commit()
    return AffiliateOut.model_validate(affiliate, from_attributes=True)


@router.get("/affiliates", response_model=list[AffiliateOut])
def list_affiliates(session: SessionDep) -> list[AffiliateOut]:
    rows = session.exec(select(Affiliate).order_by(col(Affiliate.name))).all()
    return [AffiliateOut.model_validate(a, from_attributes=True) for a in rows]


@router.post("/keys", response_model=NewKey, status_code=status.HTTP_201_CREATED)
def create_key(data: KeyIn, session: SessionDep) -> NewKey:
    """A new API key, shown in this answer only; it is stored as a hash."""
    key = service.issue_key(session, data.role, data.affiliate, data.label)
    session.commit()
    return key


@router.get("/keys", response_model=list[KeyOut])
def list_keys(session: SessionDep) -> list[KeyOut]:
    """Every key, without its secret: prefix, role, affiliate, created, last used, revoked."""
    return service.list_keys(session)


@router.post("/keys/{prefix}/revoke", response_model=KeyOut)
def revoke_key(prefix: str, session: SessionDep) -> KeyOut:
    key = service.revoke_key(session, prefix)
    session.commit()
    return key


@router.post("/users", response_model=UserOut, status_code=status.HTTP_201_CREATED)
def create_user(data: UserIn, session: SessionDep) -> UserOut:
    affiliate = service.affiliate_by_name(session, data.affiliate) if data.affiliate else None
    user = users.create_user(
        session, data.login, data.display_name, data.password, data.role, affiliate
    )
    session.commit()
    return UserOut(
        login=user.login,
        display_name=user.display_name,
        role=Role(user.role),
        affiliate=affiliate.name if affiliate else None,
        created_at=user.created_at,
    )


@router.get("/users/{login}/export")
def export_user(login: str, session: SessionDep) -> dict[str, Any]:
    """Everything stored about one person (right of access)."""
    return users.export_user(session, login)


@router.delete("/users/{login}", status_code=status.HTTP_204_NO_CONTENT)
def delete_user(login: str, session: SessionDep) -> Response:
    """Erase a person; their affiliate keeps its clauses and attribution (right of erasure)."""
    users.delete_user(session, login)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
