"""The port graph of a board: which port of which cell faces which, worked out once per run.

Two ports are joined when two pieces stand side by side, each has a port on the side facing
the other, and both ports carry the same medium. The graph is structural: it does not ask
whether a switch is on or a part is broken (that can change during a run later, when a sensor
switches a valve), so every medium filters what it conducts itself. The same graph serves
every medium and the board drawing (see :meth:`PortGraph.faces`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping

from game.sim.board import Piece
from game.sim.geometry import Cell, Side, neighbour
from game.sim.parts import Medium, Port

PortKey = tuple[Cell, Side]


class PortGraph:
    def __init__(self, pieces: Mapping[Cell, Piece]) -> None:
        self.pieces = pieces
        #: every piece's ports as they are turned on the board, in side order
        self.ports: dict[Cell, tuple[Port, ...]] = {
            cell: p.spec.io_at(p.rotation) for cell, p in sorted(pieces.items())}
        #: (cell, side) -> the cell whose port faces it with the same medium
        self.links: dict[PortKey, Cell] = {}
        #: ports with nothing joined to them: open ends (where water spills out)
        self.open_ends: tuple[PortKey, ...] = ()
        open_ends = []
        for cell, ports in self.ports.items():
            for port in ports:
                other = neighbour(cell, port.side)
                if any(q.side == port.side.opposite() and q.medium == port.medium
                       for q in self.ports.get(other, ())):
                    self.links[(cell, port.side)] = other
                else:
                    open_ends.append((cell, port.side))
        self.open_ends = tuple(open_ends)

    # --- queries -----------------------------------------------------------------------------
    def faces(self, cell: Cell, side: Side) -> Cell | None:
        """The cell joined to ``cell``'s port on ``side`` (None: an open end or no port)."""
        return self.links.get((cell, side))

    def sides(self, cell: Cell, medium: Medium | None = None) -> tuple[Side, ...]:
        """The sides of ``cell``'s ports (of ``medium`` only, when given), in side order."""
        return tuple(p.side for p in self.ports.get(cell, ())
                     if medium is None or p.medium == medium)

    def joined(self, cell: Cell, medium: Medium | None = None) -> list[tuple[Side, Cell]]:
        """(side, neighbour) for every joined port of ``cell`` (of ``medium``), in side order."""
        return [(s, other) for s in self.sides(cell, medium)
                if (other := self.links.get((cell, s)))]

    def port(self, cell: Cell, side: Side) -> Port | None:
        return next((p for p in self.ports.get(cell, ()) if p.side == side), None)

    def can_pass(self, cell: Cell, side: Side) -> bool:
        """Whether the medium may go out of ``cell`` by ``side`` into the joined part: this
        port lets out and the facing one lets in (a one-way part says no the other way)."""
        other = self.links.get((cell, side))
        if other is None:
            return False
        mine, theirs = self.port(cell, side), self.port(other, side.opposite())
        return (mine is not None and theirs is not None and mine.flow.lets_out()
                and theirs.flow.lets_in())

    def exits(self, cell: Cell, entry: Side | None) -> frozenset[Side]:
        """Where the medium leaves ``cell`` when it came in by ``entry`` (its routing table)."""
        piece = self.pieces[cell]
        return piece.spec.exits(piece.rotation, entry)

    def cells(self, medium: Medium) -> tuple[Cell, ...]:
        return tuple(c for c, p in self.pieces.items() if p.spec.medium == medium)

    # --- shared searches -----------------------------------------------------------------------
    def adjacency(self, medium: Medium, conducts: Callable[[Piece], bool]) -> dict[Cell, list[Cell]]:
        """Joined pieces of one medium that both conduct, in cell and side order."""
        out: dict[Cell, list[Cell]] = {}
        for cell, piece in sorted(self.pieces.items()):
            if medium not in piece.spec.media() or not conducts(piece):
                continue
            out[cell] = [other for _side, other in self.joined(cell, medium)
                         if conducts(self.pieces[other])]
        return out

    def distances(self, starts: Iterable[Cell], medium: Medium,
                  conducts: Callable[[Piece], bool]) -> dict[Cell, int]:
        """Breadth-first steps from the nearest of ``starts`` over joined conducting pieces."""
        dist: dict[Cell, int] = {}
        queue: deque[Cell] = deque()
        for cell in starts:
            dist[cell] = 0
            queue.append(cell)
        while queue:
            cell = queue.popleft()
            for _side, other in self.joined(cell, medium):
                piece = self.pieces[other]
                if medium in piece.spec.media() and conducts(piece) and other not in dist:
                    dist[other] = dist[cell] + 1
                    queue.append(other)
        return dist


def components(links: Mapping[Cell, list[Cell]]) -> list[tuple[Cell, ...]]:
    """The connected groups of ``links``, each sorted, in order of their first cell."""
    seen: set[Cell] = set()
    out = []
    for start in sorted(links):
        if start in seen:
            continue
        seen.add(start)
        group, queue = [], deque([start])
        while queue:
            cell = queue.popleft()
            group.append(cell)
            for nxt in links[cell]:
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        out.append(tuple(sorted(group)))
    return out
