"""Circuit: a workbench where current needs a closed loop (SCIENCE.md, "Electricity").

Parts joined by their circuit ports make networks. What each part is in a loop is its
``circuit`` (game.sim.parts.PartSpec):

- **Conductors** (wires, metal test pieces: copper, steel, aluminium foil) join all their
  ports into one point of the circuit, with no resistance. A **switch** does so only while it
  is on (closed); off, it is *open*: no current. An **insulator** (wood, plastic, rubber) joins
  nothing, like a gap. A **two-way switch** (a stair switch, hotelschakeling) joins its common
  side (W at rotation 0) to its N side when on, to its S side when off.
- A **battery** of cells (``cell_count``, 1-3) pushes with that many units between its
  + (N at rotation 0) and - (S) sides. A **lamp** and a **coil** (an electromagnet) have a
  ``resistance``. A broken part joins nothing. A part of another medium with two circuit
  plugs (``more_ports``) and a ``resistance`` (a motor on the bench) is a load like a lamp;
  ``powered`` names every load, lamp and coil with current enough to work it, for the media
  that step later (game.sim.media.motion).

The network is solved properly, by nodal analysis: every point of the circuit gets a voltage
so that at each point as much current flows in as out (Kirchhoff), worked out exactly with
fractions and Gaussian elimination in a fixed order, so the same board always gives the same
answer. A battery has a tiny inner resistance (:data:`INNER`), as a real one has, so that two
batteries side by side do not make the sums impossible; it is too small to see on a lamp.

What the pupil sees follows from the currents:

- A lamp's **brightness** is the power it gets over the power it is made for (a lamp is made
  for :data:`LAMP_CELLS` cells), from 0 to 1: two lamps in a row share the battery and each
  gets a quarter; side by side each gets the whole battery. It **glows** from :data:`LIT`,
  it is **bright** from :data:`BRIGHT`.
- A coil with at least :data:`MIN_AMPS` of current is a magnet (``magnet_on``): it holds the
  ``magnetic`` scrap (steel) in the cell at its S side (turned with it), never aluminium, and
  only while the current flows.
- A battery whose two sides are joined by conductors alone, or that drives more than
  :data:`SHORT_AMPS` (two batteries against each other), is a **short circuit**
  (``shorted``): in real life it gets hot and runs flat in no time. Here it gives no current
  through the rest (its poles are at one voltage), and the fact says where it is.
- Without a closed loop no current flows anywhere.

The board cannot change during a run and a pupil flips switches only while building, so the
circuit is solved once when the run starts; every tick has the same facts. ``unswitched``
tries every position of the switches: a lamp that some switch cannot turn on and off from
every position of the others (a stair lamp must answer to both switches). Each position is a
solve of its own, so this is worked out only on a level with a ``switched`` goal.

A board without circuit parts has empty facts.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from typing import Any

from game.sim.board import Board, Piece
from game.sim.geometry import Cell, Side, neighbour
from game.sim.graph import PortGraph
from game.sim.media import Env, Facts, Shared
from game.sim.meter import Reading
from game.sim.model import GoalType
from game.sim.parts import Medium

#: the cells a lamp is made for: at this push it glows at full brightness (1.0)
LAMP_CELLS = 3
#: a lamp glows (``glowing``) from this brightness: four lamps in a row on one battery still do
LIT = 0.05
#: a lamp is bright from this brightness: one lamp, or lamps side by side, on a full battery
BRIGHT = 0.8
#: a coil holds steel from this current (a lamp on its full battery takes 1)
MIN_AMPS = Fraction(1, 4)
#: a battery that drives more than this is a short circuit
SHORT_AMPS = 20
#: a battery's inner resistance: tiny, too small to change a lamp's brightness as shown
INNER = Fraction(1, 1000)
#: more switches than this are not tried in every position (``unswitched``): 2**6 solves
MOST_SWITCHES = 6

Terminal = tuple[Cell, Side]
#: a terminal, or a conductor's middle (side None)
Vertex = tuple[Cell, Side | None]


def is_circuit(piece: Piece) -> bool:
    return piece.spec.medium == Medium.CIRCUIT


def is_load(piece: Piece) -> bool:
    """A part of another medium on two circuit plugs with a resistance (a motor on the bench):
    current through it works it, like a lamp."""
    spec = piece.spec
    return spec.medium != Medium.CIRCUIT and spec.resistance > 0 and sum(
        1 for p in spec.more_ports if p.medium == Medium.CIRCUIT) == 2


def face_cell(piece: Piece) -> Cell:
    """The cell an electromagnet holds scrap in: its S side, turned with it."""
    return neighbour(piece.at, Side.S.turned(piece.rotation))


def two_way_sides(piece: Piece) -> tuple[Side, Side]:
    """A two-way switch's common side and the side it joins now (N when on, S when off)."""
    r = piece.rotation
    return Side.W.turned(r), (Side.N if piece.on else Side.S).turned(r)


