"""Homework from school, driven through the real App with posted clicks and keys.

The teacher saves a lesson as a homework file (and sees its code); at home a grown-up, past
the parental gate, opens a good file and a good code (the child then finds those levels
first), and a broken file and a mistyped code each give their one line and change nothing.
"""

from __future__ import annotations

import json

import pygame
import pytest

from game import homework as hw
from game.scenes import exports
from game.scenes.title import HOMEWORK_RECT, TEACHER_RECT
from tests.classroom_helpers import PIN, click, frames, key, name_of, press_button, seed, top
from tests.classroom_helpers import type_text as type_chars
from tests.test_home_play import answer_gate, make_app


# --- the teacher ------------------------------------------------------------------------------
def test_the_teacher_saves_a_lesson_as_homework_and_sees_its_code(school_app, fake_time,
                                                                  tmp_path, monkeypatch):
    from tests.scene_gallery import catalogue

    app = school_app
    levels = list(catalogue())
    people = seed(app.ctx.school, levels)
    app.ctx.school.activate_lesson(people["b"].id, people["lesson"].id)
    monkeypatch.setattr(exports, "export_folder", lambda ctx: tmp_path / "out")
    opened = []
    monkeypatch.setattr(exports, "open_with_viewer", lambda path: opened.append(path) or True)
    app.ctx.school.set_secret(PIN)
    click(app, fake_time, TEACHER_RECT.center)
    type_chars(app, fake_time, PIN)
    key(app, fake_time, pygame.K_RETURN)
    press_button(app, fake_time, "lessons")
    press_button(app, fake_time, "homework")
    out = top(app)
    assert name_of(app) == "HomeworkOutScene"
    assert out.class_name == "groep 7a"  # the class the lesson is switched on for
    press_button(app, fake_time, "save")
    path = tmp_path / "out" / "Stroom.techniekwerf-huiswerk"
    raw = json.loads(path.read_text("utf-8"))
    assert raw == {"format": "techniekwerf-homework", "version": 1, "title": "Stroom",
                   "class": "groep 7a", "levels": list(people["lesson"].level_ids)}
    assert opened == [path.parent]  # the folder is shown, to hand the file on
    assert "Stroom.techniekwerf-huiswerk" in out.toast.text
    press_button(app, fake_time, f"class:{people['a'].id}")  # another class's name
    press_button(app, fake_time, "save")
    assert hw.read_file(path).class_name == "groep 5b"
    # the code on the screen stands for the lesson's levels
    code = out.code()
    assert hw.from_code(code, [lv.id for lv in levels]).level_ids == people["lesson"].level_ids


# --- at home ----------------------------------------------------------------------------------
@pytest.fixture
def home(data_dir, levels, fake_time, tmp_path, monkeypatch):
    """A home PC, a child Sam; homework files are looked for in ``tmp_path/Downloads``."""
    from game.home import Family
    from game.scenes import homework_in

    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    monkeypatch.setattr(homework_in, "folders", lambda ctx: [downloads])
    Family(data_dir).add("Sam", "fox")
    app = make_app(data_dir, levels, fake_time)
    app.downloads = downloads
    yield app
    app.close()


def open_homework_screen(app) -> None:
    """From the title: the parents' corner, the grown-ups' question, Homework."""
    while name_of(app) != "TitleScene":
        key(app, app._now, pygame.K_ESCAPE)
    click(app, app._now, TEACHER_RECT.center)
    assert name_of(app) == "ParentGateScene"  # a child stops here
    answer_gate(app)
    assert name_of(app) == "ParentsScene"
    press_button(app, app._now, "homework")
    assert name_of(app) == "HomeworkInScene"


def write(folder, name: str, text: str, age: int = 0):
    import os
    import time

    path = folder / name
    path.write_text(text, "utf-8")
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))
    return path


def kept(data_dir) -> bytes | None:
    path = data_dir / hw.HOME_FILE
    return path.read_bytes() if path.exists() else None


def test_a_wrong_answer_keeps_a_child_away_from_the_homework_screen(home, fake_time):
    app = home
    click(app, fake_time, TEACHER_RECT.center)
    answer_gate(app, right=False)
    assert name_of(app) == "ParentGateScene"


