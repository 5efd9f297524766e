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

Where a school server's address comes from (first found wins): ``--db URL``, ``--db-file PATH``
(its first line), the environment variable ``TECHNIEKWERF_DB_URL``; else the game's settings
(``db_url``), else the SQLite store in the data folder. A password inside ``--db`` shows in the
process list of every user; the file or the variable keep it out of it (:func:`server_url`).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

DB_FILE = "techniekwerf.db"
DB_URL_ENV = "TECHNIEKWERF_DB_URL"
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
#: What to install when a database driver is missing, by the module that failed to import.
DRIVERS = {"psycopg": ("the PostgreSQL driver psycopg", 'pip install "psycopg[binary]"'),
           "sqlite3": ("Python's sqlite3 module", "install a Python that includes SQLite")}
BUSY_TIMEOUT_MS = 10_000
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
        # pool_pre_ping: a school server restarted overnight must not break the next lesson.
        return _create(parsed, pool_pre_ping=True)
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
        revisions, parents = set(), set()
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
