"""Commit a write and wake the search indexer, so a change is searchable at once."""

from __future__ import annotations

from fastapi import Request
from sqlmodel import Session


def commit_and_index(request: Request, session: Session) -> None:
    session.commit()
    request.app.state.indexer.notify()
