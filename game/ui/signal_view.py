"""Signals on the play screen: parts that are on, and the truth table a Test fills in.

The signal medium (game.sim.media.signal) says each tick which wires, buttons, sensors, gate
outputs and lamps are on. A pupil reads it without words:

- **On and off on the board.** Everything that is on wears its ``_on`` picture (a yellow wire
  core with a row of white dots, a lit lamp with rays, an open door, a ringing bell: never the
  colour alone). A pressed push button shows pressed before the run too (:func:`pressed`), so
  the pupil sees what they set by tapping it.
- **The truth table** (a level's ``table:``, game.sim.model.SignalTable), beside or under the
  board like the heat graph (:func:`split_area`): a column per input (its part's picture on
  top), an arrow, a column per output. Each row shows its inputs as lit or dark circles, and
  after the row has run what the output did: the output's own picture, on or off. A row the
  level wants something of gets a check or a cross. The row playing now is marked by a soft
  band and a pointer, so the child follows the run row by row. The table is laid out in
  logical coordinates, so on a right-to-left screen its columns run from right to left.

A prediction about the table uses the prediction forms that exist (levels/README.md,
"Signals"): ``number`` (how many rows light the lamp?) or ``picture`` (check or cross: does
this row light it?), or the pupil fills in the table itself (``table``): then the table has a
column more per output, after the arrow, under the Guess button's magnifier: the pupil's
filled-in outputs (:func:`draw_guess`, drawn by the play screen, which knows them), so each
row's run can be compared with what the pupil thought while it plays.
"""

from __future__ import annotations

import pygame

from game.sim.board import Board, Piece
from game.sim.geometry import Cell
from game.sim.media.signal import table_results
from game.sim.model import Level, SignalTable
from game.sim.parts import Medium
from game.sim.simulation import TickState
from game.ui import heat_view
from game.ui.view import Painter

#: the room between the board and the table, and the size of a table cell beside the board
GAP = 12
CELL = 56
#: the soft band behind the row the run plays now (the theme's yellow, see-through)
PLAYING = (240, 228, 66, 110)
#: the pointer at the start of the row playing now, in table cells: the table keeps room for
#: it on its panel
POINTER = 0.3


def pressed(piece: Piece) -> bool:
    """A signal part the pupil switched on before the run (a pressed push button): its
    true/false toggle option is true."""
    spec = piece.spec
    if spec.medium != Medium.SIGNAL or not spec.toggle or spec.toggles == "on":
        return False
    return bool(piece.param(spec.toggles))


def table_level(level: Level) -> bool:
    """Whether the play screen shows a truth table for ``level``."""
    return level.table is not None


