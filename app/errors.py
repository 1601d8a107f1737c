"""Every error the API answers is an RFC 9457 problem (`application/problem+json`), worded in
the reader's language.

ProblemError            status + title + detail, the one base
 ├── NotFound           404: unknown id (also for what the caller may not see)
 ├── Conflict           409: a unique value already taken, or a state that forbids the change
 ├── InvalidInput       422: field-by-field errors found by our own rules
 ├── ServiceUnavailable 503: a dependency (search engine, database) cannot answer now
 └── InsufficientStorage 507: the database has no room left for a write

A database that cannot serve (unreachable, restarting, locked, full) is answered by its own
handler as one of the last two, never as a 500.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.db import DATABASE_ERRORS, DatabaseFault, database_fault, describe_fault
from app.i18n.middleware import ReaderLanguageMiddleware
from app.i18n.translate import N_, current_language, gettext
from app.i18n.validation_messages import field_message

PROBLEM_JSON = "application/problem+json"
# A database that was restarting or locked usually answers again within a second or two.
DATABASE_RETRY_AFTER_S = 2

log = logging.getLogger(__name__)


class FieldError(dict[str, str]):
    """One invalid field: `{"field": "country", "message": "..."}`."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(field=field, message=message)


def describe(errors: Sequence[FieldError]) -> str:
    """The field errors as one line, for a problem's `detail`."""
    return "; ".join(
        gettext("%(field)s: %(message)s") % {"field": e["field"], "message": e["message"]}
        for e in errors
    )


class ProblemError(Exception):
    """An error answered as a problem; `title` is an English msgid, translated when answered,
    `detail` and field messages are already in the reader's language."""

    status: int = 400
    title: str = N_("Bad request")
    headers: dict[str, str] | None = None

    def __init__(self, detail: str, *, errors: list[FieldError] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []


class NotFound(ProblemError):
    status = 404
    title = N_("Not found")


class Conflict(ProblemError):
    status = 409
    title = N_("Conflict")


class InvalidInput(ProblemError):
    status = 422
    title = N_("Invalid input")

    @classmethod
    def of(cls, errors: list[FieldError]) -> InvalidInput:
        return cls(describe(errors), errors=errors)

    @classmethod
    def one(cls, field: str, message: str) -> InvalidInput:
        return cls.of([FieldError(field, message)])


class ServiceUnavailable(ProblemError):
    status = 503
    title = N_("Service unavailable")


class InsufficientStorage(ProblemError):
    status = 507
    title = N_("Insufficient storage")


def problem_response(
    status: int,
    title: str,
    detail: str,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """A problem document; `title`, `detail` and `errors` are already in the reader's language."""
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    body["detail"] = detail
    if errors:
        body["errors"] = errors
    headers = {**(headers or {}), "Content-Language": current_language()}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    # FastAPI prefixes where the value came from ("body", "query"); a reader wants the field.
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


async def _problem_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return problem_response(exc.status, gettext(exc.title), exc.detail, exc.errors, exc.headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [FieldError(_location(e["loc"]), field_message(e)) for e in exc.errors()]
    return problem_response(422, gettext(InvalidInput.title), describe(errors), errors)


_HTTP_TITLES = {404: N_("Not found"), 405: N_("Method not allowed")}
_OTHER_HTTP_TITLE = N_("Error")


def _http_detail(request: Request, exc: StarletteHTTPException) -> str:
    # Starlette's own details are the bare status phrase: say something a reader can act on.
    if exc.status_code not in _HTTP_TITLES or exc.detail != HTTPStatus(exc.status_code).phrase:
        return str(exc.detail)
    if exc.status_code == 404:
        return gettext("there is nothing at this address")
    if exc.status_code == 405:
        return gettext("this address does not accept %(method)s requests") % {
            "method": request.method
        }
    return str(exc.detail)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    title = gettext(_HTTP_TITLES.get(exc.status_code, _OTHER_HTTP_TITLE))
    headers = dict(exc.headers) if exc.headers else None
    return problem_response(exc.status_code, title, _http_detail(request, exc), headers=headers)


async def _database_error(_request: Request, exc: Exception) -> JSONResponse:
    # The request's transaction did not commit (unless the connection broke during the commit
    # itself, which no client can tell): the caller may retry, except when the disk is full,
    # which waits for someone to free space.
    fault = database_fault(exc)
    log.warning("database %s: %s", fault.value, describe_fault(exc))
    if fault is DatabaseFault.full:
        detail = gettext("the database has no room left for this change; it was not saved")
        return problem_response(507, gettext(InsufficientStorage.title), detail)
    detail = gettext("the database cannot answer right now; try again in a moment")
    retry = {"Retry-After": str(DATABASE_RETRY_AFTER_S)}
    return problem_response(503, gettext(ServiceUnavailable.title), detail, headers=retry)


def install_error_handlers(app: FastAPI) -> None:
    """Shape every error, ours and the framework's, as a problem document in the reader's
    language; the middleware that settles that language is installed with them."""
    app.add_middleware(ReaderLanguageMiddleware)
    app.add_exception_handler(ProblemError, _problem_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for database_error in DATABASE_ERRORS:
        app.add_exception_handler(database_error, _database_error)
    install_problem_docs(app)


class FieldProblem(BaseModel):
    """One invalid field in a problem's `errors`."""

    field: str
    message: str


class Problem(BaseModel):
    """The body of every error answer (RFC 9457), as the OpenAPI document describes it."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] = Field(default_factory=list)


_SCHEMAS = "#/components/schemas/"
_FRAMEWORK_422 = {"application/json": {"schema": {"$ref": _SCHEMAS + "HTTPValidationError"}}}
# The framework and the size-limit middleware answer these for any operation that reads a body.
_BODY_PROBLEMS = {
    "400": "The body cannot be read: not UTF-8 JSON, or a broken form",
    "413": "The body is over the size limit",
}


def _document_problems(document: dict[str, Any]) -> None:
    # Routes list their error statuses with a description only; whatever the status, the body
    # is a problem, shaped by the handlers above, so the document says so in one place.
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template=_SCHEMAS + "{model}")
    schemas.update(problem.pop("$defs", {}), Problem=problem)
    for path_item in document.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            if "requestBody" in operation:
                for status, description in _BODY_PROBLEMS.items():
                    responses.setdefault(status, {"description": description})
            for status, response in responses.items():
                is_error = status.startswith(("4", "5"))
                if is_error and response.get("content") in (None, {}, _FRAMEWORK_422):
                    response["content"] = {PROBLEM_JSON: {"schema": {"$ref": _SCHEMAS + "Problem"}}}
    if _SCHEMAS + "HTTPValidationError" not in json.dumps(document["paths"]):
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)


def install_problem_docs(app: FastAPI) -> None:
    """Describe every documented error response as a problem document in `/openapi.json`."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _document_problems(build())
        assert app.openapi_schema is not None  # set by `build`
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
