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

from app import migrate
from app.db import make_engine
from app.settings import Settings
from app.taxonomy.loader import load_taxonomy
from bench.loader import load_corpus
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
from bench.workloads import WORKLOADS, add_corpus_option


def client(
    port: int, until: float, seed: int, corpus: str, latencies: list[float], errors: list[str]
) -> None:
    rng = random.Random(seed)
    make_query = WORKLOADS[corpus].query
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
    add_workers_option(parser)
    add_corpus_option(parser)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="commons-bench-") as data_dir:
        settings = Settings(data_dir=Path(data_dir))
        migrate.upgrade(settings)
        engine = make_engine(settings)
        load_s = load_corpus(
            engine, load_taxonomy(settings.taxonomy_dir), args.clauses, corpus=args.corpus
        )
        engine.dispose()
        port = free_port()
        env = service_env(data_dir, COMMONS_WORKERS=str(args.workers))
        service = start_service(env, port)
        memory = MemoryWatch(service.pid)
        try:
            build_s = wait_until_indexed(port, args.clauses)
            latencies: list[float] = []
            errors: list[str] = []
            until = time.perf_counter() + args.seconds
            threads = [
                threading.Thread(
                    target=client, args=(port, until, n, args.corpus, latencies, errors)
                )
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

    print(f"clauses            {args.clauses} ({args.corpus})")
    print(f"database load      {load_s:.1f} s")
    print(f"index build        {build_s:.1f} s (service start until search ready)")
    print(f"requests           {len(latencies)} in {args.seconds:.0f} s, {args.clients} clients")
    print(f"throughput         {len(latencies) / args.seconds:.1f} req/s")
    print(f"latency p50        {percentile(latencies, 50):.1f} ms")
    print(f"latency p95        {percentile(latencies, 95):.1f} ms")
    print(f"latency p99        {percentile(latencies, 99):.1f} ms")
    print(f"errors             {len(errors)}")
    print(f"workers            {serving(args.workers)}")
    print(f"translation        {translation(env)}")
    print(f"service peak RSS   {rss:.0f} MiB (its first process)")
    print(f"service peak PSS   {pss:.0f} MiB (all its processes, sampled every 0.5 s)")
    for error in errors[:5]:
        print(f"  {error}")


if __name__ == "__main__":
    main()
