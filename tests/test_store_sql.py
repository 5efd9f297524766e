"""The school store on SQLite and on a real PostgreSQL server: classes, pupils, lessons,
attempts, the dashboard, hard deletes read back from the raw tables, the end-of-year purge,
merging logs of several PCs, and the menus' progress view on top of it."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.progress.api import SchoolStore
from game.progress.records import (
    NEEDS_HELP_AFTER,
    Attempt,
    BuildPiece,
    CellStatus,
    Lesson,
    Outcome,
    new_id,
)
from game.progress.sql import LogError, SqlSchoolStore, metadata
from tests import pg

# the fixtures that run each test on SQLite and on PostgreSQL
open_store, store, store_url = pg.open_store, pg.store, pg.store_url

T0 = datetime(2025, 3, 4, 9, 0, tzinfo=timezone.utc)


def go(pupil_id, level_id, outcome=Outcome.SOLVED, stars=0, minutes=2, start=T0, **more):
    return Attempt(new_id(), pupil_id, level_id, None, start, start + timedelta(minutes=minutes),
                   outcome, stars, **more)


def raw_rows(store) -> dict[str, list[tuple]]:
    """Every row of every table, read past the store's own methods."""
    with store.engine.connect() as conn:
        names = sa.inspect(conn).get_table_names()
        return {name: [tuple(r) for r in conn.execute(sa.text(f"SELECT * FROM {name}"))]
                for name in names}


def mentions(store, *needles: str) -> list[str]:
    found = []
    for table, rows in raw_rows(store).items():
        for row in rows:
            text = " ".join(str(v) for v in row)
            found += [f"{table}: {n}" for n in needles if n in text]
    return found


# --- classes and pupils ---------------------------------------------------------------------


def test_it_is_a_school_store(store):
    assert isinstance(store, SchoolStore)


def test_classes_and_pupils_round_trip_in_name_order(store):
    b = store.add_class("groep 5b")
    a = store.add_class("Groep 4")
    assert [c.name for c in store.classes()] == ["Groep 4", "groep 5b"]
    assert store.classes()[0] == a and a.created.tzinfo is not None
    zoe = store.add_pupil(b.id, "  Zoë ", "fox")
    store.add_pupil(b.id, "bram", "owl")
    assert zoe.name == "Zoë" and store.pupil(zoe.id) == zoe
    assert [p.name for p in store.pupils(b.id)] == ["bram", "Zoë"]
    assert store.pupils(a.id) == []
    store.rename_class(b.id, "groep 6b")
    store.update_pupil(zoe.id, "Zoe", "cat")
    assert store.class_group(b.id).name == "groep 6b"
    assert store.pupil(zoe.id).avatar == "cat" and store.pupil("nobody") is None


def test_empty_or_long_names_are_refused(store):
    group = store.add_class("groep 3")
    for bad in ("", "   "):
        with pytest.raises(ValueError):
            store.add_class(bad)
        with pytest.raises(ValueError):
            store.add_pupil(group.id, bad, "fox")
    with pytest.raises(ValueError):
        store.add_pupil(group.id, "x" * 61, "fox")
    with pytest.raises(KeyError):
        store.add_pupil(new_id(), "Ali", "fox")


def test_a_pupil_row_holds_a_name_and_an_avatar_and_nothing_else():
    assert {c.name for c in metadata.tables["pupils"].columns} == {
        "id", "class_id", "name", "avatar", "modified"}


def test_ids_are_uuids(store):
    import uuid

    group = store.add_class("groep 8")
    assert uuid.UUID(group.id) and uuid.UUID(store.add_pupil(group.id, "Sem", "fox").id)


# --- lessons ----------------------------------------------------------------------------------


def test_lessons_keep_their_level_order_and_can_be_copied_edited_and_deleted(store):
    lesson = Lesson(new_id(), "Stroom", ("city-03", "city-01", "city-02"), free_play=True)
    store.save_lesson(lesson)
    got = store.lessons()[0]
    assert (got.id, got.level_ids, got.free_play) == (lesson.id, lesson.level_ids, True)
    store.save_lesson(replace(lesson, title="Stroom 2", level_ids=("city-02",)))
    assert [(x.title, x.level_ids) for x in store.lessons()] == [("Stroom 2", ("city-02",))]
    copy = store.copy_lesson(lesson.id, "Stroom kopie")
    assert copy.id != lesson.id and copy.level_ids == ("city-02",)
    assert len(store.lessons()) == 2
    store.delete_lesson(lesson.id)
    assert [x.id for x in store.lessons()] == [copy.id]


