"""Logs of several PCs merge safely, on SQLite and on PostgreSQL (tests/pg.py):

- a merge is all or nothing per file, and says per file what happened;
- a log saved by Notepad (byte-order mark, CRLF, or UTF-16) merges; a big log merges in
  bounded memory;
- deletions travel (tombstones) and win; nothing is left out without a line saying so;
- every record is checked by the same rules as the teacher screens and the command line
  before any database sees it;
- the store keeps one class per name and one pupil per name and avatar in a class, for every
  way in, and lists names as a reader sorts them.
"""

from __future__ import annotations

import io
import json
import tracemalloc
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from game.progress.export import merge_logs
from game.progress.records import (
    Attempt,
    DuplicateName,
    InvalidRecord,
    Outcome,
    name_sort_key,
    new_id,
)
from game.progress.sql import LogError, SqlSchoolStore
from tests import pg

open_store, store, store_url = pg.open_store, pg.store, pg.store_url

T0 = datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc)


def go(pupil_id, level_id, stars=2, start=T0):
    return Attempt(new_id(), pupil_id, level_id, None, start, start + timedelta(minutes=3),
                   Outcome.SOLVED, stars)


def other_pc(tmp_path: Path, name: str) -> SqlSchoolStore:
    return SqlSchoolStore(pg.made_sqlite(tmp_path / f"{name}.db"))


def pc_with_class(tmp_path: Path, name: str, class_name: str, pupils: tuple[str, ...]):
    pc = other_pc(tmp_path, name)
    group = pc.add_class(class_name)
    kids = [pc.add_pupil(group.id, kid, "fox") for kid in pupils]
    for kid in kids:
        pc.save_attempt(go(kid.id, "city-01"))
    return pc, group, kids


# --- all or nothing per file, one line per file ---------------------------------------------------


