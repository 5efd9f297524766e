"""A merged log is treated as hostile (issue 9), on SQLite and on PostgreSQL (tests/pg.py):

- the whole file is checked before anything is merged: a log cut at any line boundary, or
  with a byte changed so that it still reads as records, is refused in one line and changes
  nothing; a log of an older game (no end line) merges with a note that it could not be
  checked to be complete;
- a date in the future (beyond a day) is refused, naming the file and the record;
- (a log of another school: tests/test_merge_other_school.py);
- versions are named right: older and unreadable, or newer (update the game);
- every kind of record passes the store's own rules before it reaches either database.
"""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from game import teacher_cli
from game.progress.export import merge_logs
from game.progress.logfile import LogWriter, header_line
from game.progress.records import Attempt, InvalidRecord, Lesson, Outcome, new_id, now
from game.progress.sql import LogError, SqlSchoolStore
from tests import pg

open_store, store, store_url = pg.open_store, pg.store, pg.store_url

T0 = datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc)


# --- helpers (the other merge tests use them too) --------------------------------------------


def go(pupil_id: str, level_id: str, stars: int = 2, start: datetime = T0) -> Attempt:
    return Attempt(new_id(), pupil_id, level_id, None, start, start + timedelta(minutes=3),
                   Outcome.SOLVED, stars)


def school_pc(tmp_path: Path, name: str, class_name: str = "groep 5") -> SqlSchoolStore:
    """A PC with every kind of record: a class, pupils with settings and attempts, a lesson,
    and a deleted pupil (a tombstone)."""
    pc = SqlSchoolStore(pg.made_sqlite(tmp_path / f"{name}.db"))
    group = pc.add_class(class_name)
    ada = pc.add_pupil(group.id, "Ada", "fox")
    bo = pc.add_pupil(group.id, "Bo", "owl")
    gone = pc.add_pupil(group.id, "Cas", "cow")
    pc.save_lesson(Lesson(new_id(), "Stroom", ("city-01", "city-02"), created=T0))
    pc.save_pupil_settings(ada.id, {"language": "tr"})
    for n, kid in enumerate((ada, bo, gone)):
        pc.save_attempt(go(kid.id, "city-01", stars=n % 4))
        pc.save_attempt(go(kid.id, "city-02", stars=1))
    pc.delete_pupil(gone.id)
    return pc


def exported(tmp_path: Path, name: str, class_name: str = "groep 5") -> Path:
    pc = school_pc(tmp_path, name, class_name)
    try:
        log = tmp_path / f"{name}.jsonl"
        pc.export_log(log)
        return log
    finally:
        pc.close()


def records_of(path: Path) -> tuple[dict, list[dict]]:
    """The header and the records of a log (not its end line)."""
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return lines[0], [r for r in lines[1:] if r.get("kind") != "end"]


def write_log(path: Path, records: list[dict], header: dict | None = None,
              end: bool = True) -> Path:
    """A log as the game writes it (count and checksum right), of any records and header."""
    lines: list[str] = []
    log = LogWriter(lines.append)
    if header is None:
        lines.append(header_line("pc-x", now()))
    else:
        lines.append(json.dumps(header))
    for record in records:
        log.record(json.dumps(record))
    if end:
        log.end()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot(store) -> dict[str, list[str]]:
    """Every row of every table of the store, to show that nothing changed."""
    with store.engine.connect() as conn:
        return {table: sorted(repr(tuple(row)) for row in
                              conn.execute(sa.text(f"SELECT * FROM {table}")))
                for table in sa.inspect(conn).get_table_names()}


def assert_refused_in_one_line(report, log: Path, *words: str) -> None:
    line = report.line()
    assert report.refused is not None, line
    assert "\n" not in line and line.startswith(f"{log.name}: refused: "), line
    for word in words:
        assert word in line, line


# --- 1. the whole file is checked first ------------------------------------------------------


def test_a_log_cut_at_any_line_boundary_is_refused_before_anything_is_merged(store, tmp_path):
    log = exported(tmp_path, "pc")
    lines = log.read_text("utf-8").splitlines(keepends=True)
    before = snapshot(store)
    for keep in range(1, len(lines)):
        cut = tmp_path / f"cut-{keep}.jsonl"
        cut.write_text("".join(lines[:keep]), encoding="utf-8")
        (report,) = merge_logs(store, [cut])
        assert_refused_in_one_line(report, cut, "incomplete")
        assert snapshot(store) == before, keep
    assert merge_logs(store, [log])[0].refused is None


def test_a_changed_byte_that_still_reads_as_a_record_is_refused_by_the_checksum(store,
                                                                            tmp_path):
    log = exported(tmp_path, "pc")
    text = log.read_text("utf-8")
    assert '"stars":1' in text
    changed = tmp_path / "changed.jsonl"
    changed.write_text(text.replace('"stars":1', '"stars":3', 1), encoding="utf-8")
    before = snapshot(store)
    (report,) = merge_logs(store, [changed])
    assert_refused_in_one_line(report, changed, "checksum", "copy it again")
    assert snapshot(store) == before
    # a log of the game before the checksum (an end line with the count only) still merges
    header, records = records_of(log)
    plain = tmp_path / "plain.jsonl"
    plain.write_text("\n".join([json.dumps(header), *map(json.dumps, records),
                                json.dumps({"kind": "end", "records": len(records)})]) + "\n",
                     encoding="utf-8")
    assert merge_logs(store, [plain])[0].refused is None


