"""The teacher's side through its screens: the PIN gate, the idle lock, classes and pupils,
lessons, the dashboard tile and "try a level" - read back from the database every time."""

from __future__ import annotations

import time

import pygame
import pytest

from game.scenes.title import PLAY_RECT, TEACHER_RECT, TitleScene
from tests.classroom_helpers import (
    PIN,
    button_rect,
    click,
    frames,
    key,
    name_of,
    press_button,
    seed,
    solve,
    top,
    type_text,
)


def reopen(data_dir):
    from game.progress.sql import SqlSchoolStore

    return SqlSchoolStore.default(data_dir)


def enter_teacher(app, fake_time, pin: str = PIN) -> None:
    if not app.ctx.school.has_secret():
        app.ctx.school.set_secret(pin)
    click(app, fake_time, TEACHER_RECT.center)
    assert name_of(app) == "PinScene"
    type_text(app, fake_time, pin)
    key(app, fake_time, pygame.K_RETURN)
    assert name_of(app) == "TeacherHomeScene" and app.ctx.teacher


# --- the gate -------------------------------------------------------------------------------
def test_first_use_cannot_choose_a_pin_it_says_how_the_teacher_sets_one(school_app, fake_time,
                                                                        data_dir):
    """Whoever taps the teacher button first (a pupil, on a classroom PC) must not choose the
    PIN: the screen names the command, and typing digits sets nothing."""
    from game.scenes.teacher_gate import SET_PIN_COMMAND

    app = school_app
    click(app, fake_time, TEACHER_RECT.center)
    pad = top(app)
    assert name_of(app) == "PinScene" and pad.mode == "none"
    assert pad.row.keys == ["back"]  # no keypad to choose with
    for _ in range(2):
        type_text(app, fake_time, "2580")
        key(app, fake_time, pygame.K_RETURN)
    assert top(app) is pad and not app.ctx.teacher
    from game.ui.textfit import TextAudit

    app.view.audit = audit = TextAudit()
    frames(app, fake_time, 1)
    app.view.audit = None
    assert SET_PIN_COMMAND in [t.text for t in audit.texts]
    with reopen(data_dir) as store:
        assert not store.has_secret()
    key(app, fake_time, pygame.K_ESCAPE)
    assert name_of(app) == "TitleScene"


def test_the_keypad_by_mouse_and_a_wrong_pin_waits_with_a_countdown(school_app, fake_time):
    app = school_app
    app.ctx.school.set_secret(PIN)
    click(app, fake_time, TEACHER_RECT.center)
    pad = top(app)
    assert pad.mode == "check"
    for digit in "1111":
        press_button(app, fake_time, digit)
    assert pad.digits == "1111"
    press_button(app, fake_time, "ok")
    assert top(app) is pad and not app.ctx.teacher
    assert pad.digits == "" and "not the right PIN" in pad.message
    assert pad.wait > 0 and app.ctx.school.seconds_until_next_try() > 0
    assert not pad.row.button("1").enabled  # the pad rests during the wait
    type_text(app, fake_time, PIN)
    assert pad.digits == ""  # typing waits too
    time.sleep(app.ctx.school.seconds_until_next_try() + 0.05)  # the store's wall clock
    frames(app, fake_time, 45)  # and the countdown on screen, in game time
    assert pad.wait == 0 and pad.row.button("1").enabled
    for digit in PIN:
        press_button(app, fake_time, digit)
    press_button(app, fake_time, "ok")
    assert name_of(app) == "TeacherHomeScene" and app.ctx.teacher


def test_the_teacher_area_locks_after_ten_minutes_without_input(school_app, fake_time):
    app = school_app
    enter_teacher(app, fake_time)
    press_button(app, fake_time, "classes")
    assert name_of(app) == "ClassesScene"
    fake_time.advance(500)
    frames(app, fake_time, 1)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 5), rel=(1, 1),
                                         buttons=(0, 0, 0)))
    frames(app, fake_time, 1)
    fake_time.advance(500)  # 1000 s inside, but never 600 s without input
    frames(app, fake_time, 1)
    assert name_of(app) == "ClassesScene" and app.ctx.teacher
    fake_time.advance(101)
    frames(app, fake_time, 1)
    assert isinstance(top(app), TitleScene)
    assert not app.ctx.teacher and len(app.ctx.stack) == 1


