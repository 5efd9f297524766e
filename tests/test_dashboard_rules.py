"""The teacher's class-progress rules (game.progress.class_progress), without a screen.

Who is stuck right now and why, the orders of the pupils, the kerndoel shares and which levels
a view shows: from dashboards built by hand, and from a real store (SQLite and PostgreSQL)
filled with attempts, read back the way the dashboard screen reads it. The CSV and the PDF
report count with the same rules.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

import pytest

from game.progress import class_progress as rules
from game.progress.class_progress import (
    KERNDOELEN,
    RECENT_MINUTES,
    STUCK_FAILED,
    STUCK_MINUTES,
    KerndoelShare,
    Stuck,
    find_stuck,
    flagged_pupils,
    help_count,
    is_playing,
    kerndoel_summary,
    level_counts,
    level_sets,
    levels_for,
    needs_help,
    solved_count,
    sort_pupils,
    world_order,
)
from game.progress.export import CSV_DELIMITER, class_rows, csv_bytes, report_levels
from game.progress.records import (
    NEEDS_HELP_AFTER,
    Attempt,
    CellStatus,
    Dashboard,
    Lesson,
    Outcome,
    ProgressCell,
    Pupil,
    new_id,
)
from tests.pg import open_store, store, store_url  # noqa: F401 - fixtures
from tests.scene_gallery import catalogue as real_levels

MOMENT = datetime(2026, 3, 12, 10, 30, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Lv:
    """A level as far as the rules read one."""

    id: str
    world: str
    order: int
    kerndoelen: tuple[int, ...] = (42,)
    title: str = "A level"  # the exports name it


LEVELS = (Lv("c1", "city", 1, (42, 45)), Lv("c2", "city", 2, (44,)),
          Lv("g2", "greenport", 2, (43,)), Lv("g1", "greenport", 1, (42,)))


def pupil(name: str) -> Pupil:
    return Pupil(f"id-{name}", "class", name, "owl")


def cell(who: Pupil, level: str, status: CellStatus, *, stars: int = 0, failed: int = 0,
         minutes_ago: float | None = None, seconds: float = 0.0,
         naive: bool = False) -> ProgressCell:
    last = None if minutes_ago is None else MOMENT - timedelta(minutes=minutes_ago)
    if last is not None and naive:  # SQLite hands back naive UTC times
        last = last.replace(tzinfo=None)
    return ProgressCell(who.id, level, status, best_stars=stars, attempts=max(1, failed),
                        failed_tests=failed, seconds=seconds, last_activity=last)


def dashboard(pupils: list[Pupil], cells: list[ProgressCell],
              level_ids: tuple[str, ...] = ("c1", "c2")) -> Dashboard:
    return Dashboard("class", tuple(pupils), level_ids,
                     {(c.pupil_id, c.level_id): c for c in cells})


def busy(who: Pupil, level: str, minutes_ago: float, failed: int) -> Attempt:
    return Attempt(new_id(), who.id, level, None, MOMENT - timedelta(minutes=minutes_ago),
                   MOMENT - timedelta(seconds=20), Outcome.BUSY, tests_run=failed,
                   failed_tests=failed)


class Attempts:
    """The store's attempts of a pupil at a level, recording which cells were asked for."""

    def __init__(self, *attempts: Attempt) -> None:
        self.attempts = attempts
        self.asked: list[tuple[str, str]] = []

    def __call__(self, pupil_id: str, level_id: str) -> list[Attempt]:
        self.asked.append((pupil_id, level_id))
        return [a for a in self.attempts if a.pupil_id == pupil_id and a.level_id == level_id]


# --- who is stuck right now, and why ------------------------------------------------------------


def test_nobody_is_stuck_without_attempts():
    ann, bo = pupil("Ann"), pupil("Bo")
    ask = Attempts()
    assert find_stuck(dashboard([ann, bo], []), ask, MOMENT) == []
    assert find_stuck(dashboard([], []), ask, MOMENT) == []
    assert ask.asked == []  # nothing to look up attempt by attempt


def test_a_flag_worked_on_recently_is_stuck_now_and_an_old_one_is_not():
    ann, bo = pupil("Ann"), pupil("Bo")
    data = dashboard([ann, bo], [
        cell(ann, "c1", CellStatus.NEEDS_HELP, failed=4, minutes_ago=5, seconds=13 * 60),
        cell(bo, "c1", CellStatus.NEEDS_HELP, failed=5, minutes_ago=RECENT_MINUTES + 1),
    ])
    stuck = find_stuck(data, Attempts(), MOMENT)
    # no go still busy: the minutes are the time on task of the level
    assert stuck == [Stuck(ann, "c1", 4, 13, True)]


