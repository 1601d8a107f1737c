"""The bulk path writes what the clause service writes, row for row.

The same rows go once through the runner (bulk) and once through the clause service one row at a
time, as the importer did before it wrote in bulk (`_import_through_service`), each into its own
source. Every table is then compared clause by clause: columns, codes, translations, status
events, revisions with their snapshots, and outbox rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.affiliates.keys import Caller
from app.affiliates.models import Role
from app.clauses import service
from app.clauses.models import (
    Clause,
    ClauseStatus,
    ClauseTag,
    Revision,
    StatusEvent,
    Translation,
)
from app.clauses.present import present_one
from app.imports.changes import changes_for
from app.imports.documents.agreement import AgreementMeta, agreement_rows
from app.imports.model import SourceRow
from app.imports.rows import map_row
from app.imports.runner import run_import
from app.search.outbox_model import SearchOutbox
from app.taxonomy.model import Taxonomy
from tests.builders.clauses import make_affiliate
from tests.imports.builders import AGREEMENTS, clause_values, source_row

BULK, ONE_BY_ONE = "import:bulk", "import:one-by-one"
DOCUMENTS = sorted(AGREEMENTS.iterdir())


def _import_through_service(
    session: Session,
    taxonomy: Taxonomy,
    caller: Caller,
    rows: Sequence[SourceRow],
    source: str,
    *,
    publish: bool = False,
) -> None:
    """The importer as it was before bulk writing: one service call per valid row."""
    for read in rows:
        row = map_row(read, taxonomy).row
        if row is None:
            continue
        clause = row.clause
        published = publish and row.review is None
        wanted = clause.model_copy(
            update={"status": ClauseStatus.published if published else ClauseStatus.draft}
        )
        found = _found(session, source, clause.external_id, row.digest)
        if found is None:
            service.create_clause(session, taxonomy, caller, wanted, source=source)
            continue
        update = changes_for(row, present_one(session, found))
        if update is not None:
            service.update_clause(session, taxonomy, caller, found.public_id, update)
    session.commit()


def _found(session: Session, source: str, external_id: str | None, digest: str) -> Clause | None:
    if external_id:
        clause = session.exec(
            select(Clause).where(Clause.source == source, Clause.external_id == external_id)
        ).first()
        if clause is not None:
            return clause
    return session.exec(
        select(Clause)
        .where(
            Clause.source == source,
            Clause.content_hash == digest,
            col(Clause.external_id).is_(None),
        )
        .order_by(col(Clause.id))
    ).first()


def _tables(session: Session, source: str) -> dict[str, dict[str, Any]]:
    """Everything stored about the source's clauses, by external id (else content hash)."""
    session.expire_all()
    out: dict[str, dict[str, Any]] = {}
    skipped = {"id", "public_id", "source", "created_at", "updated_at", "published_at"}
    for clause in session.exec(select(Clause).where(Clause.source == source)).all():
        key = clause.external_id or clause.content_hash
        out[key] = {
            "columns": {
                **{n: getattr(clause, n) for n in Clause.model_fields if n not in skipped},
                "published": clause.published_at is not None,
            },
            "codes": sorted(
                (t.facet, t.code)
                for t in session.exec(select(ClauseTag).where(ClauseTag.clause_id == clause.id))
            ),
            "translations": sorted(
                (t.language, t.title, t.text, t.kind)
                for t in session.exec(select(Translation).where(Translation.clause_id == clause.id))
            ),
            "events": [
                (e.from_status, e.to_status, e.actor_role, e.actor_affiliate_id, e.reason)
                for e in session.exec(
                    select(StatusEvent)
                    .where(StatusEvent.clause_id == clause.id)
                    .order_by(col(StatusEvent.id))
                )
            ],
            "revisions": [
                (r.number, r.title, r.text, r.snapshot, r.actor_role)
                for r in session.exec(
                    select(Revision)
                    .where(Revision.clause_id == clause.id)
                    .order_by(col(Revision.number))
                )
            ],
            "outbox": session.exec(
                select(func.count())
                .select_from(SearchOutbox)
                .where(SearchOutbox.clause_public_id == clause.public_id)
            ).one(),
        }
    return out


