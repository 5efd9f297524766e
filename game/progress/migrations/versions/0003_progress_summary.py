"""A per-pupil, per-level summary of attempts, kept up to date on every save, for the dashboard.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03

Measured on 1 M attempts (bench/store.py): grouping a class's ~50 000 attempts on every look
took 60-70 ms on SQLite, over the 50 ms budget, and a live dashboard looks every few seconds.
The store now keeps one row per (pupil, level), recomputed in SQL from that pair's attempts
whenever one of them is saved (a few dozen rows, under a millisecond), so the dashboard reads
30 x 40 ready rows. The upgrade fills the table from the attempts already there.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "progress",
        sa.Column("pupil_id", sa.String(36),
                  sa.ForeignKey("pupils.id", ondelete="CASCADE", name="fk_progress_pupil"),
                  primary_key=True),
        sa.Column("level_id", sa.String(100), primary_key=True),
        sa.Column("best_stars", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("failed_tests", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("last_activity", sa.DateTime(), nullable=True),
        sa.Column("solved", sa.Integer(), nullable=False),
    )
    op.execute(
        "INSERT INTO progress (pupil_id, level_id, best_stars, attempts, failed_tests, seconds,"
        " last_activity, solved)"
        " SELECT pupil_id, level_id,"
        " max(CASE WHEN outcome = 'solved' THEN stars ELSE 0 END), count(*),"
        " sum(failed_tests), sum(seconds), max(coalesce(ended, started)),"
        " max(CASE WHEN outcome = 'solved' THEN 1 ELSE 0 END)"
        " FROM attempts WHERE pupil_id IS NOT NULL GROUP BY pupil_id, level_id")


def downgrade() -> None:
    op.drop_table("progress")
