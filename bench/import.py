"""Import benchmark: a generated CSV of N rows, imported on the embedded default, then indexed.

    .venv/bin/python -m bench.import --rows 100000            # import, then index: the split
    .venv/bin/python -m bench.import --rows 100000 --service  # as deployed: import beside serve
    .venv/bin/python -m bench.import --rows 100000 --service --corpus worst

Imports as the secretariat with `--publish` (every row becomes searchable). By default the
search outbox is then applied to a built-in engine in this process, as the service's indexer
does, so that database writes and indexing are timed apart: rows per second of each, wall and
CPU time, the part of indexing spent building documents from the database and the part spent
in the engine, and the peak memory after each. With `--service`, `commons serve` runs on the
same database while the import runs in this process (two processes, as `commons import` beside
a running service), and the time until all rows are searchable is read from /health/ready.
CPU time is printed because the machine may be shared: wall time counts other programs' turns
too. Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import resource
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import migrate
from app.affiliates.keys import Caller
from app.affiliates.models import Role
from app.db import make_engine, session_for
from app.imports.documents.agreement import AgreementMeta
from app.imports.model import ImportReport
from app.imports.runner import BATCH_SIZE, run_import
from app.imports.sources import file_rows
from app.search.builtin.engine import BuiltinSearchBackend
from app.search.contract import SearchQuery
from app.search.indexer import Indexer
from app.settings import Settings
from app.taxonomy.loader import load_taxonomy
from bench.service import free_port, peak_rss_mb, service_env, start_service, wait_until_indexed
from bench.workloads import WORKLOADS, add_corpus_option


@dataclass
class Timing:
    wall_s: float = 0.0
    cpu_s: float = 0.0


@contextmanager
def timed() -> Iterator[Timing]:
    timing = Timing()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield timing
    finally:
        timing.wall_s = time.perf_counter() - wall
        timing.cpu_s = time.process_time() - cpu


class TimedEngine(BuiltinSearchBackend):
    """The built-in engine, counting the time spent inside its upserts."""

    def __init__(self) -> None:
        super().__init__()
        self.upsert_time = Timing()

    def upsert(self, documents: list[dict[str, Any]]) -> None:
        with timed() as spent:
            super().upsert(documents)
        self.upsert_time.wall_s += spent.wall_s
        self.upsert_time.cpu_s += spent.cpu_s


def write_csv(path: Path, rows: int, corpus: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "title", "text", "language", "country", "sector", "year",
                         "subthemes", "kind", "title_en", "text_en"])  # fmt: skip
        for clause in WORKLOADS[corpus].clauses(rows, 11):
            english = clause.translations[0] if clause.translations else ("", "", "")
            writer.writerow([clause.external_id, clause.title, clause.text, clause.language,
                             clause.country, clause.sector, clause.year, "|".join(clause.subthemes),
                             clause.kind, english[1], english[2]])  # fmt: skip


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def import_file(settings: Settings, source: Path, batch_size: int) -> tuple[ImportReport, Timing]:
    taxonomy = load_taxonomy(settings.taxonomy_dir)
    with (
        timed() as spent,
        session_for(settings) as session,
        file_rows(source, "csv", AgreementMeta(), taxonomy) as rows,
    ):
        report = run_import(session, taxonomy, Caller(role=Role.admin), rows.rows,
                            source="bench", publish=True, batch_size=batch_size)  # fmt: skip
    return report, spent


def index_outbox(settings: Settings, batch: int) -> tuple[int, Timing, Timing]:
    """Drain the outbox into a fresh built-in engine; documents found, total and engine time."""
    engine = make_engine(settings)
    backend = TimedEngine()
    indexer = Indexer(engine, backend, load_taxonomy(settings.taxonomy_dir), batch=batch)
    with timed() as spent:
        indexer.drain()
    found = backend.search(SearchQuery(q="")).total
    engine.dispose()
    return found, spent, backend.upsert_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=BATCH_SIZE, help="rows per transaction")
    parser.add_argument("--service", action="store_true", help="index in a running service")
    add_corpus_option(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="commons-import-") as folder:
        settings = Settings(data_dir=Path(folder))
        migrate.upgrade(settings)
        source = Path(folder) / "archive.csv"
        write_csv(source, args.rows, args.corpus)
        if args.service:
            beside_service(settings, source, args.rows, args.batch)
        else:
            import_then_index(settings, source, args.rows, args.batch)


def import_then_index(settings: Settings, source: Path, rows: int, batch: int) -> None:
    before = peak_mib()
    report, imported = import_file(settings, source, batch)
    after_import = peak_mib()
    _counts(report, rows, batch)
    print(f"import (DB writes)   {_figures(imported)} -> {rows / imported.wall_s:.0f} rows/s, "
          f"peak memory {after_import:.0f} MiB", flush=True)  # fmt: skip
    found, indexed, engine_time = index_outbox(settings, settings.outbox_batch)
    total_s = imported.wall_s + indexed.wall_s
    building = Timing(indexed.wall_s - engine_time.wall_s, indexed.cpu_s - engine_time.cpu_s)
    print(f"  until searchable   {_figures(indexed)} more ({found} documents)")
    print(f"    documents built  {_figures(building)} (outbox and clauses read, documents built)")
    print(f"    engine upserts   {_figures(engine_time)} (app/search/builtin)")
    print(f"with indexing        {total_s:.1f} s wall -> {rows / total_s:.0f} rows/s")
    print(f"peak memory          {after_import:.0f} MiB after the import, {peak_mib():.0f} MiB "
          f"after indexing (before the import {before:.0f} MiB)")  # fmt: skip


def beside_service(settings: Settings, source: Path, rows: int, batch: int) -> None:
    port = free_port()
    env = service_env(str(settings.data_dir))  # as make run: auto workers, the lexicon
    service = start_service(env, port)
    try:
        wait_until_indexed(port, 0)
        before = peak_mib()
        report, imported = import_file(settings, source, batch)
        waited_s = wait_until_indexed(port, rows, limit_s=3600)
        service_mib = peak_rss_mb(service.pid)
    finally:
        service.terminate()
        service.wait(timeout=30)
    total_s = imported.wall_s + waited_s
    _counts(report, rows, batch)
    print(f"import (DB writes)   {_figures(imported)} -> {rows / imported.wall_s:.0f} rows/s, "
          "while the service indexed")  # fmt: skip
    print(f"all searchable       {total_s:.1f} s after the start ({waited_s:.1f} s after the "
          f"import) -> {rows / total_s:.0f} rows/s with indexing")  # fmt: skip
    print(f"peak memory          import {peak_mib():.0f} MiB (before {before:.0f} MiB), "
          f"service {service_mib:.0f} MiB")  # fmt: skip


def _counts(report: ImportReport, rows: int, batch: int) -> None:
    print(f"rows                 {rows} (created {report.created}, "
          f"rejected {report.rejected}; batches of {batch})", flush=True)  # fmt: skip


def _figures(timing: Timing) -> str:
    return f"{timing.wall_s:6.1f} s wall, {timing.cpu_s:6.1f} s CPU"


if __name__ == "__main__":
    main()
