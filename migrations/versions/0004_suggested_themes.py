"""Suggested themes of imported drafts

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 00:06:05.630735
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('suggested_theme',
    sa.Column('clause_id', sa.Integer(), nullable=False),
    sa.Column('facet', sa.String(length=20), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('keywords', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['clause_id'], ['clause.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('clause_id', 'facet', 'code')
    )


def downgrade() -> None:
    op.drop_table('suggested_theme')
