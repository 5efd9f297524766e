"""The teacher's rules about a class's progress: who is stuck right now and why, the orders of
the pupils, how far the class got per level and per kerndoel, which levels a view shows.

Pure rules, one implementation: they read the store's :class:`~game.progress.records.Dashboard`
(pupils x levels, the cells the store keeps up to date), level data and, for the few cells that
may be stuck, a pupil's attempts at one level. No pygame and no SQL here: the dashboard screen
draws what these rules say, the class CSV and the PDF report count with them, and tests check
them without a screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Protocol, TypeVar, overload

from game.kerndoelen import KERNDOELEN as _KERNDOELEN
from game.kerndoelen import Kerndoel, in_use
from game.progress.records import (
    Attempt,
    CellStatus,
    Dashboard,
    Outcome,
    ProgressCell,
    Pupil,
    name_sort_key,
)

STUCK_MINUTES = 8  # on one level this long, with failed tests, without solving it: stuck
STUCK_FAILED = 2  # ... and at least this many failed tests in that go
RECENT_MINUTES = 90  # "needs help" counts as *now* when the pupil worked on it this recently
PLAYING_MINUTES = 3  # a cell touched this recently is being played now

SORTS = ("name", "progress", "help")  # the orders of the pupils, as the sort button steps


def N_(message: str) -> str:
    """Mark a msgid for extraction; it is translated where it is shown."""
    return message


#: The kerndoelen and their short titles live in game.kerndoelen (the level checker reads them
#: too); named here as well for the dashboard, the pupil page and the PDF report.
KERNDOELEN = _KERNDOELEN


class LevelFacts(Protocol):
    """What these rules read of a level (a :class:`game.sim.model.Level` has it all)."""

    @property
    def id(self) -> str: ...
    @property
    def world(self) -> str: ...
    @property
    def order(self) -> int: ...
    @property
    def kerndoelen(self) -> tuple[Kerndoel, ...]: ...


class TitledLevel(LevelFacts, Protocol):
    """A level as the class exports show it: also its title (a msgid)."""

    @property
    def title(self) -> str: ...


LevelT = TypeVar("LevelT", bound=LevelFacts)

#: a pupil's attempts at one level, newest or oldest first: (pupil_id, level_id) -> attempts
AttemptsOf = Callable[[str, str], Sequence[Attempt]]


@dataclass(frozen=True)
class Stuck:
    """A pupil the teacher should go to now, and why."""

    pupil: Pupil
    level_id: str
    failed_tests: int
    minutes: int
    needs_help: bool  # the store's flag (several failed tests, no success)


@dataclass(frozen=True)
class KerndoelShare:
    """How much of one kerndoel the class has done: solves of its levels out of all possible."""

    kerndoel: Kerndoel
    solved: int
    possible: int

    @property
    def share(self) -> float:
        return self.solved / self.possible if self.possible else 0.0


@overload
def as_utc(moment: datetime) -> datetime: ...
@overload
def as_utc(moment: None) -> None: ...
@overload
def as_utc(moment: datetime | None) -> datetime | None: ...
def as_utc(moment: datetime | None) -> datetime | None:
    """Stores may hand back naive UTC times (SQLite keeps no zone): make them comparable."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


# --- one pupil, one level -----------------------------------------------------------------------


def solved_count(dashboard: Dashboard, pupil_id: str) -> tuple[int, int]:
    """(levels solved, stars) of one pupil over the dashboard's levels."""
    cells = [dashboard.cell(pupil_id, lid) for lid in dashboard.level_ids]
    return (sum(1 for c in cells if c.status == CellStatus.SOLVED),
            sum(c.best_stars for c in cells if c.status == CellStatus.SOLVED))


def help_count(dashboard: Dashboard, pupil_id: str) -> int:
    """On how many of the dashboard's levels the store flags the pupil as needing help."""
    return sum(1 for lid in dashboard.level_ids
               if dashboard.cell(pupil_id, lid).status == CellStatus.NEEDS_HELP)


def needs_help(dashboard: Dashboard, pupil_id: str) -> bool:
    """The store flags the pupil on at least one of the dashboard's levels."""
    return help_count(dashboard, pupil_id) > 0


def level_counts(dashboard: Dashboard, level_id: str) -> tuple[int, int]:
    """(pupils who solved the level, pupils the store flags as needing help with it)."""
    cells = [dashboard.cell(p.id, level_id) for p in dashboard.pupils]
    return (sum(1 for c in cells if c.status == CellStatus.SOLVED),
            sum(1 for c in cells if c.status == CellStatus.NEEDS_HELP))


def is_playing(cell: ProgressCell, moment: datetime) -> bool:
    """The cell was touched so recently that the pupil is playing that level now."""
    last = as_utc(cell.last_activity)
    return last is not None and as_utc(moment) - last < timedelta(minutes=PLAYING_MINUTES)


# --- the class ----------------------------------------------------------------------------------


def _by_name(p: Pupil) -> tuple[tuple[object, ...], str]:
    return (name_sort_key(p.name), p.id)  # as a reader sorts: "Ömer" before "Zoë"


