"""Load benchmark: the real service on a synthetic corpus, many clients on a realistic mix.

    .venv/bin/python -m bench.load --clauses 100000 --clients 50 --seconds 60
    .venv/bin/python -m bench.load --database-url postgresql+psycopg://postgres@127.0.0.1/commons_load
    .venv/bin/python -m bench.load --mix publish --corpus worst

The browse mix (the default): 80% searches with facets (short, long, misspelt and cut queries,
half with filters), 15% clause pages (the API's `GET /api/v1/clauses/{id}`, one in five the web
page), 5% writes by contributors (new drafts, and edits of their own drafts). The publish mix
(`--mix publish`): 90% searches, 10% writes: new drafts, edits of drafts, and drafts submitted
by their contributor and published by a moderator, each published clause then searched for
until it is found (bench/visibility.py). Each client has its own key, made through the admin
API; readers are anonymous. `--corpus worst` loads the worst-case corpus and searches with its
query mix. Prints throughput, p50/p95/p99 per kind and overall, errors by status, and with the
publish mix how long published clauses took to be found. `--database-url` names an empty
database of the benchmark's own: its tables are dropped and re-created. Not a test: it asserts
nothing.
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
from bench.corpus import synthetic_clauses
from bench.loader import load_corpus
from bench.search import percentile
from bench.service import (
    MemoryWatch,
    add_workers_option,
    free_port,
    peak_rss_mb,
    service_env,
    serving,
    start_service,
    translation,
    wait_until_indexed,
)
from bench.visibility import WAIT_S, Visibility, Watcher, marker
from bench.workloads import WORKLOADS, add_corpus_option

KINDS = ("search", "clause page", "write", "create", "edit", "publish")
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

    def __init__(
        self, port: int, seed: int, page_ids: list[str], contributor: Contributor, corpus: str
    ) -> None:
        self.port = port
        self.seed = seed
        self.make_query = WORKLOADS[corpus].query
        self.rng = random.Random(seed)
        self.page_ids = page_ids
        self.contributor = contributor
        self.payloads = list(islice(synthetic_clauses(50, seed=1000 + seed), 50))
        self.tallies: dict[str, Tally] = defaultdict(Tally)
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    @property
    def auth(self) -> dict[str, str]:
        """The contributor's key, as a request header."""
        return {"Authorization": f"Bearer {self.contributor.key}"}

    def run(self, until: float) -> None:
        while time.perf_counter() < until:
            roll = self.rng.random()
            if roll < 0.80:
                self._call("search", "GET", self.make_query(self.rng), 200)
            elif roll < 0.95:
                public_id = self.rng.choice(self.page_ids)
                web = self.rng.random() < 0.2
                path = f"/clauses/{public_id}" if web else f"/api/v1/clauses/{public_id}"
                self._call("clause page", "GET", path, 200)
            else:
                self._write()

    def _write(self) -> None:
        auth = self.auth
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


