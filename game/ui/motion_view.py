"""The motion medium on the board (game.sim.media.motion), drawn without words.

- **Turning.** A gear turns on screen at its speed and the way it turns (clockwise speeds
  positive): a plain gear's whole picture spins; a motor, a machine shaft, a double gear and a
  pulley spin a marked hub on their shaft; a belt's strands run. With calmer motion
  (``settings.reduce_motion``) nothing spins: a still curved arrow on every turning part shows
  the way it turns instead.
- **Jams.** Every part of a ring that jams (``gear_jam``) gets a red jam mark, and its gears
  shake (still with calmer motion).
- **Numbers.** A motor shows its speed; a machine shaft the speed it must reach and the way,
  as a number and a curved arrow; during a run the speed it turns at, ringed green when it is
  right and red when it is not.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import pygame

from game.sim.board import Board, Piece
from game.sim.geometry import Cell
from game.sim.media.motion import motor_speed, wanted
from game.sim.parts import Medium, Role
from game.sim.simulation import TickState
from game.ui.heat_view import draw_chip, turned
from game.ui.textfit import MIN_LABEL
from game.ui.theme import COLORS
from game.ui.view import Painter

#: degrees a second a part turns on screen for each unit of its speed (and the most)
SPIN = 12.0
MOST_SPIN = 600.0
#: where the marked hub of a part's shaft is in its picture (fractions of its cell, rotation 0)
HUBS = {"motor": (0.5, 22 / 128), "bench_motor": (0.5, 22 / 128),
        "output_shaft": (0.5, 100 / 128)}
#: where the number chips sit (fractions of the cell; turned with the part)
CHIP = (0.8, 0.2)
TARGET = (0.2, 0.2)


def is_motion(piece: Piece) -> bool:
    return piece.spec.medium == Medium.MOTION


def spins_whole(piece: Piece) -> bool:
    """A plain gear: its whole picture turns (it looks the same from every side)."""
    return len(piece.spec.teeth) == 4 and not piece.spec.joins


def speed_of(state: TickState, cell: Cell) -> Fraction:
    return state.fact("turn_speed", {}).get(cell, Fraction(0))


def spin_angle(speed: Fraction, time: float) -> float:
    """Degrees clockwise a part turning at ``speed`` has turned after ``time`` seconds."""
    rate = max(-MOST_SPIN, min(MOST_SPIN, float(speed) * SPIN))
    return (rate * time) % 360.0


def animated(board: Board, state: TickState | None, calm: bool) -> frozenset[Cell]:
    """The gears drawn every frame instead of cached: turning or shaking in a jam."""
    if state is None or calm:
        return frozenset()
    moving = set(state.fact("turning", ())) | set(state.fact("gear_jam", ()))
    return frozenset(c for c in moving if c in board.pieces and spins_whole(board.pieces[c]))


def speed_text(speed: Fraction) -> str:
    """A speed as a number: whole, or a fraction ("4/3"); without its sign."""
    speed = abs(speed)
    return str(speed.numerator) if speed.denominator == 1 else f"{speed.numerator}/{speed.denominator}"


def draw_turn_arrow(surf: pygame.Surface, centre: tuple[float, float], r: float,
                    clockwise: bool, colour: str = "ink", width: int = 3) -> None:
    """A curved arrow round ``centre`` (pixels): three quarters of a circle with a head."""
    cx, cy = centre
    rect = pygame.Rect(0, 0, round(2 * r), round(2 * r))
    rect.center = (round(cx), round(cy))
    start, end = math.radians(110), math.radians(380)  # pygame: anticlockwise from east
    pygame.draw.arc(surf, COLORS["ink"], rect.inflate(2, 2), start, end, width + 2)
    pygame.draw.arc(surf, COLORS[colour], rect, start, end, width)
    tip_at = start if clockwise else end  # clockwise: the head where the arc starts
    tx, ty = cx + r * math.cos(tip_at), cy - r * math.sin(tip_at)
    # the way along the circle the arrow points, on screen (y down)
    along = (math.sin(tip_at), math.cos(tip_at)) if clockwise else \
        (-math.sin(tip_at), -math.cos(tip_at))
    side = (math.cos(tip_at), -math.sin(tip_at))
    head = r * 0.55
    points = [(tx + along[0] * head, ty + along[1] * head),
              (tx + side[0] * head * 0.6, ty + side[1] * head * 0.6),
              (tx - side[0] * head * 0.6, ty - side[1] * head * 0.6)]
    pygame.draw.polygon(surf, COLORS[colour], points)
    pygame.draw.polygon(surf, COLORS["ink"], points, 2)


def _hub(surf: pygame.Surface, centre: tuple[float, float], r: float, angle: float) -> None:
    """A marked hub turned ``angle`` degrees clockwise: a disc with a white spoke."""
    pygame.draw.circle(surf, COLORS["metal"], centre, r)
    pygame.draw.circle(surf, COLORS["ink"], centre, r, max(2, round(r / 5)))
    a = math.radians(angle - 90)
    end = (centre[0] + math.cos(a) * r * 0.8, centre[1] + math.sin(a) * r * 0.8)
    pygame.draw.line(surf, COLORS["white"], centre, end, max(2, round(r / 3)))
    pygame.draw.circle(surf, COLORS["ink"], centre, max(2, r / 4))


def _jam_mark(surf: pygame.Surface, rect: pygame.Rect) -> None:
    """A red round mark with a white zigzag at the cell's top right: this jams."""
    r = rect.w * 0.16
    c = (rect.right - r * 1.2, rect.top + r * 1.2)
    pygame.draw.circle(surf, COLORS["vermillion"], c, r)
    pygame.draw.circle(surf, COLORS["ink"], c, r, max(2, round(r / 6)))
    zig = [(c[0] - r * 0.55, c[1] + r * 0.1), (c[0] - r * 0.2, c[1] - r * 0.4),
           (c[0] + r * 0.15, c[1] + r * 0.4), (c[0] + r * 0.55, c[1] - r * 0.1)]
    pygame.draw.lines(surf, COLORS["white"], False, zig, max(2, round(r / 4)))


