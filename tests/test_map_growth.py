"""The map's places grow as the pupil solves their world's levels.

Each playable world's badge gets its growth layers (levels/worlds.yaml, art in assets/map/grow/)
one by one: a quarter of the world's levels solved shows the first, every level solved the
last. The progress is read from a real progress store, filled through its own API.
"""

from __future__ import annotations

import pygame
import pytest

from game.progress.store import JsonProgressStore
from game.scenes.world_map import WorldMapScene
from game.scenes.worlds import completes_world, growth_step, places, solved_count
from game.ui.view import Painter
from tests.scene_gallery import gallery_app, show

GROWING = [p for p in places() if p.playable]


@pytest.mark.parametrize(("solved", "total", "step"), [
    (0, 16, 0), (3, 16, 0), (4, 16, 1), (7, 16, 1), (8, 16, 2), (11, 16, 2), (12, 16, 3),
    (15, 16, 3), (16, 16, 4), (0, 13, 0), (4, 13, 1), (7, 13, 2), (10, 13, 3), (12, 13, 3),
    (13, 13, 4), (20, 13, 4), (0, 0, 0)])
def test_growth_step_follows_the_part_solved(solved, total, step):
    assert growth_step(solved, total) == step


def test_the_last_layer_only_when_every_level_is_solved():
    for total in range(1, 40):
        assert [growth_step(k, total) for k in range(total + 1)].count(4) == 1
        steps = [growth_step(k, total) for k in range(total + 1)]
        assert steps == sorted(steps)  # solving more never takes a layer away


def test_every_growing_world_has_its_art_and_words():
    from game import PROJECT_ROOT

    assert GROWING, "no playable world on the map"
    for place in GROWING:
        assert len(place.growth) == 4, place.world
        for layer in place.growth:
            assert (PROJECT_ROOT / "assets" / f"{layer}.svg").is_file(), layer
        assert place.finale, place.world
    assert sum(p.first for p in places()) == 1  # one place has the focus when the map opens


def test_no_world_is_named_in_the_map_or_the_celebration():
    from game import PROJECT_ROOT

    for name in ("world_map.py", "celebration.py"):
        text = (PROJECT_ROOT / "game" / "scenes" / name).read_text()
        for place in places():
            assert f'"{place.world}"' not in text, (name, place.world)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from game.clock import ManualTime

    app = gallery_app(tmp_path_factory.mktemp("growth") / "data", ManualTime())
    yield app
    app.close()


def solved_store(folder, levels, count: int) -> JsonProgressStore:
    """A guest's progress with the first ``count`` of ``levels`` solved (through the API)."""
    store = JsonProgressStore(folder)
    for level in levels[:count]:
        store.record_result(level.id, 2, True, 3, 0)
    return JsonProgressStore(folder)  # read back from the file


def drawn_layers(app, monkeypatch) -> list[str]:
    """The growth layers the map draws in one whole frame."""
    names: list[str] = []
    image = Painter.image

    def spy(self, name, *args, **kwargs):
        names.append(name)
        return image(self, name, *args, **kwargs)

    monkeypatch.setattr(Painter, "image", spy)
    app.step_frame()
    monkeypatch.setattr(Painter, "image", image)
    return [n for n in names if n.startswith("map/grow/")]


@pytest.mark.parametrize("place", GROWING, ids=lambda p: p.world)
def test_the_map_shows_the_layers_of_the_solved_count(app, tmp_path, monkeypatch, place):
    levels = app.ctx.levels.world(place.world)
    total = len(levels)
    # none, just under a quarter, a quarter, half, three quarters, all but one, all
    counts = sorted({0, total // 4 - 1 if total >= 8 else 0, -(-total // 4), -(-total // 2),
                     -(-3 * total // 4), total - 1, total})
    pictures = {}
    monkeypatch.setattr(app.ctx.settings, "reduce_motion", True)  # the badges hold still
    for k in counts:
        show(app, "world_map")
        app.ctx.store = solved_store(tmp_path / f"p{k}", levels, k)
        scene = app.ctx.stack.top
        assert isinstance(scene, WorldMapScene)
        assert solved_count(app.ctx.store, app.ctx.levels, place.world) == (k, total)
        step = growth_step(k, total)
        assert scene.growth(place) == step
        assert [n for n in drawn_layers(app, monkeypatch)
                if n.startswith(f"map/grow/{place.world}")] == list(place.growth[:step])
        x, y = place.pos
        r = round(app.view.scale * 64)  # the badge alone (its label is beside it)
        centre = app.view.point((x, y))
        pictures[step] = pygame.image.tobytes(app.surface.subsurface(
            pygame.Rect(centre[0] - r, centre[1] - r, 2 * r, 2 * r)), "RGB")
    assert set(pictures) == {0, 1, 2, 3, 4}
    assert len(set(pictures.values())) == 5  # each step looks different on the map


def test_completes_world_is_true_once_for_the_last_unsolved_level(app, tmp_path):
    levels = app.ctx.levels.world(GROWING[0].world)
    last, others = levels[-1], levels[:-1]
    store = solved_store(tmp_path / "a", others, len(others))
    assert completes_world(store, app.ctx.levels, last)
    assert not completes_world(store, app.ctx.levels, others[0])  # solved already
    store.record_result(last.id, 3, True, 3, 0)
    assert not completes_world(store, app.ctx.levels, last)  # played again: no second party
    fresh = solved_store(tmp_path / "b", levels[1:-1], len(levels) - 2)
    assert not completes_world(fresh, app.ctx.levels, last)  # the first one is still open
    assert not completes_world(None, app.ctx.levels, last)
