"""Write one batch of valid rows: each creates, updates (or publishes) its clause, or changes
nothing; every table is written with one statement per batch.

Rows are found again by `repository.existing_clauses` (two queries per batch). New clauses,
their codes, translations, first status event, first revision and outbox row are inserted
together; changed clauses get the same rows an edit through the API makes. A clause that the
caller may not plainly edit (another affiliate's, or one under review) goes through the clause
service, so its refusal is the API's own. Nothing is committed here: the runner commits a batch
once it is whole, and a failure anywhere rolls the whole batch back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.affiliates.keys import Caller
from app.clauses import repository as clauses
from app.clauses import service
from app.clauses.models import Clause, ClauseStatus, TagFacet, utcnow
from app.clauses.present import present
from app.clauses.schemas import ClausePublic, ClauseUpdate
from app.errors import Conflict, ProblemError
from app.i18n.translate import _
from app.imports import repository as repo
from app.imports import state as states
from app.imports.changes import changes_for
from app.imports.model import Outcome, RowError, ThemeSuggestion
from app.imports.rows import MappedRow
from app.taxonomy.model import Taxonomy

PUBLISHABLE = (ClauseStatus.draft, ClauseStatus.submitted)  # what `--publish` lifts to published


@dataclass(frozen=True)
class Written:
    """What became of one row: its outcome, its clause (public and row id), or its errors."""

    outcome: Outcome
    clause_id: str | None = None
    row_id: int | None = None
    published: bool = False  # an existing clause this row published
    errors: tuple[RowError, ...] = ()


@dataclass
class _Edit:
    """A stored clause and what this row does to it."""

    index: int  # the row's place in the batch
    row: MappedRow
    clause_id: int
    before: states.ClauseState
    after: states.ClauseState
    facets: set[TagFacet] = field(default_factory=set)
    translations: bool = False
    revise: bool = False  # fields changed: a revision is recorded
    published_from: ClauseStatus | None = None


@dataclass
class Batch:
    """The context of one batch: who imports, into which source, and when."""

    session: Session
    taxonomy: Taxonomy
    caller: Caller
    source: str
    publish: bool
    claimed: set[int]  # clauses without an external_id already taken by a row of this import
    now: datetime = field(default_factory=utcnow)


def write_batch(batch: Batch, rows: list[MappedRow]) -> list[Written]:
    """Write `rows` (valid, distinct) and say what became of each, in their order.

    Raises `Conflict` after rolling back when the database refuses the batch (another import
    wrote the same external_id meanwhile): the runner stops there.
    """
    session = batch.session
    keys = [(r.clause.external_id, r.digest) for r in rows]
    found = repo.existing_clauses(session, batch.source, keys, batch.claimed)
    results: dict[int, Written] = {}
    creates: list[tuple[int, states.ClauseState]] = []
    edits: list[_Edit] = []
    stored = _stored_states(session, [c for c in found if c is not None])
    for index, (row, clause) in enumerate(zip(rows, found, strict=True)):
        if clause is None:
            creates.append((index, _new_state(batch, row)))
            continue
        assert clause.id is not None
        before, shown = stored[clause.id]
        result = _plan_edit(batch, index, row, clause, before, shown, edits)
        if result is not None:
            results[index] = result
    try:
        results.update(_create(batch, creates))
        results.update(_edit(batch, edits))
        _keep_suggestions(session, rows, results)
        session.flush()
    except IntegrityError as exc:
        session.rollback()
        raise Conflict(_("the change conflicts with an existing clause")) from exc
    return [results[index] for index in range(len(rows))]


def _new_state(batch: Batch, row: MappedRow) -> states.ClauseState:
    published = batch.publish and row.review is None  # document clauses always wait for review
    status = ClauseStatus.published if published else ClauseStatus.draft
    wanted = row.clause.model_copy(update={"status": status})
    return states.created(wanted, row.digest, batch.taxonomy, batch.caller, batch.source, batch.now)


def _stored_states(
    session: Session, found: list[Clause]
) -> dict[int, tuple[states.ClauseState, ClausePublic]]:
    """Each found clause as stored, with its API presentation (what a row is compared with)."""
    if not found:
        return {}
    ids = [c.id for c in found if c.id is not None]
    shown = {c.id: p for c, p in zip(found, present(session, found), strict=True)}
    codes = clauses.tags_of(session, ids)
    return {
        c.id: (states.stored(c, shown[c.id], codes[c.id]), shown[c.id])
        for c in found
        if c.id is not None
    }


def _plan_edit(
    batch: Batch,
    index: int,
    row: MappedRow,
    clause: Clause,
    before: states.ClauseState,
    shown: ClausePublic,
    edits: list[_Edit],
) -> Written | None:
    """Plan what `row` does to a stored clause; a result now when nothing is left to write."""
    assert clause.id is not None
    update = changes_for(row, shown)
    publish = batch.publish and row.review is None and clause.status in PUBLISHABLE
    if update is None and not publish:
        return Written("unchanged", clause.public_id, clause.id)
    if update is not None and not _may_edit_in_bulk(batch.caller, clause):
        return _edit_through_service(batch, row, clause, update)
    edit = _Edit(index, row, clause.id, before, before)
    if update is not None:
        edit.after, edit.facets, edit.translations = states.updated(
            before, update, batch.taxonomy, batch.now
        )
        edit.revise = True
    if publish:
        edit.published_from = ClauseStatus(clause.status)
        edit.after = states.published(edit.after, batch.now)
    edits.append(edit)
    return None


def _may_edit_in_bulk(caller: Caller, clause: Clause) -> bool:
    """Whether the caller plainly may edit the clause; any other case is the service's to judge."""
    if caller.moderates:
        return True
    own = caller.affiliate_id is not None and clause.affiliate_id == caller.affiliate_id
    return own and clause.status in service.EDITABLE_BY_CONTRIBUTORS


