"""The stored form of every document, by internal id, in one buffer.

A build appends each document's bytes to one buffer and seals it; later changes are kept beside
it. One buffer matters when workers are forked from a built index (app.serving): reading a slice
of it writes nothing, so its pages stay shared by every worker, where a bytes object per
document would have its reference count, and with it its memory page, written at every read
and so copied into each worker in turn.
"""

from __future__ import annotations

from array import array


class BlobStore:
    """A list of `bytes | None` by internal id: append, read, replace; never empty bytes."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._ends = array("q")  # end offset of each sealed-in id's bytes; start = previous end
        self._later: dict[int, bytes | None] = {}  # ids appended or replaced after sealing
        self._sealed = False
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def append(self, blob: bytes | None) -> None:
        if not self._sealed and not self._later:
            self._buffer += blob or b""
            self._ends.append(len(self._buffer))
        else:
            self._later[self._length] = blob
        self._length += 1

    def seal(self) -> None:
        """Freeze the buffer: what comes after goes beside it, leaving its pages untouched."""
        self._sealed = True

    def __setitem__(self, iid: int, blob: bytes | None) -> None:
        if not 0 <= iid < self._length:
            raise IndexError(iid)
        self._later[iid] = blob

    def __getitem__(self, iid: int) -> bytes | None:
        if iid in self._later:
            return self._later[iid]
        if not 0 <= iid < len(self._ends):
            raise IndexError(iid)
        start = self._ends[iid - 1] if iid else 0
        end = self._ends[iid]
        return bytes(self._buffer[start:end]) if end > start else None
