"""Pupils on a classroom PC: "Who is playing?", own stars, switching in two clicks, lessons.

Everything is real: the App, the level files, the school store (a SQLite file in the test's
data folder) and the input (posted pygame events).
"""

from __future__ import annotations

import sqlite3

import pygame
import pytest

from game.scenes.level_select import FREE_PLAY, LessonScene, LevelSelectScene
from game.scenes.login import AvatarScene, ClassPickScene, StoreProblemScene
from game.scenes.title import PLAY_RECT, SWITCH_RECT, TitleScene
from game.scenes.world_map import WorldMapScene
from game.scenes.worlds import place_of
from tests.classroom_helpers import (
    button_rect,
    click,
    frames,
    key,
    name_of,
    press_button,
    seed,
    solve,
    top,
)


@pytest.fixture
def school(school_app):
    return seed(school_app.ctx.school, list(school_app.ctx.levels))


def reopen(data_dir):
    """A second connection to the same store file: what is really in the database."""
    from game.progress.sql import SqlSchoolStore

    return SqlSchoolStore.default(data_dir)


def pupil_key(pupil) -> str:
    return f"pupil:{pupil.id}"


def test_without_classes_play_goes_straight_to_the_map(school_app, fake_time):
    click(school_app, fake_time, PLAY_RECT.center)
    assert isinstance(top(school_app), WorldMapScene)
    assert school_app.ctx.pupil is None


def test_login_by_mouse(school_app, school, fake_time):
    app = school_app
    click(app, fake_time, PLAY_RECT.center)
    assert isinstance(top(app), ClassPickScene)
    press_button(app, fake_time, f"class:{school['a'].id}")
    avatars = top(app)
    assert isinstance(avatars, AvatarScene) and avatars.class_id == school["a"].id
    assert {p.name for p in avatars.pupils} == {"Ann", "Bob"}
    for k in avatars.row.keys:  # every avatar tile is a big target
        if k.startswith("pupil:"):
            r = button_rect(avatars, k)
            assert r.width >= 96 and r.height >= 96
    press_button(app, fake_time, pupil_key(school["bob"]))
    assert isinstance(top(app), WorldMapScene)
    assert [type(s).__name__ for s in app.ctx.stack.scenes] == ["TitleScene", "WorldMapScene"]
    assert app.ctx.pupil.id == school["bob"].id
    assert app.ctx.lesson is None and app.ctx.logging and not app.ctx.teacher


def test_login_by_keyboard(school_app, school, fake_time):
    app = school_app
    key(app, fake_time, pygame.K_RETURN)  # Play has the focus
    assert isinstance(top(app), ClassPickScene)
    key(app, fake_time, pygame.K_RETURN)  # the first class has the focus
    assert isinstance(top(app), AvatarScene)
    key(app, fake_time, pygame.K_RIGHT, pygame.K_RETURN)  # Ann, then Bob
    assert isinstance(top(app), WorldMapScene)
    assert app.ctx.pupil.name == "Bob"
    key(app, fake_time, pygame.K_ESCAPE)
    assert isinstance(top(app), TitleScene) and app.ctx.pupil.name == "Bob"


def test_with_one_class_the_class_choice_is_skipped(school_app, fake_time):
    app = school_app
    group = app.ctx.school.add_class("groep 3")
    app.ctx.school.add_pupil(group.id, "Dex", "rabbit")
    click(app, fake_time, PLAY_RECT.center)
    assert isinstance(top(app), AvatarScene) and top(app).class_id == group.id


def test_the_guest_choice_plays_without_a_name(school_app, school, fake_time):
    app = school_app
    click(app, fake_time, PLAY_RECT.center)
    press_button(app, fake_time, "guest")
    assert isinstance(top(app), WorldMapScene)
    assert app.ctx.pupil is None


def open_first_city_level(app, fake_time):
    if not isinstance(top(app), LevelSelectScene):
        click(app, fake_time, place_of("city").pos)
    scene = top(app)
    assert isinstance(scene, LevelSelectScene)
    click(app, fake_time, scene.card_rect(0).center)
    assert name_of(app) == "PlayScene"
    return top(app).level


def test_two_pupils_one_after_the_other_each_with_their_own_stars(school_app, school,
                                                                   fake_time, data_dir):
    app = school_app
    click(app, fake_time, PLAY_RECT.center)
    press_button(app, fake_time, f"class:{school['a'].id}")
    press_button(app, fake_time, pupil_key(school["ann"]))
    level = open_first_city_level(app, fake_time)
    solve(app, fake_time)
    stars = app.ctx.store.best_stars(level.id)
    assert stars == level.solution.stars >= 1
    app.ctx.stack.pop_to(LevelSelectScene)  # Ann leaves the level
    frames(app, fake_time)

    # Switch: the button beside Ann's name, then Bob's avatar.
    click(app, fake_time, top(app)._badge.rect.center)
    assert isinstance(top(app), AvatarScene)
    press_button(app, fake_time, pupil_key(school["bob"]))
    assert app.ctx.pupil.name == "Bob"
    assert app.ctx.store.best_stars(level.id) == 0  # Bob starts fresh
    click(app, fake_time, place_of("city").pos)
    assert top(app).next_level() == 0

    with reopen(data_dir) as store:
        assert store.best_stars(level.id, school["ann"].id) == stars
        assert store.best_stars(level.id, school["bob"].id) == 0
        mine = store.attempts(pupil_id=school["ann"].id)
        assert [a.level_id for a in mine] == [level.id]


