"""Every error the API answers is an RFC 9457 problem (`application/problem+json`).

ProblemError            status + title + detail, the one base
 ├── NotFound           404: unknown id (also for what the caller may not see)
 ├── Conflict           409: a unique value already taken, or a state that forbids the change
 ├── InvalidInput       422: field-by-field errors found by our own rules
 └── ServiceUnavailable 503: a dependency (search engine) cannot answer now
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"


class FieldError(dict[str, str]):
    """One invalid field: `{"field": "country", "message": "..."}`."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(field=field, message=message)


class ProblemError(Exception):
    status: int = 400
    title: str = "Bad request"
    headers: dict[str, str] | None = None

    def __init__(self, detail: str, *, errors: list[FieldError] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []


class NotFound(ProblemError):
    status = 404
    title = "Not found"


class Conflict(ProblemError):
    status = 409
    title = "Conflict"


class InvalidInput(ProblemError):
    status = 422
    title = "Invalid input"

    @classmethod
    def one(cls, field: str, message: str) -> InvalidInput:
        return cls(f"{field}: {message}", errors=[FieldError(field, message)])


class ServiceUnavailable(ProblemError):
    status = 503
    title = "Service unavailable"


def problem_response(
    status: int,
    title: str,
    detail: str,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    body["detail"] = detail
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    # FastAPI prefixes where the value came from ("body", "query"); a reader wants the field.
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


async def _problem_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return problem_response(exc.status, exc.title, exc.detail, exc.errors, exc.headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [FieldError(_location(e["loc"]), str(e["msg"])) for e in exc.errors()]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return problem_response(422, "Invalid input", detail, errors)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "Error")
    headers = dict(exc.headers) if exc.headers else None
    return problem_response(exc.status_code, title, str(exc.detail), headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Shape every error, ours and the framework's, as a problem document."""
    app.add_exception_handler(ProblemError, _problem_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