def test_the_lock_button_and_escape_close_the_teacher_area(school_app, fake_time):
    app = school_app
    enter_teacher(app, fake_time)
    press_button(app, fake_time, "lock")
    assert isinstance(top(app), TitleScene) and not app.ctx.teacher
    enter_teacher(app, fake_time)
    key(app, fake_time, pygame.K_ESCAPE)
    assert isinstance(top(app), TitleScene) and not app.ctx.teacher


def test_a_teacher_screen_pushed_without_the_pin_closes_itself(school_app, fake_time):
    from game.scenes.classes import ClassesScene
    from game.scenes.teacher_home import TeacherHomeScene

    app = school_app
    for scene in (TeacherHomeScene, ClassesScene):
        app.ctx.stack.push(scene(app.ctx))
        frames(app, fake_time, 1)
        assert isinstance(top(app), TitleScene) and not app.ctx.teacher


# --- classes and pupils ---------------------------------------------------------------------
def test_classes_and_pupils_through_the_screens(school_app, fake_time, data_dir):
    app = school_app
    enter_teacher(app, fake_time)
    press_button(app, fake_time, "classes")
    press_button(app, fake_time, "newclass")
    assert name_of(app) == "TextPromptScene"
    type_text(app, fake_time, "groep 6")
    key(app, fake_time, pygame.K_RETURN)
    classes = top(app)
    assert name_of(app) == "ClassesScene"
    with reopen(data_dir) as store:
        (group,) = store.classes()
        assert group.name == "groep 6"
    assert classes.selected == group.id

    # a pupil: a name typed (letters are not shortcuts: M does not mute) and an avatar
    muted = app.ctx.settings.muted
    press_button(app, fake_time, "addpupil")
    form = top(app)
    assert name_of(app) == "PupilScene" and form.avatar  # an avatar is chosen already
    type_text(app, fake_time, "Mimi")
    assert app.ctx.settings.muted == muted
    press_button(app, fake_time, "avatar:cow")
    press_button(app, fake_time, "save")
    with reopen(data_dir) as store:
        (mimi,) = store.pupils(group.id)
        assert (mimi.name, mimi.avatar) == ("Mimi", "cow")

    # a second pupil gets another avatar by itself; the same name is refused gently
    press_button(app, fake_time, "addpupil")
    form = top(app)
    assert form.avatar != "cow"
    type_text(app, fake_time, "mimi")
    key(app, fake_time, pygame.K_RETURN)
    assert top(app) is form and form.toast.visible
    for _ in range(4):
        key(app, fake_time, pygame.K_BACKSPACE)
    type_text(app, fake_time, "Sam" + "x" * 30)
    assert len(form.field.text) == 20  # a nickname, not a story
    key(app, fake_time, pygame.K_RETURN)
    assert name_of(app) == "ClassesScene"

    # rename and new avatar
    press_button(app, fake_time, f"pupil:{mimi.id}")
    for _ in range(4):
        key(app, fake_time, pygame.K_BACKSPACE)
    type_text(app, fake_time, "Mia")
    press_button(app, fake_time, "avatar:duck")
    press_button(app, fake_time, "save")
    with reopen(data_dir) as store:
        assert {(p.name, p.avatar) for p in store.pupils(group.id)} >= {("Mia", "duck")}
        assert len(store.pupils(group.id)) == 2

    # delete a pupil: asked first, "no" keeps her
    press_button(app, fake_time, f"pupil:{mimi.id}")
    press_button(app, fake_time, "delete")
    assert name_of(app) == "ConfirmScene" and "all their work" in top(app).warning
    key(app, fake_time, pygame.K_RETURN)  # the safe answer has the focus
    assert name_of(app) == "PupilScene"
    press_button(app, fake_time, "delete")
    press_button(app, fake_time, "yes")
    assert name_of(app) == "ClassesScene"
    with reopen(data_dir) as store:
        assert [p.name for p in store.pupils(group.id)] == ["Samxxxxxxxxxxxxxxxxx"]

    # rename and delete the class
    press_button(app, fake_time, "rename")
    for _ in range(10):
        key(app, fake_time, pygame.K_BACKSPACE)
    type_text(app, fake_time, "groep 6a")
    key(app, fake_time, pygame.K_RETURN)
    with reopen(data_dir) as store:
        assert [c.name for c in store.classes()] == ["groep 6a"]
    press_button(app, fake_time, "delclass")
    assert "deletes the pupils and all their work" in top(app).warning
    press_button(app, fake_time, "yes")
    with reopen(data_dir) as store:
        assert store.classes() == [] and store.pupils(group.id) == []