def test_a_cut_off_file_merges_nothing_and_the_files_around_it_merge(store, tmp_path):
    logs = []
    for name, class_name in (("pc1", "groep 3"), ("pc2", "groep 4"), ("pc3", "groep 5")):
        pc, _group, _kids = pc_with_class(tmp_path, name, class_name, ("Ada", "Bo"))
        logs.append(tmp_path / f"{name}.jsonl")
        pc.export_log(logs[-1])
        pc.close()
    data = logs[1].read_bytes()
    logs[1].write_bytes(data[:len(data) // 2])  # the USB stick was pulled out
    # three PCs set up on their own (no class in common): the teacher said they are ours
    reports = merge_logs(store, logs, other_school=True)
    assert [r.path for r in reports] == logs
    assert sorted(g.name for g in store.classes()) == ["groep 3", "groep 5"]
    assert reports[0].line() == "pc1.jsonl: merged 5 records"
    assert reports[1].refused is not None and "cut off" in reports[1].line()
    assert reports[1].line().startswith("pc2.jsonl: refused: line ")
    assert reports[1].line().endswith("nothing from this file was merged")
    assert [r.line() for r in merge_logs(store, [logs[0], logs[2]])] == [
        "pc1.jsonl: already merged", "pc3.jsonl: already merged"]
    for report in reports:
        assert "\n" not in report.line()


def test_a_file_cut_off_between_two_lines_is_refused_too(store, tmp_path):
    pc, _group, _kids = pc_with_class(tmp_path, "pc", "groep 3", ("Ada", "Bo", "Cas"))
    log = tmp_path / "pc.jsonl"
    pc.export_log(log)
    pc.close()
    lines = log.read_text("utf-8").splitlines(keepends=True)
    log.write_text("".join(lines[:-3]), encoding="utf-8")  # whole lines, the end is missing
    with pytest.raises(LogError, match="the end line is missing"):
        store.merge_log(log)
    assert store.classes() == [] and store.attempts() == []


def test_a_record_that_breaks_a_rule_late_in_a_file_rolls_the_whole_file_back(store, tmp_path):
    pc, _group, kids = pc_with_class(tmp_path, "pc", "groep 3", ("Ada",))
    # more than one batch is written before the bad record is read
    pc.save_attempts(go(kids[0].id, f"city-{n % 3:02d}") for n in range(2500))
    log = tmp_path / "pc.jsonl"
    pc.export_log(log)
    pc.close()
    lines = log.read_text("utf-8").splitlines()
    bad = json.loads(lines[-2])
    bad["stars"] = 99
    lines[-2] = json.dumps(bad)
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LogError, match=rf"pc.jsonl:{len(lines) - 1}: record {len(lines) - 2}: "
                                       r"stars is 99, not between 0 and 3"):
        store.merge_log(log)
    assert store.classes() == [] and store.attempts() == []


@pytest.mark.parametrize("encoding, newline", [("utf-8-sig", "\r\n"), ("utf-8-sig", "\n"),
                                               ("utf-16", "\r\n")])
def test_a_log_saved_by_notepad_merges(store, tmp_path, encoding, newline):
    pc, group, kids = pc_with_class(tmp_path, "pc", "groep 3", ("Zoë",))
    log = tmp_path / "pc.jsonl"
    pc.export_log(log)
    pc.close()
    text = log.read_text("utf-8")
    log.write_bytes(text.replace("\n", newline).encode(encoding))  # Notepad's "Save as"
    assert merge_logs(store, [log])[0].line() == "pc.jsonl: merged 3 records"
    assert [p.name for p in store.pupils(group.id)] == ["Zoë"]


def write_big_log(path: Path, attempts: int) -> None:
    """A log of one class, one pupil and many attempts, written directly (quick)."""
    class_id, pupil_id = str(uuid.uuid4()), str(uuid.uuid4())
    when = T0.isoformat()
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"kind": "techniekwerf-log", "version": 3}) + "\n")
        f.write(json.dumps({"kind": "class", "id": class_id, "name": "groep 8",
                            "created": when, "modified": when}) + "\n")
        f.write(json.dumps({"kind": "pupil", "id": pupil_id, "class_id": class_id,
                            "name": "Mo", "avatar": "fox", "modified": when}) + "\n")
        build = json.dumps([{"kind": "wire", "at": [x, 1], "rotation": 0, "on": True,
                             "broken": False, "placed": True} for x in range(8)])
        for n in range(attempts):
            f.write(json.dumps({
                "kind": "attempt", "id": str(uuid.uuid4()), "pupil_id": pupil_id,
                "level_id": f"city-{n % 40:02d}", "lesson_id": None, "started": when,
                "ended": when, "seconds": 61.0, "outcome": "solved", "stars": 2,
                "parts_used": 8, "tests_run": 2, "failed_tests": 1, "hints_used": 0,
                "resets": 0, "answer": None, "build": build, "device": "pc-9",
                "modified": when}) + "\n")
        f.write(json.dumps({"kind": "end", "records": attempts + 2}) + "\n")


def peak_memory_of_merge(tmp_path: Path, attempts: int) -> int:
    log = tmp_path / f"big-{attempts}.jsonl"
    write_big_log(log, attempts)
    with SqlSchoolStore(pg.made_sqlite(tmp_path / f'big-{attempts}.db')) as school:
        tracemalloc.start()
        try:
            assert school.merge_log(log) == attempts + 2
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


def test_a_big_log_merges_in_bounded_memory(tmp_path):
    """Four times the log, about the same memory (reading it whole took 5x the file size)."""
    small = peak_memory_of_merge(tmp_path, 2_000)  # 4 batches of 500
    big = peak_memory_of_merge(tmp_path, 8_000)  # 16 batches
    assert big < 1.5 * small, (small, big)


def names_in_tables(store, name: str) -> list[str]:
    import sqlalchemy as sa

    with store.engine.connect() as conn:
        return [table for table in sa.inspect(conn).get_table_names()
                if any(name in " ".join(map(str, row)) for row in
                       conn.execute(sa.text(f"SELECT * FROM {table}")))]


# --- deletions travel --------------------------------------------------------------------------


