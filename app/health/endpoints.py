"""GET /health/live and /health/ready."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.migrate import is_up_to_date
from app.search.contract import SearchUnavailable
from app.search.dictionaries.apertium import NAME_PREFIX
from app.search.dictionaries.lexicon import open_lexicon
from app.search.indexer import Indexer
from app.settings import Settings

router = APIRouter(prefix="/health", tags=["health"])


class Live(BaseModel):
    status: Literal["ok"]


class SearchHealth(BaseModel):
    backend: str
    status: Literal["ok", "indexing", "degraded"]
    backlog: int | None
    documents: int | None
    error: str | None


class TranslationHealth(BaseModel):
    """Whether queries cross languages through the dictionaries (off is not an error)."""

    status: Literal["on", "off"]
    languages: list[str]
    dictionaries: int
    detail: str


class Ready(BaseModel):
    status: Literal["ok", "degraded", "unavailable"]
    database: Literal["ok", "unavailable", "not migrated"]
    search: SearchHealth
    translation: TranslationHealth


@router.get("/live", response_model=Live)
def live() -> Live:
    """The process answers."""
    return Live(status="ok")


def _search_health(indexer: Indexer, database_ok: bool) -> SearchHealth:
    backlog = indexer.backlog() if database_ok else None
    try:
        documents: int | None = indexer.backend.document_count()
        error = indexer.last_error
    except SearchUnavailable as exc:
        documents, error = None, str(exc)
    if error is not None:
        state: Literal["ok", "indexing", "degraded"] = "degraded"
    elif indexer.rebuilding:
        state = "indexing"
    else:
        state = "ok"
    return SearchHealth(
        backend=indexer.backend.name,
        status=state,
        backlog=backlog,
        documents=documents,
        error=error,
    )


def _translation_health(settings: Settings) -> TranslationHealth:
    lexicon = open_lexicon(settings.lexicon_file)
    if lexicon is None:
        return TranslationHealth(
            status="off",
            languages=[],
            dictionaries=0,
            detail="no lexicon: queries match other languages through taxonomy labels only "
            "(install the FreeDict dictionaries and run `commons lexicon build`)",
        )
    sources = lexicon.dictionaries()
    apertium = any(info.name.startswith(NAME_PREFIX) for info in sources)
    made_of = "FreeDict and Apertium" if apertium else "FreeDict"
    return TranslationHealth(
        status="on",
        languages=sorted(lexicon.languages),
        dictionaries=len(sources),
        detail=f"{made_of} lexicon built {lexicon.meta('built')}",
    )


@router.get("/ready", response_model=Ready, responses={503: {"model": Ready}})
def ready(request: Request) -> JSONResponse:
    """Database reachable and migrated; search backend state and how many changes wait."""
    app = request.app
    try:
        with app.state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        database: Literal["ok", "unavailable", "not migrated"] = (
            "ok" if is_up_to_date(app.state.settings, app.state.engine) else "not migrated"
        )
    except SQLAlchemyError:
        database = "unavailable"
    search = _search_health(app.state.indexer, database == "ok")
    if database != "ok":
        status: Literal["ok", "degraded", "unavailable"] = "unavailable"
    else:
        status = "ok" if search.status == "ok" else "degraded"
    translation = _translation_health(app.state.settings)
    body = Ready(status=status, database=database, search=search, translation=translation)
    return JSONResponse(body.model_dump(), status_code=503 if status == "unavailable" else 200)
