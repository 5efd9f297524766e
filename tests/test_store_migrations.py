"""Every older schema revision upgrades with its data intact; a store from a newer version is
refused and left untouched; the migrations build exactly the schema the code declares.
On SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from game.progress import db
from game.progress.records import CellStatus, Outcome
from game.progress.sql import (
    SqlSchoolStore,
    StoreError,
    StoreTooNew,
    head_revision,
    known_revisions,
    metadata,
    schema_revision,
    upgrade,
)
from tests import pg

store_url = pg.store_url  # the fixture: each test on SQLite and on PostgreSQL

WHEN = datetime(2024, 9, 2, 8, 30)  # naive UTC, as the database keeps it
CLASS, PUPIL, LESSON = ("11111111-1111-4111-8111-111111111111",
                        "22222222-2222-4222-8222-222222222222",
                        "33333333-3333-4333-8333-333333333333")
ATTEMPTS = ("44444444-4444-4444-8444-444444444444", "55555555-5555-4555-8555-555555555555")


def fill_0001(conn: sa.Connection) -> None:
    """What a store at revision 0001 holds after a lesson: raw SQL, as that version wrote it."""
    conn.execute(sa.text("INSERT INTO meta (key, value) VALUES ('device_id', 'old-pc')"))
    conn.execute(sa.text("INSERT INTO classes VALUES (:i, 'groep 5b', :t, :t)"),
                 {"i": CLASS, "t": WHEN})
    conn.execute(sa.text("INSERT INTO pupils VALUES (:i, :c, 'Zoë', 'fox', :t)"),
                 {"i": PUPIL, "c": CLASS, "t": WHEN})
    conn.execute(sa.text("INSERT INTO lessons VALUES (:i, 'Stroom', :f, :t, :t)"),
                 {"i": LESSON, "f": False, "t": WHEN})
    conn.execute(sa.text("INSERT INTO lesson_levels VALUES (:l, 0, 'city-02'), (:l, 1, 'city-01')"),
                 {"l": LESSON})
    conn.execute(sa.text("INSERT INTO activations VALUES (:c, :l, :t)"),
                 {"c": CLASS, "l": LESSON, "t": WHEN})
    for attempt_id, outcome, stars, failed in ((ATTEMPTS[0], "solved", 2, 1),
                                               (ATTEMPTS[1], "gave_up", 0, 4)):
        conn.execute(sa.text(
            "INSERT INTO attempts (id, pupil_id, level_id, lesson_id, started, ended, seconds,"
            " outcome, stars, parts_used, tests_run, failed_tests, hints_used, resets, answer,"
            " build, device, modified) VALUES (:i, :p, :lv, :l, :t, :t, 90.0, :o, :s, 3, 2, :f,"
            " 1, 0, NULL, :b, 'old-pc', :t)"),
            {"i": attempt_id, "p": PUPIL, "lv": "city-01" if stars else "city-02", "l": LESSON,
             "t": WHEN, "o": outcome, "s": stars, "f": failed,
             "b": '[{"kind":"lamp","at":[1,2],"rotation":1,"on":true,"broken":false,'
                  '"placed":true}]'})
    conn.execute(sa.text(
        "INSERT INTO teacher_secret VALUES (1, 'scrypt', 1024, 8, 1, 'aa', 'bb', 2, 0.0, :t)"),
        {"t": WHEN})


def fill_0002(conn: sa.Connection) -> None:
    fill_0001(conn)
    conn.execute(sa.text("INSERT INTO forgotten (id_hash) VALUES (:h)"), {"h": "0" * 64})


def fill_0003(conn: sa.Connection) -> None:
    """0003 keeps a summary per (pupil, level) beside the attempts, written with each save."""
    fill_0002(conn)
    conn.execute(sa.text(
        "INSERT INTO progress VALUES (:p, 'city-01', 2, 1, 1, 90.0, :t, 1),"
        " (:p, 'city-02', 0, 1, 4, 90.0, :t, 0)"), {"p": PUPIL, "t": WHEN})


def fill_0004(conn: sa.Connection) -> None:
    """0004 keeps each pupil's own settings as a JSON object."""
    fill_0003(conn)
    conn.execute(sa.text("INSERT INTO pupil_settings VALUES (:p, :s, :t)"),
                 {"p": PUPIL, "s": '{"language":"ar","text_size":2}', "t": WHEN})


def fill_0005(conn: sa.Connection) -> None:
    """0005: a tombstone says when its pupil or class was deleted (deletions travel)."""
    fill_0004(conn)
    conn.execute(sa.text("INSERT INTO forgotten VALUES (:h, :t)"), {"h": "1" * 64, "t": WHEN})


def fill_0006(conn: sa.Connection) -> None:
    """0006: a school server's teachers, each with their own PIN (hash and back-off)."""
    fill_0005(conn)
    conn.execute(sa.text("INSERT INTO teachers VALUES ('Juf Anna', 'scrypt', 1024, 8, 1, 'aa',"
                         " 'bb', 3, 0.0, :t)"), {"t": WHEN})


#: how to put data into a store at each revision; a new revision needs a new entry here
FILLERS: dict[str, Callable[[sa.Connection], None]] = {
    "0001": fill_0001, "0002": fill_0002, "0003": fill_0003, "0004": fill_0004,
    "0005": fill_0005, "0006": fill_0006}


def test_every_revision_has_a_data_test():
    assert list(FILLERS) == known_revisions()