def test_a_good_file_becomes_the_homework_and_a_broken_one_changes_nothing(home, levels,
                                                                          fake_time, data_dir):
    app = home
    ids = tuple(lv.id for lv in levels[:2])
    write(app.downloads, "Stroom.techniekwerf-huiswerk",
          hw.to_json(hw.Homework(ids, "Stroom", "groep 6b")), age=60)
    open_homework_screen(app)
    screen = top(app)
    assert screen.current is None
    press_button(app, fake_time, "file:0")
    assert screen.ok and screen.current == hw.Homework(ids, "Stroom", "groep 6b")
    before = kept(data_dir)
    assert json.loads(before)["levels"] == list(ids)

    # a broken file, newest: listed first; opening it says so and keeps the homework
    write(app.downloads, "Kapot.techniekwerf-huiswerk", '{"format": "techniekwerf-homework", '
          '"version": 1, "levels": ["city-01"')
    press_button(app, fake_time, "look")
    assert screen.files[0].name == "Kapot.techniekwerf-huiswerk"
    press_button(app, fake_time, "file:0")
    assert not screen.ok and screen.message == hw.MESSAGES["broken"]
    assert "\n" not in screen.message  # one line
    assert kept(data_dir) == before and screen.current.title == "Stroom"
    # a file of another program with the same ending, and one of a newer game
    for name, text, reason in (
            ("Ander.techniekwerf-huiswerk", '{"hello": 1}', "foreign"),
            ("Nieuw.techniekwerf-huiswerk", json.dumps({
                "format": "techniekwerf-homework", "version": 7, "levels": list(ids)}),
             "version"),
            ("Onbekend.techniekwerf-huiswerk", json.dumps({
                "format": "techniekwerf-homework", "version": 1, "levels": ["no-such"]}),
             "unknown"),
            ("Groot.techniekwerf-huiswerk", " " * (hw.MAX_BYTES + 10), "too_big")):
        write(app.downloads, name, text)
        press_button(app, fake_time, "look")
        press_button(app, fake_time, "file:0")
        assert screen.message == hw.MESSAGES[reason], name
        assert kept(data_dir) == before

    # the child: the homework on the title, its levels first
    key(app, fake_time, pygame.K_ESCAPE)
    key(app, fake_time, pygame.K_ESCAPE)
    assert name_of(app) == "TitleScene"
    click(app, fake_time, HOMEWORK_RECT.center)
    who = top(app)
    assert name_of(app) == "WhoScene"
    click(app, fake_time, who.row.button(f"child:{who.profiles[0].id}").rect.center)
    assert name_of(app) == "HomeworkScene"
    cards = top(app)
    assert [lv.id for lv in cards.levels] == list(ids)
    assert cards.heading() == "Homework" and "Stroom" in cards.tag()
    assert cards.read_aloud_text().startswith("Homework from school")
    key(app, fake_time, pygame.K_ESCAPE)  # Back: the map with every level
    assert name_of(app) == "WorldMapScene"


def test_a_good_code_becomes_the_homework_and_a_typo_changes_nothing(home, levels, fake_time,
                                                                    data_dir):
    app = home
    first = hw.Homework((levels[0].id,), "Eerst", "groep 4")
    hw.save(data_dir, first)
    open_homework_screen(app)
    screen = top(app)
    assert screen.current == first
    code = hw.to_code([lv.id for lv in levels[1:3]])
    chars = hw.code_chars(code)
    typo = chars[:3] + ("Z" if chars[3] != "Z" else "Y") + chars[4:]
    type_chars(app, fake_time, typo)
    key(app, fake_time, pygame.K_RETURN)
    assert not screen.ok and screen.message == hw.MESSAGES["code_typo"]
    assert hw.load(data_dir) == first  # the homework of before stays
    for _ in typo:
        key(app, fake_time, pygame.K_BACKSPACE)
    type_chars(app, fake_time, chars[:-2])
    press_button(app, fake_time, "code")
    assert screen.message == hw.MESSAGES["code_short"]
    assert hw.load(data_dir) == first
    for _ in chars:
        key(app, fake_time, pygame.K_BACKSPACE)
    type_chars(app, fake_time, code.lower())
    press_button(app, fake_time, "code")
    assert screen.ok
    assert hw.load(data_dir).level_ids == (levels[1].id, levels[2].id)
    # removed again: the title has no homework card
    press_button(app, fake_time, "remove")
    assert hw.load(data_dir) is None
    key(app, fake_time, pygame.K_ESCAPE)
    key(app, fake_time, pygame.K_ESCAPE)
    frames(app, fake_time)
    assert name_of(app) == "TitleScene"
    assert all(b.rect != HOMEWORK_RECT for b in top(app).row.buttons)


def test_homework_not_done_comes_first_when_the_child_plays(home, levels, fake_time, data_dir):
    """Play (not the card): over the map the homework's levels, while they are not done."""
    app = home
    hw.save(data_dir, hw.Homework((levels[0].id,), "Les", ""))
    app.ctx.stack.top.enter()
    top_before = top(app)
    click(app, fake_time, top_before.row.buttons[0].rect.center)  # Play
    who = top(app)
    click(app, fake_time, who.row.button(f"child:{who.profiles[0].id}").rect.center)
    assert name_of(app) == "HomeworkScene"
    assert [s.__class__.__name__ for s in app.ctx.stack.scenes][-2] == "WorldMapScene"
    assert top(app).tag() == "Les"
