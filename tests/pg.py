"""A PostgreSQL server for the store tests, and the fixtures that run a test on both backends.

Where the server comes from, in order:

1. ``$TECHNIEKWERF_TEST_PG`` (``.ci/run`` starts Debian's cluster and sets it);
2. else a throwaway cluster in a temporary folder, made with ``initdb`` and started with
   ``pg_ctl`` on a Unix socket only (no TCP port), when the PostgreSQL binaries are installed.
   It is stopped when the test run ends. As root it runs as the ``postgres`` user, because
   PostgreSQL refuses to run as root.
3. else the PostgreSQL half of each test is skipped, with the reason.

Each test gets its own schema (``search_path`` in the URL, a random name), dropped afterwards,
so tests never see each other's rows and no database has to be created per test. That holds
for the parallel workers of pytest-xdist too: they share the server of ``$TECHNIEKWERF_TEST_PG``
schema by schema, or each starts a throwaway cluster of its own (its own folder and socket).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

ENV = "TECHNIEKWERF_TEST_PG"
START_TIMEOUT = 30  # seconds; a server that takes longer is treated as absent


def _binaries() -> Path | None:
    """The folder with initdb and pg_ctl: on the PATH, else Debian's newest version."""
    found = shutil.which("initdb")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += [Path(p).parent for p in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                                                  reverse=True)]
    return next((c for c in candidates if (c / "pg_ctl").exists()), None)


