"""The one settings class: every setting comes from a `COMMONS_` environment variable.

Each has an embedded default, so a bare checkout runs on SQLite and the built-in search engine.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Final, Literal, Self

from pydantic import Field, SecretStr, field_serializer, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIN_SECRET_KEY = 32
MAX_WORKERS: Final = 32
# Words that mark an example value copied from documentation, not a secret anyone made.
PLACEHOLDER_WORDS = ("changeme", "replaceme", "placeholder", "example", "yoursecret", "secretkey")


class Settings(BaseSettings):
    """Service configuration, read from the environment (prefix `COMMONS_`)."""

    # Inputs are kept out of error messages: a refused setting must not print a secret.
    model_config = SettingsConfigDict(
        env_prefix="COMMONS_", extra="ignore", hide_input_in_errors=True
    )

    env: Literal["development", "production", "test"] = "development"
    data_dir: Path = Field(default=Path("data"), description="Where the SQLite file lives.")
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL; empty means SQLite at <data_dir>/commons.sqlite3.",
    )
    secret_key: SecretStr = Field(
        default=SecretStr(""),
        description="Signs web sessions; required in production (32+ characters, random).",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    keep_alive_s: int = Field(default=5, ge=1, le=300, description="Idle HTTP connection limit")
    db_timeout_s: float = Field(
        default=10.0, gt=0, le=600, description="Longest wait for one database statement or lock"
    )
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    workers: Annotated[int, Field(ge=1, le=MAX_WORKERS)] | Literal["auto"] = Field(
        default="auto",
        description="Processes serving requests: a number, or auto for one per core this "
        "process may run on; they share one built-in index",
    )

    taxonomy_dir: Path = PROJECT_ROOT / "seed" / "taxonomy"
    clauses_dir: Path = PROJECT_ROOT / "clauses"

    lexicon_path: Path | None = Field(
        default=None,
        description="Translation lexicon; empty: <data_dir>/lexicon.sqlite3",
    )
    meili_url: str = Field(default="", description="Meilisearch URL; empty: built-in engine.")
    meili_key: SecretStr = SecretStr("")
    meili_index: str = "clauses"
    meili_timeout_s: float = Field(default=5.0, gt=0)

    outbox_interval_s: float = Field(default=1.0, gt=0, description="Outbox poll interval.")
    outbox_batch: int = Field(default=5000, ge=1, le=10_000)
    max_body_bytes: int = Field(default=1_048_576, ge=1024, description="API request bodies")
    max_upload_bytes: int = Field(default=52_428_800, ge=1024, description="Import uploads")
    rate_key_per_minute: int = Field(default=1200, ge=1, description="Requests per API key")
    rate_writes_per_minute: int = Field(default=120, ge=1, description="Writes per API key")
    rate_failed_auth_per_minute: int = Field(default=20, ge=1, description="Bad keys per client")
    cors_origins: list[str] = Field(default_factory=list, description="Empty: CORS closed")
    retention_days: int = Field(
        default=30,
        ge=1,
        le=3650,
        description="Days that import jobs, their reports and uploaded files are kept once the "
        "job ends (`commons purge` removes what is older)",
    )

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL to connect to (SQLite under data_dir when none is set)."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir.resolve() / 'commons.sqlite3'}"

    @property
    def worker_count(self) -> int:
        """How many processes serve: COMMONS_WORKERS, or with `auto` one per core this process
        may run on (its CPU affinity, which containers and taskset narrow), at most 32."""
        if self.workers != "auto":
            return self.workers
        return max(1, min(MAX_WORKERS, usable_cores()))

    @property
    def lexicon_file(self) -> Path:
        """Where the translation lexicon is built and read."""
        return self.lexicon_path or self.data_dir / "lexicon.sqlite3"

    @property
    def upload_dir(self) -> Path:
        """Where uploaded import files wait for their job."""
        return self.data_dir / "uploads"

    @property
    def uses_sqlite(self) -> bool:
        return self.sqlalchemy_url.startswith("sqlite")

    @model_validator(mode="after")
    def _production_has_secrets(self) -> Self:
        """Outside development and tests, refuse to start on missing or example secrets."""
        if self.env != "production":
            return self
        problem = secret_key_problem(self.secret_key.get_secret_value())
        if problem:
            raise ValueError(f"COMMONS_SECRET_KEY {problem} (production)")
        if self.meili_url and not self.meili_key.get_secret_value():
            raise ValueError("COMMONS_MEILI_URL is set without COMMONS_MEILI_KEY (production)")
        return self

    # The database URL may carry a password: repr and dumps show it without, and where it points.
    @field_serializer("database_url")
    def _database_url_without_password(self, url: str) -> str:
        return _without_password(url) if url else url

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        for name, value in super().__repr_args__():
            yield name, _without_password(value) if name == "database_url" and value else value


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def _without_password(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "***"  # not a URL we can read: it might be anything, a password included


def secret_key_problem(secret: str) -> str | None:
    """What is wrong with a secret key, or None if it will do."""
    if not secret:
        return "is not set: make a random one, e.g. `openssl rand -hex 32`"
    if len(secret) < MIN_SECRET_KEY:
        return f"is too short: at least {MIN_SECRET_KEY} characters"
    folded = "".join(ch for ch in secret.lower() if ch.isalnum())
    if any(word in folded for word in PLACEHOLDER_WORDS) or len(set(secret)) < 8:
        return "is an example value, not a secret: make a random one"
    return None


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
