"""The teacher's data screen and the pupil page's "save this child's data", on a real SQLite
store, driven by posted events, with the Documents folder pointed at the test's tmp folder."""

from __future__ import annotations

import json

import pygame
import pytest

from game.progress.records import Attempt, Outcome, new_id, now
from tests.classroom_helpers import frames, key, name_of, press_button, seed, top
from tests.test_classroom_teacher import enter_teacher, reopen


@pytest.fixture
def docs(tmp_path, monkeypatch):
    from game.scenes import exports

    folder = tmp_path / "Documents" / "Techniekwerf"
    monkeypatch.setattr(exports, "export_folder", lambda ctx: folder)
    return folder



def add_attempt(school, pupil, level_id: str = "l1", stars: int = 2) -> Attempt:
    attempt = Attempt(new_id(), pupil.id, level_id, None, started=now(), ended=now(),
                      outcome=Outcome.SOLVED, stars=stars)
    school.save_attempt(attempt)
    return attempt


def open_data(app, fake_time):
    enter_teacher(app, fake_time)
    press_button(app, fake_time, "data")
    assert name_of(app) == "DataScene"
    return top(app)


def test_every_target_is_big_and_the_keyboard_reaches_them(school_app, fake_time, docs):
    scene = open_data(school_app, fake_time)
    assert scene.row.focused_key() == "save_log"
    for b in scene.row.buttons:
        assert b.rect.width >= 48 and b.rect.height >= 48
    seen = set()
    for _ in scene.row.keys:
        seen.add(scene.row.focused_key())
        key(school_app, fake_time, pygame.K_TAB)
    assert seen == set(scene.row.keys)
    key(school_app, fake_time, pygame.K_ESCAPE)
    assert name_of(school_app) == "TeacherHomeScene"


def test_the_saved_log_is_read_back_by_a_second_store(school_app, fake_time, docs, tmp_path):
    from game.progress.sql import SqlSchoolStore

    app = school_app
    ids = seed(app.ctx.school)
    attempt = add_attempt(app.ctx.school, ids["ann"])
    scene = open_data(app, fake_time)
    press_button(app, fake_time, "save_log")
    logs = sorted(docs.glob("log-*.jsonl"))
    assert len(logs) == 1 and logs[0].stat().st_size > 0
    assert logs[0].name in scene.toast.text and str(docs) in scene.toast.text
    assert "teacher's PC" in scene.toast.text
    (tmp_path / "other").mkdir()
    with SqlSchoolStore.default(tmp_path / "other") as other:
        assert other.merge_log(logs[0]) > 0
        assert attempt.id in {a.id for a in other.attempts()}


def test_merging_a_folder_twice_adds_the_records_once(school_app, fake_time, docs, tmp_path,
                                                      data_dir):
    from game.progress.sql import SqlSchoolStore

    app = school_app
    scene = open_data(app, fake_time)
    press_button(app, fake_time, "merge")  # empty: the folder is made, and named
    assert (docs / "merge").is_dir()
    assert str(docs / "merge") in scene.toast.text
    (tmp_path / "pc2").mkdir()
    with SqlSchoolStore.default(tmp_path / "pc2") as pc2:
        group = pc2.add_class("groep 6")
        zoe = pc2.add_pupil(group.id, "Zoë", "cow")
        made = [add_attempt(pc2, zoe, f"l{i}") for i in range(3)]
        pc2.export_log(docs / "merge" / "pc2.jsonl")
    press_button(app, fake_time, "merge")
    assert len(scene.merge_results) == 1 and scene.merge_results[0].added > 0
    assert "pc2.jsonl" in scene.toast.text
    press_button(app, fake_time, "merge")
    assert scene.merge_results[0].added == 0
    assert "pc2.jsonl: already merged, nothing new" in scene.toast.text
    with reopen(data_dir) as store:
        got = [a.id for a in store.attempts() if a.id in {m.id for m in made}]
        assert sorted(got) == sorted(m.id for m in made)  # each once


def test_the_end_of_the_year_asks_first_and_keeps_classes_and_lessons(school_app, fake_time,
                                                                       docs, data_dir):
    app = school_app
    ids = seed(app.ctx.school)
    add_attempt(app.ctx.school, ids["ann"])
    open_data(app, fake_time)
    press_button(app, fake_time, "purge")
    confirm = top(app)
    assert name_of(app) == "ConfirmScene" and confirm.row.focused_key() == "no"
    for word in ("pupil", "work", "classes", "lessons", "PIN"):
        assert word in confirm.warning
    key(app, fake_time, pygame.K_RETURN)  # the safe answer: nothing goes
    assert name_of(app) == "DataScene"
    with reopen(data_dir) as store:
        assert len(store.pupils(ids["a"].id)) == 2 and store.attempts()
    press_button(app, fake_time, "purge")
    press_button(app, fake_time, "yes")
    assert name_of(app) == "DataScene"
    frames(app, fake_time, 1)
    with reopen(data_dir) as store:
        assert store.pupils(ids["a"].id) == [] and store.pupils(ids["b"].id) == []
        assert store.attempts() == []
        assert {c.name for c in store.classes()} == {"groep 5b", "groep 7a"}
        assert [lesson.title for lesson in store.lessons()] == ["Stroom"]
        assert store.check_secret("4821")


