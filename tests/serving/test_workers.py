"""`commons serve --workers 2`: one index built once, every worker kept current, a dead worker
replaced and caught up, a clean stop.

Which worker answers a connection is the kernel's choice; to ask one worker, the others are
paused (SIGSTOP) so that only it can accept.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from sqlmodel import Session

from app import migrate
from app.affiliates.models import Role
from app.db import make_engine
from app.settings import PROJECT_ROOT, Settings
from bench.service import free_port
from tests.builders.clauses import auth, clause_payload, make_affiliate

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


def children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(p) for p in text.split()]


def call(port: int, method: str, path: str, headers: dict[str, str], body: Any = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=data, method=method,
        headers={**headers, "Content-Type": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def found(port: int, word: str) -> set[str]:
    answer = call(port, "GET", f"/api/v1/search?q={quote(word)}", {})
    return {hit["id"] for hit in answer["hits"]}


def wait_for(condition: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@contextmanager
def only(worker: int, workers: list[int]) -> Iterator[None]:
    """Pause every other worker, so that new connections reach this one."""
    others = [pid for pid in workers if pid != worker]
    for pid in others:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in others:
            os.kill(pid, signal.SIGCONT)


class Service:
    def __init__(self, data_dir: Path, port: int) -> None:
        env = {**os.environ, "COMMONS_DATA_DIR": str(data_dir), "COMMONS_WORKERS": "2",
               "COMMONS_OUTBOX_INTERVAL_S": "0.2", "COMMONS_LOG_LEVEL": "warning"}  # fmt: skip
        command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port)]
        self.port = port
        self.process = subprocess.Popen(command, env=env, cwd=PROJECT_ROOT)  # noqa: S603

    def workers(self) -> list[int]:
        return children(self.process.pid)

    def serving(self) -> bool:
        try:
            search = call(self.port, "GET", "/health/ready", {})["search"]
        except OSError:
            return False
        return bool(search["status"] == "ok") and len(self.workers()) == 2

    def sees(self, worker: int, word: str, ids: set[str]) -> bool:
        with only(worker, self.workers()):
            return found(self.port, word) == ids


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, dict[str, str]]:
    settings = Settings(data_dir=tmp_path)
    migrate.upgrade(settings)
    engine = make_engine(settings)
    with Session(engine) as session:
        affiliate = make_affiliate(session)
        made = {
            "contributor": auth(session, Role.contributor, affiliate),
            "moderator": auth(session, Role.moderator),
        }
    engine.dispose()
    return made


@pytest.fixture
def service(tmp_path: Path, keys: dict[str, dict[str, str]]) -> Iterator[Service]:
    running = Service(tmp_path, free_port())
    workers: list[int] = []
    try:
        wait_for(running.serving, 60)
        workers = running.workers()
        yield running
    finally:
        if running.process.poll() is None:
            running.process.kill()
            running.process.wait(timeout=10)
        # Workers stop by themselves once their supervisor is gone (the last test checks it).
        wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers), 30)


def publish(service: Service, keys: dict[str, dict[str, str]], word: str) -> str:
    payload = clause_payload(title=f"Notice of {word}", text=f"The Employer shall {word} first.")
    clause = call(service.port, "POST", "/api/v1/clauses", keys["contributor"], payload)
    path = f"/api/v1/clauses/{clause['id']}"
    call(service.port, "POST", f"{path}/submit", keys["contributor"], {})
    call(service.port, "POST", f"{path}/publish", keys["moderator"], {})
    return str(clause["id"])


def test_every_worker_finds_a_clause_published_through_any_of_them(
    service: Service, keys: dict[str, dict[str, str]]
) -> None:
    first = publish(service, keys, "zanzibarquorum")
    for worker in service.workers():
        wait_for(lambda w=worker: service.sees(w, "zanzibarquorum", {first}))  # type: ignore[misc]


def test_a_killed_worker_is_replaced_and_caught_up_before_it_serves(
    service: Service, keys: dict[str, dict[str, str]]
) -> None:
    first = publish(service, keys, "zanzibarquorum")
    victim, survivor = service.workers()
    wait_for(lambda: service.sees(survivor, "zanzibarquorum", {first}))
    os.kill(victim, signal.SIGKILL)
    wait_for(lambda: victim not in service.workers() and len(service.workers()) == 2)
    replacement = next(pid for pid in service.workers() if pid != survivor)
    # Forked from the index built at start, which predates the clause: caught up from the
    # database before it took a connection.
    assert service.sees(replacement, "zanzibarquorum", {first})
    second = publish(service, keys, "quillonbargain")
    call(service.port, "POST", f"/api/v1/clauses/{first}/archive", keys["moderator"], {})
    for worker in (replacement, survivor):
        wait_for(lambda w=worker: service.sees(w, "quillonbargain", {second}))  # type: ignore[misc]
        wait_for(lambda w=worker: service.sees(w, "zanzibarquorum", set()))  # type: ignore[misc]


def test_sigterm_stops_the_supervisor_and_every_worker(service: Service) -> None:
    workers = service.workers()
    service.process.send_signal(signal.SIGTERM)
    assert service.process.wait(timeout=40) == 0
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists()


def test_workers_stop_when_their_supervisor_is_killed(service: Service) -> None:
    workers = service.workers()
    assert len(workers) == 2
    service.process.kill()  # SIGKILL: the supervisor cannot stop them itself
    service.process.wait(timeout=10)
    wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers), 15)
    with pytest.raises(urllib.error.URLError, match="Connection refused"):
        call(service.port, "GET", "/health/ready", {})