def _run_as(user: str | None, args: list[str]) -> subprocess.CompletedProcess:
    """Run a server tool (as ``user``), bounded in time; a hang or a missing tool is a failed
    run, never a hung test session."""
    if user is not None:
        args = ["runuser", "-u", user, "--", *args]
    try:
        return subprocess.run(args, capture_output=True, text=True,
                              timeout=START_TIMEOUT + 10, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return subprocess.CompletedProcess(args, 1, "", f"{exc.__class__.__name__}: {exc}")


@functools.cache
def server() -> tuple[str | None, str]:
    """(base URL, "") for a running server, or (None, why not). Started once per test run
    (cached here rather than in a session fixture, so test modules share one server)."""
    url = os.environ.get(ENV)
    if url:
        return url, ""
    bindir = _binaries()
    if bindir is None:
        return None, f"no PostgreSQL: set {ENV} or install postgresql (initdb, pg_ctl)"
    user = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return None, "PostgreSQL cannot run as root and there is no postgres user"
        user = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="techniekwerf-pg-"))
    data, sockets = folder / "data", folder / "run"
    sockets.mkdir()
    if user is not None:
        entry = pwd.getpwnam(user)
        for path in (folder, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    done = _run_as(user, [str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                          "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8"])
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        return None, f"initdb failed: {done.stderr.strip().splitlines()[-1:]}"
    port = 20000 + uuid.uuid4().int % 20000  # names the socket file only: no TCP listener
    options = (f"-c listen_addresses='' -c unix_socket_directories={sockets} -p {port} "
               "-c fsync=off -c full_page_writes=off -c max_connections=50")
    done = _run_as(user, [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"),
                          "-o", options, "-w", "-t", str(START_TIMEOUT), "start"])
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        return None, f"pg_ctl start failed: {done.stderr.strip()[-200:]}"

    def stop() -> None:
        _run_as(user, [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w",
                       "stop"])
        shutil.rmtree(folder, ignore_errors=True)

    atexit.register(stop)
    return f"postgresql+psycopg://postgres@/postgres?host={quote(str(sockets))}&port={port}", ""


def _with_query(url: str, **params: str) -> str:
    joiner = "&" if "?" in url else "?"
    return url + joiner + "&".join(f"{k}={quote(v)}" for k, v in params.items())


@contextlib.contextmanager
def pg_schema() -> Iterator[str]:
    """A URL whose tables live in a fresh schema of the test server; dropped afterwards."""
    base, why = server()
    if base is None:
        pytest.skip(why)
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = _admin(base)
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {name}")
        yield _with_query(base, options=f"-csearch_path={name}")
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")


@functools.cache
def _admin(base: str) -> object:
    """The engine that makes and drops the test schemas: one per test process, so its pooled
    connection is reused (logging in to the server took longer than making a schema).
    pre_ping: a test that restarts or cuts the server leaves no dead connection here."""
    import sqlalchemy as sa

    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    atexit.register(engine.dispose)
    return engine


# --- PostgreSQL schemas holding a new store, used again once emptied -------------------------
#
# Making a store on the server (the migration chain: a dozen CREATE TABLEs) took longer than
# most store tests themselves. A test that uses the ``store`` fixture gets a schema at the
# newest revision; afterwards, if nothing else still uses it and its tables, columns,
# constraints and indexes are exactly those the migrations made, its rows are emptied (the
# revision row kept: a new store holds nothing else, checked when the first one is made) and
# the next such test of this process gets it. Otherwise it is dropped as before.

#: the catalog of a schema: everything the migrations make, the schema's own name left out
_CATALOG = """
SELECT 'rel', c.relname, c.relkind::text, '' FROM pg_class c WHERE c.relnamespace = %(s)s
UNION ALL
SELECT 'col', c.relname || '.' || a.attname,
       format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
       coalesce(pg_get_expr(d.adbin, d.adrelid), '')
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE c.relnamespace = %(s)s AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'con', c.relname || '.' || k.conname, k.contype::text, pg_get_constraintdef(k.oid)
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE c.relnamespace = %(s)s
UNION ALL
SELECT 'idx', i.relname, '', pg_get_indexdef(i.oid)
  FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE i.relnamespace = %(s)s
UNION ALL
SELECT 'trg', c.relname || '.' || t.tgname, '', pg_get_triggerdef(t.oid)
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
 WHERE c.relnamespace = %(s)s AND NOT t.tgisinternal  -- a foreign key's are named by oid
UNION ALL
SELECT 'fun', p.proname, '', '' FROM pg_proc p WHERE p.pronamespace = %(s)s
UNION ALL
SELECT 'typ', t.typname, t.typtype::text, '' FROM pg_type t
 WHERE t.typnamespace = %(s)s AND t.typrelid = 0 AND t.typelem = 0
"""
_SPARE: dict[str, list[str]] = {}  # server -> emptied schemas at the newest revision
_MADE: dict[str, tuple] = {}  # server -> (catalog, rows of each table) of a new store
_MADE_SIZES: dict[str, dict[str, int]] = {}  # server -> the size of each table of a new store


def _catalog(conn: object, name: str) -> list[tuple[str, ...]]:
    rows = conn.exec_driver_sql(_CATALOG.replace("%(s)s", f"'{name}'::regnamespace")).all()
    return sorted(tuple(str(v).replace(f"{name}.", "<schema>.") for v in row) for row in rows)


def _tables(conn: object, name: str) -> list[str]:
    return sorted(conn.exec_driver_sql(
        f"SELECT relname FROM pg_class WHERE relnamespace = '{name}'::regnamespace "
        "AND relkind IN ('r', 'p')").scalars())


def _url(base: str, name: str) -> str:
    # the application name tells whether a connection of a test still uses the schema
    return _with_query(base, options=f"-csearch_path={name} -capplication_name={name}")


def _state(conn: object, name: str) -> tuple:
    """(catalog, the rows of every table) of schema ``name``."""
    rows = {t: sorted(map(tuple, conn.exec_driver_sql(f'SELECT * FROM {name}."{t}"').all()))
            for t in _tables(conn, name)}
    return _catalog(conn, name), rows


def _new_store_schema(base: str) -> str:
    """A schema with a new store in it, made as the game makes one (migrations and all)."""
    from game.progress import db
    from game.progress.sql import upgrade

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = _admin(base)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {name}")
    engine = db.make_engine(_url(base, name))
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    if base not in _MADE:
        with admin.connect() as conn:
            _MADE[base] = _state(conn, name)
            _MADE_SIZES[base] = _sizes(conn, name)
    return name


def _sizes(conn: object, name: str) -> dict[str, int]:
    """The size on disk of every table of ``name``: 0 for a table nothing was ever written to."""
    return dict(conn.exec_driver_sql(
        f"SELECT relname, pg_relation_size(oid) FROM pg_class WHERE relnamespace = "
        f"'{name}'::regnamespace AND relkind IN ('r', 'p')").all())


def _empty_again(base: str, name: str) -> bool:
    """Make ``name`` a new store's schema again; False when it cannot be (then drop it).
    Only the tables a test wrote to are emptied (TRUNCATE gives them new, empty files); the
    others were never written, as their size of 0 shows."""
    catalog, rows = _MADE[base]
    if any(kept for table, kept in rows.items() if table != "alembic_version"):
        return False  # a new store holds rows: emptying would not give one
    try:
        with _admin(base).connect() as conn:
            for _ in range(5):  # a connection just closed leaves the list a moment later
                busy = conn.exec_driver_sql(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                    f"'{name}'").scalar()
                if not busy:
                    break
                time.sleep(0.02)
            if busy or _catalog(conn, name) != catalog:
                return False
            made = _MADE_SIZES[base]
            written = sorted(t for t, size in _sizes(conn, name).items()
                             if size != made.get(t) and t != "alembic_version")
            if written:
                conn.exec_driver_sql("SET lock_timeout = '2s'")  # a lock kept: drop it instead
                try:
                    conn.exec_driver_sql(
                        "TRUNCATE " + ", ".join(f'{name}."{t}"' for t in written) +
                        " CASCADE")  # the tables whose keys point at them: empty already
                finally:
                    conn.exec_driver_sql("RESET lock_timeout")
            if _sizes(conn, name) != made:
                return False
            version = conn.exec_driver_sql(f"SELECT * FROM {name}.alembic_version").all()
            return sorted(map(tuple, version)) == rows["alembic_version"]
    except Exception:  # noqa: BLE001 - any doubt: the schema is dropped, not used again
        return False


@contextlib.contextmanager
def store_schema() -> Iterator[str]:
    """The URL of a schema holding a new, empty store at the newest revision (see above)."""
    base, why = server()
    if base is None:
        pytest.skip(why)
    if base not in _SPARE:
        atexit.register(_drop_spare, base)  # once per server: the last ones are dropped
    spare = _SPARE.setdefault(base, [])
    name = spare.pop() if spare else _new_store_schema(base)
    try:
        yield _url(base, name)
    finally:
        if _empty_again(base, name):
            spare.append(name)
        else:
            with _admin(base).connect() as conn:
                conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")


def _drop_spare(base: str) -> None:
    with contextlib.suppress(Exception), _admin(base).connect() as conn:
        while _SPARE.get(base):
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {_SPARE[base].pop()} CASCADE")


BACKENDS = ("sqlite", "postgresql")


def _opens_a_store_at_once(request: pytest.FixtureRequest) -> bool:
    """Whether the test uses this module's ``store`` fixture (not one of its own name)."""
    info = getattr(request.node, "_fixtureinfo", None)
    defs = getattr(info, "name2fixturedefs", {}).get("store") or ()
    func = getattr(defs[-1], "func", None) if defs else None
    return getattr(func, "__module__", None) == __name__ and func.__name__ == "store"


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty store, once on SQLite and once on PostgreSQL. For a test that uses
    ``store`` (a store opened at once), the PostgreSQL one holds a new store already."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'school.db'}"
    elif _opens_a_store_at_once(request):
        with store_schema() as url:
            yield url
    else:
        with pg_schema() as url:
            yield url


@pytest.fixture
def open_store(store_url: str) -> Iterator[Callable[..., object]]:
    """Open (and reopen) the store at ``store_url``; every store opened is closed afterwards.
    The teacher secret is hashed cheaply here; the OWASP default has its own test."""
    from game.progress.secret import Cost
    from game.progress.sql import SqlSchoolStore

    opened: list[SqlSchoolStore] = []

    def make(**options: object) -> SqlSchoolStore:
        options.setdefault("secret_cost", Cost(n=2**10, r=8, p=1))
        store = SqlSchoolStore(store_url, **options)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@functools.cache
def _sqlite_template() -> bytes:
    """The bytes of a new SQLite store file as opening one makes it before it is used: the
    file made private, WAL set, the whole migration chain run (no device id yet: that is
    each store's own). Made once per test process; each copy is that same file."""
    from game.progress import db
    from game.progress.sql import upgrade

    folder = Path(tempfile.mkdtemp(prefix="techniekwerf-template-"))
    try:
        path = folder / "school.db"
        engine = db.make_engine(f"sqlite:///{path}")
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        # the last connection closed: the WAL is in the file and gone
        assert sorted(p.name for p in folder.iterdir()) == ["school.db"]
        return path.read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def made_sqlite(path: Path) -> str:
    """The URL of a new, empty SQLite store at ``path`` (which must not exist yet): a copy of
    the file opening a store there would make (:func:`_sqlite_template`), without running the
    migration chain again. Opening it gives the store its own device id, as a new one would."""
    from game.progress import db

    path = Path(path)
    assert not path.exists() and not path.with_name(path.name + "-wal").exists(), path
    data = _sqlite_template()
    db.create_private(path)  # the same folder and file modes as a store made by opening it
    with path.open("r+b") as file:
        file.write(data)
    return f"sqlite:///{path}"


@pytest.fixture
def store(open_store: Callable[..., object], store_url: str) -> object:
    """An empty store, opened once. On SQLite its file is a copy of a made one (the same
    bytes the migration chain writes: see _sqlite_template); tests of opening and migrating
    a store use ``store_url``/``open_store``, which start from no file at all."""
    if store_url.startswith("sqlite:///"):
        made_sqlite(Path(store_url.removeprefix("sqlite:///")))
    return open_store()
