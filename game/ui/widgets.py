"""Buttons and keyboard focus: big, friendly targets that mouse, touch and keys all reach."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.input import Action, Intent
from game.ui.view import Painter

MIN_TARGET = 48  # logical pixels: the smallest click target we allow


@dataclass
class Button:
    rect: pygame.Rect  # logical
    on_click: Callable[[], None]
    label: str = ""  # already translated
    icon: str | None = None  # art name, e.g. "icons/undo"
    fill: str = "paper"
    text_color: str = "ink"
    text_size: int = 24
    enabled: bool = True
    tooltip: str = ""  # already translated; shown on hover/focus

    def hit(self, pos: tuple[float, float] | None) -> bool:
        return pos is not None and self.rect.collidepoint(pos)

    def draw(self, painter: Painter, focused: bool = False, hovered: bool = False,
             pressed: bool = False) -> None:
        r = self.rect.move(0, 3 if pressed else 0)
        fill = self.fill if self.enabled else "tile_edge"
        if focused:
            painter.rect("blue", r.inflate(12, 12), 20, 4)
        painter.panel(r, fill=fill, radius=16, shadow=0 if pressed else 5)
        if hovered and self.enabled:
            painter.rect((255, 255, 255, 60), r, 16)
        icon_size = min(r.height - 16, 56)
        if self.icon and self.label:
            painter.image(self.icon, (r.x + 12, r.centery - icon_size / 2, icon_size, icon_size),
                          alpha=255 if self.enabled else 110)
            painter.text(self.label, (r.x + 24 + icon_size, r.centery), self.text_size,
                         self.text_color, bold=True, align="midleft")
        elif self.icon:
            painter.image(self.icon, (r.centerx - icon_size / 2, r.centery - icon_size / 2,
                                      icon_size, icon_size), alpha=255 if self.enabled else 110)
        else:
            painter.text(self.label, r.center, self.text_size, self.text_color, bold=True,
                         align="center")


class ButtonRow:
    """A set of buttons with one keyboard focus; handles pointer and keys the same way."""

    def __init__(self, buttons: list[Button] | None = None) -> None:
        self.buttons: list[Button] = buttons or []
        self.focus: int | None = None
        self.hover: int | None = None
        self.pressed: int | None = None

    def _index_at(self, pos) -> int | None:
        for i, b in enumerate(self.buttons):
            if b.enabled and b.hit(pos):
                return i
        return None

    def move_focus(self, step: int) -> None:
        enabled = [i for i, b in enumerate(self.buttons) if b.enabled]
        if not enabled:
            return
        if self.focus not in enabled:
            self.focus = enabled[0] if step > 0 else enabled[-1]
            return
        k = enabled.index(self.focus)
        self.focus = enabled[(k + step) % len(enabled)]

    def handle(self, action: Action) -> bool:
        it = action.intent
        if it == Intent.POINTER_MOVE:
            self.hover = self._index_at(action.pos)
            return False
        if it == Intent.POINTER_DOWN:
            self.pressed = self._index_at(action.pos)
            return self.pressed is not None
        if it == Intent.POINTER_UP:
            i = self._index_at(action.pos)
            was = self.pressed
            self.pressed = None
            if i is not None and i == was:
                self.buttons[i].on_click()
                return True
            return was is not None
        if it in (Intent.NEXT, Intent.RIGHT, Intent.DOWN):
            self.move_focus(1)
            return True
        if it in (Intent.PREVIOUS, Intent.LEFT, Intent.UP):
            self.move_focus(-1)
            return True
        if it == Intent.SELECT and self.focus is not None and self.buttons[self.focus].enabled:
            self.buttons[self.focus].on_click()
            return True
        return False

    def draw(self, painter: Painter) -> None:
        for i, b in enumerate(self.buttons):
            b.draw(painter, focused=i == self.focus, hovered=i == self.hover,
                   pressed=i == self.pressed)
        shown = self.focus if self.focus is not None else self.hover
        if shown is not None and self.buttons[shown].tooltip:
            draw_tooltip(painter, self.buttons[shown])


def draw_tooltip(painter: Painter, button: Button) -> None:
    w, h = painter.measure(button.tooltip, 20, wrap=360)
    x = min(max(8, button.rect.centerx - w / 2 - 12), 1280 - w - 32)
    y = button.rect.bottom + 10 if button.rect.bottom + h + 30 < 720 else button.rect.top - h - 30
    painter.panel((x, y, w + 24, h + 16), fill="cream", radius=10, shadow=3)
    painter.text(button.tooltip, (x + 12, y + 8), 20, wrap=360)
