"""The board view maps cells and pointer positions the same way at every window size."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402
from play_helpers import street_level  # noqa: E402

from game import PROJECT_ROOT  # noqa: E402
from game.sim.board import Board  # noqa: E402
from game.sim.goals import play_solution  # noqa: E402
from game.sim.simulation import Simulation  # noqa: E402
from game.ui.art import Art  # noqa: E402
from game.ui.board_fx import run_paths  # noqa: E402
from game.ui.board_view import MAX_TILE, MIN_TILE, BoardView  # noqa: E402
from game.ui.fonts import Fonts  # noqa: E402
from game.ui.view import Painter, Viewport  # noqa: E402

SIZES = [(1280, 720), (1366, 768), (800, 600), (1920, 1080), (1024, 768), (640, 360)]
AREA = (24, 132, 984, 492)


@pytest.fixture(scope="module")
def art() -> Art:
    pygame.display.init()
    return Art(PROJECT_ROOT / "assets")


@pytest.mark.parametrize("size", SIZES)
def test_every_cell_maps_back_to_itself(size, art) -> None:
    view = Viewport(size)
    board = Board(street_level())
    bv = BoardView(art, "city")
    bv.layout(AREA, board, view)
    assert MIN_TILE <= bv.tile <= MAX_TILE
    assert bv.ptile == round(bv.tile * view.scale)  # whole pixels: crisp, no seams
    for y in range(board.height):
        for x in range(board.width):
            r = bv.cell_rect((x, y))
            assert bv.cell_at(r.center) == (x, y)
            # a click in window pixels lands on the same cell
            px = view.point(r.center)
            assert bv.cell_at(view.to_logical(px)) == (x, y)
            # the cell drawn by the painter is exactly the cached layer's pixel cell
            pr = view.rect(r)
            assert pr.topleft == (bv.porigin[0] + x * bv.ptile, bv.porigin[1] + y * bv.ptile)
    grid = bv.rect
    assert bv.cell_at((grid.left - 1, grid.top + 5)) is None
    assert bv.cell_at((grid.right + 1, grid.top + 5)) is None
    assert bv.cell_at((grid.left + 5, grid.bottom + 1)) is None
    assert bv.cell_at(None) is None
    assert AREA[0] <= grid.left and grid.right <= AREA[0] + AREA[2] + 1


def test_big_board_tiles_stay_big_enough(art) -> None:
    level = street_level()
    from dataclasses import replace

    big = Board(replace(level, width=12, height=8))
    bv = BoardView(art, "city")
    bv.layout(AREA, big, Viewport((1280, 720)))
    assert bv.tile >= MIN_TILE
    assert bv.rect.height <= AREA[3] + 1


def test_draws_edit_and_run_states_without_errors(art) -> None:
    size = (1280, 720)
    view = Viewport(size)
    surface = pygame.Surface(size)
    painter = Painter(surface, view, art, Fonts(PROJECT_ROOT / "assets" / "fonts"))
    board, _ = play_solution(street_level())
    bv = BoardView(art, "city")
    bv.layout(AREA, board, view)
    bv.cursor = (1, 1)
    bv.hint_cells = ((2, 1),)
    bv.draw(painter, 0.0)
    sim = Simulation(board)
    states = sim.run()
    bv.state, bv.paths = states[-1], run_paths(sim.board, states[0].arrival)
    bv.draw(painter, 0.5)
    # lit houses get a "works" badge; the wires carry current
    assert bv.badges()[(4, 0)] == "works"
    assert (1, 1) in bv.paths.current


def test_part_layer_is_cached_until_the_board_changes(art) -> None:
    view = Viewport((1280, 720))
    board = Board(street_level())
    bv = BoardView(art, "city")
    bv.layout(AREA, board, view)
    first = bv._parts_layer()
    assert bv._parts_layer() is first
    bv.version += 1
    assert bv._parts_layer() is not first


def _solution_built(level) -> Board:
    """The board of the level's reference solution, built through the editor as
    ``play_solution`` builds it, without its run (the test runs the board itself)."""
    from game.sim.editor import Editor
    from game.sim.model import StepAction

    editor = Editor(Board(level))
    for step in level.solution.steps:
        if step.action != StepAction.ANSWER:
            assert editor.apply(step), (level.id, step)
    return editor.board


def test_every_part_of_every_level_has_its_art_in_every_state(art) -> None:
    """No stand-in token on a real board: every part, as placed, running, lit or dry, broken
    or leaking, in every real level, is drawn from its own picture (a missing one raises)."""
    from game.content.loader import load_levels

    view = Viewport((1280, 720))
    painter = Painter(pygame.Surface((1280, 720)), view, art,
                      Fonts(PROJECT_ROOT / "assets" / "fonts"))
    drawn = set()
    for level in load_levels(PROJECT_ROOT / "levels"):
        for board in (Board(level), _solution_built(level)):
            bv = BoardView(art, level.world)
            bv.layout(AREA, board, view)
            bv.draw(painter, 0.0)
            sim = Simulation(board)
            states = sim.run()
            for state in (states[0], states[len(states) // 2], states[-1]):
                bv.state, bv.paths = state, run_paths(sim.board, states[0].arrival)
                bv.draw(painter, 0.5)
            drawn |= {p.kind for p in board.pieces.values()}
    assert len(drawn) >= 15  # the power and the water parts
