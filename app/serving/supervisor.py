"""Several worker processes on one port, sharing one built-in index (`COMMONS_WORKERS` > 1).

Searches are CPU work under Python's interpreter lock, so one process uses one core. The
supervisor binds the port, forks a start-up worker that answers (search "indexing") while it
builds the built-in index once, then forks the workers: each inherits the index copy-on-write,
so its pages are shared, not copied. The supervisor alone reads the search outbox and forwards
every change to every worker (see fanout.py); a worker that dies is forked again from the
image and caught up from the database before it serves. With Meilisearch the workers search
the server directly and the supervisor applies the outbox to it.

The supervisor is one thread, so each fork happens between two of its steps, never inside one.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import os
import select
import signal
import socket
import time
from types import FrameType

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.db import make_engine
from app.search.builtin.engine import BuiltinSearchBackend
from app.search.contract import SearchBackend
from app.search.dictionaries.lexicon import open_lexicon
from app.search.indexer import Indexer
from app.search.runtime import make_backend, ready_backend
from app.serving.fanout import Fanout
from app.serving.worker import Worker, run_worker
from app.settings import Settings
from app.taxonomy.loader import load_taxonomy

log = logging.getLogger(__name__)

RESPAWN_PAUSE_S = 1.0  # a worker dying at once is forked again no faster than this


def _settle_memory() -> None:
    """Make the image as small and as still as it can be before workers share it: free the
    build's garbage, hand its free pages back to the system (glibc), so that a worker's new
    objects do not land in, and copy, pages of the image; and keep the collector from writing
    to the image's objects in every worker."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    gc.freeze()


class _Stop(Exception):
    """A signal asked the supervisor to stop."""


def listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen(2048)
    listener.set_inheritable(True)
    return listener


class Supervisor:
    """Forks, watches and stops the workers; applies the outbox for all of them."""

    def __init__(self, settings: Settings, listener: socket.socket, workers: int) -> None:
        self.settings = settings
        self.listener = listener
        self.count = workers
        self.taxonomy = load_taxonomy(settings.taxonomy_dir)
        self.engine: Engine = make_engine(settings)
        self.wake_read, self.wake_write = os.pipe()
        os.set_blocking(self.wake_write, False)
        self.pids: dict[int, Worker] = {}
        self.started: dict[int, float] = {}  # slot -> when its worker was forked
        self.stopping = False
        self.building = False
        self.image: SearchBackend = BuiltinSearchBackend(open_lexicon(settings.lexicon_file))
        self.fanout: Fanout | None = None

    # --- signals ---
    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True
        if self.building:
            raise _Stop  # do not finish a build nobody will use

    # --- forking ---
    def _fork(self, worker: Worker) -> int:
        self.engine.dispose()  # no database connection may be shared with a child
        pid = os.fork()
        if pid == 0:
            os.close(self.wake_read)
            fanout = self.fanout
            for fd in fanout.channels.values() if fanout else ():
                os.close(fd)  # only the supervisor writes to the workers
            run_worker(self.settings, self.listener, worker)
        self.pids[pid] = worker
        return pid

    def _spawn(self, slot: int) -> None:
        """Fork the worker of `slot` from the image and catch it up before it serves."""
        self.started[slot] = time.monotonic()
        if self.fanout is None:  # Meilisearch: every worker talks to the server itself
            worker = Worker(slot, self.count, make_backend(self.settings), None, self.wake_write)
            self._fork(worker)
            return
        read_end, write_end = os.pipe()
        worker = Worker(slot, self.count, self.image, read_end, self.wake_write)
        self._fork(worker)
        os.close(read_end)
        try:
            self.fanout.catch_up(write_end, lambda: Session(self.engine), self.taxonomy)
        except OSError as exc:
            log.warning("worker %d died while catching up (%s)", slot, exc)
            os.close(write_end)
            return
        self.fanout.channels[slot] = write_end

    def _reap(self) -> None:
        """Fork again any worker that has exited, unless the service is stopping."""
        while self.pids:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            worker = self.pids.pop(pid, None)
            if worker is None or worker.warming or self.stopping:
                continue
            log.warning(
                "worker %d (pid %d) exited with %s; starting it again", worker.slot, pid, status
            )
            if self.fanout is not None and (fd := self.fanout.channels.pop(worker.slot, None)):
                os.close(fd)
            lived = time.monotonic() - self.started.get(worker.slot, 0.0)
            time.sleep(max(0.0, RESPAWN_PAUSE_S - lived))
            self._spawn(worker.slot)

    # --- the life of the service ---
    def _build(self) -> Indexer:
        """The search backend of the workers, and the outbox reader that keeps it current."""
        backend = ready_backend(self.settings)
        if backend.name != "builtin":
            return Indexer(self.engine, backend, self.taxonomy, batch=self.settings.outbox_batch)
        self.image = backend
        self.building = True
        try:
            count = Indexer(self.engine, backend, self.taxonomy).rebuild()
        finally:
            self.building = False
        self.fanout = Fanout(count)
        return Indexer(self.engine, self.fanout, self.taxonomy, batch=self.settings.outbox_batch)

    def run(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._on_signal)
        warming = Worker(0, self.count, self.image, None, self.wake_write, warming=True)
        warm_pid = self._fork(warming)
        try:
            indexer = self._build()
            _settle_memory()
            for slot in range(self.count):
                self._spawn(slot)
            os.kill(warm_pid, signal.SIGTERM)
            log.info("%d workers serving", self.count)
            while not self.stopping:
                self._reap()
                try:
                    indexer.drain()
                except Exception:  # the loop must outlive one bad batch; it retries
                    log.exception("search outbox failed; retrying")
                ready, _, _ = select.select(
                    [self.wake_read], [], [], self.settings.outbox_interval_s
                )
                if ready:
                    os.read(self.wake_read, 4096)
        except _Stop:
            pass
        finally:
            self._stop_workers()

    def _stop_workers(self) -> None:
        self.stopping = True
        for pid in list(self.pids):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                self.pids.pop(pid)
        deadline = time.monotonic() + 30
        while self.pids and time.monotonic() < deadline:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid:
                self.pids.pop(pid, None)
            else:
                time.sleep(0.05)
        for pid in self.pids:
            os.kill(pid, signal.SIGKILL)
        self.engine.dispose()


def serve_workers(settings: Settings, host: str, port: int, workers: int) -> None:
    """Run the service as `workers` processes on host:port until SIGTERM or SIGINT."""
    with listen(host, port) as listener:
        Supervisor(settings, listener, workers).run()