def poles(piece: Piece) -> tuple[Side, Side]:
    """A two-sided part's sides: a battery's + (N at rotation 0) and - (S), a lamp's or coil's
    two ends in side order (a lamp N and S, an electromagnet W and E), turned with it."""
    if piece.spec.circuit == "battery":
        a, b = Side.N, Side.S
    else:
        ends = sorted(p.side for p in piece.spec.io if p.medium == Medium.CIRCUIT)
        a, b = ends[0], ends[-1]
    return a.turned(piece.rotation), b.turned(piece.rotation)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[Terminal, Terminal] = {}

    def add(self, t: Terminal) -> None:
        self.parent.setdefault(t, t)

    def find(self, t: Terminal) -> Terminal:
        root = t
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[t] != root:
            self.parent[t], t = root, self.parent[t]
        return root

    def join(self, a: Terminal, b: Terminal) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # the smaller terminal leads: the same roots whatever the order
            lo, hi = min(ra, rb), max(ra, rb)
            self.parent[hi] = lo


def solve_linear(matrix: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction]:
    """``matrix · x = rhs`` by Gaussian elimination on exact fractions, rows in a fixed order
    (the first row with a non-zero entry is the pivot). A column with no pivot (a point that
    nothing ties down) gets 0."""
    n = len(rhs)
    a = [row[:] + [rhs[i]] for i, row in enumerate(matrix)]
    where = [-1] * n
    row = 0
    for col in range(n):
        pivot = next((r for r in range(row, n) if a[r][col] != 0), None)
        if pivot is None:
            continue
        a[row], a[pivot] = a[pivot], a[row]
        inv = 1 / a[row][col]
        a[row] = [v * inv for v in a[row]]
        for r in range(n):
            if r != row and a[r][col] != 0:
                f = a[r][col]
                a[r] = [v - f * w for v, w in zip(a[r], a[row], strict=True)]
        where[col] = row
        row += 1
    return [a[where[c]][n] if where[c] >= 0 else Fraction(0) for c in range(n)]


@dataclass
class Solved:
    """One solved circuit: the current through each two-sided part (amps, + to - for a
    battery, from its N end to its S end for a lamp or coil), the shorted batteries, and the
    terminals joined into each point."""

    amps: dict[Cell, Fraction] = field(default_factory=dict)
    shorted: frozenset[Cell] = frozenset()
    volts: dict[Terminal, Fraction] = field(default_factory=dict)  # every terminal's point
    union: _Union | None = None


