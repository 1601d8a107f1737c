"""`commons purge`: finished import jobs (with their reports) and left-over uploads older than
COMMONS_RETENTION_DAYS go with --yes; a dry run deletes nothing; clauses and jobs still
waiting or running are never touched."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlmodel import Session, col, select
from typer.testing import CliRunner

from app import cli as commons_cli
from app.affiliates.models import Role
from app.clauses.models import Clause, utcnow
from app.imports import purge_cli
from app.imports.job_model import ImportJob, JobStatus
from app.settings import Settings
from tests.builders.clauses import auth
from tests.imports.builders import run_jobs

DAY = timedelta(days=1)


class Archive:
    """Import jobs and upload files of a given age, as the worker would have left them."""

    def __init__(self, session: Session, upload_dir: Path) -> None:
        self.session = session
        self.upload_dir = upload_dir
        self.count = 0

    def job(self, status: JobStatus, days_old: float) -> str:
        """A job ended (or, if waiting or running, created) `days_old` days ago."""
        self.count += 1
        when = utcnow() - days_old * DAY
        finished = status in (JobStatus.done, JobStatus.failed)
        job = ImportJob(
            public_id=f"imp-test{self.count}", filename="archive.csv", format="csv",
            source="test", status=status, actor_role="moderator", created_at=when,
            finished_at=when if finished else None,
            report={"rows_read": 1, "errors": []} if status == JobStatus.done else None,
        )  # fmt: skip
        self.session.add(job)
        self.session.commit()
        return job.public_id

    def upload(self, public_id: str, days_old: float, size: int = 1000) -> Path:
        self.upload_dir.mkdir(parents=True, exist_ok=True)
        path = self.upload_dir / f"{public_id}.csv"
        path.write_bytes(b"x" * size)
        stamp = (utcnow() - days_old * DAY).timestamp()
        os.utime(path, (stamp, stamp))
        return path

    def jobs(self) -> set[str]:
        self.session.expire_all()
        return set(self.session.exec(select(ImportJob.public_id)).all())


@pytest.fixture
def archive(session: Session, database_settings: Settings) -> Iterator[Archive]:
    yield Archive(session, database_settings.upload_dir)
    for path in database_settings.upload_dir.glob("*"):
        path.unlink()


def _purge(settings: Settings, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.setattr(purge_cli, "get_settings", lambda: settings)
    command = typer.Typer()
    command.command("purge")(purge_cli.purge_command)
    result = CliRunner().invoke(command, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_a_dry_run_lists_counts_and_sizes_and_deletes_nothing(
    archive: Archive, database_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = archive.job(JobStatus.done, days_old=40)
    archive.job(JobStatus.failed, days_old=31)
    left = archive.upload(old, days_old=40, size=2500)
    output = _purge(database_settings, monkeypatch)
    assert "import jobs and reports │ 2 │" in output
    assert "uploaded files │ 1 │ 2.5 kB" in output
    assert "dry run, nothing deleted" in output
    assert len(archive.jobs()) == 2
    assert left.exists()


def test_purge_with_yes_deletes_the_old_and_keeps_the_recent(
    archive: Archive, database_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = archive.job(JobStatus.done, days_old=40)
    archive.job(JobStatus.failed, days_old=31)
    recent = archive.job(JobStatus.done, days_old=2)
    old_file = archive.upload(old, days_old=40)
    orphan = archive.upload("imp-nojob", days_old=35)
    fresh_file = archive.upload(recent, days_old=2)
    output = _purge(database_settings, monkeypatch, "--yes")
    assert "deleted: import jobs and reports 2, uploaded files 2" in output
    assert archive.jobs() == {recent}
    assert (old_file.exists(), orphan.exists(), fresh_file.exists()) == (False, False, True)


def test_waiting_and_running_jobs_and_their_files_are_never_purged(
    archive: Archive, database_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    waiting = archive.job(JobStatus.queued, days_old=90)
    running = archive.job(JobStatus.running, days_old=90)
    files = [archive.upload(waiting, days_old=90), archive.upload(running, days_old=90)]
    output = _purge(database_settings, monkeypatch, "--yes")
    assert "import jobs and reports │ 0 │" in output
    assert archive.jobs() == {waiting, running}
    assert all(path.exists() for path in files)


def test_files_not_named_like_an_upload_are_left_alone(
    archive: Archive, database_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    stranger = archive.upload("notes", days_old=90)
    _purge(database_settings, monkeypatch, "--yes")
    assert stranger.exists()


def test_the_clauses_an_import_brought_in_stay_when_its_job_goes(
    client: TestClient,
    session: Session,
    archive: Archive,
    database_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    headers = auth(session, Role.moderator)
    upload = "external_id,title,text,language\nr-1,Telework,Telework is voluntary.,en\n"
    files = {"file": ("a.csv", upload, "text/csv")}
    job_id = client.post("/api/v1/imports", files=files, headers=headers).json()["id"]
    run_jobs(client)
    job = session.exec(select(ImportJob).where(col(ImportJob.public_id) == job_id)).one()
    job.finished_at = utcnow() - 40 * DAY
    session.add(job)
    session.commit()
    _purge(database_settings, monkeypatch, "--yes")
    assert archive.jobs() == set()
    assert client.get(f"/api/v1/imports/{job_id}", headers=headers).status_code == 404
    session.expire_all()
    assert session.exec(select(Clause.external_id)).all() == ["r-1"]


def test_the_retention_setting_is_honoured(
    archive: Archive, database_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    ten_days = archive.job(JobStatus.done, days_old=10)
    five_days = archive.job(JobStatus.done, days_old=5)
    _purge(database_settings, monkeypatch, "--yes")
    assert archive.jobs() == {ten_days, five_days}  # the default, 30 days, keeps both
    week = database_settings.model_copy(update={"retention_days": 7})
    output = _purge(week, monkeypatch, "--yes")
    assert "retention 7 days" in output
    assert archive.jobs() == {five_days}


def test_retention_defaults_to_30_days() -> None:
    assert Settings().retention_days == 30


@pytest.mark.parametrize("value", [0, -1, 3651])
def test_a_retention_out_of_range_is_refused(value: int) -> None:
    with pytest.raises(ValidationError, match="retention_days"):
        Settings(retention_days=value)


@pytest.mark.parametrize("value", ["0", "-5", "thirty", "1.5"])
def test_the_command_refuses_a_bad_retention_in_one_line(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMMONS_RETENTION_DAYS", value)
    monkeypatch.setattr(commons_cli, "get_settings", Settings)
    result = CliRunner().invoke(commons_cli.app, ["purge"])
    assert result.exit_code == 2
    assert result.output.startswith("COMMONS_RETENTION_DAYS: ")
