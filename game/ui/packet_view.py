"""Messages on the play screen: envelopes that travel along the cables, queues, addresses.

The packets medium (game.sim.media.packets) says each tick where every message is. A pupil
reads it without words:

- **Envelopes.** Each message is a small envelope in the colour of its address with the
  address's symbol on its seal (assets/items/packet_N: a red circle, a blue square, a green
  triangle, a yellow star, a purple heart), so a colour-blind pupil tells them apart by the
  symbol. Between two ticks it glides from the cell it was in to the one it is in now (the
  simulation moves it a whole cell a tick). Several in one cell (a glass fibre carries three)
  sit side by side.
- **Queues.** Messages waiting in a router or a sender show as a little stack of envelopes and
  a number on a yellow tag: how many wait there now. A device that took messages with its
  address shows how many on a green-ringed tag (bottom right), so a pupil can count along.
- **Addresses.** A device that takes messages wears its address (assets/items/address_N) in
  its bottom left corner; a sender shows the envelopes it will send along its top, each with
  how many when more than one. On a level with ``codes`` (older groups) the address's code
  stands above its tag as well.
- **Cables.** Copper is a brown cable, glass fibre a thin light-blue glowing one (their art).
  A cable that breaks during a run wears its broken art from that tick on (a gap with a red
  spark: board_view's FACT_LOOKS); where a message was lost the spark flares for that tick.

Everything is drawn in the board's pixels, inside the board's kept left-to-right drawing
(game.ui.board_view), like the items on belts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import pygame

from game.sim.board import Board
from game.sim.geometry import Cell
from game.sim.media.packets import ADDRESSES, is_device
from game.sim.parts import Medium
from game.sim.simulation import TickState
from game.ui import heat_view
from game.ui.view import Painter

#: art -> the image at a size (game.ui.art.ArtCache.get)
Images = Callable[[str, tuple[int, int]], pygame.Surface]
#: most envelopes drawn in one stack (a queue shows the rest as its number)
STACK = 3


def has_packets(board: Board) -> bool:
    return any(p.spec.medium == Medium.PACKETS for p in board.pieces.values())


def sends(piece) -> list[tuple[int, int]]:
    """(address, how many) a device sends, by address."""
    return [(i + 1, int(piece.param(f"send_{c}") or 0)) for i, c in enumerate(ADDRESSES)
            if int(piece.param(f"send_{c}") or 0)]


def _centre(painter: Painter, px: float, py: float) -> tuple[float, float]:
    return painter.view.to_logical((round(px), round(py)))


def draw_tags(painter: Painter, board: Board, origin: tuple[int, int], p: int,
              images: Images) -> None:
    """Each device's address and what a sender sends (also while building)."""
    px, py = origin
    codes = board.level.codes
    view = painter.view
    for cell, piece in sorted(board.pieces.items()):
        if not is_device(piece):
            continue
        x0, y0 = px + cell[0] * p, py + cell[1] * p
        address = int(piece.param("address") or 0)
        if address:  # its address in the bottom left corner, its code (if any) above it
            size = max(12, round(p * 0.3))
            img = images(f"items/address_{address}", (size, size))
            c = (round(x0 + p * 0.2), round(y0 + p * 0.8))
            painter.surface.blit(img, img.get_rect(center=c))
            if 0 < address <= len(codes):
                heat_view.draw_chip(painter, codes[address - 1],
                                    _centre(painter, c[0], c[1] - size * 0.95),
                                    p * 0.13 / view.scale)
        out = sends(piece)
        if out:  # what it sends along the top: an envelope per address, a number if many
            size = max(10, round(p * min(0.26, 0.9 / (len(out) + 1))))
            x, y = x0 + p * 0.06, y0 + p * 0.04
            for n, count in out:
                wide = size * (1.95 if count > 1 else 1.05)
                if x + wide > x0 + p * 0.98 and x > x0 + p * 0.06:  # on to the next row
                    x, y = x0 + p * 0.06, y + size * 0.95
                img = images(f"items/packet_{n}", (size, size))
                painter.surface.blit(img, (round(x), round(y)))
                if count > 1:
                    heat_view.draw_chip(painter, str(count),
                                        _centre(painter, x + size * 1.45, y + size / 2),
                                        p * 0.11 / view.scale)
                x += wide


def draw_run(painter: Painter, board: Board, state: TickState, origin: tuple[int, int],
             p: int, t: float, images: Images) -> None:
    """The envelopes of this tick, ``t`` (0-1, eased) of the way from the cell they were in to
    the one they are in; the queues' numbers, the messages each device took; a flare where a
    message was lost now."""
    px, py = origin
    size = max(10, round(p * 0.36))
    at: dict[Cell, list[tuple[int, int, str, Cell, Cell]]] = defaultdict(list)
    for packet in state.fact("packets", ()):
        at[packet[3]].append(packet)
    queues = state.fact("packet_queues", {}) or {}
    for cell, here in sorted(at.items()):
        waiting = [q for q in here if q[2] == "waiting" and q[4] == cell]
        moving = [q for q in here if q not in waiting]
        for i, (_id, address, _why, _cell, came) in enumerate(moving):
            spread = (i - (len(moving) - 1) / 2) * size * 0.55
            x = came[0] + (cell[0] - came[0]) * t
            y = came[1] + (cell[1] - came[1]) * t
            centre = (round(px + (x + 0.5) * p + spread), round(py + (y + 0.5) * p + spread * 0.3))
            img = images(f"items/packet_{address}", (size, size))
            painter.surface.blit(img, img.get_rect(center=centre))
        for i, (_id, address, _why, _cell, _came) in enumerate(waiting[:STACK]):
            centre = (round(px + (cell[0] + 0.62) * p - i * size * 0.18),
                      round(py + (cell[1] + 0.3) * p + i * size * 0.22))
            img = images(f"items/packet_{address}", (size, size))
            painter.surface.blit(img, img.get_rect(center=centre))
        if queues.get(cell):
            heat_view.draw_chip(painter, str(queues[cell]),
                                _centre(painter, px + (cell[0] + 0.82) * p, py + (cell[1] + 0.5) * p),
                                p * 0.15 / painter.view.scale, "ink", "yellow")
    received = state.fact("packets_received", {}) or {}
    for cell, n in sorted(received.items()):  # how many each device took, to count along
        heat_view.draw_chip(painter, str(n), _centre(painter, px + (cell[0] + 0.8) * p,
                                                      py + (cell[1] + 0.82) * p),
                            p * 0.15 / painter.view.scale, "green", "white")
    for cell in state.fact("packets_lost_at", ()):  # a flare on the gap, for that tick
        r = pygame.Rect(px + cell[0] * p, py + cell[1] * p, p, p)
        glow = pygame.Surface(r.size, pygame.SRCALPHA)
        pygame.draw.circle(glow, (213, 94, 0, 110), (r.w / 2, r.h / 2), r.w * 0.42)
        pygame.draw.circle(glow, (240, 228, 66, 150), (r.w / 2, r.h / 2), r.w * 0.18)
        painter.surface.blit(glow, r)


def badges(board: Board, state: TickState | None) -> dict[Cell, str]:
    """During a run: a device that took a message with its address a check, one a message
    with another address reached the cross; a cable that broke the cross."""
    out: dict[Cell, str] = {}
    if state is None or not has_packets(board):
        return out
    for cell in state.fact("packets_received", {}) or {}:
        out[cell] = "works"
    for cell in state.fact("packets_refused", {}) or {}:
        out[cell] = "broken"
    for cell in state.fact("cables_broken", ()):
        out[cell] = "broken"
    return out