def test_a_class_has_one_active_lesson_and_deleting_the_lesson_ends_it(store):
    group = store.add_class("groep 5")
    other = store.add_class("groep 6")
    one, two = Lesson(new_id(), "Een", ("a",)), Lesson(new_id(), "Twee", ("b", "c"))
    store.save_lesson(one)
    store.save_lesson(two)
    assert store.active_lesson(group.id) is None
    store.activate_lesson(group.id, one.id)
    store.activate_lesson(group.id, two.id)
    assert store.active_lesson(group.id).level_ids == ("b", "c")
    assert store.active_lesson(other.id) is None
    store.activate_lesson(group.id, None)
    assert store.active_lesson(group.id) is None
    store.activate_lesson(group.id, one.id)
    store.delete_lesson(one.id)
    assert store.active_lesson(group.id) is None


# --- attempts ---------------------------------------------------------------------------------


def test_an_attempt_round_trips_with_every_field(store):
    group = store.add_class("groep 5")
    zoe = store.add_pupil(group.id, "Zoë", "fox")
    lesson = new_id()
    build = (BuildPiece("wire_straight", (1, 2), 1, on=False, broken=True, placed=False),
             BuildPiece("lamp", (3, 0)))
    a = Attempt(new_id(), zoe.id, "city-02", lesson, T0, T0 + timedelta(seconds=95),
                Outcome.GAVE_UP, 0, parts_used=7, tests_run=4, failed_tests=3, hints_used=2,
                resets=1, answer="de zon ☀", build=build, device="pc-1")
    store.save_attempt(a)
    assert store.attempt(a.id) == a
    assert store.attempts(pupil_id=zoe.id) == [a]
    assert store.attempt(new_id()) is None


def test_save_attempt_is_an_upsert_by_id_and_fills_in_the_device(store):
    a = go(None, "city-01", Outcome.BUSY, device="")
    store.save_attempt(a)
    store.save_attempt(replace(a, outcome=Outcome.SOLVED, stars=2, tests_run=3))
    (got,) = store.attempts()
    assert (got.id, got.outcome, got.stars, got.tests_run) == (a.id, Outcome.SOLVED, 2, 3)
    assert got.device == store.device_id != ""


def test_naive_times_are_taken_as_utc_and_come_back_aware(store):
    a = go(None, "x", start=datetime(2025, 1, 2, 3, 4, 5))
    store.save_attempt(a)
    assert store.attempt(a.id).started == datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def test_attempts_filter_by_pupil_level_and_class(store):
    g1, g2 = store.add_class("a"), store.add_class("b")
    p1, p2 = store.add_pupil(g1.id, "P", "fox"), store.add_pupil(g2.id, "Q", "owl")
    for p in (p1, p2, None):
        for level in ("l1", "l2"):
            store.save_attempt(go(p.id if p else None, level))
    assert len(store.attempts()) == 6
    assert {a.level_id for a in store.attempts(pupil_id=p1.id)} == {"l1", "l2"}
    assert len(store.attempts(level_id="l1")) == 3
    assert {a.pupil_id for a in store.attempts(class_id=g2.id)} == {p2.id}
    assert len(store.attempts(class_id=g1.id, level_id="l2")) == 1
    assert len(store.guest_attempts()) == 2


def test_best_stars_count_solved_attempts_only_per_profile(store):
    group = store.add_class("groep 5")
    zoe = store.add_pupil(group.id, "Zoë", "fox")
    store.save_attempt(go(zoe.id, "l", stars=2))
    store.save_attempt(go(zoe.id, "l", Outcome.GAVE_UP, stars=3))
    store.save_attempt(go(None, "l", stars=1))
    assert store.best_stars("l", zoe.id) == 2
    assert store.best_stars("l", None) == 1
    assert store.best_stars("other", zoe.id) == 0
    assert store.solved_levels(zoe.id) == {"l": 2}
    assert store.solved_levels(None) == {"l": 1}


