"""The FastAPI application: wiring only."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy.engine import Engine

from app.affiliates.endpoints import router as admin_router
from app.clauses.endpoints import router as clauses_router
from app.clauses.workflow_endpoints import router as workflow_router
from app.compare.endpoints import router as compare_router
from app.db import make_engine
from app.docs.endpoints import install_docs
from app.errors import install_error_handlers
from app.exports.endpoints import router as export_router
from app.feeds.endpoints import router as feeds_router
from app.health.endpoints import router as health_router
from app.imports.endpoints import router as imports_router
from app.imports.jobs import ImportWorker
from app.ratelimit import Limits, RateLimiter
from app.search.endpoints import router as search_router
from app.search.indexer import Indexer
from app.search.runtime import ready_backend
from app.security import SecurityMiddleware
from app.serving.worker import Worker
from app.settings import Settings, get_settings
from app.taxonomy.endpoints import router as taxonomy_router
from app.taxonomy.loader import load_taxonomy
from app.taxonomy.model import Taxonomy
from app.web.routes import install_web

DESCRIPTION = """
Collective bargaining clauses on digital work, tagged by Public Services International's
taxonomy, searchable in the languages unions bargain in. Published clauses are open to all;
writes need an API key (`Authorization: Bearer <key>`). Errors are RFC 9457 problem documents.
"""


# Searches run on the event loop and hold the interpreter lock for milliseconds at a time; a
# thread waiting for it after a database call (clause pages, writes holding SQLite's write
# lock) gets it only when the holder is told to let go, every switch interval (5 ms by
# default). A shorter interval keeps those threads from queueing behind every search.
SWITCH_INTERVAL_S = 0.0005


def _own_indexer(settings: Settings, engine: Engine, taxonomy: Taxonomy) -> Indexer:
    """The search backend and its outbox reader, for a service of one process."""
    return Indexer(engine, ready_backend(settings), taxonomy, batch=settings.outbox_batch)


def create_app(
    settings: Settings | None = None, *, run_workers: bool = True, worker: Worker | None = None
) -> FastAPI:
    """Build the app; `run_workers=False` leaves the search outbox and import jobs to be run
    by hand (tests). `worker` is given in a process forked by the supervisor (several workers):
    the search backend comes from it and the supervisor applies the outbox."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        engine = make_engine(settings)
        taxonomy = load_taxonomy(settings.taxonomy_dir)
        if worker is None:
            indexer = _own_indexer(settings, engine, taxonomy)
        else:
            indexer = worker.indexer(engine, taxonomy)
        share = worker.share if worker is not None else int
        app.state.settings = settings
        app.state.limits = Limits(
            key_use=RateLimiter(share(settings.rate_key_per_minute)),
            writes=RateLimiter(share(settings.rate_writes_per_minute)),
            failed_auth=RateLimiter(share(settings.rate_failed_auth_per_minute)),
        )
        app.state.engine = engine
        app.state.taxonomy = taxonomy
        app.state.indexer = indexer
        app.state.upload_dir = settings.upload_dir
        imports = ImportWorker(engine, taxonomy, app.state.upload_dir)
        app.state.import_worker = imports
        if run_workers:
            # The built-in engine lives in memory: it is filled from the database at each start
            # (by the supervisor, before it forks, when several workers share it).
            rebuild = worker is None and indexer.backend.name == "builtin"
            indexer.start(settings.outbox_interval_s, rebuild_first=rebuild)
            if worker is None or worker.runs_imports:
                imports.start()
        try:
            yield
        finally:
            imports.stop()
            indexer.stop()
            engine.dispose()

    app = FastAPI(
        title="Clause Commons",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        license_info={"name": "AGPL-3.0-or-later"},
        docs_url=None,  # served by app.docs from local files, not a CDN
        redoc_url=None,
    )
    install_error_handlers(app)
    install_docs(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Accept-Language"],
        )
    app.add_middleware(
        SecurityMiddleware,
        max_body_bytes=settings.max_body_bytes,
        upload_paths=("/api/v1/imports", "/contribute/upload"),
        max_upload_bytes=settings.max_upload_bytes,
    )
    routers = (
        export_router,  # before the clause router: /clauses/export is not a clause id
        clauses_router,
        workflow_router,
        search_router,
        taxonomy_router,
        admin_router,
        imports_router,
        health_router,
        feeds_router,
        compare_router,
    )
    for router in routers:
        app.include_router(router)
    install_web(app)  # after the API: no page path may hide an API path
    return app