def _varied_rows() -> list[SourceRow]:
    """Rows that use every field: translations by column and as a list, dates, links, codes
    given twice, a year from the signing date, a model clause, rows without an id."""
    return [
        source_row(2),
        source_row(3, external_id="EX-2", title="Telework allowance", themes="4|4",
                   subthemes="4.1|4.1|6.1", lifecycle="collection|storage", year="2023",
                   expiry_date="2027-02-28", source_url="https://example.org/cba.pdf",
                   article="Article 7", sector="local government", employer="Example City",
                   union="Union A|Union B", kind="model", licence="CC0-1.0",
                   title_fr="Indemnité de télétravail", text_fr="L'employeur verse une indemnité.",
                   kind_fr="official", title_es="Compensación", text_es="El empleador paga."),
        source_row(4, external_id="", title="No keystroke logging",
                   text="The employer shall not log keystrokes.", tags=""),
        SourceRow(5, {**clause_values(external_id="EX-4", title="Listed translations"),
                      "translations": [{"language": "pt", "title": "Aviso", "text": "Texto.",
                                        "kind": "machine"}]}),
        source_row(6, external_id="EX-5", language="fr", country="FR", title="Déconnexion",
                   text="Aucun courriel après vingt heures.", signed_date="", subthemes="4.3"),
    ]  # fmt: skip


def _edited_rows() -> list[SourceRow]:
    """The same rows after an archive was corrected: each kind of change once, one row alone."""
    rows = _varied_rows()
    return [
        source_row(2, title="Notice before new monitoring tools (amended)"),
        source_row(3, external_id="EX-2", title="Telework allowance", themes="4",
                   subthemes="4.2", lifecycle="collection|storage", year="2023",
                   expiry_date="2028-02-28", source_url="https://example.org/cba-2.pdf",
                   article="Article 7", sector="local government", employer="Example City",
                   union="Union A|Union B", kind="model", licence="CC0-1.0",
                   title_fr="Indemnité de télétravail", text_fr="L'employeur verse une prime."),
        rows[2],
        SourceRow(5, {"external_id": "EX-4", "title": "Listed translations",
                      "text": clause_values()["text"], "language": "en",
                      "translations": []}),
        rows[4],
    ]  # fmt: skip


def _document_rows(taxonomy: Taxonomy) -> list[SourceRow]:
    rows: list[SourceRow] = []
    for path in DOCUMENTS:
        found = agreement_rows(path, path.suffix.lstrip("."), AgreementMeta(), taxonomy).rows
        rows += [SourceRow(len(rows) + 1, r.values, r.problem, r.review) for r in found]
    return rows


def _both_ways(
    session: Session,
    taxonomy: Taxonomy,
    caller: Caller,
    rows: list[SourceRow],
    *,
    publish: bool = False,
) -> None:
    run_import(session, taxonomy, caller, rows, source=BULK, publish=publish, batch_size=2)
    _import_through_service(session, taxonomy, caller, rows, ONE_BY_ONE, publish=publish)


@pytest.mark.parametrize("publish", [False, True], ids=["drafts", "published"])
def test_new_rows_are_written_as_the_service_writes_them(
    session: Session, taxonomy: Taxonomy, publish: bool
) -> None:
    caller = Caller(role=Role.admin, affiliate_id=make_affiliate(session).id)
    _both_ways(session, taxonomy, caller, _varied_rows(), publish=publish)
    bulk = _tables(session, BULK)
    assert len(bulk) == 5
    assert bulk == _tables(session, ONE_BY_ONE)


def test_edited_rows_update_as_the_service_updates(session: Session, taxonomy: Taxonomy) -> None:
    caller = Caller(role=Role.moderator)
    _both_ways(session, taxonomy, caller, _varied_rows())
    _both_ways(session, taxonomy, caller, _edited_rows())
    bulk = _tables(session, BULK)
    assert [len(c["revisions"]) for c in bulk.values()].count(2) == 3  # three rows were edited
    assert bulk == _tables(session, ONE_BY_ONE)


def test_agreement_documents_are_written_as_the_service_writes_them(
    session: Session, taxonomy: Taxonomy
) -> None:
    caller = Caller(role=Role.admin)
    rows = _document_rows(taxonomy)
    _both_ways(session, taxonomy, caller, rows, publish=True)
    bulk = _tables(session, BULK)
    assert len(bulk) == len(rows) > 30
    assert bulk == _tables(session, ONE_BY_ONE)