def solve(graph: PortGraph, pieces: Mapping[Cell, Piece],
          on: Mapping[Cell, bool] | None = None) -> Solved:
    """Solve the circuit of ``pieces`` (``on``: switch positions instead of the pieces' own)."""
    uf = _Union()
    elements: list[tuple[Cell, Terminal, Terminal, str]] = []
    for cell, piece in sorted(pieces.items()):
        if not is_circuit(piece) and not is_load(piece):
            continue
        sides = graph.sides(cell, Medium.CIRCUIT)
        for s in sides:
            uf.add((cell, s))
        if piece.broken:
            continue
        what = piece.spec.circuit if is_circuit(piece) else "load"
        closed = piece.on if on is None or cell not in on else on[cell]
        if what is None or (what == "switch" and closed):
            for s in sides[1:]:
                uf.join((cell, sides[0]), (cell, s))
        elif what == "two_way":
            common, _now = two_way_sides(piece)
            joined = (Side.N if closed else Side.S).turned(piece.rotation)
            if common in sides and joined in sides:
                uf.join((cell, common), (cell, joined))
        elif what in ("battery", "lamp", "coil", "load"):
            a, b = poles(piece)
            if a in sides and b in sides:
                elements.append((cell, (cell, a), (cell, b), what))
    for (cell, side), other in sorted(graph.links.items()):
        if (cell, side) in uf.parent and (other, side.opposite()) in uf.parent:
            uf.join((cell, side), (other, side.opposite()))
    nodes = sorted({uf.find(t) for t in uf.parent})
    index = {n: i for i, n in enumerate(nodes)}
    shorted = set()
    # the network's points joined by parts, and the parts that join them
    edges: list[tuple[Cell, int, int, str]] = []
    for cell, ta, tb, what in elements:
        i, j = index[uf.find(ta)], index[uf.find(tb)]
        if what == "battery" and i == j:
            shorted.add(cell)  # its two sides joined by conductors alone
            continue
        if i != j:
            edges.append((cell, i, j, what))
    volts = _node_volts(len(nodes), edges, pieces)
    amps: dict[Cell, Fraction] = {}
    for cell, i, j, what in edges:
        piece = pieces[cell]
        if what == "battery":
            push = Fraction(_cells(piece))
            current = (push - (volts[i] - volts[j])) / INNER
        else:
            current = (volts[i] - volts[j]) / max(1, piece.spec.resistance)
        amps[cell] = current
        if what == "battery" and abs(current) > SHORT_AMPS:
            shorted.add(cell)
    return Solved(amps=amps, shorted=frozenset(shorted),
                  volts={t: volts[index[uf.find(t)]] for t in uf.parent}, union=uf)


def _cells(piece: Piece) -> int:
    return int(piece.param("cell_count") or 0)


def _node_volts(n: int, edges: list[tuple[Cell, int, int, str]],
                pieces: Mapping[Cell, Piece]) -> list[Fraction]:
    """Every point's voltage: each group of points joined by parts is solved apart, its
    lowest point at 0; a group without a battery has no current, so all its points are 0."""
    links: dict[int, list[int]] = {i: [] for i in range(n)}
    for _cell, i, j, _what in edges:
        links[i].append(j)
        links[j].append(i)
    group = [-1] * n
    groups: list[list[int]] = []
    for start in range(n):
        if group[start] >= 0:
            continue
        members, queue = [start], deque([start])
        group[start] = len(groups)
        while queue:
            i = queue.popleft()
            for j in links[i]:
                if group[j] < 0:
                    group[j] = len(groups)
                    members.append(j)
                    queue.append(j)
        groups.append(sorted(members))
    volts = [Fraction(0)] * n
    for g, members in enumerate(groups):
        mine = [e for e in edges if group[e[1]] == g]
        if not any(what == "battery" for _c, _i, _j, what in mine):
            continue
        ground, rest = members[0], members[1:]
        pos = {node: k for k, node in enumerate(rest)}
        size = len(rest)
        matrix = [[Fraction(0)] * size for _ in range(size)]
        rhs = [Fraction(0)] * size

        for cell, i, j, what in mine:
            piece = pieces[cell]
            if what == "battery":  # a push with a tiny inner resistance: current into +
                g_ = 1 / INNER
                _stamp(matrix, pos, i, j, g_)
                inject = _cells(piece) * g_
                if i in pos:
                    rhs[pos[i]] += inject
                if j in pos:
                    rhs[pos[j]] -= inject
            else:
                _stamp(matrix, pos, i, j, Fraction(1, max(1, piece.spec.resistance)))
        for node, v in zip(rest, solve_linear(matrix, rhs), strict=True):
            volts[node] = v
        volts[ground] = Fraction(0)
    return volts


