"""A card over the current screen that tells something and closes with one tap or key.

One mechanism for every "read this together" moment: the parents' tip of a level
("Samen ontdekken") and the introduction of a new part.
"""

from __future__ import annotations

import pygame

from game.input import Action
from game.scenes.base import Scene, handle_card
from game.speech import sentences
from game.ui.badges import draw_part_picture
from game.ui.guide_view import draw_guide, refresh_speaker, speaker_button
from game.ui.view import Painter
from game.ui.widgets import Button, ButtonRow

CARD = pygame.Rect(170, 90, 940, 540)
#: the card for a text too long for CARD even as tall as the screen (a long parents' tip in a
#: long language at the biggest text size): as wide as the screen allows
FULL_CARD = pygame.Rect(40, 90, 1200, 540)
#: the smallest size of such a text, when even the widest card is too small at MIN_BODY: at
#: the biggest text size it is still as big as a normal text at the normal size (24)
WIDE_MIN = 18


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
        from game.sim.catalogue import CATALOGUE

        parts = [sentences(_(CATALOGUE[k].name), _(CATALOGUE[k].description))
                 for k in self.parts if k in CATALOGUE]
        return sentences(_(self.title), *parts, _(self.body))

    def close(self) -> None:
        self.ctx.audio.play("click")
        self.ctx.stack.pop()

    def handle(self, action: Action) -> bool:
        return handle_card(action, self.row, self.close)  # nothing reaches the board below

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        self.row.buttons[0].label = _("OK")
        from game.sim.catalogue import CATALOGUE
        from game.ui.textfit import MIN_BODY

        painter.rect((43, 45, 66, 140), (0, 0, 1280, 720))
        x = CARD.x + 220
        width = CARD.right - 40 - x
        # How tall each part's row and the text need: the card grows (up to the screen) for
        # a long language at a big text size rather than let the text run out of it.
        specs = [CATALOGUE[k] for k in self.parts if k in CATALOGUE]
        rows = [max(116, round(painter.fit(_(spec.description), width - 116, 400, 22, 18)
                               .height) + 60) for spec in specs]
        body = _(self.body) if self.body else ""
        body_h = painter.fit(body, width, 600, 24, MIN_BODY).height if body else 0
        need = 106 + sum(rows) + body_h + 116
        wide = need > 700  # too long even on a card as tall as the screen: Noor steps aside
        card = pygame.Rect(CARD)
        floor = MIN_BODY
        if wide:
            x = CARD.x + 40
            width = CARD.right - 40 - x
            body_h = painter.fit(body, width, 600, 24, MIN_BODY).height
            need = 106 + sum(rows) + body_h + 116
        if need > 700:  # still too long: the card takes the screen's width
            card.x, card.width = FULL_CARD.x, FULL_CARD.width
            x, width = card.x + 40, card.width - 80
            body_h = painter.fit(body, width, 600, 24, MIN_BODY).height
            need = 106 + sum(rows) + body_h + 116
            if need > 700:  # and a long tip (a parent reads it) may get a little smaller
                floor = WIDE_MIN
        if need > card.height:
            card.height = min(700, need)
            card.centery = CARD.centery
            card.top = max(10, card.top)
        ok = self.row.buttons[0]
        ok.rect.bottom = card.bottom - 24
        if self.speak is not None:
            self.speak.rect.topleft = ((card.right - 96, card.y + 18) if wide
                                       else (CARD.x + 73, card.y + 252))
        painter.panel(card, fill="paper", radius=28)
        if not wide:
            draw_guide(painter, self.mood, (card.x + 24, card.y + 24, 170, 212))
        if self.icon:
            painter.image(self.icon, (x, card.y + 30, 56, 56))
            painter.text_box(_(self.title), (x + 72, card.y + 22, width - 72 - 80 * wide, 72),
                             34, bold=True, align="midleft", min_size=24)
        else:
            painter.text_box(_(self.title), (x, card.y + 22, width - 80 * wide, 72), 34, bold=True,
                             align="midleft", min_size=24)
        y = card.y + 106
        for spec, row_h in zip(specs, rows, strict=True):
            painter.panel((x, y, 96, 96), fill="tile", radius=16, shadow=3)
            draw_part_picture(painter, spec.kind, pygame.Rect(x + 8, y + 8, 80, 80))
            painter.text_box(_(spec.name), (x + 116, y + 4, width - 116, 44), 28, bold=True,
                             align="midleft", min_size=20)
            painter.text_box(_(spec.description), (x + 116, y + 52, width - 116, row_h - 60), 22,
                             "ink_soft", align="topleft", min_size=18)
            y += row_h
        if body:
            painter.text_box(body, (x, y, width, ok.rect.top - 12 - y), 24, align="topleft",
                             min_size=floor)
        refresh_speaker(self.speak, self.ctx)
        self.row.draw(painter)
