"""The workbench circuit on the play screen (game.sim.media.circuit), drawn without words.

- **Parts' looks.** A lamp is off, glows a little (``bulb_dim``) or brightly (``bulb_on``) by
  its brightness; a switch shows its lever open (``_off``) or closed, a two-way switch which
  side it joins; a battery in a short circuit is hot (``_hot``), an electromagnet with current
  shows its pull (``_on``) and the steel it holds is lifted (``_held``).
- **A glow.** Round every glowing lamp a soft yellow halo, as big and as strong as its
  brightness: two lamps in a row have a small faint one, side by side each a big one. It is
  steady (no flashing).
- **Current.** Yellow dots run along the wires that carry current, from the battery's + round
  to its -, only where current flows: a dead end, an open switch or a wire beside the loop has
  none. A wire is one conductor here (not a street cable with two): one lane of dots.

Drawing is in pixels of the board's own (never mirrored) picture, as game.ui.heat_view's.
"""

from __future__ import annotations

import pygame

from game.sim.board import Board, Piece
from game.sim.geometry import Cell, Side
from game.sim.media.circuit import BRIGHT, LIT
from game.sim.parts import Medium
from game.sim.simulation import TickState
from game.ui.theme import COLORS

#: how fast the dots run (cells a second)
SPEED = 0.9
#: the glow's colour (a warm lamp yellow)
GLOW = (255, 236, 120)
_VEC = {Side.N: (0.0, -1.0), Side.E: (1.0, 0.0), Side.S: (0.0, 1.0), Side.W: (-1.0, 0.0)}


def is_circuit(piece: Piece) -> bool:
    return piece.spec.medium == Medium.CIRCUIT


def part_art(piece: Piece, state: TickState | None) -> str:
    """The art name of a circuit part as it looks now (a part not broken)."""
    kind, what = piece.kind, piece.spec.circuit
    if piece.spec.toggle and not piece.on:
        return f"parts/{kind}_off"  # a switch open, a two-way switch joined to its other side
    if state is None:
        return f"parts/{kind}"
    if what == "lamp":
        b = state.fact("brightness", {}).get(piece.at, 0.0)
        return f"parts/{kind}_on" if b >= BRIGHT else f"parts/{kind}_dim" if b >= LIT \
            else f"parts/{kind}"
    if what == "battery" and piece.at in state.fact("shorted", ()):
        return f"parts/{kind}_hot"
    if what == "coil" and piece.at in state.fact("magnet_on", ()):
        return f"parts/{kind}_on"
    if what == "scrap" and piece.at in state.fact("held", ()):
        return f"parts/{kind}_held"
    return f"parts/{kind}"


def badges(board: Board, state: TickState | None) -> dict[Cell, str]:
    """A battery in a short circuit gets the "!" (it gets hot)."""
    if state is None:
        return {}
    return {c: "attention" for c in state.fact("shorted", ()) if c in board.pieces}


def draw_glow(surface: pygame.Surface, board: Board, state: TickState,
              origin: tuple[int, int], tile: int) -> None:
    """A soft halo round every glowing lamp, its size and strength by the lamp's brightness."""
    bright = state.fact("brightness", {}) or {}
    ox, oy = origin
    for cell, b in sorted(bright.items()):
        if b < LIT or cell not in board.pieces:
            continue
        radius = round(tile * (0.35 + 0.45 * b))
        halo = pygame.Surface((2 * radius, 2 * radius), pygame.SRCALPHA)
        for k in range(4, 0, -1):  # rings, stronger inwards
            alpha = round(40 * b * (5 - k) / 4 + 14)
            pygame.draw.circle(halo, (*GLOW, alpha), (radius, radius), radius * k / 4)
        cx, cy = ox + (cell[0] + 0.5) * tile, oy + (cell[1] + 0.42) * tile
        surface.blit(halo, (round(cx - radius), round(cy - radius)))


def _edge(origin: tuple[int, int], tile: int, cell: Cell, side: Side | None
          ) -> tuple[float, float]:
    cx = origin[0] + (cell[0] + 0.5) * tile
    cy = origin[1] + (cell[1] + 0.5) * tile
    if side is None:
        return cx, cy
    vx, vy = _VEC[side]
    return cx + vx * tile * 0.5, cy + vy * tile * 0.5


def dot_segments(flow: str) -> list[tuple[Side | None, Side | None]]:
    """The half-cell legs dots run along in a wire whose flow is ``"W>NE"``: from each side
    current comes in by to the middle, and from the middle out of each side it leaves by."""
    ins, _sep, outs = flow.partition(">")
    return [(Side[s], None) for s in ins] + [(None, Side[s]) for s in outs]


def draw_current(surface: pygame.Surface, board: Board, state: TickState,
                 origin: tuple[int, int], tile: int, time: float) -> None:
    """Yellow dots running along the wires that carry current, the way it flows."""
    flows = state.fact("wire_flow", {}) or {}
    if not flows:
        return
    phase = (time * SPEED * 2) % 1.0  # a dot crosses half a cell per cycle
    r = max(2.0, tile * 0.05)
    for cell, flow in sorted(flows.items()):
        piece = board.pieces.get(cell)
        if piece is None or not is_circuit(piece):
            continue
        for start, end in dot_segments(flow):
            a = _edge(origin, tile, cell, start)
            b = _edge(origin, tile, cell, end)
            x = a[0] + (b[0] - a[0]) * phase
            y = a[1] + (b[1] - a[1]) * phase
            pygame.draw.circle(surface, COLORS["ink"], (x, y), r + 1.5)
            pygame.draw.circle(surface, COLORS["yellow"], (x, y), r)


def draw_run(surface: pygame.Surface, board: Board, state: TickState | None,
             origin: tuple[int, int], tile: int, time: float) -> None:
    """Everything of the circuit that is drawn over the parts during and after a run."""
    if state is None or "circuit" not in state.facts:
        return
    draw_glow(surface, board, state, origin, tile)
    draw_current(surface, board, state, origin, tile, time)


def cells_text(count: int, ngettext) -> str:
    # TRANSLATORS: tooltip of the workbench battery; {count} cells inside it (1-3): more cells
    # push harder, so a lamp glows brighter
    return ngettext("Has {count} cell inside. More cells push harder.",
                    "Has {count} cells inside. More cells push harder.", count).format(
        count=count)


def tooltip_lines(piece: Piece | None, kind_cells: int, ngettext) -> list[str]:
    """A circuit part's numbers in words (a battery: its cells)."""
    count = int(piece.param("cell_count") or 0) if piece is not None else kind_cells
    return [cells_text(count, ngettext)] if count else []

