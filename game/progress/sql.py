"""The school store in a database: SQLite on one PC, or PostgreSQL on a school server.

This is the only module (with :mod:`game.progress.db` and the migrations) that speaks SQL; the
rest of the game sees :class:`game.progress.api.SchoolStore` and plain records.

Decisions worth knowing:

- **Core, not ORM sessions**: every method is one short transaction that is committed when the
  method returns, so a pupil's attempt is on disk the moment ``save_attempt`` returns and no
  half-done unit of work can outlive a crash.
- **Hard deletes really delete**: deleting a class or a pupil removes their attempts in the same
  transaction (explicitly, and again by ``ON DELETE CASCADE``), and leaves only an anonymous
  tombstone (a salted-free SHA-256 of the random id) so that merging an old log from another
  PC cannot bring the child back.
- **The end-of-school-year purge** removes every pupil, every attempt (the guest's too) and
  every class's active lesson, and keeps the class names, the lessons and the teacher's PIN:
  in September the teacher re-uses "groep 5b" and the lessons they composed, with new children.
- **Time on task** is stored per attempt (``seconds``), so the dashboard can sum it in SQL on
  SQLite and PostgreSQL alike without date arithmetic.
- **Times** are kept as UTC; records always carry timezone-aware datetimes.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from game.progress import db
from game.progress.logfile import (
    FORGOTTEN,
    LOG_FORMAT,
    LOG_VERSION,
    MAX_SETTINGS,
    LogError,
    LogReader,
    LogWriter,
    reason_of,
)
from game.progress.records import (
    ATTEMPT_COUNTS,
    MAX_AVATAR,
    MAX_CLASS_NAME,
    MAX_LESSON_TITLE,
    MAX_PUPIL_NAME,
    NEEDS_HELP_AFTER,
    OF_DELETED,
    OF_DOUBLE_CLASS,
    OF_DOUBLE_PUPIL,
    OF_UNKNOWN,
    Attempt,
    BuildPiece,
    CellStatus,
    ClassGroup,
    Dashboard,
    DuplicateName,
    Lesson,
    MergeReport,
    Outcome,
    ProgressCell,
    Pupil,
    StoreError,
    check_avatar,
    clean_name,
    kept_count,
    kept_seconds,
    name_key,
    name_sort_key,
    new_id,
    now,
    total_seconds,
)
from game.progress.secret import OWASP, Cost, HashedSecret, hash_secret, verify_secret, wait_after

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql, sqlite

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: A pupil's save: the longest this side waits for the store (SQLite's lock, a server's
#: statement) per try, the pauses between tries, and how long after a failed save the next
#: saves go straight to the pending queue before the store is tried again (in the background).
SAVE_LIMIT = 5.0
SAVE_BUSY_MS = 1_500
SAVE_PAUSES = (0.1, 0.3)
RETRY_AFTER = 30.0
SECRET_ROW = 1
MAX_TEACHER_NAME = 40
GUEST_IMPORT_KEY = "guest-json-imported"
NAMES_LOCK = 7246552  # PostgreSQL: one writer at a time checks names for doubles
MERGE_BATCH = 2_000  # rows of the store read per batch when a log is written
#: A merge commits every MERGE_COMMIT records of a log, so a big merge never holds the store
#: for long: a pupil's save waits at most for one batch (see :meth:`SqlSchoolStore.
#: merge_log_report`).
MERGE_COMMIT = 500
#: On SQLite (one writer at a time) a merge lets the lock go for MERGE_PAUSE seconds after
#: each MERGE_HOLD seconds of writing: a waiting save polls the lock at least every 0.1 s (the
#: busy handler's longest sleep), so it gets in during the pause instead of waiting for the
#: whole merge or failing with "database is locked". A save waits SAVE_BUSY_MS for the lock
#: (then tries again), so a merge holds it well under that. It costs a big merge a fifth more.
MERGE_HOLD = 0.5
MERGE_PAUSE = 0.12
SCHOOL_KEY = "school_id"  # meta: the school this store belongs to (a random id)
OTHER_SCHOOL_KEY = "school-also:"  # meta: + the id of another school the teacher merged
__all__ = ["LOG_FORMAT", "LOG_VERSION", "LogError", "StoreError", "StoreTooNew",
           "SqlSchoolStore"]


class NoSuchTeacher(StoreError):
    """No teacher of that name on this store."""


class TeacherExists(StoreError):
    """A second teacher with the same name (they would not be told apart on the PIN screen)."""


class OtherSchool(LogError):
    """A log of another school: merged only when the teacher says so."""


class StoreTooNew(StoreError):
    """The store was made by a newer version of the game; it is left exactly as it is."""


# --- the schema as this version knows it (the migrations build it; a test compares) ---------


class UTCDateTime(sa.TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out; stored as naive UTC on every backend.

    A naive datetime given to the store is taken to be UTC already.
    """

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # an aggregate SQLite returned as text
            value = datetime.fromisoformat(value)
        return value.replace(tzinfo=timezone.utc)


ID = 36
metadata = sa.MetaData()