def test_a_long_busy_go_with_failed_tests_is_stuck_without_the_stores_flag():
    ann, bo, cas, dex = pupil("Ann"), pupil("Bo"), pupil("Cas"), pupil("Dex")
    data = dashboard([ann, bo, cas, dex], [
        cell(ann, "c1", CellStatus.TRIED, failed=STUCK_FAILED, minutes_ago=1),
        cell(bo, "c1", CellStatus.TRIED, failed=STUCK_FAILED, minutes_ago=1),
        cell(cas, "c1", CellStatus.TRIED, failed=STUCK_FAILED, minutes_ago=1),
        cell(dex, "c1", CellStatus.TRIED, failed=STUCK_FAILED - 1, minutes_ago=1),
    ])
    ask = Attempts(busy(ann, "c1", STUCK_MINUTES, STUCK_FAILED),  # just long enough
                   busy(bo, "c1", STUCK_MINUTES - 1, STUCK_FAILED + 3),  # not long enough yet
                   busy(cas, "c1", STUCK_MINUTES + 5, STUCK_FAILED - 1),  # tests of an old go
                   busy(dex, "c1", 30, 1))
    assert find_stuck(data, ask, MOMENT) == [Stuck(ann, "c1", STUCK_FAILED, STUCK_MINUTES,
                                                   False)]
    # a cell with fewer failed tests is never looked up attempt by attempt
    assert (dex.id, "c1") not in ask.asked and len(ask.asked) == 3


def test_only_failed_attempts_and_no_busy_go():
    """Tried and gave up twice: not stuck until the store flags the level (then stuck, with
    the minutes on task) - and only while it is recent."""
    ann = pupil("Ann")
    gave_up = [Attempt(new_id(), ann.id, "c1", None, MOMENT - timedelta(minutes=m),
                       MOMENT - timedelta(minutes=m - 3), Outcome.GAVE_UP, tests_run=1,
                       failed_tests=1) for m in (20, 10)]
    tried = dashboard([ann], [cell(ann, "c1", CellStatus.TRIED, failed=2, minutes_ago=7,
                                   seconds=360)])
    assert find_stuck(tried, Attempts(*gave_up), MOMENT) == []
    flagged = dashboard([ann], [cell(ann, "c1", CellStatus.NEEDS_HELP, failed=NEEDS_HELP_AFTER,
                                     minutes_ago=7, seconds=600)])
    assert find_stuck(flagged, Attempts(*gave_up), MOMENT) == [
        Stuck(ann, "c1", NEEDS_HELP_AFTER, 10, True)]


def test_one_entry_per_pupil_the_flag_first_then_most_failed_tests():
    ann, bo = pupil("Ann"), pupil("Bo")
    data = dashboard([ann, bo], [
        cell(ann, "c1", CellStatus.TRIED, failed=6, minutes_ago=1),
        cell(ann, "c2", CellStatus.NEEDS_HELP, failed=3, minutes_ago=30, seconds=240),
        cell(bo, "c1", CellStatus.TRIED, failed=3, minutes_ago=1),
        cell(bo, "c2", CellStatus.TRIED, failed=5, minutes_ago=1),
    ])
    ask = Attempts(busy(ann, "c1", 12, 6), busy(bo, "c1", 9, 3), busy(bo, "c2", 20, 5))
    stuck = find_stuck(data, ask, MOMENT)
    assert stuck == [Stuck(bo, "c2", 5, 20, False), Stuck(ann, "c2", 3, 4, True)]


def test_the_stuck_list_is_ordered_by_failed_tests_minutes_then_name():
    names = ("Zoë", "Ömer", "Ann", "Bo")
    pupils = [pupil(n) for n in names]
    failed = {"Zoë": 4, "Ömer": 4, "Ann": 4, "Bo": 7}
    minutes = {"Zoë": 9, "Ömer": 9, "Ann": 20, "Bo": 9}
    data = dashboard(pupils, [cell(p, "c1", CellStatus.TRIED, failed=failed[p.name],
                                   minutes_ago=0.5) for p in pupils])
    ask = Attempts(*(busy(p, "c1", minutes[p.name], failed[p.name]) for p in pupils))
    assert [s.pupil.name for s in find_stuck(data, ask, MOMENT)] == ["Bo", "Ann", "Ömer", "Zoë"]


