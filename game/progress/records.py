"""What the school store keeps, as plain typed records (no database types leak out).

Ids are UUID strings, made on the PC where a record is born, so logs from several PCs merge
without clashes. Nothing about a child is kept beyond a nickname and a drawn avatar.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class ClassGroup:
    id: str
    name: str  # e.g. "groep 5b"
    created: datetime


@dataclass(frozen=True)
class Pupil:
    id: str
    class_id: str
    name: str  # a nickname or first name, nothing more
    avatar: str  # the name of a drawn avatar in assets/avatars (without .svg)


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    level_ids: tuple[str, ...]  # in the order pupils play them
    free_play: bool = False  # after the lesson's levels, all levels are open
    created: datetime = field(default_factory=now)


class Outcome(str, Enum):
    BUSY = "busy"  # still playing, or the PC was switched off mid-level
    SOLVED = "solved"
    GAVE_UP = "gave_up"  # left the level without solving it


@dataclass(frozen=True)
class BuildPiece:
    """One part of a pupil's final build, enough to put the board back and replay it."""

    kind: str
    at: tuple[int, int]
    rotation: int = 0
    on: bool = True
    broken: bool = False
    placed: bool = True  # placed by the pupil (False: a part of the level itself)


@dataclass(frozen=True)
class Attempt:
    """One go at one level by one pupil (or by the guest profile, pupil_id None)."""

    id: str
    pupil_id: str | None
    level_id: str
    lesson_id: str | None
    started: datetime
    ended: datetime | None = None
    outcome: Outcome = Outcome.BUSY
    stars: int = 0
    parts_used: int = 0
    tests_run: int = 0
    failed_tests: int = 0
    hints_used: int = 0
    resets: int = 0
    answer: str | None = None  # explore levels: the answer given
    build: tuple[BuildPiece, ...] = ()
    device: str = ""  # which PC logged it (a random id per installation)


class CellStatus(str, Enum):
    """A pupil's state on one level, as the dashboard shows it (with a colour AND a symbol)."""

    NOT_STARTED = "not_started"
    TRIED = "tried"
    SOLVED = "solved"
    NEEDS_HELP = "needs_help"  # several failed tests and no success


@dataclass(frozen=True)
class ProgressCell:
    pupil_id: str
    level_id: str
    status: CellStatus
    best_stars: int = 0
    attempts: int = 0
    failed_tests: int = 0
    seconds: float = 0.0  # time on task over all attempts
    last_activity: datetime | None = None


@dataclass(frozen=True)
class Dashboard:
    """The class at a glance: pupils x levels."""

    class_id: str
    pupils: tuple[Pupil, ...]
    level_ids: tuple[str, ...]
    cells: dict[tuple[str, str], ProgressCell]  # (pupil_id, level_id) -> cell

    def cell(self, pupil_id: str, level_id: str) -> ProgressCell:
        return self.cells.get((pupil_id, level_id),
                              ProgressCell(pupil_id, level_id, CellStatus.NOT_STARTED))


NEEDS_HELP_AFTER = 3  # failed tests without a success before a pupil is flagged
