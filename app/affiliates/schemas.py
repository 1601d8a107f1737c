"""Shapes for the admin endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.affiliates.models import Role

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Country = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2}$")
]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AffiliateIn(_Input):
    name: Name
    country: Country


class AffiliateOut(BaseModel):
    id: int
    name: str
    country: str
    created_at: datetime


class KeyIn(_Input):
    role: Role
    affiliate: Name | None = Field(default=None, description="Affiliate name (contributors)")
    label: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""


class KeyOut(BaseModel):
    prefix: str
    role: Role
    affiliate: str | None
    label: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class NewKey(KeyOut):
    key: str = Field(description="The key itself: shown this once, stored only as a hash")


class UserIn(_Input):
    login: Annotated[
        str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9._@-]{3,100}$")
    ]
    display_name: Name
    password: Annotated[str, StringConstraints(min_length=12, max_length=200)]
    role: Role
    affiliate: Name | None = None


class UserOut(BaseModel):
    login: str
    display_name: str
    role: Role
    affiliate: str | None
    created_at: datetime
