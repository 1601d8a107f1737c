"""`commons import` killed with SIGKILL half-way, then run again: every row lands once, whole.

Only the command line is used to import, so the test holds whatever the import does inside.
"""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from app import migrate
from app.settings import PROJECT_ROOT, Settings
from tests.faults.checks import integrity

# Several of the import's commits, so that a kill can fall between two of them.
ROWS = 2000
HEADER = ["external_id", "title", "text", "language", "country", "themes", "subthemes",
          "lifecycle", "tags", "title_fr", "text_fr"]  # fmt: skip
TOPICS = [("6", "6.1"), ("4", "4.3"), ("3", "3.3"), ("5", "5.3"), ("7", "7.4")]


@dataclass(frozen=True)
class Row:
    """One clause as the file gives it, and what the database must hold for it."""

    external_id: str
    title: str
    text: str
    tags: frozenset[tuple[str, str]]
    translation: tuple[str, str] | None  # the French title and text, when the row has them


def archive_rows() -> list[Row]:
    rows = []
    for n in range(ROWS):
        theme, subtheme = TOPICS[n % len(TOPICS)]
        lifecycle = ("collection", "storage") if n % 2 else ()
        tags = {("theme", theme), ("subtheme", subtheme)} | {("lifecycle", p) for p in lifecycle}
        french = (f"Préavis numéro {n}", f"L'employeur consulte le syndicat, point {n}.")
        rows.append(
            Row(
                external_id=f"ARCH-{n}",
                title=f"Notice before change, item {n}",
                text=" ".join([f"The Employer shall consult the Union before change {n}."] * 6),
                tags=frozenset(tags),
                translation=french if n % 3 == 0 else None,
            )
        )
    return rows


def write_archive(path: Path, rows: list[Row]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for row in rows:
            facets = {f: "|".join(sorted(c for g, c in row.tags if g == f)) for f in
                      ("theme", "subtheme", "lifecycle")}  # fmt: skip
            writer.writerow([row.external_id, row.title, row.text, "en", "PH", facets["theme"],
                             facets["subtheme"], facets["lifecycle"], "notice|consultation",
                             *(row.translation or ("", ""))])  # fmt: skip


def commons_import(data_dir: Path, path: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "COMMONS_DATA_DIR": str(data_dir), "COMMONS_ENV": "test"}
    command = [sys.executable, "-m", "app.cli", "import", str(path)]
    return subprocess.Popen(  # noqa: S603 - our own command, our own file
        command, env=env, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def saved_clauses(database: Path) -> int:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM clause").fetchone()[0])
    finally:
        connection.close()


def kill_once_rows_are_saved(process: subprocess.Popen[bytes], database: Path) -> int:
    """SIGKILL the import as soon as some rows are committed; how many were, at that moment."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if saved_clauses(database) > 0:
            process.send_signal(signal.SIGKILL)
            process.communicate(timeout=30)
            return saved_clauses(database)
        time.sleep(0.01)
    output, _ = process.communicate(timeout=30)
    raise AssertionError(f"the import ended before it could be killed: {output.decode()}")


def stored_rows(database: Path) -> list[Row]:
    """Every clause with its tags and translations, as the database holds them."""
    connection = sqlite3.connect(database)
    try:
        tags: dict[int, set[tuple[str, str]]] = {}
        for clause_id, facet, code in connection.execute(
            "SELECT clause_id, facet, code FROM clause_tag"
        ):
            tags.setdefault(clause_id, set()).add((facet, code))
        translations: dict[int, list[tuple[str, str]]] = {}
        for clause_id, language, title, text in connection.execute(
            "SELECT clause_id, language, title, text FROM translation"
        ):
            assert language == "fr"
            translations.setdefault(clause_id, []).append((title, text))
        clauses = connection.execute("SELECT id, external_id, title, text FROM clause").fetchall()
        orphans = (set(tags) | set(translations)) - {c[0] for c in clauses}
        assert not orphans, f"tags or translations of no clause: {sorted(orphans)[:5]}"
        rows = []
        for clause_id, external_id, title, text in clauses:
            french = translations.get(clause_id, [])
            assert len(french) <= 1, f"{external_id} has {len(french)} French translations"
            found = frozenset(tags.get(clause_id, ()))
            rows.append(Row(external_id, title, text, found, french[0] if french else None))
        return rows
    finally:
        connection.close()


def test_an_import_killed_half_way_completes_on_a_second_run_without_duplicates(
    tmp_path: Path,
) -> None:
    settings = Settings(env="test", data_dir=tmp_path / "data")
    migrate.upgrade(settings)
    database = tmp_path / "data" / "commons.sqlite3"
    rows = archive_rows()
    archive = tmp_path / "archive.csv"
    write_archive(archive, rows)

    saved_when_killed = kill_once_rows_are_saved(
        commons_import(settings.data_dir, archive), database
    )
    assert 0 < saved_when_killed < ROWS, "killed half-way, not before or after"
    assert integrity(database) == ["ok"]
    # What the killed run saved is whole rows only.
    partial = stored_rows(database)
    expected = {row.external_id: row for row in rows}
    assert all(expected[row.external_id] == row for row in partial)

    second = commons_import(settings.data_dir, archive)
    output, _ = second.communicate(timeout=600)
    assert second.returncode == 0, output.decode()

    stored = stored_rows(database)
    counts = Counter(row.external_id for row in stored)
    assert [i for i, n in counts.items() if n > 1] == []
    assert sorted(stored, key=lambda r: r.external_id) == sorted(rows, key=lambda r: r.external_id)
    assert integrity(database) == ["ok"]
