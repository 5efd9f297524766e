"""Attempts a save could not deliver, kept on this PC until the school store takes them.

A school server that does not answer, a store file locked for longer than a save may wait, a
full disk on the server: the pupil's attempt must not be lost, and the pupil must not wait.
:meth:`game.progress.sql.SqlSchoolStore.save_attempt` then writes the attempt here, a small
SQLite file in the data folder (``pending-attempts.db``, readable by this PC's user only), and
sends it later, oldest first, when the store answers again.

Why a SQLite file and not a text file: a kill -9 or a power cut in the middle of adding one
leaves it whole (SQLite's journal), and two games on one PC may add at the same time.

Each queued row is the attempt's whole database row at the moment of the save, with the time
of that save as its ``modified``: sending it is an upsert by the attempt's id that replaces only
an older version, so a row sent twice, or after a newer save of the same attempt, changes
nothing (no duplicates, nothing stale). Rows are kept per store (its address, without a
password), so an attempt waiting for the school server is never written into another store.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from game.progress.db import create_private

FILE = "pending-attempts.db"
_SCHEMA = """CREATE TABLE IF NOT EXISTS pending (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    store TEXT NOT NULL,
    attempt_id TEXT NOT NULL,
    row TEXT NOT NULL)"""


def _encode(row: dict[str, Any]) -> str:
    return json.dumps({k: (v.isoformat() if isinstance(v, datetime) else v)
                       for k, v in row.items()}, ensure_ascii=False, separators=(",", ":"))


_TIMES = ("started", "ended", "modified")


def _decode(text: str) -> dict[str, Any]:
    row = json.loads(text)
    for key in _TIMES:
        if row.get(key):
            row[key] = datetime.fromisoformat(row[key])
    return row


class PendingAttempts:
    """The queue file ``path``; every call opens it briefly (any thread may call)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        try:
            return self._open()
        except sqlite3.DatabaseError:  # not a database, or damaged: set aside, start anew
            self.set_aside()
            return self._open()

    def _open(self) -> sqlite3.Connection:
        create_private(self.path)
        conn = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute(_SCHEMA)
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError(f"{self.path} is damaged")
        except BaseException:
            conn.close()
            raise
        return conn

    def set_aside(self) -> Path | None:
        """Keep a damaged queue file beside, under a new name (what can still be read may be
        read from it by hand), and warn once; the next attempt starts a new file."""
        from game.settings import warn

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = self.path.with_name(f"{self.path.stem}.broken-{stamp}{self.path.suffix}")
        try:
            os.replace(self.path, copy)
        except OSError:
            return None
        for extra in ("-journal", "-wal", "-shm"):
            with suppress(OSError):
                os.replace(f"{self.path}{extra}", f"{copy}{extra}")
        warn(f"{self.path} was damaged; it is kept as {copy.name} and a new one is started")
        return copy

    def add(self, store: str, row: dict[str, Any]) -> None:
        """Keep one attempt row (committed, on the disk, when this returns)."""
        conn = self._connect()
        try:
            conn.execute("INSERT INTO pending (store, attempt_id, row) VALUES (?, ?, ?)",
                         (store, row["id"], _encode(row)))
        finally:
            conn.close()

    def count(self, store: str) -> int:
        """Attempts waiting for ``store`` (each attempt once, however often it was saved)."""
        if not self.path.exists():
            return 0
        conn = self._connect()
        try:
            return int(conn.execute("SELECT COUNT(DISTINCT attempt_id) FROM pending "
                                    "WHERE store = ?", (store,)).fetchone()[0])
        finally:
            conn.close()

    def take(self, store: str) -> tuple[int, list[dict[str, Any]]]:
        """The newest row of each waiting attempt, in the order they were saved, and the last
        sequence number read (for :meth:`done`). Rows that cannot be read are dropped."""
        if not self.path.exists():
            return 0, []
        conn = self._connect()
        try:
            rows = conn.execute("SELECT seq, attempt_id, row FROM pending WHERE store = ? "
                                "ORDER BY seq", (store,)).fetchall()
        finally:
            conn.close()
        latest: dict[str, dict[str, Any]] = {}
        for _seq, attempt_id, text in rows:
            try:
                latest.pop(attempt_id, None)  # the later save moves it to its place in line
                latest[attempt_id] = _decode(text)
            except (ValueError, TypeError):
                continue
        return (rows[-1][0] if rows else 0), list(latest.values())

    def done(self, store: str, upto: int) -> None:
        """The rows up to ``upto`` reached the store: they go (later ones stay)."""
        conn = self._connect()
        try:
            conn.execute("DELETE FROM pending WHERE store = ? AND seq <= ?", (store, upto))
        finally:
            conn.close()
