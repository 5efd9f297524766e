"""The parental gate at home: before the settings, the family's profiles and the parents' page.

A sum in words, read aloud on request ("What is seven times eight?"), answered on a number
pad (the task itself: :mod:`game.home_gate`). The right answer opens the screen the gate
stands before (``then``, a destination of game/scenes/nav.py, in place of the gate); a wrong
one says so calmly and asks a new question, never the one just asked.
"""

from __future__ import annotations

import random
from typing import Any

import pygame

from game.home_gate import MAX_DIGITS, GateTask, check, new_task
from game.input import Intent
from game.scenes.base import Scene, SceneStack
from game.speech import sentences
from game.ui.forms import DigitEntry, FocusRow, draw_backdrop, icon
from game.ui.guide_view import refresh_speaker, speaker_button
from game.ui.textfit import MIN_LABEL
from game.ui.view import Painter
from game.ui.widgets import Button

PANEL = pygame.Rect(300, 24, 680, 672)
QUESTION = pygame.Rect(340, 110, 520, 90)
NOTE = pygame.Rect(340, 206, 600, 78)
ANSWER_Y = 294
PAD = pygame.Rect(460, 368, 360, 312)
KEY_W, KEY_H, KEY_GAP = 112, 68, 12
#: Wrong answers in a row before each further one costs a wait: tapping numbers at random
#: (a child's way through) becomes slow and boring; an adult who mistyped loses nothing.
FREE_MISSES = 3
WAIT_SECONDS = 15.0


