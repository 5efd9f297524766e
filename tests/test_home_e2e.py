"""A Sunday at home, all real: the level files, the scenes, the simulation, the files on disk.

Sam solves the first city level with the mouse; Noa, on the same computer, starts without
Sam's stars; after a restart Sam's stars are still Sam's.
"""

from __future__ import annotations

import json

import pygame

from game.home import Family
from game.scenes.title import PLAY_RECT
from game.sim.model import StepAction
from tests.play_helpers import post_click, post_key, settle
from tests.scene_gallery import catalogue as real_levels


def open_home(data_dir, fake_time):
    from game.app import App

    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.json").write_text(json.dumps({"place": "home"}), "utf-8")
    app = App(size=(1280, 720), fullscreen=False, lang="nl", data_dir=data_dir,
              time_source=fake_time)
    settle(app, fake_time, 0.2)  # the levels and the store open after the first picture
    return app


def name_of(app) -> str:
    return type(app.ctx.stack.top).__name__


def go(app, fake_time, pos, frames: int = 4) -> None:
    post_click(app, pos)
    settle(app, fake_time, frames / 30)


def choose(app, fake_time, name: str) -> None:
    """From the title: Play (or the badge), then the child's own picture."""
    top = app.ctx.stack.top
    go(app, fake_time, top.badge.rect.center if top.badge is not None else PLAY_RECT.center)
    assert name_of(app) == "WhoScene"
    who = app.ctx.stack.top
    profile = next(p for p in who.profiles if p.name == name)
    go(app, fake_time, who.row.button(f"child:{profile.id}").rect.center)
    assert name_of(app) == "WorldMapScene"
    assert app.ctx.child.name == name


def open_first_city_level(app, fake_time):
    from game.scenes.world_map import places

    city = next(p for p in places() if p.world == "city")
    go(app, fake_time, city.pos)
    assert name_of(app) == "LevelSelectScene"
    cards = app.ctx.stack.top
    go(app, fake_time, cards.card_rect(0).center)
    assert name_of(app) == "PlayScene"
    return app.ctx.stack.top


def test_one_childs_stars_are_not_anothers(data_dir, fake_time):
    level = real_levels().world("city")[0]
    family = Family(data_dir)
    family.add("Sam", "fox")
    family.add("Noa", "cat")
    app = open_home(data_dir, fake_time)
    try:
        choose(app, fake_time, "Sam")
        play = open_first_city_level(app, fake_time)
        assert play.level.id == level.id
        for step in level.solution.steps:
            assert step.action == StepAction.PLACE
            go(app, fake_time, play.palette.rects[play.palette.kinds.index(step.kind)].center, 2)
            for _ in range(step.rotation):
                post_key(pygame.K_r)
            go(app, fake_time, play.view.cell_rect(step.at).center, 2)
        go(app, fake_time, play.buttons["test"].rect.center, 2)
        for _ in range(int((level.ticks / 5 + 4) * 30)):
            if name_of(app) == "ResultScene":
                break
            settle(app, fake_time, 1 / 30)
        assert name_of(app) == "ResultScene"
        stars = app.ctx.stack.top.evaluation.stars
        assert stars >= 1 and app.ctx.store.best_stars(level.id) == stars

        app.ctx.back_to("title")
        settle(app, fake_time, 0.2)
        choose(app, fake_time, "Noa")  # the badge: someone else plays
        assert app.ctx.store.best_stars(level.id) == 0
        assert app.ctx.store.completed() == set()
    finally:
        app.close()

    again = open_home(data_dir, fake_time)
    try:
        choose(again, fake_time, "Sam")
        assert again.ctx.store.best_stars(level.id) == stars
    finally:
        again.close()
