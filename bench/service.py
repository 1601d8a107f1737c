"""Start the real service in a subprocess for a benchmark, and read its memory."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from app.settings import Settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def add_workers_option(parser: argparse.ArgumentParser) -> None:
    """--workers: COMMONS_WORKERS of the benchmarked service, `auto` as `make run`."""
    parser.add_argument(
        "--workers", default="auto", help="COMMONS_WORKERS of the service (as make run: auto)"
    )


def serving(workers: str) -> str:
    """How many processes serve with COMMONS_WORKERS=`workers`, for a report."""
    return f"{workers} ({Settings(workers=workers).worker_count} processes serving)"


def service_env(data_dir: str, **more: str) -> dict[str, str]:
    """The environment of a benchmarked service: its own data folder, warnings only, and the
    translation lexicon `make lexicon` built in this checkout (as `make run` serves), if any."""
    env = {"COMMONS_DATA_DIR": data_dir, "COMMONS_LOG_LEVEL": "warning", **more}
    lexicon = Settings().lexicon_file
    if lexicon.exists():
        env["COMMONS_LEXICON_PATH"] = str(lexicon.resolve())
    return env


def translation(env: dict[str, str]) -> str:
    """How the benchmark's service translates, for its report."""
    lexicon = env.get("COMMONS_LEXICON_PATH")
    return f"on ({lexicon})" if lexicon else "off (no lexicon: make lexicon)"


def start_service(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port)]
    return subprocess.Popen(command, env={**os.environ, **env}, stderr=subprocess.DEVNULL)


def get_json(url: str, timeout: float = 10) -> Any:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


def wait_until_indexed(port: int, expected: int, limit_s: float = 600) -> float:
    """Seconds from now until /health/ready says search is ok with `expected` documents."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit_s:
        try:
            search = get_json(f"http://127.0.0.1:{port}/health/ready")["search"]
            if search["status"] == "ok" and search["documents"] == expected:
                return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"the service did not index {expected} documents in {limit_s} s")


def _tree(pid: int) -> list[int]:
    """A process and its descendants (the supervisor and its workers)."""
    found = [pid]
    for at in found:
        with contextlib.suppress(OSError):
            found += [int(p) for p in Path(f"/proc/{at}/task/{at}/children").read_text().split()]
    return found


def pss_mb(pid: int) -> float:
    """Proportional set size of a process and its descendants, in MiB: pages shared between
    them (a forked index) are counted once in all, not once per process as RSS would."""
    total = 0
    for member in _tree(pid):
        try:
            rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
        except OSError:
            continue  # it ended meanwhile
        total += sum(
            int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")
        )
    return total / 1024


class MemoryWatch:
    """Samples pss_mb(pid) twice a second in a thread; `peak` is the largest sample."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, pss_mb(self.pid))
            self._stop.wait(0.5)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, pss_mb(self.pid))
        return self.peak


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")
