"""Who may open the teacher area: the first PIN needs the command line (never the first tap),
a school server has a PIN per teacher, ``set-pin`` replaces a PIN only with the old one and
only with one the number pad can type; the PIN screen's note never covers its keys."""

from __future__ import annotations

import io

import pygame
import pytest
import sqlalchemy as sa

from game.progress.secret import PIN_MAX, Cost
from game.progress.sql import SqlSchoolStore, secret_t, teachers_t
from game.scenes.teacher_gate import ADD_TEACHER_COMMAND, SET_PIN_COMMAND, PinScene
from game.scenes.title import TEACHER_RECT
from game.teacher_cli import main
from game.ui.textfit import TextAudit
from tests import pg
from tests.classroom_helpers import click, frames, key, name_of, press_button, top, type_text

store_url = pg.store_url  # the fixture: SQLite and PostgreSQL
CHEAP = Cost(n=2**10, r=8, p=1)


# --- the command line -----------------------------------------------------------------------------


class Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


class Cli:
    def __init__(self, where: list[str], capsys) -> None:
        self.where, self.capsys = where, capsys
        self.out = self.err = ""

    def __call__(self, *argv: str, stdin: str = "") -> int:
        out = io.StringIO()
        code = main([*argv, *self.where], out=out, stdin=Pipe(stdin))
        self.out, self.err = out.getvalue(), self.capsys.readouterr().err
        return code

    def one_line(self) -> str:
        lines = self.err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in self.err, self.err
        return lines[0]


@pytest.fixture
def cli(tmp_path, capsys) -> Cli:
    return Cli(["--data", str(tmp_path / "data")], capsys)


def stored_pin_row(cli: Cli, table=secret_t) -> tuple:
    with SqlSchoolStore(cli.where[1]) as store, store.engine.connect() as conn:
        return tuple(conn.execute(sa.select(table.c.salt, table.c.hash)).first())


def test_set_pin_replaces_a_pin_only_with_the_old_one(cli):
    assert cli("set-pin", stdin="4711\n") == 0, cli.err
    before = stored_pin_row(cli)
    assert cli("set-pin", stdin="9999\n2580\n") == 1  # a wrong old PIN
    assert "not the current PIN" in cli.one_line() and "nothing was changed" in cli.one_line()
    assert stored_pin_row(cli) == before
    assert cli("set-pin", stdin="2580\n") == 2  # only a new one: the old one is asked for
    assert "current PIN" in cli.one_line() and stored_pin_row(cli) == before
    with SqlSchoolStore(cli.where[1]) as store, store.engine.begin() as conn:
        conn.execute(secret_t.update().values(failed_tries=0, next_try_at=0.0))  # the wait
    assert cli("set-pin", stdin="4711\n2580\n") == 0, cli.err
    assert stored_pin_row(cli) != before
    with SqlSchoolStore(cli.where[1]) as store:
        assert store.check_secret("2580")


@pytest.mark.parametrize("pin", ["geheim12", "12a4", "12 34", "١٢٣٤", "123", "1" * (PIN_MAX + 1),
                                 ""])
def test_set_pin_refuses_what_the_number_pad_cannot_type(cli, pin):
    assert cli("set-pin", stdin=f"{pin}\n") == 2
    assert "digits" in cli.one_line() and "nothing was changed" in cli.one_line()
    with SqlSchoolStore(cli.where[1]) as store:
        assert not store.has_secret()


def test_the_longest_pin_the_pad_types_is_the_longest_set_pin_takes(cli, app, fake_time):
    assert cli("set-pin", stdin="1" * PIN_MAX + "\n") == 0, cli.err
    pad = PinScene(app.ctx)
    app.ctx.stack.push(pad)
    frames(app, fake_time, 1)
    type_text(app, fake_time, "7" * (PIN_MAX + 3))
    assert pad.digits == "7" * PIN_MAX


