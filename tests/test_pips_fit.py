"""Energy pips stay inside their own cell: up to four blocks as bolts, more (the data centre's
grid connection 12, its battery and generator 6) as their number beside one bolt, on a tag
that never spills over the next cell; a rack's smaller energy bolts sit at its left middle,
apart from its band chip at the top."""

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


def test_a_racks_energy_bolts_keep_below_the_band_chip_row():
    tile = 80
    cell = pygame.Rect(0, 0, tile, tile)
    size = board_view.heat_view.energy_pip_size(tile)
    tag = draw_pips(pygame.Surface((tile, tile)), _Art(), cell, "icons/bolt", 3, True,
                    "midleft", size)
    # the band chip is centred at 0.15 of the cell (heat_view.SPOTS["band_tag"]): the bolts
    # start below its middle third and end above the temperature chip's middle at 0.74
    assert tag.top > tile * 0.3 and tag.bottom < tile * 0.7
