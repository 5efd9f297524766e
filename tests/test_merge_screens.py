"""The teacher screens on top of the store's rules, driven by posted events on a real store:
a second class of the same name is refused with a note (not a crash), and the data screen
says per log file what a merge did (merged, already merged, not merged and why, deleted,
left out)."""

from __future__ import annotations

import pygame

from game.progress.sql import SqlSchoolStore
from tests import test_teacher_data
from tests.classroom_helpers import key, name_of, press_button, top, type_text
from tests.test_classroom_teacher import enter_teacher, reopen
from tests.test_teacher_data import open_data

docs = test_teacher_data.docs


def test_a_second_class_of_the_same_name_is_refused_with_a_note(school_app, fake_time,
                                                                data_dir):
    app = school_app
    enter_teacher(app, fake_time)
    press_button(app, fake_time, "classes")
    for name in ("groep 6", "Groep  6"):
        press_button(app, fake_time, "newclass")
        type_text(app, fake_time, name)
        key(app, fake_time, pygame.K_RETURN)
    classes = top(app)
    assert name_of(app) == "ClassesScene" and classes.toast.visible
    assert "There is already a class called Groep 6" in classes.toast.text
    with reopen(data_dir) as store:
        assert [c.name for c in store.classes()] == ["groep 6"]


def test_the_data_screen_says_per_file_what_the_merge_did(school_app, fake_time, docs,
                                                          tmp_path, data_dir):
    app = school_app
    scene = open_data(app, fake_time)
    (docs / "merge").mkdir(parents=True)
    with SqlSchoolStore.default(tmp_path / "pc2") as pc2:
        group = pc2.add_class("groep 6")
        ada = pc2.add_pupil(group.id, "Ada", "cow")
        pc2.add_pupil(group.id, "Bo", "owl")
        pc2.export_log(docs / "merge" / "a-first.jsonl")
        pc2.delete_pupil(ada.id)
        pc2.export_log(docs / "merge" / "b-later.jsonl")
    (docs / "merge" / "c-broken.jsonl").write_text("hello\n", encoding="utf-8")
    press_button(app, fake_time, "merge")
    lines = scene.toast.text.splitlines()
    assert lines == [
        "a-first.jsonl: 3 new records",
        "b-later.jsonl: 1 new record. 1 pupil deleted here too, as on the other PC.",
        "c-broken.jsonl: not merged, nothing from it was added (not a Techniekwerf log)"]
    with reopen(data_dir) as store:
        assert [p.name for p in store.pupils(group.id)] == ["Bo"]
    press_button(app, fake_time, "merge")
    assert scene.toast.text.splitlines()[:2] == ["a-first.jsonl: 0 new records. 1 record left "
                                                 "out: its pupil or class was deleted.",
                                                 "b-later.jsonl: already merged, nothing new"]
