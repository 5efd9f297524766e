"""The success moment: confetti, the guide cheering, stars flying in one by one.

Stars reward thinking (parts, hints), so the reasons say why these stars and how to earn
more. Nothing blinks: confetti drifts and stars land once (ART.md: no flashing > 3 Hz).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.input import Action
from game.scenes.base import Scene, handle_card
from game.sim.goals import Evaluation, checks_told, trades_off
from game.sim.model import Level
from game.sim.parts import N_
from game.speech import sentences
from game.ui.anim import calm, ease_out_back, ease_out_cubic
from game.ui.badges import art_exists
from game.ui.guide_view import draw_guide, refresh_speaker, speaker_button
from game.ui.predict import (
    AS_YOU_THOUGHT,
    IT_WAS,
    YOU_THOUGHT,
    YOU_THOUGHT_ROW,
    choice_name,
    draw_arrow,
    draw_input,
    draw_output,
    draw_pick,
    outputs_words,
    row_words,
    table_kinds,
)
from game.ui.star_rules import check_width, draw_check
from game.ui.view import Painter
from game.ui.widgets import Button, ButtonRow

if TYPE_CHECKING:
    from game.content.loader import LevelCatalogue

CARD = pygame.Rect(290, 70, 700, 580)
#: an explore level's card: taller, for what was seen and why under the stars
TALL_CARD = pygame.Rect(290, 14, 700, 692)
#: a tall card's width when its explanation or title needs more room (a long language, the
#: biggest text size): the text gets longer lines, and a prediction's two pictures go beside
#: the stars, which leaves the explanation the height down to the buttons
WIDE_W = 1100
STAR_DELAY = 0.55  # seconds between stars
#: the wide card: the middle of the stars, and the left of the pictures beside them
STARS_WIDE_X, PICKS_WIDE_X = 357, 540
PICK_H = 156  # "You thought" and "It was": each a label, a picture and its name
CHECK_SIZE = 18  # the stars, icon and numbers before a star limit's reason
CHECK_GAP = 12  # between them and the reason
#: a filled-in table on the card: the most a cell takes, an output column's width (cells)
TABLE_CELL, TABLE_OUT = 76, 1.6
#: the least height of the table's heading (two lines of words over the two columns)
TABLE_HEAD = 56
#: the soft band behind a row the run showed otherwise than the pupil thought
TABLE_DIFFERENT = (240, 228, 66, 120)
CONFETTI_COLOURS = ("orange", "sky_blue", "green", "yellow", "blue", "vermillion", "purple")


@dataclass
class Flake:
    x: float
    y: float
    vy: float
    sway: float
    phase: float
    size: float
    colour: str
    spin: float


def next_level(levels: LevelCatalogue | None, level: Level, lesson=None) -> Level | None:
    """The next level to play: the next of the lesson when a lesson is on and this level is in
    it (None after its last, so "next" never leads outside what the teacher chose), else the
    next of the same world in play order (None after the last)."""
    if levels is None:
        return None
    if lesson is not None and level.id in lesson.level_ids:
        ids = list(lesson.level_ids)
        later = ids[ids.index(level.id) + 1:]
        return next((lv for lv in map(levels.find, later) if lv is not None), None)
    ordered = levels.world(level.world)
    ids = [lv.id for lv in ordered]
    if level.id in ids:
        i = ids.index(level.id)
        return ordered[i + 1] if i + 1 < len(ordered) else None
    later = [lv for lv in ordered if lv.order > level.order]
    return later[0] if later else None


class ResultScene(Scene):
    opaque = False

    def __init__(self, ctx, level: Level, evaluation: Evaluation,
                 on_replay: Callable[[], None] | None = None, seed: int = 7,
                 first_answer: str | None = None, finale: bool = False,
                 prediction=None) -> None:
        super().__init__(ctx)
        self.level = level
        # predict, test, explain: the pupil's prediction, shown beside what the run showed
        self.prediction = prediction
        #: this solve was the last unsolved level of its world: leaving the card (but to play
        #: it again) opens the world's celebration
        self.finale = finale
        self.first_answer = first_answer  # explore levels: the pupil's first pick
        self.evaluation = evaluation
        self._on_replay = on_replay
        self.t = 0.0
        self.stars_shown = 0
        rng = random.Random(seed)
        self.flakes = [Flake(rng.uniform(0, 1280), rng.uniform(-700, -20), rng.uniform(70, 140),
                             rng.uniform(10, 30), rng.uniform(0, math.tau), rng.uniform(8, 16),
                             rng.choice(CONFETTI_COLOURS), rng.uniform(-2, 2))
                       for _ in range(90)]
        self.next = next_level(ctx.levels, level, ctx.lesson)
        _ = ctx.gettext
        explains = (level.question is not None and bool(level.question.explain)
                    or level.predict is not None)
        self.card = TALL_CARD if explains else CARD
        y = self.card.bottom - 108
        self.row = ButtonRow([
            Button(pygame.Rect(CARD.x + 40, y, 84, 84), self.levels, icon="icons/menu",
                   tooltip=_("Other level")),
            Button(pygame.Rect(CARD.x + 144, y, 84, 84), self.replay, icon="icons/retry",
                   tooltip=_("Play again")),
            Button(pygame.Rect(CARD.x + 260, y, CARD.width - 300, 84), self.go_next,
                   label=_("Next level"), icon="icons/next", fill="yellow", text_size=32,
                   enabled=self.next is not None),
        ])
        if finale:  # the big button leads to the party (keyboard: it has the focus)
            big = self.row.buttons[2]
            big.on_click, big.label, big.icon, big.enabled = (self.go_next, _("Celebrate!"),
                                                              "icons/star", True)
        self.row.focus = 2 if self.next is not None or finale else 1
        # Top left of the card: hear why these stars (and how to earn more).
        self.speak = speaker_button(ctx, (CARD.x + 24, self.card.y + 24, 72, 72),
                                    self.read_aloud_text)
        if self.speak is not None:
            self.row.buttons.append(self.speak)

    def lines(self) -> list[str]:
        """The msgids under the stars: on an explore level first what was seen and why (the
        question's explanation), then why these stars."""
        if self.level.predict is not None:  # the prediction is never judged: no "wrong"
            return [self.level.predict.explain, *self.evaluation.reasons[1:]]
        question = self.level.question
        if question is not None and question.explain:
            guessed = self.first_answer not in (None, question.answer)
            # a first guess that was not right is no failure: trying showed the answer
            first = [N_("Your first guess was different. Trying it out showed the answer!")]
            stars = self.evaluation.reasons[1:] if not guessed or self.evaluation.stars < 3 else []
            return [question.explain, *(first if guessed else ()), *stars]
        return list(self.evaluation.reasons)

    def read_aloud_text(self) -> str:
        """"Well done!", the level, and what is written under the stars."""
        _ = self.ctx.gettext
        return sentences(_("Well done!"), _(self.level.title), *self.compared(),
                         *(_(line) for line in self.lines()))

    def compared(self) -> list[str]:
        """Predict levels, read aloud: what the pupil thought and what it was."""
        predict = self.level.predict
        if predict is None:
            return []
        _ = self.ctx.gettext
        if predict.kind == "table":
            return self._compared_rows()
        was = choice_name(predict, predict.answer, self.level, _)
        if self.prediction is None:
            # TRANSLATORS: read aloud on the explanation card: {result} is a part, number or
            # place
            return [_("It was: {result}.").format(result=was)]
        # TRANSLATORS: read aloud on the explanation card: {guess} and {result} are each a
        # part, a number or a place (the pupil's prediction and what the run showed)
        return [_("You thought: {guess}. It was: {result}.").format(
            guess=choice_name(predict, self.prediction, self.level, _), result=was)]

    def _compared_rows(self) -> list[str]:
        """A filled-in table, read aloud row by row: what the run showed ("Smoke sensor off,
        Heat sensor on: the bell rings."), then "Just as you thought." or what the pupil
        thought instead."""
        _ = self.ctx.gettext
        said = []
        for k, was in enumerate(self.level.predict.answer):
            said.append(row_words(self.level, k, was, _))
            guess = self._guess_row(k)
            if guess is None:
                continue
            if tuple(guess) == tuple(was):
                said.append(_(AS_YOU_THOUGHT))
            else:
                said.append(_(YOU_THOUGHT_ROW).format(
                    guess=outputs_words(self.level, guess, _)))
        return said

    def _guess_row(self, k: int):
        """The pupil's row ``k`` of a filled-in table (None: no prediction)."""
        guess = self.prediction
        if not guess or k >= len(guess):
            return None
        return guess[k]

    # --- buttons ----------------------------------------------------------------------------
    def go_next(self) -> None:
        if self.finale:
            self.levels()
            return
        if self.next is None:
            return
        self.ctx.audio.play("click")
        self.ctx.stack.pop()
        self.ctx.replace("play", level=self.next)

    def replay(self) -> None:
        self.ctx.audio.play("click")
        self.ctx.stack.pop()
        if self._on_replay is not None:
            self._on_replay()

    def levels(self) -> None:
        self.ctx.audio.play("click")
        self.ctx.stack.pop()
        self.ctx.stack.pop()
        if self.finale:  # the world is done: its celebration, once, before the levels
            self.ctx.push("celebration", world=self.level.world)

    # --- scene ------------------------------------------------------------------------------
    def handle(self, action: Action) -> bool:
        return handle_card(action, self.row, self.levels)

    def update(self, dt: float) -> None:
        self.t += dt
        due = min(self.evaluation.stars, int((self.t - 0.4) / STAR_DELAY) + 1 if self.t >= 0.4 else 0)
        while self.stars_shown < due:
            self.stars_shown += 1
            self.ctx.audio.play("star")
        for f in self.flakes:
            f.y += f.vy * dt
            if f.y > 740 and self.t < 6:
                f.y -= 760

    def _star_progress(self, i: int) -> float:
        if calm(self.ctx.settings):  # calmer motion: each star is simply there when due
            return 1.0 if i < self.stars_shown else 0.0
        return ease_out_back((self.t - 0.4 - i * STAR_DELAY) / 0.45)

    def draw(self, painter: Painter) -> None:
        from game.ui.textfit import MIN_BODY

        _ = self.ctx.gettext
        still = calm(self.ctx.settings)  # calmer motion: no rise, bounce or confetti
        fade = 1.0 if still else ease_out_cubic(self.t / 0.3)
        painter.rect((43, 45, 66, round(150 * fade)), (0, 0, 1280, 720))
        self._draw_confetti(painter, behind=True)
        rise = 0 if still else (1 - ease_out_cubic(self.t / 0.35)) * 60
        wide = self._wide(painter)
        card = self.card.move(0, rise)
        if wide:
            card = card.inflate(WIDE_W - card.width, 0)
            if self.speak is not None:  # the title's row reaches further left
                self.speak.rect.x = card.x + 24
        elif self.speak is not None:
            self.speak.rect.x = CARD.x + 24
        painter.panel(card, fill="paper", radius=32)
        tall = self.card is not CARD  # what was seen and why: the text gets the whole width
        draw_guide(painter, "cheer", (card.x + 24, card.y + 104, 160, 164) if tall
                   else (card.x + 16, card.y + 150, 200, 250),
                   bob=0 if still else -abs(6 * math.sin(self.t * 3.0)))
        head = painter.text_box(_("Well done!"), (card.x + 220, card.y + 18, card.width - 260, 68),
                                52, bold=True, align="midtop", min_size=36)
        named = painter.text(_(self.level.title), (card.centerx + 90, max(card.y + 84, head.bottom)),
                             26, "ink_soft", align="midtop", wrap=card.width - 260)
        y = card.y + (280 if tall else 300)
        if self.level.predict is not None and wide:  # the stars, then the two pictures
            top = max(card.y + 140, named.bottom + 4)
            self._draw_stars(painter, card, (card.x + STARS_WIDE_X, top + PICK_H / 2), 105)
            y = self._draw_compared(painter, card, top, card.x + PICKS_WIDE_X, 240)
        else:
            self._draw_stars(painter, card)
            if self.level.predict is not None:
                y = self._draw_compared(painter, card, card.y + 262)
        wrap, x = (card.width - 80, card.centerx) if tall else (card.width - 260, card.centerx + 90)
        lines = self.lines()
        reasons = [_(line) for line in lines]
        # a level that weighs cost, CO2 or water: each limit's line starts with its stars, its
        # icon, what the build reached of the limit and a tick or a cross (game.ui.star_rules)
        told = ({c.message: c for c in checks_told(self.evaluation)}
                if trades_off(self.level) else {})
        checked = {_(m): told[m] for m in lines if m in told}
        lead = max((check_width(painter, c, True, CHECK_SIZE) for c in checked.values()),
                   default=-CHECK_GAP) + CHECK_GAP
        if checked and reasons[0] not in checked:
            del reasons[0]  # "It works!": the stars say it, the limits need the room
            y -= 20
        # big letters: each limit's stars and numbers above its reason, which keeps the width
        above = lead > wrap * 0.4
        beside = 0 if above else lead
        # down to the row of buttons at the bottom (the speaker is at the top of the card)
        room = min(b.rect.top for b in self.row.buttons if b is not self.speak) - 16 - y
        size = 26
        def height(texts: list[str]) -> float:
            def one(t: str) -> float:
                h = painter.measure(t, size, wrap=wrap - beside)[1]
                if t not in checked:
                    return h
                return h + 32 if above else max(h, 30)
            return sum(one(t) + 6 for t in texts)

        while size > MIN_BODY and height(reasons) > room:
            size -= 1  # a long reason (or a long language) gets smaller letters, not overlap
        # a prediction's card keeps at least the explanation (the stars say the rest)
        keep = 1 if self.level.predict is not None or checked else 2
        while len(reasons) > keep and height(reasons) > room:
            del reasons[1]  # still too long (the biggest letters): the first line matters most
        for text in reasons:
            if checked and not above:
                left = x - wrap / 2
                if text in checked:
                    draw_check(painter, (left, y, lead, 30), checked[text], True, CHECK_SIZE)
                r = painter.text(text, (left + lead, y), size, align="topleft", wrap=wrap - lead)
                y = max(r.bottom, y + (30 if text in checked else 0)) + 6
                continue
            if text in checked:  # above its reason, in the middle
                draw_check(painter, (x - (lead - CHECK_GAP) / 2, y, lead, 30), checked[text],
                           True, CHECK_SIZE)
                y += 32
            r = painter.text(text, (x, y), size, align="midtop", wrap=wrap)
            y = r.bottom + 6
        refresh_speaker(self.speak, self.ctx)
        self.row.draw(painter)
        self._draw_confetti(painter, behind=False)

    def _wide(self, painter: Painter) -> bool:
        """True when a tall card needs its wide layout: its explanation does not fit above the
        buttons even at the smallest size, or its level's title takes two lines (it would run
        into the stars)."""
        from game.ui.textfit import MIN_BODY

        if self.card is CARD:
            return False
        if self.level.predict is not None and self.level.predict.kind == "table":
            return True  # the filled-in table goes beside the stars
        _ = self.ctx.gettext
        title, wrap = _(self.level.title), self.card.width - 260
        if painter.measure(title, 26, wrap=wrap)[1] > painter.measure(title, 26)[1]:
            return True
        y = self.card.y + (262 + PICK_H + 10 if self.level.predict is not None else 280)
        room = min(b.rect.top for b in self.row.buttons if b is not self.speak) - 16 - y
        explain = _(self.lines()[0])
        return painter.measure(explain, MIN_BODY, wrap=self.card.width - 80)[1] + 6 > room

    def _draw_compared(self, painter: Painter, card: pygame.Rect, y: float,
                       left: float | None = None, w: int = 260) -> float:
        """The explanation card's pictures: "You thought" beside "It was" (SCIENCE.md: the
        prediction is shown beside the result, never as wrong), in the middle of the card or
        from ``left``. Returns where text goes on."""
        _ = self.ctx.gettext
        predict = self.level.predict
        if predict.kind == "table" and self.level.table is not None:
            return self._draw_table_compared(painter, card, y, card.x + PICKS_WIDE_X
                                             if left is None else left)
        h, gap = PICK_H, 30
        picks = [(predict.answer, _(IT_WAS), "cream")]
        if self.prediction is not None:
            picks.insert(0, (self.prediction, _(YOU_THOUGHT), "paper"))
        x0 = card.centerx - (len(picks) * w + (len(picks) - 1) * gap) / 2
        if left is not None:
            x0 = left
        for i, (choice, label, fill) in enumerate(picks):
            draw_pick(painter, predict, choice, (x0 + i * (w + gap), y, w, h), self.level,
                      label, choice_name(predict, choice, self.level, _), fill)
        return y + h + 10

    def _draw_table_compared(self, painter: Painter, card: pygame.Rect, top: float,
                             left: float) -> float:
        """A filled-in table beside what the run gave, row by row: each row's inputs, then
        "You thought" and "It was" (the output's picture, on or off), an equals sign or a
        crossed-out one between them, and a check where they agree. A row that came out
        otherwise gets a soft band and no cross: the prediction is never wrong (SCIENCE.md).
        Returns where the text goes on."""
        from game.ui.textfit import MIN_BODY

        _ = self.ctx.gettext
        rows = self.level.predict.answer
        ins, outs = table_kinds(self.level)
        n_out = max(1, len(outs))
        # the columns, in cells: inputs, arrow, you thought, = or not, it was, check
        wide_col = TABLE_OUT * n_out
        spans = [1.0] * len(ins) + [0.6, wide_col, 0.6, wide_col, 0.7]
        width = card.right - 40 - left
        buttons = min(b.rect.top for b in self.row.buttons if b is not self.speak) - 16
        explain = painter.measure(_(self.level.predict.explain), MIN_BODY + 2,
                                  wrap=card.width - 80)[1] + 12
        height = max(120.0, buttons - explain - top)
        # the heading: the inputs' pictures, and two lines of words over the two columns
        cell = min(TABLE_CELL, width / sum(spans), (height - TABLE_HEAD) / len(rows))
        # the words wrap in their boxes' width (see below): the heading is as tall as they need
        words = max(painter.measure(label, 20, bold=True, wrap=2.6 * cell - 16)[1]
                    for label in (_(YOU_THOUGHT), _(IT_WAS)))
        head_h = max(TABLE_HEAD, words + 14)
        cell = max(24.0, min(cell, (height - head_h) / len(rows)))
        x0 = left + (width - cell * sum(spans)) / 2
        xs = [x0]
        for span in spans:
            xs.append(xs[-1] + span * cell)

        def box(col: int, line: int) -> pygame.Rect:
            y = top if line == 0 else top + head_h + (line - 1) * cell
            return pygame.Rect(round(xs[col]), round(y), round(xs[col + 1] - xs[col]),
                               round(head_h if line == 0 else cell))

        total = pygame.Rect(round(x0 - 8), round(top - 4), round(cell * sum(spans) + 16),
                            round(head_h + cell * len(rows) + 8))
        painter.panel(total, fill="white", radius=16, shadow=3)
        n_in = len(ins)
        guess_col, same_col, was_col, mark_col = n_in + 1, n_in + 2, n_in + 3, n_in + 4
        # the heading: "You thought" over the inputs and the pupil's column (each row shows
        # its inputs' pictures), "It was" over the run's column and the checks
        for first, last, label, fill in (
                (xs[0], xs[same_col] + 0.3 * cell, _(YOU_THOUGHT), "paper"),
                (xs[was_col] - 0.3 * cell, xs[mark_col + 1], _(IT_WAS), "cream")):
            head = pygame.Rect(round(first), round(top), round(last - first),
                               round(head_h)).inflate(-4, -6)
            painter.rect(fill, head, 10)
            painter.text_box(label, head.inflate(-6, -2), 20, "ink_soft", bold=True,
                             align="center")
        for k, was in enumerate(rows):
            guess = self._guess_row(k)
            line = box(0, k + 1)
            band = pygame.Rect(round(x0 - 4), line.y, total.width - 8, line.height)
            same = guess is not None and tuple(guess) == tuple(was)
            if guess is not None and not same:
                painter.rect(TABLE_DIFFERENT, band, cell * 0.2)
            for i, on in enumerate(self.level.table.rows[k].inputs):
                draw_input(painter, ins[i], on, box(i, k + 1).inflate(-6, -6))
            draw_arrow(painter, box(n_in, k + 1).center, cell * 0.8)
            for col, values, fill in ((guess_col, guess, "paper"), (was_col, was, "cream")):
                if values is None:
                    continue
                r = box(col, k + 1).inflate(-6, -6)
                w = r.width / n_out
                for j, kind in enumerate(outs):
                    draw_output(painter, kind, values[j] if j < len(values) else None,
                                (r.x + j * w, r.y, w - (4 if j + 1 < n_out else 0), r.height),
                                fill=fill)
            if guess is not None:
                _equals(painter, box(same_col, k + 1).center, cell * 0.22, same)
                if same:
                    painter.image("icons/check", box(mark_col, k + 1).inflate(-cell * 0.2,
                                                                              -cell * 0.2))
        return total.bottom + 10

    def _draw_stars(self, painter: Painter, card: pygame.Rect,
                    centre: tuple[float, float] | None = None, step: float = 115) -> None:
        cx, cy = centre if centre is not None else (card.centerx + 90, card.y + 200)
        for i in range(3):
            x = cx + (i - 1) * step
            y = cy - (14 if i == 1 else 0)
            size = 104 if i == 1 else 92
            self._star(painter, "star_empty", (x, y), size, 1.0)
            if i < self.evaluation.stars:
                p = self._star_progress(i)
                if p > 0:
                    sx = 640 + (x - 640) * min(1, p)  # fly in from above the card
                    sy = -60 + (y + 60) * p
                    self._star(painter, "star", (sx, sy), size * (1.6 - 0.6 * min(1, p)), 1.0)

    @staticmethod
    def _star(painter: Painter, icon: str, center: tuple[float, float], size: float,
              alpha: float) -> None:
        name = f"icons/{icon}"
        if art_exists(painter.art, name):
            painter.image(name, (center[0] - size / 2, center[1] - size / 2, size, size))
        else:
            painter.star("yellow" if icon == "star" else "tile_edge", center, size / 2)

    def _draw_confetti(self, painter: Painter, behind: bool) -> None:
        if self.t > 7 or calm(self.ctx.settings):
            return
        for k, f in enumerate(self.flakes):
            if (k % 3 == 0) != behind:
                continue
            x = f.x + math.sin(self.t * 1.5 + f.phase) * f.sway
            w = f.size * abs(math.cos(self.t * f.spin + f.phase)) + 3  # a slow tumble, not a blink
            painter.rect(f.colour, (x - w / 2, f.y - f.size / 4, w, f.size / 2), 2)


def _equals(painter: Painter, centre: tuple[float, float], size: float, same: bool) -> None:
    """An equals sign between "You thought" and "It was"; crossed out where they differ."""
    x, y = centre
    width = max(2.0, size * 0.28)
    painter.line("ink", (x - size, y - size * 0.35), (x + size, y - size * 0.35), width)
    painter.line("ink", (x - size, y + size * 0.35), (x + size, y + size * 0.35), width)
    if not same:
        painter.line("ink", (x - size * 0.55, y + size), (x + size * 0.55, y - size), width)
