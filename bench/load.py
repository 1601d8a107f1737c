"""Load benchmark: the real service on a synthetic corpus, many clients on a realistic mix.

    .venv/bin/python -m bench.load --clauses 100000 --clients 50 --seconds 60
    .venv/bin/python -m bench.load --database-url postgresql+psycopg://postgres@127.0.0.1/commons_load

The mix: 80% searches with facets (short, long, misspelt and cut queries, half with filters),
15% clause pages (the API's `GET /api/v1/clauses/{id}`, one in five the web page), 5% writes by
contributors (new drafts, and edits of their own drafts), each client with its own key made
through the admin API. Readers are anonymous. Prints throughput, p50/p95/p99 per kind and overall,
and errors by status. `--database-url` names an empty database of the benchmark's own: its tables
are dropped and re-created. Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlmodel import col

from app import migrate
from app.clauses.models import Clause
from app.db import make_engine
from app.settings import Settings
from app.taxonomy.loader import load_taxonomy
from bench.corpus import make_query, synthetic_clauses
from bench.loader import load_corpus
from bench.search import percentile
from bench.service import (
    MemoryWatch,
    free_port,
    peak_rss_mb,
    service_env,
    start_service,
    translation,
    wait_until_indexed,
)

KINDS = ("search", "clause page", "write")
AFFILIATES = 10
SAMPLED_IDS = 5000


@dataclass
class Tally:
    """What one kind of request did: latencies of the answers as expected, and the rest."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)


@dataclass
class Contributor:
    key: str
    drafts: list[str] = field(default_factory=list)


class Client:
    """One reader who sometimes writes: a keep-alive connection and a seeded random mix."""

    def __init__(self, port: int, seed: int, page_ids: list[str], contributor: Contributor):
        self.port = port
        self.rng = random.Random(seed)
        self.page_ids = page_ids
        self.contributor = contributor
        self.payloads = list(islice(synthetic_clauses(50, seed=1000 + seed), 50))
        self.tallies: dict[str, Tally] = defaultdict(Tally)
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def run(self, until: float) -> None:
        while time.perf_counter() < until:
            roll = self.rng.random()
            if roll < 0.80:
                self._call("search", "GET", make_query(self.rng), 200)
            elif roll < 0.95:
                public_id = self.rng.choice(self.page_ids)
                web = self.rng.random() < 0.2
                path = f"/clauses/{public_id}" if web else f"/api/v1/clauses/{public_id}"
                self._call("clause page", "GET", path, 200)
            else:
                self._write()

    def _write(self) -> None:
        auth = {"Authorization": f"Bearer {self.contributor.key}"}
        drafts = self.contributor.drafts
        if drafts and self.rng.random() < 0.4:
            change = {"text": " ".join(self.rng.choice(self.payloads).text.split()[:120])}
            path = f"/api/v1/clauses/{self.rng.choice(drafts)}"
            self._call("write", "PATCH", path, 200, change, auth)
            return
        clause = self.rng.choice(self.payloads)
        body: dict[str, Any] = {
            "title": clause.title,
            "text": clause.text,
            "language": clause.language,
            "country": clause.country,
            "sector": clause.sector,
            "year": clause.year,
            "subthemes": clause.subthemes,
        }
        answer = self._call("write", "POST", "/api/v1/clauses", 201, body, auth)
        if answer is not None:
            drafts.append(answer["id"])

    def _call(
        self,
        kind: str,
        method: str,
        path: str,
        expected: int,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        headers = {**(headers or {}), "Content-Type": "application/json"} if body else headers
        payload = json.dumps(body) if body is not None else None
        tally = self.tallies[kind]
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=payload, headers=headers or {})
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException) as exc:
            tally.errors[type(exc).__name__] += 1
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            return None
        elapsed = time.perf_counter() - started
        if response.status != expected:
            tally.errors[str(response.status)] += 1
            return None
        tally.latencies.append(elapsed)
        return json.loads(content) if method != "GET" else None


def prepare_database(settings: Settings, clauses: int) -> tuple[float, list[str]]:
    """A migrated database with `clauses` published clauses; load seconds and a sample of ids."""
    if not settings.uses_sqlite:
        migrate.downgrade(settings, "base")  # the benchmark's own database: start empty
    migrate.upgrade(settings)
    engine = make_engine(settings)
    try:
        load_s = load_corpus(engine, load_taxonomy(settings.taxonomy_dir), clauses)
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                # The loader set ids itself: move the sequence past them for the API's inserts.
                connection.execute(
                    text("SELECT setval('clause_id_seq', (SELECT max(id) FROM clause))")
                )
            ids = list(connection.execute(select(col(Clause.public_id))).scalars())
    finally:
        engine.dispose()
    return load_s, random.Random(3).sample(ids, min(SAMPLED_IDS, len(ids)))


