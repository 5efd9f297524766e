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
    import sqlalchemy as sa

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {name}")
        yield _with_query(base, options=f"-csearch_path={name}")
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        admin.dispose()


BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty store, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'school.db'}"
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
