"""The school store's first schema: classes, pupils, lessons, activations, attempts, secret.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Frozen: this file describes the schema as the first release made it. Later changes are new
revisions, never edits here, so every store out there upgrades the same way.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = 36  # a UUID in text form


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "classes",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("modified", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "pupils",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("class_id", sa.String(ID),
                  sa.ForeignKey("classes.id", ondelete="CASCADE", name="fk_pupils_class"),
                  nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("avatar", sa.String(60), nullable=False),
        sa.Column("modified", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_pupils_class", "pupils", ["class_id"])
    op.create_table(
        "lessons",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("free_play", sa.Boolean(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("modified", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "lesson_levels",
        sa.Column("lesson_id", sa.String(ID),
                  sa.ForeignKey("lessons.id", ondelete="CASCADE", name="fk_lesson_levels_lesson"),
                  primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("level_id", sa.String(100), nullable=False),
    )
    op.create_table(
        "activations",
        sa.Column("class_id", sa.String(ID),
                  sa.ForeignKey("classes.id", ondelete="CASCADE", name="fk_activations_class"),
                  primary_key=True),
        sa.Column("lesson_id", sa.String(ID),
                  sa.ForeignKey("lessons.id", ondelete="CASCADE", name="fk_activations_lesson"),
                  nullable=False),
        sa.Column("activated", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("pupil_id", sa.String(ID),
                  sa.ForeignKey("pupils.id", ondelete="CASCADE", name="fk_attempts_pupil"),
                  nullable=True),
        sa.Column("level_id", sa.String(100), nullable=False),
        sa.Column("lesson_id", sa.String(ID), nullable=True),
        sa.Column("started", sa.DateTime(), nullable=False),
        sa.Column("ended", sa.DateTime(), nullable=True),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("stars", sa.Integer(), nullable=False),
        sa.Column("parts_used", sa.Integer(), nullable=False),
        sa.Column("tests_run", sa.Integer(), nullable=False),
        sa.Column("failed_tests", sa.Integer(), nullable=False),
        sa.Column("hints_used", sa.Integer(), nullable=False),
        sa.Column("resets", sa.Integer(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("build", sa.Text(), nullable=False),
        sa.Column("device", sa.String(64), nullable=False),
        sa.Column("modified", sa.DateTime(), nullable=False),
    )
    # The dashboard reads per (pupil, level) only these columns: with all of them in the index
    # it never touches the table itself (a covering index), which keeps a class of 30 fast on
    # a store of a million attempts.
    op.create_index("ix_attempts_dashboard", "attempts",
                    ["pupil_id", "level_id", "outcome", "stars", "failed_tests", "seconds",
                     "started", "ended"])
    op.create_table(
        "teacher_secret",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("scheme", sa.String(16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("r", sa.Integer(), nullable=False),
        sa.Column("p", sa.Integer(), nullable=False),
        sa.Column("salt", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(128), nullable=False),
        sa.Column("failed_tries", sa.Integer(), nullable=False),
        sa.Column("next_try_at", sa.Float(), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    for table in ("teacher_secret", "attempts", "activations", "lesson_levels", "lessons",
                  "pupils", "classes", "meta"):
        op.drop_table(table)
