"""The teacher's replay of an attempt shows the badges the pupil saw: on the board where a goal
failed, and beside that goal in "Where it went wrong" (a struck-through drop for thirsty
plants, a leak's drop, a struck-through bolt, "!"), not one plain cross for every goal.

Real gallery states (a gave-up greenhouse attempt and an attempt stored as solved that no
longer solves its level), replayed to the end and drawn; the badges are checked in pixels.
"""

from __future__ import annotations

import pygame
import pytest

from game.scenes import attempt_view
from game.scenes.attempt_view import FACTS
from game.scenes.play_run import FAILURE_BADGE
from game.ui.badges import draw_badge
from game.ui.view import Painter
from tests.scene_gallery import gallery_app, show


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    from game.clock import ManualTime

    app = gallery_app(tmp_path_factory.mktemp("attempt_badges") / "data", ManualTime())
    yield app
    app.close()


def _list_badges(app, monkeypatch, draw: bool = True) -> list[tuple[str, tuple, float]]:
    """One frame; the badges drawn in the verdict list (left edge of the facts card), in
    order, as (status, centre, radius). ``draw=False``: the same frame without them."""
    calls: list[tuple[str, tuple, float]] = []

    def spy(painter, status, center, radius):
        if center[0] < FACTS.centerx:  # the list's badges; the answer's ✓/✗ sits on the right
            calls.append((status, tuple(center), radius))
            if not draw:
                return
        draw_badge(painter, status, center, radius)

    with monkeypatch.context() as m:
        m.setattr(attempt_view, "draw_badge", spy)
        app.run_frames(1)
    return calls


def _crop(app, surface: pygame.Surface, center, radius) -> bytes:
    box = app.view.rect((center[0] - radius - 4, center[1] - radius - 4, 2 * radius + 8,
                         2 * radius + 10))
    return pygame.image.tobytes(surface.subsurface(box), "RGB")


@pytest.mark.parametrize(("state", "expected"), [
    ("attempt_wrong", ["leak", "dry", "dry"]),  # water leaks; beds thirsty; tank not full
    ("attempt_changed", ["attention", "unpowered"]),  # a shortage; houses without power
])
def test_where_it_went_wrong_shows_the_badge_of_each_failed_goal(gallery, monkeypatch, state,
                                                                  expected):
    scene = show(gallery, state)
    ev = scene.evaluation
    assert ev is not None and not ev.solved
    drawn = _list_badges(gallery, monkeypatch)
    assert [status for status, _c, _r in drawn] == expected
    # the one table of the play screen decides them, goal by goal, causes first
    failed = []
    for res in ev.failures:
        if res.goal.type not in failed:
            failed.append(res.goal.type)
    assert expected == [FAILURE_BADGE[t] for t in failed]
    # every badge the board shows after the run is explained by a line of the list
    board = set(scene.view.marks.values())
    assert board and board <= set(expected)

    # on the screen: the goal's own badge, not the plain cross
    frame = gallery.surface.copy()
    _list_badges(gallery, monkeypatch, draw=False)
    bare = gallery.surface.copy()
    for status, center, radius in drawn:
        seen = _crop(gallery, frame, center, radius)
        assert seen != _crop(gallery, bare, center, radius), "no badge on the screen"
        for name, same in ((status, True), ("broken", False)):
            ref = bare.copy()
            draw_badge(Painter(ref, gallery.view, gallery.art, gallery.fonts), name, center,
                       radius)
            assert (_crop(gallery, ref, center, radius) == seen) is same, \
                f"{state}: the badge at {center} is {'not ' if same else ''}{name!r}"


def test_a_solved_replay_lists_checks(gallery, monkeypatch):
    scene = show(gallery, "attempt_worked")
    assert scene.evaluation is not None and scene.evaluation.solved
    drawn = _list_badges(gallery, monkeypatch)
    assert drawn and {status for status, _c, _r in drawn} == {"works"}
