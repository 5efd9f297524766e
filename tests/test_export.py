"""Exports: the class CSV opens safely in Excel, a child's export holds exactly their data,
and logs of several PCs merge without doubles. Against the real SQLite store, real files."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.progress.export import (
    CSV_DELIMITER,
    ExportError,
    class_rows,
    csv_bytes,
    escape_cell,
    export_log,
    export_pupil,
    find_class,
    merge_logs,
    minutes,
    pupil_data,
    report_levels,
    write_class_csv,
)
from game.progress.records import (
    Attempt,
    BuildPiece,
    CellStatus,
    DuplicateName,
    Lesson,
    Outcome,
    new_id,
    now,
)
from tests.conftest import make_level


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, so Excel reads the accents"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""),
                           delimiter=CSV_DELIMITER))


# --- escaping ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+2", "+31 20 123", "-3", "@SUM(A1)", "\tx", "\rx",
                                  "=HYPERLINK(\"http://x\";\"klik\")", "=", "@"])
def test_a_cell_a_spreadsheet_would_run_gets_a_quote(text):
    assert escape_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Zoë", "groep 5b", "Jan-Willem", "a=b", "3", "", "'al",
                                  "naam; met, tekens \"en\" zo\nverder"])
def test_ordinary_text_is_untouched(text):
    assert escape_cell(text) == text


def test_numbers_and_none_become_text():
    assert escape_cell(3) == "3"
    assert escape_cell(None) == ""


@given(st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                                           blacklist_characters="\x00"),
                                 max_size=12), min_size=1, max_size=4), min_size=1, max_size=5))
def test_any_text_round_trips_through_pythons_csv_reader(rows):
    back = read_csv(csv_bytes(rows))
    assert back == [[escape_cell(c) for c in row] for row in rows]


def test_names_with_separators_quotes_and_newlines_round_trip():
    rows = [["Pupil"], ["An;ne"], ["Bo, de 2e"], ['Sam "de Snelle"'], ["Li\nLo"], ["Mo\r\nMa"]]
    assert read_csv(csv_bytes(rows)) == rows


def test_lines_end_in_crlf_without_doubling():
    data = csv_bytes([["a", "b"], ["c", "d"]])
    assert data == b"\xef\xbb\xbfa;b\r\nc;d\r\n"


def test_minutes_are_whole_and_a_started_level_shows_at_least_one():
    assert [minutes(s) for s in (0, 1, 29, 90, 150, 3600)] == [0, 1, 1, 2, 2, 60]


# --- the store behind the exports ------------------------------------------------------------


@pytest.fixture
def store(tmp_path):
    from game.progress.sql import SqlSchoolStore

    school = SqlSchoolStore(tmp_path / "data")
    yield school
    school.close()


@pytest.fixture
def levels():
    return [make_level("city", 1), make_level("city", 2), make_level("greenport", 1)]


def attempt(pupil_id, level_id, outcome=Outcome.SOLVED, stars=0, failed=0, seconds=120,
            **more):
    start = now() - timedelta(days=1)
    return Attempt(new_id(), pupil_id, level_id, None, start, start + timedelta(seconds=seconds),
                   outcome, stars, failed_tests=failed, **more)


def test_class_csv_has_a_row_per_pupil_with_status_stars_attempts_and_minutes(store, levels,
                                                                                tmp_path):
    group = store.add_class("groep 5b")
    zoe = store.add_pupil(group.id, "Zoë", "fox")
    evil = store.add_pupil(group.id, "=cmd|' /C calc'!A0", "owl")
    store.add_pupil(group.id, "Daan", "cat")
    store.save_attempt(attempt(zoe.id, "city-01", stars=3, seconds=300))
    store.save_attempt(attempt(zoe.id, "city-02", Outcome.GAVE_UP, failed=1, seconds=60))
    for _ in range(2):
        store.save_attempt(attempt(evil.id, "city-02", Outcome.GAVE_UP, failed=2))
    out = tmp_path / "klas.csv"

    assert write_class_csv(store, group.id, levels, out) == 3
    rows = read_csv(out.read_bytes())
    header, body = rows[0], {row[0]: row for row in rows[1:]}
    assert len(rows) == 4 and all(len(row) == len(header) for row in rows)
    assert header[:5] == ["Pupil", "Levels solved", "Levels needing help", "Stars",
                           "Minutes"]
    assert header[5:10] == [f"1. Test level 1: {f}" for f in
                            ("status", "stars", "attempts", "failed tests", "minutes")]
    assert body["Zoë"][1:5] == ["1", "0", "3", "6"]
    assert body["Zoë"][5:15] == ["Solved", "3", "1", "0", "5", "Tried", "0", "1", "1", "1"]
    assert body["'=cmd|' /C calc'!A0"][10:13] == ["Needs help", "0", "2"]
    assert body["Daan"][5] == "Not started"


def test_class_csv_speaks_the_teachers_language(store, levels, tmp_path):
    from game.i18n import make_translator

    group = store.add_class("groep 5b")
    store.add_pupil(group.id, "Zoë", "fox")
    out = tmp_path / "klas.csv"
    write_class_csv(store, group.id, levels, out, make_translator("nl")[0])
    header, row = read_csv(out.read_bytes())
    assert header[0] == "Leerling" and row[5] == "Niet begonnen"


def test_class_rows_follow_the_level_order_given(store, levels):
    group = store.add_class("groep 6")
    store.add_pupil(group.id, "Sem", "fox")
    header = class_rows(store.dashboard(group.id, [lv.id for lv in levels[::-1]]),
                        levels[::-1])[0]
    assert header[5] == "1. Test level 1: status"
    assert header[15] == "3. Test level 1: status"


def test_a_lesson_picks_and_orders_the_levels(levels):
    lesson = Lesson(new_id(), "Stroom", ("city-02", "gone-99", "city-01"))
    assert [lv.id for lv in report_levels(levels, lesson)] == ["city-02", "city-01"]
    assert report_levels(levels, None) == levels


def test_classes_are_found_by_id_or_name(store):
    a = store.add_class("groep 5b")
    store.add_class("Groep 6")
    assert find_class(store, a.id) == a
    assert find_class(store, "  GROEP 5B ") == a
    with pytest.raises(ExportError, match="no class called"):
        find_class(store, "groep 7")
    with pytest.raises(DuplicateName, match="already a class called 'groep 5b'"):
        store.add_class("Groep  5B")  # the store keeps one class per name, any case


# --- one child's data -------------------------------------------------------------------------


def test_pupil_export_holds_exactly_this_childs_data(store, tmp_path):
    group = store.add_class("groep 5b")
    zoe = store.add_pupil(group.id, "Zoë", "fox")
    bram = store.add_pupil(group.id, "Bram", "owl")
    mine = [attempt(zoe.id, "city-01", stars=2, hints_used=1, device="pc-7",
                    build=(BuildPiece("wire_straight", (1, 1), 90),)),
            attempt(zoe.id, "city-02", Outcome.GAVE_UP, failed=2, answer="de zon")]
    for a in mine:
        store.save_attempt(a)
    store.save_attempt(attempt(bram.id, "city-01", stars=3, device="pc-secret-bram"))

    paths = export_pupil(store, zoe.id, tmp_path)
    assert sorted(p.suffix for p in paths) == [".json", ".txt"]
    data = json.loads(next(p for p in paths if p.suffix == ".json").read_text("utf-8"))
    assert data == pupil_data(store, zoe.id)
    text = json.dumps(data, ensure_ascii=False)
    assert "Zoë" in text and "fox" in text
    assert bram.id not in text and "Bram" not in text and "pc-secret-bram" not in text
    stored_ids = {a.id for a in store.attempts(pupil_id=zoe.id)}
    assert {a.id for a in mine} == stored_ids
    assert all(a_id in text for a_id in stored_ids)
    assert "de zon" in text and "wire_straight" in text

    readable = next(p for p in paths if p.suffix == ".txt").read_text("utf-8-sig")
    assert "Zoë" in readable and "Bram" not in readable and "de zon" in readable
    for a in mine:
        assert a.id in readable


def test_pupil_export_by_suffix_and_unknown_pupil(store, tmp_path):
    group = store.add_class("groep 5b")
    zoe = store.add_pupil(group.id, "Zoë", "fox")
    assert export_pupil(store, zoe.id, tmp_path / "zoe.json") == [tmp_path / "zoe.json"]
    assert export_pupil(store, zoe.id, tmp_path / "zoe.txt") == [tmp_path / "zoe.txt"]
    with pytest.raises(ExportError, match="no pupil"):
        export_pupil(store, new_id(), tmp_path / "x.json")


def test_an_export_into_a_missing_folder_is_one_clear_error(store, levels, tmp_path):
    group = store.add_class("groep 5b")
    with pytest.raises(ExportError, match="does not exist"):
        write_class_csv(store, group.id, levels, tmp_path / "nope" / "klas.csv")


# --- logs of several PCs ----------------------------------------------------------------------


def test_a_pcs_log_merges_once_however_often_it_is_merged(tmp_path):
    from game.progress.sql import SqlSchoolStore

    pc = SqlSchoolStore(tmp_path / "pc")
    teacher = SqlSchoolStore(tmp_path / "teacher")
    try:
        group = pc.add_class("groep 5b")
        zoe = pc.add_pupil(group.id, "Zoë", "fox")
        for level in ("city-01", "city-02"):
            pc.save_attempt(attempt(zoe.id, level, stars=1))
        log = tmp_path / "pc.jsonl"
        assert export_log(pc, log) > 0
        first = merge_logs(teacher, [log])
        assert first[0].added > 0
        counts = (len(teacher.classes()), len(teacher.attempts()))
        assert merge_logs(teacher, [log, log])[0].added == 0
        assert (len(teacher.classes()), len(teacher.attempts())) == counts == (1, 2)
    finally:
        pc.close()
        teacher.close()


def test_a_missing_file_is_refused_and_the_others_still_merge(store, tmp_path):
    good = tmp_path / "good.jsonl"
    store.add_class("groep 5b")
    export_log(store, good)
    missing = tmp_path / "missing.jsonl"
    reports = merge_logs(store, [missing, good])
    assert [r.line() for r in reports] == [
        "missing.jsonl: refused: no such file; nothing from this file was merged",
        "good.jsonl: already merged"]


def test_status_words_cover_every_status():
    from game.progress.export import STATUS_NAME, STATUS_SYMBOL

    assert set(STATUS_NAME) == set(STATUS_SYMBOL) == set(CellStatus)


PARENTS_DATA = {
    "pupil": {"id": "p1", "name": "Zoë", "avatar": "fox", "class_id": "c1"},
    "class": {"id": "c1", "name": "groep 5b"},
    "attempts": [{"id": "a1", "level_id": "city-01", "outcome": "gave_up",
                  "started": "2026-11-28T09:15:00+00:00", "stars": 0,
                  "mood": "blij", "build": [{"kind": "wire_t", "at": [1, 2]}]}],
    "notes": "x"}


@pytest.fixture
def amsterdam(monkeypatch):
    """This computer's clock in Amsterdam (UTC+1 in November), as at a Dutch school."""
    import time

    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_parents_text_names_every_field_in_dutch_and_keeps_unknown_ones(amsterdam):
    from datetime import date

    from game.i18n import make_translator
    from game.progress.export import pupil_text

    text = pupil_text(PARENTS_DATA, [make_level("city", 1)], make_translator("nl")[0],
                      today=date(2026, 12, 1))
    for expected in ("Naam: Zoë", "Klas: groep 5b", "Pogingen: 1", "1. Test level 1 (city-01)",
                     "Uitkomst: Gestopt voordat het opgelost was",
                     "Begonnen: 28 nov 2026, 10:15:00",  # Babel's Dutch, on the school's clock
                     "Gemaakt op 1 december 2026",
                     "mood: blij", "Onderdelen op het bord: 1", "kind=wire_t, at=[1, 2]",
                     "notes: x"):
        assert expected in text, expected
    assert "\u200f" not in text


