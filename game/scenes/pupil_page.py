"""One pupil, for the teacher: every attempt, the totals, and the kerndoelen worked on.

A parents' evening or a report needs more than a grid cell: when did Sam play, how long,
how often did a test fail before it worked, were hints needed? Every row opens the attempt
itself, with the build on the board.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.input import Action, Intent
from game.kerndoelen import Kerndoel, in_use
from game.kerndoelen import number as kerndoel_number
from game.progress.class_progress import KERNDOELEN, as_utc
from game.progress.records import Attempt, Outcome, now
from game.scenes import exports
from game.scenes.base import Scene, Target
from game.ui.forms import draw_avatar, fit
from game.ui.grid_view import (
    OUTCOME_NAMES,
    attempt_seconds,
    draw_arrow,
    draw_outcome,
    draw_stars,
    format_clock,
    format_duration,
    format_when,
)
from game.ui.textfit import MIN_LABEL
from game.ui.view import Painter
from game.ui.widgets import Button, Toast, draw_tooltip

TABLE = pygame.Rect(16, 252, 880, 456)
SIDE = pygame.Rect(912, 100, 352, 604)
HEAD_H = 44
ROW_H = 50
OUTCOMES_H = 40  # the outcomes' signs, in a line along the bottom of the table
#: column x offsets inside the table: level, when, result (with stars), tests, failed, hints,
#: time on task. "When" holds the longest short date and time on one line at the biggest size
#: (Arabic "25 أغسطس 11:58 م", English "May 25 11:58 PM"); the level's title may be cut short
COLS = (16, 208, 414, 592, 648, 728, 786)
SAVE_RECT = pygame.Rect(SIDE.x, 16, SIDE.width, 72)


@dataclass(frozen=True)
class Totals:
    """What a teacher writes on a report: levels solved, stars, attempts, time on task."""

    solved: int
    levels: int
    stars: int
    attempts: int
    seconds: float


def pupil_totals(attempts: list[Attempt], level_count: int) -> Totals:
    """Best stars per solved level (replaying a level never counts twice)."""
    best: dict[str, int] = {}
    for a in attempts:
        if a.outcome == Outcome.SOLVED:
            best[a.level_id] = max(best.get(a.level_id, 0), a.stars)
    return Totals(len(best), level_count, sum(best.values()), len(attempts),
                  sum(attempt_seconds(a.started, a.ended) for a in attempts))


def kerndoel_progress(attempts: list[Attempt], levels) -> list[tuple[Kerndoel, int, int]]:
    """(kerndoel, levels solved, levels that train it) for each kerndoel the levels train."""
    solved = {a.level_id for a in attempts if a.outcome == Outcome.SOLVED}
    out = []
    for k in in_use(lv.kerndoelen for lv in levels or ()):
        tagged = [lv.id for lv in levels or () if k in lv.kerndoelen]
        out.append((k, sum(1 for i in tagged if i in solved), len(tagged)))
    return out


class PupilPage(Scene):
    """Read fresh on every enter: coming back from an attempt, nothing is stale."""

    def __init__(self, ctx, pupil_id: str) -> None:
        super().__init__(ctx)
        self.pupil_id = pupil_id
        self.pupil = None
        self.attempts: list[Attempt] = []
        self.top = 0
        self.cursor = 0
        self.pointer: tuple[float, float] | None = None
        self.pressed: str | None = None
        self.focus = "table"
        self.table = TABLE.copy()  # lower at a big text size: the totals above grow
        self.back = Button(pygame.Rect(16, 16, 64, 64), self.close, icon="icons/back",
                           tooltip=ctx.gettext("Back"))
        self.up = Button(pygame.Rect(TABLE.right - 112, TABLE.y - 56, 48, 48),
                         lambda: self.scroll(-1), tooltip=ctx.gettext("Scroll up"))
        self.down = Button(pygame.Rect(TABLE.right - 56, TABLE.y - 56, 48, 48),
                           lambda: self.scroll(1), tooltip=ctx.gettext("Scroll down"))
        self.save = Button(SAVE_RECT.copy(), self.save_data,
                           label=ctx.gettext("Save this child's data"), icon="icons/export",
                           text_size=22, fill="sky_blue",
                           tooltip=ctx.gettext("Everything stored about this child, in files"))
        self.toast = Toast(10.0)
        # what "stopped" and "still busy" mean: the tooltip of the outcomes under the table
        self.outcomes_tip = Button(pygame.Rect(0, 0, 0, 0), lambda: None)

    def _(self, msgid: str) -> str:
        return self.ctx.gettext(msgid)

    @property
    def lang(self) -> str:
        return self.ctx.settings.language or "nl"

    def enter(self) -> None:
        school = self.ctx.school
        if school is None:
            return
        self.pupil = school.pupil(self.pupil_id)
        self.attempts = sorted(school.attempts(pupil_id=self.pupil_id),
                               key=lambda a: as_utc(a.started), reverse=True)
        self._clamp()

    @property
    def visible(self) -> int:
        return (self.table.height - HEAD_H - OUTCOMES_H) // ROW_H

    def _clamp(self) -> None:
        n = len(self.attempts)
        self.cursor = max(0, min(n - 1, self.cursor)) if n else 0
        self.top = max(0, min(self.top, max(0, n - self.visible)))
        self.up.enabled = self.top > 0
        self.down.enabled = self.top + self.visible < n

    def scroll(self, step: int) -> None:
        self.top += step * max(1, self.visible - 1)
        self._clamp()
        if not self.top <= self.cursor < self.top + self.visible:
            self.cursor = self.top
        self._clamp()

    def close(self) -> None:
        self.ctx.stack.pop()

    @property
    def can_save(self) -> bool:
        """Only the teacher (behind the PIN) takes a child's data off the PC."""
        return self.ctx.teacher and self.pupil is not None

    def save_data(self) -> list:
        """Everything stored about this child (JSON and readable text) in a folder of its own
        in the export folder, named after the child."""
        if not self.can_save:
            return []
        from game.progress.export import export_pupil, safe_filename

        _ = self._
        out = exports.export_folder(self.ctx) / f"{safe_filename(self.pupil.name)}-data"
        try:
            out.mkdir(parents=True, exist_ok=True)
            files = export_pupil(self.ctx.school, self.pupil_id, out,
                                 list(self.ctx.levels or ()), self.ctx.gettext, self.lang)
        except Exception as exc:  # noqa: BLE001 - tell the teacher, never crash the lesson
            # TRANSLATORS: a note after a failed export; {error}: the computer's error message
            self.toast.show(_("Could not save the file: {error}").format(error=exc),
                            "icons/attention")
            return []
        self.toast.show(exports.saved_message(_, ", ".join(p.name for p in files), out),
                        "icons/check")
        return files

    def update(self, dt: float) -> None:
        self.toast.update(dt)

    @property
    def focus_order(self) -> list[str]:
        scroll = [n for n, b in (("up", self.up), ("down", self.down)) if b.enabled]
        table = ["table"] if self.attempts else []  # an empty table is no stop
        return [*table, *scroll, "back", *(["save"] if self.can_save else [])]

    def focus_stop(self) -> str | None:
        return self.focus if self.attempts or self.focus != "table" else None

    def targets(self) -> list[Target]:
        """The enabled buttons and every visible row of the attempts table."""
        named = {"up": self.up, "down": self.down, "back": self.back, "save": self.save}
        out = [Target.of(named[n].rect, n) for n in self.focus_order if n in named
               and named[n].enabled]
        rows = range(self.top, min(len(self.attempts), self.top + self.visible))
        return out + [Target.of(self.row_rect(i), "table") for i in rows]

    def open(self, index: int) -> None:
        if 0 <= index < len(self.attempts):
            self.ctx.push("attempt", attempt_id=self.attempts[index].id)

    def row_rect(self, index: int) -> pygame.Rect:
        return pygame.Rect(self.table.x + 4, self.table.y + HEAD_H + (index - self.top) * ROW_H,
                           self.table.width - 8, ROW_H)

    def _row_at(self, pos) -> int | None:
        if pos is None:
            return None
        for i in range(self.top, min(len(self.attempts), self.top + self.visible)):
            if self.row_rect(i).collidepoint(pos):
                return i
        return None

    def _target(self, pos) -> str | None:
        for name, b in (("back", self.back), ("up", self.up), ("down", self.down),
                        ("save", self.save)):
            if name == "save" and not self.can_save:
                continue
            if b.enabled and b.hit(pos):
                return name
        row = self._row_at(pos)
        return None if row is None else f"row:{row}"

    # --- input ----------------------------------------------------------------------------------
    def handle(self, action: Action) -> bool:
        it = action.intent
        if it in (Intent.QUIT, Intent.FULLSCREEN, Intent.MUTE):
            return False
        if it == Intent.POINTER_MOVE:
            self.pointer = action.pos
        elif it == Intent.POINTER_DOWN:
            self.pointer = action.pos
            self.pressed = self._target(action.pos)
        elif it == Intent.POINTER_UP:
            target, self.pressed = self.pressed, None
            if target is not None and target == self._target(action.pos):
                if target.startswith("row:"):
                    self.cursor = int(target[4:])
                    self.focus = "table"
                    self.open(self.cursor)
                else:
                    {"back": self.back, "up": self.up, "down": self.down,
                     "save": self.save}[target].on_click()
        elif it in (Intent.ROTATE, Intent.ROTATE_BACK) and action.pos is None:
            self.top += action.amount if it == Intent.ROTATE else -action.amount
            self._clamp()
        elif it == Intent.BACK:
            self.close()
        elif it in (Intent.NEXT, Intent.PREVIOUS):
            order = self.focus_order
            if self.focus in order:
                i = order.index(self.focus)
                self.focus = order[(i + (1 if it == Intent.NEXT else -1)) % len(order)]
            else:  # from no stop (an empty table): the first or the last one
                self.focus = order[0] if it == Intent.NEXT else order[-1]
        elif it == Intent.SELECT:
            if self.focus == "back":
                self.back.on_click()
            elif self.focus == "save":
                self.save.on_click()
            elif self.focus in ("up", "down"):
                button = self.up if self.focus == "up" else self.down
                if button.enabled:
                    button.on_click()
                if not button.enabled:  # scrolled to the end: back to the table
                    self.focus = "table"
            else:
                self.open(self.cursor)
        elif it in (Intent.UP, Intent.DOWN) and self.focus == "table":
            self.cursor += 1 if it == Intent.DOWN else -1
            self._clamp()
            if self.cursor < self.top:
                self.top = self.cursor
            elif self.cursor >= self.top + self.visible:
                self.top = self.cursor - self.visible + 1
            self._clamp()
        return True

    # --- drawing --------------------------------------------------------------------------------
    def draw(self, painter: Painter) -> None:
        _ = self._
        painter.rect("cream", (0, 0, 1280, 720))
        levels = list(self.ctx.levels or ())
        if self.pupil is None:
            painter.text(_("This pupil is not there any more."), (640, 340), 28, bold=True,
                         align="center")
            self.back.draw(painter, focused=self.focus == "back")
            return
        self._layout(painter)
        draw_avatar(painter, self.pupil.avatar, self.pupil.name, (96, 12, 72, 72))
        # the name and the class may be cut short: the classes screen shows them in full
        painter.text_box(self.pupil.name, (184, 8, 600, 50), 36, bold=True, align="midleft",
                         min_size=24, wrap=False, ellipsize=True)
        group = next((c for c in self.ctx.school.classes() if c.id == self.pupil.class_id), None)
        if group is not None:
            painter.text_box(group.name, (184, 60, 600, 30), 20, "ink_soft", align="midleft",
                             wrap=False, ellipsize=True)
        totals = pupil_totals(self.attempts, len(levels))
        self._draw_totals(painter, totals)
        self._draw_table(painter, levels)
        self._draw_side(painter, levels)
        self._draw_outcomes(painter, pygame.Rect(self.table.x, self.table.bottom - OUTCOMES_H,
                                                 self.table.width, OUTCOMES_H))
        for name_, b in (("back", self.back), ("up", self.up), ("down", self.down)):
            if name_ in ("up", "down") and not (self.up.enabled or self.down.enabled):
                continue
            b.draw(painter, focused=self.focus == name_, hovered=b.enabled and b.hit(
                self.pointer), pressed=self.pressed == name_)
            if name_ != "back":
                draw_arrow(painter, b.rect, name_, b.enabled)
        if self.can_save:
            self.save.draw(painter, focused=self.focus == "save", hovered=self.save.hit(
                self.pointer), pressed=self.pressed == "save")
        target = self._target(self.pointer) if self.pointer is not None else None
        if target == "back":
            draw_tooltip(painter, self.back)
        elif self.pointer is not None and self.outcomes_tip.hit(self.pointer):
            draw_tooltip(painter, self.outcomes_tip)
        self.toast.draw(painter, wrap=1000)

    def _layout(self, painter: Painter) -> None:
        """At a big text size the totals' cards grow and the table moves down under them."""
        _ = self._
        card_w = (880 - 3 * 12) / 4 - 28
        label_h = max(painter.fit(label, card_w, 200, 19, 16).height for label in (
            _("Levels solved"), _("Stars"), _("Attempts"), _("Time on task")))
        grow = max(0, round(label_h + painter.measure_letters("Ag", 30, True)[1] + 30 - 84))
        self.table = pygame.Rect(TABLE.x, TABLE.y + grow, TABLE.width, TABLE.height - grow)
        self.up.rect.y = self.down.rect.y = self.table.y - 56
        self._clamp()

    def _draw_totals(self, painter: Painter, t: Totals) -> None:
        _ = self._
        cards = [
            (_("Levels solved"), f"{t.solved} / {t.levels}"),
            (_("Stars"), str(t.stars)),
            (_("Attempts"), str(t.attempts)),
            (_("Time on task"), format_duration(t.seconds, self.lang, short=True)),
        ]
        w = (880 - 3 * 12) / 4
        h = 84 + self.table.y - TABLE.y
        value_h = painter.measure_letters("Ag", 30, True)[1]
        for i, (label, value) in enumerate(cards):
            r = pygame.Rect(16 + i * (w + 12), 100, w, h)
            painter.panel(r, fill="paper", radius=14, shadow=4)
            # the label on one or two lines, the number under it
            value_box = pygame.Rect(r.x + 14, r.bottom - 8 - value_h, r.width - 28 - 36 * (i == 1),
                                    value_h)
            painter.text_box(label, (r.x + 14, r.y + 6, r.width - 28, value_box.y - 4 - r.y - 6),
                             19, "ink_soft", align="midleft", min_size=16)
            painter.text_box(value, value_box, 30, bold=True, align="midleft", min_size=20)
            if i == 1:
                painter.star("yellow", (r.right - 30, value_box.centery), 16)

    def _draw_table(self, painter: Painter, levels: list) -> None:
        _ = self._
        catalogue = self.ctx.levels
        painter.text_box(_("History"), (self.table.x + 4, self.table.y - 52, 600, 46), 26,
                         bold=True, align="midleft", min_size=20)
        painter.panel(self.table, fill="paper", radius=14, shadow=4)
        heads = (_("Level"), _("When"), _("Result"), _("Tests"), _("Failed"), _("Hints"),
                 _("Time"))
        ends = (*COLS[1:], self.table.width)
        # a number column's word that does not fit (a long language, a big size) gives way to
        # its picture: the test, a failed test, the hint bulb, as on the play screen
        signs = (None, None, None, "icons/test", "icons/cross", "icons/hint", None)
        for x, end, head, sign in zip(COLS, ends, heads, signs, strict=True):
            box = pygame.Rect(self.table.x + x - 4, self.table.y + 4, end - x - 4, HEAD_H - 8)
            if sign is not None and not painter.fit(head, box.width, box.height, 18, MIN_LABEL,
                                                    True, False).fits:
                painter.image(sign, (box.x + 8, box.centery - 15, 30, 30))
                continue
            painter.text_box(head, box, 18, "ink_soft", bold=True, align="midleft",
                             min_size=MIN_LABEL, wrap=False)
        painter.line("tile_edge", (self.table.x + 8, self.table.y + HEAD_H), (self.table.right - 8,
                                                                      self.table.y + HEAD_H), 2)
        if not self.attempts:
            painter.text(_("No attempts yet."), (self.table.centerx, self.table.y + 120), 24, "ink_soft",
                         align="center")
        today = now()
        for i in range(self.top, min(len(self.attempts), self.top + self.visible)):
            a = self.attempts[i]
            r = self.row_rect(i)
            if i % 2:
                painter.rect((244, 239, 225), r)
            if self.pointer is not None and r.collidepoint(self.pointer):
                painter.rect((255, 255, 255, 120), r, 8)
            lv = catalogue.find(a.level_id) if catalogue is not None else None
            label = (f"{lv.order}. {_(lv.title)}" if lv is not None else a.level_id)
            # a level's title may be cut short: the attempt's own page shows it in full
            painter.text_box(label, (r.x + COLS[0] - 4, r.y + 2, COLS[1] - COLS[0] - 12,
                                     ROW_H - 4), 20, bold=True, align="midleft", wrap=False,
                             ellipsize=True)
            self._draw_when(painter, a.started, today, r)
            draw_outcome(painter, a.outcome, (r.x + COLS[2] + 14, r.centery), 15)
            name, at = _(OUTCOME_NAMES[a.outcome]), (r.x + COLS[2] + 34, r.centery)
            if a.outcome == Outcome.SOLVED:
                # the word and its stars end before the tests' number: a long word or a big
                # size gets smaller letters; where both still do not fit, the stars stay and
                # the word goes (the icon beside them says it, and the legend names the icon)
                word, wsize = fit(painter, name, COLS[3] - COLS[2] - 87, 19, bold=False,
                                  smallest=MIN_LABEL)
                left = at[0] if word != name else painter.text(word, at, wsize,
                                                               align="midleft").right + 5
                draw_stars(painter, (left + 29, r.centery), a.stars, 9)
            else:  # ends before the tests' number too (smaller letters where it must)
                painter.text_box(name, (at[0], r.y + 2, COLS[3] - COLS[2] - 40, ROW_H - 4), 19,
                                 align="midleft", min_size=MIN_LABEL, wrap=False)
            painter.text(str(a.tests_run), (r.x + COLS[3] + 16, r.centery), 19, align="midleft")
            painter.text(str(a.failed_tests), (r.x + COLS[4] + 16, r.centery), 19,
                         "vermillion_deep" if a.failed_tests else "ink", bold=bool(a.failed_tests),
                         align="midleft")
            painter.text(str(a.hints_used), (r.x + COLS[5] + 16, r.centery), 19,
                         align="midleft")
            dur = format_duration(attempt_seconds(a.started, a.ended), self.lang, short=True)
            dtext, dsize = fit(painter, dur, self.table.width - COLS[6] - 10, 18, bold=False,
                               smallest=17)
            painter.text(dtext, (r.x + COLS[6], r.centery), dsize, align="midleft")
            if self.focus == "table" and i == self.cursor:
                painter.rect("white", r.inflate(2, 2), 10, 6)
                painter.rect("blue", r.inflate(-1, -1), 10, 4)

    def _draw_when(self, painter: Painter, started, today, row: pygame.Rect) -> None:
        """When an attempt started, in its column, never cut short: on one line ("Dec 5
        11:58 PM"), smaller down to the label floor; a date that still does not fit (a font
        with wider letters) puts the day over the time."""
        when = format_when(started, self.lang, today, short=True)
        cell = pygame.Rect(row.x + COLS[1], row.y + 2, COLS[2] - COLS[1] - 12, ROW_H - 4)
        clock = format_clock(started, self.lang)
        if (when != clock and when.endswith(clock) and not painter.fit(
                when, cell.width, cell.height, 19, MIN_LABEL, False, False).fits):
            when = when[:-len(clock)].rstrip() + "\n" + clock
        painter.text_box(when, cell, 19, align="midleft", min_size=MIN_LABEL,
                         wrap="\n" in when)

    def _draw_kerndoelen_compact(self, painter: Painter, rows: list, labels: list[str],
                                 title_h: float) -> pygame.Rect:
        """The kerndoelen when their full names do not fit: each name on one line (cut short),
        its solved / total at the end of the line and a thin bar under it; nothing else."""
        width = SIDE.width - 32
        line_h = max(painter.measure_letters("Ag", 18)[1], painter.measure_letters("5 / 23", 18,
                                                                                   True)[1])
        row_h = line_h + 16
        box = pygame.Rect(SIDE.x, SIDE.y, SIDE.width,
                          min(SIDE.height, round(title_h + 22 + len(rows) * row_h)))
        painter.panel(box, fill="paper", radius=14, shadow=4)
        painter.text_box(self._("Kerndoelen"), (box.x + 16, box.y + 8, width, title_h), 22,
                         bold=True, align="midleft", min_size=16)
        y = box.y + title_h + 16
        for (_k, solved, total), label in zip(rows, labels, strict=True):
            numbers = painter.text_box(f"{solved} / {total}", (box.x + 16, y, width, line_h), 18,
                                       bold=True, align="midright", wrap=False)
            painter.text_box(label, (box.x + 16, y, numbers.x - 10 - box.x - 16, line_h), 18,
                             align="midleft", wrap=False, ellipsize=True)
            bar = pygame.Rect(box.x + 16, y + line_h + 3, width, 8)
            painter.rect("tile", bar, 4)
            if total and solved:
                painter.rect("green", (bar.x, bar.y, max(8, bar.width * solved / total),
                                       bar.height), 4)
            painter.rect("ink", bar, 4, 1)
            y += row_h
        return box

    def _draw_side(self, painter: Painter, levels: list) -> None:
        """The kerndoelen (each name on up to two lines, its bar and numbers under it), then
        what the table's outcomes mean; the outcome signs themselves are under the table."""
        _ = self._
        width = SIDE.width - 32
        title_h = painter.fit(_("Kerndoelen"), width, 80, 22, 16, True).height
        rows = kerndoel_progress(self.attempts, levels)
        labels = [f"{kerndoel_number(k)} {_(KERNDOELEN[k])}".strip() for k, _s, _t in rows]
        label_h = [painter.fit(t, width, 200, 18, 16).height for t in labels]
        num_h = painter.measure_letters("5 / 23", 18, True)[1]
        box_h = round(title_h + 22 + sum(h + num_h + 18 for h in label_h))
        compact = box_h > SIDE.height  # many kerndoelen, big letters: one line each
        box = (self._draw_kerndoelen_compact(painter, rows, labels, title_h) if compact
               else pygame.Rect(SIDE.x, SIDE.y, SIDE.width, box_h))
        if not compact:
            painter.panel(box, fill="paper", radius=14, shadow=4)
            painter.text_box(_("Kerndoelen"), (box.x + 16, box.y + 8, width, title_h), 22,
                             bold=True, align="midleft", min_size=16)
        y = box.y + title_h + 16
        full = [] if compact else list(zip(rows, labels, label_h, strict=True))
        for (_k, solved, total), label, h in full:
            painter.text_box(label, (box.x + 16, y, width, h), 18, align="topleft", min_size=16)
            y += h + 4
            numbers = painter.text_box(f"{solved} / {total}", (box.x + 16, y, width, num_h), 18,
                                       bold=True, align="midright", wrap=False)
            bar = pygame.Rect(box.x + 16, y + num_h / 2 - 8, numbers.x - 12 - box.x - 16, 16)
            painter.rect("tile", bar, 8)
            if total and solved:
                painter.rect("green", (bar.x, bar.y, max(16, bar.width * solved / total),
                                       bar.height), 8)
            painter.rect("ink", bar, 8, 2)
            y += num_h + 14
        # how to use the table, and what "stopped" and "still busy" mean: here when they fit,
        # and always in the tooltip of the outcomes under the table
        legend = pygame.Rect(SIDE.x, box.bottom + 14, SIDE.width, SIDE.bottom - box.bottom - 14)
        inner = legend.inflate(-32, -24)
        shown = []
        for text, size in ((self._intro(), 20), (self._note(), 17)):
            top = inner.y + sum(h + 10 for _t, _s, h in shown)
            fit = painter.fit(text, inner.width, inner.bottom - top, size, 16)
            if not fit.fits:
                break
            shown.append((text, size, fit.height))
        if not shown or legend.height < 60:
            return
        painter.panel(legend, fill="paper", radius=14, shadow=4)
        y = inner.y
        for text, size, h in shown:
            painter.text_box(text, (inner.x, y, inner.width, h), size,
                             "ink" if size == 20 else "ink_soft", align="topleft", min_size=16)
            y += h + 10

    def _intro(self) -> str:
        return self._("Open an attempt to see the build and replay it.")

    def _note(self) -> str:
        return self._("Stopped: left the level before it worked. Still busy: playing now, or "
                      "the computer was switched off.")

    def _draw_outcomes(self, painter: Painter, r: pygame.Rect) -> None:
        """Each outcome's sign and name, in one line under the table (a shape, not only a
        colour)."""
        painter.line("tile_edge", (r.x + 8, r.y), (r.right - 8, r.y), 2)
        self.outcomes_tip.rect = r.copy()
        self.outcomes_tip.tooltip = self._intro() + "\n" + self._note()
        outcomes = (Outcome.SOLVED, Outcome.GAVE_UP, Outcome.BUSY)
        step = r.width / len(outcomes)
        for i, outcome in enumerate(outcomes):
            x = r.x + 8 + i * step
            draw_outcome(painter, outcome, (x + 18, r.centery), 15)
            painter.text_box(self._(OUTCOME_NAMES[outcome]), (x + 40, r.y + 3, step - 48,
                                                              r.height - 6), 19,
                             align="midleft", min_size=16)
