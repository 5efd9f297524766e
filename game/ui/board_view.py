"""The board on screen: ground, scenery and parts, in edit mode or during a Test.

Drawing a 12x8 board part by part every frame is too slow for an old classroom PC, so the
picture is cached in two layers in real pixels: the ground (changes only with the window
size) and the parts (change with ``editor.version`` or with a new simulation tick). A frame
blits the cached picture and draws only what moves on top: current, water fronts, sprays,
spinning rotors, tweens, badges and the pointer/keyboard feedback.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable
from dataclasses import dataclass

import pygame

from game import PROJECT_ROOT
from game.sim.board import Board, Piece
from game.sim.catalogue import CATALOGUE
from game.sim.geometry import Cell
from game.sim.model import PlacedPart
from game.sim.parts import Medium, Role
from game.sim.simulation import TickState
from game.ui import circuit_view, heat_view, motion_view, packet_view, signal_view
from game.ui.anim import Tweens, pop_scale, shake_offset, wobble_angle
from game.ui.badges import art_exists, draw_badge, draw_part_picture
from game.ui.board_fx import FxPainter, RunPaths
from game.ui.theme import COLORS, readable
from game.ui.view import Painter, Viewport

MIN_TILE = 48
MAX_TILE = 112
ROTOR_FRAMES = 24  # frames over 120 degrees: the rotor has three blades
NIGHT = (120, 130, 190)  # multiplied over the board at night


@dataclass
class Preview:
    """The part under the pointer before it is placed: where, turned how, allowed or not."""

    kind: str
    cell: Cell
    rotation: int
    ok: bool


#: the colours of the labels 1-4 (as assets/items/label_N.svg): for a label shown as a code
LABEL_COLOURS = ("vermillion", "blue", "yellow", "green")
#: a step on the board -> the quarter turns (clockwise) from pointing up that face it
HEADINGS = {(0, -1): 0, (1, 0): 1, (0, 1): 2, (-1, 0): 3}


#: How a part looks during a run, from its medium's facts (sets of cells): the first fact
#: that names the part gives the ending of its art (a heater heating: parts/heater_on). A part
#: with no picture for that ending keeps its own (see BoardView._image).
FACT_LOOKS: tuple[tuple[str, str], ...] = (
    ("burning", "on"),  # a generator running: a puff of exhaust
    ("no_power", "off"),  # a pump without energy (game.sim.media.water)
    ("float_closed", "closed"),  # the tank behind the float valve is full
    # a drip line dripping, a drain sending water back; a scanner at work (game.sim.media.items)
    ("dripping", "on"), ("returning", "on"), ("scanning", "on"), ("charging", "on"),
    ("diverted", "side"),  # a diverter pushing an item out of its side
    # heat (game.sim.media.heat): a fridge whose warm air cannot get out, a fridge cooling, a
    # heater or incubator giving heat, an ice pack melted or melting, a part out of its band
    ("vent_blocked", "blocked"), ("cooling", "on"), ("heating", "on"),
    ("melted", "melted"), ("melting", "melting"), ("too_warm", "warm"), ("too_cold", "cold"),
    # signals (game.sim.media.signal): a wire, button, sensor, gate output or lamp that is on
    ("signal", "on"),
    # packets (game.sim.media.packets): a cable that broke during the run, a device that took
    # a message with its address
    ("cables_broken", "broken"), ("packets_received", "on"),
    # the data centre: an outside-air fan turned so it takes no outside air, a grid
    # connection that failed, a diesel generator starting up (game.sim.media.heat and power)
    ("no_air", "blocked"), ("failed", "off"), ("starting", "starting"),
)
#: Looks of the parts a fact does NOT name: (fact, the PartSpec flag of the parts it is about,
#: ending). A thermostat the heat medium did not switch off is closed: current goes through.
OPEN_LOOKS: tuple[tuple[str, str, str], ...] = (("switched_off", "thermostat", "on"),)
#: every ending a part's art may have, for falling back to its own picture
LOOK_ENDINGS = frozenset({"on", "broken", "night", "wet", "off", "closed", "tripped",
                          *(end for _fact, end in FACT_LOOKS),
                          *(end for _fact, _flag, end in OPEN_LOOKS)})


def fact_look(piece: Piece, state: TickState) -> str | None:
    """The ending of a piece's art that the run's facts give it now (None: none)."""
    for fact, end in FACT_LOOKS:
        if piece.at in state.fact(fact, ()):
            return end
    for fact, flag, end in OPEN_LOOKS:
        if getattr(piece.spec, flag, False) and piece.at not in state.fact(fact, ()):
            return end
    return None


def part_art(piece: Piece, state: TickState | None, night_cycle: bool) -> str:
    """The art name for a piece as it looks now (lit, wet, off, broken...)."""
    kind = piece.kind
    if piece.broken:
        return f"parts/{kind}_broken"
    if piece.spec.medium == Medium.CIRCUIT:  # lamps' brightness, switches, magnets
        return circuit_view.part_art(piece, state)
    if piece.spec.toggle and not piece.on:
        if piece.spec.cools_with:  # water cooling with its valve shut
            return f"parts/{kind}_closed"
        return "parts/switch_off" if kind == "switch" else "parts/valve_closed"
    if state is None:
        return f"parts/{kind}_on" if signal_view.pressed(piece) else f"parts/{kind}"
    if piece.spec.fuse and piece.at in state.tripped:
        return f"parts/{kind}_tripped"
    look = fact_look(piece, state)
    if look is not None:
        return f"parts/{kind}_{look}"
    if piece.spec.role == Role.CONSUMER and piece.spec.medium != Medium.HEAT:
        if (piece.at in state.powered or piece.at in state.sprinkling
                or state.fact("received", {}).get(piece.at, 0) > 0):
            return f"parts/{kind}_on"  # lit, spraying, or a plane with the right bags in
    elif piece.spec.role == Role.FIELD:
        if state.bed_water.get(piece.at, 0) >= (meter_of(piece) or 0):
            return f"parts/{kind}_wet"
    elif kind == "solar_panel" and night_cycle and not state.daylight:
        return "parts/solar_panel_night"
    return f"parts/{kind}"


# --- the numbers a pupil reasons with, drawn without words ------------------------------------
# Each moment of a Test, a source gives, a consumer needs and a battery gives back at most a
# number of energy blocks (bolts) or drops; a battery and a tank hold a number, a bed needs
# water for a number of moments. They show as pips and meters on the parts (SCIENCE.md: units
# are energy blocks, shown on the board, not only in hints).


@dataclass(frozen=True)
class Amounts:
    """What the board shows on a part: ``pips`` icons ("icons/bolt" or "icons/drop"), bright
    when ``gives`` (a source, a battery) and pale slots to fill when it needs them; a meter of
    ``meter`` segments (battery, tank, bed), or 0."""

    icon: str = ""
    pips: int = 0
    gives: bool = False
    meter: int = 0


def meter_of(piece: Piece) -> int | None:
    """The value of the option a piece shows as its meter (a bed's needs); None: no meter."""
    name = piece.spec.meter
    value = piece.param(name) if name is not None else None
    return None if value is None else int(value)


def amounts(kind: str, meter: int | None = None) -> Amounts:
    """The numbers of a part kind (``meter``: the piece's own value of its meter option, when
    the level sets one: a bed's needs)."""
    spec = CATALOGUE[kind]
    if spec.medium == Medium.ITEMS:  # things on belts show their labels (_draw_labels); a
        # buffer the room it has, as a meter of places that fill as things wait in it; a
        # loading point how many it will still put on (its meter option: count)
        if spec.role == Role.STORAGE:
            return Amounts(meter=spec.capacity)
        if spec.meter is not None:
            return Amounts(meter=meter if meter is not None else int(spec.params[spec.meter]))
        return Amounts()
    if spec.medium in (Medium.HEAT, Medium.MOTION, Medium.SIGNAL, Medium.CIRCUIT,
                       Medium.PACKETS):  # their numbers: heat_view, motion_view, a battery's
        # cells in circuit_view; signals show on or off in their art (signal_view); messages
        # their addresses and queues (packet_view)
        return Amounts()
    icon = "icons/bolt" if spec.medium.value == "power" else "icons/drop"
    if spec.role == Role.SOURCE:
        return Amounts(icon, spec.output, True)
    if spec.role == Role.CONSUMER:
        return Amounts(icon, spec.demand, False)
    if spec.role == Role.STORAGE:
        return Amounts(icon, spec.rate, True, spec.capacity)
    if spec.role == Role.TANK:
        return Amounts("icons/drop", 0, False, spec.capacity)
    if spec.meter is not None:
        return Amounts("icons/drop", 0, False,
                       meter if meter is not None else int(spec.params[spec.meter]))
    return Amounts()


def pip_size(tile: float) -> int:
    return max(12, round(tile * 0.21))


#: more blocks than this show as their number beside one bolt or drop (a row of twelve would
#: cover the part's picture and spill over the next cell)
PIPS_MOST = 4

_NUMBER_FONTS: dict[int, pygame.font.Font] = {}


def _number_font(px: int) -> pygame.font.Font:
    """A bold font for the digits on a pips tag (the digits read the same in every language)."""
    font = _NUMBER_FONTS.get(px)
    if font is None:
        font = pygame.font.Font(str(PROJECT_ROOT / "assets" / "fonts" / "Andika-Bold.ttf"), px)
        _NUMBER_FONTS[px] = font
    return font


def pips_layout(count: int, cols: int | None = None) -> tuple[int, int]:
    """(columns, rows) of a pips tag of ``count``: up to three in a row, four in two rows
    (``cols`` chooses); (0, 1) for more than :data:`PIPS_MOST` or ``cols`` 0: the number
    beside one icon."""
    if cols == 0 or (cols is None and count > PIPS_MOST):
        return 0, 1
    if cols is None:
        cols = count if count <= 3 else (count + 1) // 2
    cols = max(1, min(cols, count))
    return cols, (count + cols - 1) // cols


def pips_tag_size(count: int, s: int, cols: int | None = None) -> tuple[int, int]:
    """The size (pixels) of the tag :func:`draw_pips` draws for ``count`` pips of ``s``."""
    gap, pad = max(1, s // 8), max(2, s // 6)
    cols, rows = pips_layout(count, cols)
    if cols == 0:
        width = _number_font(round(s * 1.05)).size(str(count))[0] + gap + s
    else:
        width = cols * s + (cols - 1) * gap
    return width + 2 * pad, rows * s + (rows - 1) * gap + 2 * pad


def draw_pips(surf: pygame.Surface, art, tile: pygame.Rect, icon: str, count: int, lit: bool,
              corner: str = "bottomleft", size: int | None = None,
              cols: int | None = None) -> pygame.Rect:
    """``count`` small bolts or drops on a paper tag in a ``corner`` (a Rect attribute:
    "topright", "midleft"...) of the ``tile`` (pixels): bright when ``lit`` (given, or got),
    pale when still needed. More than :data:`PIPS_MOST` (or ``cols`` 0) show as their number
    beside one icon. The tag always stays inside the tile. Returns the tag (pixels)."""
    s = size or pip_size(tile.width)
    gap = max(1, s // 8)
    pad = max(2, s // 6)
    inset = max(2, tile.width // 24)
    inner = tile.inflate(-2 * inset, -2 * inset)
    cols, _rows = pips_layout(count, cols)
    tag = pygame.Rect((0, 0), pips_tag_size(count, s, cols))
    setattr(tag, corner, getattr(inner, corner))
    tag = tag.clamp(inner)
    line = max(1, tile.width // 50)
    radius = (s + 2 * pad) // 2
    pygame.draw.rect(surf, COLORS["paper"], tag, border_radius=radius)
    pygame.draw.rect(surf, COLORS["ink"], tag, line, border_radius=radius)
    picture = art.get(icon, (s, s))
    if not lit:
        picture = picture.copy()
        picture.fill((255, 255, 255, 110), special_flags=pygame.BLEND_RGBA_MULT)
    if cols == 0:
        number = _number_font(round(s * 1.05)).render(str(count), True, COLORS["ink"])
        surf.blit(number, number.get_rect(midleft=(tag.x + pad, tag.centery)))
        surf.blit(picture, (tag.right - pad - s, tag.y + pad))
        return tag
    for i in range(count):
        row, col = divmod(i, cols)
        surf.blit(picture, (tag.x + pad + col * (s + gap), tag.y + pad + row * (s + gap)))
    return tag


def draw_meter(surf: pygame.Surface, tile: pygame.Rect, segments: int, filled: float,
               colour: str) -> pygame.Rect:
    """A bar of ``segments`` blocks along the bottom of the ``tile`` (pixels), ``filled`` of
    them coloured: how much a battery or tank holds, how long a bed has had water."""
    p = tile.width
    h = max(7, round(p * 0.11))
    bar = pygame.Rect(tile.x + round(p * 0.1), tile.bottom - round(p * 0.05) - h,
                      p - 2 * round(p * 0.1), h)
    line = max(1, p // 50)
    pygame.draw.rect(surf, COLORS["paper"], bar, border_radius=3)
    inner = bar.inflate(-2 * line, -2 * line)
    done = round(inner.width * max(0.0, min(1.0, filled / max(1, segments))))
    if done > 0:
        pygame.draw.rect(surf, COLORS[colour], (inner.x, inner.y, done, inner.height))
    step = inner.width / max(1, segments)
    if step >= 3:  # the blocks, so a pupil can count them
        for i in range(1, segments):
            x = round(inner.x + i * step)
            pygame.draw.line(surf, COLORS["tile_edge"] if x > inner.x + done else COLORS["ink"],
                             (x, inner.y), (x, inner.bottom - 1), 1)
    pygame.draw.rect(surf, COLORS["ink"], bar, line, border_radius=3)
    return bar


def _kept_ltr(view, area):
    keep = getattr(view, "keep_ltr", None)
    return keep(area) if keep is not None and area is not None else contextlib.nullcontext()


class BoardView:
    def __init__(self, art, world: str) -> None:
        self.art = art
        self.world = world
        self.tweens = Tweens()
        self.board: Board | None = None
        self.version = 0
        # test mode
        self.state: TickState | None = None
        self.fraction = 0.0  # how far into the next tick (water fronts flow smoothly)
        self.more_ticks = False  # a next tick follows (so the next front may start filling)
        self.paths: RunPaths | None = None
        self.marks: dict[Cell, str] = {}  # cell -> badge status after a run ("leak", "works"...)
        # edit mode
        self.cursor: Cell | None = None
        self.hover: Cell | None = None
        self.preview: Preview | None = None
        self.remove_mode = False
        self.hint_cells: tuple[Cell, ...] = ()
        self.hint_ghost: PlacedPart | None = None
        # geometry (logical tile, logical origin, pixel tile, pixel origin)
        self.tile = 64.0
        self.origin = (0.0, 0.0)
        self.ptile = 64
        self.porigin = (0, 0)
        self._scale = 1.0
        self.area: tuple[float, float, float, float] | None = None  # the rect given to layout
        #: a level with a truth table: where the table goes beside the board (signal_view)
        self.table_rect: pygame.Rect | None = None
        self._ground: tuple[tuple, pygame.Surface] | None = None
        self._parts: tuple[tuple, pygame.Surface] | None = None
        self._amounts: tuple[tuple, pygame.Surface] | None = None
        self._rotor: dict[tuple[int, int], pygame.Surface] = {}
        self._blocked_variants: list[str] | None = None
        self._headings: dict[int, int] = {}  # a truck's quarter turns from pointing up
        #: an isotope's strength when first seen in this run (item id -> strength), and the run
        self._first_strength: dict[int, int] = {}
        self._strength_run: int | None = None

    # --- geometry ----------------------------------------------------------------------------
    def layout(self, rect: tuple[float, float, float, float], board: Board, view: Viewport) -> None:
        """Fit the grid into ``rect`` (logical) with whole-pixel tiles at this window size."""
        self.board = board
        self.table_rect = None
        if signal_view.table_level(board.level):  # its truth table goes beside the board
            area, self.table_rect = signal_view.split_area(pygame.Rect(rect), board, MIN_TILE,
                                                           MAX_TILE)
            rect = (area.x, area.y, area.width, area.height)
        x, y, w, h = rect
        tile = max(MIN_TILE, min(MAX_TILE, min(w / board.width, h / board.height)))
        self._scale = view.scale
        self.ptile = max(8, int(tile * view.scale))
        self.tile = self.ptile / view.scale
        ox = x + (w - board.width * self.tile) / 2
        oy = y + (h - board.height * self.tile) / 2
        self.area = (x, y, w, h)
        with _kept_ltr(view, self.area):  # a mirrored screen moves the board, never reflects it
            self.porigin = view.point((ox, oy))
            self.origin = view.to_logical(self.porigin)

    @property
    def rect(self) -> pygame.FRect:
        """The whole grid, logical."""
        b = self.board
        return pygame.FRect(self.origin, (b.width * self.tile, b.height * self.tile))

    def cell_rect(self, cell: Cell) -> pygame.FRect:
        return pygame.FRect(self.origin[0] + cell[0] * self.tile, self.origin[1] + cell[1] * self.tile,
                            self.tile, self.tile)

    def cell_center(self, cell: Cell) -> tuple[float, float]:
        return (self.origin[0] + (cell[0] + 0.5) * self.tile, self.origin[1] + (cell[1] + 0.5) * self.tile)

    def cell_at(self, pos: tuple[float, float] | None) -> Cell | None:
        if pos is None or self.board is None:
            return None
        cx = math.floor((pos[0] - self.origin[0]) / self.tile)
        cy = math.floor((pos[1] - self.origin[1]) / self.tile)
        return (cx, cy) if self.board.in_grid((cx, cy)) else None

    def _prect(self, cell: Cell) -> pygame.Rect:
        """A cell in pixels of the cached layers (their own origin is 0, 0)."""
        return pygame.Rect(cell[0] * self.ptile, cell[1] * self.ptile, self.ptile, self.ptile)

    # --- animation hooks -------------------------------------------------------------------------
    def pop(self, cell: Cell) -> None:
        self.tweens.start(cell, "pop", 0.22)

    def turn(self, cell: Cell, turns: int = 1) -> None:
        self.tweens.start(cell, "turn", 0.16, value=-90.0 * turns)

    def wobble(self, cells: Iterable[Cell]) -> None:
        for cell in cells:
            self.tweens.start(cell, "wobble", 1.8, loops=True)

    def shake(self, cell: Cell) -> None:
        self.tweens.start(cell, "shake", 0.35)

    def update(self, dt: float) -> None:
        self.tweens.update(dt)

    # --- cached layers -----------------------------------------------------------------------
    def _has(self, name: str) -> bool:
        return art_exists(self.art, name)

    def _ground_layer(self) -> pygame.Surface:
        b = self.board
        key = (self.ptile, b.width, b.height, b.blocked, self.world, b.level.scenery)
        if self._ground and self._ground[0] == key:
            return self._ground[1]
        p = self.ptile
        surf = pygame.Surface((b.width * p, b.height * p))
        ground = f"tiles/ground_{self.world}"
        has_ground = self._has(ground)
        for cy in range(b.height):
            for cx in range(b.width):
                r = self._prect((cx, cy))
                if has_ground:
                    surf.blit(self.art.get(ground, (p, p)), r)
                else:
                    surf.fill(COLORS["tile"] if (cx + cy) % 2 else (239, 232, 212), r)
        # The cell grid must read stronger than any pattern inside a ground tile (the city
        # paving has its own finer joints), so a child counts cells, not paving stones.
        grid = (212, 199, 168)
        gw = max(2, p // 36)
        for cx in range(1, b.width):
            surf.fill(grid, (cx * p - gw // 2, 0, gw, b.height * p))
        for cy in range(1, b.height):
            surf.fill(grid, (0, cy * p - gw // 2, b.width * p, gw))
        for cell in sorted(b.blocked):
            self._draw_blocked(surf, cell)
        self._ground = (key, surf)
        return surf

    def _draw_blocked(self, surf: pygame.Surface, cell: Cell) -> None:
        if self._blocked_variants is None:
            folder = getattr(self.art, "root", None)
            found = sorted(folder.glob(f"tiles/blocked_{self.world}_*.svg")) if folder else []
            self._blocked_variants = [f"tiles/{f.stem}" for f in found]
        r = self._prect(cell)
        chosen = f"tiles/blocked_{self.world}_{self.board.level.scenery}"
        if self.board.level.scenery and chosen in self._blocked_variants:
            surf.blit(self.art.get(chosen, r.size), r)  # what the story names (a tree)
            return
        if self._blocked_variants:
            name = self._blocked_variants[(cell[0] * 7 + cell[1] * 13) % len(self._blocked_variants)]
            surf.blit(self.art.get(name, r.size), r)
            return
        p = self.ptile  # stand-in scenery: grass with a round tree
        surf.fill(COLORS["grass"], r)
        pygame.draw.circle(surf, COLORS["ink"], (r.centerx, r.centery + p * 0.05), p * 0.3)
        pygame.draw.circle(surf, COLORS["grass_dark"], (r.centerx, r.centery + p * 0.05), p * 0.27)
        pygame.draw.circle(surf, (120, 200, 110), (r.centerx - p * 0.08, r.centery - p * 0.03), p * 0.1)

    def _lit(self, piece: Piece) -> bool:
        s = self.state
        return s is not None and piece.spec.role == Role.CONSUMER and piece.at in s.powered

    def _night(self) -> bool:
        return self.state is not None and not self.state.daylight

    def _tweening(self) -> frozenset[Cell]:
        """Pieces drawn every frame instead of cached, because a tween moves them."""
        return frozenset(k for k in self.tweens.subjects() if isinstance(k, tuple))

    def _spinning(self) -> frozenset[Cell]:
        """Wind turbines whose rotor turns now (their tower stays in the cached layer)."""
        s = self.state
        if s is None:
            return frozenset()
        pieces = self.board.pieces
        return frozenset(c for c in s.producing if c in pieces
                         and pieces[c].kind == "wind_turbine" and not pieces[c].broken)

    def _parts_layer(self) -> pygame.Surface:
        b = self.board
        s = self.state
        ground = self._ground_layer()
        moving, spinning = self._tweening(), self._spinning()
        # turning gears are drawn every frame (game.ui.motion_view)
        gears = motion_view.animated(b, s, self.tweens.calm())
        key = (self._ground[0], self.version, s.tick if s else None, id(s), moving, spinning,
               gears)
        if self._parts and self._parts[0] == key:
            return self._parts[1]
        surf = ground.copy()
        night = self._night()
        cycle = b.level.cycle.night > 0
        lit = []
        for cell, piece in sorted(b.pieces.items()):
            if night and self._lit(piece):
                lit.append(piece)
                continue
            if cell in moving or cell in gears:
                continue
            self._blit_piece(surf, piece, part_art(piece, s, cycle), cell in spinning)
        if s is not None and self.paths is not None:
            fx = FxPainter(surf, (0, 0), self.ptile)
            for cell, a in self.paths.arrival.items():
                if a <= s.tick and cell in s.wet and cell not in moving:
                    fx.water(self.paths, cell, 1.0)
        if s is not None:  # warm cells washed red, cold ones blue (game.ui.heat_view)
            heat_view.draw_tint(surf, b, s, self.ptile)
        if night:
            surf.fill(NIGHT, special_flags=pygame.BLEND_MULT)
            for piece in lit:
                r = self._prect(piece.at)
                glow = pygame.Surface(r.size, pygame.SRCALPHA)
                pygame.draw.circle(glow, (255, 236, 140, 90), (r.w / 2, r.h / 2), r.w * 0.5)
                surf.blit(glow, r)
                if piece.at not in moving:
                    self._blit_piece(surf, piece, part_art(piece, s, cycle), True)
        for cell, piece in b.pieces.items():
            if cell not in moving:
                self._draw_gauges(surf, piece)
        self._parts = (key, surf)
        return surf

    def _image(self, name: str, size: int, rotation: int = 0) -> pygame.Surface:
        if not self._has(name):  # no picture for this look (yet): the part's own
            stem, _sep, end = name.rpartition("_")
            if end in LOOK_ENDINGS and (stem.endswith(("switch", "valve")) or self._has(stem)):
                name = stem
        return self.art.get(name, (size, size), rotation)

    def _blit_piece(self, surf: pygame.Surface, piece: Piece, name: str, no_rotor: bool) -> None:
        r = self._prect(piece.at)
        surf.blit(self._image(name, self.ptile, piece.rotation), r)
        if piece.kind == "wind_turbine" and not piece.broken and not no_rotor:
            surf.blit(self._rotor_frame(0), r)

    def _amounts_layer(self) -> pygame.Surface:
        """The pips and meters of every part (see :func:`amounts`), cached like the parts and
        drawn over everything that moves, so a turning rotor or the night never hides them."""
        b = self.board
        s = self.state
        key = (self.ptile, b.width, b.height, self.version, id(s), s.tick if s else None)
        if self._amounts and self._amounts[0] == key:
            return self._amounts[1]
        surf = pygame.Surface((b.width * self.ptile, b.height * self.ptile), pygame.SRCALPHA)
        for _cell, piece in sorted(b.pieces.items()):
            self._draw_amounts(surf, piece)
        self._amounts = (key, surf)
        return surf

    def _draw_amounts(self, surf: pygame.Surface, piece: Piece) -> None:
        a = amounts(piece.kind, meter_of(piece))
        r = self._prect(piece.at)
        s = self.state
        if piece.spec.medium == Medium.HEAT:  # an ice pack's ice, a wrap's speed of heat
            heat_view.draw_bars(surf, piece, s, r, draw_meter)
            need = heat_view.energy_shown(piece)  # the data centre's parts: energy a moment
            if need and heat_view.band_of(piece) is None:  # a rack's: heat_view, round its
                lit = s is not None and piece.at in s.powered and not piece.broken  # chips
                draw_pips(surf, self.art, r, "icons/bolt", need, lit, "topright")
        role = piece.spec.role
        if a.pips:
            if s is None:
                lit = a.gives  # building: what it gives bright, what it needs as slots
            elif role == Role.CONSUMER:
                lit = piece.at in s.powered or piece.at in s.sprinkling
            else:
                lit = piece.at in s.producing
            corner = "topleft" if a.meter else "bottomleft"
            draw_pips(surf, self.art, r, a.icon, a.pips, lit and not piece.broken, corner)
        if a.meter:
            if role == Role.STORAGE and piece.spec.medium == Medium.ITEMS:
                held = sum(1 for item in s.fact("items", ()) if item[3] == piece.at) if s else 0
                draw_meter(surf, r, a.meter, held, "orange")
            elif role == Role.SOURCE and piece.spec.medium == Medium.ITEMS:
                left = s.fact("to_load", {}).get(piece.at, a.meter) if s else a.meter
                draw_meter(surf, r, a.meter, left, "orange")
            elif role == Role.STORAGE:
                held = s.charge.get(piece.at, 0) if s else (piece.charge or 0)
                draw_meter(surf, r, a.meter, held, "yellow")
            elif role == Role.TANK:
                draw_meter(surf, r, a.meter, s.tank_level.get(piece.at, 0) if s else 0, "sky_blue")
            else:
                draw_meter(surf, r, a.meter, s.bed_water.get(piece.at, 0) if s else 0, "sky_blue")

    def _draw_gauges(self, surf: pygame.Surface, piece: Piece) -> None:
        """The tank's water, drawn into its picture so pupils see it rise."""
        p = self.ptile
        r = self._prect(piece.at)
        s = self.state
        if piece.spec.role == Role.TANK and s is not None:
            level = s.tank_level.get(piece.at, 0) / (piece.spec.capacity or 1)
            # the gauge window of tank.svg: x 82..94, y 52..98 of 128
            win = pygame.Rect(r.x + p * 84 / 128, r.y + p * 54 / 128, p * 8 / 128, p * 42 / 128)
            h = round(win.height * max(0.0, min(1.0, level)))
            if h:
                surf.fill(COLORS["sky_blue"], (win.x, win.bottom - h, win.width, h))
            body = pygame.Rect(r.x + p * 28 / 128, r.y + p * 46 / 128, p * 50 / 128, p * 58 / 128)
            bh = round(body.height * max(0.0, min(1.0, level)))
            if bh:
                water = pygame.Surface((body.width, bh), pygame.SRCALPHA)
                water.fill((86, 180, 233, 120))
                surf.blit(water, (body.x, body.bottom - bh))

    def _rotor_frame(self, frame: int) -> pygame.Surface:
        """The rotor turned by ``frame`` steps, on a tile-sized canvas with the hub in place."""
        key = (self.ptile, frame % ROTOR_FRAMES)
        surf = self._rotor.get(key)
        if surf is None:
            p = self.ptile
            name = "parts/wind_turbine_rotor"
            canvas = pygame.Surface((p, p), pygame.SRCALPHA)
            if self._has(name):
                base = self.art.get(name, (p, p))
                angle = key[1] * 120 / ROTOR_FRAMES
                rot = pygame.transform.rotozoom(base, -angle, 1.0)
                hub = pygame.Vector2(0, (52 - 64) * p / 128)  # hub relative to the picture centre
                turned = hub.rotate(angle)
                centre = pygame.Vector2(p / 2, p / 2) + hub - turned
                canvas.blit(rot, rot.get_rect(center=(round(centre.x), round(centre.y))))
            surf = canvas
            self._rotor[key] = surf
        return surf

    # --- drawing -----------------------------------------------------------------------------
    def draw(self, painter: Painter, time: float) -> None:
        """Draw the board; ``time`` in seconds drives the looping effects.

        On a mirrored (right-to-left) screen the board keeps its own left and right: see
        :meth:`game.ui.view.Viewport.keep_ltr` for why.
        """
        with _kept_ltr(painter.view, self.area):
            self._draw(painter, time)
        if self.table_rect is not None and self.board is not None:
            signal_view.draw_table(painter, self.table_rect, self.board, self.state)

    def _draw(self, painter: Painter, time: float) -> None:
        if self.board is None:
            return
        surf = painter.surface
        px, py = self.porigin
        b = self.board
        p = self.ptile
        frame = pygame.Rect(px, py, b.width * p, b.height * p)
        pygame.draw.rect(surf, (0, 0, 0, 40), frame.move(0, painter.view.length(6)).inflate(8, 8),
                         border_radius=painter.view.length(14))
        pygame.draw.rect(surf, COLORS["ink"], frame.inflate(painter.view.length(10), painter.view.length(10)),
                         border_radius=painter.view.length(12))
        surf.blit(self._parts_layer(), (px, py))
        fx = FxPainter(surf, (px, py), p)
        s = self.state
        moving = self._tweening()
        if s is not None and self.paths is not None and self.more_ticks:
            for cell, a in self.paths.arrival.items():
                if a == s.tick + 1 and cell not in moving:
                    fx.water(self.paths, cell, self.fraction)
        self._draw_moving(painter, moving, self._spinning(), time)
        motion_view.draw(painter, b, s, (px, py), p, time, self.tweens.calm(), self._image,
                         lambda piece: part_art(piece, s, b.level.cycle.night > 0))
        if s is not None:
            self._draw_run_effects(fx, s, time)
            circuit_view.draw_run(surf, b, s, (px, py), p, time)  # lamps' glow, current
        self._draw_labels(painter)
        self._draw_strengths(painter)
        if s is not None:
            self._draw_items(painter, s)
        packet_view.draw_tags(painter, b, (px, py), p, self.art.get)  # addresses, messages
        if s is not None:
            t = self.fraction if self.more_ticks else 1.0
            packet_view.draw_run(painter, b, s, (px, py), p, t * t * (3 - 2 * t), self.art.get)
        surf.blit(self._amounts_layer(), (px, py))
        heat_view.draw_part_numbers(painter, b, s, (px, py), p, self.art, draw_pips)
        signal_view.draw_board_marks(painter, b, (px, py), p)  # the table's look-alikes
        self._draw_badges(painter)
        self._draw_edit_overlays(painter, time)

    def _draw_moving(self, painter: Painter, moving: frozenset[Cell], spinning: frozenset[Cell],
                     time: float) -> None:
        b = self.board
        s = self.state
        cycle = b.level.cycle.night > 0
        px, py = self.porigin
        p = self.ptile
        for cell in sorted(moving | spinning):
            piece = b.pieces.get(cell)
            if piece is None:
                continue
            r = pygame.Rect(px + cell[0] * p, py + cell[1] * p, p, p)
            scale, angle, dx = 1.0, 0.0, 0.0
            if (tw := self.tweens.get(cell, "pop")) is not None:
                scale = pop_scale(tw.t)
            if (tw := self.tweens.get(cell, "turn")) is not None:
                angle = tw.value * (1 - (1 - (1 - tw.t) ** 3))
            if (tw := self.tweens.get(cell, "wobble")) is not None:
                angle += wobble_angle(min(1.0, tw.t * 2.2))
            if (tw := self.tweens.get(cell, "shake")) is not None:
                dx = shake_offset(tw.t) * painter.view.scale
            if cell in moving:
                img = self._image(part_art(piece, s, cycle), p, piece.rotation)
                if scale != 1.0 or angle:
                    img = pygame.transform.rotozoom(img, -angle, scale)
                painter.surface.blit(img, img.get_rect(center=(r.centerx + dx, r.centery)))
                if self.paths and s is not None and cell in s.wet:
                    FxPainter(painter.surface, (px, py), p).water(self.paths, cell, 1.0)
            if piece.kind == "wind_turbine" and not piece.broken:
                f = int(time * 14) if cell in spinning else 0
                painter.surface.blit(self._rotor_frame(f), r.move(dx, 0))

    def _tag(self, painter: Painter, label: int, centre: tuple[float, float], size: int) -> None:
        """A label as the items wear it, ``size`` pixels across at ``centre`` (pixels): its
        colour and symbol, or on a level for older groups its code on its colour."""
        codes = self.board.level.codes
        if not codes or not 0 < label <= len(codes):
            img = self.art.get(f"items/label_{label}", (size, size))
            painter.surface.blit(img, img.get_rect(center=(round(centre[0]), round(centre[1]))))
            return
        view = painter.view
        letters, fill = readable("white", LABEL_COLOURS[(label - 1) % len(LABEL_COLOURS)])
        w, h = size * 1.9 / view.scale, size * 0.95 / view.scale
        x, y = view.to_logical((round(centre[0]), round(centre[1])))
        box = (x - w / 2, y - h / 2, w, h)
        painter.rect(fill, box, h / 3)
        painter.rect("ink", box, h / 3, 2)
        painter.text_box(codes[label - 1], box, h * 0.62, letters, bold=True, min_size=8,
                         wrap=False)

    def _strength(self, painter: Painter, value: int, centre: tuple[float, float],
                  radius: int) -> None:
        """An isotope's strength: a number on a yellow tag around ``centre`` (pixels), at
        least the smallest label size (it may stand out past the little container)."""
        view = painter.view
        c = view.to_logical((round(centre[0]), round(centre[1])))
        heat_view.draw_chip(painter, str(value), c, radius * 1.4 / view.scale, "ink", "yellow")

    def _draw_labels(self, painter: Painter) -> None:
        """The label each part that reads or gives labels is set to (a diverter, a bay, a
        loading point), as the tag the items carry: a colour and a symbol. A loading point
        that loads labels in turn shows them all, small."""
        p = self.ptile
        px, py = self.porigin
        if not self._labels_matter():
            return  # no part on this board reads labels: the tags would only be noise
        for cell, piece in sorted(self.board.pieces.items()):
            if piece.spec.medium != Medium.ITEMS or "label" not in piece.spec.options:
                continue
            label = int(piece.param("label") or 0)
            labels = [label] if label else (
                list(range(1, int(piece.param("mix") or 2) + 1))
                if piece.spec.role == Role.SOURCE else [])
            size = max(10, round(p * (0.22 if piece.spec.diverter or len(labels) > 1 else 0.3)))
            # a diverter's tag sits on the round spot its art leaves free, left of its belt
            # a loading point's and a bay's in the corner their art leaves free (bottom left)
            fx, fy = (0.12, 0.5) if piece.spec.diverter else (0.2, 0.8)
            for _turn in range(piece.rotation % 4 if piece.spec.rotates else 0):
                fx, fy = 1 - fy, fx  # the free spot turns with the part's picture
            cx, cy = px + (cell[0] + fx) * p, py + (cell[1] + fy) * p
            for i, n in enumerate(labels):
                dx = (i - (len(labels) - 1) / 2) * size * (1.6 if self.board.level.codes else 0.8)
                self._tag(painter, n, (cx + dx, cy), size)

    def _draw_strengths(self, painter: Painter) -> None:
        """The numbers of isotopes on the parts that make and take them, on the same yellow
        tags the isotopes wear: a reactor's strength when made and the moments it takes to
        lose half of it ("½ 3"), a hospital's least strength on arrival ("≥4")."""
        p = self.ptile
        px, py = self.porigin
        view = painter.view
        for cell, piece in sorted(self.board.pieces.items()):
            options = piece.spec.options
            if piece.spec.medium != Medium.ITEMS:
                continue
            # where the tags go on the cell, the same however the part is turned (its label
            # tags sit in a corner on the left): one above the other on the right
            chips: list[tuple[str, tuple[float, float]]] = []
            if "strength" in options and "half_life" in options:
                chips = [(str(int(piece.param("strength") or 0)), (0.74, 0.46)),
                         (f"½ {int(piece.param('half_life') or 0)}", (0.74, 0.84))]
            elif "needs" in options and piece.spec.role == Role.CONSUMER:
                chips = [(f"≥{int(piece.param('needs') or 0)}", (0.78, 0.8))]
            for text, (fx, fy) in chips:
                centre = view.to_logical((round(px + (cell[0] + fx) * p),
                                          round(py + (cell[1] + fy) * p)))
                heat_view.draw_chip(painter, text, centre, p * 0.2 / view.scale, "ink", "yellow")

    def _labels_matter(self) -> bool:
        """Whether a part on the board (or in the parts box) reads labels: a diverter, or a
        bay that takes only one label."""
        kinds = [p for p in self.board.pieces.values() if p.spec.medium == Medium.ITEMS]
        return any(p.spec.diverter or (p.spec.role == Role.CONSUMER and p.param("label"))
                   for p in kinds) or any(CATALOGUE[k].diverter for k in self.board.level.palette
                                          if k in CATALOGUE)

    def _draw_items(self, painter: Painter, s: TickState) -> None:
        """The items on the belts, gliding from the cell they were in to the one they are in
        now (the simulation moves them a whole cell a tick; the drawing moves them smoothly),
        each with its label tag."""
        surf = painter.surface
        p = self.ptile
        px, py = self.porigin
        t = self.fraction if self.more_ticks else 1.0
        t = t * t * (3 - 2 * t)  # ease in and out
        charge, battery = s.fact("truck_charge", {}), s.fact("truck_battery", {})
        flat = s.fact("flat", ())
        strength = s.fact("strength", {}) or {}  # isotopes (game.sim.media.items)
        if strength and self._strength_run != id(self.paths):  # a new run: new items
            self._first_strength, self._strength_run = {}, id(self.paths)
        for _id, label, cargo, cell, came_from in s.fact("items", ()):
            x = came_from[0] + (cell[0] - came_from[0]) * t
            y = came_from[1] + (cell[1] - came_from[1]) * t
            centre = (round(px + (x + 0.5) * p), round(py + (y + 0.5) * p))
            truck = cell in battery
            body = max(12, round(p * (0.72 if truck else 0.5)))
            tag = max(8, round(body * (0.34 if truck else 0.46)))
            art = f"items/{cargo}_flat" if truck and cell in flat else f"items/{cargo}"
            if _id in strength:  # an isotope that lost half its first strength looks faded
                first = self._first_strength.setdefault(_id, strength[_id])
                if strength[_id] * 2 < first and self._has(f"items/{cargo}_weak"):
                    art = f"items/{cargo}_weak"
            turn = 0
            if truck:  # a truck faces the way it drives (its picture points up)
                if came_from != cell:
                    self._headings[_id] = HEADINGS[(cell[0] - came_from[0], cell[1] - came_from[1])]
                turn = self._headings.get(_id, 0)
            img = self.art.get(art, (body, body), turn)
            r = img.get_rect(center=centre)
            surf.blit(img, r)
            if _id in strength:  # an isotope's strength now, on a tag at its bottom corner
                self._strength(painter, strength[_id], (r.x + body * 0.02, r.y + body * 0.98),
                               max(9, round(body * 0.2)))
            if not truck:  # on the spot the item's art leaves clear for it: (98, 30) of 128
                self._tag(painter, label, (r.x + body * 0.77, r.y + body * 0.23), tag)
            else:  # a truck's battery: a block for each cell it can still drive (or two)
                draw_meter(surf, pygame.Rect(centre[0] - p // 2, centre[1] - p // 2, p, p),
                           battery[cell], charge.get(cell, 0),
                           "vermillion" if charge.get(cell, 0) <= 1 else "green")

    def _draw_run_effects(self, fx: FxPainter, s: TickState, time: float) -> None:
        pieces = self.board.pieces
        if self.paths is not None:
            for cell in s.live:
                if cell in self.paths.current:
                    fx.current(self.paths, cell, time)
        for cell in s.sprinkling:
            fx.sprinkle(cell, time)
        lost = s.fact("leaked", {}) or {}  # water lost at each leaking part this moment
        for cell, side in s.leaks:
            if side is None or (cell in pieces and pieces[cell].broken):
                fx.puddle(cell, time, lost.get(cell, 1))
            else:
                fx.spray(cell, side, time, lost.get(cell, 1))

    def badges(self) -> dict[Cell, str]:
        """Badges to show now (statuses of :data:`game.ui.theme.STATUS`, each a colour and a
        shape): marks after a run win over the live ones during it.

        During a run: a house or lamp with power gets a check, one that needs power and has
        none the struck-through bolt, one in a network with too little energy (short) the "!"; a
        fuse that tripped the "!"; a sprinkler with too little
        flow the "!"; a bed or tank that has all its water a check; water spilling out the
        leak's drop; a broken part its cross."""
        out: dict[Cell, str] = {}
        s = self.state
        if s is not None:
            for cell, piece in self.board.pieces.items():
                role = piece.spec.role
                if piece.broken:
                    out[cell] = "broken"
                elif piece.spec.fuse and cell in s.tripped:
                    out[cell] = "attention"  # too much went through it: it tripped
                elif role == Role.CONSUMER and piece.spec.medium.value == "power":
                    if cell in s.short:
                        out[cell] = "attention"
                    elif cell in s.powered:
                        out[cell] = "works"
                    elif cell in s.dark:
                        out[cell] = "unpowered"
                elif role == Role.CONSUMER and piece.spec.medium == Medium.ITEMS:
                    if s.fact("received", {}).get(cell, 0) > 0:
                        out[cell] = "works"  # the right things came in
                elif role == Role.CONSUMER and cell in s.thirsty:
                    out[cell] = "attention"
                elif role == Role.FIELD:
                    if s.bed_water.get(cell, 0) >= (meter_of(piece) or 0):
                        out[cell] = "works"
                elif role == Role.TANK and s.tank_level.get(cell, 0) >= piece.spec.capacity:
                    out[cell] = "works"
            for cell, _side in s.leaks:
                out[cell] = "leak"
            for cell in s.fact("jammed", ()):
                out[cell] = "attention"  # things pile up here
            for cell in s.fact("dropped", ()):
                out[cell] = "leak"  # something fell off here
            for cell in s.fact("wrong", ()):
                out[cell] = "broken"  # something with another label went in
            for cell in s.fact("flat", ()):
                out[cell] = "unpowered"  # a truck whose battery ran empty
        out.update(circuit_view.badges(self.board, s))  # a battery in a short circuit
        out.update(packet_view.badges(self.board, s))  # a message arrived, or the wrong one
        out.update(self.marks)
        return out

    def _draw_badges(self, painter: Painter) -> None:
        t = self.tile
        rad = max(11.0, t * 0.15)
        for cell, status in sorted(self.badges().items()):
            r = self.cell_rect(cell)
            draw_badge(painter, status, (r.right - rad * 0.9, r.top + rad * 0.9), rad)

    def _draw_edit_overlays(self, painter: Painter, time: float) -> None:
        t = self.tile
        if self.hint_cells and self.state is None:
            # slow, under 1 pulse a second; with calmer motion a steady highlight
            pulse = 0.6 if self.tweens.calm() else 0.5 + 0.5 * math.sin(time * math.tau * 0.8)
            for cell in self.hint_cells:
                r = self.cell_rect(cell).inflate(-4, -4)
                painter.rect((230, 159, 0, round(40 + 50 * pulse)), r, 10)
                painter.rect("orange", r, 10, 4)
        ghost = self.hint_ghost
        if ghost is not None and self.state is None and self.board.in_grid(ghost.at):
            r = self.cell_rect(ghost.at)
            draw_part_picture(painter, ghost.kind, r, ghost.rotation % 4, alpha=130)
            dashed_rect(painter, "blue", r.inflate(-4, -4), 3)
        if self.hover is not None and self.state is None:
            painter.rect((255, 255, 255, 70), self.cell_rect(self.hover), 8)
            if self.remove_mode and self.hover in self.board.pieces:
                r = self.cell_rect(self.hover)
                dashed_rect(painter, "vermillion", r.inflate(-4, -4), 3)
                draw_badge(painter, "broken", (r.centerx, r.centery), max(12.0, t * 0.18))
        pv = self.preview
        if pv is not None and self.state is None and self.board.in_grid(pv.cell):
            r = self.cell_rect(pv.cell)
            rot = pv.rotation if CATALOGUE[pv.kind].rotates else 0
            draw_part_picture(painter, pv.kind, r, rot, alpha=150 if pv.ok else 90)
            if pv.ok:
                painter.rect("green", r.inflate(-4, -4), 10, 4)
            else:
                dashed_rect(painter, "vermillion", r.inflate(-4, -4), 4)
                draw_badge(painter, "broken", (r.right - t * 0.2, r.top + t * 0.2), max(11.0, t * 0.15))
        if self.cursor is not None and self.state is None:
            r = self.cell_rect(self.cursor).inflate(2, 2)
            painter.rect("white", r, 12, 7)
            painter.rect("blue", r, 12, 4)


def dashed_rect(painter: Painter, colour: str, r: pygame.FRect | pygame.Rect, width: float,
                dash: float = 10) -> None:
    """A dotted outline: "not here" without shouting."""
    x0, y0, x1, y1 = r.left, r.top, r.right, r.bottom
    for a, b, horizontal in (((x0, y0), (x1, y0), True), ((x0, y1), (x1, y1), True),
                             ((x0, y0), (x0, y1), False), ((x1, y0), (x1, y1), False)):
        length = (b[0] - a[0]) if horizontal else (b[1] - a[1])
        pos = 0.0
        while pos < length:
            end = min(length, pos + dash)
            if horizontal:
                painter.line(colour, (a[0] + pos, a[1]), (a[0] + end, a[1]), width)
            else:
                painter.line(colour, (a[0], a[1] + pos), (a[0], a[1] + end), width)
            pos += dash * 1.8
