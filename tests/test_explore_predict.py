"""Explore levels in SCIENCE.md's shape: predict before the first run, test, and an explanation
that shows the prediction beside what happened; a wrong prediction costs nothing."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402
from play_helpers import post_click, post_key, settle, start_play  # noqa: E402

from game import PROJECT_ROOT  # noqa: E402
from game.content.loader import load_level, load_levels  # noqa: E402
from game.scenes.play import PlayScene  # noqa: E402
from game.scenes.question import QuestionScene  # noqa: E402
from game.scenes.result import ResultScene  # noqa: E402
from game.sim.goals import play_solution  # noqa: E402
from game.sim.model import GoalType, LevelKind  # noqa: E402

LEVELS = PROJECT_ROOT / "levels"
CITY_06 = LEVELS / "city" / "06-which-works-at-night.yaml"
GREENPORT_08 = LEVELS / "greenport" / "08-tap-or-pump.yaml"
PREDICT_LEVELS = ["city/06-which-works-at-night.yaml", "greenport/08-tap-or-pump.yaml",
                  "city/15-enough-for-the-street.yaml", "greenport/15-where-does-it-spill.yaml"]


def _place(app, scene: PlayScene, kind: str, cell) -> None:
    post_click(app, scene.palette.rects[scene.palette.kinds.index(kind)].center)
    post_click(app, scene.view.cell_center(cell))
    app.step_frame()
    assert scene.board.piece_at(cell).kind == kind


def _remove(app, scene: PlayScene, cell) -> None:
    post_click(app, scene.buttons["remove"].rect.center)
    post_click(app, scene.view.cell_center(cell))
    post_click(app, scene.buttons["remove"].rect.center)
    app.step_frame()
    assert scene.board.piece_at(cell) is None


def _test(app, scene: PlayScene, fake_time, seconds: float = 8.0) -> None:
    post_click(app, scene.buttons["test"].rect.center)
    app.step_frame()
    settle(app, fake_time, seconds, draw_all=False)


def _pick(app, picker: QuestionScene, choice) -> None:
    """A posted click on the picture of ``choice``."""
    i = list(picker.question.choices).index(choice)
    post_click(app, picker.row.buttons[i].rect.center)
    app.step_frame()


@pytest.mark.parametrize("name", PREDICT_LEVELS)
def test_the_predict_levels_solve_by_replaying_their_solutions_and_judge_no_answer(name) -> None:
    level = load_level(LEVELS / name)
    assert level.kind == LevelKind.EXPLORE and level.predict is not None
    assert level.predict.answer in level.predict.choices and level.predict.explain
    assert all(g.type != GoalType.ANSWER for g in level.goals)  # the run is the judge
    assert level.probe  # the meter to read what happened
    board, ev = play_solution(level)
    assert ev.solved and ev.stars == level.solution.stars == 3


def test_each_world_has_explore_levels_that_predict() -> None:
    levels = load_levels(LEVELS)
    for world in ("city", "greenport"):
        predicts = [lv for lv in levels if lv.world == world and lv.predict is not None]
        assert len(predicts) >= 2, world


def test_a_clicked_prediction_then_the_run_shows_the_explanation_beside_it(app, fake_time) -> None:
    scene = start_play(app, load_level(CITY_06))
    assert scene.buttons["predict"].enabled
    _place(app, scene, "wind_turbine", (2, 1))
    post_click(app, scene.buttons["test"].rect.center)  # Test asks for the prediction first
    app.step_frame()
    picker = app.ctx.stack.top
    assert isinstance(picker, QuestionScene) and picker.predicting
    assert scene.mode == "edit"  # no run before the prediction
    _pick(app, picker, "solar_panel")  # a wrong prediction
    assert app.ctx.stack.top is scene and scene.prediction == "solar_panel"
    assert scene.mode == "run"  # the pick starts the run that tests it
    assert not scene.buttons["predict"].enabled  # the prediction is kept as it is
    settle(app, fake_time, 8.0, draw_all=False)
    result = app.ctx.stack.top
    assert isinstance(result, ResultScene)
    assert result.evaluation.solved and result.evaluation.stars == 3  # wrong costs nothing
    assert result.prediction == "solar_panel"
    assert result.lines()[0] == scene.level.predict.explain
    assert result.compared() == ["You thought: Solar panel. It was: Wind turbine."]
    said = result.read_aloud_text()
    assert "You thought: Solar panel" in said and scene.level.predict.explain in said


def test_keyboard_predicts_a_number_and_wrong_runs_cost_no_star(app, fake_time) -> None:
    scene = start_play(app, load_level(GREENPORT_08))
    _place(app, scene, "tap", (4, 0))
    post_key(pygame.K_t)  # Test (keyboard): the picker comes first
    app.step_frame()
    picker = app.ctx.stack.top
    assert isinstance(picker, QuestionScene) and picker.predicting
    post_key(pygame.K_RIGHT)
    post_key(pygame.K_RIGHT)  # the third picture: 3
    post_key(pygame.K_RETURN)
    app.step_frame()
    assert scene.prediction == 3
    settle(app, fake_time, 8.0, draw_all=False)
    assert scene.mode == "failed"  # the tap waters 2 of the 4: seen, not punished
    assert isinstance(app.ctx.stack.top, PlayScene)
    _remove(app, scene, (4, 0))
    _place(app, scene, "pump", (4, 0))  # change one thing
    _test(app, scene, fake_time)  # no second prediction: it is kept
    result = app.ctx.stack.top
    assert isinstance(result, ResultScene) and result.evaluation.stars == 3
    assert result.prediction == 3
    assert result.compared() == ["You thought: 3. It was: 2."]


def test_a_place_prediction_is_named_by_its_part(app, fake_time) -> None:
    level = load_level(LEVELS / "greenport" / "15-where-does-it-spill.yaml")
    scene = start_play(app, level)
    post_click(app, scene.buttons["predict"].rect.center)  # guess before building
    app.step_frame()
    picker = app.ctx.stack.top
    assert picker.read_aloud_text().startswith("What do you think will happen?")
    _pick(app, picker, (2, 2))
    assert scene.mode == "edit" and scene.prediction == (2, 2)  # Guess does not run
    _place(app, scene, "pipe_corner", (5, 1))
    post_click(app, scene.view.cell_center((5, 1)))  # turn it until it joins
    post_click(app, scene.view.cell_center((5, 1)))
    app.step_frame()
    assert scene.board.piece_at((5, 1)).rotation == 2
    _test(app, scene, fake_time)
    result = app.ctx.stack.top
    assert isinstance(result, ResultScene) and result.evaluation.solved
    assert result.compared() == ["You thought: Sprinkler. It was: Straight pipe."]


def test_trying_and_running_again_never_lowers_the_stars_of_an_explore_level(app, fake_time):
    level = load_level(LEVELS / "city" / "15-enough-for-the-street.yaml")
    scene = start_play(app, level)
    _place(app, scene, "wind_turbine", (1, 1))
    post_click(app, scene.buttons["test"].rect.center)
    app.step_frame()
    _pick(app, app.ctx.stack.top, 3)
    settle(app, fake_time, 6.0, draw_all=False)
    assert scene.mode == "failed"  # one turbine: a shortage
    _test(app, scene, fake_time, 6.0)  # the same again: still no cost
    assert scene.mode == "failed"
    _place(app, scene, "wind_turbine", (6, 1))
    _test(app, scene, fake_time, 6.0)
    result = app.ctx.stack.top
    assert isinstance(result, ResultScene) and result.evaluation.stars == 3
    assert app.ctx.store.best_stars(level.id) == 3
    result.replay()  # play it again, and this time only fail
    app.step_frame()
    again = app.ctx.stack.top
    assert isinstance(again, PlayScene) and again.prediction is None  # a new go: guess anew
    _place(app, again, "wind_turbine", (1, 1))
    post_click(app, again.buttons["test"].rect.center)
    app.step_frame()
    _pick(app, app.ctx.stack.top, 0)
    settle(app, fake_time, 6.0, draw_all=False)
    assert again.mode == "failed"
    assert app.ctx.store.best_stars(level.id) == 3  # never lowered


def test_tab_reaches_the_pickers_back_button_and_enter_leaves(app, fake_time) -> None:
    """The prediction card's Back button is a Tab stop after the choices (and the speaker)."""
    scene = start_play(app, load_level(CITY_06))
    post_click(app, scene.buttons["test"].rect.center)
    app.step_frame()
    picker = app.ctx.stack.top
    assert isinstance(picker, QuestionScene)
    for _ in range(len(picker.row.buttons)):
        if picker.row.focus is not None and picker.row.buttons[picker.row.focus] is picker.close:
            break
        post_key(pygame.K_TAB)
        app.step_frame()
    assert picker.row.buttons[picker.row.focus] is picker.close
    post_key(pygame.K_RETURN)
    app.step_frame()
    assert app.ctx.stack.top is scene and scene.mode == "edit"  # back, no run, no prediction