def _belt(surf: pygame.Surface, rect: pygame.Rect, piece: Piece, offset: float) -> None:
    """Light marks on a belt's two strands, moved ``offset`` (fractions of the cell)."""
    p = rect.w
    for strand, way in ((36 / 128, 1), (92 / 128, -1)):  # the top strand runs the other way
        for i in range(3):
            f = (i / 3 + way * offset) % 1.0
            a = turned((f, strand), piece)
            b = turned((min(1.0, f + 0.08), strand), piece)
            pygame.draw.line(surf, COLORS["white"], (rect.x + a[0] * p, rect.y + a[1] * p),
                             (rect.x + b[0] * p, rect.y + b[1] * p), max(2, round(p / 40)))


def draw(painter: Painter, board: Board, state: TickState | None, origin: tuple[int, int],
         ptile: int, time: float, calm: bool, image: Callable[[str, int, int], pygame.Surface],
         art_name: Callable[[Piece], str]) -> None:
    """The motion parts' turning, jams and numbers over the board whose top left is at
    ``origin`` (pixels), ``ptile`` pixels a cell; ``image(name, size, rotation)`` gives a
    part's picture and ``art_name(piece)`` its name now."""
    pieces = [p for _c, p in sorted(board.pieces.items()) if is_motion(p)]
    if not pieces:
        return
    surf = painter.surface
    px, py = origin
    jams = frozenset(state.fact("gear_jam", ())) if state is not None else frozenset()
    spin = animated(board, state, calm)
    for piece in pieces:
        x, y = piece.at
        rect = pygame.Rect(px + x * ptile, py + y * ptile, ptile, ptile)
        speed = speed_of(state, piece.at) if state is not None else Fraction(0)
        if piece.at in spin:
            angle = spin_angle(speed, time)
            dx = math.sin(time * math.tau * 2.0) * ptile * 0.04 if piece.at in jams else 0.0
            img = image(art_name(piece), ptile, piece.rotation)
            turned_img = pygame.transform.rotozoom(img, -angle, 1.0)
            surf.blit(turned_img, turned_img.get_rect(center=(rect.centerx + dx, rect.centery)))
        elif speed and not spins_whole(piece):
            if piece.kind == "drive_belt" or piece.spec.joins and all(
                    j == "belt" for j in piece.spec.joins.values()):
                _belt(surf, rect, piece, 0.0 if calm else float(speed) * time * 0.05)
            else:
                spot = turned(HUBS.get(piece.kind, (0.5, 0.5)), piece)
                centre = (rect.x + spot[0] * ptile, rect.y + spot[1] * ptile)
                _hub(surf, centre, ptile * 0.09, 0.0 if calm else spin_angle(speed, time))
        if speed and calm:  # still: a curved arrow shows the way it turns
            draw_turn_arrow(surf, rect.center, ptile * 0.22, speed > 0, "yellow",
                            max(2, round(ptile / 28)))
        if piece.at in jams:
            _jam_mark(surf, rect)
        _numbers(painter, piece, state, rect)


def _numbers(painter: Painter, piece: Piece, state: TickState | None, rect: pygame.Rect) -> None:
    view = painter.view
    tile = rect.w / view.scale

    def at(spot: tuple[float, float]) -> tuple[float, float]:
        fx, fy = turned(spot, piece)
        return view.to_logical((round(rect.x + fx * rect.w), round(rect.y + fy * rect.h)))

    def arrow_by(box: pygame.Rect, clockwise: bool, colour: str) -> None:
        r = view.rect(box)
        draw_turn_arrow(painter.surface, (r.right + r.h * 0.55, r.centery), r.h * 0.38,
                        clockwise, colour, max(2, round(r.h / 9)))

    if piece.spec.role == Role.SOURCE:
        speed = motor_speed(piece)
        box = draw_chip(painter, speed_text(speed), at((0.3, 0.6)), max(MIN_LABEL, tile * 0.2),
                        "ink", "cream")
        arrow_by(box, speed > 0, "orange")
    elif piece.spec.role == Role.CONSUMER:
        want = wanted(piece)
        box = draw_chip(painter, speed_text(want), at(TARGET), MIN_LABEL, "ink", "cream")
        arrow_by(box, want >= 0, "white")
        if state is not None:
            now = state.fact("shaft_speed", {}).get(piece.at, Fraction(0))
            ring = "green" if now == want else "vermillion"
            box = draw_chip(painter, speed_text(now), at((0.5, 0.55)), tile * 0.22, ring)
            if now:
                arrow_by(box, now > 0, "green" if now == want else "vermillion")