def test_an_attempt_for_an_unknown_pupil_is_refused(store):
    with pytest.raises(sa.exc.IntegrityError):
        store.save_attempt(go(new_id(), "l"))


# --- the dashboard ----------------------------------------------------------------------------


def test_the_dashboard_shows_every_status_with_its_numbers(store):
    group = store.add_class("groep 5")
    other = store.add_class("groep 6")
    names = ("Anna", "Bo", "Cas", "Dirk", "Eva")
    p = {n: store.add_pupil(group.id, n, "fox").id for n in names}
    outsider = store.add_pupil(other.id, "Fem", "owl").id
    store.save_attempt(go(p["Bo"], "l1", Outcome.GAVE_UP, failed_tests=1, minutes=3))
    store.save_attempt(go(p["Cas"], "l1", Outcome.GAVE_UP, failed_tests=2, minutes=1))
    store.save_attempt(go(p["Cas"], "l1", Outcome.BUSY, failed_tests=NEEDS_HELP_AFTER - 2,
                          start=T0 + timedelta(hours=1), minutes=4))
    store.save_attempt(go(p["Dirk"], "l1", Outcome.GAVE_UP, failed_tests=5))
    store.save_attempt(go(p["Dirk"], "l1", Outcome.SOLVED, stars=1, start=T0 + timedelta(hours=2)))
    store.save_attempt(go(p["Dirk"], "l1", Outcome.SOLVED, stars=3))
    store.save_attempt(go(p["Eva"], "l2", Outcome.SOLVED, stars=2))
    store.save_attempt(go(p["Eva"], "not-asked", Outcome.SOLVED, stars=2))
    store.save_attempt(go(outsider, "l1", Outcome.SOLVED, stars=3))
    store.save_attempt(go(None, "l1", Outcome.GAVE_UP, failed_tests=9))

    board = store.dashboard(group.id, ["l1", "l2"])
    assert [x.name for x in board.pupils] == list(names)
    assert board.level_ids == ("l1", "l2")
    assert board.cell(p["Anna"], "l1").status == CellStatus.NOT_STARTED
    bo = board.cell(p["Bo"], "l1")
    assert (bo.status, bo.attempts, bo.failed_tests, bo.seconds) == (CellStatus.TRIED, 1, 1, 180)
    cas = board.cell(p["Cas"], "l1")
    assert (cas.status, cas.attempts, cas.failed_tests) == (CellStatus.NEEDS_HELP, 2,
                                                            NEEDS_HELP_AFTER)
    assert cas.seconds == 300
    assert cas.last_activity == T0 + timedelta(hours=1, minutes=4)
    dirk = board.cell(p["Dirk"], "l1")
    assert (dirk.status, dirk.best_stars, dirk.attempts) == (CellStatus.SOLVED, 3, 3)
    assert board.cell(p["Eva"], "l2").best_stars == 2
    assert set(board.cells) == {(p["Bo"], "l1"), (p["Cas"], "l1"), (p["Dirk"], "l1"),
                                (p["Eva"], "l2")}


def live_dashboard(store, class_id, levels):
    """The dashboard computed from scratch from the attempts, to check the kept summary."""
    cells = {}
    members = {p.id for p in store.pupils(class_id)}
    for a in store.attempts(class_id=class_id):
        if a.level_id not in levels or a.pupil_id not in members:
            continue
        best, n, failed, seconds, solved = cells.get((a.pupil_id, a.level_id),
                                                     (0, 0, 0, 0.0, False))
        ok = a.outcome == Outcome.SOLVED
        cells[(a.pupil_id, a.level_id)] = (
            max(best, a.stars if ok else 0), n + 1, failed + a.failed_tests,
            seconds + ((a.ended - a.started).total_seconds() if a.ended else 0), solved or ok)
    return cells


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["save", "update", "move", "delete", "bulk"]),
                          st.integers(0, 3), st.sampled_from(["l1", "l2"]),
                          st.integers(0, 3), st.booleans()), max_size=25))
