"""Packets: messages with an address, sent along cables from device to device, routers between.

What the pupil should learn (WORLDS.md, "Datacenter"; SCIENCE.md): a message on a network
carries an address; only a router reads it and sends it on the way to that address; a cable
carries only so many messages at once, so more have to wait; a second way keeps a network
working when a cable breaks. The numbers are game numbers (a real glass fibre carries far more
than three messages at once); the rules below are the game's rules.

- **Devices** (a computer, a server, a home computer: role ``source`` or ``consumer``, a
  socket on every side) may send and may receive. A device sends ``send_red`` ... ``send_purple``
  messages to the addresses 1-5 (a colour and a symbol each: :data:`ADDRESSES`), ``per_tick``
  a tick from tick ``start`` on, the addresses in turn (1, 2, 3, 1, 2, ... while each has
  messages left). Its ``address`` (1-5; 0: none) is the address it takes. A device does not
  read addresses: it puts every message it sends on its cable (with more than one, on the
  first that works, in the order N, E, S, W). A message that reaches a device
  with another address is not taken: it stays there, a wrong delivery (``packets_wrong``).
- **Cables** (role ``conductor``: straight, corner, a bridge whose two cables cross without
  touching) join two devices or routers, point to point: a cable run is the cables from one
  device or router to the next. A message moves one cell a tick along it, in every cable
  alike, so a longer cable takes longer. At most ``capacity`` messages may go into a cable run
  each tick, each way (its thinnest piece counts: copper 1, glass fibre 3). A run whose end
  meets nothing, one with a broken piece or a broken device or router at an end, and one that
  comes back to the part it starts from do not work: nothing is sent into them. Two devices or routers side by side, socket to socket, are joined by a run of no
  cells that takes one message a tick each way.
- **Routers** (``router``: sockets on every side) read the address of every message that
  comes in and send it on the next tick along the shortest working way to a device with that
  address: the fewest cells (cables and the routers on the way). Ties go to the first side
  in the order N, E, S, W, so a run is always the same. A message whose cable is full this
  tick waits in the router's queue, first in first out; one for which there is no working way
  waits too. A message is never lost in a router and never copied.
- **Breaking.** A cable with ``breaks_at`` N (1 or more; 0: never) breaks at the start of
  tick N: the messages in that cable piece then are lost, and so is every message that later
  moves into the gap; messages already past it go on. From that tick on its run does not work
  and routers send round another way if there is one. Nothing else loses or copies a message,
  so at every tick: sent = delivered + wrong + moving + waiting + lost.

A tick: devices make the messages due now (into their queue); cables due to break break;
every message in a cable moves one cell on (one that steps out at the end arrives: a router
queues it for the next tick, a device takes it or not); then every device and router sends
from its queue, in cell order, each message as far as its cable has room.

Facts (every key, every tick): ``packets`` every message on the board as (id, address,
``moving`` or ``waiting``, cell, the cell it was in the tick before); the counts
``packets_sent``, ``packets_delivered``, ``packets_wrong``, ``packets_moving``,
``packets_waiting``, ``packets_lost``; ``packet_queues`` cell -> messages waiting there;
``packets_received`` device -> messages it took; ``packets_refused`` device -> messages with
another address that reached it; ``packets_through`` cable cell -> messages that went into it
so far; ``cables_broken`` the cable cells broken now; ``packets_lost_at`` cells where a message
was lost this tick; ``packets_wrong_at`` devices a wrong message reached this tick;
``packets_out`` cell -> why messages there are not delivered yet (:data:`WHY`: a wrong
address reached it, a device whose cable does not work, a router with no way to the address,
waiting for room in a cable, on the way).

A board without a packet part (every other world) has every fact empty or 0. The medium steps
after the signal medium and reads nothing of it yet.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.sim.board import Board, Piece
from game.sim.geometry import Cell, Side
from game.sim.graph import PortGraph
from game.sim.media import Env, Facts, Shared
from game.sim.meter import Reading
from game.sim.parts import Medium, Role

#: the addresses a message may carry, 1-5, by their colour (a sender's ``send_red``, ...);
#: each is drawn in its colour with its own symbol (:data:`SYMBOLS`)
ADDRESSES = ("red", "blue", "green", "yellow", "purple")
SYMBOLS = ("circle", "square", "triangle", "star", "heart")
#: why messages at a cell are not delivered (``packets_out``), the most telling first
WHY = ("wrong", "no_cable", "no_way", "waiting", "moving")
#: messages a tick into a run of no cells (two sockets side by side)
PLUG_CAPACITY = 1


def is_router(piece: Piece) -> bool:
    return piece.spec.medium == Medium.PACKETS and piece.spec.router


def is_device(piece: Piece) -> bool:
    return piece.spec.medium == Medium.PACKETS and piece.spec.role in (Role.SOURCE,
                                                                       Role.CONSUMER)


def is_cable(piece: Piece) -> bool:
    return (piece.spec.medium == Medium.PACKETS and piece.spec.role == Role.CONDUCTOR
            and not piece.spec.router)


def has_packets(board: Board) -> bool:
    return any(p.spec.medium == Medium.PACKETS for p in board.pieces.values())


def _int(piece: Piece, name: str) -> int:
    return int(piece.param(name) or 0)


@dataclass
class Link:
    """One cable run between two nodes (devices or routers): ``ends`` as (node, its side),
    ``cells`` the cables from the first end to the second."""

    ends: tuple[tuple[Cell, Side], tuple[Cell, Side]]
    cells: tuple[Cell, ...]
    capacity: int
    breaks: dict[int, int]  # index in cells -> the tick that piece breaks
    gaps: set[int] = field(default_factory=set)  # indexes of pieces broken now

    def cell(self, way: int, pos: int) -> Cell:
        return self.cells[pos] if way == 0 else self.cells[len(self.cells) - 1 - pos]

    def gap(self, way: int, pos: int) -> bool:
        return (pos if way == 0 else len(self.cells) - 1 - pos) in self.gaps

    def far(self, way: int) -> Cell:
        return self.ends[1 - way][0]


@dataclass
class Packet:
    id: int
    address: int
    made: int  # the tick it was sent
    node: Cell | None  # the device or router it waits in (None: in a cable)
    link: int = -1  # the cable run it is in
    way: int = 0  # 0: from the run's first end to its second
    pos: int = 0  # index along the run, from where it went in
    ready: int = 0  # a queued message may leave from this tick on
    came_from: Cell | None = None

    def cell(self, links: list[Link]) -> Cell:
        if self.node is not None:
            return self.node
        return links[self.link].cell(self.way, self.pos)


@dataclass
class _Sender:
    cell: Cell
    left: list[int]  # per address 1-5: messages still to send
    per_tick: int
    start: int
    turn: int = 0  # the next address in turn (index)

    def due(self, tick: int) -> list[int]:
        out: list[int] = []
        if tick < self.start:
            return out
        while len(out) < self.per_tick and any(self.left):
            i = self.turn
            self.turn = (self.turn + 1) % len(self.left)
            if self.left[i]:
                self.left[i] -= 1
                out.append(i + 1)
        return out


class PacketsMedium:
    name = "packets"
    FACTS: tuple[str, ...] = ("packets", "packets_sent", "packets_delivered", "packets_wrong",
                              "packets_moving", "packets_waiting", "packets_lost",
                              "packet_queues", "packets_received", "packets_refused",
                              "packets_through", "cables_broken", "packets_lost_at",
                              "packets_wrong_at", "packets_out")

    def __init__(self) -> None:
        self.active = False
        self.pieces: dict[Cell, Piece] = {}
        #: cable pieces broken from the start (the board is frozen: found once, not every tick)
        self.broken_cables: frozenset[Cell] = frozenset()
        self.nodes: dict[Cell, Piece] = {}
        self.links: list[Link] = []
        self.node_links: dict[Cell, list[tuple[int, int]]] = {}  # node -> (link, way out)
        self.senders: list[_Sender] = []
        self.packets: dict[int, Packet] = {}
        self.queues: dict[Cell, list[int]] = {}
        self.routes: dict[Cell, dict[int, tuple[int, int]]] = {}  # router -> address -> hop
        self.next_id = 0
        self.sent = self.delivered = self.wrong = self.lost = 0
        self.received: dict[Cell, int] = {}
        self.refused: dict[Cell, int] = {}
        self.through: dict[Cell, int] = {}
        self.meter: dict[Cell, Reading] = {}

    # --- build --------------------------------------------------------------------------------
    def build(self, graph: PortGraph, board: Board, params: Mapping[str, Any]) -> None:
        self.active = has_packets(board)
        if not self.active:
            return
        self.pieces = {c: p for c, p in sorted(board.pieces.items())
                       if p.spec.medium == Medium.PACKETS}
        self.nodes = {c: p for c, p in self.pieces.items() if not is_cable(p)}
        seen: dict[tuple[tuple[Cell, Side], tuple[Cell, Side]], int] = {}
        for cell in self.nodes:
            self.node_links[cell] = []
            self.queues[cell] = []
            for side in graph.sides(cell, Medium.PACKETS):
                found = self._walk(graph, cell, side)
                if found is None:
                    continue
                cells, end = found
                if end == (cell, side):
                    continue  # a loop back into the same socket: nothing
                key = min(((cell, side), end), ((end, (cell, side))))
                if key not in seen:
                    seen[key] = len(self.links)
                    first = key[0] == (cell, side)
                    run = cells if first else tuple(reversed(cells))
                    self.links.append(self._link(key, run))
                index = seen[key]
                way = 0 if self.links[index].ends[0] == (cell, side) else 1
                self.node_links[cell].append((index, way))
        for cell, piece in self.nodes.items():
            if is_device(piece) and not piece.broken:
                left = [_int(piece, f"send_{colour}") for colour in ADDRESSES]
                if any(left):
                    self.senders.append(_Sender(cell, left, max(1, _int(piece, "per_tick")),
                                                _int(piece, "start")))
        self.received = {c: 0 for c, p in self.nodes.items() if is_device(p)}
        self.refused = dict(self.received)
        self.through = {c: 0 for c, p in self.pieces.items() if is_cable(p)}
        self.broken_cables = frozenset(c for c, p in self.pieces.items()
                                       if is_cable(p) and p.broken)
        self._route()

    def _walk(self, graph: PortGraph, start: Cell,
              side: Side) -> tuple[tuple[Cell, ...], tuple[Cell, Side]] | None:
        """The cable cells from ``start``'s socket on ``side`` to the next node's socket, or
        None when the cables end in nothing (or run in a ring of their own)."""
        cells: list[Cell] = []
        cell, out = start, side
        for _ in range(2 * len(self.pieces) + 2):
            nxt = graph.faces(cell, out)
            if nxt is None or nxt not in self.pieces:
                return None
            entry = out.opposite()
            if nxt in self.nodes:
                return tuple(cells), (nxt, entry)
            piece = self.pieces[nxt]
            exits = sorted(piece.spec.routes_at(piece.rotation).get(entry, frozenset()))
            if not exits:
                return None
            cells.append(nxt)
            cell, out = nxt, exits[0]
        return None

    def _link(self, ends: tuple[tuple[Cell, Side], tuple[Cell, Side]],
              cells: tuple[Cell, ...]) -> Link:
        pieces = [self.pieces[c] for c in cells]
        capacity = min((max(1, p.spec.capacity) for p in pieces), default=PLUG_CAPACITY)
        breaks = {i: _int(p, "breaks_at") for i, p in enumerate(pieces)
                  if _int(p, "breaks_at") > 0}
        gaps = {i for i, p in enumerate(pieces) if p.broken}
        return Link(ends, cells, capacity, breaks, gaps)

    # --- routes -------------------------------------------------------------------------------
    def _works(self, index: int) -> bool:
        """A cable run works when none of its pieces is broken and it joins two different
        devices or routers, neither broken (a cable from a part back to itself does not)."""
        link = self.links[index]
        (a, _sa), (b, _sb) = link.ends
        return (not link.gaps and a != b and not self.nodes[a].broken
                and not self.nodes[b].broken)

    def _route(self) -> None:
        """Every router's next cable run for every address: the first (by side) on a
        shortest working way, in cells, to a device with that address."""
        addresses = sorted({_int(p, "address") for p in self.nodes.values()
                            if is_device(p) and not p.broken} - {0})
        routers = [c for c, p in self.nodes.items() if is_router(p) and not p.broken]
        self.routes = {r: {} for r in routers}
        for address in addresses:
            dist: dict[Cell, int] = {}
            heap: list[tuple[int, Cell]] = []
            for c, p in self.nodes.items():
                if is_device(p) and not p.broken and _int(p, "address") == address:
                    dist[c] = 0
                    heap.append((0, c))
            heapq.heapify(heap)
            while heap:
                d, x = heapq.heappop(heap)
                if d > dist.get(x, d):
                    continue
                if is_device(self.nodes[x]) and d > 0:
                    continue
                extra = 1 if is_router(self.nodes[x]) else 0
                for index, way in self.node_links[x]:
                    if not self._works(index):
                        continue
                    y = self.links[index].far(way)
                    if y == x or not is_router(self.nodes[y]) or self.nodes[y].broken:
                        continue
                    nd = d + extra + len(self.links[index].cells)
                    if nd < dist.get(y, nd + 1):
                        dist[y] = nd
                        heapq.heappush(heap, (nd, y))
            for r in routers:
                best: tuple[int, int, int] | None = None
                for index, way in self.node_links[r]:  # in side order
                    if not self._works(index):
                        continue
                    y = self.links[index].far(way)
                    node = self.nodes[y]
                    if y == r:
                        continue
                    if is_device(node):
                        if _int(node, "address") != address:
                            continue
                        cost = len(self.links[index].cells)
                    elif y in dist and y in self.routes:
                        cost = len(self.links[index].cells) + 1 + dist[y]
                    else:
                        continue
                    if best is None or cost < best[0]:
                        best = (cost, index, way)
                if best is not None:
                    self.routes[r][address] = (best[1], best[2])

    def _hop(self, cell: Cell, address: int) -> tuple[int, int] | None:
        """The cable run (and way) a message for ``address`` leaves ``cell`` by (None: none
        works). A device uses its first working cable whatever the address."""
        piece = self.nodes[cell]
        if piece.broken:
            return None
        if is_router(piece):
            return self.routes.get(cell, {}).get(address)
        return next(((i, w) for i, w in self.node_links[cell] if self._works(i)), None)

    # --- a tick -------------------------------------------------------------------------------
    def step(self, tick: int, env: Env, shared: Shared) -> Facts:
        if not self.active:
            return self._facts(frozenset(), frozenset())
        lost_at: set[Cell] = set()
        wrong_at: set[Cell] = set()
        for sender in self.senders:  # the messages due now
            for address in sender.due(tick):
                p = Packet(self.next_id, address, tick, sender.cell, ready=tick,
                           came_from=sender.cell)
                self.packets[p.id] = p
                self.queues[sender.cell].append(p.id)
                self.next_id += 1
                self.sent += 1
        changed = False
        for link in self.links:  # cables that break now
            for i, when in link.breaks.items():
                if when == tick and i not in link.gaps:
                    link.gaps.add(i)
                    changed = True
        if changed:
            self._route()
        for pid in sorted(self.packets):  # everything in a cable moves one cell on
            p = self.packets[pid]
            if p.node is not None:
                p.came_from = p.node
                continue
            link = self.links[p.link]
            p.came_from = link.cell(p.way, p.pos)
            if link.gap(p.way, p.pos):  # the piece it is in broke
                self._lose(p, link.cell(p.way, p.pos), lost_at)
                continue
            p.pos += 1
            if p.pos >= len(link.cells):
                self._arrive(p, link.far(p.way), tick, wrong_at)
            elif link.gap(p.way, p.pos):
                self._lose(p, link.cell(p.way, p.pos), lost_at)
            else:
                self.through[link.cell(p.way, p.pos)] += 1
        used: dict[tuple[int, int], int] = {}
        for cell, queue in self.queues.items():  # devices and routers send
            stay: list[int] = []
            for pid in queue:
                p = self.packets[pid]
                hop = self._hop(cell, p.address) if p.ready <= tick else None
                if hop is None:
                    stay.append(pid)
                    continue
                link = self.links[hop[0]]
                if used.get(hop, 0) >= link.capacity:
                    stay.append(pid)
                    continue
                used[hop] = used.get(hop, 0) + 1
                p.node, p.link, p.way, p.pos = None, hop[0], hop[1], 0
                if not link.cells:
                    self._arrive(p, link.far(hop[1]), tick, wrong_at)
                else:
                    self.through[link.cell(p.way, 0)] += 1
            queue[:] = stay
        return self._facts(frozenset(lost_at), frozenset(wrong_at))

    def _lose(self, p: Packet, cell: Cell, lost_at: set[Cell]) -> None:
        del self.packets[p.id]
        self.lost += 1
        lost_at.add(cell)

    def _arrive(self, p: Packet, cell: Cell, tick: int, wrong_at: set[Cell]) -> None:
        piece = self.nodes[cell]
        if is_router(piece):
            p.node, p.ready = cell, tick + 1
            self.queues[cell].append(p.id)
            return
        del self.packets[p.id]
        if _int(piece, "address") == p.address and not piece.broken:
            self.delivered += 1
            self.received[cell] += 1
        else:
            self.wrong += 1
            self.refused[cell] += 1
            wrong_at.add(cell)

    # --- facts --------------------------------------------------------------------------------
    def _facts(self, lost_at: frozenset[Cell], wrong_at: frozenset[Cell]) -> Facts:
        on_board = []
        out: dict[Cell, str] = {c: "wrong" for c, n in self.refused.items() if n}
        moving = waiting = 0
        for pid in sorted(self.packets):
            p = self.packets[pid]
            cell = p.cell(self.links)
            if p.node is None:
                moving += 1
                why = "moving"
            else:
                waiting += 1
                why = ("waiting" if self._hop(p.node, p.address) is not None
                       else "no_way" if is_router(self.nodes[p.node]) else "no_cable")
            on_board.append((pid, p.address, why if why == "moving" else "waiting", cell,
                             p.came_from or cell))
            if cell not in out or WHY.index(why) < WHY.index(out[cell]):
                out[cell] = why
        queues = {c: len(q) for c, q in self.queues.items() if q}
        broken = frozenset(link.cell(0, i) for link in self.links for i in link.gaps) | \
            self.broken_cables
        self.meter = {c: Reading(0, packets=n) for c, n in self.through.items()}
        self.meter.update({c: Reading(0, packets=len(q), waiting=True)
                           for c, q in self.queues.items() if self.nodes[c].spec.router})
        return {
            "packets": tuple(on_board), "packets_sent": self.sent,
            "packets_delivered": self.delivered, "packets_wrong": self.wrong,
            "packets_moving": moving, "packets_waiting": waiting, "packets_lost": self.lost,
            "packet_queues": queues,
            "packets_received": {c: n for c, n in self.received.items() if n},
            "packets_refused": {c: n for c, n in self.refused.items() if n},
            "packets_through": {c: n for c, n in self.through.items() if n},
            "cables_broken": broken, "packets_lost_at": lost_at, "packets_wrong_at": wrong_at,
            "packets_out": out,
        }
