"""One numbering of levels everywhere: the dashboard, the pupils' level cards, the class CSV
and the PDF report give a level the same number (export.level_number).

In a lesson that is the level's place in the lesson (1-4 for a lesson of four levels, as the
pupils' lesson cards show); otherwise its number in its world.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from game.progress.records import Lesson, new_id
from game.scenes.level_select import LessonScene, LevelSelectScene
from tests import test_dashboard_scenes as dashboard_tests
from tests.test_dashboard_scenes import open_dashboard

# the dashboard tests' fixtures: a real App on a real store with the real levels
catalogue, game, school = dashboard_tests.catalogue, dashboard_tests.game, dashboard_tests.school

PICKED = (0, 3, 5, 6)  # city levels 1, 4, 6 and 7: the lesson numbers them 1-4


def pdf_level_rows(path) -> list[tuple[int, str]]:
    """(number, title) of each row of the report's per-level chart, read from the PDF."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    page = text[text.index("Per level: how far the class got"):]
    return [(int(m.group(1)), m.group(2)) for m in
            re.finditer(r"^\s*(\d+)\s{1,3}(\S.*?)\s{2,}", page, re.MULTILINE)]


def csv_numbers(path) -> list[int]:
    header = path.read_text("utf-8-sig").splitlines()[0].split(";")
    return [int(cell.split(".")[0]) for cell in header if cell.endswith(": status")]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("in_lesson", [True, False])
def test_dashboard_cards_csv_and_report_number_a_level_alike(game, school, catalogue,
                                                             tmp_path, in_lesson):
    city = catalogue.world("city")
    picked = [city[i] for i in PICKED]
    group = school.add_class("groep 5")
    school.add_pupil(group.id, "Ayla", "owl")
    if in_lesson:
        lesson = Lesson(new_id(), "Light at night", tuple(lv.id for lv in picked))
        school.save_lesson(lesson)
        school.activate_lesson(group.id, lesson.id)
        want = [1, 2, 3, 4]
    else:
        want = [1, 4, 6, 7]
    dash = open_dashboard(game, group.id)
    dash.export_folder = lambda: tmp_path  # exports land here
    if not in_lesson:
        dash.level_set = "city"
        dash.reload()
    assert dash.level_set == ("lesson" if in_lesson else "city")
    columns = [next(i for i, lv in enumerate(dash.levels) if lv.id == p.id) for p in picked]

    # the dashboard: the number on each column's tag and in its tooltip
    assert [dash.level_no(dash.levels[c]) for c in columns] == want
    assert [dash.level_text(c).split(":")[0] for c in columns] == [f"Level {n}" for n in want]

    # the pupils' cards
    cards = LessonScene(game.ctx, lesson) if in_lesson else LevelSelectScene(game.ctx, "city")
    cards.levels = cards.load_levels()
    on_cards = {lv.id: cards.card_number(i, lv) for i, lv in enumerate(cards.levels)}
    assert [on_cards[p.id] for p in picked] == want

    # the CSV and the PDF, as the dashboard's buttons save them
    csv_path, pdf_path = dash.export("csv"), dash.export("pdf")
    assert csv_path is not None and pdf_path is not None
    in_csv = csv_numbers(csv_path)
    in_pdf = dict((title, n) for n, title in pdf_level_rows(pdf_path))
    if in_lesson:
        assert in_csv == want
    else:
        assert [in_csv[c] for c in columns] == want
    assert [in_pdf[lv.title] for lv in picked] == want
