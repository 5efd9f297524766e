"""The third explore level of each world (predict, test, explain): Energiestad's clouds over a
solar panel and Kassen's push of a pump along a pipe. Each is solved by replaying every
solution in its file, is not solved as it starts, and the answer of its prediction is what the
simulation shows in the run the pupil makes first (the start board), read from the run and
not restated: the blocks the panel gives under the clouds, the open end that loses the most.
The wrong builds a child would try fail for the reason the level teaches."""

from __future__ import annotations

import os
import re

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402
from play_helpers import post_click, settle, start_play  # noqa: E402

from game.content.loader import load_levels  # noqa: E402
from game.sim.board import Board  # noqa: E402
from game.sim.editor import Editor  # noqa: E402
from game.sim.goals import play_solution, run_board  # noqa: E402
from game.sim.model import GoalType, LevelKind, Step, StepAction  # noqa: E402
from game.sim.simulation import Simulation  # noqa: E402
from tests.golden_record import LEVELS  # noqa: E402

CLOUDS = "city-16-clouds-over-the-roof"
PUSH = "greenport-17-where-is-the-push"
BY_ID = {lv.id: lv for lv in load_levels(LEVELS)}


def build(level_id: str, *steps: tuple) -> Board:
    editor = Editor(Board(BY_ID[level_id]))
    for action, at, *rest in steps:
        step = Step(StepAction(action), at, *rest)
        assert editor.apply(step), (level_id, step, editor.last_refusal)
    return editor.board


def numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


@pytest.mark.parametrize("level_id", (CLOUDS, PUSH))
def test_every_solution_solves_the_level_and_the_start_does_not(level_id):
    level = BY_ID[level_id]
    assert level.kind == LevelKind.EXPLORE and level.predict is not None
    for solution in level.every_solution:
        _board, ev = play_solution(level, solution)
        assert ev.solved and ev.stars == solution.stars, (level_id, solution.stars)
    assert not run_board(Board(level)).solved
    # a prediction is never judged: no answer goal
    assert all(g.type != GoalType.ANSWER for g in level.goals)


# --- Energiestad: what a solar panel gives under the clouds -----------------------------------
def panel_by_sky(board: Board) -> dict[str, set[float]]:
    """What the solar panel on the board at the start gives, in clear and in cloudy ticks of a
    Test (read by the measuring probe)."""
    level = board.level
    panel = next(p.at for p in level.parts if p.kind == "solar_panel")
    seen: dict[str, set[float]] = {"clear": set(), "cloudy": set()}
    for state in Simulation(board).run():
        assert state.weather.is_day  # this level has no night: only the clouds change
        sky = "cloudy" if state.weather.cloud > 0 else "clear"
        seen[sky].add(state.meter[panel].amount)
    return seen


def test_the_panel_gives_the_predicted_number_under_the_clouds():
    level = BY_ID[CLOUDS]
    seen = panel_by_sky(Board(level))
    assert seen["clear"] and seen["cloudy"], "the weather strip shows sun and clouds"
    assert seen["cloudy"] == {level.predict.answer}
    # less than in the sun, but not nothing: that is what the choices 0 and 2 test
    assert seen["clear"] == {2} and 0 < level.predict.answer < 2
    assert level.predict.answer in level.predict.choices
    # the explanation names the two numbers the run showed, in that order
    assert numbers(level.predict.explain)[:2] == [2, level.predict.answer]
    # the second panel changes what a panel gives under the clouds nowhere: each still gives 1
    solved, _ev = play_solution(level)
    assert panel_by_sky(solved)["cloudy"] == {level.predict.answer}


def test_one_panel_lights_the_houses_in_the_sun_but_not_under_the_clouds():
    level = BY_ID[CLOUDS]
    states = Simulation(Board(level)).run()
    houses = {p.at for p in level.parts if p.kind == "house"}
    for state in states:
        if state.weather.cloud > 0:
            assert not houses & state.powered, state.tick  # a shortage: all their lights out
        else:
            assert houses <= state.powered, state.tick
    ev = run_board(Board(level))
    assert {r.goal.type for r in ev.failures} == {GoalType.POWERED, GoalType.NO_SHORTAGE}


def test_a_second_panel_anywhere_on_the_houses_network_solves_it():
    for at in ((5, 1), (3, 2), (4, 2), (3, 0), (4, 0), (1, 1)):
        assert run_board(build(CLOUDS, ("place", at, "solar_panel"))).solved, at


# --- Kassen: where the push of a pump is strongest -------------------------------------------
def leaked(board: Board) -> dict[tuple[int, int], int]:
    """The most water each leaking part lost in one moment of a Test."""
    out: dict[tuple[int, int], int] = {}
    for state in Simulation(board).run():
        for cell, amount in state.fact("leaked", {}).items():
            out[cell] = max(out.get(cell, 0), amount)
    return out


