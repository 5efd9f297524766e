"""Signals: on/off along signal wires, from buttons and sensors through gates to lamps.

The rules (SCIENCE.md, "Light and signals": data is on/off signals; AND needs both inputs, OR
needs one):

- **Wires.** Signal wires (straight, corner, T) join their ports into one *net*: a net is on
  when any part feeding it is on, else off. A cross-over carries two wires over each other
  without joining them (its routes: N-S and E-W). A broken wire joins nothing. Signal parts
  join only signal ports (game.sim.graph), so a signal never runs into a power cable.
- **Sources** (role ``source``; every port an output). A push button is on while pressed: the
  pupil taps it before Test (its ``pressed`` option, the toggle). A sensor (badge reader,
  smoke, heat) is on when it ``senses`` something, from tick ``after`` on. A heat sensor
  (``probe``) on a board with temperatures reads the heat medium instead: on at its ``set``
  temperature or warmer. A level's truth table (``Level.table``) sets its input parts row by
  row, over all of that. A broken source is off.
- **Gates** (``signal: and | or | not``): the E port (at rotation 0) is the output, every other
  port an input; an input joined to nothing is off. AND is on when all its inputs are on, OR
  when one is, NOT when its input is off. Within a tick the gates are worked out in order, each
  after the gates that feed it (a topological order, ties by cell), so a chain of gates gives
  its answer in the same tick. **Loops**: gates that feed themselves round a loop (a NOT whose
  output comes back to its input) read what the loop carried the tick before (off in the
  first tick), like a real gate that takes a moment to switch: a NOT in a loop blinks on, off,
  on, ... deterministic, never stuck. ``looping`` names them. A broken gate's output is off.
- **Outputs** (role ``consumer``; every port an input, ``signal: lamp | door | bell``): on when
  a net at one of its ports is on: the lamp lights, the door lock opens, the bell rings.

Facts (every key, every tick): ``signal`` every part that is on (a wire carrying on, a source
on, a gate whose output is on, an output on); ``signal_ports`` each (cell, side) whose net is
on; ``inputs_on``, ``gates_on``, ``lamps_on``, ``doors_open``, ``ringing``, ``outputs_on``,
``outputs_off`` (outputs that are off); ``looping``; ``table_row`` the truth table's row this
tick (None without a table); ``table_wrong`` the table's outputs that differ from what the row
wants, at the row's last tick (empty at every other tick); ``table_seen`` row -> the table's
outputs that were on at the row's last tick, for every row played so far (what the table on
the screen shows). The measuring probe reads each signal part's on or off and a gate's inputs
(``meter``: game.sim.meter.Reading ``signal`` and ``inputs``).

A board without a signal part (the other worlds) has every fact empty.

Packets (messages with an address on cables with a capacity, routers) are not signals: they
will be a medium of their own with its own cables and ports, stepping after this one, so a
router or a cable may read the signals of the tick (a badge reader that lets packets through)
and the signals never wait for packets. Nothing here knows about them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.sim.board import Board, Piece
from game.sim.geometry import Cell, Side
from game.sim.graph import PortGraph
from game.sim.media import Env, Facts, Shared
from game.sim.meter import Reading
from game.sim.model import SignalTable
from game.sim.parts import Medium, Role

PortKey = tuple[Cell, Side]

#: what each gate does with its inputs (a list of on/off, in side order)
GATES = {
    "and": lambda ins: bool(ins) and all(ins),
    "or": any,
    "not": lambda ins: not any(ins),
}
#: the output sides' facts: lamp -> lamps_on, ...
SHOWS = {"lamp": "lamps_on", "door": "doors_open", "bell": "ringing"}
#: the side of a gate that is its output, at rotation 0
GATE_OUT = Side.E


def is_gate(piece: Piece) -> bool:
    return piece.spec.signal in GATES


def is_input(piece: Piece) -> bool:
    return piece.spec.medium == Medium.SIGNAL and piece.spec.role == Role.SOURCE


def is_output(piece: Piece) -> bool:
    return piece.spec.medium == Medium.SIGNAL and piece.spec.role == Role.CONSUMER


def gate_output(piece: Piece) -> Side:
    return GATE_OUT.turned(piece.rotation)


def has_signal(board: Board) -> bool:
    return any(Medium.SIGNAL in p.spec.media() for p in board.pieces.values())


class _Nets:
    """Union-find over signal ports: which ports are joined into one net."""

    def __init__(self) -> None:
        self.parent: dict[PortKey, PortKey] = {}

    def add(self, key: PortKey) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: PortKey) -> PortKey:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def join(self, a: PortKey, b: PortKey) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the smaller key names the net


class SignalMedium:
    name = "signal"
    FACTS: tuple[str, ...] = ("signal", "signal_ports", "inputs_on", "gates_on", "lamps_on",
                              "doors_open", "ringing", "outputs_on", "outputs_off", "looping",
                              "table_row", "table_wrong", "table_seen")

    def __init__(self) -> None:
        self.active = False
        self.pieces: dict[Cell, Piece] = {}
        self.net: dict[PortKey, PortKey] = {}  # every signal port -> its net
        self.wires: dict[Cell, tuple[PortKey, ...]] = {}
        self.inputs: list[Cell] = []
        self.outputs: list[Cell] = []
        #: gate -> (its input nets, its output net or None)
        self.gate_io: dict[Cell, tuple[tuple[PortKey | None, ...], PortKey | None]] = {}
        self.order: list[Cell] = []  # the gates outside loops, each after those that feed it
        self.loop: list[Cell] = []  # the gates in a loop, in cell order
        self.held: dict[Cell, bool] = {}  # a loop gate's output of the tick before
        self.ports: dict[Cell, tuple[PortKey, ...]] = {}
        self.table: SignalTable | None = None
        self.table_cells: dict[Cell, int] = {}
        self.seen: dict[int, frozenset[Cell]] = {}  # row -> the outputs on at its last tick
        #: what the measuring probe reads at each signal part this tick (game.sim.meter): on or
        #: off, and a gate's inputs
        self.meter: dict[Cell, Reading] = {}

    # --- build --------------------------------------------------------------------------------
    def build(self, graph: PortGraph, board: Board, params: Mapping[str, Any]) -> None:
        self.active = has_signal(board)
        if not self.active:
            return
        self.pieces = {c: p for c, p in sorted(board.pieces.items())
                       if p.spec.medium == Medium.SIGNAL}
        self.table = board.level.table
        if self.table is not None:
            self.table_cells = {c: i for i, c in enumerate(self.table.inputs)}
        nets = _Nets()
        for cell in self.pieces:
            keys = tuple((cell, side) for side in graph.sides(cell, Medium.SIGNAL))
            self.ports[cell] = keys
            for key in keys:
                nets.add(key)
        for cell, piece in self.pieces.items():
            for side, other in graph.joined(cell, Medium.SIGNAL):
                if other in self.pieces:
                    nets.join((cell, side), (other, side.opposite()))
            if piece.spec.role == Role.CONDUCTOR and not is_gate(piece) and not piece.broken:
                for entry, exits in piece.spec.routes_at(piece.rotation).items():
                    for exit_side in exits:
                        if (cell, entry) in nets.parent and (cell, exit_side) in nets.parent:
                            nets.join((cell, entry), (cell, exit_side))
        self.net = {key: nets.find(key) for key in nets.parent}
        for cell, piece in self.pieces.items():
            if is_input(piece):
                self.inputs.append(cell)
            elif is_output(piece):
                self.outputs.append(cell)
            elif not is_gate(piece):
                self.wires[cell] = self.ports[cell]
            else:
                out_side = gate_output(piece)
                ins = tuple(self.net[(cell, s)] for s in graph.sides(cell, Medium.SIGNAL)
                            if s != out_side)
                out = self.net.get((cell, out_side))
                self.gate_io[cell] = (ins, out)
        self._order_gates()

    def _order_gates(self) -> None:
        """Gates in loops (each feeds itself round a loop), and the others in an order where
        each comes after every gate that feeds it; ties by cell, so always the same order."""
        feeds: dict[Cell, set[Cell]] = {g: set() for g in self.gate_io}  # gate -> gates it feeds
        for g, (_ins, out) in self.gate_io.items():
            if out is None:
                continue
            for h, (ins, _out) in self.gate_io.items():
                if out in ins:
                    feeds[g].add(h)

        def reaches(start: Cell) -> set[Cell]:
            seen: set[Cell] = set()
            stack = list(feeds[start])
            while stack:
                g = stack.pop()
                if g not in seen:
                    seen.add(g)
                    stack.extend(feeds[g])
            return seen

        self.loop = sorted(g for g in self.gate_io if g in reaches(g))
        looped = set(self.loop)
        fed_by = {g: {h for h in self.gate_io if g in feeds[h] and h not in looped}
                  for g in self.gate_io if g not in looped}
        order: list[Cell] = []
        ready = sorted(g for g, by in fed_by.items() if not by)
        done: set[Cell] = set()
        while ready:
            g = ready.pop(0)
            order.append(g)
            done.add(g)
            for h in sorted(feeds[g]):
                if h in fed_by and h not in done and h not in ready and fed_by[h] <= done:
                    ready.append(h)
            ready.sort()
        self.order = order
        self.held = dict.fromkeys(self.loop, False)

    # --- a tick -------------------------------------------------------------------------------
    def _input_on(self, cell: Cell, piece: Piece, tick: int, shared: Shared) -> bool:
        if piece.broken:
            return False
        if self.table is not None and cell in self.table_cells:
            row = self.table.rows[self.table.row_at(tick)]
            return row.inputs[self.table_cells[cell]]
        spec = piece.spec
        if spec.toggle:
            return bool(piece.param(spec.toggles))
        readings = shared.get("heat", "readings", {}) or {}
        if spec.probe and cell in readings:
            return int(readings[cell]) >= int(piece.param("set") or 0)
        return bool(piece.param("senses")) and tick >= int(piece.param("after") or 0)

    def step(self, tick: int, env: Env, shared: Shared) -> Facts:
        if not self.active:
            return {**_IDLE, "table_seen": {}}
        driven: set[PortKey] = set()  # nets that something on feeds
        inputs_on: set[Cell] = set()
        for cell in self.inputs:
            if self._input_on(cell, self.pieces[cell], tick, shared):
                inputs_on.add(cell)
                driven.update(self.net[key] for key in self.ports[cell])
        gates_on: set[Cell] = set()
        for g in self.loop:  # what the loop carried the tick before
            out = self.gate_io[g][1]
            if self.held[g] and out is not None:
                gates_on.add(g)
                driven.add(out)
        for g in self.order:
            if self._gate(g, driven):
                gates_on.add(g)
                out = self.gate_io[g][1]
                if out is not None:
                    driven.add(out)
        self.held = {g: self._gate(g, driven) for g in self.loop}  # for the next tick
        on_ports = frozenset(key for key, net in self.net.items() if net in driven)
        on_cells = {cell for cell, _side in on_ports}
        wires_on = {c for c in self.wires if c in on_cells and not self.pieces[c].broken}
        outputs_on = {c for c in self.outputs if c in on_cells and not self.pieces[c].broken}
        shows: dict[str, set[Cell]] = {fact: set() for fact in SHOWS.values()}
        for c in outputs_on:
            what = self.pieces[c].spec.signal
            if what in SHOWS:
                shows[SHOWS[what]].add(c)
        self.meter = {c: Reading(0, signal=c in wires_on or c in inputs_on or c in gates_on
                                 or c in outputs_on,
                                 inputs=tuple(net in driven for net in self.gate_io[c][0])
                                 if c in self.gate_io else None)
                      for c in self.pieces}
        row = self.table.row_at(tick) if self.table is not None else None
        wrong: set[Cell] = set()
        if self.table is not None and row is not None and tick == self.table.row_end(row):
            self.seen = {**self.seen, row: frozenset(c for c in self.table.outputs
                                                     if c in outputs_on)}
            want = self.table.rows[row].want
            if want is not None:
                wrong = {c for c, w in zip(self.table.outputs, want, strict=True)
                         if (c in outputs_on) != w}
        return {
            "signal": frozenset(wires_on | inputs_on | gates_on | outputs_on),
            "signal_ports": on_ports,
            "inputs_on": frozenset(inputs_on), "gates_on": frozenset(gates_on),
            "lamps_on": frozenset(shows["lamps_on"]), "doors_open": frozenset(shows["doors_open"]),
            "ringing": frozenset(shows["ringing"]), "outputs_on": frozenset(outputs_on),
            "outputs_off": frozenset(c for c in self.outputs if c not in outputs_on),
            "looping": frozenset(self.loop), "table_row": row, "table_wrong": frozenset(wrong),
            "table_seen": self.seen,
        }

    def _gate(self, g: Cell, driven: set[PortKey]) -> bool:
        if self.pieces[g].broken:
            return False
        ins, _out = self.gate_io[g]
        rule = GATES[str(self.pieces[g].spec.signal)]
        return bool(rule([net in driven for net in ins]))


#: the facts of a tick on a board without signal parts (``table_seen``, a dict, made anew)
_IDLE: dict[str, Any] = {name: frozenset() for name in SignalMedium.FACTS} | {"table_row": None}


def table_results(table: SignalTable, state: Any | None) -> list[tuple[bool, ...] | None]:
    """Per row of a truth table, the outputs as they were at the row's last tick, as a tick's
    state (``table_seen``) knows them (None: the run has not got there yet, or no run); what
    the board's table shows beside the wanted outputs."""
    seen = state.fact("table_seen", {}) if state is not None else {}
    return [tuple(c in seen[row] for c in table.outputs) if row in seen else None
            for row in range(len(table.rows))]