# --- lessons --------------------------------------------------------------------------------
def test_compose_activate_copy_and_delete_a_lesson(school_app, fake_time, data_dir):
    app = school_app
    people = seed(app.ctx.school)
    enter_teacher(app, fake_time)
    press_button(app, fake_time, "lessons")
    press_button(app, fake_time, "new")
    edit = top(app)
    assert name_of(app) == "LessonEditScene"
    type_text(app, fake_time, "Licht aan")
    city = edit.catalogue()
    for level in city[:3]:
        press_button(app, fake_time, f"card:{level.id}")
    press_button(app, fake_time, "world:greenport")
    green = edit.catalogue()
    press_button(app, fake_time, f"card:{green[0].id}")
    press_button(app, fake_time, f"card:{green[0].id}")  # twice: still once
    assert edit.level_ids == [city[0].id, city[1].id, city[2].id, green[0].id]
    press_button(app, fake_time, f"up:{green[0].id}")
    press_button(app, fake_time, f"remove:{city[1].id}")
    press_button(app, fake_time, "free")
    press_button(app, fake_time, "save")
    assert name_of(app) == "LessonsScene"
    with reopen(data_dir) as store:
        (lesson,) = [ls for ls in store.lessons() if ls.title == "Licht aan"]
        assert lesson.level_ids == (city[0].id, green[0].id, city[2].id)
        assert lesson.free_play

    lessons = top(app)
    press_button(app, fake_time, f"lesson:{lesson.id}")
    press_button(app, fake_time, f"class:{people['a'].id}")
    with reopen(data_dir) as store:
        assert store.active_lesson(people["a"].id).id == lesson.id
        assert store.active_lesson(people["b"].id) is None
    press_button(app, fake_time, f"class:{people['a'].id}")  # off again
    with reopen(data_dir) as store:
        assert store.active_lesson(people["a"].id) is None

    press_button(app, fake_time, "copy")
    key(app, fake_time, pygame.K_RETURN)  # the suggested title
    copy = lessons.lesson
    assert copy.id != lesson.id and copy.title.startswith("Licht aan")
    with reopen(data_dir) as store:
        assert store.lesson(copy.id).level_ids == lesson.level_ids

    press_button(app, fake_time, "edit")
    assert name_of(app) == "LessonEditScene"
    press_button(app, fake_time, f"remove:{city[0].id}")
    key(app, fake_time, pygame.K_ESCAPE)  # unsaved changes: asked first
    assert name_of(app) == "ConfirmScene"
    press_button(app, fake_time, "yes")
    assert name_of(app) == "LessonsScene"

    press_button(app, fake_time, "delete")
    press_button(app, fake_time, "yes")
    with reopen(data_dir) as store:
        assert copy.id not in {ls.id for ls in store.lessons()}
        assert lesson.id in {ls.id for ls in store.lessons()}


# --- the dashboard tile and trying levels ---------------------------------------------------
def test_the_dashboard_opens_for_the_chosen_class(school_app, fake_time):
    app = school_app
    people = seed(app.ctx.school)
    enter_teacher(app, fake_time)
    press_button(app, fake_time, "dashboard")
    assert name_of(app) == "ChooseClassScene"
    press_button(app, fake_time, f"class:{people['b'].id}")
    assert name_of(app) == "DashboardScene" and top(app).class_id == people["b"].id


