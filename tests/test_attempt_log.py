"""Every go at a level is logged for the teacher, through the real play screen and store.

The App runs headless with the real level files; input is posted as pygame events; the
attempt is read back from a real SQLite school store in a temporary folder.
"""

from __future__ import annotations

import pygame
import pytest

from game.content.loader import LevelCatalogue
from game.progress.attempt_log import board_from_build, build_of, device_id
from game.progress.records import Outcome
from game.scenes.attempt_view import AttemptView
from game.scenes.play import PlayScene
from tests.play_helpers import post_click, post_key, settle
from tests.scene_gallery import catalogue as real_levels


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
    """The real game with a school store, a pupil logged in and her class's lesson active."""
    from game.app import App
    from game.progress.records import Lesson, new_id

    app = App(size=(1280, 720), fullscreen=False, lang="en", data_dir=data_dir,
              levels=catalogue, time_source=fake_time)
    group = school.add_class("groep 5a")
    pupil = school.add_pupil(group.id, "Noor", "fox")
    lesson = Lesson(new_id(), "Power", ("city-04-broken-wire",))
    school.save_lesson(lesson)
    school.activate_lesson(group.id, lesson.id)
    app.run_frames(2)  # the App opens its own store after the first frame: use ours
    use_school(app, school)
    app.ctx.school, app.ctx.pupil, app.ctx.lesson = school, pupil, lesson
    yield app
    app.close()


def use_school(app, school) -> None:
    """One store object for the test and the game (the App opened the default one)."""
    own = app.ctx.school
    if own is not None and own is not school:
        own.close()
    app.ctx.school = school


def open_level(app, level) -> PlayScene:
    scene = PlayScene(app.ctx, level)
    app.ctx.stack.push(scene)
    app.run_frames(2)  # lay out the board
    return scene


def frames(app, fake_time, n: int = 3) -> None:
    settle(app, fake_time, n / 30)


def run_test(app, fake_time, play: PlayScene) -> None:
    """Press T and let the run finish (the verdict comes after the last tick lingers)."""
    post_key(pygame.K_t)
    for _ in range(int((play.level.ticks / 5 + 4) * 30)):
        frames(app, fake_time, 1)
        if play.mode != "run":
            break
    assert play.mode in ("failed", "solved")


def only_attempt(school):
    attempts = school.attempts()
    assert len(attempts) == 1
    return attempts[0]


def test_a_fix_level_played_through_is_logged_with_counts_and_build(game, fake_time, school,
                                                                    catalogue):
    app = game
    level = catalogue.get("city-04-broken-wire")
    play = open_level(app, level)

    a = only_attempt(school)  # logged as soon as the level opens
    assert (a.outcome, a.tests_run, a.pupil_id, a.lesson_id, a.level_id) == (
        Outcome.BUSY, 0, app.ctx.pupil.id, app.ctx.lesson.id, level.id)

    run_test(app, fake_time, play)  # the broken machine: a failed test
    assert play.mode == "failed"
    a = only_attempt(school)
    assert (a.outcome, a.tests_run, a.failed_tests) == (Outcome.BUSY, 1, 1)
    assert any(p.broken and p.at == (3, 1) for p in a.build)
    # the teacher opens it now: the same broken board, the same ✗ where the pupil saw them
    seen = dict(play.view.marks)
    view = AttemptView(app.ctx, a.id)
    assert view.board.layout() == play.board.layout()
    assert not view.finish().solved and view.view.marks == seen

    post_key(pygame.K_h)  # a hint
    frames(app, fake_time)
    post_click(app, play.buttons["remove"].rect.center)  # throw the broken wire away
    frames(app, fake_time)
    post_click(app, play.view.cell_center((3, 1)))
    frames(app, fake_time)
    assert (3, 1) not in play.board.pieces
    post_click(app, play.palette.rects[play.palette.kinds.index("wire_straight")].center)
    frames(app, fake_time)
    post_key(pygame.K_r)
    post_click(app, play.view.cell_center((3, 1)))
    frames(app, fake_time)
    assert play.board.pieces[(3, 1)].placed

    run_test(app, fake_time, play)
    assert play.mode == "solved"
    a = only_attempt(school)
    assert a.outcome == Outcome.SOLVED
    assert (a.tests_run, a.failed_tests, a.hints_used, a.parts_used) == (2, 1, 1, 1)
    assert a.stars == play.evaluation.stars == 2  # a hint costs the third star
    assert a.build == build_of(play.board)
    assert board_from_build(level, a.build).layout() == play.board.layout()
    view = AttemptView(app.ctx, a.id)  # the replay reaches the pupil's verdict and stars
    assert view.board.layout() == play.board.layout()
    ev = view.finish()
    assert ev.solved and ev.stars == a.stars == play.evaluation.stars
    assert a.ended is not None and a.device == device_id(school)
    assert app.ctx.store.best_stars(level.id) == 2  # the menus' stars still work

    app.ctx.stack.pop_to(type(app.ctx.stack.scenes[0]))  # leave: a solved attempt stays solved
    assert only_attempt(school).outcome == Outcome.SOLVED


