"""The teacher's class dashboard, pupil page and attempt viewer, on a real store and levels.

Statuses are computed by the store from real attempts, drawn by the scene (the symbol of each
cell is checked, not only its colour), and the screens are driven by posted pygame events.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

import pygame
import pytest

from game.content.loader import LevelCatalogue
from game.kerndoelen import KERNDOELEN
from game.progress.attempt_log import board_from_build
from game.progress.records import Attempt, CellStatus, Outcome, new_id, now
from game.scenes.attempt_view import TIMELINE, AttemptView
from game.scenes.dashboard import DashboardScene, kerndoel_summary, sort_pupils
from game.scenes.pupil_page import PupilPage, pupil_totals
from game.ui.grid_view import symbol_for
from tests.dashboard_data import attempt_for, board_after, fill_class
from tests.play_helpers import post_click, post_key, settle
from tests.scene_gallery import catalogue as real_levels

MOMENT = now()


@pytest.fixture(scope="module")
def catalogue() -> LevelCatalogue:
    return real_levels()


@pytest.fixture
def school(tmp_path):
    from game.progress import sql
    SqlSchoolStore = sql.SqlSchoolStore  # noqa: N806 - the class, named as in its module

    store = SqlSchoolStore(f"sqlite:///{tmp_path / 'school.db'}")
    yield store
    store.close()


@pytest.fixture
def game(data_dir, fake_time, catalogue, school):
    from game.app import App

    app = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir,
              levels=catalogue, time_source=fake_time)
    app.run_frames(2)  # the App opens its own store after the first frame: use ours
    use_school(app, school)
    app.ctx.school, app.ctx.teacher = school, True
    yield app
    app.close()


@pytest.fixture
def small_class(school, catalogue):
    """Four pupils on the first two city levels, one of each status on level 1."""
    city = catalogue.world("city")
    l1, l2 = city[0], city[1]
    rng = random.Random(1)
    group = school.add_class("groep 4")
    ids = {}
    for name in ("Wim", "Anna", "Bo", "Cas"):
        ids[name] = school.add_pupil(group.id, name, "owl").id
    early = MOMENT - timedelta(minutes=30)
    gave_up = attempt_for(l1, ids["Anna"], early, "gave_up", rng)
    school.save_attempt(replace(gave_up, failed_tests=1, tests_run=1))
    solved = attempt_for(l1, ids["Bo"], early, "solved", rng)
    school.save_attempt(replace(solved, stars=2))
    school.save_attempt(attempt_for(l2, ids["Bo"], early, "solved", rng))
    stuck = attempt_for(l1, ids["Cas"], MOMENT - timedelta(minutes=12), "busy", rng)
    school.save_attempt(replace(stuck, failed_tests=4, tests_run=4,
                                ended=MOMENT - timedelta(seconds=30)))
    return group.id, ids, (l1, l2)


def use_school(app, school) -> None:
    """One store object for the test and the game (the App opened the default one)."""
    own = app.ctx.school
    if own is not None and own is not school:
        own.close()
    app.ctx.school = school


def open_dashboard(app, class_id: str) -> DashboardScene:
    scene = DashboardScene(app.ctx, class_id, clock=lambda: MOMENT)
    app.ctx.stack.push(scene)
    app.run_frames(2)
    return scene


def test_cells_show_status_by_symbol_from_real_attempts(game, small_class):
    class_id, ids, (l1, l2) = small_class
    dash = open_dashboard(game, class_id)
    dash.level_set = "city"
    dash.reload()
    game.run_frames(1)
    expected = {"Wim": CellStatus.NOT_STARTED, "Anna": CellStatus.TRIED,
                "Bo": CellStatus.SOLVED, "Cas": CellStatus.NEEDS_HELP}
    for name, status in expected.items():
        assert dash.data.cell(ids[name], l1.id).status == status, name
        assert dash.drawn[(ids[name], l1.id)] == symbol_for(status), name
    assert len({symbol_for(s) for s in CellStatus}) == 4  # four different shapes
    assert dash.data.cell(ids["Bo"], l1.id).best_stars == 2
    assert [s.pupil.name for s in dash.stuck] == ["Cas"]  # stuck right now, in the side panel
    col = [lv.id for lv in dash.levels].index(l1.id)
    assert dash.header_at(dash.cell_rect(0, col).move(0, -30).center) == col
    assert "1 of 4 pupils solved it" in dash.level_text(col)
    assert "1 pupil needs help" in dash.level_text(col)
    cas = [p.name for p in dash.rows].index("Cas")
    assert f"Needs help now with level {l1.order}" in dash.cell_text(cas, -1)


def test_sorting_and_filtering(game, small_class):
    class_id, ids, _levels = small_class
    dash = open_dashboard(game, class_id)
    dash.level_set = "city"
    dash.reload()
    names = [p.name for p in dash.rows]
    assert names == ["Anna", "Bo", "Cas", "Wim"]

    post_click(game, dash.buttons["sort"].rect.center)  # progress
    game.run_frames(1)
    assert dash.sort == "progress" and [p.name for p in dash.rows][0] == "Bo"
    post_click(game, dash.buttons["sort"].rect.center)  # needs help first
    game.run_frames(1)
    assert dash.sort == "help" and [p.name for p in dash.rows][0] == "Cas"
    assert [p.name for p in sort_pupils(dash.data, "name")] == names

    post_click(game, dash.buttons["help_only"].rect.center)
    game.run_frames(1)
    assert [p.name for p in dash.rows] == ["Cas"]

    # another world: nobody played it, so nobody needs help there
    dash.help_only = False
    dash.level_set = "greenport"
    dash.reload()
    assert {lv.world for lv in dash.levels} == {"greenport"}
    assert all(dash.data.cell(p.id, lv.id).status == CellStatus.NOT_STARTED
               for p in dash.rows for lv in dash.levels)


def test_level_sets_follow_the_active_lesson(game, school, small_class):
    from game.progress.records import Lesson

    class_id, _ids, (l1, l2) = small_class
    lesson = Lesson(new_id(), "Wires", (l2.id, l1.id))
    school.save_lesson(lesson)
    school.activate_lesson(class_id, lesson.id)
    dash = open_dashboard(game, class_id)
    assert dash.level_set == "lesson"
    assert [lv.id for lv in dash.levels] == [l2.id, l1.id]
    post_click(game, dash.buttons["levels"].rect.center)
    game.run_frames(1)
    assert dash.level_set == "all" and len(dash.levels) == len(game.ctx.levels)
    assert [lv.world for lv in dash.levels] == sorted(
        (lv.world for lv in dash.levels), key=game.ctx.levels.worlds().index)  # by world
    post_click(game, dash.buttons["levels"].rect.center)
    game.run_frames(1)
    assert dash.level_set == "city"
    levels = dash.buttons["levels"]  # a world: its badge and name, "Levels: ..." as tooltip
    assert levels.icon == "map/city" and levels.tooltip.endswith(levels.label)
    school.activate_lesson(class_id, None)  # the lesson is over: every level, by world
    fresh = open_dashboard(game, class_id)
    assert fresh.level_set == "all"


def test_kerndoel_summary_counts_solves(game, small_class, catalogue):
    class_id, _ids, (l1, l2) = small_class
    dash = open_dashboard(game, class_id)
    dash.level_set = "city"
    dash.reload()
    summary = {k.kerndoel: k for k in kerndoel_summary(dash.data, dash.levels)}
    city = catalogue.world("city")
    for k, share in summary.items():
        tagged = [lv for lv in city if k in lv.kerndoelen]
        assert share.possible == 4 * len(tagged)
        # Bo solved levels 1 and 2; both train 42 and 45
        solved = sum(1 for lv in (l1, l2) if k in lv.kerndoelen)
        assert share.solved == solved, k
    # the rows are the kerndoelen the city's levels train, in the table's order (39 first)
    assert list(summary) == [k for k in KERNDOELEN if any(k in lv.kerndoelen for lv in city)]
    tip = dash.kerndoel_text(list(summary).index(42))
    assert "42" in tip and f"{summary[42].solved} of {summary[42].possible}" in tip
    assert dash.kerndoel_text(len(summary)) == ""  # no such row: no tooltip, no crash
    assert dash._target_at(dash.kerndoel_rect(3).center) == "kd:3"
    assert summary[42].share == pytest.approx(2 / (4 * len([lv for lv in city
                                                             if 42 in lv.kerndoelen])))


def test_tapping_cells_and_names_opens_the_attempt_and_the_pupil(game, fake_time, small_class):
    class_id, ids, (l1, _l2) = small_class
    dash = open_dashboard(game, class_id)
    dash.level_set = "city"
    dash.reload()
    row = [p.name for p in dash.rows].index("Cas")
    post_click(game, dash.cell_rect(row, 0).center)
    settle(game, fake_time, 0.1, draw_all=False)
    view = game.ctx.stack.top
    assert isinstance(view, AttemptView)
    assert view.attempt.pupil_id == ids["Cas"] and view.attempt.level_id == l1.id
    post_key(pygame.K_ESCAPE)
    settle(game, fake_time, 0.1, draw_all=False)
    assert game.ctx.stack.top is dash

    post_click(game, dash.cell_rect(row, -1).center)
    settle(game, fake_time, 0.1, draw_all=False)
    page = game.ctx.stack.top
    assert isinstance(page, PupilPage) and page.pupil.name == "Cas"
    assert len(page.attempts) == 1
    post_key(pygame.K_RETURN)  # the first attempt on the page
    settle(game, fake_time, 0.1, draw_all=False)
    assert isinstance(game.ctx.stack.top, AttemptView)


def test_keyboard_reaches_every_control_and_cell(game, fake_time, small_class):
    class_id, ids, _levels = small_class
    dash = open_dashboard(game, class_id)
    seen = set()
    for _ in range(len(dash.order) + 1):
        post_key(pygame.K_TAB)
        game.run_frames(1)
        seen.add(dash.focus)
    assert {"back", "levels", "sort", "help_only", "grid", "stuck"} <= seen
    while dash.focus != "grid":
        post_key(pygame.K_TAB)
        game.run_frames(1)
    post_key(pygame.K_RIGHT)
    post_key(pygame.K_DOWN)
    game.run_frames(1)
    assert dash.cursor == (1, 0)
    assert dash.rows[1].name in dash.cell_text(1, 0)
    post_key(pygame.K_RETURN)
    game.run_frames(1)
    assert isinstance(game.ctx.stack.top, AttemptView)


def test_the_live_view_refreshes_from_the_store(game, fake_time, school, small_class):
    class_id, ids, (l1, l2) = small_class
    dash = open_dashboard(game, class_id)
    dash.level_set = "city"
    dash.reload()
    assert dash.data.cell(ids["Wim"], l2.id).status == CellStatus.NOT_STARTED
    school.save_attempt(Attempt(new_id(), ids["Wim"], l2.id, None, MOMENT, MOMENT,
                                Outcome.SOLVED, 3, 1, 1, 0, 0, 0, None,
                                (), ""))
    settle(game, fake_time, 6.0, draw_all=False)  # a few seconds later, without any input
    assert dash.data.cell(ids["Wim"], l2.id).status == CellStatus.SOLVED


def test_attempt_view_rebuilds_the_build_and_replays_to_the_same_verdict(game, school,
                                                                         catalogue):
    group = school.add_class("groep 8")
    pupil = school.add_pupil(group.id, "Sara", "cat")
    rng = random.Random(3)
    for level in catalogue:
        for kind in ("solved", "gave_up"):
            a = attempt_for(level, pupil.id, MOMENT, kind, rng)
            school.save_attempt(a)
            view = AttemptView(game.ctx, a.id)
            game.ctx.stack.push(view)
            stored = school.attempt(a.id)
            assert stored.build == a.build
            expected = board_from_build(level, a.build)
            if kind == "solved":
                assert expected.layout() == board_after(level)[0].layout(), level.id
            assert view.board.layout() == expected.layout(), level.id
            ev = view.finish()
            assert ev.solved == (a.outcome == Outcome.SOLVED), level.id
            if ev.solved:
                assert ev.stars == a.stars, level.id
            else:
                # what failed there (a wrong answer alone has no cell to mark)
                assert bool(view.view.marks) == any(r.cells for r in ev.failures), level.id
                assert set(view.view.marks.values()) <= {
                    "unpowered", "dry", "leak", "attention", "broken"}
            game.run_frames(1)  # and it draws
            game.ctx.stack.pop()


def test_replay_animates_like_the_play_screen(game, fake_time, school, catalogue):
    level = catalogue.world("city")[0]
    group = school.add_class("groep 3")
    pupil = school.add_pupil(group.id, "Liam", "frog")
    a = attempt_for(level, pupil.id, MOMENT, "solved", random.Random(0))
    school.save_attempt(a)
    view = AttemptView(game.ctx, a.id)
    game.ctx.stack.push(view)
    game.run_frames(1)
    post_click(game, view.buttons["replay"].rect.center)
    settle(game, fake_time, 0.5, draw_all=False)
    assert view.run is not None and not view.run.finished
    assert view.view.state is not None and view.view.state.tick >= 1
    settle(game, fake_time, level.ticks / 5 + 2, draw_all=False)
    assert view.run.finished and view.evaluation.solved
    assert view.buttons["replay"].label == "Replay again"


def test_pupil_page_totals(game, school, catalogue):
    group = school.add_class("groep 7")
    pupil = school.add_pupil(group.id, "Ilse", "fox")
    rng = random.Random(5)
    city = catalogue.world("city")
    made = [attempt_for(city[0], pupil.id, MOMENT - timedelta(hours=2), "gave_up", rng),
            attempt_for(city[0], pupil.id, MOMENT - timedelta(hours=1), "solved", rng),
            attempt_for(city[1], pupil.id, MOMENT - timedelta(minutes=30), "solved", rng)]
    for a in made:
        school.save_attempt(a)
    page = PupilPage(game.ctx, pupil.id)
    game.ctx.stack.push(page)
    game.run_frames(1)
    assert [a.id for a in page.attempts] == [a.id for a in reversed(made)]  # newest first
    t = pupil_totals(page.attempts, len(catalogue))
    assert (t.solved, t.attempts) == (2, 3)
    assert t.stars == made[1].stars + made[2].stars
    assert t.seconds == pytest.approx(sum((a.ended - a.started).total_seconds() for a in made))


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)])
def test_a_class_of_thirty_draws_at_classroom_sizes(data_dir, fake_time, catalogue, school,
                                                    size):
    from game.app import App

    app = App(size=size, fullscreen=False, lang="nl", data_dir=data_dir, levels=catalogue,
              time_source=fake_time)
    app.run_frames(2)
    use_school(app, school)
    class_id, pupils = fill_class(school, list(catalogue.world("city")), MOMENT, today=True,
                                  lesson_levels=8)
    dash = open_dashboard(app, class_id)
    assert len(dash.rows) == 30 and dash.visible_rows >= 9
    assert dash.stuck  # somebody is stuck in this class
    for _ in range(3):
        post_click(app, dash.buttons["down"].rect.center)
        app.run_frames(1)
    assert dash.top_row == 30 - dash.visible_rows
    page = PupilPage(app.ctx, pupils[0].id)
    app.ctx.stack.push(page)
    app.run_frames(1)
    app.close()


def test_attempt_view_steps_through_the_pupils_goes_and_the_finished_run(game, school,
                                                                         catalogue):
    level = catalogue.world("city")[2]
    group = school.add_class("groep 5")
    pupil = school.add_pupil(group.id, "Mila", "duck")
    rng = random.Random(2)
    goes = [attempt_for(level, pupil.id, MOMENT - timedelta(minutes=m), kind, rng)
            for m, kind in ((30, "gave_up"), (20, "stuck"), (10, "solved"))]
    for a in goes:
        school.save_attempt(a)
    view = AttemptView(game.ctx, goes[1].id)
    game.ctx.stack.push(view)
    game.run_frames(1)
    assert view.index == 1
    post_click(game, view.buttons["later"].rect.center)
    game.run_frames(1)
    later = game.ctx.stack.top
    assert isinstance(later, AttemptView) and later.attempt.id == goes[2].id
    assert not later.buttons["later"].enabled and later.buttons["earlier"].enabled
    assert len(game.ctx.stack) == 2  # replaced in place: Back goes where it came from

    ev = later.finish()
    assert ev.solved
    post_click(game, TIMELINE.midleft)  # back to the first moment of the run
    game.run_frames(1)
    assert later.tick == 0 and later.view.state is later.run.states[0]
    post_key(pygame.K_r)  # one step on
    game.run_frames(1)
    assert later.tick == 1 and later.view.state is later.run.states[1]


def test_export_buttons_save_csv_and_pdf_where_the_teacher_is_told(game, small_class,
                                                                   tmp_path, monkeypatch):
    class_id, _ids, _levels = small_class
    monkeypatch.setattr(DashboardScene, "export_folder", lambda self: tmp_path / "out")
    monkeypatch.setattr("game.scenes.exports.open_with_viewer", lambda path: True)
    dash = open_dashboard(game, class_id)
    for kind in ("csv", "pdf"):
        assert kind in dash.buttons
        post_click(game, dash.buttons[kind].rect.center)
        game.run_frames(1)
        files = sorted((tmp_path / "out").glob(f"*.{kind}"))
        assert len(files) == 1 and files[0].stat().st_size > 0
        assert files[0].name in dash.toast.text and str(tmp_path / "out") in dash.toast.text
    text = next((tmp_path / "out").glob("*.csv")).read_bytes().decode("utf-8-sig")
    assert "Cas" in text and "Wim" in text
    assert (tmp_path / "out" / next((tmp_path / "out").glob("*.pdf")).name).read_bytes()[
        :4] == b"%PDF"


def test_empty_class_and_missing_attempt_are_shown_kindly(game, school):
    group = school.add_class("groep 1")
    dash = open_dashboard(game, group.id)
    assert dash.rows == [] and dash.stuck == []
    for key in (pygame.K_DOWN, pygame.K_RIGHT, pygame.K_RETURN, pygame.K_TAB, pygame.K_RETURN):
        post_key(key)
        game.run_frames(1)
    view = AttemptView(game.ctx, new_id())
    game.ctx.stack.push(view)
    post_key(pygame.K_t)
    game.run_frames(2)
    assert view.attempt is None and view.run is None
    page = PupilPage(game.ctx, new_id())
    game.ctx.stack.push(page)
    post_key(pygame.K_RETURN)
    game.run_frames(2)
    assert page.pupil is None


def test_a_store_that_goes_away_keeps_the_last_picture(game, fake_time, small_class,
                                                      monkeypatch):
    class_id, ids, _levels = small_class
    dash = open_dashboard(game, class_id)
    before = dash.data

    def gone(*args, **kwargs):
        raise OSError("server closed the connection")

    monkeypatch.setattr(game.ctx.school, "dashboard", gone)
    settle(game, fake_time, 6.0, draw_all=False)
    assert dash.data is before and "server closed" in dash.toast.text
