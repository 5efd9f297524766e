"""A new world needs no change in the teacher mode: a lesson made of Vliegveld en haven's
levels is stored, exported to CSV and PDF, shown on the dashboard, and a pupil's build (with a
diverter the pupil switched to another label) is replayed as the pupil left it."""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest

from game.i18n import make_translator
from game.progress.attempt_log import board_from_build, build_of
from game.progress.export import report_levels, write_class_csv
from game.progress.records import Attempt, CellStatus, Lesson, Outcome, new_id, now
from game.progress.report import write_class_report
from game.sim.goals import play_solution, run_board
from tests.scene_gallery import catalogue as shipped_levels


@pytest.fixture(scope="module")
def logistics():
    levels = [lv for lv in shipped_levels() if lv.world == "logistics"]
    assert len(levels) >= 12
    return levels


@pytest.fixture
def store(tmp_path):
    from game.progress.sql import SqlSchoolStore

    school = SqlSchoolStore(tmp_path / "data")
    yield school
    school.close()


def test_a_lesson_of_the_new_world_reaches_every_teacher_view(store, logistics, tmp_path):
    two_planes = next(lv for lv in logistics if lv.id == "logistics-03-two-planes")
    lesson = Lesson(new_id(), "Sorteren op Schiphol",
                    tuple(lv.id for lv in logistics[:4]))
    store.save_lesson(lesson)
    group = store.add_class("groep 6a")
    pupil = store.add_pupil(group.id, "Sem", "fox")
    board, evaluation = play_solution(two_planes)
    start = now() - timedelta(minutes=10)
    store.save_attempt(Attempt(new_id(), pupil.id, two_planes.id, lesson.id, start,
                               start + timedelta(minutes=3), Outcome.SOLVED, evaluation.stars,
                               build=build_of(board)))
    shown = report_levels(list(shipped_levels()), lesson)
    assert [lv.id for lv in shown] == list(lesson.level_ids)

    dashboard = store.dashboard(group.id, [lv.id for lv in shown])
    assert dashboard.level_ids == lesson.level_ids
    assert dashboard.cell(pupil.id, two_planes.id).status == CellStatus.SOLVED

    gettext = make_translator("nl")[0]
    out = tmp_path / "klas.csv"
    assert write_class_csv(store, group.id, shown, out, gettext) == 1
    text = out.read_text(encoding="utf-8-sig")
    assert "Sem" in text and gettext(two_planes.title) in text

    pdf = tmp_path / "klas.pdf"
    write_class_report(store, group.id, shown, pdf, lesson_title=lesson.title, gettext=gettext,
                       lang="nl")
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "Sorteren op Schiphol" in words and "Sem" in words

    # the teacher's replay: the diverter is on the label the pupil chose, so it works again
    [attempt] = store.attempts(pupil_id=pupil.id)
    replayed = board_from_build(two_planes, attempt.build)
    assert replayed.pieces[(2, 2)].param("label") == 2
    assert run_board(replayed).solved
