"""The play screen shows a tripped fuse: its own picture (the thin wire melted through) and the
"!" badge from the goal table, on the real game with city-13's files and a real Test run."""

from __future__ import annotations

import pytest

from game.scenes.play_run import FAILURE_BADGE, failure_marks
from game.sim.goals import evaluate
from game.sim.model import GoalType
from game.ui.board_view import part_art
from tests.scene_gallery import _build, _play, _reset, gallery_app

FUSE = (1, 1)  # the fuse of the street cable in city-13


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    from game.clock import ManualTime

    app = gallery_app(tmp_path_factory.mktemp("fuse") / "data", ManualTime())
    yield app
    app.close()


def _tested(app, steps: int):
    _reset(app)
    scene = _play(app, "city-13")
    _build(scene, steps)
    scene.start_test()
    scene.run.finish_now()
    scene._show_run()
    scene._judge()
    app.run_frames(1)
    return scene


def test_the_tripped_fuse_has_its_picture_and_the_attention_badge(gallery):
    scene = _tested(gallery, 0)
    states = scene.run.states
    fuse = scene.view.board.pieces[FUSE]
    night = scene.level.cycle.day
    assert part_art(fuse, states[night - 1], True) == "parts/fuse"
    assert part_art(fuse, states[night], True) == "parts/fuse_tripped"
    assert gallery.art.path("parts/fuse_tripped").exists()
    ev = evaluate(scene.run.board, states)
    assert FAILURE_BADGE[GoalType.NO_TRIPPED_FUSE] == "attention"
    assert failure_marks(ev)[FUSE] == "attention"
    assert scene.view.badges()[FUSE] == "attention"


def test_solved_the_fuse_stays_in(gallery):
    scene = _tested(gallery, len(scene_steps(gallery)))
    assert scene.evaluation.solved
    assert all(FUSE not in s.tripped for s in scene.run.states)
    fuse = scene.view.board.pieces[FUSE]
    assert part_art(fuse, scene.run.states[-1], True) == "parts/fuse"


def scene_steps(app):
    return next(lv for lv in app.ctx.levels if lv.id.startswith("city-13")).solution.steps