def test_the_kept_summary_always_equals_the_attempts(tmp_path_factory, steps):
    store = SqlSchoolStore(tmp_path_factory.mktemp("summary"))
    try:
        group = store.add_class("groep 5")
        pupils = [store.add_pupil(group.id, f"p{i}", "fox").id for i in range(4)]
        saved: list[Attempt] = []
        for action, who, level, stars, solved in steps:
            outcome = Outcome.SOLVED if solved else Outcome.GAVE_UP
            if action == "save" or not saved:
                saved.append(go(pupils[who], level, outcome, stars, failed_tests=stars))
                store.save_attempt(saved[-1])
            elif action == "update":
                saved[-1] = replace(saved[-1], outcome=outcome, stars=stars, failed_tests=4)
                store.save_attempt(saved[-1])
            elif action == "move":  # the same attempt id, now another level
                saved[-1] = replace(saved[-1], level_id=level)
                store.save_attempt(saved[-1])
            elif action == "bulk":
                more = [go(pupils[(who + i) % 4], level, outcome, stars) for i in range(3)]
                saved[0] = replace(saved[0], stars=stars, outcome=outcome)
                store.save_attempts([saved[0], *more])
                saved += more
            elif who == 3 and pupils[3] != pupils[0]:  # delete the fourth pupil, once
                store.delete_pupil(pupils[3])
                saved = [a for a in saved if a.pupil_id != pupils[3]]
                pupils[3] = pupils[0]
        board = store.dashboard(group.id, ["l1", "l2"])
        kept = {key: (c.best_stars, c.attempts, c.failed_tests, c.seconds,
                      c.status == CellStatus.SOLVED) for key, c in board.cells.items()}
        assert kept == live_dashboard(store, group.id, {"l1", "l2"})
    finally:
        store.close()


def test_a_bulk_save_of_many_pairs_rebuilds_the_summary(store, monkeypatch):
    from game.progress import sql

    monkeypatch.setattr(sql, "REBUILD_ABOVE", 2)
    group = store.add_class("groep 5")
    pupils = [store.add_pupil(group.id, f"p{i}", "fox").id for i in range(3)]
    first = go(pupils[0], "l1", stars=1)
    store.save_attempt(first)
    store.save_attempts([replace(first, stars=3)] +
                        [go(p, lv, Outcome.GAVE_UP, failed_tests=2, start=T0 + timedelta(days=1))
                         for p in pupils for lv in ("l1", "l2")], batch=2)
    board = store.dashboard(group.id, ["l1", "l2"])
    kept = {key: (c.best_stars, c.attempts, c.failed_tests, c.seconds,
                  c.status == CellStatus.SOLVED) for key, c in board.cells.items()}
    assert kept == live_dashboard(store, group.id, {"l1", "l2"})
    assert board.cell(pupils[0], "l1").best_stars == 3 and len(kept) == 6


def test_a_dashboard_without_levels_or_pupils_is_empty(store):
    group = store.add_class("leeg")
    assert store.dashboard(group.id, ["l1"]).cells == {}
    store.add_pupil(group.id, "Sem", "fox")
    assert store.dashboard(group.id, []).cells == {}


# --- hard deletes and the purge -----------------------------------------------------------------


def filled(store):
    group = store.add_class("groep 7")
    zoe = store.add_pupil(group.id, "Zoëtje", "fox")
    bram = store.add_pupil(group.id, "Brammetje", "owl")
    lesson = Lesson(new_id(), "Water", ("w1",))
    store.save_lesson(lesson)
    store.activate_lesson(group.id, lesson.id)
    zoe_goes = [go(zoe.id, "w1", answer="geheim-zoe"), go(zoe.id, "w2")]
    for a in zoe_goes:
        store.save_attempt(a)
    store.save_attempt(go(bram.id, "w1"))
    store.save_attempt(go(None, "w1"))
    return group, zoe, bram, lesson, zoe_goes


def test_deleting_a_pupil_leaves_nothing_of_them_in_any_table(store):
    group, zoe, bram, _, zoe_goes = filled(store)
    store.delete_pupil(zoe.id)
    assert mentions(store, zoe.id, "Zoëtje", "geheim-zoe", *(a.id for a in zoe_goes)) == []
    assert store.pupil(bram.id) is not None and len(store.attempts()) == 2


def test_deleting_a_class_deletes_its_pupils_and_their_attempts(store):
    group, zoe, bram, lesson, _ = filled(store)
    keep = store.add_class("groep 8")
    sem = store.add_pupil(keep.id, "Sem", "cat")
    store.save_attempt(go(sem.id, "w1"))
    store.delete_class(group.id)
    assert mentions(store, group.id, zoe.id, bram.id, "Zoëtje", "Brammetje", "groep 7") == []
    assert [c.name for c in store.classes()] == ["groep 8"]
    assert {a.pupil_id for a in store.attempts()} == {sem.id, None}
    assert store.lessons()[0].id == lesson.id


