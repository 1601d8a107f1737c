"""The PostgreSQL server goes away under load and comes back: requests in flight and during the
outage get a clean 503 problem, the service recovers by itself, and every acknowledged write is
there, whole.

The server itself is not restarted (other work shares it): a proxy between the app and the server
drops every connection and refuses new ones for two seconds, which is what the app sees of a
restart. The test uses a database of its own, never the suite's `commons_test` schema.
"""

from __future__ import annotations

import http.client
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from app import migrate
from app.affiliates.keys import create_key
from app.affiliates.models import Role
from app.db import make_engine
from app.main import create_app
from app.settings import Settings
from tests.builders.clauses import clause_payload
from tests.faults.proxy import CuttableProxy, free_port

SERVER_URL = make_url(
    os.environ.get("COMMONS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
)
OUTAGE_S = 2.0
CLIENTS = 6

pytestmark = pytest.mark.postgres


def _admin_url() -> URL:
    return SERVER_URL.set(database="postgres")


@pytest.fixture
def database() -> Iterator[URL]:
    """A database of this test run's own, created through the server's trust auth and dropped."""
    name = f"commons_faults_{os.getpid()}"
    admin = create_engine(
        _admin_url(), isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        if os.environ.get("COMMONS_TEST_POSTGRES") == "0":
            pytest.skip(f"PostgreSQL unreachable and COMMONS_TEST_POSTGRES=0: {exc.orig}")
        raise
    try:
        yield SERVER_URL.set(database=name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@dataclass
class Service:
    port: int
    proxy: CuttableProxy
    direct: Settings  # the same database, not through the proxy: for checking what is stored
    key: str


@contextmanager
def serving(database: URL, data_dir: Path, *, run_workers: bool) -> Iterator[Service]:
    """The app served by uvicorn in a thread, reaching the database through the proxy; rate
    limits are lifted so the load is not refused for its own sake."""
    direct = Settings(env="test", data_dir=data_dir, database_url=database.render_as_string(False))
    migrate.upgrade(direct)
    proxy = CuttableProxy((SERVER_URL.host or "127.0.0.1", SERVER_URL.port or 5432))
    proxy.restore()
    proxied = database.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
    settings = Settings(
        env="test",
        data_dir=data_dir,
        database_url=proxied,
        rate_key_per_minute=1_000_000,
        rate_writes_per_minute=1_000_000,
    )
    engine = make_engine(direct)
    with Session(engine) as session:
        _, key = create_key(session, Role.moderator, None)
        session.commit()
    engine.dispose()
    port = free_port()
    app = create_app(settings, run_workers=run_workers)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start within 30 s"
        time.sleep(0.05)
    try:
        yield Service(port, proxy, direct, key)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        proxy.stop()


@pytest.fixture
def service(database: URL, tmp_path: Path) -> Iterator[Service]:
    """The app with its workers (search outbox, import jobs) running."""
    with serving(database, tmp_path, run_workers=True) as running:
        yield running


@pytest.fixture
def idle_service(database: URL, tmp_path: Path) -> Iterator[Service]:
    """The app without workers: nothing touches the database between requests."""
    with serving(database, tmp_path, run_workers=False) as running:
        yield running


@dataclass
class Outcome:
    started: float
    method: str
    status: int  # 0: no HTTP answer at all (reset, timeout)
    content_type: str = ""
    retry_after: str | None = None
    public_id: str | None = None
    error: str = ""


class Clients:
    """`CLIENTS` threads that create published clauses, read each back and list, until stopped."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.outcomes: list[Outcome] = []
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(CLIENTS)]

    def __enter__(self) -> Clients:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def acknowledged(self) -> set[str]:
        return {o.public_id for o in list(self.outcomes) if o.status == 201 and o.public_id}

    def _run(self, number: int) -> None:
        headers = {
            "Authorization": f"Bearer {self.service.key}",
            "Content-Type": "application/json",
        }
        sent = 0
        while not self.stop.is_set():
            sent += 1
            title = f"Notice before monitoring, client {number}, request {sent}"
            body = json.dumps(clause_payload(title=title, status="published"))
            created = self._call("POST", "/api/v1/clauses", headers, body)
            if created.public_id:
                self._call("GET", f"/api/v1/clauses/{created.public_id}", headers)
            self._call("GET", "/api/v1/clauses?per_page=5", {})

    def _call(self, method: str, path: str, headers: dict[str, str], body: str = "") -> Outcome:
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.service.port, timeout=20)
        try:
            connection.request(method, path, body=body or None, headers=headers)
            answer = connection.getresponse()
            payload = answer.read()
            outcome = Outcome(
                started,
                method,
                answer.status,
                answer.getheader("content-type", ""),
                answer.getheader("retry-after"),
            )
            if answer.status == 201:
                outcome.public_id = json.loads(payload)["id"]
        except (OSError, http.client.HTTPException) as exc:
            outcome = Outcome(started, method, 0, error=f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()
        self.outcomes.append(outcome)
        return outcome


def _get(service: Service, path: str) -> tuple[int, dict[str, Any]]:
    return _send(service, "GET", path)


def _send(
    service: Service, method: str, path: str, body: dict[str, Any] | None = None
) -> tuple[int, dict[str, Any]]:
    headers = {"Authorization": f"Bearer {service.key}", "Content-Type": "application/json"}
    connection = http.client.HTTPConnection("127.0.0.1", service.port, timeout=20)
    try:
        connection.request(method, path, body=json.dumps(body) if body else None, headers=headers)
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read())
    finally:
        connection.close()


def _wait_for(condition: Callable[[], bool], limit_s: float, what: str) -> None:
    deadline = time.monotonic() + limit_s
    while not condition():
        assert time.monotonic() < deadline, f"{what} within {limit_s} s"
        time.sleep(0.1)


def _stored(direct: Settings) -> tuple[set[str], dict[str, int], dict[str, int]]:
    """Public ids of the stored clauses, and per clause how many tags and revisions it has."""
    per_clause = (
        "SELECT c.public_id, count(x.clause_id) FROM clause c "
        "LEFT JOIN {table} x ON x.clause_id = c.id GROUP BY c.public_id"
    )
    engine = make_engine(direct)
    try:
        with engine.connect() as connection:
            ids = set(connection.execute(text("SELECT public_id FROM clause")).scalars())
            tags: dict[str, int] = {}
            revisions: dict[str, int] = {}
            for table, counts in (("clause_tag", tags), ("revision", revisions)):
                for public_id, count in connection.execute(text(per_clause.format(table=table))):
                    counts[public_id] = count
    finally:
        engine.dispose()
    return ids, tags, revisions


def test_a_database_restart_under_load_fails_cleanly_and_loses_no_acknowledged_write(
    service: Service,
) -> None:
    with Clients(service) as clients:
        _wait_for(lambda: len(clients.acknowledged()) >= 10, 30, "ten writes acknowledged")
        cut_at = time.monotonic()
        service.proxy.cut()
        time.sleep(0.3)
        during_status, during = _get(service, "/health/ready")
        time.sleep(max(0.0, cut_at + OUTAGE_S - time.monotonic()))
        restored_at = time.monotonic()
        service.proxy.restore()
        _wait_for(
            lambda: sum(o.started > restored_at + 1 for o in list(clients.outcomes)) >= 30,
            30,
            "thirty requests after the restore",
        )
    assert not any(t.is_alive() for t in clients.threads), "a client hangs"
    outcomes = clients.outcomes

    assert (during_status, during["database"]) == (503, "unavailable")
    assert [o.error for o in outcomes if o.status == 0] == []
    assert {o.status for o in outcomes} <= {200, 201, 503}
    refused = [o for o in outcomes if o.status == 503]
    assert [o for o in refused if cut_at <= o.started <= restored_at], "the outage was felt"
    assert all(o.content_type == "application/problem+json" for o in refused)
    assert all(o.retry_after == "2" for o in refused)
    after = [o for o in outcomes if o.started > restored_at + 1]
    assert [o.status for o in after if o.status >= 300] == [], "recovered by itself"

    ids, tags, revisions = _stored(service.direct)
    acknowledged = clients.acknowledged()
    assert acknowledged - ids == set(), "an acknowledged write was lost"
    assert set(tags.values()) == {3}, "every stored clause has its theme, sub-theme and phase"
    assert set(revisions.values()) == {1}, "every stored clause has its one revision"

    # The search indexer came back too: the outbox drains and every stored clause is found.
    def indexed() -> bool:
        status, ready = _get(service, "/health/ready")
        return status == 200 and ready["status"] == "ok" and ready["search"]["backlog"] == 0

    _wait_for(indexed, 20, "the search outbox drained")
    _status, found = _get(service, "/api/v1/search?q=&per_page=1")
    assert found["total"] == len(ids)


def test_a_restart_while_idle_is_not_felt_by_the_next_requests(idle_service: Service) -> None:
    # Pooled connections die with the server; each is checked before it is lent again.
    before = _send(idle_service, "POST", "/api/v1/clauses", clause_payload(status="published"))
    assert before[0] == 201
    for _ in range(3):
        assert _get(idle_service, "/api/v1/clauses")[0] == 200
    idle_service.proxy.cut()
    time.sleep(0.5)
    idle_service.proxy.restore()
    status, page = _get(idle_service, "/api/v1/clauses")
    assert status == 200, page
    assert [clause["id"] for clause in page["items"]] == [before[1]["id"]]
    after = _send(idle_service, "POST", "/api/v1/clauses", clause_payload(status="published"))
    assert after[0] == 201
