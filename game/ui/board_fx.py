"""What moves on the board during a Test: current as dots, water filling pipes, sprays.

The board cannot change while a Test runs, so the simulation works out once per run which way
current and water go (``Simulation.flows``, from its port graph); :func:`run_paths` turns that
into drawing paths, and a frame then only walks short precomputed lists and
draws straight onto the window surface in real pixels (cheap on an old classroom PC).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pygame

from game.sim.board import Board
from game.sim.geometry import Cell, Side
from game.sim.graph import PortGraph
from game.sim.parts import Role
from game.sim.simulation import Flows, run_flows
from game.ui.theme import COLORS

WATER = COLORS["sky_blue"]
WATER_LIGHT = (170, 218, 245)
CURRENT = COLORS["yellow"]
INK = COLORS["ink"]
CHANNEL = 24 / 128  # the inner channel of a pipe, as a fraction of the tile (ART.md)
CORE = 5 / 128  # a cable's two copper wires lie this far either side of its middle line
STUB = 0.62  # water shown on a source/sprinkler/tank port: this much of the half tile

_VEC = {Side.N: (0.0, -1.0), Side.E: (1.0, 0.0), Side.S: (0.0, 1.0), Side.W: (-1.0, 0.0)}


@dataclass
class RunPaths:
    """Where water enters and leaves each wet part, and which way current runs in each wire."""

    arrival: dict[Cell, int] = field(default_factory=dict)
    water_in: dict[Cell, tuple[Side, ...]] = field(default_factory=dict)
    water_out: dict[Cell, tuple[Side, ...]] = field(default_factory=dict)
    water_stub: set[Cell] = field(default_factory=set)  # parts with a body: short stubs only
    # wire cell -> (side, u at the tile centre, u at the edge) in half-tile steps from a source
    current: dict[Cell, tuple[tuple[Side, int, int], ...]] = field(default_factory=dict)


def run_paths(board: Board, arrival: dict[Cell, int], flows: Flows | None = None) -> RunPaths:
    """The paths of a run for drawing, from the simulation's flows (``Simulation.flows``); with
    none given they are worked out from the board and ``arrival`` by the simulation's rules."""
    if flows is None:
        flows = run_flows(PortGraph(board.pieces), arrival)
    paths = RunPaths(arrival=dict(arrival))
    paths.water_in = dict(flows.water_in)
    paths.water_out = dict(flows.water_out)
    paths.water_stub = {c for c in arrival if board.pieces[c].spec.role != Role.CONDUCTOR}
    for cell, sides in flows.current.items():
        d = flows.power_steps[cell]
        paths.current[cell] = tuple((side, 2 * d, 2 * d - 1 if inward else 2 * d + 1)
                                    for side, inward in sides)
    return paths


