"""Heat on the play screen: temperatures as numbers on the parts, a tint per cell, a graph.

The heat medium (game.sim.media.heat) gives every part and every cell of still air a
temperature each tick. A pupil reads it without words:

- **Numbers on the parts.** A part that must stay in a band (a medicine box: 2-8 °C) shows
  its band on a small tag at its top edge, before the run too, and during and after a run its
  temperature, whole degrees as the goals judge it, big on the round spot its art leaves free,
  ringed green inside its band, red too warm and blue too cold (its picture says so as well:
  heat waves or frost). A thermometer writes its reading on its display, a thermostat and a
  fridge show the temperature they are set to, an ice pack a bar of the ice it has left, and a
  wrap (wool, polystyrene, foil, cardboard, a double wall) a bar of nine blocks: how fast heat
  goes through it.
- **A tint.** During a run each cell is washed softly blue when colder than the room and red
  when warmer, the more so the further from the room's temperature: a child sees the cold
  spread out of the ice pack and the heat creep in through a wall. It is faint, so the art
  stays readable, and it changes only once a tick (no flashing).
- **A graph.** Beside or under the board: a line for every part with a band and every
  thermometer, each in its own colour *and* with its own symbol (circle, square, triangle...),
  which the part on the board wears too, so no child needs colour vision to match them; the
  bands shaded, the moments of the run along the bottom. It grows while the run plays and stays
  after it ends.

Drawing on the board is done in pixels of the board's own (never mirrored) picture, like the
labels of game.ui.board_view; the graph is laid out in logical coordinates like the rest of the
screen, so on a right-to-left screen its time runs from right to left, as the weather strip's.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pygame

from game.sim.board import Board, Piece
from game.sim.catalogue import CATALOGUE
from game.sim.geometry import Cell
from game.sim.media.heat import has_heat, shown
from game.sim.media.power import load_of
from game.sim.parts import N_, Medium, Role
from game.sim.simulation import TickState
from game.ui.textfit import MIN_LABEL
from game.ui.theme import COLORS
from game.ui.view import Painter

#: how far from the room's temperature (°C) the tint is at its strongest
TINT_SPAN = 20.0
#: the tint's strongest alpha (of 255): soft, so the parts' art stays readable
TINT_MOST = 96
#: a wrap's heat_flow is shown as this many blocks (the materials' scale is 1-9)
FLOW_BLOCKS = 9
#: an ice pack's ice is shown as this many blocks
ICE_BLOCKS = 5

#: the lines of the graph: a colour and a symbol each (Okabe-Ito colours; the symbol alone
#: tells them apart too)
LINE_COLOURS = ("blue", "vermillion", "green", "purple", "orange", "ink_soft")
SYMBOLS = ("circle", "square", "triangle", "diamond", "star", "cross")

#: where on a part (fractions of its cell, for its picture turned 0) its number is written:
#: the round spot a medicine box's art leaves free, a thermometer's display, the dial's foot
SPOTS: dict[str, tuple[float, float]] = {"band": (0.7, 0.74), "band_tag": (0.42, 0.15),
                                        "mark": (0.14, 0.86),
                                        "thermometer": (64 / 128, 64 / 128),
                                        "thermostat": (0.3, 0.84),
                                        "fridge": (0.74, 0.68)}


# --- which parts show what --------------------------------------------------------------------
def band_of(piece: Piece) -> tuple[int, int] | None:
    """The band a part must stay in (low, high), or None."""
    low, high = piece.param("low"), piece.param("high")
    if low is None or high is None:
        return None
    return int(low), int(high)


def is_thermometer(piece: Piece) -> bool:
    """A part that only measures (a thermostat measures too, but switches)."""
    return bool(piece.spec.probe and not piece.spec.thermostat)


def is_wrap(kind: str) -> bool:
    """A material heat goes through (wool, polystyrene, foil, cardboard, a double wall): a
    heat part that neither makes nor measures heat."""
    spec = CATALOGUE[kind]
    return (spec.medium == Medium.HEAT and spec.role == Role.CONDUCTOR and not spec.probe
            and not spec.melt)


def heat_level(board: Board) -> bool:
    """Whether a board has temperatures: a heat part on it or in its parts box."""
    return has_heat(board) or any(
        kind in CATALOGUE and (CATALOGUE[kind].medium == Medium.HEAT or CATALOGUE[kind].thermostat)
        for kind in board.level.palette)


def graphed(board: Board) -> list[Piece]:
    """The parts the graph draws, in the order of their colours and symbols: the parts with a
    band first, then the thermometers, each by their place (top row first)."""
    pieces = [p for p in board.pieces.values() if band_of(p) is not None or is_thermometer(p)]
    return sorted(pieces, key=lambda p: (band_of(p) is None, p.at[1], p.at[0]))[:len(SYMBOLS)]


def marks_of(board: Board) -> dict[Cell, tuple[str, str]]:
    """cell -> (colour, symbol) of every part the graph draws."""
    return {p.at: (LINE_COLOURS[i], SYMBOLS[i]) for i, p in enumerate(graphed(board))}


def degrees(value: float) -> str:
    """A temperature as the board writes it: whole degrees and the degree sign ("5°")."""
    return f"{shown(value)}°"


def band_text(band: tuple[int, int]) -> str:
    return f"{band[0]}–{band[1]}°"


def reading(piece: Piece, state: TickState) -> float | None:
    """What the graph and the board show for a part in a tick: a band part's temperature, a
    thermometer's reading (None: nothing yet)."""
    if is_thermometer(piece):
        value = state.fact("readings", {}).get(piece.at)
    else:
        value = state.fact("temperature", {}).get(piece.at)
    return None if value is None else float(value)