def _stamp(matrix: list[list[Fraction]], pos: dict[int, int], i: int, j: int,
           g: Fraction) -> None:
    """Add a conductance ``g`` between points ``i`` and ``j`` (the ground has no row)."""
    for x, y in ((i, j), (j, i)):
        if x in pos:
            matrix[pos[x]][pos[x]] += g
            if y in pos:
                matrix[pos[x]][pos[y]] -= g


def brightness(piece: Piece, amps: Fraction) -> float:
    """A lamp's brightness, 0 to 1: the power it gets over the power it is made for."""
    r = max(1, piece.spec.resistance)
    full = Fraction(LAMP_CELLS * LAMP_CELLS, r)
    got = amps * amps * r
    return round(float(min(Fraction(1), got / full)), 2)


def lit_lamps(pieces: Mapping[Cell, Piece], solved: Solved) -> frozenset[Cell]:
    return frozenset(c for c, p in pieces.items() if is_circuit(p) and p.spec.circuit == "lamp"
                     and brightness(p, solved.amps.get(c, Fraction(0))) >= LIT)


def wire_flow(graph: PortGraph, pieces: Mapping[Cell, Piece], solved: Solved
              ) -> dict[Cell, str]:
    """The conductors that carry current, each as ``"W>NE"`` (see :func:`wire_currents`)."""
    return {cell: way for cell, (way, _amps) in wire_currents(graph, pieces, solved).items()}


def wire_currents(graph: PortGraph, pieces: Mapping[Cell, Piece], solved: Solved
                  ) -> dict[Cell, tuple[str, Fraction]]:
    """The conductors that carry current, each as ``("W>NE", current)``: the sides current
    comes in by, then those it leaves by (conventional current, from + round to -), and how
    much comes in (as much goes out). Dead ends and wires that hang off the loop carry none.

    Within one point of the circuit (wires joined with no resistance) current goes in at the
    terminals of the parts that push it in and out at those that take it; the wires between
    them form a tree (a loop of bare wire within one point is cut, in a fixed order, where the
    search first meets it again), and what crosses each edge of the tree is what goes in
    beyond it: exact, and the same every time."""
    inject: dict[Vertex, Fraction] = {}
    for cell, current in solved.amps.items():
        if current == 0:
            continue
        piece = pieces[cell]
        a, b = poles(piece)
        if piece.spec.circuit == "battery":  # out of + into the point at a, back in at b
            inject[(cell, a)] = inject.get((cell, a), Fraction(0)) + current
            inject[(cell, b)] = inject.get((cell, b), Fraction(0)) - current
        else:  # through the part from a to b: out of the point at a, into the one at b
            inject[(cell, a)] = inject.get((cell, a), Fraction(0)) - current
            inject[(cell, b)] = inject.get((cell, b), Fraction(0)) + current
    adj: dict[Vertex, list[Vertex]] = {}

    def join(u: Vertex, v: Vertex) -> None:
        adj.setdefault(u, []).append(v)
        adj.setdefault(v, []).append(u)

    for cell, piece in sorted(pieces.items()):
        if not (is_circuit(piece) or is_load(piece)):
            continue
        sides = list(graph.sides(cell, Medium.CIRCUIT))
        for side in sides:
            adj.setdefault((cell, side), [])
        what = piece.spec.circuit
        if piece.broken or not is_circuit(piece):
            continue
        inside: list[Side] = []
        if what is None or (what == "switch" and piece.on):
            inside = sides
        elif what == "two_way":
            inside = [s for s in two_way_sides(piece) if s in sides]
        for side in inside:
            join((cell, None), (cell, side))
    for (cell, side), other in sorted(graph.links.items()):
        here: Vertex = (cell, side)
        there: Vertex = (other, side.opposite())
        if here in adj and there in adj and (cell, side) < (other, side.opposite()):
            join(here, there)
    # a spanning tree of every point, searched breadth first from its smallest vertex
    crossing: dict[tuple[Vertex, Vertex], Fraction] = {}  # (from, to) -> current along it
    seen: set[Vertex] = set()

    def order(v: Vertex) -> tuple[Cell, int]:
        return v[0], -1 if v[1] is None else int(v[1])

    for root in sorted(adj, key=order):
        if root in seen:
            continue
        seen.add(root)
        parent: dict[Vertex, Vertex] = {}
        visit = [root]
        queue = deque([root])
        while queue:
            u = queue.popleft()
            for v in sorted(adj[u], key=order):
                if v not in seen:
                    seen.add(v)
                    parent[v] = u
                    visit.append(v)
                    queue.append(v)
        below = {v: inject.get(v, Fraction(0)) for v in visit}
        for v in reversed(visit[1:]):
            up = parent[v]
            below[up] += below[v]
            if below[v] != 0:
                crossing[(v, up)] = below[v]
                crossing[(up, v)] = -below[v]
    out: dict[Cell, tuple[str, Fraction]] = {}
    for cell, piece in sorted(pieces.items()):
        if not is_circuit(piece) or piece.broken or piece.spec.circuit not in (
                None, "switch", "two_way"):
            continue
        ins, outs = [], []
        through = Fraction(0)  # the current that comes in (as much goes out)
        for side in graph.sides(cell, Medium.CIRCUIT):
            facing = graph.faces(cell, side)
            if facing is None:
                continue
            into = crossing.get(((facing, side.opposite()), (cell, side)), Fraction(0))
            if into > 0:
                ins.append(side.name)
                through += into
            elif into < 0:
                outs.append(side.name)
        if ins or outs:
            out[cell] = (f"{''.join(ins)}>{''.join(outs)}", through)
    return out