def test_naive_store_times_and_the_latest_busy_go():
    """A store without time zones (SQLite) and two busy goes: the latest counts."""
    ann = pupil("Ann")
    data = dashboard([ann], [cell(ann, "c1", CellStatus.TRIED, failed=3, minutes_ago=2,
                                  naive=True)])
    old = busy(ann, "c1", 60, 3)
    new = busy(ann, "c1", 11, 3)
    naive = replace(new, started=new.started.replace(tzinfo=None))
    assert find_stuck(data, Attempts(old, naive), MOMENT) == [Stuck(ann, "c1", 3, 11, False)]
    assert find_stuck(data, Attempts(old, naive), MOMENT.replace(tzinfo=None))[0].minutes == 11


def test_playing_now_is_a_cell_touched_in_the_last_minutes():
    ann = pupil("Ann")
    assert is_playing(cell(ann, "c1", CellStatus.TRIED, minutes_ago=2.9), MOMENT)
    assert not is_playing(cell(ann, "c1", CellStatus.TRIED, minutes_ago=3), MOMENT)
    assert is_playing(cell(ann, "c1", CellStatus.SOLVED, minutes_ago=1, naive=True), MOMENT)
    assert not is_playing(cell(ann, "c1", CellStatus.NOT_STARTED), MOMENT)


# --- the orders of the pupils, and counts -------------------------------------------------------


@pytest.fixture
def mixed() -> tuple[Dashboard, dict[str, Pupil]]:
    """Zoë solved both levels (4 stars), Ömer both (6), Ann one, Bo none but flagged twice,
    Cas flagged once, Dex not started."""
    p = {n: pupil(n) for n in ("Zoë", "Ömer", "Ann", "Bo", "Cas", "Dex")}
    cells = [
        cell(p["Zoë"], "c1", CellStatus.SOLVED, stars=1),
        cell(p["Zoë"], "c2", CellStatus.SOLVED, stars=3),
        cell(p["Ömer"], "c1", CellStatus.SOLVED, stars=3),
        cell(p["Ömer"], "c2", CellStatus.SOLVED, stars=3),
        cell(p["Ann"], "c1", CellStatus.SOLVED, stars=3),
        cell(p["Ann"], "c2", CellStatus.TRIED, failed=1),
        cell(p["Bo"], "c1", CellStatus.NEEDS_HELP, failed=3),
        cell(p["Bo"], "c2", CellStatus.NEEDS_HELP, failed=4),
        cell(p["Cas"], "c1", CellStatus.NEEDS_HELP, failed=3),
    ]
    return dashboard(list(p.values()), cells), p


def test_counts_per_pupil_and_per_level(mixed):
    data, p = mixed
    assert solved_count(data, p["Ömer"].id) == (2, 6)
    assert solved_count(data, p["Ann"].id) == (1, 3)
    assert solved_count(data, p["Dex"].id) == (0, 0)
    assert [help_count(data, p[n].id) for n in ("Bo", "Cas", "Ann")] == [2, 1, 0]
    assert needs_help(data, p["Cas"].id) and not needs_help(data, p["Ann"].id)
    assert level_counts(data, "c1") == (3, 2)  # solved by 3, 2 flagged
    assert level_counts(data, "c2") == (2, 1)
    assert level_counts(data, "gone") == (0, 0)  # a level the store was not asked about


def test_sort_orders_break_ties_by_name(mixed):
    data, p = mixed
    names = lambda pupils: [x.name for x in pupils]  # noqa: E731
    # as a reader sorts names: "Ömer" with the O's, before "Zoë"
    assert names(sort_pupils(data, "name")) == ["Ann", "Bo", "Cas", "Dex", "Ömer", "Zoë"]
    # most levels solved, then most stars; ties by name
    assert names(sort_pupils(data, "progress")) == ["Ömer", "Zoë", "Ann", "Bo", "Cas", "Dex"]
    # the pupils stuck right now first (by name), then the most flags
    assert names(sort_pupils(data, "help", [p["Dex"].id, p["Ann"].id])) == [
        "Ann", "Dex", "Bo", "Cas", "Ömer", "Zoë"]
    assert names(sort_pupils(data, "help")) == ["Bo", "Cas", "Ann", "Dex", "Ömer", "Zoë"]
    assert set(rules.SORTS) == {"name", "progress", "help"}