class ParentGateScene(DigitEntry, Scene):
    """For grown-ups: a sum in words; the right answer opens ``then`` (with ``args``)."""

    #: the read-aloud key works here too: the question is said aloud for a grown-up
    PASSED = (*DigitEntry.PASSED, Intent.SPEAK)

    def __init__(self, ctx, then: str, args: dict[str, Any] | None = None,
                 rng: random.Random | None = None) -> None:
        super().__init__(ctx)
        self.then = then
        self.args = dict(args or {})
        self.rng = rng or random.Random()
        self.task: GateTask = self._new_task()
        self.digits = ""
        self.message = ""
        self.row = FocusRow()
        self.wants_text = True
        self.shake = 0.0
        self.t = 0.0
        self.wait = 0.0  # seconds until the pad takes digits again (after many wrong answers)

    def _new_task(self) -> GateTask:
        task = new_task(self.rng, self.ctx.last_gate)
        self.ctx.last_gate = task  # the next gate, even another one, asks something else
        return task

    def enter(self) -> None:
        self._build()

    def _key_rect(self, i: int) -> pygame.Rect:
        col, row = i % 3, i // 3
        if SceneStack.mirrored(self):
            col = 2 - col  # a number pad reads 1 2 3 from the left in every language
        return pygame.Rect(PAD.x + col * (KEY_W + KEY_GAP), PAD.y + row * (KEY_H + 12),
                           KEY_W, KEY_H)

    def _build(self) -> None:
        _ = self.ctx.gettext
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.back, icon="icons/back",
                            tooltip=_("Back")))]
        free = self.wait <= 0
        for i, label in enumerate("123456789"):
            items.append((label, Button(self._key_rect(i), lambda d=label: self.add(d),
                                        label=label, text_size=40, enabled=free)))
        items.append(("del", Button(self._key_rect(9), self.backspace, icon="icons/undo",
                                    tooltip=_("Take away the last digit"),
                                    enabled=bool(self.digits))))
        items.append(("0", Button(self._key_rect(10), lambda: self.add("0"), label="0",
                                  text_size=40, enabled=free)))
        items.append(("ok", Button(self._key_rect(11), self.submit, icon="icons/check",
                                   fill="yellow", tooltip=_("Open"),
                                   enabled=bool(self.digits) and free)))
        speak = speaker_button(self.ctx, (QUESTION.right + 20, QUESTION.centery - 32, 64, 64),
                               self.read_aloud_text)
        if speak is not None:
            items.append(("speak", speak))
        self.row.set(items)

    def title(self) -> str:
        # TRANSLATORS: the heading of the parental gate at home
        return self.ctx.gettext("For grown-ups")

    def read_aloud_text(self) -> str:
        return sentences(self.note(), self.task.question(self.ctx.gettext))

    def note(self) -> str:
        """What the gate says above the answer: the wait, or the calm word after a miss."""
        if self.wait > 0:
            seconds = max(1, round(self.wait + 0.49))
            # TRANSLATORS: shown after a wrong PIN, and at home after wrong answers to the
            # question for grown-ups; {seconds} counts down
            return self.ctx.ngettext("Wait {seconds} second, then try again.",
                                     "Wait {seconds} seconds, then try again.",
                                     seconds).format(seconds=seconds)
        return self.message

    # --- actions ---------------------------------------------------------------------------
    def back(self) -> None:
        self.ctx.stack.pop()

    def add(self, digit: str) -> None:
        if len(self.digits) >= MAX_DIGITS or self.wait > 0:
            return
        self.digits += digit
        self.ctx.audio.play("click")
        self._build()

    def submit(self) -> None:
        if not self.digits or self.wait > 0:
            return
        if check(self.task, self.digits):
            self.ctx.gate_misses = 0
            self.ctx.audio.play("click")
            self.ctx.replace(self.then, **self.args)
            return
        _ = self.ctx.gettext
        self.ctx.audio.play("not_yet")
        self.shake = 0.4
        self.digits = ""
        self.ctx.gate_misses += 1
        if self.ctx.gate_misses >= FREE_MISSES:
            self.wait = WAIT_SECONDS
        self.task = self._new_task()
        # TRANSLATORS: the parental gate after a wrong answer; a new question follows
        self.message = _("That is not the answer. Here is a new question.")
        self._build()

    # --- input ------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.t += dt
        self.shake = max(0.0, self.shake - dt)
        if self.wait > 0:
            self.wait = max(0.0, self.wait - dt)
            if self.wait == 0:
                self._build()  # the pad takes digits again

    def idle_motion(self) -> float | None:
        if self.shake > 0:
            return None
        return 1.0 if self.wait > 0 else 0.0  # the countdown, once a second

    # --- drawing ----------------------------------------------------------------------------
    def draw(self, painter: Painter) -> None:
        draw_backdrop(painter, teacher=True)
        painter.panel(PANEL, fill="paper", radius=32)
        painter.image(icon(painter, "icons/parent", "icons/lock"), (PANEL.x + 32, 40, 56, 56))
        painter.text_box(self.title(), (PANEL.x + 104, 36, PANEL.width - 136, 64), 36,
                         bold=True, align="midleft", min_size=20)
        speak = self.row.button("speak")
        refresh_speaker(speak, self.ctx)
        painter.text_box(self.task.question(self.ctx.gettext), QUESTION, 36, bold=True,
                         align="midleft", min_size=MIN_LABEL)
        note = self.note()
        if note:
            painter.panel(NOTE, fill="orange" if self.wait > 0 else "cream", radius=16,
                          shadow=2)
            painter.image("guide/guide_thinking", (NOTE.x + 8, NOTE.centery - 24, 48, 48))
            painter.text_box(note, NOTE.inflate(-76, -8).move(30, 0), 22, bold=True,
                             min_size=MIN_LABEL)
        self._draw_answer(painter)
        self.row.draw(painter)

    def _draw_answer(self, painter: Painter) -> None:
        """The digits typed so far, in boxes (an adult checks what they typed)."""
        box, gap = 60, 12
        left = 640 - (MAX_DIGITS * box + (MAX_DIGITS - 1) * gap) / 2
        dx = 8 * (self.shake / 0.4) * (1 if int(self.t * 30) % 2 else -1) if self.shake else 0
        with painter.keep_ltr((left - 20, ANSWER_Y, MAX_DIGITS * (box + gap) + 40, box)):
            for i in range(MAX_DIGITS):
                x = left + i * (box + gap) + dx
                painter.rect("white", (x, ANSWER_Y, box, box), 12)
                painter.rect("blue" if i == len(self.digits) else "ink",
                             (x, ANSWER_Y, box, box), 12, 3)
                if i < len(self.digits):
                    painter.text(self.digits[i], (x + box / 2, ANSWER_Y + box / 2), 36,
                                 bold=True, align="center")