def _switches(pieces: Mapping[Cell, Piece]) -> list[Cell]:
    return sorted(c for c, p in pieces.items() if is_circuit(p) and not p.broken
                  and p.spec.circuit in ("switch", "two_way") and p.spec.toggle)


def unswitched(graph: PortGraph, pieces: Mapping[Cell, Piece]) -> frozenset[Cell]:
    """The lamps that not every switch turns on and off from every position of the others
    (no switch at all: every lamp). Too many switches: only from their positions now."""
    lamps = sorted(c for c, p in pieces.items() if is_circuit(p) and p.spec.circuit == "lamp")
    switches = _switches(pieces)
    if not lamps:
        return frozenset()
    if not switches:
        return frozenset(lamps)
    if len(switches) <= MOST_SWITCHES:
        positions: Iterable[tuple[bool, ...]] = product((True, False), repeat=len(switches))
    else:
        positions = [tuple(pieces[c].on for c in switches)]
    lit: dict[tuple[bool, ...], frozenset[Cell]] = {}

    def lit_at(pos: tuple[bool, ...]) -> frozenset[Cell]:
        if pos not in lit:
            lit[pos] = lit_lamps(pieces, solve(graph, pieces, dict(zip(switches, pos,
                                                                       strict=True))))
        return lit[pos]

    bad: set[Cell] = set()
    for pos in positions:
        here = lit_at(pos)
        for k in range(len(switches)):
            flipped = tuple(not v if i == k else v for i, v in enumerate(pos))
            there = lit_at(flipped)
            bad.update(c for c in lamps if (c in here) == (c in there))
    return frozenset(bad)


