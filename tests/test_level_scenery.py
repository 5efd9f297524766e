"""A level can name what its blocked cells show (the story's tree, the island's canal), so the
board shows what the story and hints talk about; the checker refuses a picture the world does
not have, with one line."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game import PROJECT_ROOT  # noqa: E402
from game.content.level_schema import scenery_pictures  # noqa: E402
from game.content.loader import inspect_level, load_level  # noqa: E402
from game.sim.board import Board  # noqa: E402
from game.ui.art import Art  # noqa: E402
from game.ui.board_view import BoardView  # noqa: E402
from game.ui.view import Viewport  # noqa: E402
from tests.test_checker_board_rules import level_text  # noqa: E402

LEVELS = PROJECT_ROOT / "levels"


@pytest.fixture(scope="module")
def art() -> Art:
    pygame.display.init()
    return Art(PROJECT_ROOT / "assets")


@pytest.mark.parametrize("path, picture", [("city/03-around-the-corner.yaml", "tree"),
                                           ("city/12-ijburg-evening.yaml", "canal")])
def test_the_board_shows_the_scenery_the_story_names(art, path, picture):
    level = load_level(LEVELS / path)
    assert level.scenery == picture
    board = Board(level)
    view = BoardView(art, level.world)
    view.layout((24, 132, 984, 492), board, Viewport((1280, 720)))
    layer = view._ground_layer()
    for cell in board.blocked:
        r = view._prect(cell)
        drawn = layer.subsurface(r).copy()
        want = drawn.copy()  # the named picture drawn again on top changes nothing
        want.blit(art.get(f"tiles/blocked_{level.world}_{picture}", r.size), (0, 0))
        assert pygame.image.tobytes(drawn, "RGBA") == pygame.image.tobytes(want, "RGBA"), cell


def test_the_story_of_city_03_and_its_board_agree():
    level = load_level(LEVELS / "city/03-around-the-corner.yaml")
    assert "tree" in level.story and "tree" in level.hints[0].text
    assert level.scenery == "tree" and "tree" in scenery_pictures("city")


def test_a_scenery_the_world_has_not_is_refused_in_one_line(tmp_path):
    path = tmp_path / "lvl.yaml"
    text = level_text(["{place: solar_panel, at: [3, 1]}"])
    path.write_text(text.replace("blocked: [[0, 3]]\n", "blocked: [[0, 3]]\nscenery: volcano\n"),
                    encoding="utf-8")
    problems = [str(p) for p in inspect_level(path, source="lvl.yaml").problems]
    assert problems == ["lvl.yaml:11: scenery: city has no scenery called 'volcano'; choose one "
                        "of: " + ", ".join(scenery_pictures("city"))]
