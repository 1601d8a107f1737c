"""Small dictionaries in FreeDict's dictd layout, written for the tests (our own entries)."""

from __future__ import annotations

import gzip
from pathlib import Path

from app.search.dictionaries.build import build_lexicon
from app.search.dictionaries.lexicon import Lexicon

_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
GPL = "Available under the terms of the GNU General Public License ver. 2.0 and any later version."
CC = "Available under the terms of the Creative Commons Attribution-ShareAlike 3.0 Unported."


def _number(value: int) -> str:
    digits = ""
    while True:
        digits = _BASE64[value % 64] + digits
        value //= 64
        if value == 0:
            return digits


def write_dictionary(
    directory: Path, name: str, entries: dict[str, str], availability: str = GPL
) -> None:
    """freedict-<name>.index and .dict.dz; each entry's text follows its headword line."""
    info = f"00-database-info\nA test dictionary.\n\nAvailability:\n\n  {availability}\n\nNotes:\n"
    bodies = [("00databaseinfo", info)]
    bodies += [(headword, f"{headword} /x/\n{text}\n") for headword, text in entries.items()]
    data = b""
    index_lines = []
    for headword, body in bodies:
        encoded = body.encode()
        index_lines.append(f"{headword}\t{_number(len(data))}\t{_number(len(encoded))}\n")
        data += encoded
    (directory / f"freedict-{name}.index").write_text("".join(index_lines), encoding="utf-8")
    (directory / f"freedict-{name}.dict.dz").write_bytes(gzip.compress(data))


def union_dictionaries(directory: Path) -> Path:
    """English, French, Spanish and Japanese entries on the unions' words."""
    directory.mkdir(parents=True, exist_ok=True)
    write_dictionary(
        directory,
        "eng-fra",
        {
            "right": "1. droit\n2. vrai\n3. exact",
            "on the right": "à droite",
            "surveillance": "surveillance, contrôle",
            "break": "1. pause <n, fem>\n2. rupture\n3. casser",
            "fingerprint": "empreinte digitale",
        },
    )
    write_dictionary(
        directory,
        "fra-eng",
        {
            "droit": "1. right\n2. law",
            "pause": "break, rest",
            "déconnexion": "disconnection",
            "vrai": "true",
        },
    )
    write_dictionary(
        directory,
        "spa-eng",
        {"huella dactilar": "fingerprint", "descanso": "1. rest\n2. break", "vigilancia": "watch"},
        CC,
    )
    write_dictionary(directory, "jpn-eng", {"権利": "(noun (common))\nright, privilege"}, CC)
    write_dictionary(directory, "xyz-eng", {"zork": "nothing"})  # not one of our languages
    return directory


def union_lexicon(directory: Path) -> Lexicon:
    dictionaries = union_dictionaries(directory / "dictd")
    path = directory / "lexicon.sqlite3"
    build_lexicon(path, dictionaries)
    return Lexicon(path)
