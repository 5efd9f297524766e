"""The home version driven like a family drives it: real clicks and keys through the App.

The first start's question, the parental gate (a wrong answer keeps a child out, the right
one lets the adult in, never the same task twice in a row), adding, choosing and deleting the
family's profiles (one child's stars are not another's; a deleted profile is gone from disk).
"""

from __future__ import annotations

import json

import pygame
import pytest

from game.home import FAMILY_FILE, HOME, SCHOOL, Family
from game.scenes.home_parents import ParentsScene
from game.scenes.home_place import HOME_RECT, PlaceScene
from game.scenes.home_who import FamilyScene, HomeConfirm, ProfileScene, WhoScene
from game.scenes.parent_gate import ParentGateScene
from game.scenes.settings_menu import SettingsScene
from game.scenes.title import PLAY_RECT, TEACHER_RECT, TitleScene
from game.scenes.world_map import WorldMapScene
from tests.play_helpers import post_click, post_key, settle

SETTINGS_GEAR = (1100, 652)


def make_app(data_dir, levels, fake_time, place: str | None = HOME):
    from game.app import App

    if place is not None:
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / "settings.json").write_text(json.dumps({"place": place}), "utf-8")
    app = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir, levels=levels,
              time_source=fake_time)
    settle(app, fake_time, 0.2)  # the store opens after the first picture; time passes
    return app


@pytest.fixture
def home_app(data_dir, levels, fake_time):
    app = make_app(data_dir, levels, fake_time)
    yield app
    app.close()


def click(app, pos, frames: int = 2) -> None:
    post_click(app, pos)
    app.run_frames(frames)


def type_text(app, text: str) -> None:
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    app.run_frames(1)


def press(app, key: int, frames: int = 2) -> None:
    post_key(key)
    app.run_frames(frames)


def top(app):
    return app.ctx.stack.top


def wait_out(app, seconds: float) -> None:
    """Let ``seconds`` of game time pass in half-second frames (every fixed step still runs);
    only the last frame is drawn (the countdown in between is looked at by nobody)."""
    clock = app.clock
    cap, clock.max_steps = clock.max_steps, max(clock.max_steps, round(0.5 / clock.step) + 1)
    try:
        frames = round(seconds / 0.5 + 0.5)
        for frame in range(frames):
            app._now.advance(0.5)
            app.step_frame(draw=frame == frames - 1)
    finally:
        clock.max_steps = cap


def answer_gate(app, right: bool = True) -> None:
    """Tap the answer on the gate's number pad (the right one, or one that is off by one)."""
    gate = top(app)
    assert isinstance(gate, ParentGateScene)
    if gate.wait > 0:  # many wrong answers: the pad waits first
        wait_out(app, gate.wait + 0.2)
    answer = gate.task.answer if right else gate.task.answer + 1
    for digit in str(answer):
        click(app, gate.row.button(digit).rect.center, 1)
    click(app, gate.row.button("ok").rect.center)


def title_buttons(app) -> list:
    return [b.on_click.__name__ for b in top(app).row.buttons
            if hasattr(b.on_click, "__name__")]


# --- the first start ------------------------------------------------------------------------
@pytest.mark.first_start
def test_the_first_start_asks_and_home_is_kept(data_dir, levels, fake_time, monkeypatch):
    from game import speech

    spoken = []
    monkeypatch.setattr(speech.Speech, "say", lambda self, text: spoken.append(text) or True)
    monkeypatch.setattr(speech, "speech_available", lambda ctx: True)
    app = make_app(data_dir, levels, fake_time, place=None)
    try:
        scene = top(app)
        assert isinstance(scene, PlaceScene)
        said = scene.read_aloud_text()  # what Noor reads aloud
        assert "Where are you playing?" in said and "house" in said
        assert spoken == [said]  # by herself, as the question appears: a child may be alone
        press(app, pygame.K_ESCAPE)  # a question to answer: Esc does not skip it
        assert isinstance(top(app), PlaceScene)
        click(app, HOME_RECT.center)
        assert isinstance(top(app), TitleScene)
        assert json.loads((data_dir / "settings.json").read_text("utf-8"))["place"] == HOME
        assert "open_teacher" not in title_buttons(app)  # no teacher mode at home
        assert "open_parents" in title_buttons(app)
    finally:
        app.close()
    again = make_app(data_dir, levels, fake_time, place=None)
    try:
        assert isinstance(top(again), TitleScene)  # asked once only
        assert again.ctx.settings.place == HOME
    finally:
        again.close()


@pytest.mark.first_start
def test_the_keyboard_answers_the_first_start(data_dir, levels, fake_time):
    app = make_app(data_dir, levels, fake_time, place=None)
    try:
        assert isinstance(top(app), PlaceScene)
        press(app, pygame.K_LEFT)  # from "At home" (the focus) to "At school"
        press(app, pygame.K_RETURN)
        assert isinstance(top(app), TitleScene)
        assert app.ctx.settings.place == SCHOOL
        assert "open_teacher" in title_buttons(app)
    finally:
        app.close()


