"""The SVG pictures are kept at the sizes drawn; past the limit the one drawn longest ago is
dropped (never all at once: dropping everything made the next frame render every picture
again, a visible hitch)."""

from __future__ import annotations

import pygame

from game import PROJECT_ROOT
from game.ui.art import Art


def test_the_picture_drawn_longest_ago_goes_first(monkeypatch):
    rendered: list[tuple[str, tuple[int, int]]] = []
    real = pygame.image.load_sized_svg

    def counting(path, size):
        rendered.append((path.rsplit("/", 1)[-1], tuple(size)))
        return real(path, size)

    monkeypatch.setattr(pygame.image, "load_sized_svg", counting)
    art = Art(PROJECT_ROOT / "assets", max_items=3)
    for size in ((10, 10), (20, 20), (30, 30)):
        art.get("parts/house", size)
    art.get("parts/house", (10, 10))  # drawn again: now the newest
    art.get("parts/house", (40, 40))  # one too many: (20, 20) is the oldest and goes
    assert len(rendered) == 4
    art.get("parts/house", (10, 10))
    art.get("parts/house", (30, 30))
    assert len(rendered) == 4  # still kept
    art.get("parts/house", (20, 20))
    assert rendered[-1] == ("house.svg", (20, 20))  # rendered again
    assert len(art._cache) == 3


def test_a_turned_picture_is_made_from_the_kept_upright_one(monkeypatch):
    rendered: list[str] = []
    real = pygame.image.load_sized_svg
    monkeypatch.setattr(pygame.image, "load_sized_svg",
                        lambda path, size: rendered.append(path) or real(path, size))
    art = Art(PROJECT_ROOT / "assets")
    upright = art.get("parts/pipe_corner", (32, 32))
    turned = art.get("parts/pipe_corner", (32, 32), rotation=1)
    assert len(rendered) == 1 and turned is not upright and turned.get_size() == (32, 32)
    assert art.get("parts/pipe_corner", (32, 32), rotation=5) is turned  # 5 quarter turns = 1


def test_a_faded_picture_is_kept_and_looks_as_one_faded_each_time():
    art = Art(PROJECT_ROOT / "assets")
    faded = art.faded("ui/title", (320, 180), 0, 110)
    assert art.faded("ui/title", (320, 180), 0, 110) is faded  # not copied again
    assert faded.get_alpha() == 110 and art.get("ui/title", (320, 180)).get_alpha() in (None, 255)
    assert art.faded("ui/title", (320, 180), 0, 60).get_alpha() == 60
