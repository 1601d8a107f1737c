"""Start the real service in a subprocess for a benchmark, and read its memory."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


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


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")
