"""The OpenAPI document says what the error handlers do: every error answer is a problem."""

from __future__ import annotations

from typing import Any

import pytest

from app.errors import PROBLEM_JSON
from app.main import create_app
from app.settings import Settings

PROBLEM_REF = "#/components/schemas/Problem"
# The one error answer with a body of its own: readiness says what is down.
OWN_BODIES = {("/health/ready", "get", "503")}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return create_app(Settings(env="test"), run_workers=False).openapi()


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def test_every_documented_error_is_a_problem_document(document: dict[str, Any]) -> None:
    wrong = [
        (path, method, status)
        for path, method, operation in _operations(document)
        for status, response in operation["responses"].items()
        if status.startswith(("4", "5"))
        and (path, method, status) not in OWN_BODIES
        and response.get("content") != {PROBLEM_JSON: {"schema": {"$ref": PROBLEM_REF}}}
    ]
    assert wrong == []


def test_the_framework_validation_error_shape_is_gone(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert {"Problem", "FieldProblem"} <= set(schemas)
    assert set(schemas["Problem"]["required"]) == {"title", "status", "detail"}


def test_every_operation_with_a_body_documents_400_and_413(document: dict[str, Any]) -> None:
    missing = [
        (path, method)
        for path, method, operation in _operations(document)
        if "requestBody" in operation and not {"400", "413"} <= set(operation["responses"])
    ]
    assert missing == []


def test_every_operation_that_reads_filters_documents_422(document: dict[str, Any]) -> None:
    missing = [
        (path, method)
        for path, method, operation in _operations(document)
        if operation.get("parameters") and "422" not in operation["responses"]
    ]
    assert missing == []