meta_t = sa.Table(
    "meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text(), nullable=False),
)
classes_t = sa.Table(
    "classes", metadata,
    sa.Column("id", sa.String(ID), primary_key=True),
    sa.Column("name", sa.String(MAX_CLASS_NAME), nullable=False),
    sa.Column("created", UTCDateTime(), nullable=False),
    sa.Column("modified", UTCDateTime(), nullable=False),
)
pupils_t = sa.Table(
    "pupils", metadata,
    sa.Column("id", sa.String(ID), primary_key=True),
    sa.Column("class_id", sa.String(ID),
              sa.ForeignKey("classes.id", ondelete="CASCADE", name="fk_pupils_class"),
              nullable=False),
    sa.Column("name", sa.String(MAX_PUPIL_NAME), nullable=False),
    sa.Column("avatar", sa.String(MAX_AVATAR), nullable=False),
    sa.Column("modified", UTCDateTime(), nullable=False),
    sa.Index("ix_pupils_class", "class_id"),
)
lessons_t = sa.Table(
    "lessons", metadata,
    sa.Column("id", sa.String(ID), primary_key=True),
    sa.Column("title", sa.String(MAX_LESSON_TITLE), nullable=False),
    sa.Column("free_play", sa.Boolean(), nullable=False),
    sa.Column("created", UTCDateTime(), nullable=False),
    sa.Column("modified", UTCDateTime(), nullable=False),
)
lesson_levels_t = sa.Table(
    "lesson_levels", metadata,
    sa.Column("lesson_id", sa.String(ID),
              sa.ForeignKey("lessons.id", ondelete="CASCADE", name="fk_lesson_levels_lesson"),
              primary_key=True),
    sa.Column("position", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("level_id", sa.String(100), nullable=False),
)
activations_t = sa.Table(
    "activations", metadata,
    sa.Column("class_id", sa.String(ID),
              sa.ForeignKey("classes.id", ondelete="CASCADE", name="fk_activations_class"),
              primary_key=True),
    sa.Column("lesson_id", sa.String(ID),
              sa.ForeignKey("lessons.id", ondelete="CASCADE", name="fk_activations_lesson"),
              nullable=False),
    sa.Column("activated", UTCDateTime(), nullable=False),
)
attempts_t = sa.Table(
    "attempts", metadata,
    sa.Column("id", sa.String(ID), primary_key=True),
    sa.Column("pupil_id", sa.String(ID),
              sa.ForeignKey("pupils.id", ondelete="CASCADE", name="fk_attempts_pupil"),
              nullable=True),
    sa.Column("level_id", sa.String(100), nullable=False),
    sa.Column("lesson_id", sa.String(ID), nullable=True),  # no FK: a lesson may be deleted
    sa.Column("started", UTCDateTime(), nullable=False),
    sa.Column("ended", UTCDateTime(), nullable=True),
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
    sa.Column("modified", UTCDateTime(), nullable=False),
    sa.Index("ix_attempts_dashboard", "pupil_id", "level_id", "outcome", "stars",
             "failed_tests", "seconds", "started", "ended"),
)


def _secret_columns() -> list[sa.Column]:
    """A hashed PIN with its back-off: the classroom PC's one PIN, or one teacher's."""
    return [
        sa.Column("scheme", sa.String(16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("r", sa.Integer(), nullable=False),
        sa.Column("p", sa.Integer(), nullable=False),
        sa.Column("salt", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(128), nullable=False),
        sa.Column("failed_tries", sa.Integer(), nullable=False),
        sa.Column("next_try_at", sa.Float(), nullable=False),
        sa.Column("set_at", UTCDateTime(), nullable=False),
    ]


secret_t = sa.Table(
    "teacher_secret", metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
    *_secret_columns(),
)
progress_t = sa.Table(
    "progress", metadata,
    sa.Column("pupil_id", sa.String(ID),
              sa.ForeignKey("pupils.id", ondelete="CASCADE", name="fk_progress_pupil"),
              primary_key=True),
    sa.Column("level_id", sa.String(100), primary_key=True),
    sa.Column("best_stars", sa.Integer(), nullable=False),
    sa.Column("attempts", sa.Integer(), nullable=False),
    sa.Column("failed_tests", sa.Integer(), nullable=False),
    sa.Column("seconds", sa.Float(), nullable=False),
    sa.Column("last_activity", UTCDateTime(), nullable=True),
    sa.Column("solved", sa.Integer(), nullable=False),
)
pupil_settings_t = sa.Table(
    "pupil_settings", metadata,
    sa.Column("pupil_id", sa.String(ID),
              sa.ForeignKey("pupils.id", ondelete="CASCADE", name="fk_pupil_settings_pupil"),
              primary_key=True),
    sa.Column("settings", sa.Text(), nullable=False),  # a JSON object, checked by the game
    sa.Column("modified", UTCDateTime(), nullable=False),
)
teachers_t = sa.Table(  # a school server: one PIN per teacher (revision 0006)
    "teachers", metadata,
    sa.Column("name", sa.String(MAX_TEACHER_NAME), primary_key=True),
    *_secret_columns(),
)
forgotten_t = sa.Table(
    "forgotten", metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),
    sa.Column("deleted", UTCDateTime(), nullable=True),  # when (NULL: before revision 0005)
)

OUR_TABLES = frozenset(t.name for t in metadata.sorted_tables)


# --- migrations --------------------------------------------------------------------------------


def _alembic_config(connection: Connection | None = None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@functools.cache
def _scripts() -> Any:
    """Alembic's view of the migration files, read once per process: they are part of the
    installed game and do not change while it runs (each new ScriptDirectory imports every
    file again, which made up most of opening a new store)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config())


@functools.cache
def _revisions() -> tuple[str, ...]:
    return tuple(rev.revision for rev in reversed(list(_scripts().walk_revisions())))


def known_revisions() -> list[str]:
    """Every schema revision this version can read, oldest first."""
    return list(_revisions())


def head_revision() -> str:
    return known_revisions()[-1]


def schema_revision(connection: Connection) -> str | None:
    """The revision the store is at (None: an empty database)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _check_version(connection: Connection) -> str | None:
    """Refuse, without changing anything, a store this version cannot read."""
    current = schema_revision(connection)
    if current is None:
        found = set(sa.inspect(connection).get_table_names()) & OUR_TABLES
        if found:
            raise StoreError("this database holds tables that are not a Techniekwerf store "
                             f"({', '.join(sorted(found))}); choose another database")
        return None
    if current not in known_revisions():
        raise StoreTooNew(f"this school store was made by a newer version of Techniekwerf "
                          f"(schema {current}); update the game on this PC to open it")
    return current


def upgrade(engine: Engine, target: str = "head") -> None:
    """Bring the store to ``target`` (the newest schema by default), refusing newer stores.

    Runs in one transaction that holds the write lock (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL:
    an advisory lock), so two PCs opening a new server store at once migrate it once.
    A store at the newest schema already (the usual case) costs one query, without Alembic.
    """
    if target == "head" and db.schema_is(engine, db.newest_revision(MIGRATIONS / "versions")):
        return
    with engine.connect() as conn:
        _check_version(conn)  # read only: a newer store is refused before anything is written
    if db.is_sqlite(engine):
        db.prepare_sqlite(engine)
    with engine.connect() as conn:
        conn.execution_options(**db.write_options(), **{db.LIMIT: db.BULK_LIMIT})
        with conn.begin():
            if conn.dialect.name == "postgresql":  # a migration of a big store takes long
                conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(7246551)"))
            current = _check_version(conn)
            if current == head_revision() and target == "head":
                return
            _run_upgrade(conn, target)


def _has_upgrade_step(script: Any) -> bool:
    """Whether Alembic has the step its upgrade command takes (``_upgrade_revs``, not public:
    a release may rename it)."""
    return hasattr(script, "_upgrade_revs")


def _run_upgrade(conn: Connection, target: str) -> None:
    """What ``alembic.command.upgrade`` does, with the migration files read once per process
    (:func:`_scripts`) and migrations/env.py's steps called rather than its file run again."""
    from alembic.runtime.environment import EnvironmentContext

    from game.progress.migrations import env

    script = _scripts()
    if not _has_upgrade_step(script):  # then Alembic's own command, which reads the files
        from alembic import command

        command.upgrade(_alembic_config(conn), target)
        return

    def steps(revision: Any, _context: Any) -> Any:
        return script._upgrade_revs(target, revision)

    with EnvironmentContext(_alembic_config(conn), script, fn=steps, as_sql=False,
                            starting_rev=None, destination_rev=target, tag=None):
        env.run_migrations()


# --- the dashboard's summary: one row per (pupil, level), derived from the attempts ---------------


def _summary_select(where: Any) -> sa.Select:
    """The aggregate the dashboard shows, computed in SQL from the attempts matching ``where``."""
    a = attempts_t.c
    solved = a.outcome == Outcome.SOLVED.value
    return (sa.select(a.pupil_id, a.level_id,
                      sa.func.max(sa.case((solved, a.stars), else_=0)),
                      sa.func.count(),
                      sa.func.sum(a.failed_tests),
                      sa.func.sum(a.seconds),
                      sa.func.max(sa.func.coalesce(a.ended, a.started)),
                      sa.func.max(sa.case((solved, 1), else_=0)))
            .where(where).group_by(a.pupil_id, a.level_id))


_SUMMARY_COLUMNS = ["pupil_id", "level_id", "best_stars", "attempts", "failed_tests", "seconds",
                    "last_activity", "solved"]
_PAIR = sa.and_(attempts_t.c.pupil_id == sa.bindparam("p"),
                attempts_t.c.level_id == sa.bindparam("l"))
_REFRESH_DELETE = progress_t.delete().where(progress_t.c.pupil_id == sa.bindparam("p"),
                                            progress_t.c.level_id == sa.bindparam("l"))


#: upsert statements by (server?, table, columns set, keys, newer only): see _upsert
_UPSERTS: dict[tuple, Any] = {}


def _dialect_insert(dialect: str, table: sa.Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT of ``table`` in the dialect's own form, which knows ON CONFLICT (PostgreSQL's
    and SQLite's are two classes with the same methods)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


def _refresh_insert(dialect: str) -> Any:
    """INSERT ... SELECT the pair's aggregate; an upsert, so two PCs saving for the same pupil
    and level at once on a school server both succeed (the later one counts both attempts)."""
    stmt = _dialect_insert(dialect, progress_t).from_select(_SUMMARY_COLUMNS,
                                                            _summary_select(_PAIR))
    return stmt.on_conflict_do_update(
        index_elements=[progress_t.c.pupil_id, progress_t.c.level_id],
        set_={c: stmt.excluded[c] for c in _SUMMARY_COLUMNS[2:]})
REBUILD_ABOVE = 5_000  # more pairs than this: rebuilding the whole summary is quicker


def _refresh_summary(conn: Connection, pairs: Iterable[tuple[str | None, str]]) -> None:
    """Recompute the summary rows of these (pupil, level) pairs (the guest has none)."""
    params = [{"p": p, "l": lv} for p, lv in set(pairs) if p is not None]
    if not params:
        return
    if len(params) > REBUILD_ABOVE:
        rebuild_summary(conn)
        return
    conn.execute(_REFRESH_DELETE, params)  # a pair with no attempts left has no row
    insert = _refresh_insert(conn.dialect.name)
    for pair in params:  # INSERT ... SELECT cannot be batched as one executemany everywhere
        conn.execute(insert, pair)


def rebuild_summary(conn: Connection) -> None:
    """The whole summary again from the attempts (after bulk imports; a repair tool)."""
    conn.execute(progress_t.delete())
    conn.execute(progress_t.insert().from_select(
        _SUMMARY_COLUMNS, _summary_select(attempts_t.c.pupil_id.is_not(None))))


# --- rows and records ----------------------------------------------------------------------------


def _forget_hash(record_id: str) -> str:
    """What a deleted record leaves behind: a one-way hash of its random id, nothing else."""
    return hashlib.sha256(f"techniekwerf-forgotten:{record_id}".encode()).hexdigest()


def _busy_timeout(conn: Connection, ms: int) -> None:
    """How long SQLite waits for its lock on this connection, set on the driver's own
    connection (a PRAGMA through SQLAlchemy would begin a transaction)."""
    raw = conn.connection.dbapi_connection
    if raw is not None:  # None only once the connection is closed
        raw.execute(f"PRAGMA busy_timeout={ms}")


@overload
def _utc(value: datetime) -> datetime: ...
@overload
def _utc(value: None) -> None: ...
@overload
def _utc(value: datetime | None) -> datetime | None: ...
def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def _clean_name(name: str, limit: int, what: str) -> str:
    """The store's one rule for names (:func:`game.progress.records.clean_name`)."""
    return clean_name(name, what, limit)


def _build_json(build: Iterable[BuildPiece]) -> str:
    return json.dumps([{"kind": p.kind, "at": [int(p.at[0]), int(p.at[1])],
                        "rotation": int(p.rotation), "on": bool(p.on), "broken": bool(p.broken),
                        "placed": bool(p.placed),
                        **({"params": dict(p.params)} if p.params else {})}
                       for p in build], separators=(",", ":"))


def _params_from(raw: object) -> tuple[tuple[str, int | bool], ...]:
    """A stored part's options; anything that is not a short name with a number or
    true/false is left out."""
    if not isinstance(raw, dict):
        return ()
    return tuple(sorted((k, v) for k, v in raw.items() if isinstance(k, str) and len(k) <= 20
                        and (isinstance(v, bool) or (isinstance(v, int) and abs(v) < 10**6))))


def _build_from(text: str | None) -> tuple[BuildPiece, ...]:
    """The build back; pieces that do not parse are left out rather than hiding the attempt."""
    try:
        raw = json.loads(text or "[]")
    except ValueError:
        return ()
    pieces = []
    for item in raw if isinstance(raw, list) else ():
        try:
            pieces.append(BuildPiece(kind=str(item["kind"]),
                                     at=(int(item["at"][0]), int(item["at"][1])),
                                     rotation=int(item.get("rotation", 0)),
                                     on=bool(item.get("on", True)),
                                     broken=bool(item.get("broken", False)),
                                     placed=bool(item.get("placed", True)),
                                     params=_params_from(item.get("params"))))
        except (KeyError, TypeError, ValueError, IndexError, OverflowError):
            continue
    return tuple(pieces)


def _outcome(value: str) -> Outcome:
    try:
        return Outcome(value)
    except ValueError:
        return Outcome.BUSY


def _attempt_row(a: Attempt, device: str, modified: datetime) -> dict[str, Any]:
    started = _utc(a.started) or now()
    ended = _utc(a.ended)
    seconds = kept_seconds((ended - started).total_seconds()) if ended else 0.0
    outcome = Outcome(a.outcome)
    return {
        "id": a.id, "pupil_id": a.pupil_id, "level_id": a.level_id, "lesson_id": a.lesson_id,
        "started": started, "ended": ended, "seconds": seconds, "outcome": outcome.value,
        **{name: kept_count(getattr(a, name), name) for name in ATTEMPT_COUNTS},
        "answer": a.answer,
        "build": _build_json(a.build), "device": (a.device or device)[:64],
        "modified": modified,
    }


def _attempt_of(row: Any) -> Attempt:
    return Attempt(
        id=row.id, pupil_id=row.pupil_id, level_id=row.level_id, lesson_id=row.lesson_id,
        started=row.started, ended=row.ended, outcome=_outcome(row.outcome), stars=row.stars,
        parts_used=row.parts_used, tests_run=row.tests_run, failed_tests=row.failed_tests,
        hints_used=row.hints_used, resets=row.resets, answer=row.answer,
        build=_build_from(row.build), device=row.device)


def _class_of(row: Any) -> ClassGroup:
    return ClassGroup(id=row.id, name=row.name, created=row.created)


def _pupil_of(row: Any) -> Pupil:
    return Pupil(id=row.id, class_id=row.class_id, name=row.name, avatar=row.avatar)


def _sorted_pupils(pupils: Iterable[Pupil]) -> list[Pupil]:
    """By name as a reader sorts ("Ömer" before "Zoë"), then avatar, then id: one order on
    every screen and in every export."""
    return sorted(pupils, key=lambda p: (name_sort_key(p.name), p.avatar, p.id))


# --- the store --------------------------------------------------------------------------------


class SqlSchoolStore:
    """:class:`~game.progress.api.SchoolStore` on SQLAlchemy.

    ``target`` is a database URL (``sqlite:///...``, ``postgresql+psycopg://...``), a data
    folder (the store is ``techniekwerf.db`` in it), a ``.db`` file, an Engine, or None for
    this PC's default store. Opening migrates an older store and refuses a newer one
    (:class:`StoreTooNew`). ``clock`` gives wall-clock seconds for the PIN back-off (it must
    survive a restart, so it is real time, not the game's clock); ``secret_cost`` exists for
    tests only: the game always hashes with OWASP's scrypt parameters.
    """

    def __init__(self, target: str | os.PathLike[str] | Engine | None = None, *,
                 device_id: str | None = None, clock: Callable[[], float] = time.time,
                 secret_cost: Cost = OWASP, pending: str | os.PathLike[str] | None = None,
                 check: bool = False,
                 on_pending: Callable[[int, db.StoreProblem | None], None] | None = None) -> None:
        if isinstance(target, Engine):
            self.engine = target
            self._owns_engine = False
        else:
            url = db.resolve_url(target)
            try:
                self.engine = db.make_engine(url)
            except OSError as exc:  # the store's folder or file cannot be made
                raise db.explain(exc, sa.create_engine(url)) or exc from None
            self._owns_engine = True
        self.url = self.engine.url.render_as_string(hide_password=True)
        self.where = db.where_of(self.engine)  # the file or server a message names
        # which store an attempt in the pending queue waits for: the same file or server
        # however its address was written (a folder, a path, a URL with other options)
        self.queue_key = db.store_key(self.engine)
        self._clock = clock
        self._cost = secret_cost
        self._pg = self.engine.dialect.name == "postgresql"
        # attempts a save could not deliver wait here (see game.progress.pending): in
        # ``pending`` (a folder: its pending-attempts.db), else beside a store file
        self.pending = self._pending_queue(pending)
        self.on_pending = on_pending  # told (count, problem) when the queue grows or empties
        self._waiting = 0  # attempts in the queue for this store
        self._failed_at: float | None = None  # monotonic time of the last failed delivery
        self._sender: threading.Thread | None = None
        self._send_lock = threading.Lock()
        try:
            try:
                if check:
                    db.quick_check(self.engine)
                upgrade(self.engine)
                self.device_id = device_id or self._device_id()
            except Exception as exc:
                raise db.explain(exc, self.engine) or exc from None
            if self.pending is not None:
                self._waiting = self.pending.count(self.queue_key)
        except Exception:
            self.close()
            raise

    def _pending_queue(self, pending: str | os.PathLike[str] | None) -> Any:
        from game.progress.pending import FILE, PendingAttempts

        if pending is not None:
            path = Path(pending)
            return PendingAttempts(path if path.suffix == ".db" else path / FILE)
        if not self._pg and self.where != ":memory:" and not self.url.endswith(":memory:"):
            return PendingAttempts(Path(self.where).parent / FILE)
        return None

    @classmethod
    def default(cls, folder: str | os.PathLike[str] | None = None) -> SqlSchoolStore:
        """This PC's own store, ``<data folder>/techniekwerf.db``."""
        return cls(db.default_url(folder))

    # --- plumbing ---------------------------------------------------------------------------
    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A connection for reading. A problem of the file or the server (damaged, locked,
        no answer...) comes out as one :class:`~game.progress.db.StoreProblem` line."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except sa.exc.SQLAlchemyError as exc:
            raise db.explain(exc, self.engine) or exc from None

    @contextmanager
    def _write(self, limit: float | None = None, bulk: bool = False) -> Iterator[Connection]:
        """One committed transaction; it holds the write lock from its first statement.
        ``limit``: seconds this operation may wait for the store per statement (SQLite's lock,
        a server's answer) instead of the usual ten and more, for a pupil's save. ``bulk``:
        a big job (a million attempts, the year's purge) whose statements may run long: no
        statement timeout on the server, an hour for the watchdog."""
        try:
            with self.engine.connect() as conn:
                options = db.write_options()
                if bulk:
                    options[db.LIMIT] = db.BULK_LIMIT
                if limit is not None:
                    options[db.LIMIT] = limit
                    if not self._pg:
                        _busy_timeout(conn, SAVE_BUSY_MS)
                conn.execution_options(**options)
                try:
                    with conn.begin():
                        if limit is not None and self._pg:  # a lock is "busy", tried again
                            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {SAVE_BUSY_MS}")
                        if bulk and self._pg:
                            conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
                        yield conn
                finally:
                    if limit is not None and not self._pg:
                        with suppress(Exception):
                            _busy_timeout(conn, db.BUSY_TIMEOUT_MS)
        except sa.exc.SQLAlchemyError as exc:
            raise db.explain(exc, self.engine) or exc from None

    def check_integrity(self) -> None:
        """SQLite's quick check of the store file (a no-op on a school server): a
        :class:`~game.progress.db.StoreDamaged` naming the file when it is damaged."""
        db.quick_check(self.engine)

    def _insert(self, table: sa.Table) -> Any:
        return _dialect_insert("postgresql" if self._pg else "sqlite", table)

    def _upsert(self, conn: Connection, table: sa.Table, rows: list[dict[str, Any]],
                keys: tuple[str, ...] = ("id",), newer_only: bool = False) -> None:
        """Insert or update by key; with ``newer_only`` an update needs a later ``modified``."""
        if not rows:
            return
        columns = tuple(c for c in rows[0] if c not in keys)
        shape = (self._pg, table.name, columns, keys, newer_only)
        stmt = _UPSERTS.get(shape)
        if stmt is None:  # the same few statements over and over: each is made once
            stmt = self._insert(table)
            where = (stmt.excluded.modified > table.c.modified) if newer_only else None
            if columns:
                stmt = stmt.on_conflict_do_update(
                    index_elements=[table.c[k] for k in keys],
                    set_={c: stmt.excluded[c] for c in columns}, where=where)
            else:
                stmt = stmt.on_conflict_do_nothing(index_elements=[table.c[k] for k in keys])
            _UPSERTS[shape] = stmt
        conn.execute(stmt, rows)

    def _device_id(self) -> str:
        """Which PC logs: a random id kept in the store of this PC. On a school server the
        store is shared, so the id comes from this machine instead (a hash, not its address)."""
        if self._pg:
            return str(uuid.uuid5(uuid.NAMESPACE_OID, f"techniekwerf-pc:{uuid.getnode()}"))
        with self._read() as conn:  # kept already (the usual case): no write lock to open
            value = conn.execute(sa.select(meta_t.c.value)
                                 .where(meta_t.c.key == "device_id")).scalar()
        if value is not None:
            return value
        with self._write() as conn:
            value = conn.execute(sa.select(meta_t.c.value)
                                 .where(meta_t.c.key == "device_id")).scalar()
            if value is None:
                value = new_id()
                conn.execute(meta_t.insert().values(key="device_id", value=value))
        return value

    def storage_bytes(self) -> int:
        """How much disk the store takes (for the benchmark and the teacher's curiosity)."""
        with self._read() as conn:
            if not self._pg:
                pages = conn.exec_driver_sql("PRAGMA page_count").scalar() or 0
                return int(pages) * int(conn.exec_driver_sql("PRAGMA page_size").scalar() or 0)
            total = 0
            for table in metadata.sorted_tables:
                total += int(conn.execute(sa.select(sa.func.pg_total_relation_size(
                    sa.func.to_regclass(table.name)))).scalar() or 0)
            return total

    def close(self) -> None:
        if self._owns_engine:
            self.engine.dispose()

    def __enter__(self) -> SqlSchoolStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- teacher secret -------------------------------------------------------------------
    # The PC's own PIN (``teacher_secret``, one row) or, on a school server, one PIN per
    # teacher (``teachers``, by name): the same scrypt hash and back-off for both. ``teacher``
    # None means the PC's PIN.
    @property
    def is_server(self) -> bool:
        """A school server shared by every PC: it needs a PIN per teacher, never one PIN."""
        return self._pg

    def _secret_row(self, teacher: str | None) -> tuple[sa.Table, Any]:
        if teacher is None:
            return secret_t, secret_t.c.id == SECRET_ROW
        return teachers_t, teachers_t.c.name == teacher

    def has_secret(self, teacher: str | None = None) -> bool:
        table, where = self._secret_row(teacher)
        with self._read() as conn:
            return conn.execute(sa.select(table.c.set_at).where(where)).first() is not None

    @staticmethod
    def _hashed_row(hashed: HashedSecret) -> dict[str, Any]:
        return {"scheme": hashed.scheme, "n": hashed.n, "r": hashed.r, "p": hashed.p,
                "salt": hashed.salt.hex(), "hash": hashed.hash.hex(), "failed_tries": 0,
                "next_try_at": 0.0, "set_at": now()}

    def set_secret(self, secret: str, teacher: str | None = None) -> None:
        """Hash and keep a new PIN or password (at least 4 characters); resets the back-off.
        For a ``teacher`` who is not in the store, a :class:`NoSuchTeacher`."""
        hashed = self._hashed_row(hash_secret(secret, self._cost))
        with self._write() as conn:
            if teacher is None:
                self._upsert(conn, secret_t, [{"id": SECRET_ROW, **hashed}])
            elif conn.execute(teachers_t.update().where(teachers_t.c.name == teacher)
                              .values(**hashed)).rowcount != 1:
                raise NoSuchTeacher(f"no teacher called {teacher!r}")

    def teacher_names(self) -> list[str]:
        """The teachers of a school server, as a reader sorts them (the PIN screen's list)."""
        with self._read() as conn:
            names = conn.execute(sa.select(teachers_t.c.name)).scalars().all()
        return sorted(names, key=lambda n: (n.casefold(), n))

    def add_teacher(self, name: str, secret: str) -> str:
        """A teacher with their own PIN; the name is what they tap on the PIN screen."""
        name = _clean_name(name, MAX_TEACHER_NAME, "teacher's name")
        hashed = self._hashed_row(hash_secret(secret, self._cost))
        with self._write() as conn:
            taken = conn.execute(sa.select(teachers_t.c.name)).scalars().all()
            if any(t.casefold() == name.casefold() for t in taken):
                raise TeacherExists(f"there is already a teacher called {name!r}")
            conn.execute(teachers_t.insert().values(name=name, **hashed))
        return name

    def delete_teacher(self, name: str) -> None:
        with self._write() as conn:
            if conn.execute(teachers_t.delete().where(teachers_t.c.name == name)).rowcount != 1:
                raise NoSuchTeacher(f"no teacher called {name!r}")

    def check_secret(self, secret: str, teacher: str | None = None) -> bool:
        """True for the right secret. While the back-off runs every try is refused unchecked
        (and not counted); a wrong try doubles the wait, a right one clears it. Each teacher
        of a school server has their own back-off.

        The back-off lives in the store, so every game and command on every PC shares it: a
        try is *claimed* in one write transaction (counted as wrong, and the next try put off)
        before the slow hash is checked, and only a right PIN clears the count afterwards.
        Six guessers at once (six windows, six PCs) get one try between them, not six."""
        table, where = self._secret_row(teacher)
        with self._write() as conn:
            # FOR UPDATE: a second PC's claim waits for this one and then reads its count
            # (SQLite's write transaction holds the whole file already)
            row = conn.execute(sa.select(table).where(where).with_for_update()).first()
            if row is None:
                return False
            if self._wait_of(row.next_try_at) > 0:
                return False
            tries = int(row.failed_tries or 0) + 1
            conn.execute(table.update().where(where).values(
                failed_tries=tries, next_try_at=self._clock() + wait_after(tries)))
        try:
            stored = HashedSecret(row.scheme, row.n, row.r, row.p, bytes.fromhex(row.salt),
                                  bytes.fromhex(row.hash))
        except ValueError:
            return False
        if not verify_secret(secret, stored):
            return False
        with self._write() as conn:
            conn.execute(table.update().where(where).values(failed_tries=0, next_try_at=0.0))
        return True

    def _wait_of(self, at: Any) -> float:
        if at is None:
            return 0.0
        # A clock set back (a PC without a battery) must not lock the teacher out for long.
        return min(max(0.0, float(at) - self._clock()), 60.0)

    def seconds_until_next_try(self, teacher: str | None = None) -> float:
        table, where = self._secret_row(teacher)
        with self._read() as conn:
            at = conn.execute(sa.select(table.c.next_try_at).where(where)).scalar()
        return self._wait_of(at)

    # --- classes and pupils ----------------------------------------------------------------
    def classes(self) -> list[ClassGroup]:
        """Every class, sorted by name as a reader sorts (:func:`~game.progress.records.
        name_sort_key`: "Ömer" before "Zoë")."""
        with self._read() as conn:
            rows = list(conn.execute(sa.select(classes_t)).all())
        rows.sort(key=lambda r: (name_sort_key(r.name), _utc(r.created), r.id))
        return [_class_of(r) for r in rows]

    # --- one class per name, one pupil per name and avatar in a class ---------------------------
    def _lock_names(self, conn: Connection) -> None:
        """Serialise the check for doubles and the write after it (SQLite's write transaction
        already holds the file's write lock)."""
        if self._pg:
            conn.execute(sa.text(f"SELECT pg_advisory_xact_lock({NAMES_LOCK})"))

    def _refuse_double_class(self, conn: Connection, name: str, own_id: str | None) -> None:
        self._lock_names(conn)
        key = name_key(name)
        for other_id, other in conn.execute(sa.select(classes_t.c.id, classes_t.c.name)):
            if other_id != own_id and name_key(other) == key:
                raise DuplicateName(f"there is already a class called {other!r}; "
                                    "choose another name")

    def _refuse_double_pupil(self, conn: Connection, class_id: str, name: str, avatar: str,
                             own_id: str | None) -> None:
        self._lock_names(conn)
        key = (name_key(name), name_key(avatar))
        for other_id, other, other_avatar in conn.execute(
                sa.select(pupils_t.c.id, pupils_t.c.name, pupils_t.c.avatar)
                .where(pupils_t.c.class_id == class_id)):
            if other_id != own_id and (name_key(other), name_key(other_avatar)) == key:
                raise DuplicateName(f"there is already a pupil called {other!r} with the "
                                    f"avatar {other_avatar!r} in this class; add a letter to "
                                    "the name or choose another avatar")

    def class_group(self, class_id: str) -> ClassGroup | None:
        with self._read() as conn:
            row = conn.execute(sa.select(classes_t).where(classes_t.c.id == class_id)).first()
        return _class_of(row) if row else None

    def add_class(self, name: str) -> ClassGroup:
        group = ClassGroup(new_id(), _clean_name(name, MAX_CLASS_NAME, "class name"), now())
        with self._write() as conn:
            self._refuse_double_class(conn, group.name, None)
            conn.execute(classes_t.insert().values(id=group.id, name=group.name,
                                                   created=group.created, modified=now()))
        return replace(group, created=_utc(group.created))

    def rename_class(self, class_id: str, name: str) -> None:
        clean = _clean_name(name, MAX_CLASS_NAME, "class name")
        with self._write() as conn:
            self._refuse_double_class(conn, clean, class_id)
            conn.execute(classes_t.update().where(classes_t.c.id == class_id)
                         .values(name=clean, modified=now()))

    def delete_class(self, class_id: str) -> None:
        """Hard delete: the class, its pupils and all their attempts, for good."""
        with self._write() as conn:
            self._delete_class_rows(conn, class_id)
        db.scrub(self.engine)  # the deleted names leave the WAL too

    def _delete_class_rows(self, conn: Connection, class_id: str) -> int:
        """The class, its pupils and their attempts, with tombstones; returns the pupils."""
        pupil_ids = conn.execute(sa.select(pupils_t.c.id)
                                 .where(pupils_t.c.class_id == class_id)).scalars().all()
        self._delete_pupils(conn, list(pupil_ids))
        conn.execute(activations_t.delete().where(activations_t.c.class_id == class_id))
        conn.execute(classes_t.delete().where(classes_t.c.id == class_id))
        self._remember_forgotten(conn, [class_id])
        return len(pupil_ids)

    def _delete_pupils(self, conn: Connection, pupil_ids: list[str]) -> None:
        for start in range(0, len(pupil_ids), 500):
            chunk = pupil_ids[start:start + 500]
            conn.execute(progress_t.delete().where(progress_t.c.pupil_id.in_(chunk)))
            conn.execute(pupil_settings_t.delete()
                         .where(pupil_settings_t.c.pupil_id.in_(chunk)))
            conn.execute(attempts_t.delete().where(attempts_t.c.pupil_id.in_(chunk)))
            conn.execute(pupils_t.delete().where(pupils_t.c.id.in_(chunk)))
        self._remember_forgotten(conn, pupil_ids)

    def _remember_forgotten(self, conn: Connection, ids: list[str]) -> None:
        when = now()
        self._upsert(conn, forgotten_t, [{"id_hash": _forget_hash(i), "deleted": when}
                                         for i in ids], keys=("id_hash",))

    def pupils(self, class_id: str) -> list[Pupil]:
        """A class's pupils, sorted by name as a reader sorts, then by avatar."""
        with self._read() as conn:
            rows = conn.execute(sa.select(pupils_t)
                                .where(pupils_t.c.class_id == class_id)).all()
        return _sorted_pupils(_pupil_of(r) for r in rows)

    def pupil(self, pupil_id: str) -> Pupil | None:
        with self._read() as conn:
            row = conn.execute(sa.select(pupils_t).where(pupils_t.c.id == pupil_id)).first()
        return _pupil_of(row) if row else None

    def add_pupil(self, class_id: str, name: str, avatar: str) -> Pupil:
        """A pupil: a nickname or first name and a drawn avatar, nothing else about a child."""
        pupil = Pupil(new_id(), class_id, _clean_name(name, MAX_PUPIL_NAME, "pupil name"),
                      check_avatar(avatar))
        with self._write() as conn:
            if conn.execute(sa.select(classes_t.c.id)
                            .where(classes_t.c.id == class_id)).first() is None:
                raise KeyError(f"no class with id {class_id!r}")
            self._refuse_double_pupil(conn, class_id, pupil.name, pupil.avatar, None)
            conn.execute(pupils_t.insert().values(id=pupil.id, class_id=class_id, name=pupil.name,
                                                  avatar=pupil.avatar, modified=now()))
        return pupil

    def add_pupils(self, class_id: str, pupils: Sequence[tuple[str, str]]) -> list[Pupil]:
        """A whole class list at once (name, avatar): all of them in one transaction, or on
        any problem (a bad name, two the same) none of them."""
        made = [Pupil(new_id(), class_id, _clean_name(name, MAX_PUPIL_NAME, "pupil name"),
                      check_avatar(avatar)) for name, avatar in pupils]
        with self._write() as conn:
            if conn.execute(sa.select(classes_t.c.id)
                            .where(classes_t.c.id == class_id)).first() is None:
                raise KeyError(f"no class with id {class_id!r}")
            for pupil in made:  # each sees the ones before it: doubles in the list are refused
                self._refuse_double_pupil(conn, class_id, pupil.name, pupil.avatar, None)
                conn.execute(pupils_t.insert().values(
                    id=pupil.id, class_id=class_id, name=pupil.name, avatar=pupil.avatar,
                    modified=now()))
        return made

    def update_pupil(self, pupil_id: str, name: str, avatar: str) -> None:
        name = _clean_name(name, MAX_PUPIL_NAME, "pupil name")
        avatar = check_avatar(avatar)
        values = {"name": name, "avatar": avatar, "modified": now()}
        with self._write() as conn:
            class_id = conn.execute(sa.select(pupils_t.c.class_id)
                                    .where(pupils_t.c.id == pupil_id)).scalar()
            if class_id is not None:
                self._refuse_double_pupil(conn, class_id, name, avatar, pupil_id)
            conn.execute(pupils_t.update().where(pupils_t.c.id == pupil_id).values(**values))

    def delete_pupil(self, pupil_id: str) -> None:
        """Hard delete: the pupil and every attempt they made, for good."""
        with self._write() as conn:
            self._delete_pupils(conn, [pupil_id])
        db.scrub(self.engine)  # the deleted name leaves the WAL too

    def pupil_settings(self, pupil_id: str) -> dict[str, Any]:
        """The pupil's own settings as saved ({}: none yet, or unreadable). The caller checks
        each value (``Settings.apply``): the store keeps a JSON object, not their meaning."""
        with self._read() as conn:
            text = conn.execute(sa.select(pupil_settings_t.c.settings)
                                .where(pupil_settings_t.c.pupil_id == pupil_id)).scalar()
        return _settings_of(text)

    def save_pupil_settings(self, pupil_id: str, values: Mapping[str, Any]) -> None:
        """Keep ``values`` (a JSON-ready mapping) as the pupil's own settings, replacing the
        ones before. Raises KeyError for a pupil who is not (or no longer) in the store."""
        text = _settings_json(values)
        with self._write() as conn:
            if conn.execute(sa.select(pupils_t.c.id)
                            .where(pupils_t.c.id == pupil_id)).first() is None:
                raise KeyError(f"no pupil with id {pupil_id!r}")
            self._upsert(conn, pupil_settings_t, [{"pupil_id": pupil_id, "settings": text,
                                                   "modified": now()}], keys=("pupil_id",))

    # --- lessons ---------------------------------------------------------------------------
    def _lessons_where(self, conn: Connection, where: Any = None) -> list[Lesson]:
        query = sa.select(lessons_t).order_by(sa.func.lower(lessons_t.c.title),
                                              lessons_t.c.created, lessons_t.c.id)
        if where is not None:
            query = query.where(where)
        rows = conn.execute(query).all()
        if not rows:
            return []
        levels: dict[str, list[str]] = {r.id: [] for r in rows}
        link = sa.select(lesson_levels_t).where(lesson_levels_t.c.lesson_id.in_(list(levels)))
        for row in conn.execute(link.order_by(lesson_levels_t.c.lesson_id,
                                              lesson_levels_t.c.position)):
            levels[row.lesson_id].append(row.level_id)
        return [Lesson(id=r.id, title=r.title, level_ids=tuple(levels[r.id]),
                       free_play=bool(r.free_play), created=r.created) for r in rows]

    def lessons(self) -> list[Lesson]:
        with self._read() as conn:
            return self._lessons_where(conn)

    def lesson(self, lesson_id: str) -> Lesson | None:
        with self._read() as conn:
            found = self._lessons_where(conn, lessons_t.c.id == lesson_id)
        return found[0] if found else None

    def save_lesson(self, lesson: Lesson) -> None:
        """Insert or update by id; the levels are stored in the order given."""
        title = _clean_name(lesson.title, MAX_LESSON_TITLE, "lesson title")
        with self._write() as conn:
            self._write_lesson(conn, lesson, title, now())

    def _write_lesson(self, conn: Connection, lesson: Lesson, title: str,
                      modified: datetime) -> None:
        self._upsert(conn, lessons_t, [{"id": lesson.id, "title": title,
                                        "free_play": bool(lesson.free_play),
                                        "created": _utc(lesson.created) or now(),
                                        "modified": modified}])
        conn.execute(lesson_levels_t.delete().where(lesson_levels_t.c.lesson_id == lesson.id))
        rows = [{"lesson_id": lesson.id, "position": i, "level_id": level_id}
                for i, level_id in enumerate(lesson.level_ids)]
        if rows:
            conn.execute(lesson_levels_t.insert(), rows)

    def copy_lesson(self, lesson_id: str, title: str) -> Lesson:
        original = self.lesson(lesson_id)
        if original is None:
            raise KeyError(f"no lesson with id {lesson_id!r}")
        copy = Lesson(new_id(), _clean_name(title, MAX_LESSON_TITLE, "lesson title"),
                      original.level_ids, original.free_play, now())
        self.save_lesson(copy)
        return copy

    def delete_lesson(self, lesson_id: str) -> None:
        """The lesson goes (and is no longer active anywhere); attempts keep its id."""
        with self._write() as conn:
            conn.execute(activations_t.delete().where(activations_t.c.lesson_id == lesson_id))
            conn.execute(lesson_levels_t.delete()
                         .where(lesson_levels_t.c.lesson_id == lesson_id))
            conn.execute(lessons_t.delete().where(lessons_t.c.id == lesson_id))

    def activate_lesson(self, class_id: str, lesson_id: str | None) -> None:
        """Make ``lesson_id`` the class's lesson now; None ends the lesson (all levels open)."""
        with self._write() as conn:
            if lesson_id is None:
                conn.execute(activations_t.delete().where(activations_t.c.class_id == class_id))
                return
            self._upsert(conn, activations_t, [{"class_id": class_id, "lesson_id": lesson_id,
                                                "activated": now()}], keys=("class_id",))

    def active_lesson(self, class_id: str) -> Lesson | None:
        with self._read() as conn:
            lesson_id = conn.execute(sa.select(activations_t.c.lesson_id)
                                     .where(activations_t.c.class_id == class_id)).scalar()
            if lesson_id is None:
                return None
            found = self._lessons_where(conn, lessons_t.c.id == lesson_id)
        return found[0] if found else None

    # --- attempts --------------------------------------------------------------------------
    def save_attempt(self, attempt: Attempt) -> None:
        """Insert or update by id, committed (and on disk) when this returns.

        A pupil never waits long and never loses an attempt: a store that is locked or a
        server that does not answer is tried a few times with a short pause (a few seconds
        in all); then the attempt is kept in the pending queue on this PC and sent, in order,
        when the store answers again (:meth:`send_pending`). While attempts wait there, new
        saves join the queue behind them, and the store is tried again in the background."""
        row = _attempt_row(attempt, self.device_id, now())
        if self._waiting and self.pending is not None:
            self._keep(row, None)
            return
        try:
            self._with_retries(lambda: self._save_rows([row]))
        except db.StoreProblem as problem:
            if self.pending is None:
                raise
            try:
                self._keep(row, problem)
            except (OSError, sqlite3.Error):
                raise problem from None

    def _with_retries(self, work: Callable[[], Any]) -> Any:
        """``work()``, again after a short pause when the store was only busy (SQLite's lock,
        a PostgreSQL serialization or lock error); a server that does not answer is not
        asked twice (its connection was tried again already)."""
        for pause in (*SAVE_PAUSES, None):
            try:
                return work()
            except db.StoreProblem as problem:
                if pause is None or problem.kind != "locked":
                    raise
            time.sleep(pause)
        return None

    def _save_rows(self, rows: list[dict[str, Any]], newer_only: bool = False) -> int:
        """Upsert attempt rows in one transaction and refresh their summaries; a row of a
        pupil deleted meanwhile is left out (deletions win). Returns the rows written."""
        with self._write(limit=SAVE_LIMIT) as conn:
            if newer_only:  # rows from the queue: their pupils may have gone meanwhile
                pupils = {r["pupil_id"] for r in rows if r["pupil_id"]}
                here = self._existing(conn, pupils_t.c.id, pupils)
                rows = [r for r in rows if not r["pupil_id"] or r["pupil_id"] in here]
            before = self._pairs_of(conn, [r["id"] for r in rows])
            self._upsert(conn, attempts_t, rows, newer_only=newer_only)
            _refresh_summary(conn, before | {(r["pupil_id"], r["level_id"]) for r in rows})
        return len(rows)

    # --- attempts waiting on this PC (game.progress.pending) ----------------------------------
    @property
    def waiting(self) -> int:
        """Attempts kept on this PC until the store takes them."""
        return self._waiting

    def _keep(self, row: dict[str, Any], problem: db.StoreProblem | None) -> None:
        assert self.pending is not None
        self.pending.add(self.queue_key, row)
        if problem is not None or not self._waiting:
            self._failed_at = time.monotonic()
        before = self._waiting
        self._waiting = self.pending.count(self.queue_key)
        if problem is not None or self._waiting != before:
            self._tell(problem)
        self._send_later()

    def _tell(self, problem: db.StoreProblem | None) -> None:
        if self.on_pending is not None:
            with suppress(Exception):  # a note must never break a save
                self.on_pending(self._waiting, problem)

    def send_later(self) -> None:
        """While attempts wait on this PC: try the store again in a background thread, at most
        every RETRY_AFTER seconds (the game calls this now and then, so attempts kept at the
        end of a lesson still go when the server is back, without another save)."""
        if self._waiting:
            self._send_later()

    def _send_later(self) -> None:
        """Try the store again in a background thread, at most every RETRY_AFTER seconds."""
        if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_AFTER:
            return
        if self._sender is not None and self._sender.is_alive():
            return
        self._sender = threading.Thread(target=self._send_quietly, daemon=True,
                                        name="techniekwerf-pending")
        self._sender.start()

    def _send_quietly(self) -> None:
        with suppress(Exception):  # the next save or start tries again
            self.send_pending()

    def _kept_row(self, raw: dict[str, Any]) -> dict[str, Any] | None:
        """A row read back from the pending queue, by the same rules as a save (numbers in
        their ranges, a build that parses, no date beyond now); None for one that is not an
        attempt at all (the file is this PC's own, but read as hostile as any other)."""
        try:
            attempt_id = str(uuid.UUID(str(raw["id"])))
            pupil_id = raw.get("pupil_id")
            level_id, lesson_id = raw["level_id"], raw.get("lesson_id")
            if pupil_id is not None:
                pupil_id = str(uuid.UUID(str(pupil_id)))
            if not isinstance(level_id, str) or not 0 < len(level_id) <= 100 \
                    or not isinstance(lesson_id, (str, type(None))):
                return None
            answer = raw.get("answer")
            modified = raw["modified"]
            if not isinstance(modified, datetime) or not isinstance(answer, (str, type(None))):
                return None
            attempt = Attempt(
                id=attempt_id, pupil_id=pupil_id, level_id=level_id,
                lesson_id=(lesson_id or None) and lesson_id[:ID], started=raw["started"],
                ended=raw.get("ended"), outcome=Outcome(raw["outcome"]),
                build=_build_from(raw.get("build")), device=str(raw.get("device") or ""),
                answer=answer, **{name: raw.get(name, 0) for name in ATTEMPT_COUNTS})
            return _attempt_row(attempt, self.device_id, min(_utc(modified), now()))
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
            return None

    def send_pending(self) -> int:
        """Send the attempts kept on this PC to the store, oldest first, each once (an
        upsert by id that replaces only an older version). Returns how many arrived; on a
        store that still cannot take them, 0 and they wait on (the problem is told)."""
        if self.pending is None:
            return 0
        with self._send_lock:
            upto, taken = self.pending.take(self.queue_key)
            rows = [row for row in map(self._kept_row, taken) if row is not None]
            if not rows:
                if taken:  # nothing usable: they go
                    self.pending.done(self.queue_key, upto)
                self._waiting = 0
                return 0
            try:
                sent = self._with_retries(lambda: self._save_rows(rows, newer_only=True))
            except db.StoreProblem as problem:
                self._failed_at = time.monotonic()
                self._tell(problem)
                return 0
            self.pending.done(self.queue_key, upto)
            self._failed_at = None
            self._waiting = self.pending.count(self.queue_key)
            self._tell(None)
            return int(sent or 0)

    def save_attempts(self, attempts: Iterable[Attempt], batch: int = 20_000) -> int:
        """Many attempts in one transaction, as bulk inserts (upserts by id): for imports and
        the benchmark's million rows, where one commit per attempt would take hours."""
        count = 0
        modified = now()
        pairs: set[tuple[str | None, str]] = set()
        rebuild = False  # so many pairs that rebuilding the whole summary is quicker
        with self._write(bulk=True) as conn:
            rows: list[dict[str, Any]] = []

            def flush() -> None:
                nonlocal rows, count, rebuild
                if not rebuild:  # where updated attempts were before (a move of level)
                    pairs.update(self._pairs_of(conn, [r["id"] for r in rows]))
                    rebuild = len(pairs) > REBUILD_ABOVE
                self._upsert(conn, attempts_t, rows)
                count += len(rows)
                rows = []

            for attempt in attempts:
                rows.append(_attempt_row(attempt, self.device_id, modified))
                if not rebuild:
                    pairs.add((attempt.pupil_id, attempt.level_id))
                if len(rows) >= batch:
                    flush()
            flush()
            if rebuild:
                rebuild_summary(conn)
            else:
                _refresh_summary(conn, pairs)
        return count

    def _pairs_of(self, conn: Connection, attempt_ids: list[str]) -> set[tuple[str | None, str]]:
        """The (pupil, level) of attempts already stored: an update may move one."""
        pairs: set[tuple[str | None, str]] = set()
        for start in range(0, len(attempt_ids), 500):
            chunk = attempt_ids[start:start + 500]
            pairs.update((p, lv) for p, lv in conn.execute(
                sa.select(attempts_t.c.pupil_id, attempts_t.c.level_id)
                .where(attempts_t.c.id.in_(chunk))))
        return pairs

    def attempts(self, pupil_id: str | None = None, level_id: str | None = None,
                 class_id: str | None = None) -> list[Attempt]:
        """Attempts, oldest first; every argument given narrows the choice."""
        query = sa.select(attempts_t)
        if pupil_id is not None:
            query = query.where(attempts_t.c.pupil_id == pupil_id)
        if level_id is not None:
            query = query.where(attempts_t.c.level_id == level_id)
        if class_id is not None:
            query = query.where(attempts_t.c.pupil_id.in_(
                sa.select(pupils_t.c.id).where(pupils_t.c.class_id == class_id)))
        query = query.order_by(attempts_t.c.started, attempts_t.c.id)
        with self._read() as conn:
            return [_attempt_of(r) for r in conn.execute(query)]

    def guest_attempts(self, level_id: str | None = None) -> list[Attempt]:
        """The attempts of the guest profile (no pupil) on this store."""
        query = sa.select(attempts_t).where(attempts_t.c.pupil_id.is_(None))
        if level_id is not None:
            query = query.where(attempts_t.c.level_id == level_id)
        with self._read() as conn:
            return [_attempt_of(r) for r in
                    conn.execute(query.order_by(attempts_t.c.started, attempts_t.c.id))]

    def attempt(self, attempt_id: str) -> Attempt | None:
        with self._read() as conn:
            row = conn.execute(sa.select(attempts_t).where(attempts_t.c.id == attempt_id)).first()
        return _attempt_of(row) if row else None

    @staticmethod
    def _profile(pupil_id: str | None) -> Any:
        col = attempts_t.c.pupil_id
        return col.is_(None) if pupil_id is None else col == pupil_id

    def best_stars(self, level_id: str, pupil_id: str | None) -> int:
        """The most stars of a solved attempt (0: never solved); None is the guest."""
        query = (sa.select(sa.func.max(attempts_t.c.stars))
                 .where(self._profile(pupil_id), attempts_t.c.level_id == level_id,
                        attempts_t.c.outcome == Outcome.SOLVED.value))
        with self._read() as conn:
            return int(conn.execute(query).scalar() or 0)

    def solved_levels(self, pupil_id: str | None) -> dict[str, int]:
        """Every level this pupil (None: the guest) solved, with its best stars: one query for
        a whole map of level cards."""
        query = (sa.select(attempts_t.c.level_id, sa.func.max(attempts_t.c.stars))
                 .where(self._profile(pupil_id),
                        attempts_t.c.outcome == Outcome.SOLVED.value)
                 .group_by(attempts_t.c.level_id))
        with self._read() as conn:
            return {level_id: int(stars or 0) for level_id, stars in conn.execute(query)}

    # --- the teacher's views ---------------------------------------------------------------
    def dashboard(self, class_id: str, level_ids: Iterable[str]) -> Dashboard:
        """The class at a glance: 30 x 40 ready rows of the summary the store keeps up to
        date on every save (see migration 0003 for why not a GROUP BY on every look)."""
        levels = tuple(dict.fromkeys(level_ids))
        s = progress_t.c
        query = (sa.select(s.pupil_id, s.level_id, s.best_stars.label("best"),
                           s.attempts.label("n"), s.failed_tests.label("failed"), s.seconds,
                           s.last_activity.label("last"), s.solved)
                 .join(pupils_t, pupils_t.c.id == s.pupil_id)
                 .where(pupils_t.c.class_id == class_id, s.level_id.in_(levels)))
        with self._read() as conn:
            pupils = _sorted_pupils(_pupil_of(r) for r in conn.execute(
                sa.select(pupils_t).where(pupils_t.c.class_id == class_id)))
            rows = conn.execute(query).all() if levels and pupils else []
        cells: dict[tuple[str, str], ProgressCell] = {}
        for r in rows:
            failed = int(r.failed or 0)
            if r.solved:
                status = CellStatus.SOLVED
            elif failed >= NEEDS_HELP_AFTER:
                status = CellStatus.NEEDS_HELP
            else:
                status = CellStatus.TRIED
            last = r.last
            if isinstance(last, str):
                last = datetime.fromisoformat(last)
            cells[(r.pupil_id, r.level_id)] = ProgressCell(
                r.pupil_id, r.level_id, status, best_stars=int(r.best or 0), attempts=int(r.n),
                failed_tests=failed, seconds=total_seconds(r.seconds), last_activity=_utc(last))
        return Dashboard(class_id, tuple(pupils), levels, cells)

    # --- data leaving or arriving -------------------------------------------------------------
    def export_log(self, path: Path, since: datetime | None = None) -> int:
        """Write this store's deletions (tombstones), classes, lessons, pupils, settings and
        attempts (those changed since ``since``, when given) as JSON lines, for merging on
        another PC, then an end line that counts them and carries their checksum. Returns the
        number of records written. Written as it is read (a big store needs little memory);
        the file appears whole or not at all. The header names this store's school
        (:meth:`school_id`), so another school's PC asks before it merges the file."""
        school = self.school_id(create=True)
        with _atomic_lines(Path(path)) as write, self._read() as conn:
            log = LogWriter(write)  # counts the records and sums them up for the end line
            log.header(self.device_id, now(), school)
            # the deletions first: a merge deletes before it adds, so nothing comes back
            for row in conn.execute(sa.select(forgotten_t).order_by(forgotten_t.c.id_hash)):
                log.record(json.dumps({"kind": FORGOTTEN, "id_hash": row.id_hash,
                                       "deleted": _iso(row.deleted)}))
            for row in conn.execute(sa.select(classes_t).order_by(classes_t.c.id)):
                log.record(_jsonl("class", row))
            modified = dict(conn.execute(sa.select(lessons_t.c.id, lessons_t.c.modified)).all())
            for lesson in self._lessons_where(conn):
                log.record(json.dumps({
                    "kind": "lesson", "id": lesson.id, "title": lesson.title,
                    "level_ids": list(lesson.level_ids), "free_play": lesson.free_play,
                    "created": _iso(lesson.created), "modified": _iso(modified[lesson.id])},
                    ensure_ascii=False))
            for row in conn.execute(sa.select(pupils_t).order_by(pupils_t.c.id)):
                log.record(_jsonl("pupil", row))
            for row in conn.execute(sa.select(pupil_settings_t)
                                    .order_by(pupil_settings_t.c.pupil_id)):
                # keyed by the pupil: a pupil has one row, so the pupil's id is the record's
                log.record(json.dumps({"kind": "settings", "id": row.pupil_id,
                                       "settings": row.settings,
                                       "modified": _iso(row.modified)}, ensure_ascii=False))
            query = sa.select(attempts_t).order_by(attempts_t.c.started, attempts_t.c.id)
            if since is not None:
                query = query.where(attempts_t.c.modified >= _utc(since))
            for row in conn.execution_options(yield_per=MERGE_BATCH).execute(query):
                log.record(_jsonl("attempt", row))
            log.end()
        return log.count

    def merge_log(self, path: Path, other_school: bool = False) -> int:
        """Merge a log written by :meth:`export_log`; returns how many records were new or
        newer. Raises :class:`LogError` (one line) when the file is refused: then nothing of
        it was merged (or, when the database stopped it part way, what was merged stays and
        merging again finishes it). :meth:`merge_log_report` says what else happened."""
        report = MergeReport(Path(path))
        self._merge(report, other_school)
        return report.added

    # --- which school a store belongs to -------------------------------------------------------
    # A log names the school it comes from (a random id, kept in the store's meta table), so a
    # log of another school is not mixed in without the teacher saying so. The id is made when
    # a store writes its first log; a store that holds no class yet (a new PC) takes the
    # school of the first log merged into it: that is how the PCs of a class come to share
    # one. A log that shares a class with this store is of this school whatever it says (two
    # PCs that were set up on their own and exchanged classes before), and a school the
    # teacher once said yes to is remembered. A log without a school (an older game) cannot
    # be told apart and is merged as before.
    def school_id(self, create: bool = False) -> str | None:
        """The id of this store's school; with ``create``, made now if there is none."""
        with self._read() as conn:
            value = conn.execute(sa.select(meta_t.c.value)
                                 .where(meta_t.c.key == SCHOOL_KEY)).scalar()
        if value is None and create:
            with self._write() as conn:
                value = conn.execute(sa.select(meta_t.c.value)
                                     .where(meta_t.c.key == SCHOOL_KEY)).scalar()
                if value is None:  # two PCs of a school server may ask at once: one wins
                    self._meta_once(conn, SCHOOL_KEY, new_id())
                    value = conn.execute(sa.select(meta_t.c.value)
                                         .where(meta_t.c.key == SCHOOL_KEY)).scalar()
        return value

    def _meta_once(self, conn: Connection, key: str, value: str) -> None:
        """Keep ``value`` under ``key`` unless the key is there already."""
        conn.execute(self._insert(meta_t).on_conflict_do_nothing(
            index_elements=[meta_t.c.key]), [{"key": key, "value": value}])

    def _join_school(self, log: LogReader, other_school: bool) -> None:
        """Raise :class:`OtherSchool` unless the log is of this store's school (see above),
        or the teacher said to merge it anyway (``other_school``)."""
        if log.school is None:
            return
        with self._write() as conn:
            def meta(key: str) -> str | None:
                return conn.execute(sa.select(meta_t.c.value)
                                    .where(meta_t.c.key == key)).scalar()

            ours = meta(SCHOOL_KEY)
            if ours is None:
                if conn.execute(sa.select(classes_t.c.id).limit(1)).first() is None:
                    self._meta_once(conn, SCHOOL_KEY, log.school)
                    return  # a new PC joins the school of its first log
                self._meta_once(conn, SCHOOL_KEY, new_id())
                ours = meta(SCHOOL_KEY)
            also = OTHER_SCHOOL_KEY + log.school
            if log.school == ours or meta(also) is not None:
                return
            shared = self._existing(conn, classes_t.c.id, log.class_ids) if log.class_ids \
                else set()
            if not shared and not other_school:
                raise OtherSchool(f"{log.path}: comes from another school: none of its "
                                  "classes is on this PC; merge it only if its pupils belong "
                                  "here")
            self._meta_once(conn, also, now().isoformat())

    def merge_log_report(self, path: Path, other_school: bool = False) -> MergeReport:
        """Merge one log file and say what happened: all of it, or (refused) nothing of it.

        First the whole file is read and checked, without the database (:class:`LogReader`):
        every record by the store's rules, no date in the future, the end line's count and
        checksum. A file with any problem is refused in one line naming the file and line,
        before anything is merged. A log of another school is refused too unless
        ``other_school`` (the teacher said yes).

        Then it is read again and written MERGE_COMMIT records at a time, each batch its own
        committed transaction, so a big merge lets a pupil's save through between batches.
        Records are upserted by their UUID and a record already here is replaced only by a
        newer edit of it, so merging a file twice changes nothing, and a merge that was
        stopped (the PC switched off, a database error) is finished by merging the file
        again: every batch leaves the store whole (the dashboard's summary is brought up to
        date in the batch's own transaction).

        Deletions win: a tombstone in the log deletes that pupil or class here (with their
        attempts), and records of a pupil or class deleted here or there are left out. A
        class with the name of another class here, or a pupil with the name and avatar of
        another pupil of the class, is left out with their records (the same rule as adding
        one by hand; the same id is the same pupil and merges). Everything left out is
        counted in the report, with the reason.
        """
        report = MergeReport(Path(path))
        try:
            self._merge(report, other_school)
        except OtherSchool as exc:
            report.refused, report.other_school = reason_of(str(exc), report.path), True
        except LogError as exc:
            report.refused = reason_of(str(exc), report.path)
            report.stopped = report.added > 0
        return report

    def _merge(self, report: MergeReport, other_school: bool) -> None:
        """:meth:`merge_log_report`'s work; raises :class:`LogError`. On a problem part way
        (the file changed since it was checked, a database error) ``report.added`` counts
        what was committed."""
        path = report.path
        committed = 0
        try:
            # all of it, before any database sees a record
            log = LogReader(path, chunk=MERGE_COMMIT).check()
            report.unchecked = log.unchecked
            self._join_school(log, other_school)
            merger = _Merger(self, report)
            records = iter(LogReader(path, log.latest, same_as=log))  # the same, or stop
            held, more = 0.0, True
            while more:
                started = time.monotonic()
                with self._write() as conn:
                    self._lock_names(conn)
                    merger.conn = conn
                    more = False
                    for _where, record in records:
                        merger.add(record)
                        if merger.pending >= MERGE_COMMIT:
                            more = True
                            break
                    merger.flush()
                committed = report.added
                held += time.monotonic() - started
                if more and not self._pg and held >= MERGE_HOLD:
                    time.sleep(MERGE_PAUSE)  # a pupil's save waiting for the lock gets it
                    held = 0.0
        except LogError:
            report.added = committed
            raise
        except (sa.exc.SQLAlchemyError, db.StoreProblem) as exc:
            # a StoreProblem names the store's file or server and what to do, in one line
            why = str(exc) if isinstance(exc, db.StoreProblem) else type(exc).__name__
            report.added = committed
            if committed:
                raise LogError(f"{path}: the database stopped the merge ({why})") from None
            raise LogError(f"{path}: the database refused it ({why})") from None
        finally:
            if report.deleted_pupils or report.deleted_classes:
                db.scrub(self.engine)  # the deleted names leave the WAL too

    def _forgotten_among(self, conn: Connection, ids: Iterable[str | None]) -> set[str]:
        by_hash = {_forget_hash(i): i for i in set(ids) if i}
        found: set[str] = set()
        keys = list(by_hash)
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            found.update(by_hash[h] for h in conn.execute(
                sa.select(forgotten_t.c.id_hash).where(forgotten_t.c.id_hash.in_(chunk)))
                .scalars())
        return found

    def _existing(self, conn: Connection, column: Any, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are in ``column`` (a table's id)."""
        found: set[str] = set()
        wanted = list(set(ids))
        for start in range(0, len(wanted), 500):
            found.update(conn.execute(sa.select(column)
                                      .where(column.in_(wanted[start:start + 500]))).scalars())
        return found

    def _modified_of(self, conn: Connection, table: sa.Table, key: Any,
                     ids: Iterable[str]) -> dict[str, datetime]:
        have: dict[str, datetime] = {}
        wanted = list(set(ids))
        for start in range(0, len(wanted), 500):
            for rid, modified in conn.execute(sa.select(key, table.c.modified)
                                              .where(key.in_(wanted[start:start + 500]))):
                have[rid] = _utc(modified)
        return have

    def export_pupil(self, pupil_id: str) -> dict:
        """Everything stored about one child, readable: their name and avatar, their class's
        name and every attempt with every field (the right of access)."""
        self.check_integrity()  # a damaged file is said, not exported half
        pupil = self.pupil(pupil_id)
        if pupil is None:
            raise KeyError(f"no pupil with id {pupil_id!r}")
        group = self.class_group(pupil.class_id)
        attempts = []
        for a in self.attempts(pupil_id=pupil_id):
            attempts.append({
                "id": a.id, "level_id": a.level_id, "lesson_id": a.lesson_id,
                "started": a.started, "ended": a.ended, "outcome": a.outcome.value,
                "stars": a.stars, "parts_used": a.parts_used, "tests_run": a.tests_run,
                "failed_tests": a.failed_tests, "hints_used": a.hints_used, "resets": a.resets,
                "answer": a.answer, "device": a.device,
                "build": [{"kind": p.kind, "at": list(p.at), "rotation": p.rotation,
                           "on": p.on, "broken": p.broken, "placed": p.placed,
                           **({"params": dict(p.params)} if p.params else {})}
                          for p in a.build]})
        return {"pupil": {"id": pupil.id, "name": pupil.name, "avatar": pupil.avatar,
                          "class_id": pupil.class_id},
                "class": {"id": group.id, "name": group.name} if group else None,
                "settings": self.pupil_settings(pupil_id),
                "attempts": attempts}

    def purge_school_year(self) -> None:
        """End of the school year: every pupil, every attempt (the guest's too) and every
        active lesson go; class names, lessons and the teacher's PIN stay for September."""
        with self._write(bulk=True) as conn:
            pupil_ids = list(conn.execute(sa.select(pupils_t.c.id)).scalars())
            conn.execute(progress_t.delete())
            conn.execute(pupil_settings_t.delete())
            conn.execute(attempts_t.delete())
            conn.execute(pupils_t.delete())
            conn.execute(activations_t.delete())
            self._remember_forgotten(conn, pupil_ids)
        db.scrub(self.engine)  # the deleted names leave the WAL too

    # --- the guest's old progress file ----------------------------------------------------
    def import_guest_progress(self, levels: Mapping[str, Any], source: str) -> int:
        """Turn the guest's per-level records (``best_stars``, ``solved``, ``best_parts``,
        ``hints_used``) into one guest attempt per level, once per ``source``.

        Returns the number of attempts written (0 when this source was imported before).
        The attempts' ids are derived from the source and level, so even a repeated import
        could not count a level twice.
        """
        key = f"{GUEST_IMPORT_KEY}:{source}"[:64]
        with self._write() as conn:
            if conn.execute(sa.select(meta_t.c.key).where(meta_t.c.key == key)).first():
                return 0
            when = now()
            rows = []
            for level_id, rec in levels.items():
                solved = bool(getattr(rec, "solved", False))
                attempt = Attempt(
                    id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"techniekwerf-guest:{source}:{level_id}")),
                    pupil_id=None, level_id=level_id, lesson_id=None, started=when, ended=when,
                    outcome=Outcome.SOLVED if solved else Outcome.GAVE_UP,
                    stars=int(getattr(rec, "best_stars", 0)) if solved else 0,
                    parts_used=int(getattr(rec, "best_parts", None) or 0),
                    hints_used=int(getattr(rec, "hints_used", None) or 0))
                rows.append(_attempt_row(attempt, self.device_id, when))
            self._upsert(conn, attempts_t, rows)
            conn.execute(meta_t.insert().values(key=key, value=when.isoformat()))
        return len(rows)


# --- merging a log: a batch at a time, inside the file's one transaction -------------------------

# why records were left out: records.OF_DELETED, OF_DOUBLE_CLASS, OF_DOUBLE_PUPIL, OF_UNKNOWN


class _Merger:
    """Collects checked records and writes them a batch at a time, in the order the tables
    need (deletions, classes, lessons, pupils, settings, attempts), so memory stays bounded.
    ``conn`` is the batch's transaction; what it learns (classes and pupils left out) lasts
    for the whole file."""

    ORDER = (FORGOTTEN, "class", "lesson", "pupil", "settings", "attempt")

    def __init__(self, store: SqlSchoolStore, report: MergeReport) -> None:
        self.store = store
        self.conn: Connection = None  # type: ignore[assignment]  # set per batch
        self.report = report
        self.buffers: dict[str, list[dict[str, Any]]] = {k: [] for k in self.ORDER}
        self.pending = 0
        self.pairs: set[tuple[str | None, str]] = set()
        self.refused: dict[str, str] = {}  # class or pupil left out -> why: their records too

    def add(self, record: dict[str, Any]) -> None:
        self.buffers[record["kind"]].append(record)
        self.pending += 1

    def flush(self) -> None:
        """Write the batch and bring the dashboard's summary of its attempts up to date, in
        the batch's transaction: each committed batch leaves a whole store."""
        for kind in self.ORDER:
            batch, self.buffers[kind] = self.buffers[kind], []
            if batch:
                getattr(self, "_" + kind.replace("class", "group"))(batch)
        self.pending = 0
        _refresh_pairs(self.conn, self.pairs)
        self.pairs = set()

    # --- helpers ----------------------------------------------------------------------------
    def _keep(self, batch: list[dict], fields: tuple[str, ...]) -> list[dict]:
        """The records of ``batch`` none of whose ``fields`` names a deleted or refused id
        (a pupil of a refused class is refused for the same reason, and so their work)."""
        ids = {r[f] for r in batch for f in fields if r.get(f)}
        gone = self.store._forgotten_among(self.conn, ids)
        kept = []
        for r in batch:
            names = [r.get(f) for f in fields]
            if any(n in gone for n in names if n):
                self.report.leave_out(OF_DELETED)
            elif any(n in self.refused for n in names if n):
                why = next(self.refused[n] for n in names if n in self.refused)
                self.report.leave_out(why)
                if r["kind"] == "pupil":
                    self.refused[r["id"]] = why
            else:
                kept.append(r)
        return kept

    def _fresh(self, table: sa.Table, key: Any, batch: list[dict],
               id_field: str = "id") -> tuple[list[dict], set[str]]:
        """The records new here or newer than here (the last one per id wins), and the ids
        of the batch already here."""
        latest: dict[str, dict] = {}
        for r in batch:
            rid = r[id_field]
            if rid not in latest or r["modified"] > latest[rid]["modified"]:
                latest[rid] = r
        have = self.store._modified_of(self.conn, table, key, latest)
        fresh = [r for rid, r in latest.items() if rid not in have or r["modified"] > have[rid]]
        return fresh, set(have)

    # --- per kind ---------------------------------------------------------------------------
    def _forgotten(self, batch: list[dict]) -> None:
        """Tombstones: kept here (new ones count as merged), and what they name is deleted."""
        conn, store = self.conn, self.store
        wanted = {r["id_hash"]: r["deleted"] for r in batch}
        have = store._existing(conn, forgotten_t.c.id_hash, wanted)
        new = [{"id_hash": h, "deleted": d} for h, d in wanted.items() if h not in have]
        if new:
            conn.execute(store._insert(forgotten_t).on_conflict_do_nothing(
                index_elements=[forgotten_t.c.id_hash]), new)
            self.report.added += len(new)
        classes = {_forget_hash(i): i for i in conn.execute(sa.select(classes_t.c.id)).scalars()}
        for class_id in [classes[h] for h in wanted if h in classes]:
            self.report.deleted_pupils += store._delete_class_rows(conn, class_id)
            self.report.deleted_classes += 1
        pupils = {_forget_hash(i): i for i in conn.execute(sa.select(pupils_t.c.id)).scalars()}
        gone = [pupils[h] for h in wanted if h in pupils]
        if gone:
            store._delete_pupils(conn, gone)
            self.report.deleted_pupils += len(gone)

    def _group(self, batch: list[dict]) -> None:
        batch = self._keep(batch, ("id",))
        fresh, here = self._fresh(classes_t, classes_t.c.id, batch)
        owner = {name_key(n): i for i, n in self.conn.execute(
            sa.select(classes_t.c.id, classes_t.c.name))}
        rows = []
        for r in fresh:
            other = owner.get(name_key(r["name"]))
            if other is not None and other != r["id"]:
                if r["id"] not in here:  # a new class: left out with its pupils
                    self.refused[r["id"]] = OF_DOUBLE_CLASS
                self.report.leave_out(OF_DOUBLE_CLASS, r["name"])
                continue
            owner = {k: i for k, i in owner.items() if i != r["id"]}
            owner[name_key(r["name"])] = r["id"]
            rows.append({c.name: r[c.name] for c in classes_t.columns})
        self.store._upsert(self.conn, classes_t, rows, newer_only=True)
        self.report.added += len(rows)

    def _lesson(self, batch: list[dict]) -> None:
        fresh, _here = self._fresh(lessons_t, lessons_t.c.id, batch)
        for r in fresh:
            self.store._write_lesson(self.conn, Lesson(r["id"], r["title"],
                                                       tuple(r["level_ids"]), r["free_play"],
                                                       r["created"]), r["title"], r["modified"])
        self.report.added += len(fresh)

    def _pupil(self, batch: list[dict]) -> None:
        conn = self.conn
        batch = self._keep(batch, ("id", "class_id"))
        classes = self.store._existing(conn, classes_t.c.id, {r["class_id"] for r in batch})
        known = []
        for r in batch:
            if r["class_id"] in classes:
                known.append(r)
            else:
                self.refused[r["id"]] = OF_UNKNOWN
                self.report.leave_out(OF_UNKNOWN)
        fresh, here = self._fresh(pupils_t, pupils_t.c.id, known)
        owner: dict[tuple[str, str, str], str] = {}
        wanted = list({r["class_id"] for r in fresh})
        for start in range(0, len(wanted), 500):
            for i, c, n, a in conn.execute(
                    sa.select(pupils_t.c.id, pupils_t.c.class_id, pupils_t.c.name,
                              pupils_t.c.avatar)
                    .where(pupils_t.c.class_id.in_(wanted[start:start + 500]))):
                owner[(c, name_key(n), name_key(a))] = i
        rows = []
        for r in fresh:
            key = (r["class_id"], name_key(r["name"]), name_key(r["avatar"]))
            other = owner.get(key)
            if other is not None and other != r["id"]:
                if r["id"] not in here:  # a new pupil: left out with their attempts
                    self.refused[r["id"]] = OF_DOUBLE_PUPIL
                self.report.leave_out(OF_DOUBLE_PUPIL, f"{r['name']}, {r['avatar']}")
                continue
            owner = {k: i for k, i in owner.items() if i != r["id"]}
            owner[key] = r["id"]
            rows.append({c.name: r[c.name] for c in pupils_t.columns})
        self.store._upsert(conn, pupils_t, rows, newer_only=True)
        self.report.added += len(rows)

    def _known_pupils(self, batch: list[dict], field: str) -> list[dict]:
        here = self.store._existing(self.conn, pupils_t.c.id,
                                    {r[field] for r in batch if r.get(field)})
        kept = []
        for r in batch:
            if not r.get(field) or r[field] in here:
                kept.append(r)
            else:
                self.report.leave_out(OF_UNKNOWN)
        return kept

    def _settings(self, batch: list[dict]) -> None:
        """Pupils' own settings from another PC: the newest change wins, for known pupils."""
        batch = self._known_pupils(self._keep(batch, ("id",)), "id")
        fresh, _here = self._fresh(pupil_settings_t, pupil_settings_t.c.pupil_id, batch)
        self.store._upsert(self.conn, pupil_settings_t,
                           [{"pupil_id": r["id"], "settings": r["settings"],
                             "modified": r["modified"]} for r in fresh],
                           keys=("pupil_id",), newer_only=True)
        self.report.added += len(fresh)

    def _attempt(self, batch: list[dict]) -> None:
        # an attempt's own id is never a tombstone's: only its pupil's is looked up
        batch = self._known_pupils(self._keep(batch, ("pupil_id",)), "pupil_id")
        fresh, here = self._fresh(attempts_t, attempts_t.c.id, batch)
        if not fresh:
            return
        # where updated attempts were before (a move of level) and where they are now
        self.pairs |= self.store._pairs_of(self.conn, [r["id"] for r in fresh
                                                       if r["id"] in here])
        self.pairs |= {(r["pupil_id"], r["level_id"]) for r in fresh}
        self.store._upsert(self.conn, attempts_t,
                           [{c.name: r[c.name] for c in attempts_t.columns} for r in fresh],
                           newer_only=True)
        self.report.added += len(fresh)


def _refresh_pairs(conn: Connection, pairs: set[tuple[str | None, str]]) -> None:
    """:func:`_refresh_summary` for the many pairs of a merge's batch, in two statements (a
    batch of a big merge touches hundreds of pairs; one INSERT ... SELECT per pair was most
    of a merge's time)."""
    wanted = sorted((p, lv) for p, lv in pairs if p is not None)
    if len(wanted) < 8:
        _refresh_summary(conn, wanted)
        return
    conn.execute(_REFRESH_DELETE, [{"p": p, "l": lv} for p, lv in wanted])
    a = attempts_t.c
    stmt = _dialect_insert(conn.dialect.name, progress_t).from_select(
        _SUMMARY_COLUMNS, _summary_select(sa.tuple_(a.pupil_id, a.level_id).in_(wanted)))
    conn.execute(stmt.on_conflict_do_update(
        index_elements=[progress_t.c.pupil_id, progress_t.c.level_id],
        set_={c: stmt.excluded[c] for c in _SUMMARY_COLUMNS[2:]}))


@contextmanager
def _atomic_lines(path: Path) -> Iterator[Callable[[str], None]]:
    """Write a text file line by line; it appears whole (renamed into place) or not at all."""
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            def write(line: str) -> None:
                f.write(line + "\n")

            yield write
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


# --- the log file ------------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    value = _utc(value)
    return value.isoformat() if value else None


def _jsonl(kind: str, row: Any) -> str:
    data: dict[str, Any] = {"kind": kind}
    for key, value in row._mapping.items():
        data[key] = _iso(value) if isinstance(value, datetime) else value
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _settings_of(text: str | None, strict: bool = False) -> dict[str, Any]:
    """A stored settings text as a dict; {} for nothing or (unless ``strict``) damage."""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        if strict:
            raise
        return {}
    if not isinstance(value, dict):
        if strict:
            raise ValueError("settings are not a JSON object")
        return {}
    return value


def _settings_json(values: Mapping[str, Any]) -> str:
    if not isinstance(values, Mapping):
        raise ValueError("settings must be a mapping of names to values")
    text = json.dumps(dict(values), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if len(text) > MAX_SETTINGS:
        raise ValueError(f"settings too long ({len(text)} characters, at most {MAX_SETTINGS})")
    return text
