"""Safety checks on zip containers (XLSX, DOCX) before any library opens them.

Python's zipfile never yields more than a member's declared size (it cuts the output there and
then fails the CRC check), so checking the declared sizes and ratios bounds what opening costs.
"""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path

from app.imports.errors import FileRefused

MAX_MEMBERS = 5_000
MAX_RATIO = 200  # office XML compresses 5-30 times; a zip bomb, hundreds to a thousand times
RATIO_FROM_BYTES = 1 << 20  # tiny members may compress oddly; only big ones are judged
_DRIVE = re.compile(r"^[A-Za-z]:")


def unsafe_member_name(name: str) -> bool:
    """Whether an archive member's path could point outside the archive or is malformed."""
    if not name or "\x00" in name or "\\" in name or name.startswith("/") or _DRIVE.match(name):
        return True
    return any(part == ".." for part in name.split("/"))


def check_archive(path: Path, *, kind: str, max_total_bytes: int) -> None:
    """Refuse the zip at `path` if it is malformed, a zip bomb, or plays path tricks."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileRefused(f"{path.name} is not a valid {kind} file (not a zip archive)") from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise FileRefused(f"{path.name} holds {len(members)} parts; at most {MAX_MEMBERS}")
        seen: set[str] = set()
        total = 0
        for member in members:
            _check_member(path, member, seen)
            total += member.file_size
        if total > max_total_bytes:
            raise FileRefused(
                f"{path.name} would unpack to {total:,} bytes; a {kind} file may unpack to "
                f"at most {max_total_bytes:,}"
            )


def _check_member(path: Path, member: zipfile.ZipInfo, seen: set[str]) -> None:
    name = member.filename
    if unsafe_member_name(name):
        raise FileRefused(f"{path.name} has a part with an unsafe path {name!r}; refused")
    if stat.S_ISLNK(member.external_attr >> 16):
        raise FileRefused(f"{path.name} has a part that is a symbolic link ({name!r}); refused")
    if name in seen:
        raise FileRefused(f"{path.name} has two parts named {name!r}; refused")
    seen.add(name)
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
        raise FileRefused(
            f"{path.name} looks like a zip bomb: part {name!r} unpacks {ratio:.0f} times its "
            f"size (at most {MAX_RATIO})"
        )
