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
    with their names and descriptions; ``sections`` are (icon, heading, text) blocks under
    them, headings and texts msgids (the four parts of a "Samen ontdekken" card)."""

    opaque = False

    def __init__(self, ctx, title: str, body: str = "", icon: str | None = None,
                 parts: tuple[str, ...] = (), mood: str = "happy",
                 sections: tuple[tuple[str, str, str], ...] = ()) -> None:
        super().__init__(ctx)
        self.title, self.body, self.icon, self.parts, self.mood = title, body, icon, parts, mood
        self.sections = sections
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
        blocks = [sentences(heading, text) for _icon, heading, text in self._blocks()]
        return sentences(_(self.title), *parts, *blocks)

    def close(self) -> None:
        self.ctx.audio.play("click")
        self.ctx.stack.pop()

    def handle(self, action: Action) -> bool:
        return handle_card(action, self.row, self.close)  # nothing reaches the board below

    def _blocks(self) -> list[tuple[str | None, str, str]]:
        """What the card says below its part rows: (icon, heading, text) blocks, translated;
        a plain ``body`` is one block without icon or heading."""
        _ = self.ctx.gettext
        blocks = [(icon, _(heading), _(text)) for icon, heading, text in self.sections if text]
        if self.body:
            blocks.insert(0, (None, "", _(self.body)))
        return blocks

    def _block_height(self, painter: Painter, block: tuple[str | None, str, str],
                      width: float, size: float) -> float:
        icon, heading, text = block
        indent = 68 if icon else 0
        return self._heading_height(painter, heading, width - indent, size) + painter.fit(
            text, width - indent, 600, size + 2 * (not heading), size).height + (
            12 if heading else 0)

    @staticmethod
    def _heading_height(painter: Painter, heading: str, width: float, size: float) -> float:
        """A section heading's line: bold, a little bigger than its text (taller in Arabic,
        with its marks)."""
        if not heading:
            return 0
        return painter.fit(heading, width, 80, size + 2, size + 2, bold=True).height + 2

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        self.row.buttons[0].label = _("OK")
        from game.sim.catalogue import CATALOGUE
        from game.ui.textfit import MIN_BODY

        painter.rect((43, 45, 66, 140), (0, 0, 1280, 720))
        specs = [CATALOGUE[k] for k in self.parts if k in CATALOGUE]
        blocks = self._blocks()

        def need(x: float, width: float, size: float) -> tuple[float, list[int]]:
            """How tall the card must be with its text at ``x`` over ``width``."""
            rows = [max(116, round(painter.fit(_(spec.description), width - 116, 400, 22, 18)
                                   .height) + 60) for spec in specs]
            text_h = sum(self._block_height(painter, b, width, size) for b in blocks)
            return 106 + sum(rows) + text_h + 116, rows

        # The card grows (up to the screen) for a long language at a big text size rather
        # than let the text run out of it: first taller, then Noor steps aside (wide), then
        # the card takes the screen's width, and last a long text (a parent reads it) gets a
        # little smaller, all of it alike.
        card = pygame.Rect(CARD)
        size = 22
        x = CARD.x + 220
        width = CARD.right - 40 - x
        height, rows = need(x, width, size)
        wide = height > 700
        if wide:
            x = CARD.x + 40
            width = CARD.right - 40 - x
            height, rows = need(x, width, size)
        if height > 700:
            card.x, card.width = FULL_CARD.x, FULL_CARD.width
            x, width = card.x + 40, card.width - 80
            height, rows = need(x, width, size)
            while height > 700 and size > WIDE_MIN:
                size -= 1
                height, rows = need(x, width, size)
        if height > card.height:
            card.height = min(700, round(height))
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
        for block in blocks:
            icon, heading, text = block
            block_h = self._block_height(painter, block, width, size)
            tx = x + (68 if icon else 0)
            if icon:
                painter.panel((x, y + 2, 52, 52), fill="tile", radius=12, shadow=2)
                painter.image(icon, (x + 6, y + 8, 40, 40))
            top = y
            if heading:
                head_h = self._heading_height(painter, heading, width - (tx - x), size)
                painter.text_box(heading, (tx, y, width - (tx - x), head_h), size + 2,
                                 bold=True, align="midleft", min_size=size + 2)
                top += head_h
            painter.text_box(text, (tx, top, width - (tx - x), y + block_h - top - (
                12 if heading else 0)), size + 2 * (not heading), align="topleft",
                min_size=min(size, MIN_BODY))
            y += block_h
        refresh_speaker(self.speak, self.ctx)
        self.row.draw(painter)
