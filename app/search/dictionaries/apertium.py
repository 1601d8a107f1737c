"""Apertium's dictionaries, word by word: the lemma each installed language pair gives a word.

Apertium is a rule-based machine translator; Debian installs each language pair as compiled
files and a "mode" (/usr/share/apertium/modes/eng-spa.mode), the shell pipeline that
translates. Only the pipeline's lexical half is run here: morphological analysis, the
part-of-speech tagger, the bilingual dictionary and the lexical selection rules. Its output
names, for each word, the lemmas it translates to, best first:

    ^vigilar<vblex><inf>/watch<vblex><inf>/watch# over<vblex><inf>$

The words go in one per line, each closed by a full stop, so each line comes out as one
sentence. A word Apertium reads as several units (a phrase it does not know as one) is left
out: its lemmas side by side would not be a phrase that clauses contain.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

MODES_DIR: Final = Path("/usr/share/apertium/modes")
# Apertium's language codes (two or three letters) -> our index languages.
LANGUAGES: Final = {
    "eng": "en", "en": "en", "spa": "es", "es": "es", "fra": "fr", "fr": "fr",
    "por": "pt", "pt": "pt", "ita": "it", "it": "it", "deu": "de", "de": "de",
    "nld": "nl", "nl": "nl", "swe": "sv", "sv": "sv", "jpn": "ja", "ja": "ja",
}  # fmt: skip
_MODE_NAME_RE: Final = re.compile(r"^([a-z]{2,3})-([a-z]{2,3})\.mode$")
_BIDIX_RE: Final = re.compile(r"'([^']+\.autobil\.bin)'")
_LEXSEL_RE: Final = re.compile(r"lrx-proc\s+-m\s+'([^']+)'")
_UNIT_RE: Final = re.compile(r"\^((?:[^$\\]|\\.)*)\$")
_TAG_RE: Final = re.compile(r"<[^>]*>")
_SENTENCE: Final = ".<sent>"
TIMEOUT_SECONDS: Final = 600
NAME_PREFIX: Final = "apertium-"  # of a pair's name among the lexicon's dictionaries


class ApertiumError(RuntimeError):
    """A pipeline that could not be read or did not run."""


@dataclass(frozen=True)
class Pair:
    """One installed translation direction: its languages and the mode that runs it."""

    source: str
    target: str
    mode: Path

    @property
    def name(self) -> str:
        return f"{NAME_PREFIX}{self.mode.stem}"


def installed(directory: Path = MODES_DIR) -> list[Pair]:
    """The directions installed between two of our languages (variants such as
    spa-eng_US are left out)."""
    if not directory.is_dir():
        return []
    pairs: dict[tuple[str, str], Pair] = {}
    for mode in sorted(directory.glob("*.mode")):
        found = _MODE_NAME_RE.match(mode.name)
        if found is None:
            continue
        source, target = (LANGUAGES.get(code) for code in found.groups())
        if source and target and source != target:
            pairs.setdefault((source, target), Pair(source, target, mode))
    return [pairs[key] for key in sorted(pairs)]


def lexical_steps(mode_text: str) -> list[list[str]]:
    """The commands of a mode's pipeline up to its lexical selection: the mode's own steps
    to the pretransfer, then its bilingual dictionary and lexical selection rules."""
    steps = [step.strip() for step in mode_text.replace("$1", "").replace("$2", "").split("|")]
    cut = next((i for i, step in enumerate(steps) if step.startswith("apertium-pretransfer")), -1)
    bidix = _BIDIX_RE.search(mode_text)
    if cut < 0 or bidix is None:
        raise ApertiumError("no pretransfer step or bilingual dictionary in the mode")
    commands = [shlex.split(step) for step in steps[: cut + 1]]
    commands.append(["lt-proc", "-b", bidix.group(1)])
    lexical = _LEXSEL_RE.search(mode_text)
    if lexical is not None:
        commands.append(["lrx-proc", "-m", lexical.group(1)])
    return [["apertium-destxt"], *commands]


def _lemma(analysis: str) -> str:
    """A lemma without its tags; '#' marks where a multi-word lemma's fixed part goes."""
    return " ".join(_TAG_RE.sub("", analysis).replace("#", " ").split())


