"""Tombstones for deleted pupils and classes, so a merged log cannot bring a child back.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02

A hard delete on the teacher's PC used to be undone by merging an older log from a pupil PC
that still held the child. Now a delete leaves a one-way hash of the random id (nothing that
names or describes the child), and merging skips records whose id is among them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "forgotten",
        sa.Column("id_hash", sa.String(64), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("forgotten")