def admin_key(env: dict[str, str]) -> str:
    """An admin key, made with the command line as a secretariat would."""
    command = [sys.executable, "-m", "app.cli", "keys", "create", "--role", "admin"]
    done = subprocess.run(command, env={**os.environ, **env}, capture_output=True, check=True)
    return done.stdout.decode().strip().splitlines()[-1]


def post(port: int, path: str, body: dict[str, Any], key: str) -> Any:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    connection.request("POST", path, body=json.dumps(body), headers=headers)
    response = connection.getresponse()
    answer = json.loads(response.read())
    connection.close()
    if response.status != 201:
        raise RuntimeError(f"POST {path}: {response.status} {answer}")
    return answer


def contributors(port: int, key: str, count: int) -> list[Contributor]:
    """`AFFILIATES` affiliates and one contributor key per client, through the admin API."""
    names = [f"Load Test Public Services Union {n}" for n in range(AFFILIATES)]
    for name in names:
        post(port, "/api/v1/admin/affiliates", {"name": name, "country": "PH"}, key)
    made = []
    for n in range(count):
        body = {"role": "contributor", "affiliate": names[n % AFFILIATES], "label": f"load {n}"}
        made.append(Contributor(post(port, "/api/v1/admin/keys", body, key)["key"]))
    return made


def report(tallies: list[dict[str, Tally]], seconds: float) -> None:
    merged: dict[str, Tally] = defaultdict(Tally)
    for client in tallies:
        for kind, tally in client.items():
            merged[kind].latencies += tally.latencies
            merged[kind].errors.update(tally.errors)
            merged["overall"].latencies += tally.latencies
            merged["overall"].errors.update(tally.errors)
    print(f"{'kind':<12} {'ok':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  errors")
    for kind in (*KINDS, "overall"):
        tally = merged[kind]
        count = len(tally.latencies)
        errors = ", ".join(f"{status}×{n}" for status, n in sorted(tally.errors.items())) or "0"
        if count < 2:
            print(f"{kind:<12} {count:>7} {'-':>7} {'-':>8} {'-':>8} {'-':>8}  {errors}")
            continue
        p50, p95, p99 = (percentile(tally.latencies, p) for p in (50, 95, 99))
        rate = count / seconds
        print(f"{kind:<12} {count:>7} {rate:>7.1f} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f}  {errors}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clauses", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--database-url", default="", help="Default: SQLite in a temporary folder")
    parser.add_argument(
        "--workers", default="auto", help="COMMONS_WORKERS of the service (as make run: auto)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="commons-load-") as data_dir:
        settings = Settings(data_dir=Path(data_dir), database_url=args.database_url)
        load_s, page_ids = prepare_database(settings, args.clauses)
        env = service_env(
            data_dir, COMMONS_DATABASE_URL=args.database_url, COMMONS_WORKERS=str(args.workers)
        )
        key = admin_key(env)
        port = free_port()
        service = start_service(env, port)
        memory = MemoryWatch(service.pid)
        try:
            build_s = wait_until_indexed(port, args.clauses, limit_s=1800)
            keys = contributors(port, key, args.clients)
            busy = os.getloadavg()[0]  # other work on the machine skews every figure below
            clients = [Client(port, n, page_ids, keys[n]) for n in range(args.clients)]
            until = time.perf_counter() + args.seconds
            threads = [threading.Thread(target=c.run, args=(until,)) for c in clients]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            rss = peak_rss_mb(service.pid)
            pss = memory.stop()
        finally:
            service.terminate()
            service.wait(timeout=60)

    database = "PostgreSQL" if args.database_url else "SQLite (embedded default)"
    print(f"when               {datetime.now().isoformat(timespec='minutes')}")
    print(f"machine            {os.cpu_count()} CPUs, load average {busy:.1f} before the run")
    print(f"database           {database}, built-in search engine")
    print(f"clauses            {args.clauses} (loaded in {load_s:.1f} s)")
    print(f"index build        {build_s:.1f} s (service start until search ready)")
    print(f"load               {args.clients} clients for {args.seconds:.0f} s")
    print(f"translation        {translation(env)}")
    workers = Settings(workers=args.workers).worker_count
    print(f"workers            {args.workers} ({workers} processes serving)")
    print(f"service peak RSS   {rss:.0f} MiB (its first process)")
    print(f"service peak PSS   {pss:.0f} MiB (all its processes, sampled every 0.5 s)")
    report([c.tallies for c in clients], args.seconds)


if __name__ == "__main__":
    main()
