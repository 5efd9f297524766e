"""Title -> map -> levels -> a level, by mouse clicks and by keyboard alone."""

import sys
import types

import pygame
import pytest

from game.scenes.base import Scene
from game.scenes.level_select import LevelSelectScene
from game.scenes.title import PLAY_RECT, TitleScene
from game.scenes.world_map import WorldMapScene
from game.scenes.worlds import place_of, places


class FakePlay(Scene):
    def __init__(self, ctx, level):
        super().__init__(ctx)
        self.level = level


@pytest.fixture
def play_module(monkeypatch):
    """A stand-in play scene, so these tests do not depend on the real one."""
    module = types.ModuleType("game.scenes.play")
    module.PlayScene = FakePlay
    monkeypatch.setitem(sys.modules, "game.scenes.play", module)
    return module


def click(app, logical):
    pos = app.view.point(logical)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=pos, button=1))
    app.step_frame()


def press(app, *keys):
    for key in keys:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="",
                                             scancode=0))
        app.step_frame()


def test_by_mouse(app, play_module):
    app.step_frame()
    click(app, PLAY_RECT.center)
    assert isinstance(app.ctx.stack.top, WorldMapScene)
    click(app, place_of("greenport").pos)
    top = app.ctx.stack.top
    assert isinstance(top, LevelSelectScene) and top.world == "greenport"
    click(app, top.card_rect(1).center)
    assert isinstance(app.ctx.stack.top, FakePlay)
    assert app.ctx.stack.top.level.id == "greenport-02"


def test_by_keyboard_only(app, play_module):
    app.step_frame()
    press(app, pygame.K_RETURN)  # Play has the focus from the start
    world_map = app.ctx.stack.top
    assert isinstance(world_map, WorldMapScene)
    # walk the places with Tab until the city has the focus
    for _ in range(len(places())):
        if places()[world_map.focus].world == "city":
            break
        press(app, pygame.K_TAB)
    press(app, pygame.K_RETURN)
    levels = app.ctx.stack.top
    assert isinstance(levels, LevelSelectScene) and levels.world == "city"
    press(app, pygame.K_RIGHT, pygame.K_RETURN)
    assert app.ctx.stack.top.level.id == "city-02"
    app.ctx.stack.pop()
    press(app, pygame.K_ESCAPE)
    assert app.ctx.stack.top is world_map
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.ctx.stack.top, TitleScene)


def test_arrow_keys_move_to_the_nearest_place_in_that_direction(app):
    scene = WorldMapScene(app.ctx)
    app.ctx.stack.push(scene)
    for _ in range(len(places())):
        press(app, pygame.K_UP)
    top = min(places(), key=lambda p: p.pos[1])
    assert places()[scene.focus] is top
    for _ in range(len(places())):
        press(app, pygame.K_DOWN)
    assert places()[scene.focus] is max(places(), key=lambda p: p.pos[1])


@pytest.mark.parametrize("place", [p for p in places() if not p.playable], ids=lambda p: p.world)
def test_coming_soon_places_do_not_open(app, place):
    app.ctx.stack.push(WorldMapScene(app.ctx))
    app.step_frame()
    click(app, place.pos)
    scene = app.ctx.stack.top
    assert isinstance(scene, WorldMapScene)
    assert scene.toast.visible and "soon" in scene.toast.text


def test_the_worlds_with_a_whole_ladder_are_playable():
    assert {p.world for p in places() if p.playable} == {"city", "greenport", "logistics",
                                                         "life_sciences", "hightech", "ict"}
    assert len(places()) == 8


def test_badges_and_labels_fit_on_the_screen_without_overlapping(app):
    import math

    import pygame

    from game.scenes.world_map import radius

    scene = WorldMapScene(app.ctx)
    app.ctx.stack.push(scene)
    app.step_frame()
    screen = pygame.Rect(0, 0, 1280, 720)
    boxes = {}
    for i, p in enumerate(places()):
        r = radius(p) + 6  # plus the bobbing
        boxes[p.world] = pygame.Rect(p.pos[0] - r, p.pos[1] - r, 2 * r, 2 * r)
        assert screen.contains(boxes[p.world]), p.world
        assert screen.contains(scene._labels[i]), p.world
    for i, a in enumerate(places()):
        for j, b in enumerate(places()):
            if i < j:
                d = math.dist(a.pos, b.pos)
                assert d > radius(a) + radius(b), (a.world, b.world)
                assert not scene._labels[i].colliderect(scene._labels[j]), (a.world, b.world)
            if i != j:
                assert not scene._labels[i].colliderect(boxes[b.world]), (a.world, b.world)


def test_back_buttons_by_mouse(app):
    app.ctx.stack.push(WorldMapScene(app.ctx))
    app.ctx.stack.push(LevelSelectScene(app.ctx, "city"))
    app.step_frame()
    click(app, (68, 64))
    assert isinstance(app.ctx.stack.top, WorldMapScene)
    click(app, (68, 64))
    assert isinstance(app.ctx.stack.top, TitleScene)
