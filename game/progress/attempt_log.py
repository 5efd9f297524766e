"""One go at a level, written to the school store as the pupil plays it.

The play screen reports what happens (a Test, a hint, a reset, leaving) and this logger turns
it into :class:`~game.progress.records.Attempt` records. It saves only at moments that matter
(opening the level, each Test and its verdict, leaving), never per frame: a school PC's disk
is slow, and a save at a Test is a moment the pupil is watching anyway. Because every save is
a committed upsert of the whole attempt, pulling the plug keeps what the last Test saved.

It also holds the one definition of a *build*: :func:`build_of` writes the board as
:class:`~game.progress.records.BuildPiece` records and :func:`board_from_build` puts it back,
so the teacher's attempt viewer shows and replays exactly what the pupil made.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol

from game.progress.api import SchoolStore
from game.progress.records import Attempt, BuildPiece, Lesson, Outcome, Pupil, new_id, now
from game.sim.board import Board, Piece
from game.sim.catalogue import CATALOGUE
from game.sim.model import Level


def build_of(board: Board) -> tuple[BuildPiece, ...]:
    """Every piece on the board now, the pupil's and the level's, in cell order.

    The whole board is kept, not just the pupil's parts: a fix level is solved by taking a
    level part *away*, and only a full list can say that a part is gone. A dozen small
    records per attempt is cheap next to a teacher seeing the wrong picture.
    """
    return tuple(
        BuildPiece(kind=p.kind, at=(int(c[0]), int(c[1])), rotation=p.rotation % 4, on=p.on,
                   broken=p.broken, placed=p.placed,
                   params=tuple(sorted((k, v) for k, v in p.params.items() if k != "on")))
        for c, p in sorted(board.pieces.items()))


def board_from_build(level: Level, build: Iterable[BuildPiece]) -> Board:
    """The board exactly as the build describes it, ready to be drawn or simulated.

    Level parts keep what the build does not store (locked, battery charge, bed needs) from
    the level file; the palette is what the level gave minus the parts the pupil placed.
    Pieces that no longer fit the level (an edited level file, an unknown part) are left
    out rather than breaking the teacher's screen.
    """
    board = Board(level)
    start = {p.at: p for p in level.parts}
    pieces: dict[tuple[int, int], Piece] = {}
    for bp in build:
        at = (int(bp.at[0]), int(bp.at[1]))
        if bp.kind not in CATALOGUE or not board.in_grid(at) or at in board.blocked:
            continue
        base = start.get(at)
        if base is not None and base.kind == bp.kind and not bp.placed:
            piece = replace(Piece.from_placed(base), rotation=bp.rotation % 4,
                            broken=bp.broken)
            piece.on = bp.on
        else:
            piece = Piece(kind=bp.kind, at=at, rotation=bp.rotation % 4, on=bp.on,
                          broken=bp.broken, placed=bp.placed)
        options = CATALOGUE[bp.kind].options
        for name, value in bp.params:  # what the pupil set (an option the part still has)
            if name in options and isinstance(value, type(options[name].default)):
                piece.set_param(name, value)
        pieces[at] = piece
    board.pieces = pieces
    # The box: what the level gave, plus good level parts the pupil took off the board (they
    # go back in the box; broken ones go in the bin), minus what the pupil placed.
    palette = dict(level.palette)
    good_at_start = Counter(p.kind for p in level.parts if not p.broken)
    good_now = Counter(p.kind for p in pieces.values() if not p.placed and not p.broken)
    for kind, n in good_at_start.items():
        if n > good_now[kind]:
            palette[kind] = palette.get(kind, 0) + n - good_now[kind]
    for piece in pieces.values():
        if piece.placed:
            palette[piece.kind] = max(0, palette.get(piece.kind, 0) - 1)
    board.palette_left = palette
    return board


def device_id(school: object) -> str:
    """The store's id for this PC, whether it offers it as an attribute or a method."""
    value = getattr(school, "device_id", None) or getattr(school, "device", None)
    if callable(value):
        value = value()
    return value if isinstance(value, str) else ""


