"""Energy pips stay inside their own cell: up to four blocks as bolts, more (the data centre's
grid connection 12, its battery and generator 6) as their number beside one bolt, on a tag
that never spills over the next cell; a rack's energy bolts go where its chips (band,
temperature, mark) leave room, at every text size."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame
import pytest

from game.ui import board_view
from game.ui.board_view import PIPS_MOST, draw_pips


class _Art:
    def get(self, name, size):
        surf = pygame.Surface(size, pygame.SRCALPHA)
        surf.fill((250, 200, 0, 255))
        return surf


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.init()
    yield


@pytest.mark.parametrize("tile", [48, 64, 80, 96, 128])
@pytest.mark.parametrize("corner", ["bottomleft", "topleft", "topright", "midleft",
                                    "bottomright"])
def test_a_pips_tag_never_leaves_its_cell(tile, corner):
    surf = pygame.Surface((tile * 3, tile * 3), pygame.SRCALPHA)
    cell = pygame.Rect(tile, tile, tile, tile)
    for count in range(1, 13):
        tag = draw_pips(surf, _Art(), cell, "icons/bolt", count, True, corner)
        assert cell.contains(tag), (count, tile, corner, tag)


def test_many_blocks_show_as_a_number_and_one_bolt():
    tile = 80
    cell = pygame.Rect(0, 0, tile, tile)
    few = draw_pips(pygame.Surface((tile, tile)), _Art(), cell, "icons/bolt", PIPS_MOST, True)
    many = draw_pips(pygame.Surface((tile, tile)), _Art(), cell, "icons/bolt", 12, True)
    six = draw_pips(pygame.Surface((tile, tile)), _Art(), cell, "icons/bolt", 6, True)
    # one row, as tall as a single bolt's tag, where four still take two rows
    assert many.height < few.height and six.height == many.height
    assert many.width < tile * 0.75


def test_a_racks_energy_tag_finds_the_free_place_round_its_chips():
    from game.ui import heat_view

    cell = pygame.Rect(100, 100, 80, 80)
    band = pygame.Rect(104, 100, 70, 26)  # the band chip along the top
    value = pygame.Rect(140, 140, 44, 34)  # the temperature, bottom right
    tag = heat_view.draw_energy(pygame.Surface((300, 300)), _Art(), draw_pips, cell, 3, True,
                                [band, value])
    assert cell.contains(tag) and not tag.colliderect(band) and not tag.colliderect(value)
    assert tag.left < cell.centerx  # at the left, where the rack's picture has room
    # no room for a row of bolts: the number beside one bolt, still clear of the chips
    crowded = [pygame.Rect(100, 100, 80, 40), pygame.Rect(125, 140, 55, 40)]
    tag = heat_view.draw_energy(pygame.Surface((300, 300)), _Art(), draw_pips, cell, 3, True,
                                crowded)
    assert cell.contains(tag) and not any(tag.colliderect(c) for c in crowded)


@pytest.mark.parametrize(("lang", "size"), [("en", 0), ("en", -1), ("ar", -1), ("nl", 1)])
def test_on_the_capstone_the_racks_bolts_stay_in_their_cell_clear_of_their_chips(
        monkeypatch, tmp_path, lang, size):
    """The capstone mid-run at 1280x720 (the biggest text size too, and right to left): each
    rack's energy tag is inside its cell and touches neither its band chip, its temperature
    chip nor its mark; the grid connection's, battery's and generator's numbers stay in their
    cells."""
    from game import PROJECT_ROOT
    from game.content.loader import load_level
    from game.screenshot import make_context, render
    from game.settings import TEXT_SCALES
    from game.ui import heat_view
    from tests.play_helpers import solution_running

    chips: list[pygame.Rect] = []  # logical, as heat_view draws them
    energy: list[pygame.Rect] = []  # pixels
    pips: list[tuple[pygame.Rect, pygame.Rect]] = []  # (tile, tag) pixels
    real_chip, real_energy, real_pips, real_mark = (
        heat_view.draw_chip, heat_view.draw_energy, board_view.draw_pips, heat_view.draw_mark)

    def mark(painter, what, centre, tile):
        chips.append(painter.view.rect(heat_view.mark_rect(centre, tile)))
        return real_mark(painter, what, centre, tile)

    def chip(painter, text, centre, *args, **kwargs):
        box = real_chip(painter, text, centre, *args, **kwargs)
        chips.append(painter.view.rect(box))
        return box

    def energy_tag(*args, **kwargs):
        tag = real_energy(*args, **kwargs)
        energy.append(tag)
        return tag

    def pips_tag(surf, art, tile, *args, **kwargs):
        tag = real_pips(surf, art, tile, *args, **kwargs)
        pips.append((tile, tag))
        return tag

    monkeypatch.setattr(heat_view, "draw_chip", chip)
    monkeypatch.setattr(heat_view, "draw_mark", mark)
    monkeypatch.setattr(heat_view, "draw_energy", energy_tag)
    monkeypatch.setattr(board_view, "draw_pips", pips_tag)
    level = load_level(PROJECT_ROOT / "levels" / "ict" / "14-warm-neighbours.yaml")
    ctx = make_context(lang=lang)
    ctx.settings.text_size = size % len(TEXT_SCALES)
    ctx.fonts.settings = lambda: ctx.settings  # as the App does: the live settings
    scene = solution_running(ctx, level, 150 / 60)
    pygame.display.init()
    render(ctx.stack.draw, tmp_path / "capstone.png", (1280, 720), ctx)
    view = scene.view
    racks = [view._prect(c).move(view.porigin) for c, p in scene.board.pieces.items()
             if p.kind == "server_rack"]
    assert len(energy) == len(racks) == 2 and len(chips) >= 6  # a band, a value, a mark each
    for tag in energy:
        cell = next(r for r in racks if r.colliderect(tag))
        assert cell.contains(tag), (tag, cell)
        assert not any(tag.colliderect(c) for c in chips), (tag, chips)
    board_pips = [(tile, tag) for tile, tag in pips if tile.width == view.ptile]
    assert len(board_pips) >= 3  # the grid connection, the battery and the generator
    for tile, tag in board_pips:
        assert tile.contains(tag), (tile, tag)