def test_the_pupil_page_saves_one_childs_data_for_the_teacher_only(school_app, fake_time, docs):
    from game.scenes.pupil_page import PupilPage
    from tests.classroom_helpers import click

    app = school_app
    ids = seed(app.ctx.school)
    add_attempt(app.ctx.school, ids["ann"], "l1")
    add_attempt(app.ctx.school, ids["bob"], "secret-level-of-bob")
    app.ctx.stack.push(PupilPage(app.ctx, ids["ann"].id))
    frames(app, fake_time, 1)
    page = top(app)
    assert not page.can_save and page.save_data() == []  # a pupil PC: no button
    click(app, fake_time, page.save.rect.center)
    assert not docs.exists()
    app.ctx.stack.pop()

    enter_teacher(app, fake_time)
    app.ctx.stack.push(PupilPage(app.ctx, ids["ann"].id))
    frames(app, fake_time, 1)
    page = top(app)
    assert page.can_save
    assert page.save.rect.width >= 48 and page.save.rect.height >= 48
    click(app, fake_time, page.save.rect.center)
    files = sorted(p for p in docs.rglob("*") if p.is_file())
    assert {p.suffix for p in files} == {".json", ".txt"}
    assert all(p.parent.parent == docs and "Ann" in p.parent.name for p in files)
    for p in files:
        assert p.name in page.toast.text
        text = p.read_text(encoding="utf-8-sig")
        assert "Ann" in text
        assert "Bob" not in text and "secret-level-of-bob" not in text and "Cas" not in text
    data = json.loads(next(p for p in files if p.suffix == ".json").read_text("utf-8"))
    assert data["pupil"]["name"] == "Ann"
    # and by keyboard: Tab to the button, Enter
    for p in files:
        p.unlink()
    while page.focus != "save":
        key(app, fake_time, pygame.K_TAB)
    key(app, fake_time, pygame.K_RETURN)
    assert len([p for p in docs.rglob("*") if p.is_file()]) == 2


def test_a_long_merge_runs_beside_the_screen_which_keeps_drawing(school_app, fake_time, docs,
                                                                 tmp_path, data_dir,
                                                                 monkeypatch):
    """As in the real loop (no waiting for jobs): the merge runs in its own thread; the screen
    says it is merging, keeps drawing, and takes no other job until the lines are there."""
    import threading

    import game.progress.export as export
    from game.progress.sql import SqlSchoolStore
    from game.ui.textfit import TextAudit

    app = school_app
    scene = open_data(app, fake_time)
    (docs / "merge").mkdir(parents=True)
    (tmp_path / "pc2").mkdir()
    with SqlSchoolStore.default(tmp_path / "pc2") as pc2:
        zoe = pc2.add_pupil(pc2.add_class("groep 6").id, "Zoë", "cow")
        made = add_attempt(pc2, zoe, "l1")
        pc2.export_log(docs / "merge" / "pc2.jsonl")
    go, real = threading.Event(), export.merge_logs
    threads = []

    def slow_merge(*args, **kwargs):
        threads.append(threading.current_thread())
        assert go.wait(30), "the test never let the merge go on"
        return real(*args, **kwargs)

    monkeypatch.setattr(export, "merge_logs", slow_merge)
    app.ctx.wait_for_jobs = False
    press_button(app, fake_time, "merge")
    assert scene.busy and threads and threads[0] is not threading.main_thread()
    app.view.audit = TextAudit()
    frames(app, fake_time, 5)  # the window goes on drawing, saying what it does
    assert any("Merging the logs" in drawn.text for drawn in app.view.audit.texts)
    key(app, fake_time, pygame.K_ESCAPE)  # nothing else until it is done
    assert top(app) is scene and scene.busy
    go.set()
    scene.job.wait(30)
    frames(app, fake_time, 1)
    assert not scene.busy
    assert "pc2.jsonl" in scene.toast.text and scene.merge_results[0].added > 0
    with reopen(data_dir) as store:
        assert made.id in {a.id for a in store.attempts()}
    key(app, fake_time, pygame.K_ESCAPE)
    assert name_of(app) == "TeacherHomeScene"