@pytest.mark.first_start
def test_a_pc_with_classes_is_at_school_without_asking(data_dir, levels, fake_time):
    from game.app import open_school

    school = open_school(None, data_dir)
    school.add_class("groep 5")
    school.close()
    app = make_app(data_dir, levels, fake_time, place=None)
    try:
        assert isinstance(top(app), TitleScene)
        assert "open_teacher" in title_buttons(app)
        assert app.ctx.settings.place is None  # nothing was asked, nothing written
    finally:
        app.close()


# --- the parental gate ----------------------------------------------------------------------
def test_a_wrong_answer_keeps_a_child_out_and_asks_something_new(home_app):
    app = home_app
    click(app, SETTINGS_GEAR)
    gate = top(app)
    assert isinstance(gate, ParentGateScene)
    first = gate.task
    answer_gate(app, right=False)
    assert top(app) is gate  # still at the gate: no settings
    assert gate.message == "That is not the answer. Here is a new question."
    assert gate.digits == ""
    assert gate.task.key != first.key
    assert not any(isinstance(s, SettingsScene) for s in app.ctx.stack.scenes)
    press(app, pygame.K_ESCAPE)  # the child gives up: back on the title
    assert isinstance(top(app), TitleScene)


def test_the_right_answer_lets_the_adult_into_the_settings(home_app):
    app = home_app
    click(app, SETTINGS_GEAR)
    answer_gate(app)
    assert isinstance(top(app), SettingsScene)
    assert not any(isinstance(s, ParentGateScene) for s in app.ctx.stack.scenes)
    press(app, pygame.K_ESCAPE)
    assert isinstance(top(app), TitleScene)
    click(app, SETTINGS_GEAR)  # the next time the gate asks again
    assert isinstance(top(app), ParentGateScene)


def test_the_gate_takes_typed_digits_and_enter(home_app):
    app = home_app
    click(app, TEACHER_RECT.center)  # the parents' corner
    gate = top(app)
    type_text(app, str(gate.task.answer + 2))
    press(app, pygame.K_RETURN)
    assert top(app) is gate and gate.message
    type_text(app, str(gate.task.answer))
    press(app, pygame.K_RETURN)
    assert isinstance(top(app), ParentsScene)


def test_never_the_same_task_twice_in_a_row(home_app):
    app = home_app
    asked = []
    for _ in range(12):  # wrong answers, and gates opened anew
        click(app, SETTINGS_GEAR)
        asked.append(top(app).task)
        for _ in range(3):
            answer_gate(app, right=False)
            asked.append(top(app).task)
        press(app, pygame.K_ESCAPE)
    assert isinstance(top(app), TitleScene)
    assert all(a.key != b.key for a, b in zip(asked, asked[1:], strict=False))
    assert len({a.key for a in asked}) > 10  # random, not a short round


def test_many_wrong_answers_make_the_pad_wait(home_app):
    from game.scenes.parent_gate import FREE_MISSES, WAIT_SECONDS

    app = home_app
    click(app, SETTINGS_GEAR)
    gate = top(app)
    for _ in range(FREE_MISSES):
        assert gate.wait == 0
        answer_gate(app, right=False)
    assert gate.wait > 0
    assert gate.note().startswith("Wait ") and "seconds, then try again." in gate.note()
    task = gate.task
    for digit in str(task.answer):  # even the right answer is not taken now
        click(app, gate.row.button(digit).rect.center, 1)
    type_text(app, str(task.answer))
    press(app, pygame.K_RETURN)
    assert top(app) is gate and gate.digits == ""
    wait_out(app, WAIT_SECONDS / 2)
    assert gate.wait > 0 and top(app) is gate
    wait_out(app, WAIT_SECONDS / 2 + 0.5)
    assert gate.wait == 0
    answer_gate(app)  # then an adult's answer opens, and the count starts again
    assert isinstance(top(app), SettingsScene)
    assert app.ctx.gate_misses == 0


def test_the_pause_card_settings_are_behind_the_gate_too(home_app):
    from game.scenes.pause import PauseScene

    app = home_app
    pause = PauseScene(app.ctx)
    app.ctx.stack.push(pause)
    app.run_frames(1)
    click(app, pause.row.buttons[-1].rect.center)  # its Settings button
    assert isinstance(top(app), ParentGateScene)
    answer_gate(app)
    assert isinstance(top(app), SettingsScene)


