"""A cable holds two wires, one out and one back (SCIENCE.md): during a Test the current runs
away from the source on one of them and back towards it on the other, as many dots going as
coming, each on its own core of the cable's picture."""

from __future__ import annotations

import pygame

from game.sim.geometry import Side
from game.ui.board_fx import CORE, CURRENT, FxPainter, RunPaths

TILE = 128


def dots(time: float) -> list[tuple[float, float]]:
    """The centres of the yellow dots drawn on a straight cable, power coming from the west."""
    surface = pygame.Surface((TILE, TILE))
    surface.fill((0, 0, 0))
    # the wire at (0, 0), 1 step from the source: it enters on the west, leaves on the east
    paths = RunPaths(current={(0, 0): ((Side.W, 2, 1), (Side.E, 2, 3))})
    FxPainter(surface, (0, 0), TILE).current(paths, (0, 0), time)
    yellow = pygame.mask.from_threshold(surface, CURRENT, (2, 2, 2, 255))
    return [comp.centroid() for comp in yellow.connected_components()]


def test_current_goes_out_on_one_wire_and_back_on_the_other():
    before, after = dots(0.10), dots(0.15)
    assert len(before) == len(after) == 4  # two halves of the tile, one dot out and one back
    middle = TILE / 2
    lane = CORE * TILE
    going = sorted(d for d in before if d[1] > middle)  # right of the way out (east): south
    coming = sorted(d for d in before if d[1] < middle)
    assert len(going) == len(coming) == 2  # as many going as coming: nothing is used up
    for _x, y in going + coming:
        assert abs(abs(y - middle) - lane) <= 2  # on a core of the cable, not on its middle
    going_later = sorted(d for d in after if d[1] > middle)
    coming_later = sorted(d for d in after if d[1] < middle)
    assert all(b[0] > a[0] for a, b in zip(going, going_later, strict=True))  # away from the source
    assert all(b[0] < a[0] for a, b in zip(coming, coming_later, strict=True))  # back towards it


def test_the_cable_pictures_show_two_cores():
    """Every cable tile's picture has two copper wires either side of its middle."""
    from game import PROJECT_ROOT

    copper = pygame.Color("#D9822B")
    for name in ("wire_straight", "wire_t", "wire_cross", "house", "battery"):
        picture = pygame.image.load_sized_svg(
            str(PROJECT_ROOT / "assets" / "parts" / f"{name}.svg"), (TILE, TILE))
        row = [picture.get_at((x, 6)) for x in range(TILE)]  # across the north stub
        hits = [x for x, c in enumerate(row) if abs(c.r - copper.r) + abs(c.g - copper.g)
                + abs(c.b - copper.b) < 40 and c.a > 200]
        runs = [x for x in hits if x - 1 not in hits]
        assert len(runs) == 2, (name, hits)
        assert abs((runs[0] + runs[1]) / 2 + 1 - TILE / 2) <= 3, (name, runs)
