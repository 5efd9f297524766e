"""A bounded search for cheap builds: does a level have a build with fewer parts than its
three-star rule allows? (``techniekwerf check --search``)

Pure Python over the game's own editor and simulation. The search is deterministic and
bounded by a number of boards tried: it returns a build it found (a real witness: the steps
replay and solve the level) or None when it found none within the bound, which proves
nothing. It places parts from the palette, every rotation, on free cells that touch a part
already on the board (a part that touches nothing joins nothing); every switch and valve the
pupil may flip is tried both ways, and broken parts are taken away first when that helps.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from game.sim.board import Board
from game.sim.catalogue import CATALOGUE
from game.sim.editor import Editor
from game.sim.geometry import Cell, around
from game.sim.goals import run_board
from game.sim.model import Level, LevelKind, Step, StepAction

#: levels with more free cells than this, or more palette kinds, are not searched
MAX_FREE_CELLS = 40
MAX_KINDS = 4
#: boards simulated at most per level
MAX_BOARDS = 4000


@dataclass(frozen=True)
class Found:
    """A build that solves the level: its steps and the parts it places."""

    steps: tuple[Step, ...]
    parts: int


def free_cells(board: Board) -> list[Cell]:
    return [(x, y) for y in range(board.height) for x in range(board.width)
            if board.can_build_on((x, y)) is None]


def searchable(level: Level) -> bool:
    """Small enough to search, and a build level with a three-star part budget to beat."""
    budget = level.stars.three.max_parts
    board = Board(level)
    return (level.kind is not LevelKind.EXPLORE and budget is not None and budget > 0
            and len(free_cells(board)) <= MAX_FREE_CELLS and len(level.palette) <= MAX_KINDS)


def cheaper_build(level: Level, max_boards: int = MAX_BOARDS) -> Found | None:
    """A build with fewer parts than the three-star rule's ``max_parts`` that solves the
    level (None: none found within ``max_boards`` simulated boards, or not searchable)."""
    if not searchable(level):
        return None
    budget = level.stars.three.max_parts
    assert budget is not None
    tried = 0
    for start_steps in _starts(level):
        for parts in range(0, budget):
            for steps in _builds(level, start_steps, parts):
                tried += 1
                if tried > max_boards:
                    return None
                editor = Editor(Board(level))
                if all(editor.apply(step) for step in steps) and run_board(editor.board).solved:
                    return Found(tuple(steps), parts)
    return None


def _starts(level: Level) -> Iterator[list[Step]]:
    """The free moves first: broken parts taken away or not, each switch either way."""
    board = Board(level)
    broken = [c for c, p in sorted(board.pieces.items()) if p.broken]
    toggles = [c for c, p in sorted(board.pieces.items()) if p.spec.toggle and not p.broken]
    removals = [[Step(StepAction.REMOVE, at=c) for c in broken]] + ([[]] if broken else [])
    for remove in removals:
        for flips in itertools.product((False, True), repeat=len(toggles)):
            yield remove + [Step(StepAction.TOGGLE, at=c) for c, f in zip(toggles, flips,
                                                                        strict=True) if f]


def _builds(level: Level, start: list[Step], parts: int) -> Iterator[list[Step]]:
    """Every way to place ``parts`` parts after ``start``, each next to the board's parts,
    in a fixed order (cells in order, so a set of placements is tried once)."""
    editor = Editor(Board(level))
    for step in start:
        editor.apply(step)

    def grow(board: Board, steps: list[Step], left: int, after: int) -> Iterator[list[Step]]:
        if left == 0:
            yield steps
            return
        cells = free_cells(board)
        for i, cell in enumerate(cells):
            if i < after or not any(n in board.pieces for n in around(cell)):
                continue
            for kind in sorted(board.palette_left):
                if board.palette_left[kind] <= 0:
                    continue
                for rotation in range(4 if CATALOGUE[kind].rotates else 1):
                    nxt = board.copy()
                    ed = Editor(nxt)
                    if not ed.place(kind, cell, rotation):
                        continue
                    step = Step(StepAction.PLACE, at=cell, kind=kind, rotation=rotation)
                    yield from grow(ed.board, [*steps, step], left - 1, i + 1)

    yield from ((start + steps) for steps in grow(editor.board, [], parts, 0))
