"""The board a pupil builds on: pieces on cells, and the rules for placing them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cached_property

from game.sim.catalogue import CATALOGUE
from game.sim.geometry import Cell, Side
from game.sim.model import UNSET, Level, PlacedPart, normal_params, params_with
from game.sim.parts import PartSpec


class Refusal(str, Enum):
    """Why an edit is not allowed; the interface shows a gentle message for each."""

    OFF_GRID = "off_grid"
    BLOCKED = "blocked"
    OCCUPIED = "occupied"
    NONE_LEFT = "none_left"
    UNKNOWN_PART = "unknown_part"
    EMPTY = "empty"
    LOCKED = "locked"
    NO_TOGGLE = "no_toggle"
    NO_ROTATE = "no_rotate"


@dataclass(init=False)
class Piece:
    """A part on the board now. Its options are data in ``params`` (see
    :class:`game.sim.model.PlacedPart`); ``on``, ``charge`` and ``needs`` read and write them.
    ``params`` is replaced, never changed in place, so copies never share a change."""

    kind: str
    at: Cell
    rotation: int = 0
    locked: bool = False
    broken: bool = False
    params: dict[str, int | bool] = field(default_factory=dict)
    placed: bool = False  # placed by the pupil (counts for stars); False for level parts

    def __init__(self, kind: str, at: Cell, rotation: int = 0, locked: bool = False,
                 broken: bool = False, on: bool | None = None, charge: int | None = None,
                 needs: int | None = None, placed: bool = False,
                 params: Mapping[str, int | bool] | None = None) -> None:
        self.kind, self.at, self.rotation = kind, at, rotation
        self.locked, self.broken, self.placed = locked, broken, placed
        self.params = params_with(params, on, charge, needs)

    @cached_property
    def spec(self) -> PartSpec:
        """The part's kind's spec: looked up once per piece (the simulation asks millions of
        times a run); a piece's kind never changes, an edit puts a new piece down."""
        return CATALOGUE[self.kind]

    @property
    def ports(self) -> frozenset[Side]:
        return self.spec.ports_at(self.rotation)

    def param(self, name: str) -> int | bool | None:
        """This piece's value of parameter ``name``, else its kind's default (None: none)."""
        if name in self.params:
            return self.params[name]
        spec = CATALOGUE.get(self.kind)
        if spec is not None and name in spec.options:  # its default (``spec.params``)
            return spec.options[name].default
        return UNSET.get(name)

    def set_param(self, name: str, value: int | bool | None) -> None:
        self.params = normal_params({**self.params, name: value}.items())

    @property
    def on(self) -> bool:
        return bool(self.params.get("on", True))

    @on.setter
    def on(self, value: bool) -> None:
        self.set_param("on", bool(value))

    @property
    def charge(self) -> int | None:
        value = self.params.get("charge")
        return None if value is None else int(value)

    @charge.setter
    def charge(self, value: int | None) -> None:
        self.set_param("charge", value)

    @property
    def needs(self) -> int | None:
        value = self.params.get("needs")
        return None if value is None else int(value)

    @needs.setter
    def needs(self, value: int | None) -> None:
        self.set_param("needs", value)

    @classmethod
    def from_placed(cls, part: PlacedPart) -> Piece:
        return cls(kind=part.kind, at=part.at, rotation=part.rotation % 4, locked=part.locked,
                   broken=part.broken, params=dict(part.params))


class Board:
    """Pieces on a grid plus what is left in the palette. Edits go through :mod:`editor`."""

    def __init__(self, level: Level) -> None:
        self.level = level
        self.width = level.width
        self.height = level.height
        self.blocked = level.blocked
        self.pieces: dict[Cell, Piece] = {p.at: Piece.from_placed(p) for p in level.parts}
        self.palette_left: dict[str, int] = dict(level.palette)

    def copy(self) -> Board:
        other = Board.__new__(Board)
        other.level = self.level
        other.width, other.height, other.blocked = self.width, self.height, self.blocked
        other.pieces = {cell: replace(p) for cell, p in self.pieces.items()}
        other.palette_left = dict(self.palette_left)
        return other

    def in_grid(self, cell: Cell) -> bool:
        return 0 <= cell[0] < self.width and 0 <= cell[1] < self.height

    def piece_at(self, cell: Cell) -> Piece | None:
        return self.pieces.get(cell)

    def parts_used(self) -> int:
        """Pieces the pupil placed that are on the board now (what star rules count)."""
        return sum(1 for p in self.pieces.values() if p.placed)

    # --- rules: None means allowed, otherwise the reason why not ------------------------------
    def can_build_on(self, cell: Cell) -> Refusal | None:
        """Whether a part may stand on ``cell`` at all: on the grid, not scenery, empty."""
        if not self.in_grid(cell):
            return Refusal.OFF_GRID
        if cell in self.blocked:
            return Refusal.BLOCKED
        if cell in self.pieces:
            return Refusal.OCCUPIED
        return None

    def can_place(self, kind: str, cell: Cell) -> Refusal | None:
        if kind not in CATALOGUE:
            return Refusal.UNKNOWN_PART
        reason = self.can_build_on(cell)
        if reason:
            return reason
        if self.palette_left.get(kind, 0) <= 0:
            return Refusal.NONE_LEFT
        return None

    def can_remove(self, cell: Cell) -> Refusal | None:
        piece = self.pieces.get(cell)
        if piece is None:
            return Refusal.EMPTY
        if piece.locked and not piece.broken:
            return Refusal.LOCKED
        return None

    def can_rotate(self, cell: Cell) -> Refusal | None:
        piece = self.pieces.get(cell)
        if piece is None:
            return Refusal.EMPTY
        if piece.locked:
            return Refusal.LOCKED
        if not piece.spec.rotates:
            return Refusal.NO_ROTATE
        return None

    def can_toggle(self, cell: Cell) -> Refusal | None:
        piece = self.pieces.get(cell)
        if piece is None:
            return Refusal.EMPTY
        if not piece.spec.toggle or piece.broken:
            return Refusal.NO_TOGGLE
        return None

    def layout(self) -> tuple[tuple[object, ...], ...]:
        """A comparable picture of the board (for tests and for storing a build)."""
        return tuple(sorted((c, p.kind, p.rotation, p.on, p.broken) for c, p in self.pieces.items()))
