"""The whole way a pupil goes: from the title screen to the stars of the first city level.

Everything is real: the App, the level files in levels/, the scenes, the simulation and the
store. Input is posted as pygame events, once with the mouse and once with the keys only.
"""

from __future__ import annotations

import pygame
import pytest

from game.sim.model import StepAction
from tests.play_helpers import post_click, post_key, settle
from tests.scene_gallery import catalogue as real_levels


@pytest.fixture
def real_app(data_dir, fake_time):
    from game.app import App

    game = App(size=(1280, 720), fullscreen=False, lang="nl", data_dir=data_dir,
               time_source=fake_time)
    game.run_frames(3)  # the levels load after the first picture
    yield game
    game.close()


def first_city_level():
    return real_levels().world("city")[0]


def top(app):
    return app.ctx.stack.top


def scene_name(app) -> str:
    return type(top(app)).__name__


def frames(app, fake_time, n: int = 4) -> None:
    for _ in range(n):
        fake_time.advance(1 / 30)
        app.step_frame()


def run_until_result(app, fake_time, level) -> None:
    for _ in range(int((level.ticks / 5 + 4) * 30)):
        if scene_name(app) == "ResultScene":
            break
        settle(app, fake_time, 1 / 30)
    assert scene_name(app) == "ResultScene"


def place_steps(level):
    steps = [s for s in level.solution.steps if s.action == StepAction.PLACE]
    assert steps and len(steps) == len(level.solution.steps), "the first level is place-only"
    return steps


def test_first_city_level_with_the_mouse_from_the_title(real_app, fake_time):
    app, level = real_app, first_city_level()
    from game.scenes.title import PLAY_RECT

    assert scene_name(app) == "TitleScene"
    post_click(app, PLAY_RECT.center)
    frames(app, fake_time)
    assert scene_name(app) == "WorldMapScene"

    from game.scenes.world_map import places

    city = next(p for p in places() if p.world == "city")
    post_click(app, city.pos)
    frames(app, fake_time)
    assert scene_name(app) == "LevelSelectScene"

    post_click(app, top(app).card_rect(0).center)
    frames(app, fake_time)
    assert scene_name(app) == "PlayScene"
    play = top(app)
    assert play.level.id == level.id

    for step in place_steps(level):
        post_click(app, play.palette.rects[play.palette.kinds.index(step.kind)].center)
        frames(app, fake_time, 2)
        for _ in range(step.rotation):
            post_key(pygame.K_r)
        frames(app, fake_time, 2)
        post_click(app, play.view.cell_rect(step.at).center)
        frames(app, fake_time, 2)
        assert play.board.pieces[step.at].kind == step.kind

    post_click(app, play.buttons["test"].rect.center)
    run_until_result(app, fake_time, level)
    assert top(app).evaluation.stars == level.solution.stars
    assert app.ctx.store.best_stars(level.id) == level.solution.stars


def test_first_city_level_with_the_keyboard_only(real_app, fake_time):
    app, level = real_app, first_city_level()

    for expected in ("TitleScene", "WorldMapScene", "LevelSelectScene"):
        assert scene_name(app) == expected
        post_key(pygame.K_RETURN)
        frames(app, fake_time)
    assert scene_name(app) == "PlayScene"
    play = top(app)
    assert play.level.id == level.id

    arrows = {(1, 0): pygame.K_RIGHT, (-1, 0): pygame.K_LEFT, (0, 1): pygame.K_DOWN,
              (0, -1): pygame.K_UP}
    for step in place_steps(level):
        post_key(pygame.K_TAB)  # Tab goes through the parts box and takes the part
        frames(app, fake_time, 2)
        for _ in range(40):  # past the box, Tab visits the board and the buttons
            if play.selected == step.kind and play.focus_stop().startswith("palette:"):
                break
            post_key(pygame.K_TAB)
            frames(app, fake_time, 2)
        assert play.selected == step.kind
        if play.view.cursor is None:
            post_key(pygame.K_DOWN)  # the first arrow shows the cursor on the board
            frames(app, fake_time, 2)
        cursor = play.view.cursor
        assert cursor is not None
        dx, dy = step.at[0] - cursor[0], step.at[1] - cursor[1]
        for _ in range(abs(dx)):
            post_key(arrows[(1 if dx > 0 else -1, 0)])
        for _ in range(abs(dy)):
            post_key(arrows[(0, 1 if dy > 0 else -1)])
        for _ in range(step.rotation):
            post_key(pygame.K_r)
        post_key(pygame.K_RETURN)
        frames(app, fake_time, 2)
        assert play.board.pieces[step.at].kind == step.kind

    post_key(pygame.K_t)
    run_until_result(app, fake_time, level)
    assert top(app).evaluation.stars == level.solution.stars
