"""How soon a published clause is found: a watcher that searches for each one until it is.

Each clause the publishing mix publishes carries a word of its own (`marker`); once the
publish call has answered, the watcher searches that word, anonymously, every POLL_S until the
clause is among the hits, and keeps the delay. A clause still not found WAIT_S after the load
has ended counts as never found.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import urlencode

POLL_S: Final = 0.05
WAIT_S: Final = 10.0


def marker(number: int) -> str:
    """A word no generated clause holds, one per number: "qz" and the number in letters."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += chr(ord("a") + digit)
        if not number:
            return "qz" + letters


@dataclass
class Visibility:
    delays: list[float] = field(default_factory=list)  # seconds until found
    never: int = 0


class Watcher:
    """Searches, from its own keep-alive connection, for every clause it is told of."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.result = Visibility()
        self._pending: dict[str, tuple[str, float]] = {}  # clause id -> (marker, published at)
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="visibility", daemon=True)
        self._thread.start()

    def expect(self, clause_id: str, word: str) -> None:
        with self._lock:
            self._pending[clause_id] = (word, time.perf_counter())

    def finish(self) -> Visibility:
        """Wait up to WAIT_S for what is still pending, then stop."""
        deadline = time.perf_counter() + WAIT_S
        while time.perf_counter() < deadline:
            with self._lock:
                if not self._pending:
                    break
            time.sleep(POLL_S)
        self._done.set()
        self._thread.join()
        self.result.never = len(self._pending)
        return self.result

    def _run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        while not self._done.is_set():
            with self._lock:
                pending = list(self._pending.items())
            for clause_id, (word, published) in pending:
                try:
                    found = self._finds(connection, word, clause_id)
                except (OSError, http.client.HTTPException):
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                    continue
                if found:
                    self.result.delays.append(time.perf_counter() - published)
                    with self._lock:
                        del self._pending[clause_id]
            time.sleep(POLL_S)

    @staticmethod
    def _finds(connection: http.client.HTTPConnection, word: str, clause_id: str) -> bool:
        connection.request("GET", "/api/v1/search?" + urlencode({"q": word, "per_page": 20}))
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            return False
        return any(hit["id"] == clause_id for hit in json.loads(body)["hits"])