def test_the_school_year_purge_removes_the_children_and_keeps_classes_and_lessons(store):
    group, zoe, bram, lesson, _ = filled(store)
    store.set_secret("2468")
    store.purge_school_year()
    rows = raw_rows(store)
    assert rows["pupils"] == [] and rows["attempts"] == [] and rows["activations"] == []
    assert mentions(store, zoe.id, bram.id, "Zoëtje", "Brammetje") == []
    assert [c.name for c in store.classes()] == ["groep 7"]
    assert store.lessons()[0].level_ids == ("w1",)
    assert store.check_secret("2468")


# --- logs of several PCs ------------------------------------------------------------------------


def test_a_merged_log_recreates_classes_pupils_lessons_and_attempts_once(store, tmp_path,
                                                                         open_store):
    group, zoe, bram, lesson, _ = filled(store)
    log = tmp_path / "pc.jsonl"
    assert store.export_log(log) == 1 + 1 + 2 + 4
    teacher = SqlSchoolStore(pg.made_sqlite(tmp_path / 'teacher.db'))
    try:
        assert teacher.merge_log(log) == 8
        assert teacher.merge_log(log) == 0
        assert teacher.classes() == store.classes()
        assert teacher.pupils(group.id) == store.pupils(group.id)
        assert teacher.lessons() == store.lessons()
        assert sorted(teacher.attempts(), key=lambda a: a.id) == sorted(
            store.attempts(), key=lambda a: a.id)
        levels = ["w1", "w2"]
        assert teacher.dashboard(group.id, levels) == store.dashboard(group.id, levels)
        # the teacher's PC has no activations from the pupil PC: lessons are chosen there
        assert teacher.active_lesson(group.id) is None
    finally:
        teacher.close()


def test_a_newer_edit_wins_whichever_way_logs_travel(store, tmp_path):
    group, zoe, *_ = filled(store)
    old = tmp_path / "old.jsonl"
    store.export_log(old)
    store.update_pupil(zoe.id, "Zo", "cat")
    goes = store.attempts(pupil_id=zoe.id)
    store.save_attempt(replace(goes[0], stars=3, outcome=Outcome.SOLVED))
    new = tmp_path / "new.jsonl"
    store.export_log(new)

    other = SqlSchoolStore(tmp_path / "other")
    try:
        assert other.merge_log(new) > 0
        assert other.merge_log(old) == 0  # older edits do not overwrite newer ones
        assert other.pupil(zoe.id).name == "Zo"
        assert other.attempt(goes[0].id).stars == 3
    finally:
        other.close()
    assert store.merge_log(old) == 0
    assert store.pupil(zoe.id).name == "Zo"


def test_since_limits_the_attempts_of_a_log(store, tmp_path):
    filled(store)
    log = tmp_path / "late.jsonl"
    future = datetime.now(timezone.utc) + timedelta(days=1)
    assert store.export_log(log, since=future) == 4  # classes, lessons, pupils only
    kinds = [json.loads(line)["kind"] for line in log.read_text("utf-8").splitlines()[1:]]
    assert "attempt" not in kinds


def test_a_deleted_pupil_does_not_come_back_with_an_old_log(store, tmp_path):
    group, zoe, bram, *_ = filled(store)
    log = tmp_path / "pc.jsonl"
    store.export_log(log)
    store.delete_pupil(zoe.id)
    assert store.merge_log(log) == 0
    assert store.pupil(zoe.id) is None and store.attempts(pupil_id=zoe.id) == []
    store.delete_class(group.id)
    store.merge_log(log)
    assert store.classes() == [] and store.pupil(bram.id) is None
    assert mentions(store, "Zoëtje", "Brammetje") == []


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    ("hello\n", "not a Techniekwerf log"),
    ('{"kind": "techniekwerf-log", "version": 99}\n', "newer version"),
    ('{"kind": "techniekwerf-log", "version": 1}\n{"kind": "pupil", "id": "x"}\n', ":2:"),
    ('{"kind": "techniekwerf-log", "version": 1}\n{"kind": "spy"}\n', "unknown record"),
])
def test_a_bad_log_merges_nothing_and_says_why_in_one_line(store, tmp_path, text, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LogError, match=message) as caught:
        store.merge_log(path)
    assert "\n" not in str(caught.value)
    with pytest.raises(LogError, match="no such file"):
        store.merge_log(tmp_path / "missing.jsonl")