def test_a_pupil_deleted_on_one_pc_is_deleted_on_the_other_after_a_merge(store, tmp_path):
    teacher, group, (ada, bo) = pc_with_class(tmp_path, "teacher", "groep 6", ("Ada", "Bo"))
    shared = tmp_path / "shared.jsonl"
    teacher.export_log(shared)
    assert store.merge_log(shared) == 5  # the pupil PC has the class now
    store.save_attempt(go(ada.id, "city-02"))  # Ada plays on, on the pupil PC
    pupil_pc_log = tmp_path / "pupil-pc.jsonl"
    store.export_log(pupil_pc_log)

    teacher.delete_pupil(ada.id)
    after = tmp_path / "teacher.jsonl"
    teacher.export_log(after)
    report = merge_logs(store, [after])[0]
    assert store.pupil(ada.id) is None and store.attempts(pupil_id=ada.id) == []
    assert store.pupil(bo.id) is not None
    assert report.line() == ("teacher.jsonl: merged 1 record; deleted here as on the other PC:"
                             " 1 pupil with their attempts")
    assert merge_logs(store, [after])[0].line() == "teacher.jsonl: already merged"
    assert names_in_tables(store, "Ada") == []  # nothing of her left in any table
    if store.url.startswith("sqlite"):  # nor in the file or its WAL (secure_delete, scrub)
        path = Path(store.engine.url.database)
        for part in (path, path.with_name(path.name + "-wal")):
            assert not part.exists() or b"Ada" not in part.read_bytes(), part

    # the pupil PC's older log reaches the teacher: Ada stays deleted, and it says so
    back = merge_logs(teacher, [pupil_pc_log])[0]
    assert teacher.pupil(ada.id) is None and teacher.attempts(pupil_id=ada.id) == []
    assert back.left_out == {"of pupils or classes deleted (here or on the other PC)": 3}
    assert "left out 3 records of pupils or classes deleted" in back.line()
    teacher.close()


def test_deletions_travel_on_through_a_third_pc_and_a_class_takes_its_pupils(store, tmp_path):
    pc1, group, (ada, bo) = pc_with_class(tmp_path, "pc1", "groep 6", ("Ada", "Bo"))
    pc3 = other_pc(tmp_path, "pc3")
    first = tmp_path / "first.jsonl"
    pc1.export_log(first)
    store.merge_log(first)
    pc3.merge_log(first)
    pc1.delete_class(group.id)
    gone = tmp_path / "gone.jsonl"
    pc1.export_log(gone)
    report = store.merge_log_report(gone)
    assert (report.deleted_classes, report.deleted_pupils) == (1, 2)
    assert store.classes() == [] and store.attempts() == []
    relay = tmp_path / "relay.jsonl"  # pc3 only ever sees the log of `store`
    store.export_log(relay)
    assert "deleted here as on the other PC: 1 class and 2 pupils" in merge_logs(
        pc3, [relay])[0].line()
    assert pc3.classes() == [] and pc3.attempts() == []
    # tombstones are records like any other: merged once, exported on
    records = [json.loads(line) for line in relay.read_text("utf-8").splitlines()]
    assert sum(r["kind"] == "forgotten" for r in records) == 3
    assert all(r.get("id_hash") != ada.id for r in records)  # a hash, never the id itself
    assert merge_logs(pc3, [relay])[0].line() == "relay.jsonl: already merged"
    pc1.close()
    pc3.close()


# --- one set of rules for every record ------------------------------------------------------------


BAD = [
    ("pupil", "name", "x" * 5000, "pupil name is too long (5000 characters, at most 60)"),
    ("pupil", "name", "   ", "pupil name is blank"),
    ("attempt", "answer", "a\x00b", "answer holds a NUL character"),  # PostgreSQL refuses it
    ("class", "name", "", "class name is blank"),
    ("attempt", "stars", 99, "stars is 99, not between 0 and 3"),
    ("attempt", "stars", -1, "stars is -1, not between 0 and 3"),
    ("attempt", "seconds", -5, "seconds is -5.0, not a number of seconds between 0 and"),
    ("attempt", "seconds", float("nan"), "seconds is nan"),
    ("attempt", "tests_run", 2**40, "tests run is 1099511627776, not between 0 and 1000000"),
    ("attempt", "id", "attempt-7", "id 'attempt-7' is not a UUID"),
    ("attempt", "started", "yesterday", "started 'yesterday' is not a date and time"),
    ("attempt", "level_id", "c" * 101, "level id is too long"),
    ("attempt", "device", "d" * 65, "device is too long"),
    ("attempt", "outcome", "won", "outcome 'won' is not one of"),
]


