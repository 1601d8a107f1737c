"""Schemathesis against the app's own OpenAPI document: anonymous, contributor and admin calls to
every operation never get a 5xx, every answer is documented (status, media type, headers, body),
and a request that breaks the schema is refused with a 4xx.

Generation is bounded and derandomized (the `hardening` profile), so a run is the same run on
every machine. Half the generated path ids are swapped for rows that exist, so that calls reach
past the 404s into the write paths.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import Case
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.types import Receive, Scope, Send

from app.main import create_app
from app.settings import Settings
from tests.hardening.profile import HARDENING
from tests.hardening.world import World, lived_in

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
FUZZ = settings(
    HARDENING,
    max_examples=12,  # per operation and role, on top of Schemathesis's boundary cases
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
PATH_VALUES = ("public_id", "prefix", "login")
CONFIG = schemathesis.Config.from_dict(
    # Schemathesis's own list, and 413: a body over the size limit is refused before it is read.
    {"checks": {"negative_data_rejection": {"expected-statuses": [
        "400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"
    ]}}}
)  # fmt: skip


class _Door:
    """Where Schemathesis sends its requests: the app the `world` fixture runs.

    The schema is read at import, from an app whose lifespan never runs; requests go to the
    app of `world`, whose lifespan its TestClient runs once for the whole module.
    """

    def __init__(self) -> None:
        self.app: FastAPI = create_app(Settings(env="test", meili_url=""), run_workers=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            # Acknowledge start-up and shut-down: the real ones belong to the TestClient.
            await receive()
            await send({"type": "lifespan.startup.complete"})
            await receive()
            await send({"type": "lifespan.shutdown.complete"})
            return
        await self.app(scope, receive, send)


DOOR = _Door()
LOADED = schemathesis.openapi.from_asgi("/openapi.json", DOOR, config=CONFIG)
KNOWN: dict[str, list[str]] = {name: [] for name in PATH_VALUES}


@LOADED.hook("flatmap_path_parameters")
def aim_at_real_rows(_context: Any, path: dict[str, Any] | None) -> st.SearchStrategy[Any]:
    """Generated ids almost never exist: half the time, aim at a row that does."""
    if not path or not any(name in path for name in PATH_VALUES):
        return st.just(path)
    real = {name: st.sampled_from(KNOWN[name]) for name in PATH_VALUES if name in path}
    return st.one_of(st.just(path), st.fixed_dictionaries(real).map(lambda r: {**path, **r}))


def _takes_any_text(parameter: dict[str, Any]) -> bool:
    """True when every query-string value is valid: text, a list of text, or nothing."""
    options = parameter.get("anyOf", [parameter])
    return all(
        option.get("type") == "null"
        or (option.get("type") == "string" and not set(option) - {"type", "title"})
        or (option.get("type") == "array" and _takes_any_text(option.get("items", {})))
        for option in options
    )


@LOADED.hook("filter_failure")
def drop_text_taken_as_text(_context: Any, failure: Any, case: Case[Any], _response: Any) -> bool:
    """Keep every failure but one false alarm: a "wrong type" value for a query parameter that
    takes any text (`sector=false`) is, once in the URL, valid text, rightly accepted."""
    data = case.meta.phase.data if case.meta is not None else None
    if not isinstance(failure, AcceptedNegativeData) or data is None:
        return True
    if data.parameter_location != ParameterLocation.QUERY or data.parameter is None:
        return True
    operation = LOADED.raw_schema["paths"][case.path][case.method.lower()]
    parameter = next(p for p in operation["parameters"] if p["name"] == data.parameter)
    return not _takes_any_text(parameter["schema"])


schema = LOADED


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The app on its own migrated SQLite database, filled with a small world, behind DOOR."""
    schema_only = DOOR.app
    with lived_in(tmp_path_factory.mktemp("fuzz")) as (app, _client, built):
        KNOWN.update(public_id=built.clause_ids, prefix=built.key_prefixes, login=built.logins)
        DOOR.app = app
        try:
            yield built
        finally:
            DOOR.app = schema_only


@FUZZ
@schema.parametrize()
def test_anonymous_calls_are_documented_and_never_fail(case: Case[Any], world: World) -> None:
    case.call_and_validate(checks=CHECKS)


@FUZZ
@schema.parametrize()
def test_contributor_calls_are_documented_and_never_fail(case: Case[Any], world: World) -> None:
    case.call_and_validate(headers=world.contributor, checks=CHECKS)


@FUZZ
@schema.parametrize()
def test_admin_calls_are_documented_and_never_fail(case: Case[Any], world: World) -> None:
    case.call_and_validate(headers=world.admin, checks=CHECKS)