@pytest.mark.parametrize("lang, made, started", [
    ("en", "Made on 1 December 2026", "Started: 28 Nov 2026, 10:15:00"),
    ("tr", "1 Aralık 2026", "28 Kas 2026 10:15:00"),
    ("pl", "1 grudnia 2026", "28 lis 2026, 10:15:00"),
    ("uk", "1 грудня 2026", "28 лист. 2026"),
])
def test_the_parents_text_writes_dates_as_each_language_does(amsterdam, lang, made, started):
    from datetime import date

    from game.i18n import make_translator
    from game.progress.export import pupil_text

    text = pupil_text(PARENTS_DATA, [], make_translator(lang)[0], today=date(2026, 12, 1),
                      lang=lang)
    assert made in text and started in text, text
    assert "\u200f" not in text


def test_the_parents_text_in_arabic_reads_right_to_left_line_by_line(amsterdam, tmp_path):
    from datetime import date

    from game.i18n import make_translator
    from game.progress.export import RLM, pupil_text

    gettext = make_translator("ar")[0]
    text = pupil_text(PARENTS_DATA, [make_level("city", 1)], gettext, today=date(2026, 12, 1),
                      lang="ar")
    lines = text.splitlines()
    # A line's direction comes from its first strong letter: the mark makes every line Arabic,
    # even the one that starts with the Latin "Techniekwerf" and the one with the level's id.
    assert all(line.startswith(RLM) for line in lines if line), text
    assert lines[0] == RLM + gettext("Techniekwerf: what is stored about this pupil")
    assert RLM + gettext("Name") + ": Zoë" in lines
    assert "2026" in lines[1] and "ديسمبر" in lines[1]  # December, by Babel
    assert any("10:15:00" in line and line.startswith(RLM + "   " + gettext("Started"))
               for line in lines), text


def test_a_pupil_folder_export_makes_its_folder(store, tmp_path):
    group = store.add_class("groep 5b")
    zoe = store.add_pupil(group.id, "Zoë", "fox")
    paths = export_pupil(store, zoe.id, tmp_path / "voor-ouders")
    assert all(p.parent == tmp_path / "voor-ouders" and p.is_file() for p in paths)
