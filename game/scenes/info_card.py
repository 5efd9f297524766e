"""A card over the current screen that tells something and closes with one tap or key.

One mechanism for every "read this together" moment: the parents' tip of a level
("Samen ontdekken") and the introduction of a new part.
"""

from __future__ import annotations

import pygame

from game.input import Action, Intent
from game.scenes.base import Scene
from game.speech import sentences
from game.ui.badges import draw_part_picture
from game.ui.guide_view import draw_guide, refresh_speaker, speaker_button
from game.ui.view import Painter
from game.ui.widgets import Button, ButtonRow

CARD = pygame.Rect(170, 90, 940, 540)


class InfoCard(Scene):
    """``title`` and ``body`` are msgids (translated when drawn, so a language switch shows at
    once); ``icon`` is an art name shown beside the title; ``parts`` are part kinds pictured
    with their names and descriptions."""

    opaque = False

    def __init__(self, ctx, title: str, body: str = "", icon: str | None = None,
                 parts: tuple[str, ...] = (), mood: str = "happy") -> None:
        super().__init__(ctx)
        self.title, self.body, self.icon, self.parts, self.mood = title, body, icon, parts, mood
        self.row = ButtonRow([
            Button(pygame.Rect(CARD.centerx - 130, CARD.bottom - 96, 260, 72), self.close,
                   label=ctx.gettext("OK"), icon="icons/check", fill="green",
                   text_color="white", text_size=28),
        ])
        self.row.focus = 0
        # Under the guide: hear the card (a pupil who cannot read yet, a parent).
        self.speak = speaker_button(ctx, (CARD.x + 73, CARD.y + 252, 72, 72), self.read_aloud_text)
        if self.speak is not None:
            self.row.buttons.append(self.speak)

    def read_aloud_text(self) -> str:
        """The whole card: its title, each new part with what it does, and the text."""
        _ = self.ctx.gettext
        from game.sim.parts import CATALOGUE

        parts = [sentences(_(CATALOGUE[k].name), _(CATALOGUE[k].description))
                 for k in self.parts if k in CATALOGUE]
        return sentences(_(self.title), *parts, _(self.body))

    def close(self) -> None:
        self.ctx.audio.play("click")
        self.ctx.stack.pop()

    def handle(self, action: Action) -> bool:
        if action.intent in (Intent.QUIT, Intent.FULLSCREEN, Intent.MUTE):
            return False
        if action.intent == Intent.BACK:
            self.close()
            return True
        self.row.handle(action)
        return True  # the card is modal: nothing reaches the board below it

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        self.row.buttons[0].label = _("OK")
        painter.rect((43, 45, 66, 140), (0, 0, 1280, 720))
        painter.panel(CARD, fill="paper", radius=28)
        draw_guide(painter, self.mood, (CARD.x + 24, CARD.y + 24, 170, 212))
        x = CARD.x + 220
        width = CARD.right - 40 - x
        if self.icon:
            painter.image(self.icon, (x, CARD.y + 30, 56, 56))
            painter.text(_(self.title), (x + 72, CARD.y + 58), 34, bold=True, align="midleft")
        else:
            painter.text(_(self.title), (x, CARD.y + 32), 34, bold=True)
        y = CARD.y + 106
        for kind in self.parts:
            from game.sim.parts import CATALOGUE

            spec = CATALOGUE[kind]
            painter.panel((x, y, 96, 96), fill="tile", radius=16, shadow=3)
            draw_part_picture(painter, kind, pygame.Rect(x + 8, y + 8, 80, 80))
            painter.text(_(spec.name), (x + 116, y + 8), 28, bold=True)
            painter.text(_(spec.description), (x + 116, y + 48), 22, "ink_soft", wrap=width - 116)
            y += 116
        if self.body:
            room = CARD.bottom - 116 - y
            size = 24
            while size > 18 and painter.measure(_(self.body), size, wrap=width)[1] > room:
                size -= 1
            painter.text(_(self.body), (x, y), size, wrap=width)
        refresh_speaker(self.speak, self.ctx)
        self.row.draw(painter)
