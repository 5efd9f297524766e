"""Each pupil's own settings (language, sound, text size, reading font, calmer motion, keys).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28

A classroom PC is shared: the child who reads Arabic and needs big text must get them back when
they tap their avatar, on any PC of the school, and the next child must not inherit them. So
the choices live with the pupil in the school store, not in the PC's settings file.

One row per pupil with the values as a JSON object (text, so SQLite and PostgreSQL store it the
same way; the game validates it on reading, so a hand-edited value never stops a child). The
``modified`` time lets a merged log from another PC carry settings over, newest wins. A hard
delete of the pupil removes the row (explicitly and by ``ON DELETE CASCADE``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pupil_settings",
        sa.Column("pupil_id", sa.String(36),
                  sa.ForeignKey("pupils.id", ondelete="CASCADE", name="fk_pupil_settings_pupil"),
                  primary_key=True),
        sa.Column("settings", sa.Text(), nullable=False),
        sa.Column("modified", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("pupil_settings")