@pytest.mark.parametrize("kind, field, value, message", BAD)
def test_a_record_either_database_would_refuse_is_refused_first_naming_file_and_record(
        store, tmp_path, kind, field, value, message):
    pc, _group, _kids = pc_with_class(tmp_path, "pc", "groep 3", ("Ada",))
    log = tmp_path / "class.log"
    pc.export_log(log)
    pc.close()
    lines = log.read_text("utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if json.loads(line)["kind"] == kind)
    record = json.loads(lines[number])
    record[field] = value
    lines[number] = json.dumps(record)
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LogError) as refused:
        store.merge_log(log)
    text = str(refused.value)
    assert text.startswith(f"{log}:{number + 1}: record {number}: "), text
    assert message is None or message in text
    assert "\n" not in text and "sqlalchemy" not in text.lower()
    assert store.classes() == [] and store.attempts() == []


def test_the_screens_the_command_line_and_a_merge_share_one_rule_for_names(store, tmp_path,
                                                                        capsys):
    """The teacher screens and the command line add through the store, which checks with the
    same function as the merge (the merge's words are in BAD above)."""
    from game.teacher_cli import main

    group = store.add_class("groep 3")
    with pytest.raises(InvalidRecord) as by_store:
        store.add_pupil(group.id, " \t ", "fox")
    assert str(by_store.value) == "pupil name is blank"
    with pytest.raises(InvalidRecord, match="too long"):
        store.add_pupil(group.id, "y" * 61, "fox")
    with pytest.raises(InvalidRecord, match="class name is blank"):
        store.rename_class(group.id, "  ")
    data = ["--data", str(tmp_path / "cli")]
    assert main(["add-class", "groep 3", *data], out=io.StringIO()) == 0
    assert main(["add-pupil", "groep 3", "  ", "--avatar", "fox", *data],
                out=io.StringIO()) == 2
    assert capsys.readouterr().err.strip() == "techniekwerf teacher: pupil name is blank"
    # names are kept normalised: one space, composed letters
    kid = store.add_pupil(group.id, "  Zoe\u0308   van  Dam ", "fox")
    assert store.pupil(kid.id).name == "Zoë van Dam"


# --- one class per name, one pupil per name and avatar -----------------------------------------


def test_the_store_refuses_a_second_class_or_pupil_of_the_same_name_every_way_in(store):
    group = store.add_class("groep 5b")
    with pytest.raises(DuplicateName, match="already a class called 'groep 5b'"):
        store.add_class("  Groep   5B ")
    other = store.add_class("groep 6")
    with pytest.raises(DuplicateName):
        store.rename_class(other.id, "GROEP 5b")
    store.rename_class(group.id, "Groep 5B")  # its own name, in other letters: fine
    zoe = store.add_pupil(group.id, "Zoë", "fox")
    with pytest.raises(DuplicateName, match="already a pupil called 'Zoë' with the avatar"):
        store.add_pupil(group.id, "zoe\u0308", "FOX")  # other case, decomposed ë
    cat = store.add_pupil(group.id, "Zoë", "cat")  # the avatar tells them apart at login
    store.add_pupil(other.id, "Zoë", "fox")  # another class
    with pytest.raises(DuplicateName):
        store.update_pupil(cat.id, "ZOË", "fox")
    store.update_pupil(zoe.id, "Zoë", "fox")
    assert sorted((p.name, p.avatar) for p in store.pupils(group.id)) == [
        ("Zoë", "cat"), ("Zoë", "fox")]


def test_the_command_line_refuses_doubles_with_one_line(tmp_path, capsys):
    from game.teacher_cli import main

    data = ["--data", str(tmp_path / "data")]
    assert main(["add-class", "groep 5b", *data], out=io.StringIO()) == 0
    assert main(["add-class", "Groep 5B", *data], out=io.StringIO()) == 1
    assert main(["add-pupil", "groep 5b", "Sam", "--avatar", "fox", *data],
                out=io.StringIO()) == 0
    assert main(["add-pupil", "groep 5b", "sam", "--avatar", "fox", *data],
                out=io.StringIO()) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2
    assert "already a class called 'groep 5b'" in lines[0]
    assert "already a pupil called 'Sam' with the avatar 'fox'" in lines[1]


