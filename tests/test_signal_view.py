"""Signals on the play screen (game.ui.signal_view, game.ui.board_view): what is on wears its
on picture, a pressed button shows pressed before the run, and the truth table shows each row's
inputs, what the output did once the row has run, a check or a cross, and the row playing now."""

from __future__ import annotations

import itertools
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402

from game import PROJECT_ROOT  # noqa: E402
from game.sim.board import Board  # noqa: E402
from game.sim.catalogue import CATALOGUE  # noqa: E402
from game.sim.model import Goal, GoalType, SignalTable, TableRow  # noqa: E402
from game.sim.parts import Medium  # noqa: E402
from game.sim.simulation import Simulation  # noqa: E402
from game.ui import signal_view  # noqa: E402
from game.ui.art import Art  # noqa: E402
from game.ui.board_view import BoardView, part_art  # noqa: E402
from game.ui.fonts import Fonts  # noqa: E402
from game.ui.heat_view import SPOTS  # noqa: E402
from game.ui.theme import COLORS  # noqa: E402
from game.ui.view import Painter, Viewport  # noqa: E402
from tests.sim_helpers import make_level  # noqa: E402
from tests.test_sim_signal import board_of  # noqa: E402

AREA = pygame.Rect(20, 20, 1240, 680)


def and_board():
    rows = tuple(TableRow((a, b), (a and b,))
                 for a, b in itertools.product((False, True), repeat=2))
    table = SignalTable(((0, 0), (0, 2)), ((2, 1),), rows, each=2)
    return board_of(("and", ("in", False), ("in", False)), goals=(Goal(GoalType.TRUTH_TABLE),),
                    table=table)


def test_every_signal_part_has_its_art_off_on_and_broken():
    kinds = [k for k, s in CATALOGUE.items() if s.medium == Medium.SIGNAL]
    assert len(kinds) >= 14
    for kind in kinds:
        for end in ("", "_on", "_broken"):
            assert (PROJECT_ROOT / "assets" / "parts" / f"{kind}{end}.svg").is_file(), kind + end


def test_what_is_on_wears_its_on_picture_and_a_pressed_button_shows_before_the_run():
    board, lamp = and_board()
    states = Simulation(board).run()
    last = states[-1]  # the last row: both on, the lamp lit
    assert part_art(board.pieces[lamp], last, False) == "parts/signal_lamp_on"
    assert part_art(board.pieces[(1, 1)], last, False) == "parts/and_gate_on"
    assert part_art(board.pieces[lamp], states[0], False) == "parts/signal_lamp"
    button = board.pieces[(0, 0)]
    assert part_art(button, None, False) == "parts/push_button"
    button.set_param("pressed", True)
    assert signal_view.pressed(button)
    assert part_art(button, None, False) == "parts/push_button_on"


def test_the_table_draws_a_row_per_case_beside_the_board():
    board, _lamp = and_board()
    view = Viewport((1280, 720))
    surf = pygame.Surface((1280, 720))
    art = Art(PROJECT_ROOT / "assets")
    painter = Painter(surf, view, art, Fonts(PROJECT_ROOT / "assets" / "fonts"))
    board_rect, table_rect = signal_view.split_area(AREA, board, 48, 128)
    assert not board_rect.colliderect(table_rect) and AREA.contains(table_rect)
    states = Simulation(board).run()
    bv = BoardView(art, "ict")
    bv.layout(board_rect, board, view)
    for state in (None, states[2], states[-1]):
        bv.state = state
        bv.draw(painter, 0.5)
        rows = signal_view.draw_table(painter, table_rect, board, state)
        assert len(rows) == 4 and all(table_rect.contains(r) for r in rows)
    table = board.level.table
    assert signal_view.current_row(table, states[2]) == 1
    assert signal_view.current_row(table, None) is None
    assert signal_view.current_row(table, states[-1]) is None  # every row has run


def test_the_board_view_leaves_room_for_the_table_and_draws_it():
    board, _lamp = and_board()
    view = Viewport((1280, 720))
    art = Art(PROJECT_ROOT / "assets")
    bv = BoardView(art, "ict")
    bv.layout(AREA, board, view)
    assert bv.table_rect is not None and not bv.rect.colliderect(bv.table_rect)
    painter = Painter(pygame.Surface((1280, 720)), view, art,
                      Fonts(PROJECT_ROOT / "assets" / "fonts"))
    bv.state = Simulation(board).run()[-1]
    bv.draw(painter, 0.5)
    plain = BoardView(art, "city")
    plain.layout(AREA, Board(make_level()), view)
    assert plain.table_rect is None


