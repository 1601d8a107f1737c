"""Index changes sent from the supervisor to its workers, one pipe per worker.

A message is pickled and prefixed with its length. Pickle is safe here only because both ends
are the same program: the pipe is made by the supervisor and known only to the worker it forks.
"""

from __future__ import annotations

import os
import pickle
import struct
from typing import Any, Final, Literal

_LENGTH: Final = struct.Struct("!Q")

# ("upsert", documents), ("delete", public ids), or ("ready", []): the worker is caught up.
Change = tuple[Literal["upsert", "delete", "ready"], list[Any]]


def send(fd: int, change: Change) -> None:
    """Write one message whole (blocks while the worker reads). Raises OSError (a broken pipe
    when the worker is gone)."""
    payload = pickle.dumps(change, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_LENGTH.pack(len(payload)) + payload)
    while view:
        view = view[os.write(fd, view) :]


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks: list[bytes] = []
    left = size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def receive(fd: int) -> Change | None:
    """The next message, or None once the supervisor has closed the pipe."""
    header = _read_exactly(fd, _LENGTH.size)
    if header is None:
        return None
    payload = _read_exactly(fd, _LENGTH.unpack(header)[0])
    if payload is None:
        return None
    change: Change = pickle.loads(payload)  # noqa: S301 (our own pipe, see above)
    return change
