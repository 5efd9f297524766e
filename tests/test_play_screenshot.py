"""Headless pictures of the play screen (the --screenshot command uses this)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
from play_helpers import street_level  # noqa: E402

from game.screenshot import render_level  # noqa: E402


def test_render_level_edit_and_solved(tmp_path) -> None:
    for solved in (False, True):
        out = tmp_path / f"shot_{solved}.png"
        render_level(street_level(), out, solved=solved, size=(1366, 768))
        picture = pygame.image.load(str(out))
        assert picture.get_size() == (1366, 768)
