"""The workbench circuit on the board (game.ui.circuit_view): every circuit part has its own
picture in every look, a bright lamp glows more than a dim one, and current dots run only on
wires that carry current."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game import PROJECT_ROOT  # noqa: E402
from game.sim.board import Board  # noqa: E402
from game.sim.catalogue import CATALOGUE  # noqa: E402
from game.sim.model import PlacedPart  # noqa: E402
from game.sim.parts import Medium  # noqa: E402
from game.sim.simulation import Simulation  # noqa: E402
from game.ui import circuit_view  # noqa: E402
from game.ui.art import Art  # noqa: E402
from game.ui.badges import art_exists  # noqa: E402
from game.ui.board_view import BoardView, part_art  # noqa: E402
from game.ui.fonts import Fonts  # noqa: E402
from game.ui.view import Painter, Viewport  # noqa: E402
from tests.sim_helpers import make_level  # noqa: E402
from tests.test_sim_circuit import parallel, series  # noqa: E402

AREA = (24, 132, 984, 492)


@pytest.fixture(scope="module")
def art() -> Art:
    pygame.display.init()
    return Art(PROJECT_ROOT / "assets")


def board_of(parts, width=8, height=5) -> Board:
    return Board(make_level(parts=[p if isinstance(p, PlacedPart) else PlacedPart(*p)
                                   for p in parts], width=width, height=height, ticks=2))


def test_every_circuit_part_has_its_picture_in_every_look(art):
    """Each look part_art can give a circuit part is a real file (no stand-in)."""
    kinds = [k for k, s in CATALOGUE.items() if s.medium == Medium.CIRCUIT]
    assert len(kinds) >= 15
    endings = {"battery": ("", "_hot"), "lamp": ("", "_dim", "_on", "_broken"),
               "switch": ("", "_off"), "two_way": ("", "_off"), "coil": ("", "_on"),
               "scrap": ("", "_held")}
    for kind in kinds:
        spec = CATALOGUE[kind]
        for end in endings.get(spec.circuit or "", ("",)):
            if end == "_held" and not spec.magnetic:
                continue
            assert art_exists(art, f"parts/{kind}{end}"), f"{kind}{end}"
    for wire in ("bench_wire", "bench_wire_corner", "bench_wire_t"):
        assert art_exists(art, f"parts/{wire}_broken")


def run_view(art, parts, width=8):
    board = board_of(parts, width)
    view = Viewport((1280, 720))
    surface = pygame.Surface((1280, 720))
    painter = Painter(surface, view, art, Fonts(PROJECT_ROOT / "assets" / "fonts"))
    bv = BoardView(art, "hightech")
    bv.layout(AREA, board, view)
    state = Simulation(board).run()[-1]
    bv.state = state
    bv.draw(painter, 0.3)
    return board, bv, state, surface


def test_lamps_look_off_dim_or_bright_and_the_parts_show_their_state(art):
    board, _bv, state, _s = run_view(art, series(2))
    assert {part_art(board.pieces[c], state, False) for c in ((1, 0), (2, 0))} == {
        "parts/bulb_dim"}
    board, _bv, state, _s = run_view(art, parallel(2))
    assert part_art(board.pieces[(1, 1)], state, False) == "parts/bulb_on"
    assert part_art(board.pieces[(1, 1)], None, False) == "parts/bulb"
    off = PlacedPart("bench_switch", (0, 0), on=False)
    assert part_art(board_of([off]).pieces[(0, 0)], None, False) == "parts/bench_switch_off"


def glow_sum(surface, bv, cell) -> int:
    """How much yellow there is round a lamp (its halo reaches past its own cell)."""
    r = bv.cell_rect(cell)
    total = 0
    for x in range(int(r.left - r.width * 0.3), int(r.right + r.width * 0.3), 3):
        y = int(r.top + r.height * 0.42)
        red, green, blue, *_ = surface.get_at((x, y))
        total += max(0, (red + green) // 2 - blue)
    return total


def test_a_bright_lamp_glows_more_than_a_dim_one(art):
    _b, bv_s, _st, dim = run_view(art, series(2))
    _b, bv_p, _st, bright = run_view(art, parallel(2))
    # the first lamp of each: in a row at (1, 0), side by side at (1, 1)
    assert glow_sum(bright, bv_p, (1, 1)) > glow_sum(dim, bv_s, (1, 0))


def test_current_dots_run_only_on_wires_that_carry_current(art):
    parts = series(1) + [("bench_wire", (5, 1), 0)]  # a wire on its own: no current
    board, bv, state, _s = run_view(art, parts)
    assert (5, 1) not in state.fact("wire_flow")
    drawn: list[tuple[float, float]] = []
    original = pygame.draw.circle

    def spy(surface, colour, centre, radius, *rest, **kw):
        if tuple(colour)[:3] == tuple(pygame.Color(*circuit_view.COLORS["yellow"]))[:3]:
            drawn.append(centre)
        return original(surface, colour, centre, radius, *rest, **kw)

    pygame.draw.circle = spy
    try:
        circuit_view.draw_current(pygame.Surface((800, 600)), board, state, (0, 0), 64, 0.25)
    finally:
        pygame.draw.circle = original
    cells = {(int(x // 64), int(y // 64)) for x, y in drawn}
    assert (5, 1) not in cells and (0, 0) in cells and (2, 1) in cells
    # open the loop: no dots at all
    opened = [p for p in series(1) if (p.at if isinstance(p, PlacedPart) else p[1]) != (2, 1)]
    board = board_of(opened)
    state = Simulation(board).run()[-1]
    assert state.fact("wire_flow") == {}


def test_a_shorted_battery_gets_the_attention_badge(art):
    from tests.test_sim_circuit import ring

    _b, bv, state, _s = run_view(art, ring([("bench_wire", 1)]))
    assert state.fact("shorted") == {(0, 1)}
    assert bv.badges()[(0, 1)] == "attention"
    assert part_art(bv.board.pieces[(0, 1)], state, False) == "parts/bench_battery_hot"


def test_a_batterys_tooltip_says_its_cells_and_the_other_parts_no_numbers():
    from game.ui.palette_view import amount_lines

    def ngettext(one, many, n):
        return one if n == 1 else many

    assert amount_lines("bench_battery", ngettext) == [
        "Has 3 cells inside. More cells push harder."]
    one = board_of([PlacedPart("bench_battery", (0, 0), params={"cell_count": 1})])
    assert amount_lines("bench_battery", ngettext, piece=one.pieces[(0, 0)]) == [
        "Has 1 cell inside. More cells push harder."]
    assert amount_lines("bulb", ngettext) == [] == amount_lines("sample_wood", ngettext)
