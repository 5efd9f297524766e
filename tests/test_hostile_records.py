"""What the store accepts, whichever way a record comes in (issue 9): names, avatars, numbers.

On SQLite and on PostgreSQL (tests/pg.py). Every way a name comes in (add a pupil, a class
list, a rename, a class, a teacher, a lesson, a merged log) goes through one rule: direction
marks and zero-width characters are dropped, NUL, control characters, a tab or a line break
inside, a lone surrogate and a name without a letter are refused in one line. An avatar is a
name from the game's own list, never a path. Every number of a merged attempt has a range.
Then the "Who is playing?" screens are built and drawn with names that came in these ways.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pygame
import pytest
import sqlalchemy as sa

from game.progress.records import (
    MAX_SECONDS,
    Attempt,
    BuildPiece,
    InvalidRecord,
    Lesson,
    Outcome,
    known_avatars,
    new_id,
    now,
)
from game.progress.sql import LogError, SqlSchoolStore, attempts_t, classes_t, pupils_t
from tests import pg

open_store, store, store_url = pg.open_store, pg.store, pg.store_url

T0 = datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc)

#: name as typed or copied -> the name the store keeps
KEPT = {
    "\u200f\u0639\u0644\u064a\u200e": "\u0639\u0644\u064a",  # RLM علي LRM (copied Arabic)
    "\u202b\u0645\u0631\u064a\u0645\u202c": "\u0645\u0631\u064a\u0645",  # RLE مريم PDF
    "\u2067\u05e9\u05e8\u05d4\u2069": "\u05e9\u05e8\u05d4",  # RLI שרה PDI (Hebrew)
    "\u061cNoor": "Noor",  # Arabic letter mark
    "A\u200bli": "Ali",  # a zero-width space inside
    "\ufeffZoe\u0308 ": "Zo\u00eb",  # a BOM, decomposed ë (NFC), a space at the end
    "\u200d\u202eEva\u202c\u200c": "Eva",  # an override and joiners at the ends
    "Jan  de\u00a0Vries": "Jan de Vries",  # runs of spaces made one
}
#: name -> words of the one-line refusal
REFUSED = {
    "Ali\x00": "control character (U+0000)",
    "A\tli": "control character (U+0009)",
    "A\nli": "line break",
    "A\rli": "control character (U+000D)",
    "x\ud800y": "lone surrogate",
    "Bo\x1b[31m": "control character (U+001B)",
    "\u200f\u200e\u202e": "blank",
    "\u200b \u2066\u2069": "blank",
    "...": "no letter or digit",
    "\u2028Ann\u2029x": "line separator",
}


def one_line(error: BaseException) -> str:
    text = str(error)
    assert "\n" not in text and "\r" not in text and "Traceback" not in text, text
    return text


# --- names: every way in -----------------------------------------------------------------------


@pytest.mark.parametrize("typed, kept", list(KEPT.items()))
def test_every_way_in_keeps_a_name_without_its_marks(store, typed, kept):
    group = store.add_class(f"groep {typed}")
    assert group.name == f"groep {kept}"
    pupil = store.add_pupil(group.id, typed, "fox")
    assert pupil.name == kept
    (listed,) = store.add_pupils(group.id, [(typed, "owl")])
    assert listed.name == kept
    store.update_pupil(pupil.id, "x " + typed, "cat")
    store.rename_class(group.id, typed + " 2")
    store.add_teacher("juf " + typed, "4821")
    lesson = Lesson(new_id(), "les " + typed, ("city-01",))
    store.save_lesson(lesson)
    # read back from the database itself
    with store.engine.connect() as conn:
        names = set(conn.execute(sa.select(pupils_t.c.name)).scalars())
        classes = set(conn.execute(sa.select(classes_t.c.name)).scalars())
    assert names == {kept, "x " + kept}
    assert classes == {f"{kept} 2"}
    assert store.teacher_names() == [f"juf {kept}"]
    assert store.lesson(lesson.id).title == f"les {kept}"


@pytest.mark.parametrize("name, why", list(REFUSED.items()))
def test_every_way_in_refuses_a_hostile_name_in_one_line(store, name, why):
    group = store.add_class("groep 5b")
    ann = store.add_pupil(group.id, "Ann", "fox")
    attempts = [
        ("pupil name", lambda: store.add_pupil(group.id, name, "owl")),
        ("pupil name", lambda: store.add_pupils(group.id, [("Bob", "cow"), (name, "owl")])),
        ("pupil name", lambda: store.update_pupil(ann.id, name, "fox")),
        ("class name", lambda: store.add_class(name)),
        ("class name", lambda: store.rename_class(group.id, name)),
        ("teacher's name", lambda: store.add_teacher(name, "4821")),
        ("lesson title", lambda: store.save_lesson(Lesson(new_id(), name, ("city-01",)))),
    ]
    for what, way_in in attempts:
        with pytest.raises(InvalidRecord) as refused:
            way_in()
        text = one_line(refused.value)
        assert text.startswith(what) and why in text, text
    # nothing of it was kept (the class list is all or nothing)
    assert [(p.name, p.avatar) for p in store.pupils(group.id)] == [("Ann", "fox")]
    assert [g.name for g in store.classes()] == ["groep 5b"]
    assert store.teacher_names() == [] and store.lessons() == []


#: the lines of the other PC's log (:func:`_other_pcs_log`), made once per test process
_OTHER_PC_LOG: list[str] = []


def _other_pcs_log(tmp_path: Path) -> list[str]:
    """The lines of a real log of another PC: a class with one pupil and an attempt. Made
    once per test process and read by every test that changes it (each merges it into a
    store of its own, so that the same ids come again does not matter)."""
    if not _OTHER_PC_LOG:
        pc = SqlSchoolStore(pg.made_sqlite(tmp_path / "other-pc.db"))
        group = pc.add_class("groep 4")
        kid = pc.add_pupil(group.id, "Ada", "fox")
        pc.save_attempt(Attempt(new_id(), kid.id, "city-01", None, T0,
                                T0 + timedelta(minutes=3), Outcome.SOLVED, 2, parts_used=4,
                                tests_run=2))
        log = tmp_path / "other-pc.jsonl"
        pc.export_log(log)
        pc.close()
        _OTHER_PC_LOG.extend(log.read_text("utf-8").splitlines())
    return _OTHER_PC_LOG


def _log_of(tmp_path: Path, name: str, change) -> Path:
    """A real log of another PC (:func:`_other_pcs_log`), its records changed by
    ``change(record)``; the end line keeps its count, without a checksum (an older game)."""
    log = tmp_path / f"{name}.jsonl"
    lines = []
    for line in _other_pcs_log(tmp_path):
        record = json.loads(line)
        record.pop("sha256", None)
        change(record)
        lines.append(json.dumps(record))  # a lone surrogate as JSON writes it: \\ud800
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return log


def _set(kind: str, **values):
    def change(record: dict) -> None:
        if record.get("kind") == kind:
            record.update(values)
    return change


@pytest.mark.parametrize("typed, kept", list(KEPT.items())[:4])
def test_a_merged_name_follows_the_same_rule(store, tmp_path, typed, kept):
    log = _log_of(tmp_path, "pc2", _set("pupil", name=typed))
    store.merge_log(log)
    (group,) = store.classes()
    assert [p.name for p in store.pupils(group.id)] == [kept]


@pytest.mark.parametrize("kind", ["pupil", "class"])
@pytest.mark.parametrize("name, why", list(REFUSED.items()))
def test_a_merged_hostile_name_refuses_the_file_in_one_line(store, tmp_path, name, why, kind):
    log = _log_of(tmp_path, "pc2", _set(kind, name=name))
    with pytest.raises(LogError) as refused:
        store.merge_log(log)
    text = one_line(refused.value)
    assert text.startswith(f"{log}:") and "record" in text and f"{kind} name" in text, text
    assert why in text
    assert store.classes() == []


# --- avatars ---------------------------------------------------------------------------------


EVIL_AVATARS = ["../../../../tmp/evil", "avatars/../../evil", "/etc/passwd", "fox.svg",
                "fox/../owl", "unicorn", "", " ", "fox\x00", "c:\\evil"]


@pytest.mark.parametrize("avatar", EVIL_AVATARS)
def test_an_avatar_is_a_name_of_the_games_list_for_every_way_in(store, tmp_path, avatar):
    group = store.add_class("groep 5b")
    ann = store.add_pupil(group.id, "Ann", "fox")
    for way_in in (lambda: store.add_pupil(group.id, "Bo", avatar),
                   lambda: store.add_pupils(group.id, [("Bo", avatar)]),
                   lambda: store.update_pupil(ann.id, "Ann", avatar)):
        with pytest.raises(InvalidRecord) as refused:
            way_in()
        assert one_line(refused.value).startswith("avatar ")
    log = _log_of(tmp_path, "pc2", _set("pupil", avatar=avatar))
    with pytest.raises(LogError) as refused:
        store.merge_log(log)
    text = one_line(refused.value)
    assert text.startswith(f"{log}:") and "is not one of the game's avatars" in text, text
    assert [(p.name, p.avatar) for p in store.pupils(group.id)] == [("Ann", "fox")]


def test_every_drawn_avatar_and_the_older_names_are_accepted_in_any_case(store):
    group = store.add_class("groep 5b")
    drawn = sorted(p.stem for p in Path("assets/avatars").glob("*.svg"))
    assert drawn and set(drawn) <= known_avatars()
    for i, avatar in enumerate([*drawn, "bear", "PIG"]):
        assert store.add_pupil(group.id, f"Kind {i}", avatar).avatar == avatar.lower()


# --- numbers of a merged attempt ---------------------------------------------------------------


NUMBERS = [
    ("seconds", 1e308), ("seconds", float("inf")), ("seconds", float("nan")),
    ("seconds", -1), ("seconds", True), ("seconds", "12"), ("seconds", 10**400),
    ("stars", 999), ("stars", -1), ("stars", 2.0), ("stars", True), ("stars", float("nan")),
    ("parts_used", 10**6), ("parts_used", -3), ("parts_used", float("inf")),
    ("hints_used", 50), ("hints_used", False), ("tests_run", 10**7), ("failed_tests", -1),
    ("resets", 1.5), ("resets", None),
]


@pytest.mark.parametrize("field, value", NUMBERS)
def test_a_number_out_of_its_range_refuses_the_log_in_one_line(store, tmp_path, field, value):
    log = _log_of(tmp_path, "pc2", _set("attempt", **{field: value}))
    with pytest.raises(LogError) as refused:
        store.merge_log(log)
    text = one_line(refused.value)
    assert text.startswith(f"{log}:") and "record" in text, text
    assert field.replace("_", " ") in text, text
    assert store.attempts() == []


def test_numbers_in_range_merge_and_a_long_go_is_kept_as_a_day(store, tmp_path):
    week = 7 * 24 * 3600.0  # a go left open over a weekend, as older versions logged it
    log = _log_of(tmp_path, "pc2", _set("attempt", seconds=week, stars=3, parts_used=160,
                                        hints_used=3, tests_run=40, failed_tests=39, resets=2))
    store.merge_log(log)
    (attempt,) = store.attempts()
    assert (attempt.stars, attempt.parts_used, attempt.hints_used, attempt.tests_run) == \
        (3, 160, 3, 40)
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(attempts_t.c.seconds)).scalar() == MAX_SECONDS
    (group,) = store.classes()
    (pupil,) = store.pupils(group.id)
    assert store.dashboard(group.id, ["city-01"]).cell(pupil.id, "city-01").seconds == \
        MAX_SECONDS


def test_what_a_pc_saves_stays_inside_the_ranges_so_its_log_merges_elsewhere(open_store,
                                                                            tmp_path):
    pc = open_store()
    group = pc.add_class("groep 4")
    kid = pc.add_pupil(group.id, "Ada", "fox")
    pc.save_attempt(Attempt(new_id(), kid.id, "city-01", None, T0, T0 + timedelta(days=3),
                            Outcome.SOLVED, 99, parts_used=10**6, tests_run=10**9,
                            hints_used=-4, resets=10**7))
    (saved,) = pc.attempts()
    assert (saved.stars, saved.parts_used, saved.hints_used) == (3, 500, 0)
    with pc.engine.connect() as conn:
        assert conn.execute(sa.select(attempts_t.c.seconds)).scalar() == MAX_SECONDS
    log = tmp_path / "pc.jsonl"
    pc.export_log(log)
    other = SqlSchoolStore(pg.made_sqlite(tmp_path / 'other.db'))
    try:
        assert other.merge_log(log) > 0
        assert [a.stars for a in other.attempts()] == [3]
    finally:
        other.close()


def test_a_build_with_numbers_no_board_has_is_read_without_them(store):
    """A build is read leniently (a log's build is not parsed at the merge): a piece at
    Infinity or with a huge number is left out, the attempt is still shown."""
    group = store.add_class("groep 4")
    kid = store.add_pupil(group.id, "Ada", "fox")
    attempt = Attempt(new_id(), kid.id, "city-01", None, T0, T0 + timedelta(minutes=1),
                      build=(BuildPiece("lamp", (1, 2)),))
    store.save_attempt(attempt)
    hostile = json.dumps([{"kind": "lamp", "at": [1, 2]}, {"kind": "wire", "at": [1e999, 0]},
                          {"kind": "wire", "at": [10**30, 2]},
                          {"kind": "pipe", "at": [3, 3], "rotation": 1e999}])
    with store.engine.begin() as conn:
        conn.execute(attempts_t.update().values(build=hostile))
    (back,) = store.attempts()
    # the pieces at Infinity are left out; one far off the board is kept (a board leaves it out)
    assert [p.kind for p in back.build] == ["lamp", "wire"]


# --- the "Who is playing?" screens with names that came in every way ---------------------------


def _draw_login(app, class_id):
    from game.scenes.login import AvatarScene, ClassPickScene

    drawn = []
    for scene in (ClassPickScene(app.ctx), AvatarScene(app.ctx, class_id)):
        app.ctx.stack.push(scene)
        app.run_frames(3)
        drawn.append(scene)
        app.ctx.stack.pop()
        app.run_frames(1)
    return drawn



def test_the_login_screens_draw_names_that_came_in_every_way(school_app, fake_time, tmp_path,
                                                            data_dir):
    from game.i18n import apply_language
    from game.teacher_cli import main
    from tests.classroom_helpers import frames, press_button, top
    from tests.test_classroom_teacher import enter_teacher

    app = school_app
    school = app.ctx.school
    names = list(KEPT)
    group = school.add_class("\u202bgroep\u202c 5b\u200f")
    school.add_pupil(group.id, names[0], "fox")
    school.add_pupils(group.id, [(names[1], "owl"), (names[2], "cow")])
    renamed = school.add_pupil(group.id, "Tijdelijk", "cat")
    school.update_pupil(renamed.id, names[3], "cat")
    data = ["--data", str(data_dir)]
    assert main(["add-pupil", group.id, names[4], "--avatar", "duck", *data]) == 0
    class_list = tmp_path / "klas.csv"
    class_list.write_text(f"{names[5]};heron\n{names[6]};frog\n", encoding="utf-8")
    assert main(["add-pupils", group.id, str(class_list), *data]) == 0
    # the class screen: a pasted name arrives as one TEXTINPUT event
    enter_teacher(app, fake_time)
    press_button(app, fake_time, "classes")
    classes = top(app)
    classes.selected = group.id
    classes.reload()
    frames(app, fake_time)
    press_button(app, fake_time, "addpupil")
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=names[7] + "\u200f\x00"))
    frames(app, fake_time)
    press_button(app, fake_time, "save")
    app.ctx.stack.pop()  # the classes screen
    app.ctx.stack.pop()  # the teacher home
    app.ctx.teacher = False
    frames(app, fake_time)
    # a merged log
    log = _log_of(tmp_path, "pc2", _set("pupil", name="\u200f\u0646\u0648\u0631\u200e",
                                        class_id=group.id))
    school.merge_log(log, other_school=True)  # its own class ids: another PC set up alone

    pupils = school.pupils(group.id)
    assert sorted(p.name for p in pupils) == sorted([*KEPT.values(), "\u0646\u0648\u0631"])
    for lang in ("en", "ar"):
        apply_language(app.ctx, lang)
        _class_pick, avatars = _draw_login(app, group.id)
        assert {p.name for p in avatars.pupils} == {p.name for p in pupils}


def test_the_login_screens_survive_names_an_old_store_holds(school_app, tmp_path,
                                                         monkeypatch):
    """A store written before the rule may hold anything the rule refuses now, and an avatar
    that is a path: the screens draw them (cleaned) and never look up a picture outside
    the avatars."""
    from game.ui.art import Art

    school = school_app.ctx.school
    group = school.add_class("groep 5b")
    evil = tmp_path / "evil.svg"
    evil.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">'
                    '<rect width="8" height="8" fill="red"/></svg>', encoding="utf-8")
    outside = os.path.relpath(tmp_path / "evil", Path("assets/avatars").resolve())
    rows = [("Ali\x00", "fox"), ("\u200f\u200e", "owl"), ("\u202eevil", "cow"),
            ("A\tB\nC", "cat"), ("Eve", outside), ("\x1b[2J", "../../evil")]
    with school.engine.begin() as conn:
        for name, avatar in rows:
            conn.execute(pupils_t.insert().values(id=new_id(), class_id=group.id, name=name,
                                                  avatar=avatar, modified=now()))
    asked: list[str] = []
    path = Art.path
    monkeypatch.setattr(Art, "path", lambda self, name: asked.append(name) or path(self, name))
    _draw_login(school_app, group.id)
    assert not [n for n in asked if ".." in n or "evil" in n], asked


@pytest.mark.parametrize("field, value, words", [
    ("level_id", "city-01\x1b[2J", "level id holds a control character (U+001B)"),
    ("level_id", "\u202ecity-01", "level id holds a direction override (U+202E)"),
    ("answer", "lamp\ud800", "answer holds a lone surrogate (U+D800)"),
    ("device", "pc\x07", "device holds a control character (U+0007)"),
])
def test_a_merged_text_field_follows_the_text_rule(store, tmp_path, field, value, words):
    log = _log_of(tmp_path, "pc2", _set("attempt", **{field: value}))
    with pytest.raises(LogError) as refused:
        store.merge_log(log)
    assert words in one_line(refused.value)
    assert store.attempts() == []
