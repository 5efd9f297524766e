"""Motion: motors turn gears, gears turn the gears beside them, belts and shafts carry turning.

The rules (SCIENCE.md, "Motion and force"); speeds are game numbers (turns in a while), the
directions and ratios are nature's:

- **Speed and direction.** A part's speed is a :class:`~fractions.Fraction` with a sign:
  positive is clockwise as the board shows it, negative anticlockwise. Fractions keep "exactly
  three times slower" exact.
- **Sides.** Every motion part fits in one square. Each of its ports is either a gear's teeth
  (``PartSpec.teeth``: the side meshes with the teeth of the part beside it) or a join
  (``PartSpec.joins``): a ``shaft`` (the part beside it sits on the same shaft and turns with
  it) or a ``belt`` (a belt runs to the next belt side).
- **Meshing.** Two teeth sides facing each other mesh: the second gear turns the other way,
  at the first one's speed times the first one's teeth divided by its own. A small gear (8
  teeth) that drives a big one (24) makes it turn three times slower.
- **Shafts and belts.** A shaft side facing teeth or another shaft: both turn the same way at
  the same speed (two gears on one shaft, a motor and the gear on its shaft, an output shaft
  and the gear that turns it). Two belt sides facing each other: the same way, the same speed
  (every pulley is the same size). A belt side does not mesh with teeth: nothing passes there.
- **Big gears reach the corners.** A big gear (:data:`CORNER_TEETH` teeth) is so big that
  it also meshes with a big gear in a square at its corner. On squares, gears that mesh only
  side to side can never close a ring of three; two big gears corner to corner and a gear
  beside both can, and that ring jams, as SCIENCE.md says.
- **Motors.** A motor (``Role.SOURCE``) with energy through its plug (the power medium's
  ``powered``, or the circuit medium's, when a board has one) turns its shaft at its
  ``speed`` option (or its ``output``), clockwise unless its ``clockwise`` option is off. Without energy it turns
  along with the train, or stands still.
- **Jams.** The parts joined by meshes, shafts and belts are one train. A train whose parts
  cannot all turn at once (three gears in a ring: each would have to turn both ways; or two
  motors that pull it at different speeds) is locked: when a motor with energy tries to turn
  it, nothing in it turns (``locked``), and the ring or the motors that fight are ``gear_jam``.
  A train that no motor turns stands still and is never jammed.
- **Output shafts.** An output shaft (``Role.CONSUMER``: the crane's drum) must turn at its
  ``speed`` option, clockwise or not as its ``clockwise`` option says; each tick it does not,
  it is ``wrong_speed``.

A board without a motion part has nothing that turns: every fact is empty.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from game.sim.board import Board, Piece
from game.sim.geometry import Cell, Side, neighbour
from game.sim.graph import PortGraph
from game.sim.media import Env, Facts, Shared
from game.sim.meter import Reading
from game.sim.parts import Medium, Role

#: the media whose ``powered`` fact gives a motor its energy (the ones that step earlier)
ENERGY_FROM = ("power", "circuit")
#: a gear with this many teeth or more on every side reaches the squares at its corners
CORNER_TEETH = 24
#: the steps to the four squares at a cell's corners
CORNERS = ((1, -1), (1, 1), (-1, 1), (-1, -1))


def side_link(a: Piece, side: Side, b: Piece) -> Fraction | None:
    """How ``b`` (beside ``a`` at ``side``) turns when ``a`` turns at speed 1: its speed, or
    None when they do not pass turning to each other there."""
    back = side.opposite()
    ta = a.spec.teeth_at(a.rotation).get(side)
    tb = b.spec.teeth_at(b.rotation).get(back)
    ja = a.spec.joins_at(a.rotation).get(side)
    jb = b.spec.joins_at(b.rotation).get(back)
    if ta is not None and tb is not None:
        return Fraction(-ta, tb)  # meshing: the other way, by the ratio of teeth
    if (ja == "shaft" and (tb is not None or jb == "shaft")) or (jb == "shaft" and ta is not None):
        return Fraction(1)  # on one shaft
    if ja == "belt" and jb == "belt":
        return Fraction(1)  # a belt keeps the direction
    return None


def reaches_corners(piece: Piece) -> bool:
    """A big gear (teeth on every side, at least :data:`CORNER_TEETH`): so big that it also
    meshes with a big gear corner to corner."""
    teeth = piece.spec.teeth
    return len(teeth) == 4 and min(teeth.values()) >= CORNER_TEETH


def wanted(piece: Piece) -> Fraction:
    """The signed speed an output shaft must turn at (its ``speed``, minus if anticlockwise)."""
    speed = Fraction(int(piece.param("speed") or 0))
    return speed if piece.param("clockwise") is not False else -speed


def motor_speed(piece: Piece) -> Fraction:
    """The signed speed a motor with energy turns its shaft at (its ``speed`` option, or its
    ``output``)."""
    speed = Fraction(int(piece.param("speed") or piece.spec.output))
    return speed if piece.param("clockwise") is not False else -speed


@dataclass(frozen=True)
class Train:
    """Parts joined by meshes, shafts and belts: each turns at ``ratio`` times the first's
    speed; ``ring`` holds the cells of a ring that cannot turn (empty: it can turn)."""

    cells: tuple[Cell, ...]
    ratio: Mapping[Cell, Fraction]
    ring: frozenset[Cell]
    motors: tuple[Cell, ...]


def find_trains(pieces: Mapping[Cell, Piece]) -> list[Train]:
    """The trains of ``pieces`` (motion parts that are not broken), in cell order."""
    links: dict[Cell, list[tuple[Cell, Fraction]]] = {}
    for cell, piece in sorted(pieces.items()):
        out = links.setdefault(cell, [])
        for side in Side:
            other = neighbour(cell, side)
            if other in pieces:
                r = side_link(piece, side, pieces[other])
                if r is not None:
                    out.append((other, r))
        for dx, dy in CORNERS:
            other = (cell[0] + dx, cell[1] + dy)
            if other in pieces and reaches_corners(piece) and reaches_corners(pieces[other]):
                out.append((other, Fraction(-1)))  # two big gears corner to corner
    trains: list[Train] = []
    seen: set[Cell] = set()
    for start in sorted(links):
        if start in seen:
            continue
        ratio = {start: Fraction(1)}
        parent: dict[Cell, Cell | None] = {start: None}
        ring: set[Cell] = set()
        queue = deque([start])
        seen.add(start)
        while queue:
            cell = queue.popleft()
            for other, r in links[cell]:
                if other not in ratio:
                    ratio[other] = ratio[cell] * r
                    parent[other] = cell
                    seen.add(other)
                    queue.append(other)
                elif ratio[other] != ratio[cell] * r:
                    ring |= _cycle(parent, cell, other)
        cells = tuple(sorted(ratio))
        motors = tuple(c for c in cells if pieces[c].spec.role == Role.SOURCE)
        trains.append(Train(cells, ratio, frozenset(ring), motors))
    return trains


def _cycle(parent: Mapping[Cell, Cell | None], a: Cell, b: Cell) -> set[Cell]:
    """The cells of the ring closed by the link a-b: both paths up the search tree to where
    they meet."""
    up_a: list[Cell] = []
    c: Cell | None = a
    while c is not None:
        up_a.append(c)
        c = parent[c]
    path_b: list[Cell] = []
    c = b
    while c is not None and c not in up_a:
        path_b.append(c)
        c = parent[c]
    meet = c
    ring = set(path_b)
    for c2 in up_a:
        ring.add(c2)
        if c2 == meet:
            break
    return ring


def _on_circuit(piece: Piece) -> bool:
    """A part that takes its energy from the workbench circuit (the bench motor)."""
    return any(p.medium == Medium.CIRCUIT for p in piece.spec.more_ports)


class MotionMedium:
    name = "motion"
    FACTS: tuple[str, ...] = ("turn_speed", "turning", "locked", "gear_jam", "stalled",
                              "shaft_speed", "wrong_speed")

    def __init__(self) -> None:
        self.trains: list[Train] = []
        self.pieces: dict[Cell, Piece] = {}
        self.outputs: tuple[Cell, ...] = ()
        self.speed_of: dict[Cell, Fraction] = {}
        self.goal_speed: dict[Cell, Fraction] = {}
        self.on_circuit: dict[Cell, bool] = {}
        #: what the measuring probe reads at each moving part this tick (game.sim.meter)
        self.meter: dict[Cell, Reading] = {}

    def build(self, graph: PortGraph, board: Board, params: Mapping[str, Any]) -> None:
        self.pieces = {c: p for c, p in sorted(board.pieces.items())
                       if p.spec.medium == Medium.MOTION}
        self.outputs = tuple(c for c, p in self.pieces.items() if p.spec.role == Role.CONSUMER)
        self.trains = find_trains({c: p for c, p in self.pieces.items() if not p.broken})
        # what the frozen board says once, not every tick: each motor's speed, each output's
        # wanted speed, and which parts take their energy from the workbench circuit
        self.speed_of = {m: motor_speed(self.pieces[m]) for t in self.trains for m in t.motors}
        self.goal_speed = {c: wanted(self.pieces[c]) for c in self.outputs}
        self.on_circuit = {c: _on_circuit(p) for c, p in self.pieces.items()}

    def step(self, tick: int, env: Env, shared: Shared) -> Facts:
        if not self.pieces:  # no moving part: nothing turns, and the probe reads nothing
            self.meter = {}
            none: frozenset[Cell] = frozenset()
            return {"turn_speed": {}, "turning": none, "locked": none, "gear_jam": none,
                    "stalled": none, "shaft_speed": {}, "wrong_speed": none}
        # the parts with energy: those powered in any medium that gives motors energy
        energy = [shared.get(medium, "powered", ()) or () for medium in ENERGY_FROM]
        speed: dict[Cell, Fraction] = {}
        locked: set[Cell] = set()
        jam: set[Cell] = set()
        stalled: set[Cell] = set()
        for train in self.trains:
            running = [m for m in train.motors if any(m in got for got in energy)]
            if not running:
                continue
            firsts = {self.speed_of[m] / train.ratio[m] for m in running}
            if train.ring or len(firsts) > 1:
                locked |= set(train.cells)
                jam |= set(train.ring) if train.ring else set(running)
                stalled |= set(running)
                continue
            first = firsts.pop()
            for cell in train.cells:
                if first * train.ratio[cell]:
                    speed[cell] = first * train.ratio[cell]
        amps = shared.get("circuit", "amps", {}) or {}  # a bench motor's current
        still = Fraction(0)
        self.meter = {c: Reading(0, amps=amps.get(c, 0.0) if self.on_circuit[c] else None,
                                 turn=speed.get(c, still), jammed=c in locked)
                      for c in self.pieces}
        shaft = {c: speed.get(c, still) for c in self.outputs}
        wrong = {c for c in self.outputs if shaft[c] != self.goal_speed[c]}
        return {
            "turn_speed": dict(sorted(speed.items())), "turning": frozenset(speed),
            "locked": frozenset(locked), "gear_jam": frozenset(jam),
            "stalled": frozenset(stalled), "shaft_speed": shaft,
            "wrong_speed": frozenset(wrong),
        }
