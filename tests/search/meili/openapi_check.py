"""Checks HTTP requests against Meilisearch's OpenAPI 1.53.0 document (no server involved).

The document is loaded once and patched in memory for the gaps listed in
shared/meilisearch/README.md (beside the checkout); the file itself is never written.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from urllib.parse import parse_qs, quote

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from app.settings import PROJECT_ROOT

DOCUMENT_URI: Final = "urn:meilisearch-openapi-1.53.0"
SPEC_ENV: Final = "COMMONS_MEILI_OPENAPI"
# The shared folder sits beside the checkout, on developers' machines and in CI alike.
SPEC_CANDIDATES: Final = (PROJECT_ROOT.parent / "shared" / "meilisearch" / "openapi-1.53.0.json",)
NO_BODY: Final = object()  # marks a request sent without any body

# Objects the server deserialises with unknown fields denied; the document does not say so.
CLOSED_SCHEMAS: Final = (
    "SearchQuery",
    "Settings_Unchecked",
    "TypoSettings",
    "MinWordSizeTyposSetting",
    "FacetingSettings",
    "PaginationSettings",
    "LocalizedAttributesRuleView",
)


class ContractViolationError(AssertionError):
    """A request the OpenAPI document does not allow."""


@dataclass
class Captured:
    """One HTTP request as the client sent it, and the canned answer it got."""

    method: str
    path: str
    query: dict[str, list[str]] = field(default_factory=dict)
    body: Any = NO_BODY
    headers: dict[str, str] = field(default_factory=dict)
    timeout: Any = None
    status: int | None = None
    answer: Any = None

    def describe(self) -> str:
        suffix = f"?{self.query}" if self.query else ""
        return f"{self.method} {self.path}{suffix}"


def spec_path() -> Path:
    """Where the OpenAPI document is: $COMMONS_MEILI_OPENAPI, else ../shared beside the checkout."""
    configured = os.environ.get(SPEC_ENV)
    candidates = (Path(configured),) if configured else SPEC_CANDIDATES
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"Meilisearch OpenAPI document not found in {candidates}")


def patch_known_gaps(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of the document with the README's known differences from the server fixed."""
    patched = copy.deepcopy(document)
    schemas = patched["components"]["schemas"]
    # The server takes `facets` as a plain list of attribute names, not {"patterns": [...]}.
    schemas["SearchQuery"]["properties"]["facets"] = {
        "type": ["array", "null"],
        "items": {"type": "string"},
    }
    # ... and so `facetsByIndex` of a federation: index uid -> attribute names.
    schemas["Federation"]["properties"]["facetsByIndex"] = {
        "type": "object",
        "additionalProperties": {"type": ["array", "null"], "items": {"type": "string"}},
    }
    for name in CLOSED_SCHEMAS:
        schemas[name]["additionalProperties"] = False
    return patched


def _pointer(*parts: str) -> str:
    escaped = (part.replace("~", "~0").replace("/", "~1") for part in parts)
    return "/" + "/".join(escaped)


def _template_regex(template: str) -> re.Pattern[str]:
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
    return re.compile(pattern)


