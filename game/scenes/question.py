"""The question of an explore level, answered by picking a picture: no reading needed to answer.

An overlay over the board the pupil just experimented with, so the evidence stays in view.
It also asks a level's prediction (``Prediction``: a part, a number, a place or a picture)
before the first run, with Noor's heading "What do you think will happen?"; a ``table``
prediction is filled in on :class:`TableQuestionScene` (a truth table's outputs, row by row).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.input import Action, Intent
from game.scenes.base import Scene, handle_card
from game.sim.catalogue import CATALOGUE
from game.sim.model import Level, Prediction, Question, table_guess_done
from game.sim.parts import N_
from game.speech import sentences
from game.ui.badges import draw_part_picture
from game.ui.guide_view import draw_bubble, draw_guide, refresh_speaker, speaker_button
from game.ui.predict import (
    PICK_TITLE,
    choice_name,
    draw_arrow,
    draw_choice,
    draw_input,
    draw_output,
    empty_guess,
    row_words,
    table_kinds,
)
from game.ui.view import Painter
from game.ui.widgets import Button, ButtonRow, draw_focus

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
        self._draw_speak_and_close(painter, row)

    def _draw_speak_and_close(self, painter: Painter, row) -> None:
        """The speaker (when Noor reads aloud) and the close button, over the card."""
        if self.speak is not None:
            refresh_speaker(self.speak, self.ctx)
            i = row.buttons.index(self.speak)
            self.speak.draw(painter, focused=row.focus == i, hovered=row.hover == i,
                            pressed=row.pressed == i)
        on_close = row.focus is not None and row.buttons[row.focus] is self.close
        self.close.draw(painter, focused=on_close)


#: a filled-in table's cells: at most this big (logical pixels), and at least
TABLE_CELL, TABLE_CELL_MIN = 96, 48
#: an output cell is wider than tall (the picture, and the lit or dark dot beside it)
OUT_WIDE = 1.5
#: the confirm button beside the table
DONE_W, DONE_H = 220, 84
#: Noor's bubble when the pupil tries to go on with a row not filled in
FILL_ALL = N_("Fill in every row first: tap each empty box.")


class TableQuestionScene(QuestionScene):
    """A ``table`` prediction: the pupil fills in the outputs of the level's truth table
    (each row: the bell rings or stays quiet, the lamp on or off, the door open or shut)
    before the first run. Each output cell is a big button: a tap (Space, Enter) turns it on,
    the next off, and so on; the arrows move between rows; Done (or T) goes on once every
    cell is filled in. The inputs show each row's buttons and sensors, on or off; the
    columns run from the end of the line on a right-to-left screen (the scene is mirrored)."""

    def __init__(self, ctx, question: Prediction, on_answer: Callable[[object], None],
                 level: Level) -> None:
        super().__init__(ctx, question, on_answer, level)
        self.guess: list[list[bool | None]] = [list(r) for r in empty_guess(level)]
        self.missing = False  # Done was pressed with a cell still empty: they are ringed
        self.ins, self.outs = table_kinds(level)
        self.cells: list[Button] = []
        for k in range(len(self.guess)):
            for j in range(len(self.outs)):
                self.cells.append(Button(pygame.Rect(0, 0, TABLE_CELL, TABLE_CELL),
                                         lambda k=k, j=j: self.toggle(k, j)))
        _ = ctx.gettext
        self.done = Button(pygame.Rect(0, 0, DONE_W, DONE_H), self.confirm, label=_("Done"),
                           icon="icons/check", fill="green", text_color="white", text_size=30)
        # Tab order: the cells row by row, Done, the speaker, Back
        self.row.buttons[:0] = [*self.cells, self.done]
        self.row.focus = 0

    @property
    def predicting(self) -> bool:
        return True

    # --- filling in -------------------------------------------------------------------------
    def toggle(self, row: int, out: int) -> None:
        """Empty -> on -> off -> on ...: the first tap shows the output at work."""
        now = self.guess[row][out]
        self.guess[row][out] = True if now is None else not now
        self.ctx.audio.play("click")

    def filled(self) -> tuple[tuple[bool | None, ...], ...]:
        return tuple(tuple(r) for r in self.guess)

    def confirm(self) -> None:
        guess = self.filled()
        if table_guess_done(guess):
            self.ctx.audio.play("click")
            self.ctx.stack.pop()
            self.on_answer(guess)
            return
        self.missing = True  # ring the empty cells, Noor says so, the focus goes to the first
        self.ctx.audio.play("not_yet")
        first = next(i for i, c in enumerate(self.cells)
                     if self.guess[i // len(self.outs)][i % len(self.outs)] is None)
        self.row.focus = first

    def read_aloud_text(self) -> str:
        """The question, then each row: its inputs and what the pupil filled in."""
        _ = self.ctx.gettext
        rows = [row_words(self.level, k, outs, _) for k, outs in enumerate(self.guess)]
        ask = _(FILL_ALL) if self.missing else _(self.question.text)
        return sentences(_(PICK_TITLE), ask, *rows)

    def handle(self, action: Action) -> bool:
        it = action.intent
        focus = self.row.focus
        n = len(self.outs)
        if it == Intent.TEST:
            self.confirm()
            return True
        cells = len(self.cells)
        if it in (Intent.UP, Intent.DOWN) and focus is not None and focus <= cells:
            # the arrows go down and up the rows; Done is under the last row
            if focus == cells:
                if it == Intent.UP:
                    self.row.focus = cells - n
                return True
            target = min(focus + (n if it == Intent.DOWN else -n), cells)
            if target >= 0:
                self.row.focus = target
            return True
        return super().handle(action)

    # --- layout -------------------------------------------------------------------------------
    def table_layout(self, painter: Painter) -> tuple[pygame.Rect, pygame.Rect, float,
                                                          float, float]:
        """(card, bubble, the cell size, the table's left and top): the table goes under Noor
        and her bubble, its cells as big as the card's height allows for its rows; the card
        grows round it (never over CARD_MAX_H) and stays in the middle of the screen."""
        from game.ui.guide_view import TITLE_SIZE

        _ = self.ctx.gettext
        inner = BUBBLE_W - 40
        text = _(FILL_ALL) if self.missing else _(self.question.text)
        title_h = painter.measure(_(PICK_TITLE), TITLE_SIZE, bold=True, wrap=inner)[1]
        text_h = painter.fit(text, inner, 2000, QUESTION_SIZE).height
        lines = len(self.guess) + 1
        bubble_h = min(CARD_MAX_H - BUBBLE_TOP - BUBBLE_GAP - 24 - lines * TABLE_CELL_MIN,
                       max(BUBBLE_H, round(14 + title_h + text_h + 4)))
        top = max(BUBBLE_TOP + bubble_h, 200) + BUBBLE_GAP  # under Noor's picture too
        cell = max(TABLE_CELL_MIN, min(TABLE_CELL, (CARD_MAX_H - top - 24) // lines))
        card_h = max(CARD.height, round(top + lines * cell + 24))
        card = pygame.Rect(CARD.x, 0, CARD.width, card_h)
        card.centery = CARD.centery
        width = self.table_width(cell)
        left = card.centerx - (width + 40 + DONE_W) / 2
        ytop = card.y + top
        # the buttons: each output cell, Done at the bottom beside the table
        for i, b in enumerate(self.cells):
            k, j = divmod(i, len(self.outs))
            b.rect = self.cell_rect(left, ytop, cell, k + 1, j)
        self.done.rect = pygame.Rect(round(left + width + 40), 0, DONE_W, DONE_H)
        self.done.rect.bottom = round(ytop + lines * cell)
        self.close.rect.topleft = (card.right - 84, card.y + 16)
        if self.speak is not None:
            self.speak.rect.topleft = (card.right - 84, card.y + 100)
        bubble = pygame.Rect(card.x + BUBBLE_X, card.y + BUBBLE_TOP, BUBBLE_W, bubble_h)
        return card, bubble, cell, left, ytop

    def table_width(self, cell: float) -> float:
        return cell * (len(self.ins) + 0.7 + OUT_WIDE * len(self.outs))

    def cell_rect(self, left: float, top: float, cell: float, line: int, out: int
                  ) -> pygame.Rect:
        """The grid box of an output of line ``line`` (0: the heading): a tap anywhere in it
        counts; its card is drawn a little inside."""
        x = left + cell * (len(self.ins) + 0.7 + OUT_WIDE * out)
        return pygame.Rect(round(x), round(top + line * cell), round(cell * OUT_WIDE),
                           round(cell))

    def layout(self, painter: Painter) -> tuple[pygame.Rect, pygame.Rect]:
        card, bubble, *_rest = self.table_layout(painter)
        return card, bubble

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        card, bubble, cell, left, top = self.table_layout(painter)
        painter.rect((43, 45, 66, 140), (0, 0, 1280, 720))
        painter.panel(card, fill="paper", radius=28)
        draw_guide(painter, "thinking", (card.x + 24, card.y + 20, 150, 180))
        draw_bubble(painter, bubble, _(PICK_TITLE),
                    _(FILL_ALL) if self.missing else _(self.question.text),
                    tail=(card.x + 160, card.y + 100), fill="cream", text_size=QUESTION_SIZE,
                    max_height=bubble.height)
        width = self.table_width(cell)
        lines = len(self.guess) + 1
        painter.panel((left - 10, top - 6, width + 20, lines * cell + 12), fill="white",
                      radius=18, shadow=3)
        painter.rect("cream", (left - 6, top - 2, width + 12, cell), 14)  # the heading
        for i, kind in enumerate(self.ins):
            box = pygame.Rect(round(left + i * cell), round(top), round(cell), round(cell))
            if kind:
                draw_part_picture(painter, kind, box.inflate(-cell * 0.16, -cell * 0.16))
        arrow_x = left + cell * (len(self.ins) + 0.35)
        draw_arrow(painter, (arrow_x, top + cell / 2), cell)
        for j, kind in enumerate(self.outs):
            box = self.cell_rect(left, top, cell, 0, j).inflate(-8, -8)
            side = min(box.width, box.height)
            if kind:
                draw_part_picture(painter, kind, (box.centerx - side / 2, box.y, side, side))
        row = self.row
        for k, table_row in enumerate(self.level.table.rows):
            y = top + (k + 1) * cell
            if k % 2:  # every other row a soft band, so the eye follows a row across
                painter.rect("cream", (left - 6, y, width + 12, cell), 10)
            for i, on in enumerate(table_row.inputs):
                draw_input(painter, self.ins[i], on,
                           (left + i * cell + 3, y + 3, cell - 6, cell - 6))
            draw_arrow(painter, (arrow_x, y + cell / 2), cell * 0.8)
        for i, b in enumerate(self.cells):
            k, j = divmod(i, len(self.outs))
            focused, hovered, pressed = i == row.focus, i == row.hover, i == row.pressed
            r = b.rect.inflate(-8, -8).move(0, 2 if pressed else 0)
            if focused:
                draw_focus(painter, r, 12)
            draw_output(painter, self.outs[j], self.guess[k][j], r,
                        missing=self.missing and self.guess[k][j] is None)
            if hovered:
                painter.rect((0, 0, 0, 30), r, 12)
        i = row.buttons.index(self.done)
        self.done.draw(painter, focused=row.focus == i, hovered=row.hover == i,
                       pressed=row.pressed == i)
        self._draw_speak_and_close(painter, row)
