"""Revisions: a snapshot after every edit, listed and compared as a text diff."""

from __future__ import annotations

import difflib
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.affiliates.keys import Caller
from app.clauses.models import Clause, Revision
from app.clauses.present import present_one
from app.clauses.schemas import ClauseUpdate
from app.errors import NotFound
from app.i18n.translate import _

# What a revision keeps: every field a caller can edit.
SNAPSHOT_FIELDS = set(ClauseUpdate.model_fields)


def record_revision(
    session: Session, clause: Clause, caller: Caller, *, first: bool = False
) -> Revision:
    """Snapshot the clause as it now stands (call after the change is flushed).

    `first`: the clause was just created, so this is revision 1 (no need to look).
    """
    assert clause.id is not None
    latest = (
        0
        if first
        else session.exec(
            select(func.max(Revision.number)).where(col(Revision.clause_id) == clause.id)
        ).one()
    )
    snapshot = present_one(session, clause).model_dump(mode="json", include=SNAPSHOT_FIELDS)
    revision = Revision(
        clause_id=clause.id,
        number=(latest or 0) + 1,
        title=clause.title,
        text=clause.text,
        snapshot=snapshot,
        actor_role=caller.role.value if caller.role else "system",
        actor_key_id=caller.key_id,
    )
    session.add(revision)
    return revision


def revisions_of(session: Session, clause: Clause) -> list[Revision]:
    return list(
        session.exec(
            select(Revision)
            .where(col(Revision.clause_id) == clause.id)
            .order_by(col(Revision.number))
        ).all()
    )


def revision(session: Session, clause: Clause, number: int) -> Revision:
    found = session.exec(
        select(Revision).where(col(Revision.clause_id) == clause.id, col(Revision.number) == number)
    ).first()
    if found is None:
        raise NotFound(
            _("clause %(id)s has no revision %(number)d")
            % {"id": clause.public_id, "number": number}
        )
    return found


def _unified(old: str, new: str, old_name: str, new_name: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), old_name, new_name
    )
    return "".join(lines)


def compare(old: Revision, new: Revision) -> dict[str, Any]:
    """What changed from one revision to another: fields, and a unified diff of title and text."""
    names = sorted(set(old.snapshot) | set(new.snapshot))
    changed = [n for n in names if old.snapshot.get(n) != new.snapshot.get(n)]
    return {
        "from_revision": old.number,
        "to_revision": new.number,
        "changed_fields": changed,
        "title_diff": _unified(
            old.title + "\n", new.title + "\n", f"r{old.number}", f"r{new.number}"
        ),
        "text_diff": _unified(old.text + "\n", new.text + "\n", f"r{old.number}", f"r{new.number}"),
    }