class OpenApi:
    """The patched document, its operations, and request validation."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(DOCUMENT_URI, resource)
        self._templates = [(template, _template_regex(template)) for template in document["paths"]]

    @classmethod
    def load(cls, path: Path | None = None) -> OpenApi:
        raw = json.loads((path or spec_path()).read_text(encoding="utf-8"))
        return cls(patch_known_gaps(raw))

    def schema(self, name: str) -> dict[str, Any]:
        schema: dict[str, Any] = self.document["components"]["schemas"][name]
        return schema

    def check(self, instance: Any, pointer: str, what: str) -> None:
        """Validate `instance` against the schema at `pointer` (Draft 2020-12, $refs resolved)."""
        reference = {"$ref": f"{DOCUMENT_URI}#{quote(pointer, safe='/~')}"}
        validator = jsonschema.Draft202012Validator(reference, registry=self._registry)
        errors = sorted(validator.iter_errors(instance), key=lambda error: list(error.path))
        if errors:
            details = "; ".join(
                f"{'/'.join(map(str, error.path)) or '<root>'}: {error.message}"
                for error in errors[:5]
            )
            raise ContractViolationError(f"{what}: {details}")

    def operation(self, method: str, path: str) -> tuple[str, dict[str, Any], dict[str, str]]:
        """(template, operation, path parameters) for a request; literal segments win."""
        found: list[tuple[int, str, dict[str, str]]] = []
        for template, regex in self._templates:
            match = regex.fullmatch(path)
            if match and method.lower() in self.document["paths"][template]:
                found.append((template.count("{"), template, match.groupdict()))
        if not found:
            raise ContractViolationError(
                f"{method} {path}: no such operation in the OpenAPI document"
            )
        _, template, parameters = min(found)
        return template, self.document["paths"][template][method.lower()], parameters

    def _parameter_value(self, raw: str, pointer: str) -> Any:
        schema = self._resolve(pointer)
        kinds = schema.get("type", "string")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if "integer" in kinds and re.fullmatch(r"-?\d+", raw):
            return int(raw)
        if "boolean" in kinds and raw in ("true", "false"):
            return raw == "true"
        return raw

    def _resolve(self, pointer: str) -> dict[str, Any]:
        node: Any = self.document
        for part in pointer.removeprefix("/").split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            node = node[int(key)] if isinstance(node, list) else node[key]
        while isinstance(node, dict) and "$ref" in node:
            node = self._resolve(node["$ref"].removeprefix("#"))
        return node if isinstance(node, dict) else {}

    def _check_parameters(
        self, request: Captured, template: str, path_values: dict[str, str]
    ) -> None:
        method = request.method.lower()
        declared = self.document["paths"][template][method].get("parameters", [])
        by_place: dict[tuple[str, str], int] = {
            (parameter["in"], parameter["name"]): position
            for position, parameter in enumerate(declared)
        }
        given = [("path", name, value) for name, value in path_values.items()]
        for name, values in request.query.items():
            given.extend(("query", name, value) for value in values)
        for place, name, value in given:
            if (place, name) not in by_place:
                raise ContractViolationError(
                    f"{request.describe()}: undeclared {place} parameter {name}"
                )
            pointer = _pointer("paths", template, method, "parameters")
            pointer += f"/{by_place[(place, name)]}/schema"
            typed = self._parameter_value(value, pointer)
            self.check(typed, pointer, f"{request.describe()}: {place} parameter {name}")
        for parameter in declared:
            wanted = parameter.get("required") and parameter["in"] == "query"
            if wanted and parameter["name"] not in request.query:
                raise ContractViolationError(f"{request.describe()}: missing {parameter['name']}")

    def _check_body(self, request: Captured, template: str, operation: dict[str, Any]) -> None:
        method = request.method.lower()
        declared = operation.get("requestBody")
        if declared is None:
            if request.body is not NO_BODY and request.body is not None:
                raise ContractViolationError(
                    f"{request.describe()}: sends a body none is declared for"
                )
            return
        if request.body is NO_BODY:
            if declared.get("required"):
                raise ContractViolationError(f"{request.describe()}: required body missing")
            return
        content_type = request.headers.get("Content-Type", "").split(";")[0].strip()
        if content_type not in declared["content"]:
            raise ContractViolationError(f"{request.describe()}: content type {content_type!r}")
        pointer = _pointer("paths", template, method, "requestBody", "content", content_type)
        self.check(request.body, pointer + "/schema", f"{request.describe()}: body")

    def _check_answer(self, request: Captured, template: str, operation: dict[str, Any]) -> None:
        # The canned answers must look like the server's, or the client proceeds on fiction.
        status = str(request.status)
        declared = operation.get("responses", {}).get(status)
        if declared is None:
            return
        content = declared.get("content", {}).get("application/json")
        if content and "schema" in content:
            pointer = _pointer("paths", template, request.method.lower(), "responses", status)
            pointer += _pointer("content", "application/json", "schema")
            self.check(request.answer, pointer, f"{request.describe()}: canned {status} answer")

    def validate(self, request: Captured) -> str:
        """Raise ContractViolationError unless the request is documented; give `METHOD template`."""
        template, operation, path_values = self.operation(request.method, request.path)
        self._check_parameters(request, template, path_values)
        self._check_body(request, template, operation)
        if request.status is not None:
            self._check_answer(request, template, operation)
        return f"{request.method.upper()} {template}"

    def validate_all(self, requests: Iterable[Captured]) -> list[str]:
        """Validate every request; the list of operations they used, in order."""
        return [self.validate(request) for request in requests]


def query_of(url_query: str) -> dict[str, list[str]]:
    """A URL query string as a dict of value lists (blank values kept)."""
    return parse_qs(url_query, keep_blank_values=True)