def split_area(area: pygame.Rect, board: Board, min_tile: float, max_tile: float
               ) -> tuple[pygame.Rect, pygame.Rect]:
    """Where the board and the table go in ``area``: the table (taller than wide: a row per
    case) beside the board, at the end of the line, as wide as its columns need at
    :data:`CELL` each; when that leaves the board tiles smaller than ``min_tile``, under it
    as the heat graph goes (game.ui.heat_view.split_area). Returns (board's rect, table's)."""
    a = pygame.Rect(area)
    table = board.level.table
    columns = (len(table.inputs) + len(table.outputs) + 2 + guess_columns(board.level)
               if table is not None else 4)
    wide = min(round((columns + POINTER) * CELL + 24), a.width // 2)
    left = a.width - wide - GAP
    if min(max_tile, left / board.width, a.height / board.height) >= min_tile:
        return (pygame.Rect(a.x, a.y, left, a.height),
                pygame.Rect(a.right - wide, a.y, wide, a.height))
    return heat_view.split_area(area, board, min_tile, max_tile)


def guess_columns(level: Level) -> int:
    """The columns of the pupil's filled-in outputs: one per output when the level's
    prediction is the table itself, else none."""
    predict = level.predict
    if predict is None or predict.kind != "table" or level.table is None:
        return 0
    return len(level.table.outputs)


def _grid(rect: pygame.Rect, level: Level) -> tuple[float, float, float, int]:
    """The table's cell size, its left and top, and its number of columns in ``rect``."""
    table = level.table
    r = pygame.Rect(rect)
    # inputs, arrow, the pupil's outputs, outputs, mark
    columns = len(table.inputs) + 1 + guess_columns(level) + len(table.outputs) + 1
    lines = len(table.rows) + 1
    cell = max(8.0, min((r.width - 24) / (columns + POINTER), (r.height - 16) / lines,
                        float(CELL)))
    left = r.centerx - cell * (columns - POINTER) / 2  # the rows, after the pointer's room
    top = r.y + max(8.0, (r.height - cell * lines) / 2)
    return cell, left, top, columns


def draw_guess(painter: Painter, rect: pygame.Rect | None, level: Level, guess) -> None:
    """The pupil's filled-in outputs (a ``table`` prediction; None: not made yet, empty
    boxes) in their columns of the table drawn in ``rect``: each a small card with the
    output's picture on or off, and a lit or dark dot."""
    from game.ui.predict import draw_output, table_kinds

    n = guess_columns(level)
    if not n or rect is None:
        return
    cell, left, top, _columns = _grid(rect, level)
    first = len(level.table.inputs) + 1
    _ins, outs = table_kinds(level)
    for j in range(n):  # the heading: the Guess button's magnifier
        painter.image("icons/explore", (left + (first + j) * cell + cell * 0.15,
                                        top + cell * 0.15, cell * 0.7, cell * 0.7))
    for k in range(len(level.table.rows)):
        for j in range(n):
            on = guess[k][j] if guess and k < len(guess) and j < len(guess[k]) else None
            box = pygame.Rect(round(left + (first + j) * cell), round(top + (k + 1) * cell),
                              round(cell), round(cell)).inflate(-cell * 0.12, -cell * 0.12)
            draw_output(painter, outs[j], on, box)


def table_marks(board: Board) -> dict[Cell, tuple[str, str]]:
    """cell -> (colour, symbol) of the truth table's parts that look alike: where two columns
    show the same picture (two push buttons, two lamps), each of those parts wears a mark on
    the board and over its column, as the heat graph's lines do (the mark's symbol alone tells
    them apart too). Parts whose picture is their column's own get none."""
    table = board.level.table
    if table is None:
        return {}
    cells = list(table.inputs) + list(table.outputs)
    kinds = [board.pieces[c].kind if c in board.pieces else "" for c in cells]
    alike = [c for c, k in zip(cells, kinds, strict=True) if k and kinds.count(k) > 1]
    return {c: (heat_view.LINE_COLOURS[i % len(heat_view.LINE_COLOURS)],
                heat_view.SYMBOLS[i % len(heat_view.SYMBOLS)]) for i, c in enumerate(alike)}


def draw_board_marks(painter: Painter, board: Board, origin: tuple[int, int],
                     ptile: int) -> None:
    """The marks of :func:`table_marks` on the board whose top left is at ``origin``
    (pixels), ``ptile`` pixels a cell: at the parts' bottom left corner, as the heat parts'."""
    tile = ptile / painter.view.scale
    for (x, y), mark in table_marks(board).items():
        px = origin[0] + (x + heat_view.SPOTS["mark"][0]) * ptile
        py = origin[1] + (y + heat_view.SPOTS["mark"][1]) * ptile
        heat_view.draw_mark(painter, mark, painter.view.to_logical((px, py)), tile)


def current_row(table: SignalTable, state: TickState | None) -> int | None:
    """The row the run plays now; None before a run and once every row has run."""
    if state is None:
        return None
    row = state.fact("table_row")
    if row is None or len(state.fact("table_seen", {})) >= len(table.rows):
        return None
    return int(row)


def draw_table(painter: Painter, rect: pygame.Rect, board: Board,
               state: TickState | None) -> list[pygame.Rect]:
    """The truth table of ``board``'s level in ``rect`` (logical), as the run's tick
    ``state`` knows it (None: before a run); returns each row's rect."""
    table = board.level.table
    if table is None:
        return []
    r = pygame.Rect(rect)
    cell, left, top, columns = _grid(r, board.level)
    lines = len(table.rows) + 1
    # the pupil's outputs: their columns are kept, and drawn by draw_guess where the screen
    # knows them (the play screen; a teacher's replay leaves them empty)
    guessed = guess_columns(board.level)
    painter.panel((r.x, top - 12, r.width, cell * lines + 24), radius=14, shadow=4)
    results = table_results(table, state)
    playing = current_row(table, state)

    def spot(col: int, row: int) -> pygame.Rect:
        return pygame.Rect(round(left + col * cell), round(top + row * cell), round(cell),
                           round(cell))

    kinds = [board.pieces[c].kind if c in board.pieces else "" for c in table.inputs]
    outs = [board.pieces[c].kind if c in board.pieces else "" for c in table.outputs]
    marks = table_marks(board)
    heads = [(c, k, i) for i, (c, k) in enumerate(zip(table.inputs, kinds, strict=True))]
    heads += [(c, k, len(kinds) + 1 + guessed + j)
              for j, (c, k) in enumerate(zip(table.outputs, outs, strict=True))]
    for where, kind, col in heads:  # the heading: each column's part, and its mark
        if kind:
            painter.image(f"parts/{kind}", spot(col, 0).inflate(-cell * 0.12, -cell * 0.12))
        if where in marks:
            box = spot(col, 0)
            heat_view.draw_mark(painter, marks[where], (box.x + cell * 0.16, box.bottom -
                                                        cell * 0.14), cell)
    _arrow(painter, spot(len(kinds), 0).center, cell)
    rows = []
    for k, row in enumerate(table.rows):
        band = pygame.Rect(round(left), round(top + (k + 1) * cell), round(cell * columns),
                           round(cell))
        rows.append(band)
        if k == playing:
            painter.rect(PLAYING, band.inflate(4, 0), radius=cell * 0.25)
            painter.polygon("ink", [(band.x - 2, band.centery), (band.x - cell * 0.28,
                                    band.centery - cell * 0.2), (band.x - cell * 0.28,
                                    band.centery + cell * 0.2)])
        for i, on in enumerate(row.inputs):
            _dot(painter, spot(i, k + 1).center, cell * 0.26, on)
        _arrow(painter, spot(len(kinds), k + 1).center, cell * 0.7)
        got = results[k]
        for j, kind in enumerate(outs):
            where = spot(len(kinds) + 1 + guessed + j, k + 1)
            if got is None:
                painter.circle("ink_soft", where.center, cell * 0.08)
            elif kind:
                name = f"parts/{kind}_on" if got[j] else f"parts/{kind}"
                painter.image(name, where.inflate(-cell * 0.18, -cell * 0.18))
        if row.want is not None and got is not None:
            mark = "icons/check" if tuple(got) == tuple(row.want) else "icons/cross"
            painter.image(mark, spot(columns - 1, k + 1).inflate(-cell * 0.3, -cell * 0.3))
    return rows


def _dot(painter: Painter, centre: tuple[int, int], radius: float, on: bool) -> None:
    """An input's state: a lit yellow circle with a dot of light, or a dark empty ring."""
    if on:
        painter.circle("yellow", centre, radius)
        painter.circle("ink", centre, radius, 3)
        painter.circle("paper", (centre[0] - radius * 0.3, centre[1] - radius * 0.3),
                       radius * 0.25)
    else:
        painter.circle("ink_soft", centre, radius, 3)


def _arrow(painter: Painter, centre: tuple[int, int], size: float) -> None:
    x, y = centre
    s = size * 0.22
    painter.line("ink_soft", (x - s, y), (x + s * 0.6, y), 3)
    painter.polygon("ink_soft", [(x + s, y), (x + s * 0.3, y - s * 0.6),
                                 (x + s * 0.3, y + s * 0.6)])
