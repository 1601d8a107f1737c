"""The one settings class: every setting comes from a `COMMONS_` environment variable.

Each has an embedded default, so a bare checkout runs on SQLite and the built-in search engine.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Service configuration, read from the environment (prefix `COMMONS_`)."""

    model_config = SettingsConfigDict(env_prefix="COMMONS_", extra="ignore")

    env: Literal["development", "production", "test"] = "development"
    data_dir: Path = Field(default=Path("data"), description="Where the SQLite file lives.")
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL; empty means SQLite at <data_dir>/commons.sqlite3.",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    taxonomy_dir: Path = PROJECT_ROOT / "seed" / "taxonomy"
    clauses_dir: Path = PROJECT_ROOT / "clauses"

    meili_url: str = Field(default="", description="Meilisearch URL; empty: built-in engine.")
    meili_key: str = ""
    meili_index: str = "clauses"
    meili_timeout_s: float = Field(default=5.0, gt=0)

    outbox_interval_s: float = Field(default=1.0, gt=0, description="Outbox poll interval.")
    outbox_batch: int = Field(default=500, ge=1, le=10_000)
    max_body_bytes: int = Field(default=1_048_576, ge=1024, description="API request bodies")
    max_upload_bytes: int = Field(default=52_428_800, ge=1024, description="Import uploads")
    rate_key_per_minute: int = Field(default=1200, ge=1, description="Requests per API key")
    rate_writes_per_minute: int = Field(default=120, ge=1, description="Writes per API key")
    rate_failed_auth_per_minute: int = Field(default=20, ge=1, description="Bad keys per client")
    cors_origins: list[str] = Field(default_factory=list, description="Empty: CORS closed")

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL to connect to (SQLite under data_dir when none is set)."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir.resolve() / 'commons.sqlite3'}"

    @property
    def uses_sqlite(self) -> bool:
        return self.sqlalchemy_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
