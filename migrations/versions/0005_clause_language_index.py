"""An index on clause (language, id), for the newest clauses in a language

Near-duplicates compare a submitted clause with the newest clauses in its language; without
this index the database sorts every published clause to find them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 12:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_clause_language_id", "clause", ["language", "id"])


def downgrade() -> None:
    op.drop_index("ix_clause_language_id", table_name="clause")
