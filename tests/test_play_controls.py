"""The play screen's controls as a pupil uses them, with mouse, touch and keys: the Turn
button turns the picked board part, a tap turns an own part, Test survives a double click,
a part dragged back onto the box goes back in, and the Answer button has no glued-on "?"."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from dataclasses import replace  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402
from play_helpers import post_click, post_key, settle, start_play, street_level  # noqa: E402

from game import PROJECT_ROOT  # noqa: E402
from game.content.loader import load_level  # noqa: E402
from game.i18n import apply_language  # noqa: E402
from game.scenes.play import PlayScene  # noqa: E402
from game.sim.model import Goal, GoalType, LevelKind, Question  # noqa: E402


@pytest.fixture
def play(app):
    return start_play(app)


def post_tap(app, logical: tuple[float, float]) -> None:
    """A finger on a touch screen: down and up at one spot (no mouse events at all)."""
    x, y = app.view.point(logical)
    w, h = app.surface.get_size()
    for kind in (pygame.FINGERDOWN, pygame.FINGERUP):
        pygame.event.post(pygame.event.Event(kind, x=x / w, y=y / h, dx=0.0, dy=0.0,
                                             finger_id=3, touch_id=1, pressure=1.0))


def post_drag(app, start: tuple[float, float], end: tuple[float, float]) -> None:
    a, b = app.view.point(start), app.view.point(end)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=a, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=a, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=b, rel=(0, 0), buttons=(1, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=b, button=1))


def _place_wire(app, play, click=post_click) -> None:
    """Choose the straight wire in the box and put it on (1, 1), unturned."""
    click(app, play.palette.rects[0].center)
    click(app, play.view.cell_center((1, 1)))
    app.step_frame()
    assert play.board.piece_at((1, 1)).rotation == 0


# --- 1 and 2: Turn button and tap-to-turn ---------------------------------------------------------
@pytest.mark.parametrize("click", [post_click, post_tap], ids=["mouse", "touch"])
def test_tap_turns_an_own_part_and_the_turn_button_turns_it_again(app, play, click) -> None:
    _place_wire(app, play, click)
    click(app, play.view.cell_center((1, 1)))  # a tap on the placed wire turns it ...
    app.step_frame()
    assert play.board.piece_at((1, 1)).rotation == 1
    click(app, play.buttons["rotate"].rect.center)  # ... and Turn turns that board part,
    app.step_frame()
    assert play.board.piece_at((1, 1)).rotation == 2
    assert play.rotation == 0  # not the wire still chosen in the box
    click(app, play.buttons["rotate"].rect.center)
    app.step_frame()
    assert play.board.piece_at((1, 1)).rotation == 3
    post_key(pygame.K_z, pygame.KMOD_CTRL)  # each turn is one step to undo
    app.step_frame()
    assert play.board.piece_at((1, 1)).rotation == 2


def test_turn_button_turns_the_box_part_again_once_the_box_is_chosen(app, play) -> None:
    _place_wire(app, play)
    post_click(app, play.view.cell_center((1, 1)))
    post_click(app, play.palette.rects[1].center)  # the corner wire in the box: Turn is for it
    post_click(app, play.buttons["rotate"].rect.center)
    app.step_frame()
    assert play.rotation == 1 and play.board.piece_at((1, 1)).rotation == 1


def test_turn_button_with_the_keyboard_turns_the_cursor_part(app, play) -> None:
    post_key(pygame.K_TAB)  # the straight wire in the box
    post_key(pygame.K_RIGHT)  # the board cursor appears
    post_key(pygame.K_RETURN)  # placed under the cursor
    app.step_frame()
    cell = play.view.cursor
    assert play.board.piece_at(cell).rotation == 0
    for _ in range(30):  # Tab on to the Turn button
        post_key(pygame.K_TAB)
        app.step_frame()
        if play.focus == "rotate":
            break
    assert play.focus == "rotate"
    post_key(pygame.K_RETURN)
    app.step_frame()
    assert play.board.piece_at(cell).rotation == 1


def test_right_click_and_r_still_turn(app, play) -> None:
    _place_wire(app, play)
    post_click(app, play.view.cell_center((1, 1)), button=3)
    app.step_frame()
    assert play.board.piece_at((1, 1)).rotation == 1
    post_key(pygame.K_r)  # the pointer is on the wire
    app.step_frame()
    assert play.board.piece_at((1, 1)).rotation == 2


def test_a_tap_on_a_level_part_turns_nothing(app, play) -> None:
    post_tap(app, play.view.cell_center((4, 0)))  # a house of the level
    app.step_frame()
    assert play.board.piece_at((4, 0)).rotation == 0
    post_tap(app, play.buttons["rotate"].rect.center)
    app.step_frame()
    assert play.board.piece_at((4, 0)).rotation == 0


def test_the_turn_hints_say_what_a_tap_does() -> None:
    """The hints promise "tap a part to turn it": the game does that (tests above)."""
    for path in ("city/03-around-the-corner.yaml", "greenport/02-around-the-bend.yaml"):
        hint = load_level(PROJECT_ROOT / "levels" / path).hints[0].text
        assert "then tap it to turn it" in hint, path


# --- 3: Test and Stop ------------------------------------------------------------------------
def test_a_double_click_on_test_starts_the_run_and_keeps_it(app, play, fake_time) -> None:
    centre = play.buttons["test"].rect.center
    post_click(app, centre)
    post_click(app, centre)  # the second click of a double click, in the same moment
    app.step_frame()
    assert play.mode == "run" and play.run is not None
    run = play.run
    fake_time.advance(0.1)
    app.step_frame()
    post_click(app, centre)  # a third press, still in the run's first moment
    app.step_frame()
    assert play.mode == "run" and play.run is run
    assert play.buttons["test"].label == "Stop"
    settle(app, fake_time, 0.6)
    post_click(app, centre)  # a press once the run has been seen: Stop
    app.step_frame()
    assert play.mode == "edit" and play.run is None


def test_after_a_run_the_button_says_test_again(app, play, fake_time) -> None:
    post_key(pygame.K_t)
    settle(app, fake_time, 4.0)
    assert play.mode == "failed"
    assert play.buttons["test"].label == "Test" and play.buttons["test"].icon == "icons/test"
    post_click(app, play.buttons["test"].rect.center)
    app.step_frame()
    assert play.mode == "run"


# --- 7: back into the box ----------------------------------------------------------------------
def test_dragging_a_placed_part_onto_the_box_puts_it_back(app, play) -> None:
    _place_wire(app, play)
    assert play.board.palette_left["wire_straight"] == 3
    post_drag(app, play.view.cell_center((1, 1)), play.palette.rects[3].center)
    app.step_frame()
    assert play.board.piece_at((1, 1)) is None
    assert play.board.palette_left["wire_straight"] == 4
    post_key(pygame.K_z, pygame.KMOD_CTRL)  # one step to undo
    app.step_frame()
    assert play.board.piece_at((1, 1)).kind == "wire_straight"


def test_a_level_part_dragged_onto_the_box_stays(app, play) -> None:
    post_drag(app, play.view.cell_center((4, 0)), play.palette.area.center)
    app.step_frame()
    assert play.board.piece_at((4, 0)).kind == "house"
    assert play.message == "This part is fixed in place."


# --- 8: the Answer button -----------------------------------------------------------------------
def test_answer_button_is_one_word_with_the_explore_icon(app) -> None:
    base = street_level()
    level = replace(base, kind=LevelKind.EXPLORE, goals=(*base.goals, Goal(GoalType.ANSWER)),
                    question=Question("Which one makes power?", ("house", "wind_turbine"),
                                      "wind_turbine"))
    scene = PlayScene(app.ctx, level)
    assert scene.buttons["answer"].label == "Answer"
    assert scene.buttons["answer"].icon == "icons/explore"
    apply_language(app.ctx, "ar")
    scene = PlayScene(app.ctx, level)
    assert scene.buttons["answer"].label == "الإجابة"  # no Latin "?" glued on
