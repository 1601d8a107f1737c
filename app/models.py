"""Every table, imported in one place so Alembic and the app see the same metadata."""

from __future__ import annotations

from sqlmodel import SQLModel

from app.affiliates.models import Affiliate, ApiKey, User
from app.clauses.models import Clause, ClauseTag, Revision, StatusEvent, Translation
from app.imports.job_model import ImportJob
from app.imports.suggestion_model import SuggestedTheme
from app.search.outbox_model import SearchOutbox

metadata = SQLModel.metadata

__all__ = [
    "Affiliate",
    "ApiKey",
    "Clause",
    "ClauseTag",
    "ImportJob",
    "Revision",
    "SearchOutbox",
    "StatusEvent",
    "SuggestedTheme",
    "Translation",
    "User",
    "metadata",
]