@pytest.mark.parametrize("revision", list(FILLERS))
def test_a_store_at_each_older_revision_upgrades_with_its_data(store_url, revision, tmp_path):
    engine = db.make_engine(store_url)
    try:
        upgrade(engine, revision)
        with engine.begin() as conn:
            assert schema_revision(conn) == revision
            FILLERS[revision](conn)
    finally:
        engine.dispose()

    store = SqlSchoolStore(store_url)
    try:
        with store.engine.connect() as conn:
            assert schema_revision(conn) == head_revision()
        if store_url.startswith("sqlite"):  # a server's device id is the PC's, not the store's
            assert store.device_id == "old-pc"
        (group,) = store.classes()
        assert (group.id, group.name, group.created) == (CLASS, "groep 5b",
                                                         WHEN.replace(tzinfo=timezone.utc))
        assert [(p.id, p.name, p.avatar) for p in store.pupils(CLASS)] == [(PUPIL, "Zoë", "fox")]
        assert store.active_lesson(CLASS).level_ids == ("city-02", "city-01")
        attempts = {a.id: a for a in store.attempts(pupil_id=PUPIL)}
        assert set(attempts) == set(ATTEMPTS)
        solved = attempts[ATTEMPTS[0]]
        assert (solved.outcome, solved.stars, solved.failed_tests) == (Outcome.SOLVED, 2, 1)
        assert solved.build[0].kind == "lamp" and solved.build[0].at == (1, 2)
        board = store.dashboard(CLASS, ["city-01", "city-02"])
        assert board.cell(PUPIL, "city-01").status == CellStatus.SOLVED
        assert board.cell(PUPIL, "city-02").status == CellStatus.NEEDS_HELP
        assert board.cell(PUPIL, "city-02").seconds == 90.0  # the summary was filled in
        assert store.has_secret()
        # a school server's teachers (0006 on) keep their names and PINs
        assert store.teacher_names() == (["Juf Anna"] if revision >= "0006" else [])
        # a pupil from before 0004 has no own settings yet; one from 0004 on keeps them
        expected = {"language": "ar", "text_size": 2} if revision >= "0004" else {}
        assert store.pupil_settings(PUPIL) == expected
        store.save_pupil_settings(PUPIL, {"language": "pl"})
        assert store.pupil_settings(PUPIL) == {"language": "pl"}
        # tombstones from before 0005 travel in the log as well, without a time
        log = tmp_path / "log.jsonl"
        store.export_log(log)
        records = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
        tombstones = {r["id_hash"]: r["deleted"] for r in records if r["kind"] == "forgotten"}
        if revision >= "0002":
            assert tombstones["0" * 64] is None
        if revision >= "0005":
            assert tombstones["1" * 64].startswith("2024-09-02T08:30")
    finally:
        store.close()


def test_the_migrations_build_exactly_the_schema_the_code_declares(store_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = SqlSchoolStore(store_url)
    try:
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = [d for d in compare_metadata(context, metadata)
                    if not (d[0] == "remove_table" and d[1].name == "alembic_version")]
        assert diff == []
    finally:
        store.close()


def _stamp(url: str, version: str) -> None:
    engine = db.make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = :v"), {"v": version})
    finally:
        engine.dispose()


def _snapshot(url: str) -> tuple:
    """The version and every row of every table: what 'left untouched' means."""
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            names = sorted(sa.inspect(conn).get_table_names())
            return tuple((n, sorted(map(tuple, conn.execute(sa.text(f"SELECT * FROM {n}")))))
                         for n in names)
    finally:
        engine.dispose()


def test_a_store_from_a_newer_version_is_refused_and_left_untouched(store_url, tmp_path):
    first = SqlSchoolStore(store_url)
    first.add_class("groep 5b")
    first.close()
    _stamp(store_url, "0099")
    before = _snapshot(store_url)
    path = tmp_path / "school.db"
    file_before = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None

    with pytest.raises(StoreTooNew) as refused:
        SqlSchoolStore(store_url)
    message = str(refused.value)
    assert "newer version" in message and "0099" in message and "\n" not in message
    assert isinstance(refused.value, StoreError)
    assert _snapshot(store_url) == before
    if file_before is not None:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == file_before


def test_a_database_of_something_else_is_not_taken_over(store_url):
    engine = db.make_engine(store_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE pupils (id INTEGER PRIMARY KEY, secret TEXT)"))
    finally:
        engine.dispose()
    with pytest.raises(StoreError, match="not a Techniekwerf store"):
        SqlSchoolStore(store_url)


def test_opening_twice_migrates_once(store_url):
    SqlSchoolStore(store_url).close()
    store = SqlSchoolStore(store_url)
    try:
        with store.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar() == 1
    finally:
        store.close()


def test_a_new_store_is_migrated_by_alembic_s_own_command_where_its_step_is_missing(
        store_url, monkeypatch):
    """The store runs the migrations with the step Alembic's upgrade command takes (the
    migration files read once per process); an Alembic release without that step gets its
    own command, and the store is made all the same."""
    import game.progress.sql as sql

    monkeypatch.setattr(sql, "_has_upgrade_step", lambda _script: False)
    store = SqlSchoolStore(store_url)
    try:
        with store.engine.connect() as conn:
            assert schema_revision(conn) == head_revision()
        assert store.classes() == []
    finally:
        store.close()


def test_the_migrations_ship_inside_the_package():
    from game.progress import sql

    assert sql.MIGRATIONS.is_relative_to(sql.Path(sql.__file__).parent)
    assert (sql.MIGRATIONS / "env.py").exists()
    assert (sql.MIGRATIONS / "versions" / "__init__.py").exists()  # found by setuptools