def test_a_half_bad_log_merges_nothing(store, tmp_path):
    filled(store)
    log = tmp_path / "pc.jsonl"
    store.export_log(log)
    log.write_text(log.read_text("utf-8") + "{broken\n", encoding="utf-8")
    other = SqlSchoolStore(tmp_path / "other")
    try:
        with pytest.raises(LogError):
            other.merge_log(log)
        assert other.classes() == []
    finally:
        other.close()


def test_export_pupil_holds_everything_about_this_child_only(store):
    group, zoe, bram, *_ = filled(store)
    data = store.export_pupil(zoe.id)
    assert data["pupil"] == {"id": zoe.id, "name": "Zoëtje", "avatar": "fox",
                             "class_id": group.id}
    assert data["class"]["name"] == "groep 7"
    assert {a["id"] for a in data["attempts"]} == {a.id for a in store.attempts(pupil_id=zoe.id)}
    assert "Brammetje" not in repr(data) and bram.id not in repr(data)
    assert "geheim-zoe" in repr(data)
    with pytest.raises(KeyError):
        store.export_pupil(new_id())


# --- this PC, the secret, the SQLite settings ------------------------------------------------


def test_the_device_id_stays_the_same_when_the_store_is_opened_again(open_store):
    first = open_store().device_id
    assert first and open_store().device_id == first


def test_the_back_off_survives_a_restart(open_store):
    clock = [1000.0]
    store = open_store(clock=lambda: clock[0])
    store.set_secret("1234")
    assert not store.check_secret("0000")
    assert not store.check_secret("0000")  # refused unchecked: still waiting
    clock[0] += 1
    assert not store.check_secret("0000")
    again = open_store(clock=lambda: clock[0])
    assert again.seconds_until_next_try() == pytest.approx(2.0)
    assert not again.check_secret("1234")  # even the right one waits
    clock[0] += 2
    assert again.check_secret("1234")
    assert again.seconds_until_next_try() == 0


def test_sqlite_runs_in_wal_mode_with_full_sync_and_foreign_keys(tmp_path):
    store = SqlSchoolStore(tmp_path)
    try:
        assert (tmp_path / "techniekwerf.db").exists()
        with store.engine.connect() as conn:
            pragma = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                      for name in ("journal_mode", "synchronous", "foreign_keys",
                                   "busy_timeout")}
        assert pragma["journal_mode"] == "wal"
        assert pragma["synchronous"] == 2  # FULL: a committed attempt survives a power cut
        assert pragma["foreign_keys"] == 1 and pragma["busy_timeout"] >= 5000
    finally:
        store.close()


def test_two_stores_on_one_file_see_each_others_writes(tmp_path):
    game, teacher = SqlSchoolStore(tmp_path), SqlSchoolStore(tmp_path)
    try:
        group = teacher.add_class("groep 5")
        pupil = game.add_pupil(group.id, "Ali", "fox")
        for _ in range(5):
            game.save_attempt(go(pupil.id, "l1", stars=1))
            teacher.save_attempt(go(pupil.id, "l2"))
        assert len(teacher.attempts()) == len(game.attempts()) == 10
    finally:
        game.close()
        teacher.close()


def test_two_pcs_saving_for_one_pupil_and_level_at_once_both_succeed(open_store):
    import threading

    first, second = open_store(), open_store()
    group = first.add_class("groep 5")
    pupil = first.add_pupil(group.id, "Ali", "fox")
    errors: list[BaseException] = []

    def play(store) -> None:
        try:
            for _ in range(20):
                store.save_attempt(go(pupil.id, "l1", Outcome.GAVE_UP, failed_tests=1))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=play, args=(s,)) for s in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    cell = first.dashboard(group.id, ["l1"]).cell(pupil.id, "l1")
    assert (cell.attempts, cell.failed_tests) == (40, 40)