def _edit_through_service(
    batch: Batch, row: MappedRow, clause: Clause, update: ClauseUpdate
) -> Written:
    try:
        service.update_clause(batch.session, batch.taxonomy, batch.caller, clause.public_id, update)
    except ProblemError as exc:
        if isinstance(exc, Conflict) and not batch.session.in_transaction():
            raise  # the service rolled the whole batch back: the runner stops
        errors = tuple(RowError(row.number, e["field"], e["message"]) for e in exc.errors)
        return Written("rejected", errors=errors or (RowError(row.number, "row", exc.detail),))
    return Written("updated", clause.public_id, clause.id)


def _create(batch: Batch, creates: list[tuple[int, states.ClauseState]]) -> dict[int, Written]:
    session = batch.session
    ids = repo.insert_clauses(session, [state.columns for _, state in creates])
    codes: list[dict[str, Any]] = []
    translations: list[dict[str, Any]] = []
    results: dict[int, Written] = {}
    for (index, state), clause_id in zip(creates, ids, strict=True):
        codes += _code_rows(clause_id, state, set(TagFacet))
        translations += _translation_rows(clause_id, state)
        if state.columns["external_id"] is None:
            batch.claimed.add(clause_id)
        results[index] = Written("created", state.public_id, clause_id)
    repo.insert_rows(session, repo.CODES, codes)
    repo.insert_rows(session, repo.TRANSLATIONS, translations)
    created = [(clause_id, state) for (_, state), clause_id in zip(creates, ids, strict=True)]
    repo.insert_rows(session, repo.OUTBOX, [_outbox_row(batch, s) for _, s in created])
    repo.insert_rows(session, repo.EVENTS, [_event_row(batch, i, None, s) for i, s in created])
    repo.insert_rows(session, repo.REVISIONS, [_revision_row(batch, i, 1, s) for i, s in created])
    return results


