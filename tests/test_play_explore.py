"""Explore levels: a run that meets the other goals opens the question; the answer decides."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from dataclasses import replace  # noqa: E402

import pygame  # noqa: E402
from play_helpers import post_key, settle, street_level  # noqa: E402

from game.scenes.play import PlayScene  # noqa: E402
from game.scenes.question import QuestionScene  # noqa: E402
from game.scenes.result import ResultScene  # noqa: E402
from game.sim.model import Goal, GoalType, LevelKind, Question  # noqa: E402


def explore_level():
    base = street_level()
    return replace(base, kind=LevelKind.EXPLORE,
                   goals=(*base.goals, Goal(GoalType.ANSWER)),
                   question=Question("Which one makes power?", ("house", "wind_turbine"),
                                     "wind_turbine"))


def _build(scene: PlayScene) -> None:
    for step in scene.level.solution.steps:
        scene.editor.apply(step)
    scene._after_edit()


def test_question_after_a_working_run_then_right_answer(app, fake_time) -> None:
    level = explore_level()
    scene = PlayScene(app.ctx, level)
    app.ctx.stack.push(scene)
    app.run_frames(2)
    _build(scene)
    post_key(pygame.K_t)
    settle(app, fake_time, 4.0)
    question = app.ctx.stack.top
    assert isinstance(question, QuestionScene)
    post_key(pygame.K_RIGHT)  # the second picture: the wind turbine
    post_key(pygame.K_RETURN)
    settle(app, fake_time, 1.5)
    assert isinstance(app.ctx.stack.top, ResultScene)
    assert app.ctx.stack.top.evaluation.solved


def test_wrong_answer_is_said_gently(app, fake_time) -> None:
    scene = PlayScene(app.ctx, explore_level())
    app.ctx.stack.push(scene)
    app.run_frames(2)
    _build(scene)
    post_key(pygame.K_t)
    settle(app, fake_time, 4.0)
    app.ctx.stack.top.pick("house")
    app.step_frame()
    assert app.ctx.stack.top is scene
    assert scene.mode == "failed" and scene.mood == "oops"
    assert scene.message == "That is not the answer yet."
