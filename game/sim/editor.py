"""Edits to a board as commands, with unlimited undo and redo.

Every edit is stored as the pieces it changed (before and after) plus the palette before and
after, so one mechanism undoes placing, removing, turning, switching and resetting alike.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.sim.board import Board, Piece, Refusal
from game.sim.catalogue import CATALOGUE
from game.sim.geometry import Cell
from game.sim.model import Step, StepAction


@dataclass(frozen=True)
class Change:
    cells: tuple[tuple[Cell, Piece | None, Piece | None], ...]  # cell, before, after
    palette_before: tuple[tuple[str, int], ...]
    palette_after: tuple[tuple[str, int], ...]


class Editor:
    def __init__(self, board: Board) -> None:
        self.board = board
        self._done: list[Change] = []
        self._undone: list[Change] = []
        self.version = 0  # goes up with every change; views redraw when it moves
        self.last_refusal: Refusal | None = None

    # --- history ---------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo(self) -> bool:
        if not self._done:
            return False
        change = self._done.pop()
        self._apply(change, forward=False)
        self._undone.append(change)
        return True

    def redo(self) -> bool:
        if not self._undone:
            return False
        change = self._undone.pop()
        self._apply(change, forward=True)
        self._done.append(change)
        return True

    def _apply(self, change: Change, forward: bool) -> None:
        for cell, before, after in change.cells:
            target = after if forward else before
            if target is None:
                self.board.pieces.pop(cell, None)
            else:
                self.board.pieces[cell] = replace(target)
        self.board.palette_left = dict(change.palette_after if forward else change.palette_before)
        self.version += 1

    def _commit(self, edits: dict[Cell, Piece | None], palette: dict[str, int]) -> bool:
        cells = tuple(
            (cell, _copy(self.board.pieces.get(cell)), _copy(after)) for cell, after in edits.items()
        )
        change = Change(cells, tuple(sorted(self.board.palette_left.items())),
                        tuple(sorted(palette.items())))
        self._apply(change, forward=True)
        self._done.append(change)
        self._undone.clear()
        self.last_refusal = None
        return True

    def _refuse(self, reason: Refusal) -> bool:
        self.last_refusal = reason
        return False

    # --- edits -----------------------------------------------------------------------------
    def place(self, kind: str, cell: Cell, rotation: int = 0) -> bool:
        reason = self.board.can_place(kind, cell)
        if reason:
            return self._refuse(reason)
        spec_rotates = self._rotates(kind)
        piece = Piece(kind=kind, at=cell, rotation=rotation % 4 if spec_rotates else 0, placed=True)
        palette = dict(self.board.palette_left)
        palette[kind] -= 1
        return self._commit({cell: piece}, palette)

    def remove(self, cell: Cell) -> bool:
        reason = self.board.can_remove(cell)
        if reason:
            return self._refuse(reason)
        piece = self.board.pieces[cell]
        palette = dict(self.board.palette_left)
        if not piece.broken:  # a broken part goes in the bin; a good one back in the box
            palette[piece.kind] = palette.get(piece.kind, 0) + 1
        return self._commit({cell: None}, palette)

    def move(self, start: Cell, to: Cell) -> bool:
        """Drag a part to another cell, turned and switched as it was: one undoable change."""
        piece = self.board.pieces.get(start)
        if piece is None:
            return self._refuse(Refusal.EMPTY)
        if piece.locked:
            return self._refuse(Refusal.LOCKED)
        if to == start:
            return self._refuse(Refusal.OCCUPIED)
        reason = self.board.can_build_on(to)
        if reason:
            return self._refuse(reason)
        moved = replace(piece, at=to)
        return self._commit({start: None, to: moved}, self.board.palette_left)

    def rotate(self, cell: Cell, turns: int = 1) -> bool:
        reason = self.board.can_rotate(cell)
        if reason:
            return self._refuse(reason)
        piece = replace(self.board.pieces[cell])
        piece.rotation = (piece.rotation + turns) % 4
        return self._commit({cell: piece}, self.board.palette_left)

    def toggle(self, cell: Cell) -> bool:
        reason = self.board.can_toggle(cell)
        if reason:
            return self._refuse(reason)
        piece = replace(self.board.pieces[cell])
        name = piece.spec.toggles
        option = piece.spec.options.get(name)
        value = piece.param(name)
        if option is None or isinstance(option.default, bool):
            piece.set_param(name, not (True if value is None else bool(value)))
        else:  # a number goes round its range: a diverter's label 1, 2, 3, 4, 1, ...
            lo, hi = option.lo or 0, option.hi if option.hi is not None else option.lo or 0
            number = int(value if value is not None else option.default)
            piece.set_param(name, lo if number >= hi else number + 1)
        return self._commit({cell: piece}, self.board.palette_left)

    def reset(self) -> bool:
        """Back to the level's start, as one undoable change."""
        fresh = Board(self.board.level)
        cells = set(fresh.pieces) | set(self.board.pieces)
        edits = {c: fresh.pieces.get(c) for c in sorted(cells)
                 if _key(fresh.pieces.get(c)) != _key(self.board.pieces.get(c))}
        if not edits and fresh.palette_left == self.board.palette_left:
            return False
        return self._commit(edits, fresh.palette_left)

    def apply(self, step: Step) -> bool:
        """Carry out one step of a written solution (answers are not board edits)."""
        if step.action == StepAction.PLACE:
            assert step.kind is not None and step.at is not None
            return self.place(step.kind, step.at, step.rotation)
        if step.action not in (StepAction.REMOVE, StepAction.ROTATE, StepAction.TOGGLE):
            return True
        if step.at is None:
            return self._refuse(Refusal.EMPTY)  # no cell named: nothing there to change
        if step.action == StepAction.REMOVE:
            return self.remove(step.at)
        if step.action == StepAction.ROTATE:
            return self.rotate(step.at)
        return self.toggle(step.at)

    @staticmethod
    def _rotates(kind: str) -> bool:
        return CATALOGUE[kind].rotates


def _copy(piece: Piece | None) -> Piece | None:
    return None if piece is None else replace(piece)


def _key(piece: Piece | None) -> tuple[object, ...] | None:
    if piece is None:
        return None
    return (piece.kind, piece.rotation, piece.locked, piece.broken,
            tuple(sorted(piece.params.items())), piece.placed)