# --- the family's profiles ------------------------------------------------------------------
def add_profile(app, name: str, avatar: str) -> None:
    """From "Who is playing?": the add tile, the gate, the name typed, an avatar, Save."""
    who = top(app)
    assert isinstance(who, WhoScene)
    click(app, who.row.button("add").rect.center)
    answer_gate(app)
    form = top(app)
    assert isinstance(form, ProfileScene)
    type_text(app, name)
    click(app, form.row.button(f"avatar:{avatar}").rect.center)
    click(app, form.row.button("save").rect.center)
    assert isinstance(top(app), WhoScene)


def tile(app, name: str):
    who = top(app)
    profile = next(p for p in who.profiles if p.name == name)
    return who.row.button(f"child:{profile.id}")


def test_families_add_choose_and_keep_their_own_stars(home_app, data_dir):
    app = home_app
    click(app, PLAY_RECT.center)
    assert isinstance(top(app), WhoScene)
    assert "A grown-up adds one" in top(app).read_aloud_text()  # no profiles yet: Noor says so
    add_profile(app, "Sam", "fox")
    assert "Tap your own picture." in top(app).read_aloud_text()
    add_profile(app, "Noa", "cat")
    family = Family(data_dir)
    assert [(p.name, p.avatar) for p in family.profiles] == [("Sam", "fox"), ("Noa", "cat")]

    click(app, tile(app, "Sam").rect.center)  # Sam taps their fox: the map, as Sam
    assert isinstance(top(app), WorldMapScene)
    assert app.ctx.child.name == "Sam"
    # at home every world is open, in story order, from the first day
    assert all(app.ctx.store.is_unlocked(level.id) for level in app.ctx.levels)
    assert app.ctx.lesson is None
    app.ctx.store.record_result("city-01", 3, True, 4, 0)  # as the play screen reports a solve
    sam = family.find(app.ctx.child.id)
    assert json.loads((family.child_folder(sam.id) / "progress.json").read_text("utf-8"))[
        "levels"]["city-01"]["best_stars"] == 3

    press(app, pygame.K_ESCAPE)  # back to the title: Sam's badge, tap it to switch
    assert isinstance(top(app), TitleScene)
    assert top(app).badge is not None
    click(app, top(app).badge.rect.center)
    assert isinstance(top(app), WhoScene)
    click(app, tile(app, "Noa").rect.center)
    assert app.ctx.child.name == "Noa"
    assert app.ctx.store.best_stars("city-01") == 0  # Noa does not see Sam's stars
    assert app.ctx.store.completed() == set()
    assert not app.ctx.school.attempts()  # nothing of a child went into the guest's store


def test_a_family_has_at_most_six_profiles(home_app, data_dir):
    family = Family(data_dir)
    for i in range(6):
        family.add(f"Kind {i}", "fox")
    app = home_app
    click(app, PLAY_RECT.center)
    assert top(app).row.button("add") is None
    assert sum(k.startswith("child:") for k in top(app).row.keys) == 6


def test_deleting_a_profile_behind_the_gate_removes_everything_it_holds(home_app, data_dir):
    family = Family(data_dir)
    sam, noa = family.add("Sam", "fox"), family.add("Noa", "cat")
    family.progress(sam.id).record_result("city-01", 2, True, 5, 1)
    folder = family.child_folder(sam.id)
    app = home_app
    click(app, PLAY_RECT.center)
    click(app, tile(app, "Sam").rect.center)
    assert app.ctx.child.id == sam.id
    press(app, pygame.K_ESCAPE)

    click(app, top(app).badge.rect.center)  # "someone else", then the grown-ups' button
    who = top(app)
    click(app, who.row.button("grownups").rect.center)
    answer_gate(app, right=False)
    assert isinstance(top(app), ParentGateScene)
    answer_gate(app)
    assert isinstance(top(app), FamilyScene)

    click(app, tile(app, "Sam").rect.center)
    assert isinstance(top(app), HomeConfirm)
    press(app, pygame.K_RETURN)  # the safe answer has the focus: nothing deleted
    assert isinstance(top(app), FamilyScene)
    assert folder.is_dir() and Family(data_dir).find(sam.id) is not None

    click(app, tile(app, "Sam").rect.center)
    click(app, top(app).row.button("yes").rect.center)
    assert isinstance(top(app), FamilyScene)
    assert [p.name for p in top(app).profiles] == ["Noa"]
    assert not folder.exists()
    assert "Sam" not in (data_dir / FAMILY_FILE).read_text("utf-8")
    assert app.ctx.child is None  # Sam was playing: now nobody is
    assert app.ctx.store.best_stars("city-01") == 0
    assert Family(data_dir).find(noa.id) is not None


