"""The built-in engine alone: N synthetic clauses, the search mix, one thread, in-process.

    PYTHONPATH=. .venv/bin/python -m bench.engine --clauses 100000
    PYTHONPATH=. .venv/bin/python -m bench.engine --clauses 100000 --corpus worst

The corpus and queries of bench.search (as the API makes them: page 1 of 20, facets); each
query runs with the engine's remembered answers and terms dropped first, and, with the
lexicon, its remembered translations too. Prints the build time, peak memory and latency
percentiles, without and with the translation lexicon (when `commons lexicon build` made one).
Not a test.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlmodel import Session

from app import migrate
from app.db import make_engine
from app.search.builtin import BuiltinSearchBackend
from app.search.dictionaries.lexicon import open_lexicon
from app.search.documents import published_documents
from app.settings import Settings
from app.taxonomy.loader import load_taxonomy
from bench.fts5 import cold, peak_mib, race, timed, workload
from bench.loader import load_corpus


def main() -> None:
    args, queries = workload(__doc__)
    lexicon = open_lexicon(Settings().lexicon_file)
    with tempfile.TemporaryDirectory(prefix="commons-engine-") as name:
        settings = Settings(data_dir=Path(name))
        migrate.upgrade(settings)
        database = make_engine(settings)
        taxonomy = load_taxonomy(settings.taxonomy_dir)
        load_corpus(database, taxonomy, args.clauses, corpus=args.corpus)
        engine = BuiltinSearchBackend(lexicon)
        build_s = timed(lambda: engine.rebuild(published_documents(Session(database), taxonomy)))
        database.dispose()
    peak = peak_mib()
    print(
        f"{args.clauses} clauses ({args.corpus}): build {build_s:.1f} s (reading included), "
        f"peak {peak:.0f} MiB"
    )
    print(f"{'one thread, in-process, ms':<48}{'p50':>8}{'p95':>8}{'p99':>8}  mean total  no hit")
    engine.lexicon = None
    print(race("no lexicon, caches emptied", lambda q: cold(engine, q), queries)[0])
    if lexicon is None:
        print("no lexicon built: `commons lexicon build`")
        return
    engine.lexicon = lexicon
    print(race("with the lexicon, caches emptied", lambda q: cold(engine, q), queries)[0])


if __name__ == "__main__":
    main()
