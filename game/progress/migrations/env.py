"""Alembic's entry point for the school store.

The store hands Alembic an open connection (``config.attributes["connection"]``), so the
migration runs inside the store's own transaction and engine settings; there is no
``alembic.ini`` and no URL here. Offline (SQL script) mode is not used.
"""

from __future__ import annotations

from alembic import context


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:  # only reachable by running the alembic CLI by hand
        raise RuntimeError("run migrations through game.progress.sql.upgrade(engine)")
    # render_as_batch: SQLite cannot ALTER most things; batch mode copies the table instead.
    context.configure(connection=connection, target_metadata=None,
                      render_as_batch=connection.dialect.name == "sqlite",
                      transaction_per_migration=False)
    with context.begin_transaction():
        context.run_migrations()


# Alembic runs this file as a script; imported any other way (a test importing every module),
# it must do nothing. ``context.config`` exists only while Alembic runs it.
if hasattr(context, "config"):
    run_migrations()