def read_units(stream: str, count: int) -> list[list[str]]:
    """The target lemmas of each of `count` one-word sentences in a lexical stream."""
    found: list[list[str]] = [[] for _ in range(count)]
    sentence, units = 0, 0
    for unit in _UNIT_RE.findall(stream):
        if sentence >= count:
            break
        parts = unit.split("/")
        if parts[0] == _SENTENCE:
            if units != 1:
                found[sentence] = []
            sentence, units = sentence + 1, 0
            continue
        units += 1
        if parts[0].startswith("*"):
            continue  # unknown to the analyser
        for part in parts[1:]:
            lemma = _lemma(part) if not part.startswith(("*", "@", "#")) else ""
            if lemma and lemma not in found[sentence]:
                found[sentence].append(lemma)
    return found


def _run(commands: list[list[str]], text: str) -> str:
    with tempfile.TemporaryFile("w+b") as feed:
        feed.write(text.encode())
        feed.seek(0)
        processes: list[subprocess.Popen[bytes]] = []
        upstream = feed.fileno()
        try:
            for command in commands:
                # The commands are the installed pair's own (its mode file), run without a shell.
                process = subprocess.Popen(  # noqa: S603
                    command, stdin=upstream, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
                )
                if processes and processes[-1].stdout is not None:
                    processes[-1].stdout.close()  # the next step holds it now
                processes.append(process)
                assert process.stdout is not None
                upstream = process.stdout.fileno()
            output, _ = processes[-1].communicate(timeout=TIMEOUT_SECONDS)
        except (OSError, subprocess.SubprocessError) as error:
            raise ApertiumError(f"{commands[0][0]}: {error}") from error
        finally:
            for process in processes:
                if process.poll() is None:
                    process.kill()
                process.wait()
    if any(process.returncode for process in processes):
        raise ApertiumError("a step of the pipeline failed")
    return output.decode(errors="replace")


def translate_words(pair: Pair, words: Sequence[str]) -> dict[str, list[str]]:
    """Each word's lemmas in the pair's target language, best first (words Apertium does not
    know, or reads as a phrase of several units, are left out)."""
    clean = [w for w in dict.fromkeys(words) if w and "\n" not in w and "^" not in w]
    if not clean:
        return {}
    try:
        commands = lexical_steps(pair.mode.read_text(encoding="utf-8"))
    except OSError as error:
        raise ApertiumError(str(error)) from error
    text = "".join(f"{word} .\n" for word in _escaped(clean))
    stream = _run(commands, text)
    return {
        word: lemmas
        for word, lemmas in zip(clean, read_units(stream, len(clean)), strict=True)
        if lemmas
    }


def _escaped(words: Iterable[str]) -> Iterable[str]:
    """Words as Apertium's text format reads them: its special characters escaped."""
    for word in words:
        yield re.sub(r"([\\\[\]@/^$<>{}*])", r"\\\1", word)


DOC_DIR: Final = Path("/usr/share/doc")
_SPDX: Final = {"GPL-2": "GPL-2.0-only", "GPL-2+": "GPL-2.0-or-later", "GPL-3": "GPL-3.0-only",
                "GPL-3+": "GPL-3.0-or-later"}  # fmt: skip


def package(pair: Pair) -> str:
    """The Debian package holding the pair's data (its bilingual dictionary's folder)."""
    try:
        found = _BIDIX_RE.search(pair.mode.read_text(encoding="utf-8"))
    except OSError:
        return ""
    return Path(found.group(1)).parent.name if found else ""


def licence(pair: Pair, doc_dir: Path = DOC_DIR) -> tuple[str, str]:
    """The licence of the pair's data, from its package's copyright file: (SPDX identifier,
    the file's words); the identifier is "" when it is not one we know."""
    name = package(pair)
    try:
        text = (doc_dir / name / "copyright").read_text(encoding="utf-8") if name else ""
    except OSError:
        return "", ""
    found = re.search(r"^License:\s*(\S+)", text, re.MULTILINE)
    stated = found.group(1) if found else ""
    return _SPDX.get(stated, ""), f"{name}: {stated}" if stated else ""