def _edit(batch: Batch, edits: list[_Edit]) -> dict[int, Written]:
    session = batch.session
    repo.update_clauses(
        session, [(e.clause_id, {n: e.after.columns[n] for n in e.after.changed}) for e in edits]
    )
    repo.delete_codes(session, [(e.clause_id, f.value) for e in edits for f in sorted(e.facets)])
    repo.delete_translations(session, [e.clause_id for e in edits if e.translations])
    codes: list[dict[str, Any]] = []
    translations: list[dict[str, Any]] = []
    for edit in edits:
        codes += _code_rows(edit.clause_id, edit.after, edit.facets)
        if edit.translations:
            translations += _translation_rows(edit.clause_id, edit.after)
    repo.insert_rows(session, repo.CODES, codes)
    repo.insert_rows(session, repo.TRANSLATIONS, translations)
    repo.insert_rows(session, repo.OUTBOX, [_outbox_row(batch, e.after) for e in edits])
    events = [
        _event_row(batch, e.clause_id, e.published_from, e.after)
        for e in edits
        if e.published_from is not None
    ]
    repo.insert_rows(session, repo.EVENTS, events)
    revised = [e for e in edits if e.revise]
    latest = repo.latest_revisions(session, [e.clause_id for e in revised])
    repo.insert_rows(
        session,
        repo.REVISIONS,
        [_revision_row(batch, e.clause_id, latest[e.clause_id] + 1, e.after) for e in revised],
    )
    return {
        e.index: Written("updated", e.after.public_id, e.clause_id,
                         published=e.published_from is not None)
        for e in edits
    }  # fmt: skip


def _code_rows(
    clause_id: int, state: states.ClauseState, facets: set[TagFacet]
) -> list[dict[str, Any]]:
    return [
        {"clause_id": clause_id, "facet": facet.value, "code": code}
        for facet in sorted(facets)
        for code in state.codes[facet]
    ]


def _translation_rows(clause_id: int, state: states.ClauseState) -> list[dict[str, Any]]:
    return [
        {"clause_id": clause_id, "language": language, "title": title, "text": text, "kind": kind}
        for language, title, text, kind in state.translations
    ]


def _outbox_row(batch: Batch, state: states.ClauseState) -> dict[str, Any]:
    return {"clause_public_id": state.public_id, "created_at": batch.now, "attempts": 0,
            "last_error": None}  # fmt: skip


def _event_row(
    batch: Batch, clause_id: int, before: ClauseStatus | None, state: states.ClauseState
) -> dict[str, Any]:
    caller = batch.caller
    return {
        "clause_id": clause_id,
        "from_status": before.value if before else None,
        "to_status": state.columns["status"],
        "actor_role": caller.role.value if caller.role else "system",
        "actor_affiliate_id": caller.affiliate_id,
        "actor_key_id": caller.key_id,
        "reason": None,
        "at": batch.now,
    }


def _revision_row(
    batch: Batch, clause_id: int, number: int, state: states.ClauseState
) -> dict[str, Any]:
    caller = batch.caller
    return {
        "clause_id": clause_id,
        "number": number,
        "title": state.columns["title"],
        "text": state.columns["text"],
        "snapshot": states.snapshot(state),
        "actor_role": caller.role.value if caller.role else "system",
        "actor_key_id": caller.key_id,
        "at": batch.now,
    }


def _keep_suggestions(session: Session, rows: list[MappedRow], results: dict[int, Written]) -> None:
    """Store the themes suggested for clauses cut out of documents, where they changed."""
    wanted: dict[int, set[repo.SuggestionKey]] = {}
    for index, row in enumerate(rows):
        written = results.get(index)
        if row.review is None or written is None or written.row_id is None:
            continue
        wanted[written.row_id] = {
            *(_key(TagFacet.theme, s) for s in row.review.themes),
            *(_key(TagFacet.subtheme, s) for s in row.review.subthemes),
        }
    have = repo.suggestions_of(session, list(wanted))
    repo.replace_suggestions(session, {i: s for i, s in wanted.items() if s != have[i]})


def _key(facet: TagFacet, suggestion: ThemeSuggestion) -> repo.SuggestionKey:
    return (facet.value, suggestion.code, suggestion.score, tuple(suggestion.keywords))
