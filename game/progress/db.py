"""Opening the school store's database: an embedded SQLite file, or a school's PostgreSQL server.

Nothing happens at import: an engine is made only when a store is opened, so starting the game
costs no database work before the first screen.

SQLite settings, and why:

- ``journal_mode=WAL``: a pupil's PC writes attempts while the teacher's dashboard reads them;
  in WAL mode readers never wait for the writer. It is a property of the file, so it is set
  once, by :func:`prepare_sqlite`, *after* the store's version was checked (a store from a
  newer game is never touched).
- ``synchronous=FULL``: in WAL mode ``NORMAL`` survives a crashed *program* but can lose the last
  commits when the *power* goes, and classroom PCs are switched off at the wall. An attempt is
  saved only at moments that matter (opening a level, a Test, leaving), a few times a minute,
  so one fsync per commit is affordable and "committed" means "on the disk".
- ``foreign_keys=ON``: deleting a class or a pupil cascades to every attempt in the database
  itself, so a hard delete cannot leave a child's data behind, whatever code path deleted.
- ``busy_timeout``: the game and the teacher's command line may write at the same moment; the
  second waits a little instead of failing.
- Write transactions start with ``BEGIN IMMEDIATE`` (see :func:`write_options`): a transaction
  that reads first and upgrades to a write lock later can fail at once with "database is
  locked" whatever the busy timeout; taking the write lock up front makes it wait instead.
- ``secure_delete=ON``: a deleted pupil's name is overwritten with zeros in the file, not just
  marked free, so "delete" means gone from the disk too (see :func:`scrub` for the WAL).
- **Only the PC's user may read the store**: the file is created with mode 0600 (and the folder
  0700 when we make it); SQLite gives its ``-wal`` and ``-shm`` files the mode of the database
  file. Children's names and work are personal data; another account on a shared PC must not
  copy them.

A school server that does not answer must never freeze the game (a hung server once froze the
window for 130 s at start and 45 s at a save):

- ``connect_timeout`` (:data:`CONNECT_TIMEOUT`): a server that accepts the connection and never
  answers is given up after a few seconds;
- the server's own ``statement_timeout`` and ``lock_timeout`` (sent as connection options):
  a statement stuck behind a lock ends with an error, not never;
- TCP keepalives: a server switched off mid-lesson is noticed;
- and, because a server that hangs cannot be trusted to end its own statements, a
  :class:`Watchdog` on this side: a statement (or the check that a pooled connection still
  lives) that takes longer than its limit has its connection cut, so the call raises.

Where a school server's address comes from (first found wins): ``--db URL``, ``--db-file PATH``
(its first line), the environment variable ``TECHNIEKWERF_DB_URL``; else the game's settings
(``db_url``), else the SQLite store in the data folder. A password inside ``--db`` shows in the
process list of every user; the file or the variable keep it out of it (:func:`server_url`).
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from game.progress.records import StoreError

DB_FILE = "techniekwerf.db"
DB_URL_ENV = "TECHNIEKWERF_DB_URL"
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
#: What to install when a database driver is missing, by the module that failed to import.
DRIVERS = {"psycopg": ("the PostgreSQL driver psycopg", 'pip install "psycopg[binary]"'),
           "sqlite3": ("Python's sqlite3 module", "install a Python that includes SQLite")}
BUSY_TIMEOUT_MS = 10_000
#: A school server: seconds to wait for a connection (libpq's minimum is 2).
CONNECT_TIMEOUT = 3
#: The server ends a statement that runs longer than this, or waits this long for a lock.
STATEMENT_TIMEOUT_MS = 30_000
LOCK_TIMEOUT_MS = 10_000
#: Seconds this side waits for one statement before it cuts the connection (the server's own
#: timeout is the usual end; this is for a server that does not answer at all).
STATEMENT_LIMIT = STATEMENT_TIMEOUT_MS / 1000 + 5
#: Seconds for the check that a pooled connection still lives.
PING_LIMIT = 2.0
#: Seconds for a statement of a big job (a migration, a million attempts at once).
BULK_LIMIT = 3600.0
#: The execution option (and connection info key) that sets a tighter limit for one operation.
LIMIT = "techniekwerf_limit"
#: TCP keepalives: a server that went away is noticed in about half a minute.
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
              "keepalives_count": 3}
IMMEDIATE = "techniekwerf_immediate"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # two letters or more: C:\ is a drive  # an execution option: this transaction will write


class StoreUrlError(ValueError):
    """The database address cannot be used (unknown kind of database, bad URL)."""


def default_url(folder: str | os.PathLike[str] | None = None) -> str:
    """The embedded store of this PC: ``<data folder>/techniekwerf.db``."""
    from game.settings import data_dir

    return sqlite_url(data_dir(folder) / DB_FILE)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"


def resolve_url(target: str | os.PathLike[str] | None) -> str:
    """A URL for what the caller gave: a URL is kept, a folder means the store file in it, a
    path ending in ``.db``/``.sqlite``/``.sqlite3`` is that SQLite file, None the default."""
    if target is None:
        return default_url()
    if isinstance(target, str) and (_SCHEME.match(target) or "://" in target):
        return target  # a URL, or a mistyped one that make_engine will name (not a folder)
    path = Path(target)
    if path.suffix in (".db", ".sqlite", ".sqlite3"):
        return sqlite_url(path)
    return sqlite_url(path / DB_FILE)


def server_url(db: str | None = None, db_file: str | os.PathLike[str] | None = None,
               environ: Mapping[str, str] | None = None) -> str | None:
    """A school server's URL from ``--db``, else ``--db-file`` (its first line), else
    ``$TECHNIEKWERF_DB_URL``; None when none is given. An unreadable or empty file is a
    :class:`StoreUrlError` naming the file (never its content: it holds a password)."""
    if db:
        return db
    if db_file:
        try:
            with open(db_file, encoding="utf-8-sig") as f:
                first = f.readline().strip()
        except OSError as exc:
            raise StoreUrlError(f"--db-file {db_file}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise StoreUrlError(f"--db-file {db_file}: not a text file") from None
        if not first:
            raise StoreUrlError(f"--db-file {db_file}: the first line is empty; "
                                "put the database URL on it")
        return first
    value = (os.environ if environ is None else environ).get(DB_URL_ENV, "").strip()
    return value or None


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite the file's folder is made and the pragmas installed.

    PostgreSQL URLs are given to psycopg 3 (``postgresql://`` is read as
    ``postgresql+psycopg://``), so a school's IT can paste the plain URL they know.
    """
    try:
        parsed = make_url(url)
    except Exception as exc:  # noqa: BLE001 - SQLAlchemy raises several kinds for bad text
        raise StoreUrlError(f"{url!r} is not a database address") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            create_private(Path(database))
        engine = _create(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _install_sqlite_pragmas(engine)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = _create(parsed, connect_args=server_connect_args(parsed.query))
        # Our own check of a pooled connection (SQLAlchemy's pool_pre_ping, but watched): a
        # school server restarted overnight must not break the next lesson, and one that
        # hangs must not freeze it.
        _install_watchdog(engine)
        return engine
    raise StoreUrlError(f"{backend!r} databases are not supported; use SQLite or PostgreSQL")


def _create(url: Any, **kwargs: Any) -> Engine:
    """create_engine, with a missing driver told in one line: what to install."""
    try:
        return create_engine(url, **kwargs)
    except ImportError as exc:
        missing = (getattr(exc, "name", None) or "").split(".")[0]
        what, fix = DRIVERS.get(missing, (f"the Python module {missing or exc}",
                                          f"pip install {missing}" if missing else "reinstall"))
        raise StoreUrlError(f"cannot open {url.get_backend_name()} databases: {what} is not "
                            f"installed ({fix})") from None


def server_connect_args(query: Mapping[str, Any]) -> dict[str, Any]:
    """psycopg's connection arguments for a school server: the timeouts and keepalives above.
    Options the URL brings (e.g. ``-csearch_path=...``) are kept, ours come after them; a
    timeout the URL sets itself wins."""
    args: dict[str, Any] = {k: v for k, v in KEEPALIVES.items() if k not in query}
    if "connect_timeout" not in query:
        args["connect_timeout"] = CONNECT_TIMEOUT
    given = query.get("options", "")
    given = " ".join(given) if isinstance(given, tuple) else given
    ours = [f"-c{name}={value}" for name, value in (("statement_timeout", STATEMENT_TIMEOUT_MS),
                                                    ("lock_timeout", LOCK_TIMEOUT_MS))
            if name not in given]
    args["options"] = " ".join([given, *ours]).strip()
    return args


class Watchdog:
    """Cuts the connection of a statement that has run past its limit, from a thread of its
    own: the blocked call then raises at once (a lost connection) instead of waiting for a
    server that does not answer. One per server engine; its thread lives while it has
    something to watch."""

    TICK = 0.25

    def __init__(self) -> None:
        self._busy: dict[int, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.cut = 0  # connections cut so far (tests and the bench read it)

    def arm(self, dbapi_connection: Any, limit: float) -> None:
        with self._lock:
            self._busy[id(dbapi_connection)] = (time.monotonic() + limit, dbapi_connection)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="techniekwerf-watchdog",
                                                daemon=True)
                self._thread.start()

    def disarm(self, dbapi_connection: Any) -> None:
        with self._lock:
            self._busy.pop(id(dbapi_connection), None)

    def _run(self) -> None:
        idle = 0.0
        while True:
            time.sleep(self.TICK)
            now = time.monotonic()
            with self._lock:
                late = []
                for key, (due, c) in list(self._busy.items()):
                    if due <= now:
                        del self._busy[key]
                        late.append(c)
                if not self._busy and not late:
                    idle += self.TICK
                    if idle >= 5.0:  # nothing to watch for a while: the thread ends
                        self._thread = None
                        return
                else:
                    idle = 0.0
            for connection in late:
                self.cut += 1
                sever(connection)


def sever(dbapi_connection: Any) -> None:
    """Shut the connection's socket from outside, so a call blocked on it returns with an
    error ("server closed the connection"); the pool then drops the connection."""
    with contextlib.suppress(Exception):
        # a socket object around the driver's own socket (a file descriptor, or a handle on
        # Windows), detached again so that the driver still owns and closes it
        sock = socket.socket(fileno=dbapi_connection.pgconn.socket)
        try:
            sock.shutdown(socket.SHUT_RDWR)
        finally:
            sock.detach()


def _install_watchdog(engine: Engine) -> None:
    from sqlalchemy.exc import DisconnectionError

    dog = Watchdog()
    engine.watchdog = dog  # type: ignore[attr-defined]

    def limit_of(conn: Any) -> float:
        return float(conn.get_execution_options().get(LIMIT) or STATEMENT_LIMIT)

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        dog.arm(dbapi_connection, PING_LIMIT)
        try:
            was = dbapi_connection.autocommit
            dbapi_connection.autocommit = True  # one round trip, no transaction left open
            try:
                dbapi_connection.execute("SELECT 1")
            finally:
                dbapi_connection.autocommit = was
        except Exception as exc:  # noqa: BLE001 - any failure: a fresh connection instead
            raise DisconnectionError(str(exc)) from exc
        finally:
            dog.disarm(dbapi_connection)

    @event.listens_for(engine, "before_cursor_execute")
    def _arm(conn: Any, _cursor: Any, *_args: Any) -> None:
        dog.arm(conn.connection.dbapi_connection, limit_of(conn))

    @event.listens_for(engine, "after_cursor_execute")
    def _disarm(conn: Any, _cursor: Any, *_args: Any) -> None:
        dog.disarm(conn.connection.dbapi_connection)

    @event.listens_for(engine, "commit")
    def _arm_commit(conn: Any) -> None:
        dog.arm(conn.connection.dbapi_connection, limit_of(conn))

    @event.listens_for(engine, "rollback")
    def _arm_rollback(conn: Any) -> None:
        if not conn.invalidated:  # a cut connection is not asked again
            dog.arm(conn.connection.dbapi_connection, PING_LIMIT)

    @event.listens_for(engine, "reset")
    def _arm_reset(dbapi_connection: Any, connection_record: Any, reset_state: Any) -> None:
        if dbapi_connection is not None:  # the pool's rollback when a connection comes back
            dog.arm(dbapi_connection, PING_LIMIT)

    @event.listens_for(engine, "handle_error")
    def _error(context: Any) -> None:
        raw = getattr(context.connection, "connection", None) if context.connection else None
        target = getattr(raw, "dbapi_connection", None)
        if target is not None:
            dog.disarm(target)

    @event.listens_for(engine, "checkin")
    def _checkin(dbapi_connection: Any, _record: Any) -> None:
        if dbapi_connection is not None:
            dog.disarm(dbapi_connection)


def create_private(path: Path) -> None:
    """Make the store file (and its folder) readable by this PC user only, before SQLite opens
    it: an empty file is a valid empty database. An existing file keeps its owner's choice,
    except that a file every user could read loses the "others" bits."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            folder.chmod(PRIVATE_FOLDER)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        with contextlib.suppress(OSError):
            mode = path.stat().st_mode & 0o777
            if mode & 0o007:
                path.chmod(mode & ~0o007)
        return
    os.close(fd)


def _install_sqlite_pragmas(engine: Engine) -> None:
    """Per-connection settings, and our own BEGIN (pysqlite's implicit one cannot be IMMEDIATE)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see below
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA secure_delete=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def prepare_sqlite(engine: Engine) -> None:
    """Make the file a WAL database (persistent, so once is enough; a no-op after that)."""
    raw = engine.raw_connection()  # outside any transaction: WAL cannot be set inside one
    try:
        cursor = raw.cursor()
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
    finally:
        raw.close()


def scrub(engine: Engine) -> None:
    """After a hard delete: copy the WAL into the file and empty it, so the deleted rows (which
    ``secure_delete`` zeroed in the file) do not linger in the WAL's older frames. A reader
    still busy only delays this to the next delete or the last close; nothing waits for it."""
    if not is_sqlite(engine):
        return
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        raw.close()


def write_options() -> dict[str, Any]:
    """Execution options for a connection that is going to write."""
    return {IMMEDIATE: True}


# --- is the store's schema current? One query, no Alembic ------------------------------------

#: Alembic's table (its default name) in which a store keeps the revision of its schema
VERSION_TABLE = "alembic_version"
_REVISION = re.compile(r"""^(down_)?revision\s*(?::[^=]*)?=\s*["']([^"']+)["']""", re.M)
_NEWEST: dict[Path, str | None] = {}


def newest_revision(versions: Path) -> str | None:
    """The newest schema revision among the migration files in ``versions``, read from their
    ``revision = "..."`` and ``down_revision = "..."`` lines (importing Alembic to ask it
    costs a teacher command a third of a second). None when there is no single newest one
    (then the caller asks Alembic)."""
    versions = Path(versions)
    if versions not in _NEWEST:
        revisions: set[str] = set()
        parents: set[str] = set()
        for path in versions.glob("*.py"):
            for down, value in _REVISION.findall(path.read_text(encoding="utf-8")):
                (parents if down else revisions).add(value)
        heads = revisions - parents
        _NEWEST[versions] = heads.pop() if len(heads) == 1 else None
    return _NEWEST[versions]


def schema_is(engine: Engine, revision: str | None) -> bool:
    """Whether the store's schema is at ``revision`` already: one cheap query. False on any
    doubt (no such table, another revision, more than one row), so the caller then checks
    and migrates the slow, careful way. A server that cannot be reached raises as usual."""
    if revision is None:
        return False
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    with engine.connect() as conn:
        try:
            rows = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).fetchall()
        except DBAPIError:
            return False  # an empty database, or not a store: the careful way says which
    return [row[0] for row in rows] == [revision]


# --- what went wrong, in one line a teacher can act on -------------------------------------------


class StoreProblem(StoreError):
    """The store's file or server cannot be used right now; the message names the file (or
    the server) and what to do. ``kind``: ``damaged``, ``read-only``, ``full``, ``locked``,
    ``no-answer`` or ``other``. ``transient``: the same call may work later (a lock, a server
    that went away), so a pupil's attempt is kept to be sent then."""

    def __init__(self, message: str, kind: str, where: str, transient: bool = False) -> None:
        super().__init__(message)
        self.kind = kind
        self.where = where
        self.transient = transient


class StoreDamaged(StoreProblem):
    """SQLite's own check found the store file damaged."""

    def __init__(self, where: str, detail: str) -> None:
        super().__init__(f"{where} is damaged ({detail}); keep a copy of the file and put back "
                         "a backup, or ask the school's IT person", "damaged", where)


def where_of(engine: Engine) -> str:
    """The store's file, or its server without the password: what a message names."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        database = url.database or ":memory:"
        return database[5:].split("?")[0] if database.startswith("file:") else database
    return f"the school server {url.host or 'localhost'}" + (
        f":{url.port}" if url.port else "") + (f" ({url.database})" if url.database else "")


def store_key(engine: Engine) -> str:
    """One name per store, however its address was written: a SQLite file's resolved path,
    or the server's address without password and without this side's connection options."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        where = where_of(engine)
        return "sqlite:" + (where if where == ":memory:" else str(Path(where).resolve()))
    skip = [k for k in url.query if k.startswith("keepalives") or k == "connect_timeout"]
    return url.difference_update_query(skip).set(password=None).render_as_string()


#: a part of the driver's message -> (kind, transient, what to do)
_PROBLEMS = (
    ("database is locked", "locked", True,
     "another program is writing to it; try again in a moment"),
    ("database table is locked", "locked", True,
     "another program is writing to it; try again in a moment"),
    ("readonly database", "read-only", False,
     "the file or its folder cannot be written; ask the school's IT person to give this "
     "user write access, or start with --data pointing at a folder that can be written"),
    ("read-only", "read-only", False,
     "the file or its folder cannot be written; ask the school's IT person to give this "
     "user write access, or start with --data pointing at a folder that can be written"),
    ("disk is full", "full", False,
     "the disk is full; delete files you no longer need (old exports) and start again"),
    ("no space left", "full", False,
     "the disk is full; delete files you no longer need (old exports) and start again"),
    ("disk quota", "full", False,
     "the disk is full; delete files you no longer need (old exports) and start again"),
    ("malformed", "damaged", False,
     "keep a copy of the file and put back a backup, or ask the school's IT person"),
    ("not a database", "damaged", False,
     "keep a copy of the file and put back a backup, or ask the school's IT person"),
    ("unable to open database file", "read-only", False,
     "the folder cannot be written or does not exist; choose another folder with --data"),
    ("disk i/o error", "damaged", False,
     "the disk may be failing or was removed; ask the school's IT person"),
)
_WHAT = {"locked": "is busy", "read-only": "cannot be written", "full": "cannot grow",
         "damaged": "is damaged", "no-answer": "does not answer", "other": "cannot be used",
         "refused": "refuses this login"}
#: a school server that answers but will not let the game in: what it said, and what to do
#: (not the network: a wrong password must not send the IT person looking at cables)
_REFUSALS: tuple[tuple[str, str], ...] = (
    (r"password authentication failed for user \S+",
     "check the user and password in the server's address, TECHNIEKWERF_DB_URL or the pgpass "
     "file"),
    (r"no password supplied",
     "the address has no password: put it in TECHNIEKWERF_DB_URL or the pgpass file"),
    (r"role \S+ does not exist", "check the user name in the server's address"),
    (r"database \S+ does not exist", "check the database name in the server's address"),
    (r"no pg_hba\.conf entry for host", "the server does not allow this computer yet; ask the "
     "school's IT person to add it to pg_hba.conf"),
)
#: PostgreSQL error codes worth another try: serialization failure, deadlock, lock timeout,
#: statement timeout (a lock held long), and every "connection exception" (class 08)
RETRY_CODES = ("40001", "40P01", "55P03", "57014")


def explain(exc: BaseException, engine: Engine) -> StoreProblem | None:
    """The one-line :class:`StoreProblem` for a database error, or None when it is not a
    problem of the file or the server (a rule broken, a bug: those keep their own error)."""
    from sqlalchemy.exc import DBAPIError, DisconnectionError, IntegrityError, OperationalError

    if isinstance(exc, StoreProblem):
        return exc
    where = where_of(engine)
    if isinstance(exc, OSError):  # making the store's folder or file
        return _os_problem(exc, where)
    if type(exc).__module__.split(".")[0] in ("sqlite3", "psycopg"):  # the driver's own
        exc = OperationalError("", {}, exc)
    if isinstance(exc, IntegrityError) or not isinstance(exc, (DBAPIError, DisconnectionError)):
        return None
    orig = getattr(exc, "orig", None) or exc
    text = " ".join(str(orig).split()).lower()
    if engine.url.get_backend_name() == "sqlite":
        for part, kind, transient, todo in _PROBLEMS:
            if part in text:
                return StoreProblem(f"{where} {_WHAT[kind]} ({part}); {todo}", kind, where,
                                    transient)
        if isinstance(exc, OperationalError):
            return StoreProblem(f"{where} {_WHAT['other']} ({text[:80]}); ask the school's "
                                "IT person", "other", where, False)
        return None
    for pattern, todo in _REFUSALS:
        if isinstance(exc, OperationalError) and (said := re.search(pattern, text)):
            return StoreProblem(f"{where} {_WHAT['refused']} ({said.group()}); {todo}",
                                "refused", where, False)
    code = getattr(orig, "sqlstate", None) or ""
    lost = (getattr(exc, "connection_invalidated", False) or code.startswith("08")
            or isinstance(exc, DisconnectionError)
            or not code and any(w in text for w in ("timeout", "closed", "connection")))
    if code in RETRY_CODES and not lost:
        return StoreProblem(f"{where} {_WHAT['locked']} ({text[:80]}); try again in a moment",
                            "locked", where, True)
    if lost or isinstance(exc, OperationalError):
        return StoreProblem(f"{where} {_WHAT['no-answer']}; check the network and that the "
                            "server runs, or ask the school's IT person", "no-answer", where,
                            True)
    return None


def _os_problem(exc: OSError, where: str) -> StoreProblem:
    """The folder or file could not be made or written: one line naming it."""
    import errno

    name = str(exc.filename or where)
    why = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        kind = "full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EISDIR):
        kind = "read-only"
    else:
        return StoreProblem(f"{name} {_WHAT['other']} ({why}); ask the school's IT person",
                            "other", name)
    todo = next(t for _part, k, _t, t in _PROBLEMS if k == kind)
    return StoreProblem(f"{name} {_WHAT[kind]} ({why}); {todo}", kind, name)


def quick_check(engine: Engine) -> None:
    """SQLite's ``PRAGMA quick_check`` on the store file: a :class:`StoreDamaged` naming the
    file when a page is damaged. Linear in the file's size (a big school year: a second or
    two), so it runs where the teacher waits anyway: at the game's start (behind the title
    screen) and before an export. A school server checks itself."""
    if not is_sqlite(engine):
        return
    where = where_of(engine)
    try:
        raw = engine.raw_connection()
    except Exception as exc:  # noqa: BLE001 - the driver's own error, not SQLAlchemy's
        raise explain(exc, engine) or StoreDamaged(where, str(exc)) from None
    try:
        cursor = raw.cursor()
        try:
            rows = cursor.execute("PRAGMA quick_check(3)").fetchall()
        except Exception as exc:  # noqa: BLE001 - the check itself may meet the damage
            problem = explain_sqlite(exc, engine)
            raise problem from None
        finally:
            cursor.close()
    finally:
        raw.close()
    found = [line.strip() for r in rows for line in str(r[0]).splitlines()
             if line.strip() and not line.startswith("***")]  # "*** in database main ***"
    if found != ["ok"]:
        raise StoreDamaged(where, found[0][:120] if found else "no answer")


def explain_sqlite(exc: BaseException, engine: Engine) -> StoreProblem:
    """A raw sqlite3 error (outside SQLAlchemy) as a StoreProblem."""
    return explain(exc, engine) or StoreDamaged(where_of(engine), str(exc))