def test_a_store_opens_from_a_folder_a_file_or_a_url(tmp_path, monkeypatch):
    from game.progress import db

    assert db.resolve_url(tmp_path).endswith("/techniekwerf.db")
    assert db.resolve_url(tmp_path / "x.sqlite3").endswith("/x.sqlite3")
    assert db.resolve_url("postgresql://h/d") == "postgresql://h/d"
    monkeypatch.setenv("TECHNIEKWERF_DATA", str(tmp_path / "data"))
    store = SqlSchoolStore.default()
    store.close()
    assert (tmp_path / "data" / "techniekwerf.db").exists()
    with pytest.raises(db.StoreUrlError, match="not supported"):
        SqlSchoolStore("mysql://x/y")
    with pytest.raises(db.StoreUrlError, match="not supported"):
        SqlSchoolStore("nosuchdb://x/y")
    with pytest.raises(db.StoreUrlError, match="not a database address"):
        SqlSchoolStore("postgresql:/one-slash")  # a typo is named, not made into a folder


def test_the_settings_name_a_school_server(tmp_path, capsys):
    from game.settings import Settings

    (tmp_path / "settings.json").write_text('{"db_url": "postgresql://ict@server/school"}',
                                            encoding="utf-8")
    assert Settings.load(tmp_path).db_url == "postgresql://ict@server/school"
    (tmp_path / "settings.json").write_text('{"db_url": 3}', encoding="utf-8")
    assert Settings.load(tmp_path).db_url is None and "db_url" in capsys.readouterr().err
    assert Settings(folder=tmp_path).db_url is None


# --- the menus' view of one pupil --------------------------------------------------------------


def test_the_profile_store_shows_a_pupils_own_stars(store):
    from game.progress.profile import ProfileStore
    from game.progress.store import ProgressStore

    group = store.add_class("groep 5")
    zoe, bram = (store.add_pupil(group.id, n, "fox") for n in ("Zoë", "Bram"))
    store.save_attempt(go(zoe.id, "l1", stars=2))
    store.save_attempt(go(zoe.id, "l2", Outcome.GAVE_UP))
    store.save_attempt(go(bram.id, "l3", stars=3))
    mine = ProfileStore(store, zoe.id)
    assert isinstance(mine, ProgressStore) and mine.profile == zoe.id
    assert mine.best_stars("l1") == 2 and mine.best_stars("l3") == 0
    assert mine.completed() == {"l1"} and mine.is_completed("l1")
    assert not mine.is_completed("l2") and mine.is_unlocked("l9")
    assert mine.total_stars() == 2 and mine.total_stars(["l1", "l3"]) == 2
    # The play screen reports before the attempt log saves: the menus show it at once, and
    # nothing is written twice.
    mine.record_result("l2", 3, True, 4, 0)
    assert mine.best_stars("l2") == 3 and len(store.attempts(pupil_id=zoe.id)) == 2
    store.save_attempt(go(zoe.id, "l4", stars=1))
    mine.record_result("l4", 1, True, 4, 0)
    assert mine.completed() == {"l1", "l2", "l4"}


def test_the_guests_old_progress_file_is_copied_in_once_and_kept(store, tmp_path):
    from game.progress.profile import ProfileStore
    from game.progress.store import JsonProgressStore

    old = JsonProgressStore(tmp_path)
    old.record_result("city-01", 2, True, parts_used=4, hints_used=1)
    old.record_result("city-02", 0, False, parts_used=9, hints_used=0)
    before = (tmp_path / "progress.json").read_bytes()
    guest = ProfileStore(store, None, folder=tmp_path)
    assert guest.profile == "guest"
    assert guest.best_stars("city-01") == 2 and guest.completed() == {"city-01"}
    assert len(store.guest_attempts()) == 2
    ProfileStore(store, None, folder=tmp_path)
    assert len(store.guest_attempts()) == 2  # once
    assert (tmp_path / "progress.json").read_bytes() == before


def test_a_damaged_guest_file_is_left_alone_quietly(store, tmp_path, capsys):
    from game.progress.profile import ProfileStore

    (tmp_path / "progress.json").write_text("{broken", encoding="utf-8")
    assert ProfileStore(store, None, folder=tmp_path).completed() == set()
    assert capsys.readouterr().err == ""
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("progress")] == [
        "progress.json"]