class Player(Protocol):
    """Who plays, as the game's Context (game.context) tells it."""

    school: SchoolStore | None
    pupil: Pupil | None
    lesson: Lesson | None
    logging: bool


class AttemptLog:
    """The attempt of one PlayScene: counts what happens and saves it through the store.

    ``save`` failures (a full disk, a school server that went away) are swallowed after one
    warning: a pupil's game must never stop because the teacher's log could not be written.
    """

    def __init__(self, school: SchoolStore, level: Level, pupil_id: str | None, lesson_id: str | None,
                 clock: Callable[[], datetime] = now) -> None:
        self.school = school
        self.level = level
        self.clock = clock
        self.attempt = Attempt(id=new_id(), pupil_id=pupil_id, level_id=level.id,
                               lesson_id=lesson_id, started=clock(), device=device_id(school))
        self.failed_saves = 0

    @classmethod
    def for_play(cls, ctx: Player, level: Level) -> AttemptLog | None:
        """The logger for a go at ``level``, or None when nothing may be stored (the teacher's
        try-it mode, or no school store at all)."""
        school = ctx.school
        if school is None or not ctx.logging:
            return None
        pupil, lesson = ctx.pupil, ctx.lesson
        log = cls(school, level, pupil.id if pupil is not None else None,
                  lesson.id if lesson is not None else None)
        log.save()
        return log

    # --- events from the play screen ---------------------------------------------------------
    def test_started(self, board: Board, hints_used: int, answer: str | None) -> None:
        """A Test: the build being tested is what the teacher will see if nothing follows."""
        a = self.attempt
        if a.outcome == Outcome.SOLVED:  # trying more after solving: keep the solved build
            self._update(tests_run=a.tests_run + 1, ended=a.ended)
            return
        self._update(tests_run=a.tests_run + 1, build=build_of(board),
                     parts_used=board.parts_used(), hints_used=max(a.hints_used, hints_used),
                     answer=answer if answer is not None else a.answer)

    def test_judged(self, solved: bool, stars: int, hints_used: int,
                    answer: str | None) -> None:
        """The verdict of the Test just run: one more failed test, or solved with stars."""
        a = self.attempt
        if a.outcome == Outcome.SOLVED:
            if not solved:
                self._update(failed_tests=a.failed_tests + 1, ended=a.ended)
            return
        if solved:
            self._update(outcome=Outcome.SOLVED, stars=max(a.stars, stars), ended=self.clock(),
                         hints_used=max(a.hints_used, hints_used), answer=answer)
        else:
            self._update(failed_tests=a.failed_tests + 1,
                         hints_used=max(a.hints_used, hints_used),
                         answer=answer if answer is not None else a.answer)

    def hint_opened(self, hints_used: int) -> None:
        """Counted now, saved with the next Test or on leaving (no disk work per hint)."""
        self.attempt = replace(self.attempt, hints_used=max(self.attempt.hints_used, hints_used))

    def board_reset(self) -> None:
        self.attempt = replace(self.attempt, resets=self.attempt.resets + 1)

    def left(self, board: Board | None = None) -> None:
        """The pupil leaves the level: unsolved means gave up; the final build is kept."""
        if self.attempt.outcome == Outcome.SOLVED:
            return  # saved at the verdict; looking at the stars afterwards is not time on task
        changes: dict = {"outcome": Outcome.GAVE_UP}
        if board is not None:
            changes["build"] = build_of(board)
            changes["parts_used"] = board.parts_used()
        self._update(**changes)

    # --- saving -------------------------------------------------------------------------------
    def _update(self, **changes: Any) -> None:
        changes.setdefault("ended", self.clock())  # the last sign of life: time on task so far
        self.attempt = replace(self.attempt, **changes)
        self.save()

    def save(self) -> None:
        try:
            self.school.save_attempt(self.attempt)
        except Exception as exc:  # noqa: BLE001 - logging must never stop a pupil's game
            self.failed_saves += 1
            if self.failed_saves == 1:
                from game.settings import warn

                warn(f"could not save the attempt at {self.level.id}: {exc}")