class Publisher(Client):
    """The publish mix: a reader who searches, and one write in ten: a new draft, an edit of
    a draft, or a draft submitted and published (by `moderator`), then watched until found."""

    def __init__(self, *args: Any, moderator: str, watcher: Watcher, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.moderator = {"Authorization": f"Bearer {moderator}"}
        self.watcher = watcher
        self.markers: dict[str, str] = {}  # draft id -> its own word
        self.made = 0

    def run(self, until: float) -> None:
        while time.perf_counter() < until:
            if self.rng.random() < 0.9:
                self._call("search", "GET", self.make_query(self.rng), 200)
                continue
            drafts = self.contributor.drafts
            roll = self.rng.random()
            if drafts and roll < 0.3:
                self._edit(self.rng.choice(drafts))
            elif drafts and roll < 0.6:
                self._publish(drafts.pop(self.rng.randrange(len(drafts))))
            else:
                self._create()

    def _text(self, word: str) -> str:
        words = self.rng.choice(self.payloads).text.split()[:100]
        return " ".join([*words[:50], word, *words[50:]])

    def _create(self) -> None:
        word = marker(self.seed * 1_000_000 + self.made)
        self.made += 1
        clause = self.rng.choice(self.payloads)
        body = {
            "title": clause.title,
            "text": self._text(word),
            "language": clause.language,
            "country": clause.country,
            "year": clause.year,
            "subthemes": clause.subthemes,
        }
        answer = self._call("create", "POST", "/api/v1/clauses", 201, body, self.auth)
        if answer is not None:
            self.contributor.drafts.append(answer["id"])
            self.markers[answer["id"]] = word

    def _edit(self, clause_id: str) -> None:
        change = {"text": self._text(self.markers[clause_id])}
        self._call("edit", "PATCH", f"/api/v1/clauses/{clause_id}", 200, change, self.auth)

    def _publish(self, clause_id: str) -> None:
        """Submit (the contributor) and publish (the moderator): one write, timed as one, its
        steps' errors counted as the publish's whether it got through or not."""
        path = f"/api/v1/clauses/{clause_id}"
        started = time.perf_counter()
        try:
            if self._call("submit", "POST", f"{path}/submit", 200, None, self.auth) is None:
                return
            published = self._call(
                "publish step", "POST", f"{path}/publish", 200, None, self.moderator
            )
            if published is not None:
                self.watcher.expect(clause_id, self.markers[clause_id])
                self.tallies["publish"].latencies.append(time.perf_counter() - started)
        finally:
            for step in ("submit", "publish step"):
                if step in self.tallies:
                    self.tallies["publish"].errors.update(self.tallies.pop(step).errors)


def prepare_database(settings: Settings, clauses: int, corpus: str) -> tuple[float, list[str]]:
    """A migrated database with `clauses` published clauses; load seconds and a sample of ids."""
    if not settings.uses_sqlite:
        migrate.downgrade(settings, "base")  # the benchmark's own database: start empty
    migrate.upgrade(settings)
    engine = make_engine(settings)
    try:
        load_s = load_corpus(engine, load_taxonomy(settings.taxonomy_dir), clauses, corpus=corpus)
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
        if not count and not tally.errors:
            continue  # a kind this mix does not make
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
    add_workers_option(parser)
    parser.add_argument("--mix", choices=("browse", "publish"), default="browse")
    add_corpus_option(parser)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="commons-load-") as data_dir:
        settings = Settings(data_dir=Path(data_dir), database_url=args.database_url)
        load_s, page_ids = prepare_database(settings, args.clauses, args.corpus)
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
            watcher = Watcher(port)
            clients = make_clients(args, port, page_ids, keys, key, watcher)
            until = time.perf_counter() + args.seconds
            threads = [threading.Thread(target=c.run, args=(until,)) for c in clients]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            visibility = watcher.finish()
            rss = peak_rss_mb(service.pid)
            pss = memory.stop()
        finally:
            service.terminate()
            service.wait(timeout=60)

    database = "PostgreSQL" if args.database_url else "SQLite (embedded default)"
    print(f"when               {datetime.now().isoformat(timespec='minutes')}")
    print(f"machine            {os.cpu_count()} CPUs, load average {busy:.1f} before the run")
    print(f"database           {database}, built-in search engine")
    print(f"clauses            {args.clauses} {args.corpus} (loaded in {load_s:.1f} s)")
    print(f"mix                {args.mix}")
    print(f"index build        {build_s:.1f} s (service start until search ready)")
    print(f"load               {args.clients} clients for {args.seconds:.0f} s")
    print(f"translation        {translation(env)}")
    print(f"workers            {serving(args.workers)}")
    print(f"service peak RSS   {rss:.0f} MiB (its first process)")
    print(f"service peak PSS   {pss:.0f} MiB (all its processes, sampled every 0.5 s)")
    report([c.tallies for c in clients], args.seconds)
    if args.mix == "publish":
        report_visibility(visibility)


def make_clients(
    args: argparse.Namespace,
    port: int,
    page_ids: list[str],
    keys: list[Contributor],
    moderator: str,
    watcher: Watcher,
) -> list[Client]:
    if args.mix == "browse":
        return [Client(port, n, page_ids, keys[n], args.corpus) for n in range(args.clients)]
    return [
        Publisher(port, n, page_ids, keys[n], args.corpus, moderator=moderator, watcher=watcher)
        for n in range(args.clients)
    ]


def report_visibility(visibility: Visibility) -> None:
    delays = visibility.delays
    found = len(delays)
    late = sum(1 for delay in delays if delay > 2)
    print(f"published clauses  {found + visibility.never} searched for until found")
    if found >= 2:
        p50, p95 = percentile(delays, 50), percentile(delays, 95)
        worst = max(delays) * 1000
        print(f"found after        p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {worst:.0f} ms")
    print(f"later than 2 s     {late}; never found (within {WAIT_S:.0f} s) {visibility.never}")


if __name__ == "__main__":
    main()
