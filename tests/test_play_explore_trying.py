"""Explore levels: trying things is never punished (the parts tried never cost a star, only
hints do), and the result card says what was seen and why."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from dataclasses import replace  # noqa: E402

import pygame  # noqa: E402
from play_helpers import post_click, post_key, settle, start_play, street_level  # noqa: E402

from game import PROJECT_ROOT  # noqa: E402
from game.content.loader import load_level, load_levels  # noqa: E402
from game.scenes.play import PlayScene  # noqa: E402
from game.scenes.question import QuestionScene  # noqa: E402
from game.scenes.result import ResultScene  # noqa: E402
from game.sim.board import Board  # noqa: E402
from game.sim.editor import Editor  # noqa: E402
from game.sim.goals import run_board  # noqa: E402
from game.sim.model import Goal, GoalType, LevelKind, Question, StepAction  # noqa: E402


def _place(app, scene: PlayScene, kind: str, cell) -> None:
    post_click(app, scene.palette.rects[scene.palette.kinds.index(kind)].center)
    post_click(app, scene.view.cell_center(cell))
    app.step_frame()
    assert scene.board.piece_at(cell).kind == kind


def test_city_06_trying_both_parts_keeps_all_three_stars(app, fake_time) -> None:
    scene = start_play(app, load_level(PROJECT_ROOT / "levels" / "city" / "06-which-works-at-night.yaml"))
    _place(app, scene, "solar_panel", (2, 1))  # as the story asks: try the solar panel ...
    post_click(app, scene.buttons["test"].rect.center)
    app.step_frame()
    assert isinstance(app.ctx.stack.top, QuestionScene)  # predict before the first run
    post_key(pygame.K_RETURN)  # the first picture: the solar panel
    settle(app, fake_time, 6.0)
    assert scene.mode == "failed"  # the light went out at night: that is what was seen
    _place(app, scene, "wind_turbine", (4, 1))  # ... and the wind turbine, both on the board
    post_click(app, scene.buttons["test"].rect.center)
    settle(app, fake_time, 6.0)
    result = app.ctx.stack.top
    assert isinstance(result, ResultScene)
    assert result.evaluation.solved and result.evaluation.stars == 3
    assert result.evaluation.parts_used == 2
    # what was seen and why, first under the stars, and read aloud with the rest
    assert result.lines()[0] == scene.level.predict.explain
    assert "wind blows at night" in result.lines()[0]
    assert scene.level.predict.explain in result.read_aloud_text()


def _explore(level):
    return replace(level, kind=LevelKind.EXPLORE, goals=(*level.goals, Goal(GoalType.ANSWER)),
                   question=Question("Which one makes power?", ("house", "wind_turbine"),
                                     "wind_turbine", explain="The wind turbine made it."))


def _built_with_a_spare_part(level) -> Board:
    """The reference solution plus one more wire, placed where it does no harm."""
    editor = Editor(Board(level))
    for step in level.solution.steps:
        assert editor.apply(step)
    assert editor.place("wire_straight", (0, 3))
    return editor.board


def test_parts_never_cost_stars_on_any_explore_level_but_do_on_a_build_level() -> None:
    build = street_level()  # two stars up to 6 parts, three up to 4 parts and no hint
    board = _built_with_a_spare_part(build)
    assert board.parts_used() == 6
    assert run_board(board, 0).stars == 2  # a build level counts the parts
    explore = _explore(build)
    board = _built_with_a_spare_part(explore)
    ev = run_board(board, 0, "wind_turbine")
    assert ev.solved and ev.stars == 3
    assert ev.reasons[1] == "You tried it out and found the answer!"
    ev = run_board(board, 1, "wind_turbine")  # a hint still costs the third star
    assert ev.stars == 2
    assert ev.reasons[1] == "Try it once more without hints for the third star."


def test_every_explore_level_explains_its_answer_and_every_choice_tried_keeps_3_stars() -> None:
    explore = [lv for lv in load_levels(PROJECT_ROOT / "levels") if lv.kind == LevelKind.EXPLORE]
    assert explore
    for level in explore:
        asked = level.predict or level.question
        assert asked.explain, f"{level.id}: no explanation for the result card"
        # try every part of the box first (placed where the solution puts its part, then
        # taken away), then build the solution: still three stars
        editor = Editor(Board(level))
        place = next(s for s in level.solution.steps if s.action == StepAction.PLACE)
        for kind in level.palette:
            if kind != place.kind and editor.place(kind, place.at, place.rotation):
                run_board(editor.board, 0)  # a test with it
                assert editor.remove(place.at)
        for step in level.solution.steps:
            if step.action != StepAction.ANSWER:
                assert editor.apply(step)
        answer = level.question.answer if level.question is not None else None
        assert run_board(editor.board, 0, answer).stars == 3, level.id


def test_a_first_guess_that_was_wrong_is_no_failure_on_the_result_card(app, fake_time) -> None:
    scene = start_play(app, _explore(street_level()))  # a level that asks a question
    post_click(app, scene.buttons["answer"].rect.center)  # answer first: the house
    app.step_frame()
    app.ctx.stack.top.pick("house")
    app.step_frame()
    for step in scene.level.solution.steps:
        assert scene.editor.apply(step)
    post_click(app, scene.buttons["test"].rect.center)
    settle(app, fake_time, 8.0)
    assert scene.mode == "failed" and scene.message == "That is not the answer yet."
    post_click(app, scene.buttons["answer"].rect.center)
    app.step_frame()
    app.ctx.stack.top.pick("wind_turbine")
    settle(app, fake_time, 1.5)
    result = app.ctx.stack.top
    assert isinstance(result, ResultScene) and result.evaluation.stars == 3
    assert result.lines() == [scene.level.question.explain,
                              "Your first guess was different. Trying it out showed the answer!"]