def test_trying_a_level_stores_nothing(school_app, fake_time, data_dir):
    from game.scenes.world_map import WorldMapScene
    from game.scenes.worlds import place_of

    app = school_app
    enter_teacher(app, fake_time)
    press_button(app, fake_time, "try")
    assert name_of(app) == "WorldMapScene"
    assert app.ctx.logging is False and app.ctx.pupil is None and app.ctx.teacher
    click(app, fake_time, place_of("city").pos)
    click(app, fake_time, top(app).card_rect(0).center)
    play = top(app)
    solve(app, fake_time)
    assert play.evaluation.solved
    app.ctx.stack.pop_to(WorldMapScene)  # back to the map
    key(app, fake_time, pygame.K_ESCAPE)
    assert name_of(app) == "TeacherHomeScene" and app.ctx.logging
    with reopen(data_dir) as store:
        assert store.attempts() == []
        assert store.best_stars(play.level.id, None) == 0
    assert app.ctx.store.best_stars(play.level.id) == 0  # the guest earned nothing either
    press_button(app, fake_time, "lock")
    click(app, fake_time, PLAY_RECT.center)
    assert app.ctx.logging and not app.ctx.teacher


def test_every_teacher_target_is_big_enough(school_app, fake_time):
    app = school_app
    seed(app.ctx.school, list(app.ctx.levels))
    enter_teacher(app, fake_time)
    seen = []
    for tile in ("classes", "lessons"):
        press_button(app, fake_time, tile)
        scene = top(app)
        seen.append(scene)
        for k, b in zip(scene.row.keys, scene.row.buttons, strict=True):
            assert b.rect.width >= 48 and b.rect.height >= 48, (type(scene).__name__, k)
        key(app, fake_time, pygame.K_ESCAPE)
    home = top(app)
    for k in home.row.keys:
        assert button_rect(home, k).height >= 64


@pytest.mark.parametrize("size", [0, 2])
def test_each_pupils_name_is_on_its_own_tile(data_dir, fake_time, size):
    """The name under a pupil's avatar stays on the tile (it once hung 90 px under it)."""
    from game.ui.textfit import TextAudit
    from tests.scene_gallery import gallery_app, show

    app = gallery_app(data_dir, fake_time, lang="pl", text_size=size)
    try:
        scene = show(app, "classes")
        app.view.audit = TextAudit()
        app.run_frames(1)
        tiles = [b.rect.copy() for k, b in zip(scene.row.keys, scene.row.buttons, strict=True)
                 if k.startswith("pupil:")]
        names = [t for t in app.view.audit.texts if t.text in {p.name for p in scene.pupils}
                 or t.text.endswith("…")]
        assert len(tiles) == len(scene.pupils) == 3 and len(names) >= 3
        for name in names:
            assert any(tile.contains(name.rect) and tile.contains(name.box) for tile in tiles), (
                name.text, name.rect, name.box, tiles)
    finally:
        app.close()


def test_a_lesson_title_without_letters_is_refused_in_words_and_nothing_is_lost(
        school_app, fake_time, data_dir):
    """Found by the monkey: a title of only a dash reached the store, which refused it, and the
    game stopped. Now the screen says what to do and keeps the lesson being made."""
    app = school_app
    seed(app.ctx.school)
    enter_teacher(app, fake_time)
    press_button(app, fake_time, "lessons")
    press_button(app, fake_time, "new")
    edit = top(app)
    type_text(app, fake_time, "-")
    first = edit.catalogue()[0]
    press_button(app, fake_time, f"card:{first.id}")
    press_button(app, fake_time, "save")
    assert name_of(app) == "LessonEditScene", "still making the lesson"
    assert edit.toast.text == "Give the lesson a title with letters or numbers."
    assert edit.level_ids == [first.id]
    with reopen(data_dir) as store:
        before = [ls.title for ls in store.lessons()]
    assert "-" not in before
    type_text(app, fake_time, "1")
    press_button(app, fake_time, "save")
    assert name_of(app) == "LessonsScene"
    with reopen(data_dir) as store:
        assert sorted(ls.title for ls in store.lessons()) == sorted([*before, "-1"])
