"""The motion parts on the board (game.ui.motion_view): every motion part has its picture,
turning gears turn on screen at their speed and way, a jam is marked, and calmer motion
keeps everything still."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from fractions import Fraction  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from game import PROJECT_ROOT  # noqa: E402
from game.sim.board import Board  # noqa: E402
from game.sim.catalogue import CATALOGUE  # noqa: E402
from game.sim.model import GoalType, PlacedPart  # noqa: E402
from game.sim.parts import Medium  # noqa: E402
from game.sim.simulation import Simulation  # noqa: E402
from game.ui import motion_view  # noqa: E402
from game.ui.art import Art  # noqa: E402
from game.ui.board_view import BoardView  # noqa: E402
from game.ui.fonts import Fonts  # noqa: E402
from game.ui.view import Painter, Viewport  # noqa: E402
from tests.sim_helpers import make_level  # noqa: E402

AREA = (24, 132, 984, 492)
#: a train that turns (motor, gears, a double gear, a belt, a machine shaft) and a ring of
#: three big and middle gears that jams, on one board
PARTS = (
    PlacedPart("gear_small", (0, 1)), PlacedPart("gear_large", (1, 1)),
    PlacedPart("output_shaft", (1, 0), params=(("speed", 4), ("clockwise", False))),
    PlacedPart("compound_gear", (2, 1)), PlacedPart("gear_small", (3, 1)),
    PlacedPart("motor", (0, 2)), PlacedPart("solar_panel", (0, 3)),
    PlacedPart("pulley", (4, 2), rotation=0), PlacedPart("drive_belt", (5, 2)),
    PlacedPart("pulley", (6, 2), rotation=2), PlacedPart("gear_medium", (3, 2)),
    PlacedPart("gear_large", (6, 0)), PlacedPart("gear_medium", (7, 0)),
    PlacedPart("gear_large", (7, 1)), PlacedPart("motor", (7, 2)),
    PlacedPart("solar_panel", (7, 3)),
)


@pytest.fixture(scope="module")
def art() -> Art:
    pygame.display.init()
    return Art(PROJECT_ROOT / "assets")


def drawn(art, calm=False, time=0.5, size=(1280, 720)):
    level = make_level(parts=PARTS, goals=(GoalType.SHAFT_SPEED,), width=8, height=4, ticks=3)
    board = Board(level)
    states = Simulation(board).run()
    view = Viewport(size)
    painter = Painter(pygame.Surface(size), view, art, Fonts(PROJECT_ROOT / "assets" / "fonts"))
    bv = BoardView(art, "city")
    bv.tweens.calm = lambda: calm
    bv.layout(AREA, board, view)
    bv.draw(painter, time)
    bv.state = states[-1]
    bv.draw(painter, time)
    return bv, states[-1], painter.surface


def test_every_motion_part_has_its_picture():
    for kind, spec in CATALOGUE.items():
        if spec.medium == Medium.MOTION:
            assert (PROJECT_ROOT / "assets" / "parts" / f"{kind}.svg").is_file(), kind


def test_the_board_turns_and_shows_the_jam(art):
    bv, state, surf = drawn(art)
    assert state.fact("gear_jam") == {(6, 0), (7, 0), (7, 1)}
    assert state.fact("shaft_speed") == {(1, 0): Fraction(-4)}
    spinning = motion_view.animated(bv.board, state, calm=False)
    assert (1, 1) in spinning and (6, 0) in spinning, "turning and jammed gears move"
    assert (2, 1) not in spinning, "a double gear turns its hub, not its picture"
    # the picture of a turning gear changes with time; the cached layer leaves it out
    _bv, _s, later = drawn(art, time=0.6)
    cell = pixels(bv, (1, 1))
    assert tile_bytes(surf, cell) != tile_bytes(later, cell)
    still = pixels(bv, (0, 3))  # a solar panel does not move
    assert tile_bytes(surf, still) == tile_bytes(later, still)


def test_calmer_motion_keeps_every_gear_still(art):
    bv, state, surf = drawn(art, calm=True)
    assert not motion_view.animated(bv.board, state, calm=True)
    _bv, _s, later = drawn(art, calm=True, time=0.9)
    assert pygame.image.tobytes(surf, "RGB") == pygame.image.tobytes(later, "RGB")


def pixels(bv, cell):
    """The pixel rect of ``cell`` on the screen."""
    p = bv.ptile
    return pygame.Rect(bv.porigin[0] + cell[0] * p, bv.porigin[1] + cell[1] * p, p, p)


def tile_bytes(surf, rect):
    return pygame.image.tobytes(surf.subsurface(rect), "RGB")


def test_speeds_read_as_numbers():
    assert motion_view.speed_text(Fraction(-4)) == "4"
    assert motion_view.speed_text(Fraction(4, 3)) == "4/3"
    assert motion_view.spin_angle(Fraction(1), 1.0) == motion_view.SPIN


if __name__ == "__main__":  # a picture to look at: python -m tests.test_motion_view OUT.png
    import sys

    pygame.display.init()
    a = Art(PROJECT_ROOT / "assets")
    pygame.image.save(drawn(a)[2], sys.argv[1])
    pygame.image.save(drawn(a, calm=True)[2], sys.argv[1].replace(".png", "_calm.png"))
