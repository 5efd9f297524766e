"""A school server that does not answer must not freeze the game or lose a pupil's attempt.

Real servers that hang: :class:`~tests.hang_server.SilentServer` accepts and never says a
word; :class:`~tests.hang_server.Relay` stands in front of the real PostgreSQL server of the
tests and can be told to hang mid-lesson. Without the timeouts (connect, the server's own
statement and lock timeouts, and the watchdog on this side) every call here waited for ever;
the bounds below are generous, they only tell "returns" from "never returns".
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import threading
from dataclasses import replace

import pygame
import pytest
import sqlalchemy as sa

from game.progress import db
from game.progress.records import Attempt, Outcome, new_id, now
from game.progress.sql import SqlSchoolStore, attempts_t
from tests import pg
from tests.hang_server import Relay, SilentServer

BOUND = 90.0  # seconds: far above the few seconds the timeouts take


@pytest.fixture(autouse=True)
def quick_limits(monkeypatch):
    """The same limits, shorter, so the hangs here cost the suite seconds and not minutes: a
    connection is given up after libpq's least (2 s, the game waits 3), a save after 1 s (the
    game 5 s), a pooled connection's ping after 0.5 s (the game 2 s). What is tested is that
    each wait ends, and what happens then; the game's own values are checked below."""
    from game.progress import sql

    monkeypatch.setattr(db, "CONNECT_TIMEOUT", 2)
    monkeypatch.setattr(db, "PING_LIMIT", 0.5)
    monkeypatch.setattr(sql, "SAVE_LIMIT", 1.0)


def in_thread(work, bound: float = BOUND) -> dict:
    """Run ``work`` in a thread; fail (instead of hanging the suite) if it never returns."""
    result: dict = {}

    def run() -> None:
        try:
            result["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(bound)
    assert not thread.is_alive(), "the call never returned: the game would be frozen"
    return result


@contextlib.contextmanager
def deadline(seconds: int):
    """For work that must run on the main thread (the window): a hang becomes a failure."""

    def late(_signum, _frame):
        raise TimeoutError("the main thread was blocked: the window would be frozen")

    if not hasattr(signal, "SIGALRM"):  # Windows: no alarm; a hang shows as a hang
        yield
        return
    old = signal.signal(signal.SIGALRM, late)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def attempt(pupil_id, level_id="city-01", **changes) -> Attempt:
    return replace(Attempt(new_id(), pupil_id, level_id, None, now(), None, Outcome.BUSY),
                   **changes)


def test_a_server_that_accepts_and_never_answers_is_given_up_with_one_line():
    with SilentServer() as silent:
        result = in_thread(lambda: SqlSchoolStore(silent.url))
    problem = result.get("error")
    assert isinstance(problem, db.StoreProblem), result
    assert problem.kind == "no-answer" and problem.transient
    line = str(problem)
    assert "\n" not in line and f"127.0.0.1:{silent.port}" in line and "does not answer" in line
    assert "secret" not in line  # never the password


def test_the_server_gets_its_own_statement_and_lock_timeouts_and_keeps_the_urls_options():
    with pg.pg_schema() as url:
        store = SqlSchoolStore(url)
        try:
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("SHOW statement_timeout").scalar() == "30s"
                assert conn.exec_driver_sql("SHOW lock_timeout").scalar() == "10s"
                assert conn.exec_driver_sql("SHOW search_path").scalar().startswith("t_")
                fd = conn.connection.dbapi_connection.pgconn.socket
                sock = socket.socket(fileno=os.dup(fd))
                try:
                    if sock.family != socket.AF_UNIX:  # TCP: a lost server is noticed
                        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)
                        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE) == 10
                finally:
                    sock.close()
        finally:
            store.close()


