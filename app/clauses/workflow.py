"""The clause workflow: draft, submitted, published or rejected, archived; every step recorded."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session, col, select

from app.affiliates.deps import Forbidden
from app.affiliates.keys import Caller
from app.clauses.models import Clause, ClauseStatus, StatusEvent, utcnow
from app.clauses.validation import raise_if
from app.errors import Conflict, FieldError
from app.i18n.translate import N_, _
from app.search.outbox import enqueue

S = ClauseStatus


class Action(StrEnum):
    submit = "submit"
    withdraw = "withdraw"
    publish = "publish"
    reject = "reject"
    archive = "archive"


@dataclass(frozen=True)
class Step:
    sources: frozenset[ClauseStatus]
    target: ClauseStatus
    moderators_only: bool
    needs_reason: bool = False


STEPS: dict[Action, Step] = {
    Action.submit: Step(frozenset({S.draft, S.rejected}), S.submitted, moderators_only=False),
    Action.withdraw: Step(frozenset({S.submitted}), S.draft, moderators_only=False),
    Action.publish: Step(frozenset({S.submitted}), S.published, moderators_only=True),
    Action.reject: Step(
        frozenset({S.submitted}), S.rejected, moderators_only=True, needs_reason=True
    ),
    Action.archive: Step(frozenset({S.published, S.rejected}), S.archived, moderators_only=True),
}


# Whole sentences per step, so that translators never splice an English verb into theirs.
REFUSALS: dict[Action, str] = {
    Action.submit: N_("only the contributing affiliate or a moderator may submit this clause"),
    Action.withdraw: N_("only the contributing affiliate or a moderator may withdraw this clause"),
    Action.publish: N_("only a moderator may publish a clause"),
    Action.reject: N_("only a moderator may reject a clause"),
    Action.archive: N_("only a moderator may archive a clause"),
}


def record_event(
    session: Session,
    clause: Clause,
    caller: Caller,
    before: ClauseStatus | None,
    reason: str | None = None,
) -> None:
    assert clause.id is not None
    session.add(
        StatusEvent(
            clause_id=clause.id,
            from_status=before,
            to_status=clause.status,
            actor_role=caller.role.value if caller.role else "system",
            actor_affiliate_id=caller.affiliate_id,
            actor_key_id=caller.key_id,
            reason=reason,
        )
    )


def apply(
    session: Session, caller: Caller, clause: Clause, action: Action, reason: str | None
) -> Clause:
    """Move a clause one step, if the caller may and the clause is in a state that allows it."""
    step = STEPS[action]
    own = caller.affiliate_id is not None and caller.affiliate_id == clause.affiliate_id
    if not (caller.moderates or (own and not step.moderators_only)):
        raise Forbidden(_(REFUSALS[action]))
    if clause.status not in step.sources:
        allowed = ", ".join(sorted(s.value for s in step.sources))
        raise Conflict(
            _("'%(action)s' is not possible from status '%(status)s' (only from: %(allowed)s)")
            % {"action": action.value, "status": clause.status, "allowed": allowed}
        )
    if step.needs_reason and not (reason and reason.strip()):
        raise_if([FieldError("reason", _("a reason is required to reject a clause"))])
    before = ClauseStatus(clause.status)
    clause.status = step.target
    clause.updated_at = utcnow()
    if action == Action.publish:
        clause.published_at = utcnow()
    clause.rejection_reason = reason.strip() if action == Action.reject and reason else None
    session.add(clause)
    record_event(session, clause, caller, before, reason.strip() if reason else None)
    enqueue(session, clause.public_id)
    session.flush()
    return clause


def history(session: Session, clause: Clause) -> list[StatusEvent]:
    return list(
        session.exec(
            select(StatusEvent)
            .where(col(StatusEvent.clause_id) == clause.id)
            .order_by(col(StatusEvent.at), col(StatusEvent.id))
        ).all()
    )
