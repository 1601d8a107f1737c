"""Load our model clause library (clauses/*.md) as published model clauses; idempotent."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlmodel import Session

from app.affiliates.keys import Caller
from app.affiliates.models import Role
from app.clauses import repository as repo
from app.clauses import service
from app.clauses.models import ClauseKind, ClauseStatus, TranslationKind
from app.clauses.present import present_one
from app.clauses.schemas import ClauseCreate, ClauseUpdate
from app.errors import ProblemError
from app.taxonomy.model import Taxonomy

SEED_SOURCE = "seed"
SECRETARIAT = Caller(role=Role.admin)


class SeedError(Exception):
    """A model clause file is malformed or invalid."""


@dataclass
class SeedReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def read_clause_file(path: Path) -> tuple[str, ClauseCreate]:
    """Parse one Markdown file with YAML front matter into its id and clause."""
    raw = path.read_text(encoding="utf-8")
    if not raw.startswith("---"):
        raise SeedError(f"{path}: no front matter")
    _, front, body = raw.split("---", 2)
    try:
        meta: dict[str, Any] = yaml.safe_load(front) or {}
    except yaml.YAMLError as exc:
        raise SeedError(f"{path}: {exc}") from exc
    public_id = str(meta.pop("id", ""))
    if not public_id:
        raise SeedError(f"{path}: no id")
    translations = [
        {"language": lang, "kind": TranslationKind.official, **entry}
        for lang, entry in (meta.pop("translations", None) or {}).items()
    ]
    try:
        clause = ClauseCreate.model_validate(
            {
                **meta,
                "text": body.strip(),
                "external_id": public_id,
                "kind": meta.get("kind", ClauseKind.model),
                "status": ClauseStatus.published,
                "translations": translations,
            }
        )
    except ValidationError as exc:
        raise SeedError(f"{path}: {exc}") from exc
    return public_id, clause


def _differs(session: Session, public_id: str, wanted: ClauseCreate) -> bool:
    current = present_one(session, service.visible_clause(session, SECRETARIAT, public_id))
    have = current.model_dump(include=set(ClauseUpdate.model_fields) - {"agreement"})
    want = wanted.model_dump(include=set(ClauseUpdate.model_fields) - {"agreement"})
    want["themes"] = sorted(set(want["themes"]) | {s.split(".")[0] for s in want["subthemes"]})
    for name in ("subthemes", "lifecycle"):
        want[name] = sorted(want[name])
    want["translations"] = sorted(want["translations"], key=lambda t: t["language"])
    return bool(have != want)


def seed_clauses(session: Session, taxonomy: Taxonomy, directory: Path) -> SeedReport:
    """Create or update every model clause in `directory`; a second run changes nothing."""
    report = SeedReport()
    for path in sorted(directory.glob("*.md")):
        public_id, clause = read_clause_file(path)
        try:
            existing = repo.by_public_id(session, public_id)
            if existing is None:
                service.create_clause(
                    session, taxonomy, SECRETARIAT, clause, source=SEED_SOURCE, public_id=public_id
                )
                report.created += 1
            elif _differs(session, public_id, clause):
                changes = ClauseUpdate.model_validate(
                    clause.model_dump(include=set(ClauseUpdate.model_fields))
                )
                service.update_clause(session, taxonomy, SECRETARIAT, public_id, changes)
                report.updated += 1
            else:
                report.unchanged += 1
        except ProblemError as exc:
            raise SeedError(f"{path}: {exc.detail}") from exc
    session.commit()
    return report