class FxPainter:
    """Draws the moving parts of a run in real pixels; ``origin`` and ``tile`` are pixels."""

    def __init__(self, surface: pygame.Surface, origin: tuple[int, int], tile: int) -> None:
        self.surface = surface
        self.ox, self.oy = origin
        self.p = tile

    def centre(self, cell: Cell) -> tuple[float, float]:
        return (self.ox + (cell[0] + 0.5) * self.p, self.oy + (cell[1] + 0.5) * self.p)

    def edge(self, cell: Cell, side: Side, part: float = 1.0) -> tuple[float, float]:
        cx, cy = self.centre(cell)
        vx, vy = _VEC[side]
        return (cx + vx * self.p * 0.5 * part, cy + vy * self.p * 0.5 * part)

    # --- water -------------------------------------------------------------------------------
    def water(self, paths: RunPaths, cell: Cell, fill: float) -> None:
        """Water in one part; ``fill`` 0..1 is how far the front has come through it."""
        if fill <= 0:
            return
        width = max(3, round(self.p * CHANNEL))
        ins, outs = paths.water_in.get(cell, ()), paths.water_out.get(cell, ())
        stub = cell in paths.water_stub
        c = self.centre(cell)
        inner = 1 - STUB if stub else 0.0  # where the channel starts, measured from the centre
        if not ins:  # the source: water starts in the middle and goes out
            for side in outs:
                self._seg(self.edge(cell, side, inner), self.edge(cell, side, lerp(inner, 1, fill)), width)
            return
        first = min(1.0, fill * 2) if outs else min(1.0, fill)
        for side in ins:
            self._seg(self.edge(cell, side), self.edge(cell, side, 1 - (1 - inner) * first), width)
        if not stub and first >= 1:
            pygame.draw.circle(self.surface, WATER, c, width / 2)
        if fill > 0.5 and outs and not stub:
            rest = (fill - 0.5) * 2
            for side in outs:
                self._seg(c, self.edge(cell, side, rest), width)

    def _seg(self, a: tuple[float, float], b: tuple[float, float], width: int) -> None:
        if abs(a[0] - b[0]) < 0.5 and abs(a[1] - b[1]) < 0.5:
            return
        x0, x1 = sorted((a[0], b[0]))
        y0, y1 = sorted((a[1], b[1]))
        if abs(a[0] - b[0]) < 0.5:  # vertical
            r = pygame.Rect(round(a[0] - width / 2), round(y0), width, max(1, round(y1 - y0)))
        else:
            r = pygame.Rect(round(x0), round(a[1] - width / 2), max(1, round(x1 - x0)), width)
        self.surface.fill(WATER, r)
        hl = max(1, width // 5)
        if r.width > r.height:
            self.surface.fill(WATER_LIGHT, (r.x, r.y + hl, r.width, hl))
        else:
            self.surface.fill(WATER_LIGHT, (r.x + hl, r.y, hl, r.height))

    def spray(self, cell: Cell, side: Side, time: float, strength: int = 1) -> None:
        """Water spurting out of an open pipe end, in a small fan; ``strength`` (1-3, the water
        lost there each moment) makes the fan reach further, wider and with more drops, so a
        big leak near a pump looks bigger than a small one far down the pipe."""
        ex, ey = self.edge(cell, side)
        vx, vy = _VEC[side]
        nx, ny = -vy, vx
        p = self.p
        k = max(1, min(3, strength))
        reach, fan, drops = 0.42 * (1 + 0.45 * (k - 1)), 0.22 * (1 + 0.4 * (k - 1)), 4 + 3 * k
        for i in range(drops):
            ph = (time * 1.1 + i / drops) % 1.0
            spread = (i - (drops - 1) / 2) / ((drops - 1) / 2)
            x = ex + vx * p * reach * ph + nx * p * fan * spread * ph
            y = ey + vy * p * reach * ph + ny * p * fan * spread * ph + p * 0.18 * ph * ph
            r = max(2, p * 0.055 * (1.15 - ph) * (1 + 0.15 * (k - 1)))
            pygame.draw.circle(self.surface, INK, (x, y), r + 1)
            pygame.draw.circle(self.surface, WATER, (x, y), r)

    def puddle(self, cell: Cell, time: float, strength: int = 1) -> None:
        """Water pouring out of a broken part: a puddle with a slow ripple, wider where more
        is lost each moment (``strength`` 1-3)."""
        cx, cy = self.centre(cell)
        p = self.p
        k = max(1, min(3, strength))
        box = pygame.Rect(0, 0, round(p * (0.62 + 0.16 * k)), round(p * (0.24 + 0.06 * k)))
        box.center = (round(cx), round(cy + p * 0.3))
        pygame.draw.ellipse(self.surface, WATER, box)
        pygame.draw.ellipse(self.surface, INK, box, max(1, p // 40))
        ph = (time * 0.7) % 1.0
        ring = box.scale_by(0.25 + 0.65 * ph)
        pygame.draw.ellipse(self.surface, WATER_LIGHT, ring, max(1, p // 50))
        for i in range(3):
            dp = (time * 1.3 + i / 3) % 1.0
            x = cx + (i - 1) * p * 0.12
            y = cy - p * 0.05 + dp * p * 0.3
            pygame.draw.circle(self.surface, WATER, (x, y), max(2, p * 0.04))

    def sprinkle(self, cell: Cell, time: float) -> None:
        """Drops flying out of a working sprinkler towards the beds around it."""
        cx, cy = self.centre(cell)
        p = self.p
        for k in range(10):
            a = k * math.tau / 10 + 0.3
            ph = (time * 0.9 + (k % 2) * 0.5) % 1.0
            d = p * (0.25 + 0.8 * ph)
            x, y = cx + math.cos(a) * d, cy + math.sin(a) * d * 0.8 - p * 0.1
            r = max(2, p * 0.045 * (1.2 - ph))
            pygame.draw.circle(self.surface, INK, (x, y), r + 1)
            pygame.draw.circle(self.surface, WATER, (x, y), r)

    # --- power -------------------------------------------------------------------------------
    def current(self, paths: RunPaths, cell: Cell, time: float) -> None:
        """Yellow dots along a live cable: away from the power source on one of its two wires
        and back towards it on the other (a cable holds both, SCIENCE.md), as many going as
        coming: current runs round and is not used up. Each keeps to the right of the way it
        goes, so the lanes join up from tile to tile (the art's cores lie ``CORE`` either side
        of the middle)."""
        segs = paths.current.get(cell)
        if not segs:
            return
        phase = (time * 2.2) % 1.0
        r = max(2.0, self.p * 0.045)
        lane = self.p * CORE
        c = self.centre(cell)
        for side, u_centre, u_edge in segs:
            e = self.edge(cell, side)
            a, b = (c, e) if u_edge > u_centre else (e, c)  # the way out, from the source
            for start, end in ((a, b), (b, a)):  # out, and back (the other way, same pace)
                dx, dy = end[0] - start[0], end[1] - start[1]
                n = math.hypot(dx, dy) or 1.0
                ox, oy = -dy / n * lane, dx / n * lane  # to the right of the way it goes
                x, y = lerp(start[0], end[0], phase) + ox, lerp(start[1], end[1], phase) + oy
                pygame.draw.circle(self.surface, INK, (x, y), r + 1.5)
                pygame.draw.circle(self.surface, CURRENT, (x, y), r)


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t
