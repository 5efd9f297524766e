"""Items on belts: suitcases, parcels, flower boxes and containers, one cell a tick.

What the pupil should learn (WORLDS.md, "Vliegveld en haven"): a sorting system works because
every item carries a label and every machine on the way reads it; a belt only carries one way;
where two streams meet they must take turns, or the items pile up.

The rules, all whole cells and whole ticks:

- A **loading point** (an items source) puts its items on, one at a time, into its own cell:
  ``count`` items of its ``cargo`` (:data:`CARGO`), one every ``every`` ticks from tick
  ``start``, each with its ``label`` (1-4; 0: the labels 1 to ``mix`` in turn). A load that finds the loading point still holding
  the last item waits there (the queue at the desk).
- Each tick every item tries to move one cell on, by the exits its part's routing table gives
  for the side it came in by (a belt: in at its back, out at its arrow). A **diverter** sends
  the items with its ``label`` out of its side and the others straight on. The item goes into
  the part facing that exit, if that part takes items in from that side and has room:
  one item a cell, a **buffer** its capacity, a **bay** one item a tick.
- A part that would take an item in by a side it cannot take it from (a belt turned the wrong
  way) blocks it: the item waits. Where several items want one cell in the same tick they take
  turns, by the side they come from (round and round, so no stream waits for ever).
- An item whose exit faces nothing falls off the belt (``dropped``); one that goes into a
  broken part falls off there.
- A **bay** (plane, ship, truck) takes the item: right when the bay takes any label (0) or the
  item's label, else it is a wrong delivery (``wrong``).
- An item that could not move for two ticks in a row is stuck (``jammed``), and so is a loading
  point whose next item has waited two ticks; items waiting in a buffer are not.
- A **scanner** is a belt that scans every item that passes (``scanning``); a bay that takes
  in an item no scanner saw says so (``unscanned``).
- An **electric truck** (from a truck depot: its ``battery``, full at the start) uses one
  block of its battery for every cell it drives, two when it is ``heavy``. With too little left
  it stops: it ran flat (``flat``). On a **charger** with energy (the power medium counts the
  charger's plug ``powered`` this tick) it stops and gets :data:`CHARGE_RATE` blocks a tick
  until it is full, then drives on; a charger without energy does nothing.
- An **isotope** (from a reactor: its ``strength`` and ``half_life``) loses half its strength
  every ``half_life`` ticks after the tick it was put on the belt, however strong it still is:
  at tick ``t`` it has ``strength // 2 ** ((t - made) // half_life)`` (whole numbers, so a
  reactor's strength is a power of two: 16, 8, 4, 2, 1, then nothing). Waiting costs strength
  too: it decays on a belt, in a buffer and in a jam alike (``strength``: every isotope on the
  board, by item number). A bay with ``needs`` (a hospital) takes an isotope that arrives with
  at least that strength; one that arrives weaker is no use there (``too_weak``), like a wrong
  delivery.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from game.sim.board import Board, Piece
from game.sim.geometry import Cell, Side
from game.sim.graph import PortGraph
from game.sim.media import Env, Facts, Shared
from game.sim.parts import Medium, Role

#: how many different labels an item may carry (a colour and a symbol each)
LABELS = 4
#: ticks an item may wait in one place before it counts as stuck
STUCK_AFTER = 2
#: a loading point's ``cargo``: what it puts on the belt (the art of the item, assets/items/);
#: the last is an electric truck, which drives on roads on its battery
#: and then an isotope from a reactor, which loses half its strength every half-life
CARGO = ("suitcase", "parcel", "flower_box", "container", "e_truck", "isotope")
#: battery blocks a truck's charger puts in each tick it has energy
CHARGE_RATE = 2


@dataclass(frozen=True)
class Item:
    """One item on the board: its number (the order it was loaded in), its label, what it is
    (art), where it is and the side it came in by (None: at its loading point)."""

    id: int
    label: int
    cargo: str
    cell: Cell
    entry: Side | None = None
    came_from: Cell | None = None  # the cell it was in at the tick before (for the drawing)
    waited: int = 0  # ticks in a row it could not move
    scanned: bool = False
    charge: int | None = None  # an electric truck: the blocks in its battery (None: no truck)
    battery: int = 0  # a truck: the most its battery holds
    per_cell: int = 0  # a truck: the blocks one cell of driving takes
    strength: int = 0  # an isotope: its strength when it was made (0: no isotope)
    half_life: int = 1  # an isotope: the ticks in which it loses half its strength
    made: int = 0  # the tick it was put on the belt

    def strength_at(self, tick: int) -> int:
        """An isotope's strength at ``tick``: halved once for every whole half-life since it
        was made (never stronger later; 0 when nothing is left)."""
        return self.strength >> (max(0, tick - self.made) // self.half_life)


@dataclass
class _Loader:
    cell: Cell
    cargo: str
    label: int
    mix: int
    count: int
    every: int
    start: int
    battery: int = 0  # trucks: the battery, full at the start (0: no trucks)
    heavy: bool = False  # trucks: a heavy load, two blocks a cell
    strength: int = 0  # isotopes: the strength each one has when made (0: no isotopes)
    half_life: int = 1  # isotopes: the ticks in which one loses half its strength
    loaded: int = 0
    due: int = 0  # items whose time has come but that found the desk full
    waited: int = 0

    def label_of(self, n: int) -> int:
        return self.label if self.label else 1 + n % self.mix


@dataclass
class ItemsMedium:
    name: str = "items"
    FACTS: tuple[str, ...] = ("items", "producing", "jammed", "dropped", "wrong",
                              "received", "delivered", "undelivered", "diverted", "scanning",
                              "first_arrival", "took", "flat", "charging", "truck_charge",
                              "truck_battery", "unscanned", "trucks_out", "to_load",
                              "strength", "too_weak")
    pieces: Mapping[Cell, Piece] = field(default_factory=dict)
    graph: PortGraph | None = None
    loaders: list[_Loader] = field(default_factory=list)
    items: dict[int, Item] = field(default_factory=dict)
    turn: dict[Cell, Side] = field(default_factory=dict)  # the side a cell took from last
    received: dict[Cell, int] = field(default_factory=dict)
    first_arrival: int | None = None
    next_id: int = 0
    lost_at: set[Cell] = field(default_factory=set)  # where items fell off or went wrong
    took: set[Cell] = field(default_factory=set)
    unscanned: set[Cell] = field(default_factory=set)  # bays that took an item not scanned
    too_weak: set[Cell] = field(default_factory=set)  # bays an isotope reached too weak

    def build(self, graph: PortGraph, board: Board, params: Mapping[str, Any]) -> None:
        self.graph = graph
        self.pieces = {c: p for c, p in graph.pieces.items() if p.spec.medium == Medium.ITEMS}
        self.loaders = [
            _Loader(cell, CARGO[min(len(CARGO), max(1, _int(p, "cargo"))) - 1], _int(p, "label"),
                    max(2, _int(p, "mix")), _int(p, "count"), max(1, _int(p, "every")),
                    _int(p, "start"), _int(p, "battery"), bool(p.param("heavy")),
                    _int(p, "strength"),
                    max(1, _int(p, "half_life")))
            for cell, p in sorted(self.pieces.items())
            if p.spec.role == Role.SOURCE and not p.broken]
        self.received = {c: 0 for c, p in self.pieces.items() if p.spec.role == Role.CONSUMER}

    # --- one tick ----------------------------------------------------------------------------
    def step(self, tick: int, env: Env, shared: Shared) -> Facts:
        if not self.pieces:  # no belt, desk or bay: nothing is ever loaded, moved or taken
            return self._no_items()
        dropped: set[Cell] = set()
        wrong: set[Cell] = set()
        self.too_weak = set()
        self.took = set()
        self.unscanned = set()
        diverted: set[Cell] = set()
        flat: set[Cell] = set()
        charging: set[Cell] = set()
        powered = shared.get("power", "powered", frozenset())
        wants: dict[int, tuple[Cell, Side, Side]] = {}  # item -> (target, exit, entry there)
        for item in sorted(self.items.values(), key=lambda i: i.id):
            if not self._at_front(item):
                continue
            piece = self.pieces[item.cell]
            if item.charge is not None:
                if piece.spec.charger and item.charge < item.battery and item.cell in powered:
                    charge = min(item.battery, item.charge + CHARGE_RATE)
                    self.items[item.id] = replace(item, charge=charge, waited=0)
                    charging.add(item.cell)
                    continue  # it stays on the charger until its battery is full
                if item.charge < item.per_cell:
                    flat.add(item.cell)  # ran flat: it cannot drive one more cell
                    continue
            exit_side = self._exit(item, piece)
            if exit_side is None:
                continue  # nowhere to go: it waits (a bay never holds items)
            target = self.graph.faces(item.cell, exit_side) if self.graph else None
            if target is None:
                dropped.add(item.cell)  # off the end of the belt
                del self.items[item.id]
                continue
            if self._takes(target, exit_side.opposite()):
                wants[item.id] = (target, exit_side, exit_side.opposite())
            if piece.spec.diverter and exit_side != _straight_on(item, piece):
                diverted.add(item.cell)
        moved = self._move(wants, tick, dropped, wrong)
        producing = self._load(tick)
        jammed: set[Cell] = set()
        for item in list(self.items.values()):
            if item.id in moved:
                continue
            if item.cell in charging:  # waiting on purpose
                self.items[item.id] = replace(item, came_from=item.cell)
                continue
            waited = item.waited + 1
            self.items[item.id] = replace(item, came_from=item.cell, waited=waited)
            if (waited >= STUCK_AFTER and self.pieces[item.cell].spec.role != Role.STORAGE
                    and item.cell not in flat):
                jammed.add(item.cell)
        jammed |= {ld.cell for ld in self.loaders if ld.waited >= STUCK_AFTER}
        scanning = set()
        for item in list(self.items.values()):
            if self.pieces[item.cell].spec.scanner:
                scanning.add(item.cell)
                if not item.scanned:
                    self.items[item.id] = replace(item, scanned=True)
        self.lost_at |= dropped | wrong | self.too_weak
        facts = self._facts(producing, jammed, dropped, wrong, diverted, scanning)
        trucks = [i for i in self.items.values() if i.charge is not None]
        facts.update(flat=frozenset(flat), charging=frozenset(charging),
                     unscanned=frozenset(self.unscanned),
                     to_load={ld.cell: ld.count - ld.loaded for ld in self.loaders},
                     trucks_out=frozenset(c for c in producing
                                          if any(ld.cell == c and ld.battery
                                                 for ld in self.loaders)),
                     truck_charge={i.cell: i.charge for i in trucks},
                     truck_battery={i.cell: i.battery for i in trucks},
                     strength={i.id: i.strength_at(tick) for i in self.items.values()
                               if i.strength},
                     too_weak=frozenset(self.too_weak))
        return facts

    @staticmethod
    def _no_items() -> Facts:
        """The facts of a board without an items part, every tick: what :meth:`step` gives
        with no loader, no item and no bay (the same keys in the same order)."""
        none: frozenset[Cell] = frozenset()
        return {
            "items": (), "producing": none, "jammed": none, "dropped": none, "wrong": none,
            "received": {}, "delivered": 0, "undelivered": none, "diverted": none,
            "scanning": none, "first_arrival": None, "took": none, "flat": none,
            "charging": none, "unscanned": none, "to_load": {}, "trucks_out": none,
            "truck_charge": {}, "truck_battery": {}, "strength": {}, "too_weak": none,
        }

    def _at_front(self, item: Item) -> bool:
        """Whether ``item`` may try to leave its cell now: in a buffer only the first in line."""
        if self.pieces[item.cell].spec.role != Role.STORAGE:
            return True
        first = min(i.id for i in self.items.values() if i.cell == item.cell)
        return item.id == first

    def _exit(self, item: Item, piece: Piece) -> Side | None:
        exits = sorted(piece.spec.exits(piece.rotation, item.entry))
        if not exits or piece.spec.role == Role.CONSUMER:
            return None
        if piece.spec.diverter and len(exits) > 1:
            straight = _straight_on(item, piece)
            side = [s for s in exits if s != straight]
            picked = int(piece.param("label") or 0) == item.label
            return side[0] if picked and side else straight if straight in exits else exits[0]
        return exits[0]

    def _takes(self, cell: Cell, side: Side) -> bool:
        """Whether the part at ``cell`` takes an item in by ``side``."""
        piece = self.pieces.get(cell)
        if piece is None:
            return False
        port = next((p for p in piece.spec.io_at(piece.rotation)
                     if p.side == side and p.medium == Medium.ITEMS), None)
        if port is None or not port.flow.lets_in():
            return False
        if piece.broken or piece.spec.role in (Role.CONSUMER, Role.STORAGE):
            return True
        return bool(piece.spec.exits(piece.rotation, side))

    def _room(self, cell: Cell) -> int:
        piece = self.pieces[cell]
        if piece.spec.role == Role.CONSUMER:
            return 1
        size = piece.spec.capacity if piece.spec.role == Role.STORAGE else 1
        return size - sum(1 for i in self.items.values() if i.cell == cell)

    def _move(self, wants: dict[int, tuple[Cell, Side, Side]], tick: int, dropped: set[Cell],
              wrong: set[Cell]) -> set[int]:
        """Move every item that can, front first: an item leaving a cell makes room for the
        one behind it in the same tick. Returns the items that moved (or left the board)."""
        moved: set[int] = set()
        room = {cell: self._room(cell) for cell in {t for t, _x, _e in wants.values()}}
        changed = True
        while changed:
            changed = False
            by_target: dict[Cell, list[int]] = {}
            for item_id, (target, _x, _entry) in sorted(wants.items()):
                if item_id not in moved:
                    by_target.setdefault(target, []).append(item_id)
            for target, waiting in sorted(by_target.items()):
                while room[target] > 0 and waiting:
                    item_id = self._next_in_turn(target, waiting, wants)
                    waiting.remove(item_id)
                    room[target] -= 1
                    moved.add(item_id)
                    changed = True
                    left = self._arrive(self.items[item_id], *wants[item_id], tick, dropped,
                                        wrong)
                    if left is not None and left in room:
                        room[left] += 1  # its old cell has room for the next one
        return moved

    def _next_in_turn(self, target: Cell, waiting: list[int],
                      wants: dict[int, tuple[Cell, Side, Side]]) -> int:
        """Of the items that want ``target`` now, the one whose side comes next after the
        side the target took from last (round and round), the oldest item first."""
        last = self.turn.get(target)
        order = list(Side)
        start = (order.index(last) + 1) % len(order) if last is not None else 0

        def key(item_id: int) -> tuple[int, int]:
            entry = wants[item_id][2]
            return ((order.index(entry) - start) % len(order), item_id)

        return min(waiting, key=key)

    def _arrive(self, item: Item, target: Cell, exit_side: Side, entry: Side, tick: int,
                dropped: set[Cell], wrong: set[Cell]) -> Cell | None:
        """``item`` goes into ``target``; returns the cell it left."""
        self.turn[target] = entry
        piece = self.pieces[target]
        old = item.cell
        if piece.broken:
            dropped.add(target)
            del self.items[item.id]
        elif piece.spec.role == Role.CONSUMER:
            del self.items[item.id]
            bay_label = int(piece.param("label") or 0)
            if bay_label and bay_label != item.label:
                wrong.add(target)
            elif item.strength and item.strength_at(tick) < _int(piece, "needs"):
                self.too_weak.add(target)  # it lost too much on the way: no use here
            else:
                self.received[target] = self.received.get(target, 0) + 1
                self.took.add(target)
                if not item.scanned:
                    self.unscanned.add(target)
                if self.first_arrival is None:
                    self.first_arrival = tick
        else:
            charge = None if item.charge is None else item.charge - item.per_cell
            self.items[item.id] = replace(item, cell=target, entry=entry, came_from=old,
                                          waited=0, charge=charge)
        return old

    def _load(self, tick: int) -> set[Cell]:
        producing = set()
        for ld in self.loaders:
            if ld.loaded + ld.due < ld.count and tick >= ld.start and (
                    tick - ld.start) % ld.every == 0:
                ld.due += 1
            if not ld.due:
                ld.waited = 0
                continue
            if any(i.cell == ld.cell for i in self.items.values()):
                ld.waited += 1
                continue
            item = Item(self.next_id, ld.label_of(ld.loaded), ld.cargo, ld.cell, made=tick)
            if ld.strength:  # an isotope: it starts losing strength now
                item = replace(item, strength=ld.strength, half_life=ld.half_life)
            if ld.battery:  # an electric truck: its battery full, one or two blocks a cell
                item = replace(item, charge=ld.battery, battery=ld.battery,
                               per_cell=2 if ld.heavy else 1)
            self.items[item.id] = item
            self.next_id += 1
            ld.loaded += 1
            ld.due -= 1
            ld.waited = 0
            producing.add(ld.cell)
        return producing

    def _facts(self, producing: set[Cell], jammed: set[Cell], dropped: set[Cell],
               wrong: set[Cell], diverted: set[Cell], scanning: set[Cell]) -> Facts:
        items = tuple(sorted(
            (i.id, i.label, i.cargo, i.cell, i.came_from or i.cell)
            for i in self.items.values()))
        # not (yet) where it must go: on the board, still at a desk, or lost on the way
        undelivered = {i.cell for i in self.items.values()} | {
            ld.cell for ld in self.loaders if ld.loaded < ld.count} | self.lost_at
        return {
            "items": items,
            "producing": frozenset(producing),
            "jammed": frozenset(jammed),
            "dropped": frozenset(dropped),
            "wrong": frozenset(wrong),
            "received": dict(self.received),
            "delivered": sum(self.received.values()),
            "undelivered": frozenset(undelivered),
            "diverted": frozenset(diverted),
            "scanning": frozenset(scanning),
            "first_arrival": self.first_arrival,
            "took": frozenset(self.took),  # bays that took in a right item this tick
        }


def _int(piece: Piece, name: str) -> int:
    return int(piece.param(name) or 0)


def _straight_on(item: Item, piece: Piece) -> Side | None:
    """The exit straight across from where ``item`` came in (None: it starts here)."""
    return None if item.entry is None else item.entry.opposite()