def band_status(piece: Piece, state: TickState | None) -> str | None:
    """"warm", "cold" or "ok" for a part with a band during a run (None: before a run)."""
    if state is None or band_of(piece) is None:
        return None
    if piece.at in state.fact("too_warm", ()):
        return "warm"
    if piece.at in state.fact("too_cold", ()):
        return "cold"
    return "ok"


STATUS_RING = {"ok": "green", "warm": "vermillion", "cold": "blue", None: "ink_soft"}


# --- the tint ---------------------------------------------------------------------------------
def tint(temperature: float, room: float) -> tuple[int, int, int, int]:
    """The wash over a cell at ``temperature`` in a room at ``room``: blue colder, red warmer,
    stronger the further away (an alpha of 0 at the room's own temperature)."""
    d = max(-1.0, min(1.0, (temperature - room) / TINT_SPAN))
    r, g, b = COLORS["blue"] if d < 0 else COLORS["vermillion"]
    return (r, g, b, round(TINT_MOST * math.sqrt(abs(d))))


def draw_tint(surf: pygame.Surface, board: Board, state: TickState, ptile: int) -> None:
    """The tint of every cell with a temperature, onto the board's picture (pixels, origin 0)."""
    room = float(board.level.room)
    p = ptile
    inset = max(1, p // 20)
    for cell, t in sorted(state.fact("temperature", {}).items()):
        if not board.in_grid(cell):
            continue
        colour = tint(t, room)
        if colour[3] <= 0:
            continue
        wash = pygame.Surface((p - 2 * inset, p - 2 * inset), pygame.SRCALPHA)
        pygame.draw.rect(wash, colour, wash.get_rect(), border_radius=max(2, p // 8))
        surf.blit(wash, (cell[0] * p + inset, cell[1] * p + inset))


# --- numbers and marks on the parts -----------------------------------------------------------
def turned(spot: tuple[float, float], piece: Piece) -> tuple[float, float]:
    """A spot of a part's picture (fractions of its cell) where it is after the picture turned."""
    fx, fy = spot
    for _turn in range(piece.rotation % 4 if piece.spec.rotates else 0):
        fx, fy = 1 - fy, fx
    return fx, fy


def _logical(painter: Painter, px: float, py: float) -> tuple[float, float]:
    return painter.view.to_logical((round(px), round(py)))


def draw_chip(painter: Painter, text: str, centre: tuple[float, float], size: float,
              ring: str = "ink", fill: str = "white") -> pygame.Rect:
    """A number on a rounded tag around logical ``centre``, as big as its text at ``size``
    (never below the smallest label size: the tag grows past its cell rather than the number
    shrinking). Returns the tag's rect (logical)."""
    size = max(MIN_LABEL, size)
    tw, th = painter.measure_letters(text, size, bold=True)
    pad = max(3.0, th * 0.28)
    w, h = max(th + 2 * pad, tw + 2.4 * pad), th + 2 * pad
    box = pygame.Rect(round(centre[0] - w / 2), round(centre[1] - h / 2), round(w), round(h))
    painter.rect((0, 0, 0, 60), box.move(0, 2), h / 2)
    painter.rect(fill, box, h / 2)
    painter.rect(ring, box, h / 2, max(2, h / 10))
    painter.text_box(text, box.inflate(-pad, -pad), size, "ink", bold=True, min_size=size,
                     wrap=False)
    return box


def draw_symbol(painter: Painter, symbol: str, centre: tuple[float, float], r: float,
                colour: str, outline: bool = True) -> None:
    """A line's symbol in its colour (logical): a circle, square, triangle, diamond, star or
    cross, outlined in ink so it reads on any ground."""
    cx, cy = centre
    edge = max(1.5, r * 0.22)
    if symbol == "circle":
        painter.circle(colour, centre, r)
        if outline:
            painter.circle("ink", centre, r, edge)
    elif symbol == "square":
        box = (cx - r * 0.85, cy - r * 0.85, r * 1.7, r * 1.7)
        painter.rect(colour, box)
        if outline:
            painter.rect("ink", box, 0, edge)
    elif symbol in ("triangle", "diamond"):
        pts = ([(cx, cy - r), (cx + r, cy + r * 0.8), (cx - r, cy + r * 0.8)]
               if symbol == "triangle" else [(cx, cy - r), (cx + r, cy), (cx, cy + r),
                                             (cx - r, cy)])
        painter.polygon(colour, pts)
        if outline:
            painter.polygon("ink", pts, edge)
    elif symbol == "star":
        painter.star(colour, centre, r * 1.15)
    else:  # a cross: two thick bars
        w = r * 0.55
        for a, b in (((cx - r, cy - r), (cx + r, cy + r)), ((cx + r, cy - r), (cx - r, cy + r))):
            if outline:
                painter.line("ink", a, b, w + 3)
            painter.line(colour, a, b, w)


def draw_part_numbers(painter: Painter, board: Board, state: TickState | None,
                      origin: tuple[int, int], ptile: int, art=None, draw_pips=None) -> None:
    """The numbers of every heat part on the board (see the module's docstring), drawn over
    the board's picture whose top left is at ``origin`` (pixels), ``ptile`` pixels a cell.
    With ``art`` and ``draw_pips`` (game.ui.board_view's: it imports this) a part with a band
    and energy bolts (a server rack) gets its bolts too, fitted round its chips."""
    if not heat_level(board):
        return
    p = ptile
    px, py = origin
    tile = p / painter.view.scale  # a cell, logical
    marks = marks_of(board)
    for cell, piece in sorted(board.pieces.items()):
        x0, y0 = px + cell[0] * p, py + cell[1] * p

        def at(spot: tuple[float, float], x0=x0, y0=y0) -> tuple[float, float]:
            return _logical(painter, x0 + p * spot[0], y0 + p * spot[1])

        band = band_of(piece)
        value = reading(piece, state) if state is not None else None
        if band is not None:
            chips = [draw_chip(painter, band_text(band), at(SPOTS["band_tag"]), MIN_LABEL,
                               "ink", "cream")]
            if value is not None:
                chips.append(draw_chip(painter, degrees(value), at(SPOTS["band"]), tile * 0.21,
                                       STATUS_RING[band_status(piece, state)]))
            need = energy_shown(piece)
            if need and art is not None and draw_pips is not None:
                lit = state is not None and piece.at in state.powered and not piece.broken
                cell_px = pygame.Rect(round(x0), round(y0), p, p)
                avoid = [painter.view.rect(c) for c in chips]
                if cell in marks:
                    avoid.append(painter.view.rect(mark_rect(at(SPOTS["mark"]), tile)))
                draw_energy(painter.surface, art, draw_pips, cell_px, need, lit, avoid)
        elif is_thermometer(piece):
            if value is not None:
                draw_chip(painter, degrees(value), at(turned(SPOTS["thermometer"], piece)),
                          tile * 0.22, "ink_soft")
        elif piece.spec.thermostat or piece.spec.fridge:
            # an outside-air fan: how warm the outside air it blows in is
            set_to = piece.param("outside" if piece.spec.cools_with == "outside_air" else "set")
            if set_to is not None:
                spot = turned(SPOTS["fridge" if piece.spec.fridge else "thermostat"], piece)
                draw_chip(painter, f"{int(set_to)}°", at(spot), tile * 0.17,
                          "blue" if piece.spec.fridge else "orange")
        if cell in marks:
            draw_mark(painter, marks[cell], at(SPOTS["mark"]), tile)


def mark_rect(centre: tuple[float, float], tile: float) -> pygame.Rect:
    """The disc :func:`draw_mark` draws at ``centre`` (logical), as a rect."""
    r = tile * 0.1 * 1.5
    return pygame.Rect(round(centre[0] - r), round(centre[1] - r), round(2 * r), round(2 * r))


def energy_layouts(need: int, tile: int) -> list[tuple[int, int | None]]:
    """The ways a part's ``need`` energy bolts may be laid out in a cell of ``tile`` pixels,
    the clearest first: (pip size, columns; 0 the number beside one bolt)."""
    s = energy_pip_size(tile)
    small = max(9, round(tile * 0.13))
    return [(s, None), (s, 2), (small, None), (small, 2), (s, 0), (small, 0)]


def energy_spot(cell: pygame.Rect, size: tuple[int, int], avoid: Sequence[pygame.Rect],
                step: int | None = None) -> pygame.Rect | None:
    """Where in ``cell`` (pixels) a tag of ``size`` touches none of ``avoid``: the free place
    nearest the left middle (below a band chip at the top, left of the temperature's chip),
    or None when there is none. The same chips give the same place: remembered, since the
    board asks each frame."""
    found = _energy_spot(tuple(cell), tuple(size), tuple(tuple(a) for a in avoid), step)
    return None if found is None else pygame.Rect(found)


@functools.lru_cache(maxsize=256)
def _energy_spot(cell_: tuple, size: tuple[int, int], avoid_: tuple,
                 step: int | None) -> tuple[int, int, int, int] | None:
    cell = pygame.Rect(cell_)
    avoid = [pygame.Rect(a) for a in avoid_]
    inset = max(2, cell.width // 24)
    inner = cell.inflate(-2 * inset, -2 * inset)
    w, h = size
    if w > inner.width or h > inner.height:
        return None
    step = step or max(2, cell.width // 24)
    best: tuple[float, pygame.Rect] | None = None
    for y in range(inner.top, inner.bottom - h + 1, step):
        for x in range(inner.left, inner.right - w + 1, step):
            tag = pygame.Rect(x, y, w, h)
            if any(tag.colliderect(a) for a in avoid):
                continue
            d = (x - inner.left) * 1.5 + abs(tag.centery - cell.centery)
            if best is None or d < best[0]:
                best = (d, tag)
    return None if best is None else tuple(best[1])


def draw_energy(surf: pygame.Surface, art, draw_pips, cell: pygame.Rect, need: int, lit: bool,
                avoid: Sequence[pygame.Rect]) -> pygame.Rect:
    """A rack's energy bolts in its ``cell`` (pixels), clear of its chips (``avoid``): a row
    of bolts where it fits, else two rows, smaller, or the number beside one bolt. Returns
    the tag."""
    from game.ui.board_view import pips_tag_size  # board_view imports this module

    for s, cols in energy_layouts(need, cell.width):
        spot = energy_spot(cell, pips_tag_size(need, s, cols), avoid)
        if spot is not None:
            break
    else:  # no free place at all: the smallest, at the left middle
        s, cols = energy_layouts(need, cell.width)[-1]
        spot = pygame.Rect((0, 0), pips_tag_size(need, s, cols))
        spot.midleft = cell.inflate(-2 * max(2, cell.width // 24), 0).midleft
    # draw_pips puts the tag in a corner of the rect it is given, inset: give it the spot
    inset = max(2, spot.width // 24)
    return draw_pips(surf, art, spot.inflate(2 * inset, 2 * inset), "icons/bolt", need, lit,
                     "topleft", s, cols)


def draw_mark(painter: Painter, mark: tuple[str, str], centre: tuple[float, float],
              tile: float) -> None:
    """A part's mark (its colour and symbol) on a white disc at ``centre`` (logical), sized
    for a cell of ``tile``: the same mark by its line in the graph or its column in a truth
    table (game.ui.signal_view) tells which part that is."""
    colour, symbol = mark
    r = tile * 0.1
    painter.circle("white", centre, r * 1.5)
    painter.circle("ink", centre, r * 1.5, max(1.5, r * 0.2))
    draw_symbol(painter, symbol, centre, r * 0.85, colour)


def draw_bars(surf: pygame.Surface, piece: Piece, state: TickState | None,
              tile: pygame.Rect, draw_meter) -> None:
    """The meters of heat parts (pixels): the ice an ice pack has left, how fast heat goes
    through a wrap. ``draw_meter`` is game.ui.board_view's (passed in: it imports this)."""
    if piece.spec.melt:
        left = float(piece.spec.melt)
        if state is not None:
            left = state.fact("ice", {}).get(piece.at, left)
        draw_meter(surf, tile, ICE_BLOCKS, ICE_BLOCKS * left / piece.spec.melt, "sky_blue")
    elif is_wrap(piece.kind):
        draw_flow_meter(surf, tile, piece.kind, draw_meter)


def energy_shown(piece: Piece) -> int:
    """The energy blocks a moment a data-centre part needs, drawn as bolts on it so the pupil
    can compare what each cooler costs (a server rack: times its load): a part with a
    ``load``, a cooler that sends its heat outside, and any heat part that needs 2 or more.
    The Health Lab's heaters and fridges (1 block) keep their look. 0: none drawn."""
    spec = piece.spec
    if spec.energy <= 0:
        return 0
    if "load" in spec.options or spec.cools_with or spec.energy >= 2:
        return load_of(piece) * spec.energy
    return 0


def energy_pip_size(tile: int) -> int:
    """The size of the energy bolts on a data-centre part (pixels), for a cell of ``tile``:
    smaller than the city's pips, so three fit between a rack's band and temperature chips."""
    return max(10, round(tile * 0.16))


def draw_flow_meter(surf: pygame.Surface, tile: pygame.Rect, kind: str, draw_meter) -> None:
    """How fast heat goes through a wrap: ``heat_flow`` of nine blocks, orange."""
    draw_meter(surf, tile, FLOW_BLOCKS, CATALOGUE[kind].heat_flow, "orange")


# --- the graph --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Line:
    """One line of the graph: the part, its colour and symbol, its band (None: a thermometer)
    and its value in each tick so far."""

    cell: Cell
    kind: str
    colour: str
    symbol: str
    band: tuple[int, int] | None
    values: tuple[float, ...]


def graph_lines(board: Board, states: Sequence[TickState]) -> list[Line]:
    """The graph's lines for ``board`` over the ticks of ``states`` (none yet: empty lines)."""
    out = []
    for i, piece in enumerate(graphed(board)):
        values = [v for v in (reading(piece, s) for s in states) if v is not None]
        out.append(Line(piece.at, piece.kind, LINE_COLOURS[i], SYMBOLS[i], band_of(piece),
                        tuple(values)))
    return out


#: the graph's tooltip, when the pointer rests on it
GRAPH_TIP = N_("How warm each part was, moment by moment. The green stripe is where it must "
               "stay.")
TIP_SIZE = 20  # as a button's tooltip

#: the graph's size (logical pixels): under the board at least GRAPH_LOW high and at most
#: GRAPH_HIGH; beside it at least GRAPH_WIDE wide and at most GRAPH_WIDEST
GRAPH_LOW = 96
GRAPH_HIGH = 150
GRAPH_WIDE = 260
GRAPH_WIDEST = 380
GAP = 12


def split_area(area: pygame.Rect, board: Board, min_tile: float, max_tile: float
               ) -> tuple[pygame.Rect, pygame.Rect]:
    """Where the board and the graph go in ``area``: in the room the board leaves at its full
    size, under it (wide: room for every moment of the run) or else beside it; when it leaves
    too little, the board gives up as little of its size as it must. Returns (the board's rect,
    the graph's rect)."""
    a = pygame.Rect(area)
    w, h = board.width, board.height
    full = min(max_tile, a.width / w, a.height / h)  # the tiles without a graph
    below = a.height - h * full - GAP
    beside = a.width - w * full - GAP
    if below < GRAPH_LOW and beside < GRAPH_WIDE:  # no room: the board shrinks a little
        under = min(max_tile, a.width / w, (a.height - GRAPH_LOW - GAP) / h)
        side = min(max_tile, (a.width - GRAPH_WIDE - GAP) / w, a.height / h)
        below, beside = (GRAPH_LOW, 0) if under >= side * 0.95 else (0, GRAPH_WIDE)
    if below >= GRAPH_LOW:
        high = round(min(GRAPH_HIGH, below))
        return (pygame.Rect(a.x, a.y, a.width, a.height - high - GAP),
                pygame.Rect(a.x, a.bottom - high, a.width, high))
    wide = round(min(GRAPH_WIDEST, beside))
    return (pygame.Rect(a.x, a.y, a.width - wide - GAP, a.height),
            pygame.Rect(a.right - wide, a.y, wide, a.height))


def value_range(lines: Iterable[Line], room: float) -> tuple[int, int]:
    """The graph's lowest and highest temperature, on multiples of 5: the room, the bands and
    every value so far fit."""
    values = [room]
    for line in lines:
        values += list(line.values)
        if line.band is not None:
            values += [line.band[0] - 1, line.band[1] + 1]
    lo = math.floor(min(values) / 5) * 5
    hi = math.ceil(max(values) / 5) * 5
    return lo, max(hi, lo + 10)


def axis_step(lo: int, hi: int, height: float, label: float) -> int:
    """Degrees between the graph's labelled lines: the fewest of 5, 10, 20... that leave
    ``label`` (a label's height) between two of them on a plot ``height`` high."""
    step = 5
    while step < hi - lo and height * step / max(1, hi - lo) < label * 1.15:
        step *= 2
    return step


@dataclass
class GraphLayout:
    """Where the graph drew (logical): its plot, and each line's legend row."""

    plot: pygame.Rect
    legend: list[pygame.Rect]


def draw_graph(painter: Painter, rect: pygame.Rect, board: Board,
               states: Sequence[TickState], ticks: int) -> GraphLayout:
    """The temperature graph in ``rect``: the bands shaded, a line per graphed part over the
    ``ticks`` of the run (what has run so far), a legend beside it with each part's picture,
    symbol and present value."""
    lines = graph_lines(board, states)
    room = float(board.level.room)
    painter.panel(rect, fill="paper", radius=16, shadow=3)
    r = pygame.Rect(rect).inflate(-16, -16)
    size = 16
    scale = getattr(painter.fonts, "scale", 1.0)
    label_w = painter.measure("-20°", size, bold=False)[0] + 10
    row = max(30, round(28 * scale))
    item_w = round(100 * max(1.0, scale * 0.9))  # a legend entry: symbol, picture, "37°"
    n = max(1, len(lines))
    boxes: list[pygame.Rect] = []
    if r.width < 2.5 * r.height:  # beside the board (tall): the legend on top, in rows
        per_row = max(1, min(n, r.width // item_w))
        rows = math.ceil(n / per_row)
        boxes = [pygame.Rect(r.x + (i % per_row) * item_w, r.y + (i // per_row) * row, item_w,
                             row) for i in range(len(lines))]
        top = rows * row + 8 if lines else 0
        plot = pygame.Rect(r.x + label_w, r.y + top + 8, r.width - label_w - 8,
                           r.height - top - 16 - round(size * scale))
    else:  # under the board (wide): the legend on the right, in columns
        cols = 1 if n * row <= r.height else 2
        per_col = math.ceil(n / cols)
        row = min(row + 6, r.height / per_col)
        x0 = r.right - item_w * cols
        boxes = [pygame.Rect(round(x0 + (i // per_col) * item_w), round(r.y + (i % per_col) * row),
                             item_w, round(row)) for i in range(len(lines))]
        plot = pygame.Rect(r.x + label_w, r.y + 8, r.width - label_w - item_w * cols - 12,
                           r.height - 16 - round(size * scale))
    lo, hi = value_range(lines, room)
    total = max(1, ticks)

    def y_of(t: float) -> float:
        return plot.bottom - (t - lo) / (hi - lo) * plot.height

    def x_of(i: int) -> float:
        return plot.x + plot.width * (i + 1) / total

    # the bands (each once), shaded green, edged with a dashed line
    for band in sorted({line.band for line in lines if line.band is not None}):
        top, bottom = y_of(band[1] + 0.5), y_of(band[0] - 0.5)
        c = COLORS["green"]
        painter.rect((*c, 50), (plot.x, top, plot.width, bottom - top))
        for edge in (top, bottom):
            x = plot.x
            while x < plot.right:
                painter.line((*c, 255), (x, edge), (min(plot.right, x + 8), edge), 2)
                x += 14
    # the lines of whole degrees, labelled; the room's temperature a little stronger
    step = axis_step(lo, hi, plot.height, size * scale)
    for t in range(math.ceil(lo / step) * step, hi + 1, step):
        y = y_of(t)
        painter.line("tile_edge", (plot.x, y), (plot.right, y), 1)
        painter.text(f"{t}°", (plot.x - 6, y), size, "ink_soft", align="midright")
    painter.line("ink", (plot.x, plot.y), (plot.x, plot.bottom), 2)
    painter.line("ink", (plot.x, plot.bottom), (plot.right, plot.bottom), 2)
    # the moments of the run along the bottom: a small mark each, the first and last numbered
    for i in range(total + 1):
        x = plot.x + plot.width * i / total
        painter.line("ink_soft", (x, plot.bottom), (x, plot.bottom + 4), 1)
    painter.text("0", (plot.x, plot.bottom + 4), size, "ink_soft", align="topleft")
    painter.text(str(total), (plot.right, plot.bottom + 4), size, "ink_soft", align="topright")
    # the present moment
    if states:
        x = x_of(len(states) - 1)
        painter.line((*COLORS["ink_soft"], 255), (x, plot.y), (x, plot.bottom), 1)
    # the lines, each with its symbol every few moments and at its end; the symbols of the
    # lines take turns, so lines on top of each other (boxes just as cold) still show them all
    every = max(len(lines), math.ceil(28 / max(1.0, plot.width / total)))
    for k, line in enumerate(lines):
        pts = [(x_of(i), y_of(v)) for i, v in enumerate(line.values)]
        for a, b in zip(pts, pts[1:], strict=False):
            painter.line(line.colour, a, b, 3)
        for i, pt in enumerate(pts):
            if (i + k) % every == 0 or i == len(pts) - 1:
                draw_symbol(painter, line.symbol, pt, 6 if i == len(pts) - 1 else 4.5,
                            line.colour)
    # the legend: the part's picture, its symbol, its value now
    for box, line in zip(boxes, lines, strict=True):
        pic = min(box.height - 4, 30)
        sym_c = (box.x + pic * 0.35, box.centery)
        draw_symbol(painter, line.symbol, sym_c, pic * 0.28, line.colour)
        painter.image(f"parts/{line.kind}", (box.x + pic * 0.7, box.centery - pic / 2, pic, pic))
        if line.values:
            painter.text_box(degrees(line.values[-1]),
                             (box.x + pic * 1.8, box.y + 2, box.width - pic * 1.8, box.height - 4),
                             20, "ink", bold=True, align="midleft", min_size=16, wrap=False)
    return GraphLayout(plot, boxes)


def draw_graph_tip(painter: Painter, rect: pygame.Rect, gettext) -> pygame.Rect:
    """What the graph shows, in words, over the graph (under it when there is no room)."""
    text = gettext(GRAPH_TIP)
    w, h = painter.measure(text, TIP_SIZE, wrap=360)
    x = min(max(8, rect.centerx - w / 2 - 12), 1280 - w - 32)
    y = rect.top - h - 24 if rect.top - h - 24 >= 8 else min(rect.top + 12, 712 - h - 16)
    painter.panel((x, y, w + 24, h + 16), fill="cream", radius=10, shadow=3)
    painter.text_box(text, (x + 12, y + 8, w, h), TIP_SIZE, align="topleft", min_size=TIP_SIZE)
    return pygame.Rect(round(x), round(y), round(w + 24), round(h + 16))
