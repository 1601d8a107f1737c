"""Put a synthetic corpus straight into a migrated database as published clauses, in bulk."""

from __future__ import annotations

import time
from itertools import islice

from sqlalchemy import insert
from sqlalchemy.engine import Engine

from app.clauses.hashing import content_hash, new_public_id
from app.clauses.models import Clause, ClauseTag, Translation, utcnow
from app.taxonomy.model import Taxonomy
from bench.workloads import WORKLOADS

BATCH = 2000


def load_corpus(
    engine: Engine, taxonomy: Taxonomy, count: int, seed: int = 7, corpus: str = "realistic"
) -> float:
    """Insert `count` published clauses of a corpus (bench.workloads); returns the seconds it
    took."""
    started = time.perf_counter()
    clauses = WORKLOADS[corpus].clauses(count, seed)
    next_id = 1
    while batch := list(islice(clauses, BATCH)):
        rows, tags, translations = [], [], []
        now = utcnow()
        for offset, clause in enumerate(batch):
            row_id = next_id + offset
            rows.append(
                {
                    "id": row_id,
                    "public_id": new_public_id(),
                    "source": "bench",
                    "external_id": clause.external_id,
                    "title": clause.title,
                    "text": clause.text,
                    "language": clause.language,
                    "kind": clause.kind,
                    "status": "published",
                    "visibility": "public",
                    "country": clause.country,
                    "region": taxonomy.region_of(clause.country),
                    "sector": clause.sector,
                    "unions": [],
                    "tags": [],
                    "year": clause.year,
                    "licence": "CC-BY-4.0",
                    "content_hash": content_hash(clause.title, clause.text),
                    "created_at": now,
                    "updated_at": now,
                    "published_at": now,
                }
            )
            tags += [
                {"clause_id": row_id, "facet": "subtheme", "code": c} for c in clause.subthemes
            ]
            translations += [
                {
                    "clause_id": row_id,
                    "language": lang,
                    "title": title,
                    "text": text,
                    "kind": "machine",
                }
                for lang, title, text in clause.translations
            ]
        with engine.begin() as connection:
            connection.execute(insert(Clause), rows)
            connection.execute(insert(ClauseTag), tags)
            if translations:
                connection.execute(insert(Translation), translations)
        next_id += len(batch)
    return time.perf_counter() - started
