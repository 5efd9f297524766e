"""Every screen works with the keyboard alone: Tab reaches everything, Enter chooses it,
Escape goes back, and a whole level can be finished without a mouse.

Everything is real: the App, the level files, the scene gallery on a seeded school store;
input is posted as pygame KEYDOWN events (and, for typing the PIN, the TEXTINPUT that SDL
sends beside each key, as in a real window).
"""

from __future__ import annotations

import pygame
import pytest

from game.sim.catalogue import CATALOGUE
from game.sim.model import StepAction
from tests.classroom_helpers import PIN, type_text
from tests.focus_helpers import buttons_of, press, tab_through
from tests.scene_gallery import BUSY_STATES, STATE_NAMES, gallery_app, show

ARROWS = {(1, 0): pygame.K_RIGHT, (-1, 0): pygame.K_LEFT, (0, 1): pygame.K_DOWN,
          (0, -1): pygame.K_UP}


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    from game.clock import ManualTime

    app = gallery_app(tmp_path_factory.mktemp("gallery") / "data", ManualTime())
    yield app
    app.close()


def top(app):
    return app.ctx.stack.top


def name_of(app) -> str:
    return type(top(app)).__name__


def tab_until(app, wanted, limit: int = 80) -> None:
    """Tab until the top scene's focus is on the stop ``wanted`` (a name or a test)."""
    scene = top(app)
    for _ in range(limit):
        stop = scene.focus_stop()
        if (wanted(stop) if callable(wanted) else stop == wanted):
            return
        press(app, pygame.K_TAB)
    raise AssertionError(f"Tab never reached {wanted!r} on {type(scene).__name__}: "
                         f"{tab_through(app, scene)}")


# --- (a) a level from the title, keys only -----------------------------------------------------

def build_with_keys(app, play) -> None:
    """The level's reference solution, placed with Tab, the arrows, R and Enter only."""
    for step in play.level.solution.steps:
        if step.action == StepAction.ANSWER:
            tab_until(app, "answer")
            press(app, pygame.K_RETURN)
            assert name_of(app) == "QuestionScene"
            question = top(app)
            tab_until(app, f"row:{question.question.choices.index(step.kind)}")
            press(app, pygame.K_RETURN)
            assert top(app) is play and play.answer == step.kind
            continue
        assert step.action == StepAction.PLACE, "the keyboard levels here are build levels"
        kind = play.palette.kinds.index(step.kind)
        tab_until(app, f"palette:{kind}")
        assert play.selected == step.kind
        for _ in range(4):
            if not CATALOGUE[step.kind].rotates or play.rotation == step.rotation % 4:
                break
            press(app, pygame.K_r)
        press(app, pygame.K_DOWN)  # the arrows bring the focus to the board's cursor
        x, y = play.view.cursor
        dx, dy = step.at[0] - x, step.at[1] - y
        for _ in range(abs(dx)):
            press(app, ARROWS[(1 if dx > 0 else -1, 0)])
        for _ in range(abs(dy)):
            press(app, ARROWS[(0, 1 if dy > 0 else -1)])
        assert play.view.cursor == step.at and play.focus_stop() == "board"
        press(app, pygame.K_RETURN)
        assert play.board.pieces[step.at].kind == step.kind


def run_to_result(app, play) -> None:
    time = app.gallery_time
    tab_until(app, "test")  # the Test button, reached with Tab this time (T works too)
    press(app, pygame.K_RETURN)
    assert play.mode == "run"
    for _ in range(int((play.level.ticks / 5 + 5) * 30)):
        if name_of(app) == "ResultScene":
            break
        time.advance(1 / 30)
        app.step_frame()
    assert name_of(app) == "ResultScene"