def test_flagged_pupils_most_first_then_by_name(mixed):
    data, p = mixed
    ann2 = cell(p["Ann"], "c2", CellStatus.NEEDS_HELP, failed=3)
    data = replace(data, cells={**data.cells, (ann2.pupil_id, ann2.level_id): ann2})
    assert [(x.name, n) for x, n in flagged_pupils(data)] == [("Bo", 2), ("Ann", 1),
                                                               ("Cas", 1)]


# --- kerndoelen ----------------------------------------------------------------------------------


def test_kerndoel_shares_count_the_levels_tagged_with_each(mixed):
    data, _p = mixed
    shares = {k.kerndoel: k for k in kerndoel_summary(data, LEVELS)}
    assert list(shares) == [42, 43, 44, 45]  # the kerndoelen these levels train, in order
    assert set(shares) <= set(KERNDOELEN)
    # 42: c1 only (g1 is not on this dashboard); 6 pupils, 3 solved it
    assert shares[42] == KerndoelShare(42, 3, 6)
    assert shares[44] == KerndoelShare(44, 2, 6) and shares[44].share == pytest.approx(1 / 3)
    assert shares[45] == KerndoelShare(45, 3, 6)
    assert shares[43] == KerndoelShare(43, 0, 0) and shares[43].share == 0.0  # no levels


def test_kerndoel_shares_of_an_empty_class_and_of_a_deleted_level():
    empty = Dashboard("class", (), ("c1", "c2"), {})
    assert all(k.possible == 0 and k.share == 0.0 for k in kerndoel_summary(empty, LEVELS))
    ann = pupil("Ann")
    # the store was asked about a level the game no longer has: it counts for nothing
    data = dashboard([ann], [cell(ann, "gone", CellStatus.SOLVED, stars=3)],
                     level_ids=("c1", "gone"))
    shares = {k.kerndoel: k for k in kerndoel_summary(data, LEVELS)}
    assert shares[42] == KerndoelShare(42, 0, 1) and shares[45] == KerndoelShare(45, 0, 1)


# --- which levels a view shows -------------------------------------------------------------------


def test_level_sets_a_lessons_levels_and_all_levels():
    assert world_order(LEVELS) == ["city", "greenport"]
    assert world_order([*LEVELS, Lv("x1", "atlantis", 1), Lv("m1", "moon", 1)]) == [
        "city", "greenport", "atlantis", "moon"]  # worlds not on the map last, by name
    assert level_sets(LEVELS, has_lesson=True) == ["lesson", "all", "city", "greenport"]
    assert level_sets(LEVELS, has_lesson=False) == ["all", "city", "greenport"]
    assert level_sets([], has_lesson=False) == ["all"]
    ids = lambda levels: [lv.id for lv in levels]  # noqa: E731
    assert ids(levels_for(LEVELS, "all")) == ["c1", "c2", "g1", "g2"]
    assert ids(levels_for(LEVELS, "greenport")) == ["g1", "g2"]
    assert ids(levels_for(LEVELS, "moon")) == []
    # a lesson: its order, and a level deleted from the game since is left out
    assert ids(levels_for(LEVELS, "lesson", ("g2", "gone", "c1"))) == ["g2", "c1"]
    assert ids(levels_for(LEVELS, "lesson", None)) == []
    lesson = Lesson("l", "Power", ("g2", "gone", "c1"))
    assert ids(report_levels(LEVELS, lesson)) == ["g2", "c1"]  # the exports: the same rule
    assert ids(report_levels(LEVELS, None)) == ids(LEVELS)


# --- from a real store ---------------------------------------------------------------------------


def _attempt(pupil_id: str, level: str, minutes_ago: int, outcome: Outcome, failed: int,
             stars: int = 0, length: int = 5) -> Attempt:
    started = MOMENT - timedelta(minutes=minutes_ago)
    return Attempt(new_id(), pupil_id, level, None, started,
                   started + timedelta(minutes=length), outcome, stars, 0, failed + 1, failed)