def test_teachers_of_a_school_server_from_the_command_line(store_url, capsys):
    cli = Cli(["--db", store_url], capsys)
    if store_url.startswith("postgresql"):
        assert cli("set-pin", stdin="4711\n") == 2  # one PIN for the whole school: no
        assert "per teacher" in cli.one_line()
    assert cli("add-teacher", "Juf Anna", stdin="2580\n") == 0, cli.err
    assert cli("add-teacher", "juf anna", stdin="1111\n") == 1  # same name: told apart how?
    assert "already" in cli.one_line()
    assert cli("add-teacher", "Meester Bram", stdin="12ab\n") == 2
    assert cli("add-teacher", "Meester Bram", stdin="1357\n") == 0, cli.err
    assert cli("teachers") == 0 and cli.out.splitlines() == ["Juf Anna", "Meester Bram"]
    assert cli("set-pin", "--teacher", "Juf Anna", stdin="1357\n9999\n") == 1  # Bram's PIN
    assert cli("set-pin", "--teacher", "Nobody", stdin="1\n2\n") == 1
    assert "no teacher" in cli.one_line()
    with SqlSchoolStore(store_url) as store:
        store.check_secret("0000", "Meester Bram")  # Bram's wait...
        assert store.seconds_until_next_try("Meester Bram") > 0
        with store.engine.begin() as conn:
            conn.execute(teachers_t.update().where(teachers_t.c.name == "Juf Anna")
                         .values(failed_tries=0, next_try_at=0.0))
        assert store.seconds_until_next_try("Juf Anna") == 0  # ...is not Anna's
    assert cli("set-pin", "--teacher", "Juf Anna", stdin="2580\n8642\n") == 0, cli.err
    with SqlSchoolStore(store_url) as store:
        assert store.check_secret("8642", "Juf Anna")
    assert cli("delete-teacher", "Meester Bram") == 2  # asks for --yes
    assert cli("delete-teacher", "Meester Bram", "--yes") == 0, cli.err
    assert cli("teachers") == 0 and cli.out.splitlines() == ["Juf Anna"]


# --- the PIN screen ---------------------------------------------------------------------------------



def drawn(app, fake_time) -> list:
    app.view.audit = audit = TextAudit()
    frames(app, fake_time, 1)
    app.view.audit = None
    return audit.texts


def test_the_first_pin_comes_from_the_command_line_then_the_pad_opens(school_app, fake_time,
                                                                      data_dir, capsys):
    app = school_app
    click(app, fake_time, TEACHER_RECT.center)
    pad = top(app)
    assert pad.mode == "none" and SET_PIN_COMMAND in [t.text for t in drawn(app, fake_time)]
    key(app, fake_time, pygame.K_ESCAPE)
    assert Cli(["--data", str(data_dir)], capsys)("set-pin", stdin="2580\n") == 0
    click(app, fake_time, TEACHER_RECT.center)
    assert top(app).mode == "check"
    type_text(app, fake_time, "2580")
    key(app, fake_time, pygame.K_RETURN)
    assert name_of(app) == "TeacherHomeScene" and app.ctx.teacher


def test_named_teachers_tap_their_name_then_type_their_own_pin(school_app, fake_time):
    app = school_app
    app.ctx.school.add_teacher("Juf Anna", "2580")
    app.ctx.school.add_teacher("Meester Bram", "1357")
    app.ctx.school.set_secret("4444")  # a PC's one PIN no longer opens: each teacher has theirs
    click(app, fake_time, TEACHER_RECT.center)
    pad = top(app)
    assert pad.mode == "who" and pad.row.keys == ["name:Juf Anna", "name:Meester Bram", "back"]
    press_button(app, fake_time, "name:Meester Bram")
    assert pad.mode == "check" and pad.teacher == "Meester Bram"
    type_text(app, fake_time, "2580")  # Anna's PIN is not Bram's
    key(app, fake_time, pygame.K_RETURN)
    assert top(app) is pad and not app.ctx.teacher and pad.wait > 0
    assert app.ctx.school.seconds_until_next_try("Juf Anna") == 0
    key(app, fake_time, pygame.K_ESCAPE)  # back to the names
    assert pad.mode == "who" and pad.teacher is None
    press_button(app, fake_time, "name:Juf Anna")
    assert pad.wait == 0  # Anna does not wait for Bram's wrong try
    type_text(app, fake_time, "2580")
    key(app, fake_time, pygame.K_RETURN)
    assert name_of(app) == "TeacherHomeScene" and app.ctx.teacher
    assert app.ctx.teacher_name == "Juf Anna"


