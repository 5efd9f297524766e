"""Noor's bubble never covers the board: a long story or hint at the biggest text size, in
any language and reading font, moves the board down (smaller tiles) instead."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game import PROJECT_ROOT  # noqa: E402
from game.content.loader import load_levels  # noqa: E402
from game.screenshot import make_context  # noqa: E402
from game.settings import LANGUAGES, TEXT_SCALES  # noqa: E402
from game.ui.board_view import MIN_TILE  # noqa: E402
from game.ui.view import Painter, Viewport  # noqa: E402

LEVELS = load_levels(PROJECT_ROOT / "levels")


@pytest.fixture(scope="module")
def surface():
    pygame.display.init()
    pygame.font.init()
    return pygame.Surface((1280, 720))


def _ctx(lang: str, size: int, font: str):
    ctx = make_context(lang=lang)
    ctx.settings.text_size = size
    ctx.settings.reading_font = font
    ctx.fonts.settings = lambda: ctx.settings  # as the App does: the live settings
    return ctx


def _check(scene, painter, what: str) -> None:
    """The first steps of PlayScene.draw (the top bar, then the board laid out below it):
    drawing the whole board for every case would make this test slow; the city-12 test
    below draws the whole screen."""
    scene.bubble_rect = scene._draw_top(painter)
    scene.view.layout(scene.board_area(scene.bubble_rect), scene.board, painter.view)
    board = scene.view.rect.inflate(12, 12)  # with its dark frame
    assert not scene.bubble_rect.colliderect(board), (
        f"{what}: the bubble {scene.bubble_rect} covers the board {board}")
    assert scene.view.tile >= MIN_TILE - 1, f"{what}: tiles of {scene.view.tile:.0f} px"
    assert board.bottom <= scene.buttons["undo"].rect.top, f"{what}: the board runs into the toolbar"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_story_bubble_never_covers_the_board(surface, lang) -> None:
    from game.scenes.play import PlayScene

    fonts = ("andika", "opendyslexic") if lang in ("nl", "en", "tr", "pl") else ("andika",)
    grew = 0
    for font in fonts:
        for size in range(len(TEXT_SCALES)):
            ctx = _ctx(lang, size, font)
            painter = Painter(surface, Viewport((1280, 720)), ctx.art, ctx.fonts)
            for level in LEVELS:
                scene = PlayScene(ctx, level)
                _check(scene, painter, f"{level.id} {lang} size {size} {font}")
                grew += scene.bubble_rect.height > 134
                if size == len(TEXT_SCALES) - 1:  # every hint, at the biggest size
                    for i, hint in enumerate(level.hints):
                        scene.say(hint.text, seconds=1e9)
                        _check(scene, painter, f"{level.id} hint {i + 1} {lang} {font}")
    if lang == "nl":
        assert grew, "no story made the bubble grow: the test would check nothing"


def test_city_12_at_the_biggest_size_moves_the_board_down(surface) -> None:
    """The case that was reported: three lines of story over the top row (the pump hidden)."""
    from game.scenes.play import BOARD_AREA, PlayScene

    level = next(lv for lv in LEVELS if lv.id.startswith("city-12"))
    ctx = _ctx("nl", len(TEXT_SCALES) - 1, "opendyslexic")
    painter = Painter(surface, Viewport((1280, 720)), ctx.art, ctx.fonts)
    scene = PlayScene(ctx, level)
    scene.draw(painter)
    _check(scene, painter, "city-12")
    assert scene.bubble_rect.bottom > BOARD_AREA.top  # it did grow past the old board top
    assert scene.view.rect.top > scene.bubble_rect.bottom