def test_leaving_unsolved_is_gave_up_with_the_final_build(game, fake_time, school, catalogue):
    app = game
    level = catalogue.get("city-02-a-long-wire")
    play = open_level(app, level)
    kind = play.palette.kinds[0]
    post_click(app, play.palette.rects[0].center)
    frames(app, fake_time)
    free = next((x, y) for y in range(level.height) for x in range(level.width)
                if play.board.can_place(kind, (x, y)) is None)
    post_click(app, play.view.cell_center(free))
    frames(app, fake_time)
    post_click(app, play.buttons["reset"].rect.center)  # start again: counted
    frames(app, fake_time)
    post_click(app, play.palette.rects[0].center)
    post_click(app, play.view.cell_center(free))
    frames(app, fake_time)

    post_key(pygame.K_ESCAPE)  # puts the chosen part back
    post_key(pygame.K_ESCAPE)  # the pause menu covers the level: not leaving yet
    frames(app, fake_time)
    assert type(app.ctx.stack.top).__name__ == "PauseScene"
    assert only_attempt(school).outcome == Outcome.BUSY

    leave = app.ctx.stack.top.row.buttons[2]  # "Other level"
    post_click(app, leave.rect.center)
    frames(app, fake_time)
    assert play not in app.ctx.stack.scenes
    a = only_attempt(school)
    assert a.outcome == Outcome.GAVE_UP
    assert (a.tests_run, a.resets, a.parts_used) == (0, 1, 1)
    assert any(p.placed and p.at == free and p.kind == kind for p in a.build)
    assert a.ended is not None and a.ended >= a.started


def test_every_go_is_its_own_attempt_and_guests_have_no_pupil(game, fake_time, school,
                                                               catalogue):
    app = game
    app.ctx.pupil, app.ctx.lesson = None, None
    level = catalogue.get("city-01-first-light")
    play = open_level(app, level)
    run_test(app, fake_time, play)
    play.replay()  # "play again" from the result: a new go
    frames(app, fake_time)
    attempts = school.attempts(level_id=level.id)
    assert len(attempts) == 2
    assert all(a.pupil_id is None and a.lesson_id is None for a in attempts)
    assert sorted(a.outcome for a in attempts) == sorted([Outcome.BUSY, Outcome.GAVE_UP])


def test_try_it_mode_stores_nothing(game, fake_time, school, catalogue):
    app = game
    app.ctx.logging = False
    level = catalogue.get("city-04-broken-wire")
    play = open_level(app, level)
    assert play.log is None
    run_test(app, fake_time, play)
    post_key(pygame.K_h)
    app.ctx.stack.pop()
    assert school.attempts() == []


def test_a_store_that_fails_never_stops_the_game(game, fake_time, catalogue, capsys):
    class Broken:
        def save_attempt(self, attempt) -> None:
            raise OSError("disk full")

        def send_later(self) -> None:
            """Nothing kept to send."""

    app = game
    app.ctx.school = Broken()
    play = open_level(app, catalogue.get("city-01-first-light"))
    run_test(app, fake_time, play)
    assert play.log.failed_saves >= 2
    assert capsys.readouterr().err.count("could not save the attempt") == 1


def test_builds_round_trip_for_every_reference_solution(catalogue):
    """A build puts the board back exactly, for every shipped level (its solved board)."""
    from tests.dashboard_data import board_after

    for level in catalogue:
        board, _answer = board_after(level)
        again = board_from_build(level, build_of(board))
        assert again.layout() == board.layout(), level.id
        assert again.palette_left == board.palette_left, level.id
        assert again.parts_used() == board.parts_used(), level.id


def test_trying_more_after_solving_keeps_the_solved_build(school, catalogue):
    """Back on the board after the stars: more tests count, the solved picture stays."""
    from game.progress.attempt_log import AttemptLog
    from game.sim.board import Board
    from tests.dashboard_data import board_after, judged

    level = catalogue.get("city-01-first-light")
    log = AttemptLog(school, level, None, None)
    log.save()
    solved_board, answer = board_after(level)
    log.test_started(solved_board, 0, answer)
    ev = judged(level, solved_board, 0, answer)
    log.test_judged(ev.solved, ev.stars, 0, answer)
    ended = school.attempt(log.attempt.id).ended
    log.test_started(Board(level), 0, None)  # an empty board now
    log.test_judged(False, 0, 0, None)
    log.left(Board(level))
    a = school.attempt(log.attempt.id)
    assert a.outcome == Outcome.SOLVED and a.stars == ev.stars
    assert (a.tests_run, a.failed_tests) == (2, 1)
    assert a.build == build_of(solved_board) and a.ended == ended