def test_the_playing_rows_pointer_stays_on_the_tables_panel():
    """The pointer at the start of the row playing now (a quarter of a cell wide, left of the
    row) is drawn on the table's own panel, not across its edge, also where the table is as
    narrow as its columns."""
    board, _lamp = and_board()
    view = Viewport((1280, 720))
    surf = pygame.Surface((1280, 720))
    art = Art(PROJECT_ROOT / "assets")
    painter = Painter(surf, view, art, Fonts(PROJECT_ROOT / "assets" / "fonts"))
    _board_rect, table_rect = signal_view.split_area(AREA, board, 48, 128)
    state = Simulation(board).run()[2]
    for rect in (table_rect, table_rect.inflate(-60, 0)):
        rows = signal_view.draw_table(painter, rect, board, state)
        playing = rows[signal_view.current_row(board.level.table, state)]
        assert playing.x - playing.height * 0.28 >= rect.x + 4, (playing, rect)


def test_a_turned_and_or_or_gate_keeps_its_sign_upright():
    """A gate turned on the board turns its box and plugs, but its "&" or "≥1" stays upright
    (a quarter-turned "&" reads as another sign); a NOT gate's triangle turns with it, since
    it points at the output."""
    art = Art(PROJECT_ROOT / "assets")
    size = (96, 96)
    middle = pygame.Rect(30, 30, 36, 36)  # the sign, well inside the box

    def pixels(surf):
        return [tuple(surf.get_at((x, y))) for x in range(middle.left, middle.right, 3)
                for y in range(middle.top, middle.bottom, 3)]

    for kind in ("and_gate", "or_gate"):
        for look in ("", "_on", "_broken"):
            name = f"parts/{kind}{look}"
            upright = art.get(name, size)
            for turn in (1, 2, 3):
                turned = art.get(name, size, turn)
                if look != "_broken":  # the crack turns with the box, over the sign
                    worst = max(abs(a - b) for p, q in zip(pixels(turned), pixels(upright), strict=True)
                                for a, b in zip(p, q, strict=True))
                    assert worst <= 2, (name, turn, worst)  # the same, but for rounding
                # the plugs turn: the side without one (W at rotation 0) turns with them
                bare = {1: (48, 1), 2: (94, 48), 3: (48, 94)}[turn]
                assert turned.get_at(bare).a == 0 and upright.get_at(bare).a > 0, (name, turn)
    not_upright = art.get("parts/not_gate", size)
    assert art.sign_of("parts/or_gate_broken") == "parts/or_gate_sign"
    assert pixels(art.get("parts/not_gate", size, 2)) != pixels(not_upright)


def test_table_columns_that_look_alike_wear_the_marks_of_their_parts():
    """Two push buttons and two lamps (ict-02): each wears a mark (colour and symbol) on the
    board and over its column, so a pupil can tell which column is which button; a table
    whose columns all look different (the badge door: a badge reader and a button) has no marks."""
    from game.content.loader import load_level

    level = load_level(PROJECT_ROOT / "levels" / "ict" / "02-two-lamps.yaml")
    board = Board(level)
    marks = signal_view.table_marks(board)
    table = level.table
    assert set(marks) == set(table.inputs) | set(table.outputs)
    assert len(set(marks.values())) == len(marks)  # each its own
    assert len({symbol for _colour, symbol in marks.values()}) == len(marks)
    door = load_level(PROJECT_ROOT / "levels" / "ict" / "05-the-badge-door.yaml")
    assert signal_view.table_marks(Board(door)) == {}

    view = Viewport((1280, 720))
    surface = pygame.Surface((1280, 720))
    art = Art(PROJECT_ROOT / "assets")
    painter = Painter(surface, view, art, Fonts(PROJECT_ROOT / "assets" / "fonts"))
    bv = BoardView(art, "ict")
    bv.layout(AREA, board, view)
    bv.draw(painter, 0.5)
    first = table.inputs[0]
    colour, symbol = marks[first]
    assert symbol == "circle"
    spot = bv.cell_rect(first)
    centre = (round(spot.x + SPOTS["mark"][0] * spot.width),
              round(spot.y + SPOTS["mark"][1] * spot.height))
    assert tuple(surface.get_at(centre))[:3] == tuple(COLORS[colour])[:3]
