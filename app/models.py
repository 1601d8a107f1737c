"""Every table, imported in one place so Alembic and the app see the same metadata."""

from __future__ import annotations

from sqlmodel import SQLModel

from app.affiliates.models import Affiliate, ApiKey
from app.clauses.models import Clause, ClauseTag, Translation
from app.search.outbox_model import SearchOutbox

metadata = SQLModel.metadata

__all__ = ["Affiliate", "ApiKey", "Clause", "ClauseTag", "SearchOutbox", "Translation", "metadata"]
