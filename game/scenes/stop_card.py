""""Stop playing?": a friendly card before the game closes from its own Stop button, so one
stray tap on the cross does not end a lesson. Enter (or Yes) stops, Esc (or No) plays on.

The window's own close button (and a PC shutting down) still ends the game at once: that is
what a window's close means everywhere, and progress is saved as it is made.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.input import Action, Intent
from game.scenes.base import Scene
from game.speech import sentences
from game.ui.guide_view import draw_guide
from game.ui.view import Painter
from game.ui.widgets import Button, ButtonRow

CARD = pygame.Rect(290, 170, 700, 380)
QUESTION = pygame.Rect(CARD.x + 200, CARD.y + 40, CARD.width - 240, 110)
SAVED = pygame.Rect(CARD.x + 200, CARD.y + 156, CARD.width - 240, 70)
BUTTON_Y = CARD.bottom - 120


class StopCard(Scene):
    """Over the title: Noor asks whether to stop. ``on_yes`` ends the game."""

    opaque = False

    def __init__(self, ctx, on_yes: Callable[[], None]) -> None:
        super().__init__(ctx)
        self.on_yes = on_yes
        self.row = ButtonRow()

    def enter(self) -> None:
        _ = self.ctx.gettext
        focus = self.row.focus
        self.row.buttons = [
            # TRANSLATORS: the answer to "Stop playing?": yes, close the game
            Button(pygame.Rect(CARD.x + 60, BUTTON_Y, 270, 88), self.yes, label=_("Yes"),
                   icon="icons/cross", fill="paper", text_size=32),
            # TRANSLATORS: the answer to "Stop playing?": no, go on playing
            Button(pygame.Rect(CARD.right - 330, BUTTON_Y, 270, 88), self.no, label=_("No"),
                   icon="icons/play", fill="yellow", text_size=32),
        ]
        self.row.focus = 0 if focus is None else focus  # Enter confirms, Esc plays on

    def question(self) -> str:
        return self.ctx.gettext("Stop playing?")

    def saved_note(self) -> str:
        return self.ctx.gettext("Your work is saved.")

    def read_aloud_text(self) -> str:
        return sentences(self.question(), self.saved_note())

    def yes(self) -> None:
        self.ctx.stack.pop()
        self.on_yes()

    def no(self) -> None:
        self.ctx.stack.pop()

    def handle(self, action: Action) -> bool:
        if action.intent == Intent.BACK:
            self.no()
            return True
        if action.intent in (Intent.QUIT, Intent.FULLSCREEN, Intent.MUTE, Intent.SPEAK):
            return False
        self.row.handle(action)
        return True  # the title under the card waits

    def idle_motion(self) -> float | None:
        return 0.0  # nothing on the card moves by itself

    def draw(self, painter: Painter) -> None:
        painter.rect((43, 45, 66, 150), (0, 0, 1280, 720))
        painter.panel(CARD, fill="paper", radius=28)
        draw_guide(painter, "thinking", (CARD.x + 30, CARD.y + 40, 150, 190))
        painter.text_box(self.question(), QUESTION, 44, bold=True, align="midleft",
                         min_size=24)
        painter.text_box(self.saved_note(), SAVED, 26, align="topleft", min_size=18)
        self.row.draw(painter)
