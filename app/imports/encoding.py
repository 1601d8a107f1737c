"""Which encoding a text file is in: read, not guessed.

1. A byte order mark says it (UTF-8, UTF-16).
2. Otherwise, if the whole file decodes as strict UTF-8, it is UTF-8 (checked in one streamed
   pass, which also collects a sample of the lines with non-ASCII bytes).
3. Otherwise charset-normalizer judges that sample. It cannot tell cp1252 from the other Latin
   code pages when their readings are equally "coherent" (measured: Portuguese and Spanish cp1252
   files come out as cp1250, turning "não" into "năo"), so when it hesitates between Latin code
   pages the language of the text decides: Western European languages are written in cp1252
   (latin-1 when the file has bytes that cp1252 leaves undefined), and so is a text too short
   to tell, cp1252 being by far the most common of them.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from app.imports.language import WESTERN, detect_language

CHUNK = 1 << 20
SAMPLE_BYTES = 64 * 1024
_ASCII = bytes(range(128))
_CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})
# Single-byte code pages for Latin scripts: the ones charset-normalizer confuses with cp1252.
_LATIN_PAGES = frozenset(
    codecs.lookup(name).name
    for name in (  # noqa: SIM905 - a list of names reads better as one string
        "cp1250 cp1252 cp1254 cp1257 cp1258 latin_1 iso8859_2 iso8859_3 iso8859_4 iso8859_9 "
        "iso8859_10 iso8859_13 iso8859_14 iso8859_15 iso8859_16 mac_latin2 mac_roman "
        "mac_iceland mac_turkish cp437 cp850 cp852 cp858"
    ).split()
)


@dataclass(frozen=True)
class Encoding:
    """A Python codec name and the reason it was chosen (shown in the import report)."""

    name: str
    reason: str


def detect_encoding(path: Path) -> Encoding:
    """The encoding of the text file at `path`."""
    with path.open("rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return Encoding("utf-8-sig", "UTF-8 byte order mark")
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return Encoding("utf-16", "UTF-16 byte order mark")
        handle.seek(0)
        valid, high, sample = _scan(handle)
    if valid:
        return Encoding("utf-8", "valid UTF-8" if high else "plain ASCII (read as UTF-8)")
    return legacy_encoding(sample, high)


def _scan(handle: BinaryIO) -> tuple[bool, set[int], bytes]:
    """Whether the stream is strict UTF-8, its non-ASCII byte values, and a sample of them."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    valid = True
    high: set[int] = set()
    sample = bytearray()
    while chunk := handle.read(CHUNK):
        rest = chunk.translate(None, _ASCII)
        if not rest:
            continue
        high.update(rest)
        if valid:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                valid = False
        if len(sample) < SAMPLE_BYTES:
            for line in chunk.split(b"\n"):
                if line.translate(None, _ASCII):
                    sample += line[:4096] + b"\n"
    if valid:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            valid = False
    return valid, high, bytes(sample[:SAMPLE_BYTES])


def legacy_encoding(sample: bytes, high: set[int]) -> Encoding:
    """The encoding of a file that is not UTF-8, judged on a sample of its non-ASCII lines."""
    best = from_bytes(sample).best()
    if best is None:
        return _western(high, "no other encoding fits")
    equivalents = {codecs.lookup(c).name for c in best.could_be_from_charset}
    if "cp1252" in equivalents:
        return _western(high, "reads the same as cp1252")
    if codecs.lookup(best.encoding).name in _LATIN_PAGES:
        detected = detect_language(sample.decode("cp1252", errors="replace"))
        if detected is None:
            return _western(high, "a Latin code page; too little text to tell which, so cp1252")
        if detected.language in WESTERN:
            why = f"a Latin code page, and the text is in {detected.language}"
            return _western(high, why)
    return Encoding(best.encoding, f"charset-normalizer ({best.language})")


def _western(high: set[int], why: str) -> Encoding:
    if high & _CP1252_UNDEFINED:
        return Encoding("latin-1", f"{why}; bytes undefined in cp1252, so latin-1")
    return Encoding("cp1252", why)
