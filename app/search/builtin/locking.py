"""A lock handed over in order of arrival.

Searches are CPU work under the interpreter lock, so running several at once only shares out
the same processor (and adds switching): one at a time is as fast. What matters under load is
the order: a plain lock may let a newcomer in ahead of a thread that has waited long, which
makes the slowest answers far slower. This lock serves waiters first come, first served.
"""

from __future__ import annotations

import threading
from collections import deque
from types import TracebackType


class FairLock:
    """A mutual-exclusion lock that serves waiting threads in arrival order."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._held = False
        self._queue: deque[threading.Lock] = deque()

    def acquire(self) -> None:
        with self._guard:
            if not self._held:
                self._held = True
                return
            gate = threading.Lock()
            gate.acquire()
            self._queue.append(gate)
        gate.acquire()  # opened by the holder, who hands the lock over to us

    def release(self) -> None:
        with self._guard:
            if self._queue:
                self._queue.popleft().release()  # still held: now by the next in line
            else:
                self._held = False

    def __enter__(self) -> FairLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()
