"""Backup files: written beside their final name and renamed when complete, readable only by
their owner (they hold password and key hashes); gzip when the name ends in `.gz`."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from . import BackupRefused

SQLITE_MAGIC = b"SQLite format 3\x00"


def partial_path(path: Path) -> Path:
    """Where a backup is written until it is complete."""
    return path.with_name(f"{path.name}.partial")


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """A private temporary path to fill; it replaces `path` only if the block succeeds."""
    partial = partial_path(path)
    partial.unlink(missing_ok=True)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(descriptor)
    try:
        yield partial
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def write_lines(path: Path, lines: Iterable[str]) -> None:
    """Write text lines (each ending in a newline) to `path`, atomically."""
    with atomic_file(path) as partial, _open_for_writing(partial, path) as handle:
        for line in lines:
            handle.write(line)


def read_lines(path: Path) -> Iterator[str]:
    """The lines of a dump, gzipped or not."""
    try:
        with _open_for_reading(path) as handle:
            yield from handle
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        # A cut-short gzip stream, bytes that are not UTF-8: the file is damaged, not our bug.
        raise BackupRefused(f"{path} cannot be read to the end: {exc}") from exc


def is_sqlite_file(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def _open_for_reading(path: Path) -> IO[str]:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", newline="\n")
    return path.open(encoding="utf-8", newline="\n")


def _open_for_writing(partial: Path, final: Path) -> IO[str]:
    if final.name.endswith(".gz"):
        return gzip.open(partial, "wt", encoding="utf-8", newline="\n")
    return partial.open("w", encoding="utf-8", newline="\n")