def test_a_log_of_an_older_game_without_an_end_line_merges_with_a_note(store, tmp_path):
    header, records = records_of(exported(tmp_path, "pc"))
    header["version"] = 2
    old = write_log(tmp_path / "old.jsonl", records, header, end=False)
    (report,) = merge_logs(store, [old])
    assert report.refused is None and report.unchecked
    assert report.line().endswith("made by an older version of the game, so it could not be "
                                  "checked to be complete")
    assert [p.name for p in store.pupils(store.classes()[0].id)] == ["Ada", "Bo"]
    out = io.StringIO()
    assert teacher_cli.main(["merge-log", "--db", store.engine.url.render_as_string(False),
                             str(old)], out=out) == 0
    assert out.getvalue() == (f"{old}: already merged; made by an older version of the game, "
                              "so it could not be checked to be complete\n")


def test_a_bad_record_after_many_batches_merges_nothing(store, tmp_path):
    """Batches are committed one by one, but only once the whole file was checked."""
    header, records = records_of(exported(tmp_path, "pc"))
    attempt = next(r for r in records if r["kind"] == "attempt")
    many = [dict(attempt, id=new_id()) for _ in range(1000)]
    bad = dict(attempt, id=new_id(), stars=4)
    log = write_log(tmp_path / "big.jsonl", [*records, *many, bad], header)
    before = snapshot(store)
    with pytest.raises(LogError, match=r"big.jsonl:\d+: record \d+: stars is 4"):
        store.merge_log(log)
    assert snapshot(store) == before


# --- 4. versions -------------------------------------------------------------------------------


@pytest.mark.parametrize("version, words", [
    (4, "made by a newer version of Techniekwerf (log version 4); update the game"),
    (99, "made by a newer version of Techniekwerf (log version 99); update the game"),
    ("2", "made by an older version of Techniekwerf that this one cannot read (log version "
          "'2')"),
    ("3", "made by an older version of Techniekwerf that this one cannot read"),
    (0, "made by an older version of Techniekwerf that this one cannot read (log version '0')"),
    (None, "made by an older version of Techniekwerf that this one cannot read"),
    (2.0, "made by an older version of Techniekwerf that this one cannot read"),
    (True, "made by an older version of Techniekwerf that this one cannot read"),
])
def test_versions_are_named_right(store, tmp_path, version, words):
    header, records = records_of(exported(tmp_path, "pc"))
    header["version"] = version
    log = write_log(tmp_path / "v.jsonl", records, header)
    before = snapshot(store)
    (report,) = merge_logs(store, [log])
    assert_refused_in_one_line(report, log, words)
    assert "newer" not in report.line() or isinstance(version, int) and version > 3
    assert snapshot(store) == before


@pytest.mark.parametrize("version", [1, 2, 3])
def test_every_version_this_game_wrote_merges(store, tmp_path, version):
    header, records = records_of(exported(tmp_path, "pc"))
    header["version"] = version
    (report,) = merge_logs(store, [write_log(tmp_path / "v.jsonl", records, header)])
    assert report.refused is None and not report.unchecked and report.added == len(records)


# --- 2. dates in the future --------------------------------------------------------------------


DATES = [("forgotten", "deleted"), ("class", "created"), ("class", "modified"),
         ("lesson", "created"), ("lesson", "modified"), ("pupil", "modified"),
         ("settings", "modified"), ("attempt", "started"), ("attempt", "ended"),
         ("attempt", "modified")]


@pytest.mark.parametrize("kind, field", DATES)
def test_a_date_in_the_future_is_refused_naming_the_file_and_the_record(store, tmp_path, kind,
                                                                        field):
    header, records = records_of(exported(tmp_path, "pc"))
    number = next(i for i, r in enumerate(records) if r["kind"] == kind)
    records[number][field] = "2100-01-01T00:00:00+00:00"
    log = write_log(tmp_path / "clock.jsonl", records, header)
    before = snapshot(store)
    (report,) = merge_logs(store, [log])
    assert_refused_in_one_line(
        report, log, f"line {number + 2}: record {number + 1}: {field} 2100-01-01T00:00:00+00:00 "
                     "is in the future (is the other PC's clock right?)")
    assert snapshot(store) == before


