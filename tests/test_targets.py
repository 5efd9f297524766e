"""Every click target of every screen is at least 48 x 48 logical pixels and on the screen.

Small fingers on a classroom touch screen and shaky hands on a mouse both need big targets.
Each scene reports what can be clicked (``Scene.targets()``: buttons, cards, places on the
map, board cells, parts in the box, grid cells); the gallery has every screen in a realistic
state, and every level's board is checked on its own.
"""

from __future__ import annotations

import pygame
import pytest

from game.scenes.base import Scene, Target
from game.ui.widgets import MIN_TARGET, Button, ButtonRow
from tests.scene_gallery import BUSY_STATES, STATE_NAMES, catalogue, gallery_app, show

SCREEN = (0, 0, 1280, 720)


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    from game.clock import ManualTime

    app = gallery_app(tmp_path_factory.mktemp("targets") / "data", ManualTime())
    yield app
    app.close()


def problems(targets: list[Target]) -> list[str]:
    out = []
    for t in targets:
        x, y, w, h = t.rect
        if w < MIN_TARGET - 0.01 or h < MIN_TARGET - 0.01:
            out.append(f"{t.stop} is {w:g}x{h:g}")
        if x < 0 or y < 0 or x + w > SCREEN[2] + 0.01 or y + h > SCREEN[3] + 0.01:
            out.append(f"{t.stop} at {t.rect} is (partly) off the screen")
    return out


@pytest.mark.parametrize("state", [s for s in STATE_NAMES if s not in BUSY_STATES])
def test_every_target_is_big_enough_and_on_screen(gallery, state):
    scene = show(gallery, state)
    targets = scene.targets()
    assert targets, f"{state}: no targets reported"
    assert not problems(targets), f"{state}: {problems(targets)}"


@pytest.mark.parametrize("level_id", [lv.id for lv in catalogue()])
def test_every_levels_board_and_box_are_big_enough(gallery, level_id):
    from game.scenes.play import PlayScene

    show(gallery, "title")
    level = next(lv for lv in catalogue() if lv.id == level_id)
    scene = PlayScene(gallery.ctx, level)
    gallery.ctx.stack.push(scene)
    gallery.run_frames(1)
    targets = scene.targets()
    cells = [t for t in targets if t.stop == "board"]
    assert len(cells) == level.width * level.height
    assert len([t for t in targets if t.stop.startswith("palette:")]) == len(scene.palette.kinds)
    assert not problems(targets), f"{level_id}: {problems(targets)}"


def test_the_default_targets_are_the_enabled_buttons_of_the_rows(app):
    """The default Scene.targets(): a disabled button is no target, each row names its own."""

    class Two(Scene):
        def __init__(self, ctx) -> None:
            super().__init__(ctx)
            self.row = ButtonRow([Button(pygame.Rect(0, 0, 60, 60), print),
                                  Button(pygame.Rect(80, 0, 40, 60), print,
                                         enabled=False)])

    scene = Two(app.ctx)
    assert scene.targets() == [Target((0, 0, 60, 60), "row:0")]
    assert scene.focus_stop() is None
    scene.row.move_focus(1)
    assert scene.focus_stop() == "row:0"
    assert problems([Target((0, 0, 47, 60), "x")]) == ["x is 47x60"]
    assert problems([Target((1250, 0, 48, 48), "y")])  # sticks out on the right
