"""Search benchmark: a synthetic corpus of N clauses, the real HTTP service, 16 concurrent clients.

    .venv/bin/python -m bench.search --clauses 100000 --seconds 30

Prints load time, index build time, latency percentiles, throughput, errors and the service's
peak memory. Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from app import migrate
from app.db import make_engine
from app.settings import Settings
from app.taxonomy.loader import load_taxonomy
from bench.corpus import COUNTRIES, TOPICS
from bench.loader import load_corpus
from bench.service import (
    MemoryWatch,
    free_port,
    peak_rss_mb,
    start_service,
    wait_until_indexed,
)

LONG_QUERIES = [
    "right to disconnect from work email in the evening",
    "notice before new monitoring software is introduced",
    "human review of automated decisions on scheduling",
    "paid time for retraining when new systems arrive",
    "derecho a la desconexión fuera del horario",
    "droit à la déconnexion en dehors des heures",
    "つながらない権利",
]


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :]


def make_query(rng: random.Random) -> str:
    """One request of the mix: short, long, typo'd, prefix; half with filters; facets always."""
    words = [w for langs in TOPICS.values() for ws in langs.values() for w in ws]
    roll = rng.random()
    if roll < 0.35:
        q = rng.choice(words)
    elif roll < 0.55:
        q = rng.choice(LONG_QUERIES)
    elif roll < 0.75:
        q = typo(rng.choice(words), rng)
    elif roll < 0.9:
        q = " ".join(rng.sample(words, 2))[:-2]  # search as you type: a cut last word
    else:
        q = ""
    params: list[tuple[str, str]] = [("q", q)]
    if rng.random() < 0.5:
        params.append(("country", rng.choice(COUNTRIES)))
    if rng.random() < 0.3:
        params.append(("theme", rng.choice(["3", "4", "5", "6", "7"])))
    if rng.random() < 0.2:
        params += [("year_from", "2015"), ("year_to", "2022")]
    return "/api/v1/search?" + urlencode(params)


def client(port: int, until: float, seed: int, latencies: list[float], errors: list[str]) -> None:
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.perf_counter() < until:
        path = make_query(rng)
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{response.status} {path}")
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{type(exc).__name__} {path}")
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clauses", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=1, help="COMMONS_WORKERS of the service")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="commons-bench-") as data_dir:
        settings = Settings(data_dir=Path(data_dir))
        migrate.upgrade(settings)
        engine = make_engine(settings)
        load_s = load_corpus(engine, load_taxonomy(settings.taxonomy_dir), args.clauses)
        engine.dispose()
        port = free_port()
        env = {"COMMONS_DATA_DIR": data_dir, "COMMONS_LOG_LEVEL": "warning"}
        service = start_service({**env, "COMMONS_WORKERS": str(args.workers)}, port)
        memory = MemoryWatch(service.pid)
        try:
            build_s = wait_until_indexed(port, args.clauses)
            latencies: list[float] = []
            errors: list[str] = []
            until = time.perf_counter() + args.seconds
            threads = [
                threading.Thread(target=client, args=(port, until, n, latencies, errors))
                for n in range(args.clients)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            rss = peak_rss_mb(service.pid)
            pss = memory.stop()
        finally:
            service.terminate()
            service.wait(timeout=30)

    print(f"clauses            {args.clauses}")
    print(f"database load      {load_s:.1f} s")
    print(f"index build        {build_s:.1f} s (service start until search ready)")
    print(f"requests           {len(latencies)} in {args.seconds:.0f} s, {args.clients} clients")
    print(f"throughput         {len(latencies) / args.seconds:.1f} req/s")
    print(f"latency p50        {percentile(latencies, 50):.1f} ms")
    print(f"latency p95        {percentile(latencies, 95):.1f} ms")
    print(f"latency p99        {percentile(latencies, 99):.1f} ms")
    print(f"errors             {len(errors)}")
    print(f"workers            {args.workers}")
    print(f"service peak RSS   {rss:.0f} MiB (its first process)")
    print(f"service peak PSS   {pss:.0f} MiB (all its processes, sampled every 0.5 s)")
    for error in errors[:5]:
        print(f"  {error}")


if __name__ == "__main__":
    main()
