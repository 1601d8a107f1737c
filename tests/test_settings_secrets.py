"""Secrets: production refuses to start without real ones, and no secret is ever shown in a
repr, a dump of the settings, an error message or a log."""

from __future__ import annotations

import logging
import re
import secrets
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from pydantic import SecretStr, ValidationError
from sqlmodel import Session
from typer.testing import CliRunner

from app import cli
from app.affiliates.models import Role
from app.affiliates.users import create_user
from app.main import create_app
from app.settings import PROJECT_ROOT, Settings
from tests.builders.clauses import make_affiliate

GOOD_KEY = secrets.token_urlsafe(48)
MEILI_KEY = "meili-master-" + secrets.token_hex(16)
DB_PASSWORD = "db-pass-" + secrets.token_hex(8)
PASSWORD = "correct horse battery staple"


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        ("", "is not set"),
        ("s3cr3t-but-short", "is too short"),
        ("change-me-change-me-change-me-change-me", "is an example value"),
        ("please-replace-me-with-a-long-random-string", "is an example value"),
        ("ab" * 20, "is an example value"),
    ],
)
def test_production_refuses_a_missing_short_or_example_secret_key(secret: str, reason: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(env="production", secret_key=secret)
    message = str(refused.value)
    assert f"COMMONS_SECRET_KEY {reason}" in message
    if secret:
        assert secret not in message


def test_development_and_test_run_without_a_secret_key() -> None:
    for env in ("development", "test"):
        assert Settings(env=env).secret_key.get_secret_value() == ""


def test_production_starts_with_a_random_secret_key() -> None:
    settings = Settings(env="production", secret_key=GOOD_KEY)
    assert settings.secret_key.get_secret_value() == GOOD_KEY


def test_production_refuses_meilisearch_without_its_key() -> None:
    with pytest.raises(ValidationError, match="COMMONS_MEILI_URL is set without COMMONS_MEILI_KEY"):
        Settings(env="production", secret_key=GOOD_KEY, meili_url="http://search:7700")
    Settings(env="production", secret_key=GOOD_KEY, meili_url="http://search:7700", meili_key="k")


def test_the_check_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMONS_ENV", "production")
    monkeypatch.setenv("COMMONS_SECRET_KEY", "change-me")
    with pytest.raises(ValidationError) as refused:
        Settings()
    assert "change-me" not in str(refused.value)
    monkeypatch.setenv("COMMONS_SECRET_KEY", GOOD_KEY)
    assert Settings().env == "production"


def _secret_settings(**values: Any) -> Settings:
    url = f"postgresql+psycopg://commons:{DB_PASSWORD}@db:5432/commons"
    return Settings(
        env="test", secret_key=GOOD_KEY, meili_key=MEILI_KEY, database_url=url, **values
    )


def _assert_no_secret(shown: str) -> None:
    for secret in (GOOD_KEY, MEILI_KEY, DB_PASSWORD):
        assert secret not in shown


def test_secrets_never_appear_in_repr_str_or_dumps() -> None:
    settings = _secret_settings()
    for shown in (repr(settings), str(settings), settings.model_dump_json(), f"{settings}"):
        _assert_no_secret(shown)
    assert "postgresql+psycopg://commons:***@db:5432/commons" in repr(settings)
    assert DB_PASSWORD in settings.sqlalchemy_url  # the engine still gets it


def test_a_refused_setting_does_not_echo_the_other_secrets() -> None:
    with pytest.raises(ValidationError) as refused:
        _secret_settings(port="not a port")
    _assert_no_secret(str(refused.value))
    assert "port" in str(refused.value)


def test_secrets_stay_out_of_the_logs_while_the_service_runs(
    caplog: pytest.LogCaptureFixture, database_settings: Settings
) -> None:
    secret = {"secret_key": SecretStr(GOOD_KEY), "meili_key": SecretStr(MEILI_KEY)}
    settings = database_settings.model_copy(update=secret)
    caplog.set_level(logging.DEBUG)
    with TestClient(create_app(settings, run_workers=False), base_url="https://testserver") as web:
        logging.getLogger("app").info("settings in use: %r", settings)
        assert web.get("/api/v1/clauses").status_code == 200
        assert web.get("/sign-in").status_code == 200
    _assert_no_secret(caplog.text)
    assert "settings in use" in caplog.text


def test_the_secret_key_signs_web_sessions_instead_of_the_key_file(
    client: TestClient, session: Session, database_settings: Settings
) -> None:
    create_user(session, "ana", "Amihan Reyes", PASSWORD, Role.contributor, make_affiliate(session))
    session.commit()
    signed = database_settings.model_copy(update={"secret_key": SecretStr(GOOD_KEY)})
    with _browser(signed) as web:
        cookie = _sign_in(web)
        assert "Amihan Reyes" in web.get("/").text
    another_key = signed.model_copy(update={"secret_key": SecretStr(secrets.token_urlsafe(48))})
    for elsewhere in (another_key, database_settings):  # the second signs with the key file
        with _browser(elsewhere) as web:
            web.cookies.set("commons_session", cookie)
            assert "Amihan Reyes" not in web.get("/").text


def _browser(settings: Settings) -> TestClient:
    return TestClient(create_app(settings, run_workers=False), base_url="https://testserver")


def _sign_in(web: TestClient) -> str:
    page = web.get("/sign-in").text
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    data = {"login": "ana", "password": PASSWORD, "csrf": found.group(1)}
    answer = web.post("/sign-in", data=data, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    cookie = web.cookies.get("commons_session")
    assert cookie
    return cookie


def test_commands_refuse_production_without_a_secret_key_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COMMONS_ENV", "production")
    monkeypatch.setenv("COMMONS_SECRET_KEY", "short-" + GOOD_KEY[:8])
    monkeypatch.setattr(cli, "get_settings", Settings)
    result = CliRunner().invoke(cli.app, ["serve"])
    assert result.exit_code == 2
    assert " ".join(result.output.split()) == (
        "COMMONS_SECRET_KEY is too short: at least 32 characters (production)"
    )


def test_the_compose_file_and_the_image_hold_no_secret_values() -> None:
    compose = yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    required = {
        ("app", "COMMONS_SECRET_KEY"),
        ("app", "COMMONS_MEILI_KEY"),
        ("db", "POSTGRES_PASSWORD"),
        ("search", "MEILI_MASTER_KEY"),
    }
    for service, name in required:
        value = services[service]["environment"][name]
        assert re.fullmatch(r"\$\{\w+:\?[^}]+\}", value), f"{service}.{name} has a default"
    assert services["app"]["environment"]["COMMONS_ENV"] == "production"
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert not re.search(r"(SECRET|KEY|PASSWORD)\w*=", dockerfile)