def test_a_save_while_the_server_hangs_is_kept_and_arrives_once_when_it_answers(tmp_path):
    told: list = []
    with pg.pg_schema() as url, Relay(url) as relay:
        store = SqlSchoolStore(relay.url, pending=tmp_path,
                               on_pending=lambda count, problem: told.append((count, problem)))
        try:
            group = store.add_class("groep 5")
            zoe = store.add_pupil(group.id, "Zoë", "fox")
            first = attempt(zoe.id)
            store.save_attempt(first)  # the server answers: stored at once
            assert store.waiting == 0 and not told

            relay.hang = True  # mid-lesson the server stops answering
            solved = replace(first, outcome=Outcome.SOLVED, stars=2, ended=now())
            second = attempt(zoe.id, "city-02", tests_run=1)
            for version in (solved, second):
                assert "error" not in in_thread(lambda v=version: store.save_attempt(v))
            assert store.waiting == 2  # kept on this PC, nothing raised to the child's game
            assert told[0][0] == 1 and told[0][1].kind == "no-answer"
            assert told[-1][0] == 2

            relay.hang = False  # the server answers again
            assert store.send_pending() == 2
            assert store.waiting == 0 and told[-1] == (0, None)
            assert store.send_pending() == 0  # nothing is sent twice
        finally:
            store.close()
        check = SqlSchoolStore(url)  # straight to the server, not through the relay
        try:
            with check.engine.connect() as conn:
                ids = conn.execute(sa.select(attempts_t.c.id)).scalars().all()
            assert sorted(ids) == sorted([first.id, second.id])  # each once
            assert check.attempt(first.id).outcome == Outcome.SOLVED  # the newest version
            assert check.best_stars("city-01", zoe.id) == 2
            cells = check.dashboard(group.id, ["city-01", "city-02"]).cells
            assert cells[(zoe.id, "city-01")].attempts == 1
            assert cells[(zoe.id, "city-02")].attempts == 1
        finally:
            check.close()


def test_attempts_kept_at_one_start_are_sent_at_the_next(tmp_path):
    with pg.pg_schema() as url, Relay(url) as relay:
        store = SqlSchoolStore(relay.url, pending=tmp_path)
        try:
            zoe = store.add_pupil(store.add_class("groep 5").id, "Zoë", "fox")
            relay.hang = True
            kept = attempt(zoe.id, outcome=Outcome.SOLVED, stars=3, ended=now())
            assert "error" not in in_thread(lambda: store.save_attempt(kept))
            assert store.waiting == 1
        finally:
            in_thread(store.close)
        relay.hang = False
        again = SqlSchoolStore(relay.url, pending=tmp_path)  # the game starts again
        try:
            assert again.waiting == 1
            assert again.send_pending() == 1 and again.waiting == 0
            assert [a.id for a in again.attempts(pupil_id=zoe.id)] == [kept.id]
            assert SqlSchoolStore(relay.url, pending=tmp_path).waiting == 0
        finally:
            again.close()


def test_a_statement_that_hangs_on_a_pooled_connection_is_cut_by_the_watchdog():
    with pg.pg_schema() as url, Relay(url) as relay:
        store = SqlSchoolStore(relay.url)
        try:
            store.classes()  # a connection in the pool, alive
            with store.engine.connect() as conn:
                conn.execution_options(**{db.LIMIT: 1.0})
                relay.hang = True
                result = in_thread(lambda: conn.exec_driver_sql("SELECT 1").scalar())
            assert isinstance(result.get("error"), sa.exc.OperationalError)
            assert store.engine.watchdog.cut >= 1
            relay.hang = False
            assert store.classes() == []  # a fresh connection: the store works on

            conn = store.engine.connect()  # the server stops between a read and its end:
            assert conn.exec_driver_sql("SELECT 1").scalar() == 1
            relay.hang = True
            in_thread(conn.close)  # returns: the pool's rollback on a hung server is watched
            relay.hang = False
            assert store.classes() == []
        finally:
            store.close()


def test_the_title_keeps_drawing_while_the_school_server_hangs(data_dir, fake_time):
    from game.app import App
    from game.scenes.title import TitleScene

    with pg.pg_schema() as url, Relay(url) as relay:
        relay.hang = True
        # the relay's address, waiting for a connection as long as the relay hangs
        slow = relay.url + ("&" if "?" in relay.url else "?") + "connect_timeout=600"
        app = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir,
                  time_source=fake_time, db_url=slow)
        app.ctx.wait_for_jobs = False  # as the real loop: the title answers meanwhile
        try:
            with deadline(60):
                app.run_frames(30)
            assert app.frames == 30 and isinstance(app.ctx.stack.top, TitleScene)
            assert app.ctx.school is None  # still opening, behind the title
            relay.hang = False
            assert app._opening.wait(BOUND)
            app.run_frames(1)
            assert app.ctx.school is not None and isinstance(app.ctx.stack.top, TitleScene)
        finally:
            relay.hang = False
            app.close()


