"""A PIN per teacher, for a school server.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

On a school server every PC of the school shares one store, so one shared PIN (chosen by
whoever tapped the teacher button first) would open every class of the school. Each teacher
now has a row of their own: a name to tap on the PIN screen and their own scrypt hash (salt and
cost parameters beside it, as in ``teacher_secret``) with their own back-off, so a pupil trying
PINs at one teacher's name does not lock out the others. Teachers are added by the school's IT
from the command line (``techniekwerf teacher add-teacher NAME``), never from the game.

The PC's single PIN (``teacher_secret``) stays for a classroom PC's own store.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "teachers",
        sa.Column("name", sa.String(40), primary_key=True),
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
    op.drop_table("teachers")
