"""A batch is one transaction: a failure or a kill half-way leaves whole batches only, and a
second run finishes the import without duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from app import migrate
from app.affiliates.keys import Caller
from app.affiliates.models import Role
from app.clauses import service, workflow
from app.clauses.models import Clause
from app.db import make_engine
from app.errors import Conflict
from app.imports import repository
from app.imports.errors import ImportInterrupted
from app.imports.runner import run_import
from app.settings import PROJECT_ROOT, Settings
from app.taxonomy.model import Taxonomy
from tests.builders.clauses import make_affiliate
from tests.imports.builders import numbered_rows

SECRETARIAT = Caller(role=Role.admin)
SOURCE = "import:test"
TABLES = ("clause", "clause_tag", "translation", "status_event", "revision", "search_outbox")


class Crash(Exception):
    """A failure injected in the middle of writing a batch."""


def _counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            name: int(session.exec(select(func.count()).select_from(_table(name))).one())
            for name in TABLES
        }


def _engine(session: Session) -> Engine:
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    return engine


def _table(name: str) -> Table:
    table: Table = SQLModel.metadata.tables[name]
    return table


def _whole(clauses: int) -> dict[str, int]:
    """What `clauses` whole imported rows leave: each `numbered_rows` row has one theme and one
    sub-theme, no translation, one status event, one revision and one outbox row."""
    return {"clause": clauses, "clause_tag": 2 * clauses, "translation": 0,
            "status_event": clauses, "revision": clauses, "search_outbox": clauses}  # fmt: skip


def test_a_failure_in_the_middle_batch_keeps_whole_batches_and_a_rerun_finishes(
    session: Session, taxonomy: Taxonomy, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_insert = repository.insert_rows
    revisions_written: list[int] = []

    def failing_on_the_second_batch(session: Session, table: Table, rows: list[Any]) -> None:
        if table is repository.REVISIONS and rows:
            revisions_written.append(len(rows))
            if len(revisions_written) == 2:  # clauses, codes, events are in; the batch is not
                raise Crash
        real_insert(session, table, rows)

    monkeypatch.setattr(repository, "insert_rows", failing_on_the_second_batch)
    with pytest.raises(Crash):
        run_import(session, taxonomy, SECRETARIAT, numbered_rows(9), source=SOURCE, batch_size=3)
    engine = _engine(session)
    assert _counts(engine) == _whole(3)
    monkeypatch.setattr(repository, "insert_rows", real_insert)
    again = run_import(
        session, taxonomy, SECRETARIAT, numbered_rows(9), source=SOURCE, batch_size=3
    )
    assert (again.created, again.unchanged, again.rejected) == (6, 3, 0)
    assert _counts(engine) == _whole(9)


def test_a_conflicting_write_stops_the_import_at_its_batch(
    session: Session, taxonomy: Taxonomy, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = numbered_rows(6)
    run_import(session, taxonomy, SECRETARIAT, rows[4:5], source=SOURCE)  # EX-5, already there
    real_lookup = repository.existing_clauses

    def blind(session: Session, source: str, keys: Any, claimed: set[int]) -> list[Any]:
        # As if another import wrote EX-5 between this batch's look-up and its write.
        found = real_lookup(session, source, keys, claimed)
        return [None if key[0] == "EX-5" else c for key, c in zip(keys, found, strict=True)]

    monkeypatch.setattr(repository, "existing_clauses", blind)
    with pytest.raises(ImportInterrupted, match=r"rows 5 to 7: .*rows up to 4 are saved"):
        run_import(session, taxonomy, SECRETARIAT, rows, source=SOURCE, batch_size=3)
    assert _counts(_engine(session))["clause"] == 4  # the first batch and the EX-5 from before


def test_a_conflict_in_the_clause_service_stops_the_import(
    session: Session, taxonomy: Taxonomy, monkeypatch: pytest.MonkeyPatch
) -> None:
    affiliate = make_affiliate(session)
    contributor = Caller(role=Role.contributor, affiliate_id=affiliate.id)
    run_import(session, taxonomy, contributor, numbered_rows(1), source=SOURCE)
    clause = session.exec(select(Clause)).one()
    workflow.apply(session, contributor, clause, workflow.Action.submit, None)
    session.commit()

    def conflicting(session: Session, *args: Any) -> Clause:
        session.rollback()  # what the clause service does on an IntegrityError
        raise Conflict("the change conflicts with an existing clause")

    monkeypatch.setattr(service, "update_clause", conflicting)
    edited = numbered_rows(3, text="The Employer shall give ninety days' notice.")
    with pytest.raises(ImportInterrupted, match="rows up to 0 are saved"):
        run_import(session, taxonomy, contributor, edited, source=SOURCE)
    assert _counts(_engine(session))["clause"] == 1


KILLED_IMPORT = """
import sys
from pathlib import Path
from app.affiliates.keys import Caller
from app.affiliates.models import Role
from app.db import session_for
from app.imports.runner import run_import
from app.settings import Settings
from app.taxonomy.loader import load_taxonomy
from tests.builders.clauses import make_affiliate
from tests.imports.builders import numbered_rows

settings = Settings(env="test", data_dir=Path(sys.argv[1]))
taxonomy = load_taxonomy(settings.taxonomy_dir)
with session_for(settings) as session:
    run_import(session, taxonomy, Caller(role=Role.admin), numbered_rows(int(sys.argv[2])),
               source="import:test", batch_size=int(sys.argv[3]))
"""


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    settings = Settings(env="test", data_dir=tmp_path)
    migrate.upgrade(settings)
    return settings


def test_a_killed_import_leaves_whole_batches_and_a_rerun_finishes(
    sqlite_settings: Settings, taxonomy: Taxonomy
) -> None:
    total, batch = 1000, 50
    command = [sys.executable, "-c", KILLED_IMPORT, str(sqlite_settings.data_dir),
               str(total), str(batch)]  # fmt: skip
    child = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL)  # noqa: S603
    engine = make_engine(sqlite_settings)
    try:
        deadline = time.monotonic() + 60
        while _counts(engine)["clause"] < 2 * batch and time.monotonic() < deadline:
            time.sleep(0.005)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        assert child.returncode == -signal.SIGKILL  # it did not get to finish
        saved = _counts(engine)
        assert saved["clause"] % batch == 0
        assert 2 * batch <= saved["clause"] < total
        assert saved == _whole(saved["clause"])
        with Session(engine) as session:
            again = run_import(session, taxonomy, SECRETARIAT, numbered_rows(total),
                               source=SOURCE, batch_size=batch)  # fmt: skip
        assert (again.created, again.unchanged) == (total - saved["clause"], saved["clause"])
        assert _counts(engine) == _whole(total)
    finally:
        if child.poll() is None:
            child.kill()
        engine.dispose()