def test_a_silent_server_at_start_is_a_card_and_a_note_for_the_teacher(data_dir, fake_time):
    from game.app import App
    from game.scenes.login import StoreProblemScene

    with SilentServer() as silent:
        app = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir,
                  time_source=fake_time, db_url=silent.url)
        try:
            with deadline(60):
                app.run_frames(3)
            card = app.ctx.stack.top
            assert isinstance(card, StoreProblemScene) and card.kind == "no-answer"
            assert app.ctx.school is None
            notes = [n.text for n in app.ctx.notices]
            assert any(f"127.0.0.1:{silent.port}" in n for n in notes)
        finally:
            app.close()


@pytest.mark.parametrize("text", ["database is locked", "disk I/O error"])
def test_problems_of_a_store_file_name_the_file(tmp_path, text):
    import sqlite3

    engine = db.make_engine(db.sqlite_url(tmp_path / "school.db"))
    try:
        problem = db.explain(sa.exc.OperationalError("x", {}, sqlite3.OperationalError(text)),
                             engine)
    finally:
        engine.dispose()
    assert str(tmp_path / "school.db") in str(problem) and "\n" not in str(problem)


def test_big_jobs_may_run_long_and_a_save_waits_for_a_lock_briefly():
    from game.progress.sql import SAVE_BUSY_MS

    with pg.pg_schema() as url:
        store = SqlSchoolStore(url)
        try:
            with store._write(bulk=True) as conn:  # save_attempts, the year's purge
                assert conn.exec_driver_sql("SHOW statement_timeout").scalar() == "0"
                assert conn.get_execution_options()[db.LIMIT] == db.BULK_LIMIT
            with store._write(limit=5.0) as conn:  # a pupil's save
                assert conn.exec_driver_sql("SHOW lock_timeout").scalar() == "1500ms"
                assert SAVE_BUSY_MS == 1500
            with store._write() as conn:  # everything else: the server's own limits
                assert conn.exec_driver_sql("SHOW statement_timeout").scalar() == "30s"
        finally:
            store.close()


def test_a_server_that_stops_answering_mid_lesson_never_ends_the_game(data_dir, fake_time):
    """The school server hangs after the game opened it; the next screen that reads the class
    list gets a problem it does not handle itself. The game goes on as the guest, from the
    title with the card; the teacher gets a note; playing as the guest works."""
    from game.app import App
    from game.scenes.login import StoreProblemScene
    from game.scenes.title import PLAY_RECT, TitleScene
    from game.scenes.world_map import WorldMapScene
    from tests.classroom_helpers import click, key

    with pg.pg_schema() as url, Relay(url) as relay:
        app = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir,
                  time_source=fake_time, db_url=relay.url)
        try:
            app.run_frames(3)
            school = app.ctx.school
            assert school is not None
            school.add_pupil(school.add_class("groep 5").id, "Zoë", "fox")
            relay.hang = True
            with deadline(60):
                click(app, fake_time, PLAY_RECT.center)  # the title asks for the classes
            card = app.ctx.stack.top
            assert isinstance(card, StoreProblemScene) and card.kind == "no-answer"
            assert app.ctx.school is None and app.running
            assert any("does not answer" in n.text for n in app.ctx.notices)
            key(app, fake_time, pygame.K_RETURN)  # play as guest
            assert isinstance(app.ctx.stack.top, TitleScene)
            click(app, fake_time, PLAY_RECT.center)
            assert isinstance(app.ctx.stack.top, WorldMapScene)
            assert app._lost_school is school  # kept: it still sends what it keeps
        finally:
            relay.hang = False
            app.close()


def test_a_server_that_refuses_the_login_says_so_not_the_network():
    """A wrong database name (a real server's answer) and a wrong password (the driver's words)
    are one line that names what the server said and what to check; not 'check the network'."""
    import psycopg

    base, why = pg.server()
    if base is None:
        pytest.skip(why)
    wrong = sa.engine.make_url(base).set(database="no_such_school_db")
    with pytest.raises(db.StoreProblem) as caught:
        SqlSchoolStore(wrong.render_as_string(hide_password=False))
    problem = caught.value
    assert problem.kind == "refused" and not problem.transient
    assert 'database "no_such_school_db" does not exist' in str(problem)
    assert "database name" in str(problem) and "network" not in str(problem)
    assert "\n" not in str(problem)

    engine = db.make_engine(base)
    try:
        said = psycopg.OperationalError('connection failed: FATAL:  password authentication '
                                        'failed for user "juf_anna"')
        problem = db.explain(sa.exc.OperationalError("connect", {}, said), engine)
    finally:
        engine.dispose()
    assert problem is not None and problem.kind == "refused"
    assert 'password authentication failed for user "juf_anna"' in str(problem)
    assert "pgpass" in str(problem) and "network" not in str(problem)
