"""How many processes serve: one per usable core unless COMMONS_WORKERS says otherwise."""

from __future__ import annotations

import os
from typing import Any

import pytest
from typer.testing import CliRunner

from app import cli, settings
from app.settings import Settings


def test_auto_is_the_default_and_counts_the_cores_this_process_may_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("COMMONS_WORKERS", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2})
    assert Settings().workers == "auto"
    assert Settings().worker_count == 3
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(64)))
    assert Settings().worker_count == 32


def test_a_number_is_kept_and_nonsense_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMONS_WORKERS", "1")
    assert Settings().worker_count == 1
    monkeypatch.setenv("COMMONS_WORKERS", "auto")
    assert Settings().worker_count == settings.usable_cores()
    for wrong in ("0", "33", "many"):
        monkeypatch.setenv("COMMONS_WORKERS", wrong)
        with pytest.raises(ValueError, match="workers"):
            Settings()


CASES = [(2, [], 2), (2, ["--workers", "1"], 1), (1, [], 1), (4, ["--workers", "3"], 3)]


@pytest.mark.parametrize(("cores", "option", "expected"), CASES)
def test_serve_runs_one_process_or_the_supervisor(
    monkeypatch: pytest.MonkeyPatch, cores: int, option: list[str], expected: int
) -> None:
    import uvicorn

    from app.serving import supervisor

    ran: dict[str, Any] = {}
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cores)))
    monkeypatch.setattr(cli, "get_settings", lambda: Settings(env="test"))
    monkeypatch.setattr(uvicorn, "run", lambda _app, **_options: ran.update(count=1))
    monkeypatch.setattr(
        supervisor, "serve_workers", lambda _s, _host, _port, count: ran.update(count=count)
    )
    result = CliRunner().invoke(cli.app, ["serve", *option])
    assert result.exit_code == 0, result.output
    assert ran == {"count": expected}