def test_a_school_server_never_opens_with_one_shared_pin(store_url, app, fake_time):
    """On PostgreSQL one PIN for the whole school is not enough: without teachers the screen
    names the command that adds them, even when a shared PIN is stored."""
    frames(app, fake_time, 3)  # the game has opened its own store: put the server in its place
    own, school = app.ctx.school, SqlSchoolStore(store_url, secret_cost=CHEAP)
    try:
        school.set_secret("4711")
        app.ctx.school = school
        pad = PinScene(app.ctx)
        app.ctx.stack.push(pad)
        if store_url.startswith("sqlite"):  # a classroom PC's own store: its one PIN opens
            assert pad.mode == "check"
            return
        assert pad.mode == "none" and ADD_TEACHER_COMMAND in [t.text for t in
                                                              drawn(app, fake_time)]
        type_text(app, fake_time, "4711")
        key(app, fake_time, pygame.K_RETURN)
        assert top(app) is pad and not app.ctx.teacher
        school.add_teacher("Juf Anna", "2580")
        pad = PinScene(app.ctx)
        assert pad.mode == "who" and pad.names == ["Juf Anna"]
    finally:
        app.ctx.school = own
        school.close()


# --- the note under the prompt never reaches the keys ------------------------------------------------


NOTES = ("That is not the right PIN. Try again.", "A PIN has at least 4 digits.",
         "The two PINs were not the same. Choose one again.")


@pytest.mark.parametrize("lang", ["nl", "en", "tr", "pl", "uk", "ar"])
def test_the_pin_note_never_overlaps_the_keypad(data_dir, fake_time, lang):
    from game.app import App

    app = App(size=(1280, 720), fullscreen=False, lang=lang, data_dir=data_dir,
              time_source=fake_time)
    try:
        app.run_frames(3)
        app.ctx.school.set_secret("4821")
        for size in range(3):
            app.settings.text_size = size
            pad = PinScene(app.ctx)
            app.ctx.stack.push(pad)
            frames(app, fake_time, 1)
            keys = [b.rect for k, b in zip(pad.row.keys, pad.row.buttons, strict=True)
                    if k != "back"]
            assert len(keys) == 12
            for note in (*NOTES, "wait"):
                if note == "wait":
                    pad.message, pad.wait = "", 30.0
                else:
                    pad.message, pad.mood, pad.wait = app.ctx.gettext(note), "oops", 0.0
                pad.update = lambda dt: None  # hold the picture still while it is looked at
                texts = drawn(app, fake_time)
                shown = [t for t in texts if t.text not in "0123456789"
                         and t.text != app.ctx.gettext("Teacher")]
                assert shown, (lang, size, note)
                for t in shown:
                    hit = [k for k in keys if k.colliderect(t.rect)]
                    assert not hit, f"{lang} size {size}: {t.text!r} at {t.rect} covers {hit}"
                    assert t.rect.bottom <= min(k.top for k in keys) - 8
            app.ctx.stack.pop()
    finally:
        app.close()


def test_a_named_teacher_changes_their_own_pin_inside(school_app, fake_time):
    from game.scenes.teacher_gate import NewPinScene

    app = school_app
    for name, pin in (("Juf Anna", "2580"), ("Meester Bram", "1357")):
        app.ctx.school.add_teacher(name, pin)
    click(app, fake_time, TEACHER_RECT.center)
    press_button(app, fake_time, "name:Juf Anna")
    type_text(app, fake_time, "2580")
    key(app, fake_time, pygame.K_RETURN)
    assert name_of(app) == "TeacherHomeScene"
    app.ctx.stack.push(NewPinScene(app.ctx))
    frames(app, fake_time, 1)
    for _ in range(2):
        type_text(app, fake_time, "864200")
        key(app, fake_time, pygame.K_RETURN)
    assert name_of(app) == "TeacherHomeScene"
    assert app.ctx.school.check_secret("864200", "Juf Anna")
    assert app.ctx.school.check_secret("1357", "Meester Bram")  # Bram's stays his
    assert not app.ctx.school.has_secret()  # and no shared PIN appeared