def test_stuck_and_orders_from_a_real_store(store):  # noqa: F811 - the fixture
    """The store computes the cells from saved attempts; the rules read them back as the
    dashboard does (the attempts of the candidate cells asked of the store)."""
    group = store.add_class("groep 5")
    made = {n: store.add_pupil(group.id, n, "owl") for n in ("Zoë", "Ömer", "Ann", "Bo", "Cas")}
    ids = {n: p.id for n, p in made.items()}
    saves = [
        _attempt(ids["Zoë"], "c1", 200, Outcome.SOLVED, 0, stars=3),
        _attempt(ids["Zoë"], "c2", 100, Outcome.SOLVED, 1, stars=2),
        _attempt(ids["Ömer"], "c1", 50, Outcome.SOLVED, 2, stars=1),
        # Ann: only failed goes, flagged by the store, the last one 20 minutes ago
        _attempt(ids["Ann"], "c1", 40, Outcome.GAVE_UP, 2),
        _attempt(ids["Ann"], "c1", 25, Outcome.GAVE_UP, 2),
        # Bo: busy for 12 minutes with 3 failed tests, not (yet) flagged by the store
        _attempt(ids["Bo"], "c2", 12, Outcome.BUSY, 2, length=11),
        # Cas: flagged long ago (yesterday): not "now"
        _attempt(ids["Cas"], "c2", 26 * 60, Outcome.GAVE_UP, 4),
        # a level the game no longer has
        _attempt(ids["Cas"], "gone", 30, Outcome.GAVE_UP, 5),
    ]
    for a in saves:
        store.save_attempt(a)
    data = store.dashboard(group.id, ["c1", "c2"])
    assert data.cell(ids["Ann"], "c1").status == CellStatus.NEEDS_HELP
    assert data.cell(ids["Bo"], "c2").status == CellStatus.TRIED
    assert data.cell(ids["Cas"], "c2").status == CellStatus.NEEDS_HELP

    def attempts_of(pupil_id: str, level_id: str) -> list[Attempt]:
        return store.attempts(pupil_id=pupil_id, level_id=level_id)

    stuck = find_stuck(data, attempts_of, MOMENT)
    assert [(s.pupil.name, s.level_id, s.failed_tests, s.minutes, s.needs_help)
            for s in stuck] == [("Ann", "c1", 4, 10, True), ("Bo", "c2", 2, 12, False)]
    names = lambda pupils: [x.name for x in pupils]  # noqa: E731
    assert names(sort_pupils(data, "name")) == ["Ann", "Bo", "Cas", "Ömer", "Zoë"]
    assert names(sort_pupils(data, "progress")) == ["Zoë", "Ömer", "Ann", "Bo", "Cas"]
    assert names(sort_pupils(data, "help", (s.pupil.id for s in stuck))) == [
        "Ann", "Bo", "Cas", "Ömer", "Zoë"]
    assert [(x.name, n) for x, n in flagged_pupils(data)] == [("Ann", 1), ("Cas", 1)]
    shares = {k.kerndoel: k for k in kerndoel_summary(data, LEVELS)}
    assert shares[42] == KerndoelShare(42, 2, 5)  # c1: Zoë and Ömer
    assert shares[44] == KerndoelShare(44, 1, 5)  # c2: Zoë

    # the class CSV counts with the same rules
    rows = class_rows(data, [lv for lv in LEVELS if lv.id in ("c1", "c2")])
    table = {row[0]: row[1:4] for row in rows[1:]}
    for name, who in ids.items():
        solved, stars = solved_count(data, who)
        assert table[name] == [str(solved), str(help_count(data, who)), str(stars)], name
    assert table["Zoë"] == ["2", "0", "5"] and table["Ann"] == ["0", "1", "0"]


def test_a_seeded_class_has_the_same_stuck_pupils_through_the_csv(store):  # noqa: F811
    """A bigger class (tests/dashboard_data.fill_class on the real levels): every pupil the
    rules call stuck is flagged or busy, and the CSV's needs-help column is help_count."""
    from tests.dashboard_data import fill_class

    levels = real_levels().world("city")[:4]
    class_id, _pupils = fill_class(store, levels, MOMENT, pupils=18, seed=3, today=True)
    data = store.dashboard(class_id, [lv.id for lv in levels])
    stuck = find_stuck(data, lambda p, lv: store.attempts(pupil_id=p, level_id=lv), MOMENT)
    assert stuck, "the seeded lesson has somebody stuck"
    for s in stuck:
        c = data.cell(s.pupil.id, s.level_id)
        assert c.status == (CellStatus.NEEDS_HELP if s.needs_help else CellStatus.TRIED)
    text = io.StringIO(csv_bytes(class_rows(data, levels)).decode("utf-8-sig"))
    body = list(csv.reader(text, delimiter=CSV_DELIMITER))[1:]
    by_name = {p.name: p for p in data.pupils}
    for row in body:
        assert row[2] == str(help_count(data, by_name[row[0]].id))

