"""Run API imports in the background, one at a time; a job cut short by a restart runs again.

Re-running is safe: the runner is idempotent (keyed by external id, else by content hash) and
commits whole batches, so a job interrupted half-way finishes without duplicates.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.affiliates.keys import Caller
from app.affiliates.models import Role
from app.clauses.models import utcnow
from app.imports.documents.agreement import AgreementMeta
from app.imports.errors import FileRefused
from app.imports.job_model import ImportJob, JobStatus
from app.imports.report import report_dict
from app.imports.runner import run_import
from app.imports.sources import file_rows
from app.taxonomy.model import Taxonomy

log = logging.getLogger(__name__)


def upload_path(upload_dir: Path, job: ImportJob) -> Path:
    return upload_dir / f"{job.public_id}.{job.format}"


class ImportWorker:
    """Takes queued (or interrupted) jobs from the database and runs them."""

    def __init__(self, engine: Engine, taxonomy: Taxonomy, upload_dir: Path) -> None:
        self.engine = engine
        self.taxonomy = taxonomy
        self.upload_dir = upload_dir
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def notify(self) -> None:
        self._wake.set()

    def start(self, interval_s: float = 2.0) -> None:
        def loop() -> None:
            while not self._stop.is_set():
                try:
                    while self.run_next():
                        pass
                except Exception:  # the worker must outlive one broken job
                    log.exception("import worker failed; retrying later")
                self._wake.wait(interval_s)
                self._wake.clear()

        self._thread = threading.Thread(target=loop, name="import-worker", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def run_next(self) -> bool:
        """Run the oldest waiting job; False when there is none."""
        with Session(self.engine) as session:
            job = session.exec(
                select(ImportJob)
                .where(col(ImportJob.status).in_([JobStatus.queued.value, JobStatus.running.value]))
                .order_by(col(ImportJob.id))
            ).first()
            if job is None:
                return False
            job.status, job.started_at = JobStatus.running, job.started_at or utcnow()
            session.add(job)
            session.commit()
            self._run(session, job)
            return True

    def _run(self, session: Session, job: ImportJob) -> None:
        path = upload_path(self.upload_dir, job)
        caller = Caller(
            role=Role(job.actor_role), affiliate_id=job.actor_affiliate_id, key_id=job.actor_key_id
        )
        job_id = job.id
        outcome: dict[str, object]
        try:
            meta = AgreementMeta.from_mapping(job.metadata_, "metadata")
            with file_rows(path, job.format, meta, self.taxonomy) as source:
                self._update(job_id, rows_total=source.total)
                report = run_import(
                    session, self.taxonomy, caller, source.rows, source=job.source,
                    dry_run=job.dry_run, publish=job.publish,
                    on_progress=lambda done: self._progress(job_id, done),
                )  # fmt: skip
                report.notes[:0] = source.notes
            outcome = {"status": JobStatus.done, "report": report_dict(report),
                       "rows_done": report.rows_read}  # fmt: skip
        except (FileRefused, OSError) as exc:
            session.rollback()
            outcome = {"status": JobStatus.failed, "error": str(exc)[:2000]}
        self._update(job_id, finished_at=utcnow(), **outcome)
        path.unlink(missing_ok=True)

    def _update(self, job_id: int | None, **values: object) -> None:
        with Session(self.engine) as session:
            job = session.get(ImportJob, job_id)
            if job is not None:
                for name, value in values.items():
                    setattr(job, name, value)
                session.add(job)
                session.commit()

    def _progress(self, job_id: int | None, done: int) -> None:
        # The runner reports once per committed batch, so each report is worth a write.
        self._update(job_id, rows_done=done)
