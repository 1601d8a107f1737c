"""The service runs on uvicorn's C HTTP parser and event loop, which uvicorn takes only when
they are installed: without them it falls back to h11 and asyncio, at about half the requests
per second (README, Serving), and says nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path

import uvicorn
import uvloop

from app.main import create_app
from app.settings import Settings


def test_uvicorn_picks_httptools_and_uvloop_as_commons_serve_configures_it(
    tmp_path: Path,
) -> None:
    app = create_app(Settings(data_dir=tmp_path), run_workers=False)
    config = uvicorn.Config(app, access_log=False)
    config.load()
    assert config.http_protocol_class.__name__ == "HttpToolsProtocol"
    factory = config.get_loop_factory()
    assert factory is not None
    loop = factory()
    try:
        assert isinstance(loop, uvloop.Loop)
        assert not isinstance(loop, asyncio.SelectorEventLoop)
    finally:
        loop.close()