@pytest.mark.parametrize(("world", "tabs_on_map"), [("city", 0), ("greenport", None)])
def test_a_level_from_the_title_with_the_keyboard_only(data_dir, fake_time, world,
                                                        tabs_on_map):
    app = gallery_app(data_dir, fake_time)
    try:
        show(app, "title")
        assert name_of(app) == "TitleScene"
        press(app, pygame.K_RETURN)  # Play, as the guest... but this school has classes:
        assert name_of(app) == "ClassPickScene"
        tab_until(app, lambda stop: stop is not None and stop.endswith(":guest"))
        press(app, pygame.K_RETURN)
        assert name_of(app) == "WorldMapScene"
        from game.scenes.world_map import places

        tab_until(app, f"place:{next(i for i, p in enumerate(places()) if p.world == world)}")
        press(app, pygame.K_RETURN)
        assert name_of(app) == "LevelSelectScene"
        press(app, pygame.K_RETURN)  # the first level not solved yet has the focus
        play = top(app)
        assert name_of(app) == "PlayScene" and play.level.world == world
        build_with_keys(app, play)
        run_to_result(app, play)
        result = top(app)
        assert result.evaluation.solved
        assert app.ctx.store.best_stars(play.level.id) == result.evaluation.stars
        press(app, pygame.K_ESCAPE)  # Escape leaves the result for the level list
        assert name_of(app) in ("LevelSelectScene", "PlayScene", "WorldMapScene")
    finally:
        app.close()


# --- (b) every screen: Tab reaches every target, Enter chooses what has the focus ------------
#: screens busy with a job (a merge): nothing to click or reach until it is done
BUSY = tuple(sorted(BUSY_STATES))
ACTIVE = tuple(s for s in STATE_NAMES if s not in BUSY_STATES)


@pytest.mark.parametrize("state", BUSY)
def test_a_busy_screen_offers_nothing_and_takes_no_key(gallery, state):
    scene = show(gallery, state)
    assert scene.targets() == []
    stack = list(gallery.ctx.stack.scenes)
    for k in (pygame.K_TAB, pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_SPACE):
        press(gallery, k)
    assert list(gallery.ctx.stack.scenes) == stack and gallery.ctx.stack.top is scene


@pytest.mark.parametrize("state", ACTIVE)
def test_tab_reaches_every_target_and_the_focus_is_drawn(gallery, state):
    scene = show(gallery, state)
    stops = {t.stop for t in scene.targets()}
    assert stops, f"{state}: the screen reports nothing to click"
    seen = tab_through(gallery, scene, draw=False)  # the pictures are looked at below
    missing = stops - set(seen)
    assert not missing, f"{state}: Tab never reaches {sorted(missing)}; it went {seen}"
    assert None not in seen[1:], f"{state}: Tab lost the focus: {seen}"
    # the focus is visible: the blue ring changes the picture wherever it goes
    pictures = set()
    for _ in range(min(4, len(stops))):
        press(gallery, pygame.K_TAB)
        pictures.add(pygame.image.tobytes(gallery.surface, "RGB"))
    assert len(pictures) == min(4, len(stops)) or len(stops) == 1, \
        f"{state}: moving the focus does not show on screen"


def _spy_buttons(scene) -> dict[int, list]:
    pressed: dict[int, list] = {}
    for b in buttons_of(scene):
        calls = pressed.setdefault(id(b), [])
        b.on_click = (lambda c=calls: c.append(1))
    return pressed


@pytest.mark.parametrize("state", ACTIVE)
def test_enter_chooses_what_has_the_focus(gallery, state):
    scene = show(gallery, state)
    order = tab_through(gallery, scene, draw=False)  # the focus before the first Tab, then
    # after each
    stops = [s for s in dict.fromkeys(order[1:]) if s is not None]
    at = None  # Tabs pressed on the screen as it is now (None: it must be made again)
    for stop in stops:
        if at is None:
            scene, at = show(gallery, state), 0  # its stops come in the same order again
        tabs = order.index(stop, 1) - at  # on from the last stop: Enter on a button that
        press(gallery, pygame.K_TAB, times=tabs, draw=False)  # only counted its presses
        at += tabs
        assert scene.focus_stop() == stop, f"{state}: {at} Tabs did not reach {stop}"
        targets = [t for t in scene.targets() if t.stop == stop]
        button = next((b for b in buttons_of(scene) if b.enabled and any(
            tuple(b.rect) == tuple(map(round, t.rect)) for t in targets)), None)
        if button is not None:
            pressed = _spy_buttons(scene)
            press(gallery, pygame.K_RETURN, draw=False)
            assert pressed[id(button)] == [1], f"{state}: Enter on {stop} did not press it"
            assert sum(map(len, pressed.values())) == 1, f"{state}: Enter pressed more"
            continue
        # a card, a place, a cell, a part in the box: Enter must visibly do something
        at = None  # and the screen is made again for the next stop
        gallery.run_frames(1)  # the picture with the focus where it is now
        before = pygame.image.tobytes(gallery.surface, "RGB")
        stack = gallery.ctx.stack.scenes
        press(gallery, pygame.K_RETURN, times=1)
        gallery.run_frames(1)
        after = pygame.image.tobytes(gallery.surface, "RGB")
        assert gallery.ctx.stack.scenes != stack or after != before, \
            f"{state}: Enter on {stop} did nothing"


