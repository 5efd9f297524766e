"""A teacher command on a store that is current costs one query for the schema and imports only
what it needs: no Alembic (no migration to run), no pygame, no PDF library (issue 8: a
command took 0.45 s on SQLite, add-pupil 1.2 s on PostgreSQL). A store at an older schema is
still migrated, and one from a newer version still refused. On SQLite and on PostgreSQL; the
commands run in a fresh process, as school IT runs them. Not timed: bench/cli.py prints times."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import sqlalchemy as sa

from game import PROJECT_ROOT
from game.progress import db
from game.progress.sql import MIGRATIONS, SqlSchoolStore, head_revision, schema_revision, upgrade
from tests import pg

store_url = pg.store_url  # the fixture: each test on SQLite and on PostgreSQL

HEAVY = ("alembic", "mako", "pygame", "fpdf")
PROBE = f"""
import json, sys
from game.__main__ import main
code = main(sys.argv[1:])
sys.stdout.flush()
loaded = {{name.split(".")[0] for name in sys.modules}}
print(json.dumps({{"code": code, "heavy": sorted(loaded & set({HEAVY!r}))}}))
"""


def teacher(url: str, *args: str) -> tuple[int, list[str], list[str], str]:
    """Run ``techniekwerf teacher ARGS`` on the store at ``url`` in a fresh process: (exit
    code, output lines, heavy packages it imported, stderr)."""
    env = {**os.environ, db.DB_URL_ENV: url, "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    done = subprocess.run([sys.executable, "-c", PROBE, "teacher", *args], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    *lines, last = done.stdout.strip().splitlines()
    result = json.loads(last)
    return result["code"], lines, result["heavy"], done.stderr


def revision_of(url: str) -> str | None:
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            return schema_revision(conn)
    finally:
        engine.dispose()


def test_the_cheap_reading_of_the_newest_revision_agrees_with_alembic():
    assert db.newest_revision(MIGRATIONS / "versions") == head_revision()


def test_commands_on_a_current_store_import_neither_alembic_nor_pygame(store_url):
    SqlSchoolStore(store_url).close()  # made, and at the newest schema
    code, lines, heavy, err = teacher(store_url, "add-class", "Groep 5")
    assert (code, heavy) == (0, []), err
    code, lines, heavy, err = teacher(store_url, "add-pupil", "Groep 5", "Noor", "--avatar",
                                      "bee")
    assert (code, heavy) == (0, []), err
    code, lines, heavy, err = teacher(store_url, "pupils", "Groep 5")
    assert (code, heavy) == (0, []), err
    assert [line.split("\t")[1:] for line in lines] == [["Noor", "bee"]]


def test_a_store_at_an_older_schema_is_still_migrated(store_url):
    engine = db.make_engine(store_url)
    try:
        upgrade(engine, "0005")
    finally:
        engine.dispose()
    assert revision_of(store_url) == "0005"
    code, lines, heavy, err = teacher(store_url, "classes")
    assert code == 0, err
    assert "alembic" in heavy  # the migration ran
    assert revision_of(store_url) == head_revision()


def test_a_store_from_a_newer_version_is_still_refused(store_url):
    SqlSchoolStore(store_url).close()
    engine = db.make_engine(store_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        engine.dispose()
    code, lines, heavy, err = teacher(store_url, "classes")
    assert code == 1 and "newer version" in err
    assert revision_of(store_url) == "9999"  # left as it was


@pytest.mark.parametrize("rows", [[], ["0006", "0006"]])
def test_any_doubt_about_the_revision_takes_the_careful_way(tmp_path, rows):
    url = f"sqlite:///{tmp_path / 'odd.db'}"
    engine = db.make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
            for row in rows:
                conn.execute(sa.text("INSERT INTO alembic_version VALUES (:v)"), {"v": row})
        assert not db.schema_is(engine, head_revision())
        assert not db.schema_is(engine, None)
    finally:
        engine.dispose()