def sort_pupils(dashboard: Dashboard, how: str, stuck: Iterable[str] = ()) -> list[Pupil]:
    """The rows in the chosen order (one of :data:`SORTS`); names break every tie so rows
    never jump around. ``progress``: most levels solved, then most stars; ``help``: the pupils
    stuck now (``stuck``: their ids) first, then those with the most needs-help flags."""
    stuck_ids = set(stuck)
    pupils = sorted(dashboard.pupils, key=_by_name)
    if how == "progress":
        pupils.sort(key=lambda p: tuple(-n for n in solved_count(dashboard, p.id)))
    elif how == "help":
        pupils.sort(key=lambda p: (p.id not in stuck_ids, -help_count(dashboard, p.id)))
    return pupils


def flagged_pupils(dashboard: Dashboard) -> list[tuple[Pupil, int]]:
    """Every pupil the store flags as needing help, with on how many levels: most first, then
    by name (the report's "Needs help" box)."""
    counted = [(p, help_count(dashboard, p.id)) for p in sorted(dashboard.pupils, key=_by_name)]
    return sorted(((p, n) for p, n in counted if n), key=lambda pn: -pn[1])


def kerndoel_summary(dashboard: Dashboard, levels: Iterable[LevelFacts]) -> list[KerndoelShare]:
    """Per kerndoel these levels are tagged with (in :data:`KERNDOELEN`'s order): (pupil, level)
    solves among its levels that the dashboard has (a level the store was not asked about counts
    for nothing)."""
    shown = set(dashboard.level_ids)
    levels = list(levels)
    out = []
    for k in in_use(lv.kerndoelen for lv in levels):
        tagged = [lv.id for lv in levels if k in lv.kerndoelen and lv.id in shown]
        solved = sum(1 for p in dashboard.pupils for lid in tagged
                     if dashboard.cell(p.id, lid).status == CellStatus.SOLVED)
        out.append(KerndoelShare(k, solved, len(tagged) * len(dashboard.pupils)))
    return out


def _busy_attempt(attempts: Sequence[Attempt]) -> Attempt | None:
    busy = [a for a in attempts if a.outcome == Outcome.BUSY]
    return max(busy, key=lambda a: as_utc(a.started)) if busy else None


def find_stuck(dashboard: Dashboard, attempts_of: AttemptsOf, moment: datetime) -> list[Stuck]:
    """Who to go to now, most failed tests first: a pupil the store flags as needing help on a
    level worked on in the last :data:`RECENT_MINUTES`, or one in a go that has lasted
    :data:`STUCK_MINUTES` with :data:`STUCK_FAILED` failed tests and no solve. One entry per
    pupil (the flagged level, else the one with most failed tests). Only the few candidate
    cells are looked up attempt by attempt (``attempts_of``)."""
    moment = as_utc(moment)
    recent = moment - timedelta(minutes=RECENT_MINUTES)
    found: dict[str, Stuck] = {}
    for p in dashboard.pupils:
        for lid in dashboard.level_ids:
            cell = dashboard.cell(p.id, lid)
            last = as_utc(cell.last_activity)
            if cell.status not in (CellStatus.TRIED, CellStatus.NEEDS_HELP) or last is None \
                    or last < recent:
                continue
            if cell.status == CellStatus.TRIED and cell.failed_tests < STUCK_FAILED:
                continue
            minutes = 0
            busy = _busy_attempt(attempts_of(p.id, lid))
            if busy is not None:
                minutes = int((moment - as_utc(busy.started)).total_seconds() // 60)
            flagged = cell.status == CellStatus.NEEDS_HELP
            if not flagged and (busy is None or minutes < STUCK_MINUTES
                                or busy.failed_tests < STUCK_FAILED):
                continue
            s = Stuck(p, lid, cell.failed_tests, minutes or round(cell.seconds / 60), flagged)
            old = found.get(p.id)
            if old is None or (s.needs_help, s.failed_tests) > (old.needs_help,
                                                                old.failed_tests):
                found[p.id] = s
    return sorted(found.values(), key=lambda s: (-s.failed_tests, -s.minutes,
                                                 name_sort_key(s.pupil.name)))


# --- which levels a view shows --------------------------------------------------------------------


def world_order(levels: Iterable[LevelFacts]) -> list[str]:
    """The worlds that have levels, in map order (unknown worlds last, by name)."""
    from game.content.loader import map_order  # here: a teacher command that lists pupils
    # does not read the level format's modules (a third of its start-up)

    return map_order(lv.world for lv in levels)


def level_sets(levels: Iterable[LevelFacts], has_lesson: bool) -> list[str]:
    """The level choices of a class view, in the order its button steps through them: the
    active lesson's levels (when there is one), all levels, then each world."""
    return [*(["lesson"] if has_lesson else []), "all", *world_order(levels)]


def levels_for(levels: Iterable[LevelT], which: str,
               lesson_level_ids: Sequence[str] | None = None) -> list[LevelT]:
    """The levels of one choice of :func:`level_sets`: ``lesson``: the lesson's levels that
    exist, in the lesson's order (``lesson_level_ids``); ``all``: world by world in map order,
    each in play order; a world's name: its levels in play order (none for an unknown world)."""
    catalogue = list(levels)
    if which == "lesson" and lesson_level_ids is not None:
        by_id = {lv.id: lv for lv in catalogue}
        return [by_id[i] for i in lesson_level_ids if i in by_id]
    if which == "all":
        worlds = world_order(catalogue)
        return sorted(catalogue, key=lambda lv: (worlds.index(lv.world), lv.order))
    return sorted((lv for lv in catalogue if lv.world == which), key=lambda lv: lv.order)