def test_switching_pupil_on_the_title_takes_two_clicks(school_app, school, fake_time):
    app = school_app
    click(app, fake_time, PLAY_RECT.center)
    press_button(app, fake_time, f"class:{school['a'].id}")
    press_button(app, fake_time, pupil_key(school["ann"]))
    key(app, fake_time, pygame.K_ESCAPE)
    assert isinstance(top(app), TitleScene)
    assert top(app).badge is not None and top(app).badge.rect == SWITCH_RECT
    click(app, fake_time, SWITCH_RECT.center)  # 1
    assert isinstance(top(app), AvatarScene) and top(app).class_id == school["a"].id
    press_button(app, fake_time, pupil_key(school["bob"]))  # 2
    assert app.ctx.pupil.name == "Bob"
    assert isinstance(top(app), WorldMapScene)


def test_switching_pupil_on_the_world_map_takes_two_clicks(school_app, school, fake_time):
    app = school_app
    click(app, fake_time, PLAY_RECT.center)
    press_button(app, fake_time, f"class:{school['a'].id}")
    press_button(app, fake_time, pupil_key(school["ann"]))
    assert isinstance(top(app), WorldMapScene) and top(app).badge is not None
    click(app, fake_time, top(app).badge.rect.center)  # 1
    assert isinstance(top(app), AvatarScene)
    press_button(app, fake_time, pupil_key(school["bob"]))  # 2
    assert app.ctx.pupil.name == "Bob" and isinstance(top(app), WorldMapScene)


def login(app, fake_time, group, pupil) -> None:
    click(app, fake_time, PLAY_RECT.center)
    if isinstance(top(app), ClassPickScene):
        press_button(app, fake_time, f"class:{group.id}")
    press_button(app, fake_time, pupil_key(pupil))


def test_an_active_lesson_shows_only_its_levels_in_its_order(school_app, school, fake_time):
    app = school_app
    lesson = school["lesson"]
    reordered = type(lesson)(lesson.id, lesson.title, tuple(reversed(lesson.level_ids)))
    app.ctx.school.save_lesson(reordered)
    app.ctx.school.activate_lesson(school["a"].id, lesson.id)
    login(app, fake_time, school["a"], school["ann"])
    scene = top(app)
    assert isinstance(scene, LessonScene)
    assert app.ctx.lesson.id == lesson.id
    assert [lv.id for lv in scene.levels] == list(reordered.level_ids)
    assert scene.heading() == "Stroom"
    assert FREE_PLAY not in scene.levels
    click(app, fake_time, scene.card_rect(1).center)
    assert top(app).level.id == reordered.level_ids[1]
    app.ctx.stack.pop()
    key(app, fake_time, pygame.K_ESCAPE)
    assert isinstance(top(app), TitleScene)
    # a pupil of the other class (no lesson there) sits down: the map as always
    click(app, fake_time, SWITCH_RECT.center)
    press_button(app, fake_time, "classes")
    assert isinstance(top(app), ClassPickScene)
    press_button(app, fake_time, f"class:{school['b'].id}")
    press_button(app, fake_time, pupil_key(school["cas"]))
    assert isinstance(top(app), WorldMapScene) and app.ctx.lesson is None
    assert [type(s).__name__ for s in app.ctx.stack.scenes] == ["TitleScene", "WorldMapScene"]


def test_the_teacher_switching_the_lesson_off_shows_the_map_again(school_app, school,
                                                                  fake_time):
    app = school_app
    app.ctx.school.activate_lesson(school["a"].id, school["lesson"].id)
    login(app, fake_time, school["a"], school["ann"])
    assert isinstance(top(app), LessonScene)
    key(app, fake_time, pygame.K_ESCAPE)
    app.ctx.school.activate_lesson(school["a"].id, None)
    click(app, fake_time, PLAY_RECT.center)
    assert isinstance(top(app), WorldMapScene)


def test_free_play_opens_every_level_after_the_lesson(school_app, school, fake_time):
    app = school_app
    lesson = school["lesson"]
    free = type(lesson)(lesson.id, lesson.title, lesson.level_ids, free_play=True)
    app.ctx.school.save_lesson(free)
    app.ctx.school.activate_lesson(school["a"].id, lesson.id)
    login(app, fake_time, school["a"], school["bob"])
    scene = top(app)
    assert scene.levels[-1] is FREE_PLAY
    last = len(scene.levels) - 1
    click(app, fake_time, scene.card_rect(last).center)
    assert top(app) is scene and scene.toast.visible  # not yet: the lesson comes first
    for i in range(last):
        click(app, fake_time, scene.card_rect(i).center)
        solve(app, fake_time)
        app.ctx.stack.pop_to(LessonScene)
        frames(app, fake_time)
    assert scene.lesson_done()
    click(app, fake_time, scene.card_rect(last).center)
    assert isinstance(top(app), WorldMapScene)
    click(app, fake_time, place_of("greenport").pos)
    assert isinstance(top(app), LevelSelectScene) and len(top(app).levels) > 3


def test_a_store_from_a_newer_version_gives_a_friendly_card(data_dir, fake_time):
    from game.app import App
    from game.progress.db import default_url

    with reopen(data_dir):
        pass  # make the store
    path = default_url(data_dir).removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = 'f00dfeedbeef'")
    app = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir,
              time_source=fake_time)
    try:
        app.run_frames(3)
        assert isinstance(app.ctx.stack.top, StoreProblemScene)
        assert app.ctx.stack.top.newer and app.ctx.school is None
        key(app, fake_time, pygame.K_RETURN)  # "play as guest" has the focus
        assert isinstance(app.ctx.stack.top, TitleScene)
        click(app, fake_time, PLAY_RECT.center)
        assert isinstance(app.ctx.stack.top, WorldMapScene)
    finally:
        app.close()
