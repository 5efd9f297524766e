"""Keyboard helpers for the focus and click-target tests: press keys through the real App,
walk the focus with Tab, and find the Button behind a target (to watch it being pressed)."""

from __future__ import annotations

import pygame

from game.scenes.base import Scene
from game.ui.widgets import Button, ButtonRow
from tests.play_helpers import post_key


def press(app, key: int, mod: int = 0, times: int = 1, draw: bool = True) -> None:
    """``times`` key presses, handled in one frame (the game time does not move); without
    ``draw`` the frame is not drawn (a press whose picture nobody looks at)."""
    for _ in range(times):
        post_key(key, mod)
    app.step_frame(draw=draw)


def tab_through(app, scene: Scene, limit: int = 300, draw: bool = True) -> list[str | None]:
    """Press Tab until the focus is back on the first stop it reached (at most ``limit``
    times); the stops it was on, in order, starting with the one before the first Tab.
    Without ``draw`` the frames between are not drawn."""
    seen = [scene.focus_stop()]
    for _ in range(limit):
        press(app, pygame.K_TAB, draw=draw)
        assert app.ctx.stack.top is scene, f"Tab left {type(scene).__name__}"
        stop = scene.focus_stop()
        if len(seen) > 1 and stop == seen[1]:
            break
        seen.append(stop)
    return seen


def buttons_of(scene: Scene) -> list[Button]:
    """Every Button the scene holds: in rows, dicts, lists and plain attributes."""
    found: list[Button] = []

    def take(value) -> None:
        if isinstance(value, Button):
            found.append(value)
        elif isinstance(value, ButtonRow):
            found.extend(value.buttons)
        elif isinstance(value, dict):
            for v in value.values():
                take(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                take(v)

    for value in vars(scene).values():
        take(value)
    return found
