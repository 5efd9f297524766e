"""Cells, sides and quarter-turn rotation on the board grid.

The grid's origin is the top-left cell; x grows to the right and y grows downwards, so
"north" is up on the screen. A rotation is a number of clockwise quarter turns (0-3).
"""

from __future__ import annotations

from enum import IntEnum

Cell = tuple[int, int]


class Side(IntEnum):
    N = 0
    E = 1
    S = 2
    W = 3

    def opposite(self) -> Side:
        return _SIDES[(self + 2) % 4]

    def turned(self, rotation: int) -> Side:
        """This side after ``rotation`` clockwise quarter turns."""
        return _SIDES[(self + rotation) % 4]

    @property
    def delta(self) -> Cell:
        return _DELTAS[self]


#: the sides by number: the same members as ``Side(n)``, without the enum's lookup (the
#: simulation turns and flips sides hundreds of thousands of times a run)
_SIDES: tuple[Side, ...] = tuple(Side)
_DELTAS: dict[Side, Cell] = {Side.N: (0, -1), Side.E: (1, 0), Side.S: (0, 1), Side.W: (-1, 0)}


def neighbour(cell: Cell, side: Side) -> Cell:
    dx, dy = side.delta
    return (cell[0] + dx, cell[1] + dy)


def around(cell: Cell) -> list[Cell]:
    """The eight cells around ``cell`` (in a fixed order), without bounds checks."""
    x, y = cell
    return [(x + dx, y + dy) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if (dx, dy) != (0, 0)]
