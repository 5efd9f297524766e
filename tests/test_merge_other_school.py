"""A log of another school is merged only when the teacher says so (issue 9), on SQLite and
on PostgreSQL (tests/pg.py).

A log names the school it comes from. A new PC joins the school of its first log; a log that
shares a class with this store is of this school; any other log is refused in one line (the
store, ``teacher merge-log`` without ``--other-school``) or asked about on a card (the data
screen), and nothing of it is merged until the teacher says yes. A school said yes to once is
remembered.
"""

from __future__ import annotations

import io

import pytest

from game import teacher_cli
from game.progress.export import merge_logs
from game.progress.sql import OtherSchool, SqlSchoolStore
from tests import pg, test_teacher_data
from tests.test_merge_hostile import assert_refused_in_one_line, exported, records_of, snapshot

open_store, store, store_url = pg.open_store, pg.store, pg.store_url
# the data screen's game and its documents folder
docs = test_teacher_data.docs


def test_a_log_of_another_school_merges_only_when_the_teacher_says_so(store, tmp_path):
    ours = tmp_path / "ours.jsonl"
    group = store.add_class("groep 8")
    store.export_log(ours)  # this store now belongs to a school of its own
    theirs = exported(tmp_path, "elsewhere")
    before = snapshot(store)
    (report,) = merge_logs(store, [theirs])
    assert report.other_school
    assert_refused_in_one_line(report, theirs, "comes from another school")
    assert snapshot(store) == before
    with pytest.raises(OtherSchool, match=r"elsewhere.jsonl: comes from another school"):
        store.merge_log(theirs)
    (report,) = merge_logs(store, [theirs], other_school=True)
    assert report.refused is None and report.added > 0
    assert sorted(c.name for c in store.classes()) == ["groep 5", "groep 8"]
    # said yes once: that school's next log merges without asking
    pc = SqlSchoolStore(f"sqlite:///{tmp_path / 'elsewhere'}.db")
    pc.add_class("groep 6")
    pc.export_log(theirs)
    pc.close()
    (report,) = merge_logs(store, [theirs])
    assert report.refused is None and "groep 6" in [c.name for c in store.classes()]
    assert group.id in [c.id for c in store.classes()]


def test_a_new_pc_joins_the_school_of_its_first_log_and_a_shared_class_is_enough(store,
                                                                               tmp_path):
    first = exported(tmp_path, "teacher")
    assert merge_logs(store, [first])[0].refused is None  # an empty store: joins its school
    # a PC set up on its own (its own school) that merged the teacher's classes before
    pc = SqlSchoolStore(f"sqlite:///{tmp_path / 'pupil-pc'}.db")
    pc.add_class("groep 7")
    pc.export_log(tmp_path / "ignored.jsonl")
    assert pc.merge_log(first, other_school=True) > 0
    pc.export_log(tmp_path / "pupil-pc.jsonl")
    pc.close()
    (report,) = merge_logs(store, [tmp_path / "pupil-pc.jsonl"])
    assert report.refused is None, report.line()
    assert sorted(c.name for c in store.classes()) == ["groep 5", "groep 7"]


def test_the_command_line_refuses_another_schools_log_unless_told(store, tmp_path, capsys):
    store.add_class("groep 8")
    store.export_log(tmp_path / "ours.jsonl")
    theirs = exported(tmp_path, "elsewhere")
    url = store.engine.url.render_as_string(False)
    before = snapshot(store)
    out = io.StringIO()
    assert teacher_cli.main(["merge-log", "--db", url, str(theirs)], out=out) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and out.getvalue() == ""
    assert err == (f"techniekwerf teacher: {theirs}: refused: comes from another school: none "
                   "of its classes is on this PC; merge it only if its pupils belong here; "
                   "nothing from this file was merged (to merge it all the same: merge-log "
                   "--other-school FILE)\n")
    assert snapshot(store) == before
    assert teacher_cli.main(["merge-log", "--db", url, "--other-school", str(theirs)],
                            out=out) == 0
    assert out.getvalue().startswith(f"{theirs}: merged ")
    assert "groep 5" in [c.name for c in store.classes()]


def test_the_data_screen_asks_before_it_merges_another_schools_log(school_app, fake_time, docs,
                                                                 tmp_path, data_dir):
    import pygame

    from game.scenes.teacher_data import OtherSchoolCard
    from tests.classroom_helpers import key, name_of, press_button, top
    from tests.test_classroom_teacher import reopen
    from tests.test_teacher_data import open_data

    app = school_app
    scene = open_data(app, fake_time)
    with reopen(data_dir) as here:
        here.add_class("groep 8")
        here.export_log(tmp_path / "ours.jsonl")
        before = snapshot(here)
    (docs / "merge").mkdir(parents=True)
    exported(tmp_path, "elsewhere").rename(docs / "merge" / "elsewhere.jsonl")
    press_button(app, fake_time, "merge")
    assert isinstance(top(app), OtherSchoolCard)
    assert top(app).row.focused_key() == "no"  # the safe answer has the focus
    press_button(app, fake_time, "no")
    assert name_of(app) == "DataScene"
    assert scene.toast.text == ("elsewhere.jsonl: not merged yet: it comes from another "
                                "school.")
    with reopen(data_dir) as here:
        assert snapshot(here) == before
    press_button(app, fake_time, "merge")
    key(app, fake_time, pygame.K_ESCAPE)  # Esc is "no" too
    assert name_of(app) == "DataScene" and "not merged yet" in scene.toast.text
    with reopen(data_dir) as here:
        assert snapshot(here) == before
    press_button(app, fake_time, "merge")
    press_button(app, fake_time, "yes")
    assert name_of(app) == "DataScene"
    count = len(records_of(docs / "merge" / "elsewhere.jsonl")[1])
    assert scene.toast.text == f"elsewhere.jsonl: {count} new records"
    with reopen(data_dir) as here:
        assert sorted(c.name for c in here.classes()) == ["groep 5", "groep 8"]