def test_the_parents_page_opens_the_profiles_and_switches_to_school(home_app, data_dir):
    app = home_app
    click(app, TEACHER_RECT.center)
    answer_gate(app)
    page = top(app)
    assert isinstance(page, ParentsScene)
    for tab in ("time", "stored", "delete", "teaches"):
        click(app, page.row.button(f"tab:{tab}").rect.center)
        assert page.page == tab
    click(app, page.row.button("tab:stored").rect.center)
    assert str(data_dir) in page.folder_lines()[0]
    click(app, page.row.button("family").rect.center)
    assert isinstance(top(app), FamilyScene)
    press(app, pygame.K_ESCAPE)
    click(app, page.row.button("tab:place").rect.center)
    click(app, page.row.button("place:school").rect.center)
    assert json.loads((data_dir / "settings.json").read_text("utf-8"))["place"] == SCHOOL
    press(app, pygame.K_ESCAPE)
    assert isinstance(top(app), TitleScene)
    assert "open_teacher" in title_buttons(app)
    click(app, SETTINGS_GEAR)  # at school the settings open at once, as before
    assert isinstance(top(app), SettingsScene)


def test_the_settings_switch_home_and_school_behind_the_gate(home_app):
    app = home_app
    click(app, SETTINGS_GEAR)
    answer_gate(app)
    settings = top(app)
    click(app, settings.row.buttons[settings.keys.index("tab:screen")].rect.center)
    switch = settings.row.buttons[settings.keys.index("home")]
    assert switch.on
    click(app, switch.rect.center)
    assert app.ctx.settings.place == SCHOOL
    press(app, pygame.K_ESCAPE)
    assert "open_teacher" in title_buttons(app)
    click(app, SETTINGS_GEAR)  # at school: no gate, and the switch takes the PC home again
    settings = top(app)
    assert isinstance(settings, SettingsScene)
    click(app, settings.row.buttons[settings.keys.index("tab:screen")].rect.center)
    click(app, settings.row.buttons[settings.keys.index("home")].rect.center)
    assert app.ctx.settings.place == HOME
    press(app, pygame.K_ESCAPE)
    assert "open_parents" in title_buttons(app)


def test_a_pc_with_classes_has_no_home_switch(school_app):
    app = school_app
    app.ctx.school.add_class("groep 5")
    app.ctx.push("settings", page="screen")
    app.run_frames(1)
    assert "home" not in top(app).keys


def test_the_parents_page_shows_the_data_folder_behind_the_gate(home_app, data_dir, monkeypatch):
    from game.scenes import exports

    opened = []
    monkeypatch.setattr(exports, "open_with_viewer", lambda path: opened.append(path) or True)
    app = home_app
    click(app, TEACHER_RECT.center)
    assert opened == [] and isinstance(top(app), ParentGateScene)  # nothing leaves before
    answer_gate(app)
    page = top(app)
    click(app, page.row.button("tab:stored").rect.center)
    click(app, page.row.button("folder").rect.center)
    assert opened == [data_dir]
    assert page.note == ""
    monkeypatch.setattr(exports, "open_with_viewer", lambda path: False)  # no file manager
    click(app, page.row.button("folder").rect.center)
    assert page.note == "This computer cannot show the folder. Its name is below."


def test_a_childs_own_settings_stay_with_that_child(home_app, data_dir):
    family = Family(data_dir)
    family.add("Sam", "fox")
    family.add("Noa", "cat")
    app = home_app
    click(app, PLAY_RECT.center)
    click(app, tile(app, "Sam").rect.center)
    app.ctx.back_to("title")
    app.run_frames(1)
    click(app, SETTINGS_GEAR)  # a grown-up makes the text bigger for Sam
    answer_gate(app)
    settings = top(app)
    click(app, settings.row.buttons[settings.keys.index("tab:reading")].rect.center)
    click(app, settings.row.buttons[settings.keys.index("size:2")].rect.center)
    assert app.ctx.settings.text_size == 2
    press(app, pygame.K_ESCAPE)
    sam = Family(data_dir).profiles[0]
    assert sam.settings["text_size"] == 2  # kept in Sam's profile
    assert json.loads((data_dir / "settings.json").read_text("utf-8")).get("text_size", 0) == 0
    click(app, top(app).badge.rect.center)
    click(app, tile(app, "Noa").rect.center)
    assert app.ctx.settings.text_size == 0  # Noa plays with the computer's own
    app.ctx.back_to("title")
    app.run_frames(1)
    click(app, top(app).badge.rect.center)
    click(app, tile(app, "Sam").rect.center)
    assert app.ctx.settings.text_size == 2


def test_a_store_that_stops_working_at_home_leaves_nobody_half_chosen(home_app, data_dir):
    from game.progress.db import StoreProblem

    Family(data_dir).add("Sam", "fox")
    app = home_app
    click(app, PLAY_RECT.center)
    click(app, tile(app, "Sam").rect.center)
    assert app.ctx.child is not None
    app._school_lost(StoreProblem("the disk is full", kind="full", where="techniekwerf.db"))
    assert app.ctx.child is None and app.ctx.store is app.store
    assert app.ctx.settings.place == HOME  # still at home: the gate, the family
