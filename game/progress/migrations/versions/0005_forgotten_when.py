"""Deletions travel between PCs: a tombstone knows when it was made.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

Deleting a pupil on one PC did not reach the others: their logs brought the child back to no
one, and the other PCs kept the child and their work. Now a log carries the tombstones (the
one-way hash of a deleted pupil's or class's id, nothing that names the child) and a merge
deletes what they name. ``deleted`` says when, for the teacher's report; tombstones made before
this revision have none (NULL) and travel all the same.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("forgotten") as batch:
        batch.add_column(sa.Column("deleted", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("forgotten") as batch:
        batch.drop_column("deleted")
