"""Mutated merge logs (Hypothesis), on SQLite and on PostgreSQL (tests/pg.py).

A valid log of a PC with every kind of record is cut short, has bytes flipped, lines dropped,
doubled or swapped, its version changed, or one field of one record set to a hostile value (a
date, a number, a name, an id; with the end line's count and checksum made right again or
not). Every outcome is one of two:

- merged: the store is usable (the dashboard and the class CSV of every class can be made,
  the store writes its own log) and the log was merged fully (merging it again adds nothing);
- refused: one line that names the file, and nothing in the store changed.

The merge never raises. The examples are few enough for the normal suite.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.progress import export
from game.progress.export import merge_logs
from game.progress.logfile import LogWriter
from tests import pg
from tests.test_merge_hostile import exported, snapshot

open_store, store, store_url = pg.open_store, pg.store, pg.store_url

LEVELS = [SimpleNamespace(id=f"city-{n:02d}", title=f"Level {n}") for n in (1, 2, 3)]
DATES = {"created", "modified", "started", "ended", "deleted"}
NUMBERS = {"seconds", "stars", "parts_used", "tests_run", "failed_tests", "hints_used",
           "resets", "records"}
NAMES = {"name", "title", "avatar", "settings", "answer", "device", "level_id", "build"}
IDS = {"id", "class_id", "pupil_id", "lesson_id", "id_hash"}


@pytest.fixture(scope="module")
def base_lines(tmp_path_factory) -> list[bytes]:
    """The lines of a valid log of a PC with every kind of record (header and end line too)."""
    log = exported(tmp_path_factory.mktemp("base"), "pc")
    return log.read_bytes().splitlines()


def hostile(field: str) -> st.SearchStrategy:
    if field in DATES:
        return st.one_of(
            st.datetimes().map(lambda d: d.isoformat()),
            st.datetimes().map(lambda d: d.isoformat() + "+05:00"),
            st.sampled_from(["2100-01-01T00:00:00+00:00", "0001-01-01T00:00:00-23:59",
                             "9999-12-31T23:59:59+00:00", "yesterday", ""]),
            st.integers(), st.none())
    if field in NUMBERS:
        return st.one_of(st.integers(-2**70, 2**70), st.floats(), st.booleans(), st.none(),
                         st.sampled_from(["3", "1e308", 1e308, -0.0]))
    if field in NAMES:
        return st.one_of(st.text(max_size=90), st.sampled_from(
            ["../../evil", "fox", "=1+2", "\u202eAda", "Ada\x00", "[]", "{}", "[1,2]"]),
            st.integers(), st.none(), st.lists(st.text(max_size=3), max_size=3))
    if field in IDS:
        return st.one_of(st.uuids().map(str), st.text(max_size=40), st.none(),
                         st.sampled_from(["0" * 64, "../x"]))
    return st.one_of(st.text(max_size=20), st.integers(), st.none(), st.booleans(),
                     st.lists(st.text(max_size=10), max_size=3))


def resummed(lines: list[bytes]) -> list[bytes]:
    """The log with its end line made right again for its records (count and checksum)."""
    records = [line for line in lines[1:] if line.strip()]
    records = [line for line in records if b'"kind": "end"' not in line]
    out: list[str] = [lines[0].decode("utf-8", "replace")]
    log = LogWriter(out.append)
    for line in records:
        log.record(line.decode("utf-8", "surrogatepass"))
    log.end()
    return [line.encode("utf-8", "surrogatepass") for line in out]


@st.composite
def mutated(draw, lines: list[bytes]) -> bytes:
    lines = list(lines)
    how = draw(st.sampled_from(["truncate", "flip", "drop", "duplicate", "swap", "field",
                                "field", "field", "version"]))
    if how == "truncate":
        data = b"\n".join(lines) + b"\n"
        return data[:draw(st.integers(0, len(data) - 1))]
    if how == "flip":
        data = bytearray(b"\n".join(lines) + b"\n")
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] ^= draw(st.integers(1, 255))
        return bytes(data)
    if how in ("drop", "duplicate", "swap"):
        i = draw(st.integers(0, len(lines) - 1))
        if how == "drop":
            del lines[i]
        elif how == "duplicate":
            lines.insert(i, lines[i])
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        if draw(st.booleans()):
            lines = resummed(lines)
    elif how == "version":
        header = json.loads(lines[0])
        header["version"] = draw(st.one_of(st.integers(-3, 6), st.text(max_size=3),
                                           st.floats(), st.none(), st.booleans()))
        lines[0] = json.dumps(header).encode()
        if draw(st.booleans()):
            lines = lines[:-1]  # as an older game wrote it: no end line
    else:
        i = draw(st.integers(1, len(lines) - 2))
        record = json.loads(lines[i])
        field = draw(st.sampled_from(sorted(record)))
        record[field] = draw(hostile(field))
        lines[i] = json.dumps(record).encode("utf-8", "surrogatepass")
        if draw(st.booleans()):
            lines = resummed(lines)
    return b"\n".join(lines) + b"\n"


def usable(store, tmp: Path) -> None:
    """What the teacher's screens and exports read, made from the store."""
    for group in store.classes():
        board = export.class_dashboard(store, group.id, LEVELS)
        export.csv_bytes(export.class_rows(board, LEVELS))
        for pupil in store.pupils(group.id):
            store.attempts(pupil_id=pupil.id)
            store.pupil_settings(pupil.id)
    store.lessons()
    store.guest_attempts()
    store.export_log(tmp / "own.jsonl")


@pytest.mark.parametrize("start", ["empty", "merged"])
def test_a_mutated_log_merges_fully_or_is_refused_in_one_line_and_changes_nothing(
        store, tmp_path, base_lines, start):
    if start == "merged":  # a store that has the PC's log already: mutations are updates
        base = tmp_path / "base.jsonl"
        base.write_bytes(b"\n".join(base_lines) + b"\n")
        assert merge_logs(store, [base])[0].refused is None
    log = tmp_path / "mutated.jsonl"

    @settings(max_examples=40, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=mutated(base_lines))
    def check(data: bytes) -> None:
        log.write_bytes(data)
        before = snapshot(store)
        (report,) = merge_logs(store, [log])
        line = report.line()
        assert "\n" not in line and line.startswith("mutated.jsonl: "), line
        if report.refused is not None:
            assert not report.stopped, line
            assert snapshot(store) == before, line
            return
        usable(store, tmp_path)
        (again,) = merge_logs(store, [log])
        assert again.refused is None and again.added == 0, again.line()

    check()
