"""Every screen of the game in a realistic state, for tests that must cover them all.

The gallery is a list of named states. Each state starts from a fresh title screen on the
real levels and a seeded school store (two small classes, a class of twelve with a history
of attempts, an active lesson, the teacher PIN), then pushes the scenes that make the state:
a play screen with a hint shown, a failed test run, the result with stars, the question of an
explore level, every teacher screen and dialog, and so on.

Use it like this (``data_dir`` and ``fake_time`` are fixtures from conftest)::

    app = gallery_app(data_dir, fake_time, lang="nl")
    for name in STATE_NAMES:
        scene = show(app, name)      # the top scene of that state, drawn once
        ...                          # look at scene, app.surface, post events...
    app.close()

A test that needs only some states passes their names to :func:`show`. New screens belong
here: add a state, and the keyboard, target-size and text-fit tests cover them at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from game import PROJECT_ROOT
from game.content.loader import LevelCatalogue
from game.progress.records import Lesson, new_id, now
from game.sim.model import StepAction
from tests.classroom_helpers import PIN
from tests.dashboard_data import fill_class

_CATALOGUE: list[LevelCatalogue] = []


def catalogue() -> LevelCatalogue:
    """The real levels, loaded once per test run (loading replays every solution)."""
    if not _CATALOGUE:
        _CATALOGUE.append(LevelCatalogue.load(PROJECT_ROOT / "levels"))
    return _CATALOGUE[0]


def gallery_app(data_dir, fake_time, lang: str = "en", text_size: int = 0):
    """The real game on a seeded SQLite school store in ``data_dir``; call ``close()`` after."""
    from game.app import App
    from game.scenes.login import guest_store

    app = App(size=(1280, 720), fullscreen=False, lang=lang, data_dir=data_dir,
              levels=catalogue(), time_source=fake_time)
    app.settings.text_size = text_size
    app.gallery_time = fake_time
    app.run_frames(2)  # the App opens its school store after the first frame
    school = app.ctx.school
    assert school is not None, "the SQL school store did not open"
    seed_school(school)
    app.ctx.store = guest_store(app.ctx)
    return app


def seed_school(school) -> dict:
    """Classes, pupils, lessons, a history of attempts and the teacher PIN."""
    levels = catalogue()
    city = list(levels.world("city"))
    a = school.add_class("groep 5b")
    ann = school.add_pupil(a.id, "Ann", "heron")
    school.add_pupil(a.id, "Bob", "cow")
    school.add_pupil(a.id, "Maximiliaan", "fox")
    lesson = Lesson(new_id(), "Stroom in de stad", tuple(lv.id for lv in city[:4]),
                    free_play=True)
    school.save_lesson(lesson)
    school.activate_lesson(a.id, lesson.id)
    school.save_lesson(Lesson(new_id(), "Water in de kas",
                              tuple(lv.id for lv in levels.world("greenport"))[:3]))
    class_id, pupils = fill_class(school, city[:6], now() - timedelta(minutes=5), pupils=12,
                                  lesson_levels=3, today=True)
    school.set_secret(PIN)
    return {"class": a, "pupil": ann, "lesson": lesson, "big_class": class_id,
            "big_pupils": pupils}


# --- the states ------------------------------------------------------------------------------

def _reset(app) -> None:
    """Back to a fresh title as the guest, outside the teacher area."""
    from game.scenes.login import play_as
    from game.scenes.title import TitleScene

    ctx = app.ctx
    while len(ctx.stack):
        ctx.stack.pop()
    play_as(ctx, None)
    ctx.stack.push(TitleScene(ctx))


def _settle(app, seconds: float) -> None:
    """Let game time pass (the gallery's app runs on a manual clock)."""
    for _ in range(round(seconds * 30)):
        app.gallery_time.advance(1 / 30)
        app.step_frame()


def _push(app, scene) -> None:
    app.ctx.stack.push(scene)


def _level(app, prefix: str):
    """The level whose id starts with ``prefix`` (e.g. "city-01")."""
    return next(lv for lv in app.ctx.levels if lv.id.startswith(prefix))


def _play(app, prefix: str = "city-01"):
    from game.scenes.play import PlayScene

    scene = PlayScene(app.ctx, _level(app, prefix))
    _push(app, scene)
    app.run_frames(2)
    return scene


def _build(scene, steps: int | None = None) -> None:
    """Do the first ``steps`` steps of the level's reference solution (all: None)."""
    todo = scene.level.solution.steps
    for step in todo if steps is None else todo[:steps]:
        if step.action == StepAction.ANSWER:
            scene.answer = step.kind
        else:
            scene.editor.apply(step)
    scene._after_edit()


def _explore_level(app):
    return next(lv for lv in app.ctx.levels if lv.question is not None)


def _as_teacher(app) -> None:
    app.ctx.teacher = True


def _first_class(app):
    return app.ctx.school.classes()[0]


def _big_class(app):
    return next(c for c in app.ctx.school.classes() if c.name == "groep 6b")


def _an_attempt(app):
    pupil = app.ctx.school.pupils(_big_class(app).id)[0]
    attempts = app.ctx.school.attempts(pupil_id=pupil.id) or app.ctx.school.attempts()
    return attempts[0]


def _state_title(app) -> None:
    pass


def _state_world_map(app) -> None:
    from game.scenes.world_map import WorldMapScene

    _push(app, WorldMapScene(app.ctx))


def _state_level_select(world: str) -> Callable:
    def state(app) -> None:
        from game.scenes.level_select import LevelSelectScene

        _push(app, LevelSelectScene(app.ctx, world))
    return state


def _state_lesson_select(app) -> None:
    from game.scenes.level_select import LessonScene
    from game.scenes.login import play_as

    group = _first_class(app)
    play_as(app.ctx, app.ctx.school.pupils(group.id)[0])
    _push(app, LessonScene(app.ctx, app.ctx.lesson))


def _state_play(app) -> None:
    _play(app, "city-01")


def _state_play_water(app) -> None:
    _play(app, "greenport-05")


def _state_play_hint(app) -> None:
    scene = _play(app, "city-03")
    scene.hint()
    scene.hint()


def _state_play_building(app) -> None:
    scene = _play(app, "city-05")
    _build(scene, 2)


def _state_play_running(app) -> None:
    scene = _play(app, "city-07")
    _build(scene)
    scene.start_test()
    _settle(app, 1.5)


def _state_play_failed(app) -> None:
    scene = _play(app, "greenport-04")
    _build(scene, 1)
    scene.start_test()
    scene.run.finish_now()
    scene._show_run()
    scene._judge()


def _state_result(app) -> None:
    scene = _play(app, "city-02")
    _build(scene)
    scene.start_test()
    scene.run.finish_now()
    scene._show_run()
    scene._judge()
    scene._show_result()
    _settle(app, 3.0)  # the stars fly in


def _state_question(app) -> None:
    scene = _play(app, _explore_level(app).id)
    scene.ask()


def _state_info_card(app) -> None:
    scene = _play(app, "city-04")
    scene.parent_tip()


def _state_pause(app) -> None:
    scene = _play(app, "city-01")
    scene.pause()


def _state_settings(app) -> None:
    from game.scenes.settings_menu import SettingsScene

    _push(app, SettingsScene(app.ctx))


def _state_class_pick(app) -> None:
    from game.scenes.login import ClassPickScene

    _push(app, ClassPickScene(app.ctx))


def _state_avatar_pick(app) -> None:
    from game.scenes.login import AvatarScene

    _push(app, AvatarScene(app.ctx, _first_class(app).id))


def _state_store_problem(app) -> None:
    from game.scenes.login import StoreProblemScene

    _push(app, StoreProblemScene(
        app.ctx, "this store was made by a newer version of the game (schema 0009)",
        on_guest=lambda: None, newer=True))


def _state_pin(app) -> None:
    from game.scenes.teacher_gate import PinScene

    _push(app, PinScene(app.ctx))


def _state_teacher_home(app) -> None:
    from game.scenes.teacher_home import TeacherHomeScene

    _as_teacher(app)
    _push(app, TeacherHomeScene(app.ctx))


def _state_new_pin(app) -> None:
    from game.scenes.teacher_gate import NewPinScene

    _state_teacher_home(app)
    _push(app, NewPinScene(app.ctx))


def _state_choose_class(app) -> None:
    from game.scenes.teacher_home import ChooseClassScene

    _state_teacher_home(app)
    _push(app, ChooseClassScene(app.ctx, app.ctx.gettext("Which class?"), lambda _id: None))


def _state_classes(app) -> None:
    from game.scenes.classes import ClassesScene

    _state_teacher_home(app)
    _push(app, ClassesScene(app.ctx))


def _state_pupil_edit(app) -> None:
    from game.scenes.classes import PupilScene

    _state_classes(app)
    group = _first_class(app)
    _push(app, PupilScene(app.ctx, group.id, app.ctx.school.pupils(group.id)[0]))


def _state_text_prompt(app) -> None:
    from game.scenes.classes import TextPromptScene

    _state_classes(app)
    _ = app.ctx.gettext
    _push(app, TextPromptScene(app.ctx, _("Name of the new class"), "groep 4a",
                               _("for example: groep 5b"), lambda _text: None))


def _state_confirm(app) -> None:
    from game.scenes.classes import ConfirmScene

    _state_classes(app)
    _ = app.ctx.gettext
    group = _first_class(app)
    _push(app, ConfirmScene(
        app.ctx, _("Delete the class {name}?").format(name=group.name),
        _("This deletes the pupils and all their work. It cannot be undone."),
        _("Delete class"), lambda: None))


def _state_lessons(app) -> None:
    from game.scenes.lessons import LessonsScene

    _state_teacher_home(app)
    _push(app, LessonsScene(app.ctx))


def _state_lesson_edit(app) -> None:
    from game.scenes.lessons import LessonEditScene

    _state_lessons(app)
    _push(app, LessonEditScene(app.ctx, app.ctx.school.lessons()[0]))


def _state_dashboard(app) -> None:
    from game.scenes.dashboard import DashboardScene

    _state_teacher_home(app)
    _push(app, DashboardScene(app.ctx, _big_class(app).id))


def _state_pupil_page(app) -> None:
    from game.scenes.pupil_page import PupilPage

    _state_dashboard(app)
    _push(app, PupilPage(app.ctx, app.ctx.school.pupils(_big_class(app).id)[0].id))


def _state_attempt_view(app) -> None:
    from game.scenes.attempt_view import AttemptView

    _state_pupil_page(app)
    _push(app, AttemptView(app.ctx, _an_attempt(app).id))


def _state_teacher_data(app) -> None:
    from game.scenes.teacher_data import DataScene

    _state_teacher_home(app)
    _push(app, DataScene(app.ctx))


#: name -> what makes the state (after a reset to the title)
STATES: dict[str, Callable] = {
    "title": _state_title,
    "world_map": _state_world_map,
    "level_select_city": _state_level_select("city"),
    "level_select_greenport": _state_level_select("greenport"),
    "lesson_select": _state_lesson_select,
    "play": _state_play,
    "play_water": _state_play_water,
    "play_hint": _state_play_hint,
    "play_building": _state_play_building,
    "play_running": _state_play_running,
    "play_failed": _state_play_failed,
    "result": _state_result,
    "question": _state_question,
    "info_card": _state_info_card,
    "pause": _state_pause,
    "settings": _state_settings,
    "class_pick": _state_class_pick,
    "avatar_pick": _state_avatar_pick,
    "store_problem": _state_store_problem,
    "pin": _state_pin,
    "teacher_home": _state_teacher_home,
    "new_pin": _state_new_pin,
    "choose_class": _state_choose_class,
    "classes": _state_classes,
    "pupil_edit": _state_pupil_edit,
    "text_prompt": _state_text_prompt,
    "confirm": _state_confirm,
    "lessons": _state_lessons,
    "lesson_edit": _state_lesson_edit,
    "dashboard": _state_dashboard,
    "pupil_page": _state_pupil_page,
    "attempt_view": _state_attempt_view,
    "teacher_data": _state_teacher_data,
}
STATE_NAMES = tuple(STATES)
#: the states of screens only a teacher reaches (behind the PIN)
TEACHER_STATES = frozenset({
    "teacher_home", "new_pin", "choose_class", "classes", "pupil_edit", "text_prompt", "confirm",
    "lessons", "lesson_edit", "dashboard", "pupil_page", "attempt_view", "teacher_data"})


def show(app, name: str):
    """Reset to the title, make the state ``name``, draw two frames; return the top scene."""
    _reset(app)
    STATES[name](app)
    app.run_frames(2)
    return app.ctx.stack.top
