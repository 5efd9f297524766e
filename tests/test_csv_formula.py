"""The class CSV never hands a spreadsheet a formula, and never breaks on a number (issue 9).

A spreadsheet skips what it cannot see before a cell's first sign (spaces, a no-break space, a
zero-width space, a direction mark or override) and reads full-width signs as plain ones, so
every such cell gets the leading ``'`` as ``=1+1`` does. Numbers are written as numbers. A
store written before the ranges (seconds of Infinity or 1e308) still exports, on SQLite and on
PostgreSQL (tests/pg.py).
"""

from __future__ import annotations

import csv
import io
import math
from datetime import datetime, timedelta, timezone

import pytest

from game.progress.export import (
    CSV_DELIMITER,
    class_rows,
    csv_bytes,
    escape_cell,
    looks_like_formula,
    minutes,
    write_class_csv,
)
from game.progress.records import Attempt, Outcome, new_id, now
from game.progress.report import class_report
from game.progress.sql import attempts_t, pupils_t, rebuild_summary
from tests import pg

open_store, store, store_url = pg.open_store, pg.store, pg.store_url

T0 = datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc)

#: cells a spreadsheet could read as a formula, each for another reason
FORMULAS = [
    "=1+1", "+31 20", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\n=1+1", "\r\n@x",
    " =1+1", "   +1", "\u00a0=1+1", "\u3000=1+1", "\u2007-1",  # spaces of every kind
    "\u200b=1+1", "\u200e=1", "\u200f+1", "\u061c@x", "\ufeff=1", "\u2060=1",  # invisible
    "\u202e=1+1", "\u202a-1", "\u2066=1", "\u2067@a",  # direction overrides and isolates
    "\uff1dHYPERLINK(\"http://x\";\"klik\")", "\uff0b1", "\uff0d1", "\uff20SUM(A1)",  # full
    "\ufe66x", "\ufe62x", "\ufe63x", "\ufe6bx",  # small forms
    "\u2212 1",  # the minus sign
    " \u200b\u00a0\u202e\uff1d1",  # all of it at once
    "\x00=1", "\x1f+1",  # a control character first (a store from before the rule)
    "\u0301=1",  # a combining mark with nothing to combine with
]
PLAIN = ["Zoë", "groep 5b", "Jan-Willem", "a=b", "3", "", " ", "'al", "Li\nLo", "مريم",
         "\u200fعلي", "Ex: =1", "1-2", "x@y", "Олена", "ﾊﾞ", "0"]


@pytest.mark.parametrize("text", FORMULAS)
def test_every_cell_a_spreadsheet_could_read_as_a_formula_gets_a_quote(text):
    assert looks_like_formula(text)
    assert escape_cell(text) == "'" + text


@pytest.mark.parametrize("text", PLAIN)
def test_text_that_starts_with_no_sign_is_written_as_it_is(text):
    assert escape_cell(text) == text


def test_numbers_are_written_as_numbers_and_text_that_looks_like_one_is_text():
    """The class table's numbers are counts of 0 or more, written as digits. A number given as
    a number stays a number, even a negative one (no formula can hide in an int); the same
    characters as text ("-3", a pupil's nickname) are escaped like any text."""
    assert [escape_cell(v) for v in (3, 0, -3, 2.5, -0.5)] == ["3", "0", "-3", "2.5", "-0.5"]
    assert escape_cell("-3") == "'-3"
    assert escape_cell(True) == "True" and escape_cell(None) == ""


def test_a_formula_survives_the_round_trip_as_text():
    rows = [["Pupil", "Stars"], *[[text, 3] for text in FORMULAS]]
    back = list(csv.reader(io.StringIO(csv_bytes(rows).decode("utf-8-sig"), newline=""),
                           delimiter=CSV_DELIMITER))
    assert back[1:] == [["'" + text, "3"] for text in FORMULAS]


def _names_cells(data: bytes) -> dict[str, list[str]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""),
                           delimiter=CSV_DELIMITER))
    return {row[0]: row[1:] for row in rows[1:]}


def test_the_class_csv_escapes_names_of_the_store_and_of_an_old_store(store, levels, tmp_path):
    group = store.add_class("groep 5b")
    typed = ["=1+1", "\u200b=HYPERLINK(1)", " +31", "\uff1dcmd", "@A1", "\u202b-1\u202c",
             "Zoë"]
    kept = [store.add_pupil(group.id, name, "fox").name for name in typed]
    assert kept[1:3] == ["=HYPERLINK(1)", "+31"] and kept[5] == "-1"  # marks dropped
    old = ["\n=1+1", "\u202e=1", "\t@x"]  # what the store refuses now, from an old store
    with store.engine.begin() as conn:
        for name in old:
            conn.execute(pupils_t.insert().values(id=new_id(), class_id=group.id, name=name,
                                                  avatar="owl", modified=now()))
    out = tmp_path / "klas.csv"
    assert write_class_csv(store, group.id, levels[:2], out, in_lesson=False) == 10
    cells = _names_cells(out.read_bytes())
    for name in [*kept, *old]:
        shown = "'" + name if name != "Zoë" else name
        assert shown in cells, (name, list(cells))
        assert all(c.isdigit() or c.isalpha() or c == " " for value in cells[shown]
                   for c in value), cells[shown]  # counts and words, nothing escaped


def test_an_old_store_with_seconds_of_infinity_still_exports(store, levels, tmp_path):
    """The store keeps time on task inside its range now; a store from before may hold
    Infinity, 1e308 or a negative time: the table, the CSV and the report show whole minutes,
    never a crash."""
    group = store.add_class("groep 5b")
    kids = [store.add_pupil(group.id, name, "fox") for name in ("Ada", "Bo", "Cas")]
    for kid in kids:
        store.save_attempt(Attempt(new_id(), kid.id, levels[0].id, None, T0,
                                   T0 + timedelta(minutes=5), Outcome.SOLVED, 2))
    with store.engine.begin() as conn:
        for kid, seconds in zip(kids, (float("inf"), 1e308, -60.0), strict=True):
            conn.execute(attempts_t.update().where(attempts_t.c.pupil_id == kid.id)
                         .values(seconds=seconds))
        rebuild_summary(conn)
    dashboard = store.dashboard(group.id, [levels[0].id])
    for kid in kids:
        seconds = dashboard.cell(kid.id, levels[0].id).seconds
        assert math.isfinite(seconds) and seconds >= 0
    rows = class_rows(dashboard, levels[:1])
    assert all(row[4].isdigit() for row in rows[1:])
    write_class_csv(store, group.id, levels[:1], tmp_path / "klas.csv")
    assert class_report(store, group.id, levels[:1]).startswith(b"%PDF")


def test_minutes_of_anything_but_a_finite_time_are_zero():
    assert [minutes(s) for s in (float("inf"), float("nan"), -5, 1e308)] == \
        [0, 0, 0, round(1e308 / 60)]


def test_the_csv_header_has_no_formula_in_any_language(levels):
    """Level titles and column names come from the translations: none starts like a formula."""
    from game.i18n import make_translator
    from game.progress.records import Dashboard

    for lang in ("nl", "en", "tr", "pl", "uk", "ar"):
        gettext = make_translator(lang)[0]
        dash = Dashboard("c", (), tuple(lv.id for lv in levels), {})
        header = class_rows(dash, levels, gettext)[0]
        assert not any(looks_like_formula(cell) for cell in header), (lang, header)
