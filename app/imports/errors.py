"""Why a whole file is refused (a bad row is only rejected, see `model.RowError`).

ProblemError            (app.errors)
 ├── FileRefused        422: unreadable, unsafe or empty file; nothing was imported from it
 │                      (raised once rows flow, it stops the run: `ImportReport.stopped`)
 └── ImportInterrupted  409: a concurrent change stopped the run; committed batches stay
"""

from __future__ import annotations

from app.errors import ProblemError


class FileRefused(ProblemError):
    status = 422
    title = "File refused"


class ImportInterrupted(ProblemError):
    status = 409
    title = "Import interrupted"
