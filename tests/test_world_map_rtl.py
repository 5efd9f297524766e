"""The Arabic world map: its buttons and title are mirrored like every other screen's, its
geography is not (the sea stays in the west, every pin and town where it is)."""

from __future__ import annotations

import pygame
import pytest

from game.input import Action, Intent
from game.scenes.base import Scene
from game.scenes.level_select import LevelSelectScene
from game.scenes.world_map import WorldMapScene, places
from game.settings import TEXT_SCALES
from game.ui.view import Painter, Viewport
from tests.test_level_cards import context

W = 1280


def shown(ctx, scene) -> pygame.Surface:
    """``scene`` on top of the stack, drawn as the game draws it (mirrored where it is)."""
    ctx.stack.push(scene)
    surface = pygame.Surface((W, 720))
    ctx.stack.draw(Painter(surface, Viewport((W, 720)), ctx.art, ctx.fonts))
    return surface


def crop(surface: pygame.Surface, rect) -> bytes:
    part = pygame.Surface(pygame.Rect(rect).size)
    part.blit(surface, (0, 0), rect)
    return pygame.image.tobytes(part, "RGB")


def click(ctx, pos) -> None:
    for intent in (Intent.POINTER_DOWN, Intent.POINTER_UP):
        ctx.stack.handle(Action(intent, pos))


def test_back_sits_top_right_pointing_right_as_on_the_level_cards():
    ctx = context("ar", 0, "andika")
    ctx.stack.push(Scene(ctx))
    cards = shown(ctx, LevelSelectScene(ctx, "city"))
    ctx.stack.pop()
    the_map = shown(ctx, WorldMapScene(ctx))
    top_right = pygame.Rect(W - 32 - 72, 28, 72, 72).inflate(-12, -12)  # inside the rim
    assert crop(the_map, top_right) == crop(cards, top_right)
    # the Dutch map has it at the top left: the Arabic one is its mirror image
    nl = context("nl", 0, "andika")
    dutch = shown(nl, WorldMapScene(nl))
    flipped = pygame.transform.flip(dutch, True, False)
    assert crop(the_map, top_right) == crop(flipped, top_right)


def test_a_click_on_the_mirrored_back_goes_back_and_the_places_stay_put():
    ctx = context("ar", 0, "andika")
    home = Scene(ctx)
    ctx.stack.push(home)
    scene = WorldMapScene(ctx)
    shown(ctx, scene)
    targets = {t.stop: pygame.Rect(t.rect) for t in scene.targets()}
    assert targets["back"] == pygame.Rect(W - 32 - 72, 28, 72, 72)
    nl = context("nl", 0, "andika")
    dutch = WorldMapScene(nl)
    shown(nl, dutch)
    dutch_targets = {t.stop: pygame.Rect(t.rect) for t in dutch.targets()}
    for i in range(len(places())):  # geography: every place where it is in Dutch
        assert targets[f"place:{i}"] == dutch_targets[f"place:{i}"]
    click(ctx, (32 + 36, 28 + 36))  # where Back is in Dutch: nothing there in Arabic
    assert ctx.stack.top is scene
    click(ctx, targets["back"].center)
    assert ctx.stack.top is home
    # a place opens at the same spot in both languages
    ctx.stack.push(scene)
    click(ctx, next(p for p in places() if p.world == "city").pos)
    assert isinstance(ctx.stack.top, LevelSelectScene)


@pytest.mark.parametrize("size", range(len(TEXT_SCALES)))
def test_the_mirrored_title_leaves_the_top_pin_and_the_buttons_free(size):
    ctx = context("ar", size, "opendyslexic")
    scene = WorldMapScene(ctx)
    surface = shown(ctx, scene)
    assert surface
    painter = Painter(pygame.Surface((W, 720)), Viewport((W, 720)), ctx.art, ctx.fonts)
    plate, _size = scene._title_rect(painter, ctx.gettext("Where shall we build today?"))
    on_map = scene.on_screen(plate)
    assert on_map.x > W - plate.right - 1 and on_map.right <= W - 32 - 72 - 8
    top_pin = min((p for p in places() if p.spot[1] < 100), key=lambda p: p.spot[0]).spot
    assert not on_map.inflate(16, 16).collidepoint(top_pin)
    speaker = {t.stop: t.rect for t in scene.targets()}.get("speak")
    if speaker is not None:
        assert pygame.Rect(speaker).right <= on_map.x  # the speaker reads before the title


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_players_badge_leaves_the_map_and_the_title_free(lang):
    """A pupil's badge (avatar, name, switch button) stays at the top right beside Back in
    Arabic: mirrored to the top left it would cover the coast's places."""
    import types

    from game.scenes.player import BADGE_PLATE_W

    for size in range(len(TEXT_SCALES)):
        ctx = context(lang, size, "andika")
        ctx.school = object()
        ctx.pupil = types.SimpleNamespace(name="Maximiliaan", avatar="fox")
        scene = WorldMapScene(ctx)
        shown(ctx, scene)
        targets = {t.stop: pygame.Rect(t.rect) for t in scene.targets()}
        badge, back = targets["badge"], targets["back"]
        r = scene.badge.rect  # the button with its name plate before it, on screen
        group = scene.on_screen((r.x - BADGE_PLATE_W, r.y, BADGE_PLATE_W + r.width, r.height))
        assert badge.y == back.y and badge.x > W // 2, "the badge is at the top right"
        assert not group.colliderect(back)
        painter = Painter(pygame.Surface((W, 720)), Viewport((W, 720)), ctx.art, ctx.fonts)
        plate = scene.on_screen(scene._title_rect(painter, ctx.gettext(
            "Where shall we build today?"))[0])
        for i, place in enumerate(places()):
            assert not group.colliderect(targets[f"place:{i}"]), f"size {size}: {place.world}"
            assert not group.collidepoint(place.spot)
        assert not plate.colliderect(group) and not plate.colliderect(back)
