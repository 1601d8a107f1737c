"""One worker process: the app on a socket shared with its sibling workers."""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
from dataclasses import dataclass
from typing import Final

from sqlalchemy.engine import Engine

from app.search.contract import SearchBackend
from app.serving.follower import FollowerIndexer, catch_up
from app.settings import Settings
from app.taxonomy.model import Taxonomy

log = logging.getLogger(__name__)

ORPHAN_CHECK_S: Final = 0.5


@dataclass(frozen=True)
class Worker:
    """What a worker is given by the supervisor that forks it."""

    slot: int  # 0 .. count-1; slot 0 also runs the import jobs
    count: int
    backend: SearchBackend
    channel: int | None  # forwarded index changes (built-in engine), else None
    wake: int  # written to after a write, to wake the supervisor's outbox reader
    warming: bool = False  # the start-up worker, answering while the index is built

    @property
    def runs_imports(self) -> bool:
        return self.slot == 0 and not self.warming

    def share(self, per_minute: int) -> int:
        """This worker's part of a rate limit: the kernel spreads connections over the workers,
        so each enforcing 1/count keeps the service as a whole within the limit."""
        return max(1, per_minute // self.count)

    def indexer(self, engine: Engine, taxonomy: Taxonomy) -> FollowerIndexer:
        return FollowerIndexer(
            engine,
            self.backend,
            taxonomy,
            channel=self.channel,
            wake=self.wake,
            warming=self.warming,
        )


def _stop_when_orphaned(supervisor: int) -> None:
    """Stop this worker (as SIGTERM does) once its supervisor is gone: killed, it cannot stop
    its workers, and a worker left alone would go on serving an index nobody updates."""

    def watch() -> None:
        while os.getppid() == supervisor:
            time.sleep(ORPHAN_CHECK_S)
        log.warning("worker %d: the supervisor is gone; stopping", os.getpid())
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="supervisor-watch", daemon=True).start()


def run_worker(settings: Settings, listener: socket.socket, worker: Worker) -> None:
    """Serve until told to stop (SIGTERM or SIGINT); never returns to the supervisor's code."""
    import uvicorn

    from app.main import create_app

    status = 1
    try:
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGCHLD):
            signal.signal(signum, signal.SIG_DFL)
        _stop_when_orphaned(os.getppid())
        if worker.channel is not None:
            catch_up(worker.backend, worker.channel)
        config = uvicorn.Config(
            create_app(settings, worker=worker),
            log_level=settings.log_level,
            timeout_keep_alive=settings.keep_alive_s,
            access_log=False,  # as in the single process: no reader's address is recorded
        )
        uvicorn.Server(config).run(sockets=[listener])
        status = 0
    finally:
        os._exit(status)
