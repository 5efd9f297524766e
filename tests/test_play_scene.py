"""The play screen driven by real posted pygame events through the app, like a pupil would."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402
from play_helpers import post_click, post_key, settle, street_level  # noqa: E402

from game.scenes.play import PlayScene  # noqa: E402
from game.scenes.result import ResultScene  # noqa: E402
from game.sim.model import StepAction  # noqa: E402


@pytest.fixture
def play(app):
    level = street_level()
    app.ctx.levels = [level, street_level("city-91", 91)]
    scene = PlayScene(app.ctx, level)
    app.ctx.stack.push(scene)
    app.run_frames(2)  # lay out the board
    return scene


def test_place_rotate_remove_undo_redo_with_mouse_and_keys(app, play) -> None:
    board = play.board
    post_click(app, play.palette.rects[0].center)  # straight wire
    post_click(app, play.view.cell_center((1, 1)))
    app.step_frame()
    assert board.piece_at((1, 1)).kind == "wire_straight"
    assert board.palette_left["wire_straight"] == 3
    assert play.selected == "wire_straight"  # stays chosen for placing more

    post_click(app, play.view.cell_center((2, 1)))
    app.step_frame()
    assert board.piece_at((2, 1)).kind == "wire_straight"

    post_key(pygame.K_r)  # the pointer is on (2, 1): that part turns
    app.step_frame()
    assert board.piece_at((2, 1)).rotation == 1

    post_click(app, play.view.cell_center((2, 1)), button=3)  # right-click turns too
    app.step_frame()
    assert board.piece_at((2, 1)).rotation == 2

    post_key(pygame.K_DELETE)
    app.step_frame()
    assert board.piece_at((2, 1)) is None

    post_key(pygame.K_z, pygame.KMOD_CTRL)
    app.step_frame()
    assert board.piece_at((2, 1)).rotation == 2
    post_key(pygame.K_z, pygame.KMOD_CTRL)
    post_key(pygame.K_z, pygame.KMOD_CTRL)
    app.step_frame()
    assert board.piece_at((2, 1)).rotation == 0
    post_key(pygame.K_y, pygame.KMOD_CTRL)
    app.step_frame()
    assert board.piece_at((2, 1)).rotation == 1


def test_keyboard_only_building(app, play) -> None:
    board = play.board
    post_key(pygame.K_TAB)  # first palette item: straight wire
    post_key(pygame.K_RIGHT)  # the cursor appears in the middle
    app.step_frame()
    assert play.selected == "wire_straight"
    start = play.view.cursor
    post_key(pygame.K_r)  # turns the chosen part before it is placed
    post_key(pygame.K_RETURN)
    app.step_frame()
    piece = board.piece_at(start)
    assert piece is not None and piece.kind == "wire_straight" and piece.rotation == 1
    post_key(pygame.K_RETURN)  # again on a taken spot: a gentle refusal, nothing changes
    app.step_frame()
    assert play.message == "That spot is taken."
    assert board.parts_used() == 1


def test_refusals_are_gentle_messages(app, play) -> None:
    post_click(app, play.palette.rects[0].center)
    post_click(app, play.view.cell_center((2, 3)))  # scenery
    app.step_frame()
    assert play.message == "You can't build there."
    post_click(app, play.view.cell_center((4, 0)))  # a level part
    app.step_frame()
    assert play.message == "That spot is taken."
    play.selected = None
    post_click(app, play.view.cell_center((4, 0)))
    app.step_frame()
    assert play.message == "This part is fixed in place."


def test_drag_from_palette_onto_board(app, play) -> None:
    start = app.view.point(play.palette.rects[1].center)  # corner wire
    end = app.view.point(play.view.cell_center((3, 2)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=end, rel=(0, 0), buttons=(1, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end, button=1))
    app.step_frame()
    assert play.board.piece_at((3, 2)).kind == "wire_corner"


def test_broken_build_shows_failure_on_the_right_cells(app, play, fake_time) -> None:
    play.editor.place("wire_straight", (1, 1), 1)
    play.editor.place("wire_straight", (2, 1), 1)
    play.editor.place("wire_corner", (3, 1), 3)  # ports W, N: only the top house gets power
    play.editor.place("wire_corner", (3, 0), 1)
    play._after_edit()
    post_key(pygame.K_t)
    app.step_frame()
    assert play.mode == "run"
    post_click(app, play.view.cell_center((1, 2)))  # read-only while it runs
    settle(app, fake_time, 4.0)
    assert play.mode == "failed"
    assert play.view.marks == {(4, 2): "unpowered"}  # no power here: a struck-through bolt
    assert play.view.badges()[(4, 0)] == "works"
    assert play.view.tweens.get((4, 2), "wobble") is not None
    assert play.mood == "oops" and play.message == "This one gets no energy."
    assert play.board.parts_used() == 4
    assert play.buttons["test"].label == "Test"  # the run is over: nothing left to stop
    post_key(pygame.K_t)  # Test again: the failure picture goes, a fresh run starts
    app.step_frame()
    assert play.mode == "run" and play.view.marks == {} and play.view.state.tick == 0


def test_stop_returns_to_editing_at_once(app, play, fake_time) -> None:
    post_key(pygame.K_t)
    settle(app, fake_time, 0.5)
    assert play.mode == "run"
    post_key(pygame.K_t)
    app.step_frame()
    assert play.mode == "edit" and play.run is None


def test_reference_solution_reaches_result_with_its_stars(app, play, fake_time) -> None:
    for step in play.level.solution.steps:
        assert play.editor.apply(step)
    play._after_edit()
    post_click(app, play.buttons["test"].rect.center)
    settle(app, fake_time, 5.0)
    top = app.ctx.stack.top
    assert isinstance(top, ResultScene)
    assert top.evaluation.stars == play.level.solution.stars == 2
    assert app.ctx.store.best_stars(play.level.id) == 2
    assert top.next is not None and top.next.id == "city-91"
    settle(app, fake_time, 2.0)
    assert top.stars_shown == 2
    top.go_next()
    app.step_frame()
    assert isinstance(app.ctx.stack.top, PlayScene) and app.ctx.stack.top.level.id == "city-91"


def test_hints_open_step_by_step(app, play) -> None:
    post_key(pygame.K_h)
    app.step_frame()
    assert play.hints_used == 1 and play.message == "Where does the power come from?"
    post_key(pygame.K_h)
    post_key(pygame.K_h)
    app.step_frame()
    assert play.view.hint_cells == ((1, 1), (2, 1))
    assert play.view.hint_ghost is not None and play.view.hint_ghost.kind == "wire_t"
    post_key(pygame.K_h)  # none left
    app.step_frame()
    assert play.hints_used == 3


def test_escape_pauses(app, play) -> None:
    from game.scenes.pause import PauseScene

    post_key(pygame.K_ESCAPE)
    app.step_frame()
    assert isinstance(app.ctx.stack.top, PauseScene)


def _first_city_level():
    from pathlib import Path

    from game.content import loader
    files = sorted((Path(__file__).resolve().parent.parent / "levels" / "city").glob("01*.yaml"))
    assert files, "no first city level"
    return loader.load_level(files[0])


def test_real_first_city_level_plays_to_the_result(app, fake_time) -> None:
    level = _first_city_level()
    scene = PlayScene(app.ctx, level)
    app.ctx.stack.push(scene)
    app.run_frames(2)
    answer = None
    for step in level.solution.steps:
        if step.action == StepAction.ANSWER:
            answer = step.kind
        else:
            assert scene.editor.apply(step)
    scene.answer = answer
    scene._after_edit()
    post_key(pygame.K_t)
    settle(app, fake_time, level.ticks / 5 + 3)
    top = app.ctx.stack.top
    assert isinstance(top, ResultScene)
    assert top.evaluation.stars == level.solution.stars
