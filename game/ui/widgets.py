"""Buttons and keyboard focus: big, friendly targets that mouse, touch and keys all reach."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.input import Action, Intent
from game.ui.theme import luminance, readable
from game.ui.view import Painter, color

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
    #: logical pixels at the right kept free of the label (for a switch or key caps drawn there)
    label_room: int = 0
    #: icon and label as one group in the middle (a big call to action) instead of at the left
    centred: bool = False

    def hit(self, pos: tuple[float, float] | None) -> bool:
        return pos is not None and self.rect.collidepoint(pos)

    def width_for(self, painter: Painter) -> float:
        """The width at which this button shows its label on one line at its own size, beside
        its full-size icon: for screens that size a button to its words (a long language, a
        big text size)."""
        w, _h = painter.measure(self.label, self.text_size, True)
        if self.icon and self.label:
            return 16 + min(self.rect.height - 16, 56) + w + 8 + self.label_room + 4
        return w + 20 + self.label_room + 4

    def draw(self, painter: Painter, focused: bool = False, hovered: bool = False,
             pressed: bool = False) -> None:
        r = self.rect.move(0, 3 if pressed else 0)
        fill = self.fill if self.enabled else "tile_edge"
        text_color = self.text_color
        if self.label and isinstance(fill, str) and isinstance(text_color, str):
            # words on the button read at any size (4.5:1): a green button with white words
            # is drawn a shade deeper (theme.readable)
            text_color, fill = readable(text_color, fill)
        if focused:
            draw_focus(painter, r, 16)
        painter.panel(r, fill=fill, radius=16, shadow=0 if pressed else 5)
        if hovered and self.enabled:  # lighter under dark words, darker under white ones
            light = luminance(color(text_color)) > 0.5
            painter.rect((0, 0, 0, 40) if light else (255, 255, 255, 60), r, 16)
        icon_size = min(r.height - 16, 56)
        if self.icon and self.label:
            room = r.right - 8 - self.label_room - (r.x + 16 + icon_size)
            if icon_size > 32 and not painter.fit(self.label, room, r.height - 8, self.text_size,
                                                  16, True).fits:
                icon_size = 32  # a long label (a long language, a big size): a smaller icon
            shift = 0.0
            if self.centred:
                fit = painter.fit(self.label, room, r.height - 8, self.text_size, 16, True)
                shift = max(0.0, (room - fit.width) / 2 - 8)
            painter.image(self.icon, (r.x + 12 + shift, r.centery - icon_size / 2, icon_size,
                                      icon_size), alpha=255 if self.enabled else 110)
            left = r.x + 16 + icon_size + shift
            painter.text_box(self.label, (left, r.y + 4, r.right - 8 - self.label_room - left,
                                          r.height - 8),
                             self.text_size, text_color, bold=True, align="midleft")
        elif self.icon:
            painter.image(self.icon, (r.centerx - icon_size / 2, r.centery - icon_size / 2,
                                      icon_size, icon_size), alpha=255 if self.enabled else 110)
        else:
            box = r.inflate(-20, -8)
            box.width -= self.label_room
            painter.text_box(self.label, box, self.text_size, text_color, bold=True,
                             align="center")


def draw_focus(painter: Painter, rect, radius: float = 16) -> None:
    """The keyboard focus: a blue ring with a white rim, visible on light and dark backdrops."""
    r = pygame.Rect(rect)
    painter.rect("white", r.inflate(20, 20), radius + 10, 4)
    painter.rect("blue", r.inflate(12, 12), radius + 6, 5)


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
    y = max(8, min(y, 712 - h - 16))  # a tall tooltip (a long language) stays on the screen
    painter.panel((x, y, w + 24, h + 16), fill="cream", radius=10, shadow=3)
    painter.text_box(button.tooltip, (x + 12, y + 8, w, h), 20, align="topleft", min_size=20)


def reading_seconds(text: str, least: float = 3.0) -> float:
    """How long a message that goes away by itself stays: long enough for a slow reader (a
    child in groep 3, a pupil with dyslexia) to read it, about 0.6 s a word, at least ``least``."""
    return max(least, 1.0 + 0.6 * len(text.split()))


class Toast:
    """A short, friendly message at the bottom of the screen that fades away by itself.

    Used for gentle feedback ("this place is coming soon") that needs no button to close.
    """

    def __init__(self, seconds: float = 3.0) -> None:
        self.seconds = seconds
        self.text = ""
        self.icon: str | None = None
        self.left = 0.0

    def show(self, text: str, icon: str | None = None) -> None:
        self.text, self.icon, self.left = text, icon, reading_seconds(text, self.seconds)

    @property
    def visible(self) -> bool:
        return self.left > 0 and bool(self.text)

    def update(self, dt: float) -> None:
        self.left = max(0.0, self.left - dt)

    def draw(self, painter: Painter, bottom: float = 700, center: float = 640,
             wrap: float = 760) -> None:
        if not self.visible:
            return
        icon = 72 if self.icon else 0
        w, h = painter.measure(self.text, 26, bold=True, wrap=wrap)
        box_w = w + icon + 56
        box_h = max(h, icon) + 32
        x = min(max(8, center - box_w / 2), 1272 - box_w)
        y = bottom - box_h
        painter.panel((x, y, box_w, box_h), fill="cream", radius=20)
        if self.icon:
            painter.image(self.icon, (x + 20, y + (box_h - icon) / 2, icon, icon))
        painter.text_box(self.text, (x + 28 + icon, y + 16, w, box_h - 32), 26, bold=True,
                         align="midleft", min_size=20)
