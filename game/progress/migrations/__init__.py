"""Alembic migrations of the school store, shipped inside the package so an installed game
can upgrade a store without the source tree. Run by :func:`game.progress.sql.upgrade`."""