def test_a_merge_keeps_the_same_pupil_and_leaves_out_a_double_with_a_line(store, tmp_path):
    teacher, group, (sam,) = pc_with_class(tmp_path, "teacher", "groep 5b", ("Sam",))
    log = tmp_path / "teacher.jsonl"
    teacher.export_log(log)
    store.merge_log(log)  # the same ids: the same class and pupil on both PCs
    store.save_attempt(go(sam.id, "city-03"))
    # another PC typed in its own "Sam" with the fox, and its own "groep 5b"
    other, other_group, (other_sam,) = pc_with_class(tmp_path, "other", "groep 5b", ("Sam",))
    twin = tmp_path / "other.jsonl"
    other.export_log(twin)
    report = merge_logs(store, [twin], other_school=True)[0]  # set up on its own
    assert [g.id for g in store.classes()] == [group.id]
    assert [p.id for p in store.pupils(group.id)] == [sam.id]
    assert report.left_out == {"of a class whose name another class here has": 3}
    assert report.line() == ("other.jsonl: merged 0 records; left out 3 records of a class "
                             "whose name another class here has (groep 5b)")
    # within one class: a pupil of the same name and avatar, with another id
    store_sam = [p for p in store.pupils(group.id)][0]
    assert store_sam.id == sam.id
    intruder = other.add_class("groep 9")  # nothing to do with it
    other.delete_class(intruder.id)
    twin_pupil = tmp_path / "twin-pupil.jsonl"
    teacher.add_pupil(group.id, "Noor", "owl")
    teacher.export_log(twin_pupil)
    lines = [json.loads(line) for line in twin_pupil.read_text("utf-8").splitlines()]
    for record in lines:
        if record.get("kind") == "pupil" and record["name"] == "Noor":
            record["name"], record["avatar"] = "SAM", "fox"  # a double of Sam, another id
        record.pop("sha256", None)  # an end line without a checksum (an older game's)
    twin_pupil.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    report = merge_logs(store, [twin_pupil])[0]
    assert [p.id for p in store.pupils(group.id)] == [sam.id]
    assert "left out 1 record of a pupil whose name and avatar another pupil of the class " \
           "has here (SAM, fox)" in report.line()
    teacher.close()
    other.close()


# --- names sorted as a reader sorts them ---------------------------------------------------------


NAMES = ["Zoë", "Ömer", "zeynep", "Émile", "Emma", "Łukasz", "Lena", "anna", "Mila"]
READER_ORDER = ["anna", "Émile", "Emma", "Lena", "Łukasz", "Mila", "Ömer", "zeynep", "Zoë"]


def test_names_sort_as_a_reader_sorts_them():
    assert sorted(NAMES, key=name_sort_key) == READER_ORDER
    ukrainian = ["Яна", "Ігор", "Іван", "Єва", "Ґанна", "Галя", "Йосип", "Їжак", "Ерик"]
    assert sorted(ukrainian, key=name_sort_key) == [
        "Галя", "Ґанна", "Ерик", "Єва", "Іван", "Ігор", "Їжак", "Йосип", "Яна"]


def test_pupils_and_classes_are_listed_in_reader_order_everywhere(store, tmp_path):
    from game.progress.export import write_class_csv

    groups = [store.add_class(name) for name in ("Zonnebloem", "Ölmez", "appel")]
    assert [g.name for g in store.classes()] == ["appel", "Ölmez", "Zonnebloem"]
    group = groups[0]
    for name in NAMES:
        store.add_pupil(group.id, name, "fox")
    assert [p.name for p in store.pupils(group.id)] == READER_ORDER
    assert [p.name for p in store.dashboard(group.id, ["city-01"]).pupils] == READER_ORDER
    out = tmp_path / "class.csv"

    class Level:
        id, title, order, world = "city-01", "Light", 1, "city"

    write_class_csv(store, group.id, [Level()], out, lambda s: s)
    rows = out.read_text("utf-8-sig").splitlines()[1:]
    assert [row.split(";")[0] for row in rows] == READER_ORDER
