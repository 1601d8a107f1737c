"""What a signed-in reader may do next with a clause, read from the workflow's own rules."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from app.affiliates.deps import Forbidden
from app.affiliates.keys import Caller
from app.clauses import duplicates, service, workflow
from app.clauses.models import Clause
from app.errors import NotFound

# The steps a contributor takes from the draft pages; publishing and rejecting are on /moderate.
CONTRIBUTOR_STEPS = (workflow.Action.submit, workflow.Action.withdraw)


@dataclass(frozen=True)
class Hint:
    """A near-duplicate as the reader may see it: another union's unpublished clause is
    counted, but its id and title are not shown."""

    id: str | None
    title: str | None
    status: str
    similarity: float


def may_step(caller: Caller, clause: Clause, action: workflow.Action) -> bool:
    """Whether `workflow.apply` would take this step (same table, read rather than copied)."""
    step = workflow.STEPS[action]
    own = caller.affiliate_id is not None and caller.affiliate_id == clause.affiliate_id
    allowed = caller.moderates or (own and not step.moderators_only)
    return allowed and clause.status in step.sources


def next_steps(caller: Caller, clause: Clause) -> list[str]:
    """The contributor's steps this reader may take now: `submit`, `withdraw`."""
    return [a.value for a in CONTRIBUTOR_STEPS if may_step(caller, clause, a)]


def may_edit(caller: Caller, clause: Clause) -> bool:
    """Whether the service would accept an edit of this clause from this reader."""
    try:
        # The service's own check: the edit itself is refused by it all the same.
        service.check_may_edit(caller, clause)
    except Forbidden:
        return False
    return True


def near_duplicate_hints(session: Session, caller: Caller, clause: Clause) -> list[Hint]:
    """The clause's near-duplicates (app.clauses.duplicates), as far as the reader may see."""
    hints: list[Hint] = []
    for found in duplicates.near_duplicates(session, clause):
        try:
            service.visible_clause(session, caller, found.id)
        except NotFound:
            hints.append(Hint(None, None, found.status, found.similarity))
            continue
        hints.append(Hint(found.id, found.title, found.status, found.similarity))
    return hints