def _readings(pieces: Mapping[Cell, Piece], amps: Mapping[Cell, Fraction],
              bright: Mapping[Cell, float], currents: Mapping[Cell, tuple[str, Fraction]],
              magnets: frozenset[Cell], shorted: frozenset[Cell]) -> dict[Cell, Reading]:
    """The probe's reading at every part of a loop: the current through it (amps, rounded as
    the ``amps`` fact is), a lamp's brightness, whether a coil is a magnet now, whether a
    battery is in a short circuit."""
    out: dict[Cell, Reading] = {}
    for cell, piece in sorted(pieces.items()):
        if not (is_circuit(piece) or is_load(piece)) or piece.spec.circuit == "scrap":
            continue
        current = abs(currents[cell][1]) if cell in currents else abs(
            amps.get(cell, Fraction(0)))
        what = piece.spec.circuit if is_circuit(piece) else "load"
        out[cell] = Reading(
            0, amps=round(float(current), 2),
            brightness=bright.get(cell) if what == "lamp" else None,
            magnet=(cell in magnets) if what == "coil" else None,
            shorted=cell in shorted)
    return out


class CircuitMedium:
    name = "circuit"
    FACTS: tuple[str, ...] = ("amps", "brightness", "glowing", "unlit", "not_bright",
                              "flowing", "wire_flow", "magnet_on", "held", "not_held",
                              "shorted", "unswitched", "powered")

    def __init__(self) -> None:
        self.facts: Facts = {name: frozenset() for name in self.FACTS} | {
            "amps": {}, "brightness": {}, "wire_flow": {}}
        #: what the measuring probe reads at each circuit part (game.sim.meter): the same
        #: every tick, as the circuit is solved once
        self.meter: dict[Cell, Reading] = {}

    def build(self, graph: PortGraph, board: Board, params: Mapping[str, Any]) -> None:
        pieces = board.pieces
        if not any(is_circuit(p) or is_load(p) for p in pieces.values()):
            return
        solved = solve(graph, pieces)
        amps = {c: a for c, a in solved.amps.items() if a != 0}
        shown = {c: round(float(abs(a)), 2) for c, a in sorted(amps.items())}
        lamps = sorted(c for c, p in pieces.items() if is_circuit(p)
                       and p.spec.circuit == "lamp")
        bright = {c: brightness(pieces[c], amps.get(c, Fraction(0))) for c in lamps}
        glowing = frozenset(c for c in lamps if bright[c] >= LIT)
        magnets = frozenset(c for c, p in pieces.items() if is_circuit(p)
                            and p.spec.circuit == "coil"
                            and abs(amps.get(c, Fraction(0))) >= MIN_AMPS)
        held = frozenset(face_cell(pieces[m]) for m in magnets
                         if face_cell(pieces[m]) in pieces
                         and pieces[face_cell(pieces[m])].spec.magnetic
                         and not pieces[face_cell(pieces[m])].spec.ports)
        scrap = [c for c, p in pieces.items() if p.spec.magnetic and p.spec.circuit == "scrap"]
        currents = wire_currents(graph, pieces, solved)
        flows = {c: way for c, (way, _a) in currents.items()}
        self.meter = _readings(pieces, amps, bright, currents, magnets, solved.shorted)
        self.facts = {
            "amps": shown, "brightness": bright, "glowing": glowing,
            "unlit": frozenset(lamps) - glowing,
            "not_bright": frozenset(c for c in lamps if bright[c] < BRIGHT),
            "flowing": frozenset(c for c in shown if shown[c] > 0) | frozenset(flows),
            "wire_flow": flows, "magnet_on": magnets, "held": held,
            "not_held": frozenset(scrap) - held, "shorted": solved.shorted,
            # every position of the switches costs a solve: only where a goal asks for it
            "unswitched": unswitched(graph, pieces) if any(
                g.type is GoalType.SWITCHED for g in board.level.goals) else frozenset(),
            # every lamp, coil and part on circuit plugs (a motor) with enough current to work:
            # what a medium after this one reads (game.sim.media.motion)
            "powered": frozenset(c for c, a in amps.items() if abs(a) >= MIN_AMPS
                                 and pieces[c].spec.circuit != "battery"),
        }

    def step(self, tick: int, env: Env, shared: Shared) -> Facts:
        return dict(self.facts)