def test_a_clock_a_few_hours_ahead_is_fine_and_a_later_edit_still_wins(store, tmp_path):
    """A far-future ``modified`` would win against every later edit: refused. A few hours
    ahead (time zones, a clock a bit off) is merged, and a real later edit still wins."""
    header, records = records_of(exported(tmp_path, "pc"))
    pupil = next(r for r in records if r["kind"] == "pupil")
    pupil["modified"] = (now() + timedelta(hours=3)).isoformat()
    assert merge_logs(store, [write_log(tmp_path / "a.jsonl", records, header)])[0].refused \
        is None
    pupil["name"], pupil["modified"] = "Ada B", (now() + timedelta(hours=5)).isoformat()
    assert merge_logs(store, [write_log(tmp_path / "b.jsonl", records, header)])[0].refused \
        is None
    assert store.pupil(pupil["id"]).name == "Ada B"
    pupil["name"], pupil["modified"] = "Ada C", (now() + timedelta(days=400)).isoformat()
    (report,) = merge_logs(store, [write_log(tmp_path / "c.jsonl", records, header)])
    assert report.refused is not None and "is in the future" in report.refused
    assert store.pupil(pupil["id"]).name == "Ada B"


# --- 6. every record checked by the store's rules ---------------------------------------------


NAMES = ["Ada", "  Zoë  ", "Ada\x00", "\u202eAda", "\u200fنور\u200f", "", "   ", "\u200b",
         "A" * 61, "Ada\nBo", "\ud800", "=1+2", "-Bo"]
AVATARS = ["fox", "FOX", "../../evil", "fox.svg", "", "unicorn-xyz", "/etc/passwd"]


@pytest.mark.parametrize("field, values", [("name", NAMES), ("avatar", AVATARS)])
def test_a_merged_pupil_passes_the_same_rule_as_one_added_by_hand(store, tmp_path, field,
                                                                  values):
    """Whatever the class screen refuses, a merge refuses (naming file and line); whatever it
    keeps, a merge keeps the same way."""
    group = store.add_class("groep 5")
    header, records = records_of(exported(tmp_path, "pc"))
    for n, value in enumerate(values):
        name, avatar = (value, "heron") if field == "name" else (f"Kid {n}", value)
        try:
            by_hand = store.add_pupil(group.id, name, avatar)
        except InvalidRecord:
            by_hand = None
        pupil = {"kind": "pupil", "id": new_id(), "class_id": group.id, "name": name,
                 "avatar": avatar, "modified": T0.isoformat()}
        if by_hand is not None:
            store.delete_pupil(by_hand.id)
        log = write_log(tmp_path / f"p{n}.jsonl", [pupil], header)
        before = snapshot(store)
        (report,) = merge_logs(store, [log], other_school=True)  # its class is made here
        if by_hand is None:
            assert_refused_in_one_line(report, log, "line 2: record 1: " + (
                "pupil name" if field == "name" else "avatar"))
            assert snapshot(store) == before
        else:
            assert report.refused is None, (value, report.line())
            merged = store.pupil(pupil["id"])
            assert (merged.name, merged.avatar) == (by_hand.name, by_hand.avatar), value
            store.delete_pupil(merged.id)


BAD_RECORDS = [
    ("forgotten", "id_hash", "../" * 20, "id_hash is not a SHA-256"),
    ("forgotten", "deleted", "yesterday", "deleted 'yesterday' is not a date"),
    ("class", "name", "\x00", "class name"),
    ("class", "id", "../classes", "id '../classes' is not a UUID"),
    ("lesson", "title", 7, "lesson title is not text"),
    ("lesson", "level_ids", "city-01", "level_ids is not a list"),
    ("lesson", "free_play", "yes", "free play is not true or false"),
    ("pupil", "class_id", None, "class id is not a UUID"),
    ("settings", "settings", "{not json", "settings are not JSON"),
    ("settings", "settings", "[1, 2]", "settings are not a JSON object"),
    ("attempt", "seconds", float("inf"), "seconds"),
    ("attempt", "stars", 999, "stars is 999"),
    ("attempt", "parts_used", 1e308, "parts used is not a whole number"),
    ("attempt", "build", "{}", "build is not a list of parts"),
    ("attempt", "outcome", None, "outcome"),
]


@pytest.mark.parametrize("kind, field, value, words", BAD_RECORDS)
def test_every_kind_of_record_is_checked_before_a_database_sees_it(store, tmp_path, kind, field,
                                                                   value, words):
    header, records = records_of(exported(tmp_path, "pc"))
    number = next(i for i, r in enumerate(records) if r["kind"] == kind)
    records[number][field] = value
    log = write_log(tmp_path / "bad.jsonl", records, header)
    before = snapshot(store)
    (report,) = merge_logs(store, [log])
    assert_refused_in_one_line(report, log, f"line {number + 2}: record {number + 1}: {words}")
    assert snapshot(store) == before


def test_a_record_of_an_unknown_kind_or_a_header_with_a_bad_school_is_refused(store, tmp_path):
    header, records = records_of(exported(tmp_path, "pc"))
    log = write_log(tmp_path / "odd.jsonl", [*records, {"kind": "teacher", "name": "x"}], header)
    (report,) = merge_logs(store, [log])
    assert_refused_in_one_line(report, log, "unknown record 'teacher'")
    header["school"] = "../../etc"
    log = write_log(tmp_path / "school.jsonl", records, header)
    (report,) = merge_logs(store, [log])
    assert_refused_in_one_line(report, log, "line 1: school '../../etc' is not a UUID")
    assert store.classes() == []
