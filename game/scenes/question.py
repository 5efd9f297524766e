"""The question of an explore level, answered by picking a picture: no reading needed to answer.

An overlay over the board the pupil just experimented with, so the evidence stays in view.
It also asks a level's prediction (``Prediction``: a part, a number, a place or a picture)
before the first run, with Noor's heading "What do you think will happen?".
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.input import Action, Intent
from game.scenes.base import Scene, handle_card
from game.sim.catalogue import CATALOGUE
from game.sim.model import Level, Prediction, Question
from game.speech import sentences
from game.ui.badges import draw_part_picture
from game.ui.guide_view import draw_bubble, draw_guide, refresh_speaker, speaker_button
from game.ui.predict import PICK_TITLE, choice_name, draw_choice
from game.ui.view import Painter
from game.ui.widgets import Button, ButtonRow

CARD = pygame.Rect(200, 120, 880, 480)
CHOICE = 180
QUESTION_SIZE = 28
#: Noor's bubble on the card: its left edge, width and least height (the card's own offsets)
BUBBLE_X, BUBBLE_W, BUBBLE_H = 190, CARD.width - 300, 140
#: the card's top to the bubble, and the bubble to the pictures; under the pictures, their names
BUBBLE_TOP, BUBBLE_GAP, NAMES_H = 40, 20, 100
#: the card may grow to this height (a long question, a long language, the biggest text size)
CARD_MAX_H = 700


class QuestionScene(Scene):
    opaque = False

    def __init__(self, ctx, question: Question | Prediction, on_answer: Callable[[str], None],
                 level: Level | None = None) -> None:
        super().__init__(ctx)
        self.question = question
        self.level = level  # a prediction's places are drawn on a small map of its board
        self.on_answer = on_answer
        self.row = ButtonRow()
        n = max(1, len(question.choices))
        gap = 40
        x0 = CARD.centerx - (n * CHOICE + (n - 1) * gap) / 2
        for i, kind in enumerate(question.choices):
            self.row.buttons.append(Button(
                pygame.Rect(round(x0 + i * (CHOICE + gap)), CARD.y + 200, CHOICE, CHOICE),
                lambda k=kind: self.pick(k), tooltip=self.name_of(kind)))
        self.row.focus = 0
        self.close = Button(pygame.Rect(CARD.right - 84, CARD.y + 16, 68, 68), ctx.stack.pop,
                            icon="icons/back", tooltip=ctx.gettext("Back"))
        # Beside Noor's bubble, under the back button: hear the question and the choices.
        self.speak = speaker_button(ctx, (CARD.right - 84, CARD.y + 100, 68, 68),
                                    self.read_aloud_text)
        if self.speak is not None:
            self.row.buttons.append(self.speak)
        self.row.buttons.append(self.close)  # Tab reaches it after the choices

    @property
    def predicting(self) -> bool:
        return isinstance(self.question, Prediction)

    def name_of(self, choice) -> str:
        _ = self.ctx.gettext
        if isinstance(self.question, Prediction):
            return choice_name(self.question, choice, self.level, _)
        return _(CATALOGUE[choice].name) if choice in CATALOGUE else str(choice)

    def read_aloud_text(self) -> str:
        """The question, then the name of each picture to choose from."""
        _ = self.ctx.gettext
        names = [self.name_of(k) for k in self.question.choices]
        head = [_(PICK_TITLE)] if self.predicting else []
        return sentences(*head, _(self.question.text), *names)

    def pick(self, kind: str) -> None:
        self.ctx.audio.play("click")
        self.ctx.stack.pop()
        self.on_answer(kind)

    def handle(self, action: Action) -> bool:
        if action.intent in (Intent.POINTER_DOWN, Intent.POINTER_UP) and self.close.hit(action.pos):
            if action.intent == Intent.POINTER_UP:
                self.close.on_click()
            return True
        return handle_card(action, self.row, self.ctx.stack.pop)

    def layout(self, painter: Painter) -> tuple[pygame.Rect, pygame.Rect]:
        """(the card, Noor's bubble) for the texts of now: the bubble is as tall as its title
        and question need at their own size (two or three lines at the biggest text size), the
        pictures go down under it and the card grows around them, staying in the middle of
        the screen. The buttons move with the card."""
        from game.ui.guide_view import TITLE_SIZE

        _ = self.ctx.gettext
        inner = BUBBLE_W - 40
        title = _(PICK_TITLE) if self.predicting else ""
        title_h = painter.measure(title, TITLE_SIZE, bold=True, wrap=inner)[1] if title else 0
        text_h = painter.fit(_(self.question.text), inner, 2000, QUESTION_SIZE).height
        most = CARD_MAX_H - BUBBLE_TOP - BUBBLE_GAP - CHOICE - NAMES_H
        bubble_h = min(most, max(BUBBLE_H, round(14 + title_h + text_h + 4)))
        picks = max(CARD.height - CHOICE - NAMES_H, BUBBLE_TOP + bubble_h + BUBBLE_GAP)
        card = pygame.Rect(CARD.x, 0, CARD.width, picks + CHOICE + NAMES_H)
        card.centery = CARD.centery
        for b in self.row.buttons[:len(self.question.choices)]:
            b.rect.y = card.y + picks
        self.close.rect.topleft = (card.right - 84, card.y + 16)
        if self.speak is not None:
            self.speak.rect.topleft = (card.right - 84, card.y + 100)
        return card, pygame.Rect(card.x + BUBBLE_X, card.y + BUBBLE_TOP, BUBBLE_W, bubble_h)

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        card, bubble = self.layout(painter)
        painter.rect((43, 45, 66, 140), (0, 0, 1280, 720))
        painter.panel(card, fill="paper", radius=28)
        draw_guide(painter, "thinking", (card.x + 24, card.y + 20, 150, 180))
        draw_bubble(painter, bubble, _(PICK_TITLE) if self.predicting else "",
                    _(self.question.text), tail=(card.x + 160, card.y + 100), fill="cream",
                    text_size=QUESTION_SIZE, max_height=bubble.height)
        row = self.row
        for i, (b, kind) in enumerate(zip(row.buttons, self.question.choices, strict=False)):
            b.draw(painter, focused=i == row.focus, hovered=i == row.hover, pressed=i == row.pressed)
            if isinstance(self.question, Prediction):
                draw_choice(painter, self.question, kind, b.rect.inflate(-30, -30), self.level)
            else:
                draw_part_picture(painter, kind, b.rect.inflate(-30, -30))
            painter.text_box(b.tooltip, (b.rect.centerx - 108, b.rect.bottom + 10, 216,
                                         card.bottom - 12 - b.rect.bottom - 10), 24, bold=True,
                             align="midtop", min_size=18)
        if self.speak is not None:
            refresh_speaker(self.speak, self.ctx)
            i = row.buttons.index(self.speak)
            self.speak.draw(painter, focused=row.focus == i, hovered=row.hover == i,
                            pressed=row.pressed == i)
        on_close = row.focus is not None and row.buttons[row.focus] is self.close
        self.close.draw(painter, focused=on_close)
