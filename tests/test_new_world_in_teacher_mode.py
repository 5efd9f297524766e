"""A new world needs no change in the teacher mode: a lesson made of a new world's levels
(Vliegveld en haven, Gezondheidslab, Machinefabriek, Datacenter) is stored, exported to CSV and PDF,
shown on the dashboard, and a pupil's build is replayed as the pupil left it (a diverter the pupil switched
to another label; a fridge the pupil turned with its back to the room; a switch the pupil
closed; a cooling valve the pupil opened)."""

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

#: per new world: a lesson's title, the level a pupil solved, which of its solutions, and the
#: cell and option (or turn) the teacher's replay must show as the pupil left it
CASES = {
    "logistics": ("Sorteren op Schiphol", "logistics-03-two-planes", 0, (2, 2), "label", 2),
    "life_sciences": ("Koude ketens", "life-sciences-13-three-hospitals", 2, (7, 3), "rotation",
                      2),
    # the crane's switch, open at the start, as the pupil closed it
    "hightech": ("De schrootkraan", "hightech-12-the-scrap-crane", 1, (1, 3), "on", True),
    # the water cooling's valve, shut at the start, as the pupil opened it
    "ict": ("Koelen in het datacenter", "ict-11-warm-hall", 0, (4, 0), "on", True),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def world(request):
    levels = [lv for lv in shipped_levels() if lv.world == request.param]
    assert len(levels) >= 12
    return request.param, levels


@pytest.fixture
def store(tmp_path):
    from game.progress.sql import SqlSchoolStore

    school = SqlSchoolStore(tmp_path / "data")
    yield school
    school.close()


def test_a_lesson_of_the_new_world_reaches_every_teacher_view(store, world, tmp_path):
    name, levels = world
    title, level_id, which, cell, option, value = CASES[name]
    solved = next(lv for lv in levels if lv.id == level_id)
    lesson = Lesson(new_id(), title,
                    tuple(dict.fromkeys([*(lv.id for lv in levels[:3]), solved.id])))
    store.save_lesson(lesson)
    group = store.add_class("groep 6a")
    pupil = store.add_pupil(group.id, "Sem", "fox")
    board, evaluation = play_solution(solved, solved.every_solution[which])
    start = now() - timedelta(minutes=10)
    store.save_attempt(Attempt(new_id(), pupil.id, solved.id, lesson.id, start,
                               start + timedelta(minutes=3), Outcome.SOLVED, evaluation.stars,
                               build=build_of(board)))
    shown = report_levels(list(shipped_levels()), lesson)
    assert [lv.id for lv in shown] == list(lesson.level_ids)

    dashboard = store.dashboard(group.id, [lv.id for lv in shown])
    assert dashboard.level_ids == lesson.level_ids
    assert dashboard.cell(pupil.id, solved.id).status == CellStatus.SOLVED

    gettext = make_translator("nl")[0]
    out = tmp_path / "klas.csv"
    assert write_class_csv(store, group.id, shown, out, gettext) == 1
    text = out.read_text(encoding="utf-8-sig")
    assert "Sem" in text and gettext(solved.title) in text

    pdf = tmp_path / "klas.pdf"
    write_class_report(store, group.id, shown, pdf, lesson_title=lesson.title, gettext=gettext,
                       lang="nl")
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert title in words and "Sem" in words

    # the teacher's replay: the part is as the pupil left it, so the build works again
    [attempt] = store.attempts(pupil_id=pupil.id)
    replayed = board_from_build(solved, attempt.build)
    piece = replayed.pieces[cell]
    assert (piece.rotation if option == "rotation" else piece.param(option)) == value
    again = run_board(replayed)
    assert again.solved and again.stars == evaluation.stars
