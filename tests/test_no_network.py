"""Nothing leaves the machine: the whole game path runs with sockets blocked.

DESIGN.md section 4 promises no network code and no telemetry. Here every way Python opens a
connection raises, and every attempt is also *recorded*, because the game swallows some
errors on purpose (a failed attempt save must not stop a pupil): an empty record proves that
nothing even tried. The path: load the levels, open the game headless, play a level's solution
through the simulation, log the attempt in the game's own SQLite store as the play screen does, and export
the CSV, the PDF report, a child's data and the PC log. (The PostgreSQL tests need a socket by
design and are not part of this.)
"""

from __future__ import annotations

import socket

import pytest

from tests.scene_gallery import catalogue as real_levels


class NetworkBlocked(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Every socket constructor and connect helper raises; returns the list of attempts."""
    tried: list[str] = []

    def refuse(name):
        def blocked(*args, **kwargs):
            tried.append(f"{name}{args!r}")
            raise NetworkBlocked(f"network use: {name}{args!r}")

        return blocked

    class BlockedSocket(socket.socket):
        """Still a class, so a module imported later (ssl) can subclass it."""

        def __init__(self, *args, **kwargs):
            tried.append(f"socket.socket{args!r}")
            raise NetworkBlocked(f"network use: socket.socket{args!r}")

    monkeypatch.setattr(socket, "socket", BlockedSocket)
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "socketpair", refuse("socket.socketpair"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    return tried


def test_the_blocker_blocks(no_network):
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("example.org", 80))
    with pytest.raises(NetworkBlocked):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert no_network[0] == "socket.create_connection(('example.org', 80),)"
    assert len(no_network) == 2
    no_network.clear()


def test_play_log_and_export_without_the_network(no_network, tmp_path, data_dir, fake_time):
    from game.app import App
    from game.i18n import make_translator
    from game.progress.attempt_log import AttemptLog
    from game.progress.export import export_log, export_pupil, write_class_csv
    from game.progress.report import write_class_report
    from game.progress.sql import SqlSchoolStore
    from game.sim.goals import play_solution

    levels = list(real_levels())
    app = App(size=(1280, 720), fullscreen=False, lang="nl", data_dir=data_dir,
              levels=levels, time_source=fake_time)
    try:
        app.run_frames(3)  # the game opens its own store (SQLite in the data folder) here
        store = app.ctx.school
        assert isinstance(store, SqlSchoolStore)
        group = store.add_class("groep 5b")
        zoe = store.add_pupil(group.id, "Zoë", "fox")
        app.ctx.pupil = zoe

        for level in levels[:3]:
            log = AttemptLog.for_play(app.ctx, level)
            assert log is not None
            board, result = play_solution(level)
            log.test_started(board, hints_used=0, answer=None)
            log.test_judged(result.solved, result.stars, 0, None)
            log.left(board)
            assert log.failed_saves == 0
        attempts = store.attempts(pupil_id=zoe.id)
        assert len(attempts) == 3 and all(a.stars >= 1 for a in attempts)

        gettext = make_translator("nl")[0]
        write_class_csv(store, group.id, levels, tmp_path / "klas.csv", gettext)
        write_class_report(store, group.id, levels, tmp_path / "klas.pdf", gettext=gettext)
        export_pupil(store, zoe.id, tmp_path, levels, gettext)
        assert export_log(store, tmp_path / "pc.jsonl") > 0
        assert (tmp_path / "klas.pdf").read_bytes().startswith(b"%PDF-")
    finally:
        app.close()  # closes the store too
    assert no_network == []
