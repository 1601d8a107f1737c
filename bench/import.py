"""Import benchmark: a generated CSV of N rows, imported on the embedded default, then indexed.

    .venv/bin/python -m bench.import --rows 100000

Prints rows per second, wall time, the process's peak memory, and the time until every row is
searchable (outbox drained into the built-in engine). Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import resource
import tempfile
import time
from pathlib import Path

from app import migrate
from app.affiliates.keys import Caller
from app.affiliates.models import Role
from app.db import make_engine, session_for
from app.imports.documents.agreement import AgreementMeta
from app.imports.runner import run_import
from app.imports.sources import file_rows
from app.search.builtin.engine import BuiltinSearchBackend
from app.search.contract import SearchQuery
from app.search.indexer import Indexer
from app.settings import Settings
from app.taxonomy.loader import load_taxonomy
from bench.corpus import synthetic_clauses


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "title", "text", "language", "country", "sector", "year",
                         "subthemes", "kind", "title_en", "text_en"])  # fmt: skip
        for clause in synthetic_clauses(rows, seed=11):
            english = clause.translations[0] if clause.translations else ("", "", "")
            writer.writerow([clause.external_id, clause.title, clause.text, clause.language,
                             clause.country, clause.sector, clause.year, "|".join(clause.subthemes),
                             clause.kind, english[1], english[2]])  # fmt: skip


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="commons-import-") as folder:
        settings = Settings(data_dir=Path(folder))
        migrate.upgrade(settings)
        taxonomy = load_taxonomy(settings.taxonomy_dir)
        source = Path(folder) / "archive.csv"
        write_csv(source, args.rows)
        before = peak_mib()
        started = time.perf_counter()
        with (
            session_for(settings) as session,
            file_rows(source, "csv", AgreementMeta(), taxonomy) as rows,
        ):
            report = run_import(session, taxonomy, Caller(role=Role.admin), rows.rows,
                                source="bench", publish=True)  # fmt: skip
        imported_s = time.perf_counter() - started
        engine = make_engine(settings)
        backend = BuiltinSearchBackend()
        indexer = Indexer(engine, backend, taxonomy, batch=settings.outbox_batch)
        indexer.drain()
        searchable_s = time.perf_counter() - started
        found = backend.search(SearchQuery(q="")).total
        engine.dispose()
    print(f"rows               {args.rows} (created {report.created}, rejected {report.rejected})")
    print(f"import wall time   {imported_s:.1f} s")
    print(f"import rate        {args.rows / imported_s:.0f} rows/s")
    print(f"all searchable     {searchable_s:.1f} s after the start ({found} documents)")
    print(f"overall rate       {args.rows / searchable_s:.0f} rows/s with indexing")
    print(f"peak memory        {peak_mib():.0f} MiB (before import {before:.0f} MiB)")


if __name__ == "__main__":
    main()