# --- pupil screens from the title and back, keys only --------------------------------------

def test_every_pupil_screen_from_the_title_and_back(gallery):
    app = gallery
    show(app, "title")
    visited = []

    def at(name: str) -> None:
        assert name_of(app) == name, f"expected {name}, on {name_of(app)}"
        visited.append(name)

    at("TitleScene")
    tab_until(app, "row:1")  # the settings button
    press(app, pygame.K_RETURN)
    at("SettingsScene")
    press(app, pygame.K_ESCAPE)
    at("TitleScene")
    tab_until(app, "row:0")
    press(app, pygame.K_RETURN)
    at("ClassPickScene")
    group = app.ctx.school.classes()[0]
    tab_until(app, f"row:class:{group.id}")
    press(app, pygame.K_RETURN)
    at("AvatarScene")
    tab_until(app, lambda s: s is not None and s.startswith("row:pupil:"))
    press(app, pygame.K_RETURN)
    at("LessonScene")  # the class has a lesson on: its cards instead of the map
    press(app, pygame.K_RETURN)
    at("PlayScene")
    play = top(app)
    tab_until(app, "parent")
    press(app, pygame.K_RETURN)
    at("InfoCard")
    press(app, pygame.K_ESCAPE)
    at("PlayScene")
    tab_until(app, "pause")
    press(app, pygame.K_RETURN)
    at("PauseScene")
    press(app, pygame.K_ESCAPE)
    at("PlayScene")
    assert top(app) is play
    tab_until(app, "palette:0")  # a part in hand...
    press(app, pygame.K_ESCAPE)  # ...the first Escape puts it back
    assert top(app) is play and play.selected is None
    press(app, pygame.K_ESCAPE)  # then Escape pauses the level
    at("PauseScene")
    tab_until(app, "row:2")  # "Other level"
    assert top(app).row.buttons[2].label == "Other level"
    press(app, pygame.K_RETURN)
    assert name_of(app) in ("LessonScene", "LevelSelectScene", "WorldMapScene")
    visited.append(name_of(app))
    while name_of(app) != "TitleScene":
        press(app, pygame.K_ESCAPE)
        visited.append(name_of(app))
        assert len(visited) < 40
    assert {"SettingsScene", "ClassPickScene", "AvatarScene", "LessonScene", "PlayScene",
            "InfoCard", "PauseScene"} <= set(visited)


# --- (c) the teacher: PIN, dashboard, a pupil's page, back --------------------------------------

def test_a_teacher_with_the_keyboard_only(gallery):
    app = gallery
    show(app, "title")
    tab_until(app, lambda s: s is not None and top(app).row.buttons[
        top(app).row.focus].tooltip == "For the teacher")
    press(app, pygame.K_RETURN)
    assert name_of(app) == "PinScene"
    type_text(app, app.gallery_time, PIN)
    press(app, pygame.K_RETURN)
    assert name_of(app) == "TeacherHomeScene" and app.ctx.teacher
    tab_until(app, "row:dashboard")
    press(app, pygame.K_RETURN)
    if name_of(app) == "ChooseClassScene":  # more than one class: which one
        big = next(c for c in app.ctx.school.classes() if c.name == "groep 6b")
        tab_until(app, f"row:class:{big.id}")
        press(app, pygame.K_RETURN)
    assert name_of(app) == "DashboardScene"
    dash = top(app)
    tab_until(app, "grid")
    press(app, pygame.K_LEFT, times=len(dash.levels) + 1)  # to the name column
    press(app, pygame.K_DOWN)
    assert dash.cursor[1] == -1
    pupil = dash.rows[dash.cursor[0]]
    press(app, pygame.K_RETURN)
    assert name_of(app) == "PupilPage" and top(app).pupil_id == pupil.id
    if top(app).attempts:
        press(app, pygame.K_RETURN)  # the newest attempt, on the board
        assert name_of(app) == "AttemptView"
        press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    assert top(app) is dash
    press(app, pygame.K_ESCAPE)
    assert name_of(app) in ("ChooseClassScene", "TeacherHomeScene")