def test_the_predicted_open_end_loses_the_most_water():
    level = BY_ID[PUSH]
    lost = leaked(Board(level))
    choices = [tuple(c) for c in level.predict.choices]
    assert set(lost) == set(choices), "every choice is an open end that spills, and only they"
    assert max(choices, key=lambda c: lost[c]) == tuple(level.predict.answer)
    assert len({lost[c] for c in choices}) == len(choices), "no tie between the open ends"
    # the explanation's numbers are what the probe read: near the pump, then at the end
    near, far = sorted(choices, key=lambda c: -lost[c])
    assert numbers(level.predict.explain)[:2] == [lost[near], lost[far]]


def test_the_push_is_stronger_near_the_pump():
    """The lesson is the pressure, not the order of the leaks: each open end alone (the other
    one shut) loses as much as when both are open."""
    level = BY_ID[PUSH]
    both = leaked(Board(level))
    near_only = leaked(build(PUSH, ("place", (10, 1), "valve", 1), ("toggle", (10, 1))))
    far_only = leaked(build(PUSH, ("place", (1, 0), "valve"), ("toggle", (1, 0))))
    assert near_only == {(1, 1): both[(1, 1)]}
    assert far_only == {(9, 1): both[(9, 1)]}
    assert near_only[(1, 1)] > far_only[(9, 1)]


def test_shutting_the_wrong_end_or_leaving_the_valve_open_does_not_water_the_plants():
    # the end of the pipe shut: the open end near the pump still takes most of the water
    far_shut = build(PUSH, ("place", (10, 1), "valve", 1), ("toggle", (10, 1)))
    assert GoalType.WATERED in {r.goal.type for r in run_board(far_shut).failures}
    # a valve on the near end that is left open: the water spills out of the valve instead
    left_open = build(PUSH, ("place", (1, 0), "valve"))
    assert leaked(left_open).get((1, 0)) == leaked(Board(BY_ID[PUSH]))[(1, 1)]
    assert not run_board(left_open).solved


# --- played as a child would, through the real play screen -----------------------------------
def _place(app, scene, kind: str, cell) -> None:
    post_click(app, scene.palette.rects[scene.palette.kinds.index(kind)].center)
    post_click(app, scene.view.cell_center(cell))
    app.step_frame()
    assert scene.board.piece_at(cell).kind == kind


def _test(app, scene, fake_time, pick=None) -> None:
    """Press Test (a posted click); on the first run pick the prediction ``pick`` first."""
    from game.scenes.question import QuestionScene

    post_click(app, scene.buttons["test"].rect.center)
    app.step_frame()
    if pick is not None:
        picker = app.ctx.stack.top
        assert isinstance(picker, QuestionScene) and picker.predicting
        i = list(picker.question.choices).index(pick)
        post_click(app, picker.row.buttons[i].rect.center)
        app.step_frame()
    settle(app, fake_time, 10.0, draw_all=False)


def test_a_child_guesses_no_energy_under_clouds_then_adds_a_panel(app, fake_time):
    from game.scenes.result import ResultScene

    scene = start_play(app, BY_ID[CLOUDS])
    _test(app, scene, fake_time, pick=0)  # "no sun, no energy": the wrong guess
    assert scene.mode == "failed" and scene.prediction == 0
    _place(app, scene, "solar_panel", (5, 1))  # change one thing
    _test(app, scene, fake_time)
    result = app.ctx.stack.top
    assert isinstance(result, ResultScene) and result.evaluation.stars == 3  # wrong costs nothing
    assert result.lines()[0] == BY_ID[CLOUDS].predict.explain
    assert result.compared() == ["You thought: 0. It was: 1."]


def test_a_child_guesses_the_end_of_the_pipe_then_shuts_the_end_near_the_pump(app, fake_time):
    from game.scenes.result import ResultScene

    scene = start_play(app, BY_ID[PUSH])
    _test(app, scene, fake_time, pick=(9, 1))  # "the water rushes to the end"
    assert scene.mode == "failed" and scene.prediction == (9, 1)
    # the probe held to both open ends after the run: 3 near the pump, 1 at the end
    post_click(app, scene.buttons["probe"].rect.center)
    post_click(app, scene.view.cell_center((1, 1)))
    app.step_frame()
    assert scene.probe_reading((1, 1)).lost == 3 and scene.probe_reading((9, 1)).lost == 1
    assert "3" in scene.probe_text((1, 1))
    post_click(app, scene.buttons["probe"].rect.center)
    app.step_frame()
    _place(app, scene, "valve", (1, 0))
    post_click(app, scene.view.cell_center((1, 0)))  # a click shuts it
    app.step_frame()
    assert not scene.board.piece_at((1, 0)).on
    _test(app, scene, fake_time)
    result = app.ctx.stack.top
    assert isinstance(result, ResultScene) and result.evaluation.stars == 3
    assert result.compared() == ["You thought: Straight pipe. It was: T-pipe."]


def test_each_world_has_three_explore_levels_that_predict():
    """Issue 10: at least three explore levels per world in the predict, test, explain shape."""
    for world in ("city", "greenport"):
        predicts = [lv for lv in BY_ID.values() if lv.world == world
                    and lv.kind == LevelKind.EXPLORE and lv.predict is not None]
        assert len(predicts) >= 3, world
        # each asks about something else: no two predictions of a world share their question
        assert len({lv.predict.text for lv in predicts}) == len(predicts), world
