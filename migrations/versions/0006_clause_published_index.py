"""An index on clause (published_at, id), for the newest published clauses

The Atom feeds list the clauses most recently published first; without this index the
database sorts every published clause for each feed read.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 17:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_clause_published_at_id", "clause", ["published_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_clause_published_at_id", table_name="clause")
