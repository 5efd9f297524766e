"""The teacher's start screen: four big tiles, the data screen and a lock.

Teachers open this between two lessons with a class waiting, so it is a handful of large,
labelled tiles, not a menu bar: classes and pupils, lessons, the class dashboard, and
"try a level" (the game as a pupil sees it, with nothing stored).

When the game has notes for the teacher (``ctx.notices``: a damaged file set aside, a file
that could not be saved, a school server that does not answer), the tiles move up and the
notes show under them, one line each; tapping them opens every note in full.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game import bidi
from game.guide.link import GuideLink
from game.i18n import is_rtl, language_of
from game.scenes.player import guest_store
from game.scenes.teacher_base import TeacherScene, lock, lock_button
from game.sim.parts import N_
from game.ui.forms import (
    Pages,
    draw_backdrop,
    draw_heading,
    draw_page_count,
    fit,
    icon,
    page_buttons,
)
from game.ui.view import Painter
from game.ui.widgets import Button, Toast, draw_focus

TILES: tuple[tuple[str, str, str, tuple[str, ...], str], ...] = (
    ("classes", N_("Classes and pupils"), N_("Make classes, add pupils and their avatars"),
     ("icons/class", "icons/home"), "sky_blue"),
    ("lessons", N_("Lessons"), N_("Choose the levels for a lesson and switch it on"),
     ("icons/lesson", "icons/menu"), "yellow"),
    ("dashboard", N_("Class progress"), N_("See who solved what, and who needs help"),
     ("icons/dashboard", "icons/star"), "green"),
    ("try", N_("Try a level"), N_("Play any level yourself; nothing is saved"),
     ("icons/eye", "icons/play"), "orange"),
)
TILE_W, TILE_H = 540, 200
#: with notes for the teacher the tiles are lower and start higher, the notes under them
TILE_TOP, TILE_H_NOTES, TILE_TOP_NOTES, TILE_GAP_NOTES = 160, 164, 128, 16
NOTES_RECT = pygame.Rect(84, 488, 1112, 116)
NOTE_LINES = 3  # lines of notes on the start screen; the rest is one tap away
DATA_RECT = pygame.Rect(856, 28, 184, 72)
GUIDE_RECT = pygame.Rect(572, 28, 268, 72)  # the teacher guide, beside Data
GUIDE_BUSY = pygame.Rect(356, 616, 880, 72)  # "Preparing the teacher guide...", the lessons line


class TryItProgress:
    """The progress a teacher sees while trying levels: none, and nothing is ever kept.

    The play screen reports results to ``ctx.store``; in try-it mode that goes nowhere, so a
    teacher's test runs never show up as a guest's stars or in a pupil's record.
    """

    profile = "try-it"

    def best_stars(self, level_id: str) -> int:
        return 0

    def record_result(self, level_id: str, stars: int, solved: bool, parts_used: int,
                      hints_used: int) -> None:
        """Not kept: the teacher is only trying."""

    def completed(self) -> set[str]:
        return set()

    def is_completed(self, level_id: str) -> bool:
        return False

    def is_unlocked(self, level_id: str) -> bool:
        return True

    def total_stars(self, level_ids: list[str] | None = None) -> int:
        return 0


class TeacherHomeScene(TeacherScene):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.toast = Toast(4.0)
        self.trying = False
        self.guide = GuideLink(ctx, self.toast.show)

    def on_enter(self) -> None:
        if self.trying:  # back from "try a level": logging on again, the guest's progress
            self.trying = False
            self.ctx.logging = True
            self.ctx.store = guest_store(self.ctx)
        self._build()

    def tile_rect(self, i: int) -> pygame.Rect:
        if self.noted:
            return pygame.Rect(640 - TILE_W - 16 + (i % 2) * (TILE_W + 32),
                               TILE_TOP_NOTES + (i // 2) * (TILE_H_NOTES + TILE_GAP_NOTES),
                               TILE_W, TILE_H_NOTES)
        return pygame.Rect(640 - TILE_W - 16 + (i % 2) * (TILE_W + 32),
                           TILE_TOP + (i // 2) * (TILE_H + 32), TILE_W, TILE_H)

    @property
    def noted(self) -> bool:
        """The game has notes for the teacher (then the start screen shows them)."""
        return bool(len(self.ctx.notices))

    def _build(self) -> None:
        _ = self.ctx.gettext
        self._built_noted = self.noted
        actions: dict[str, Callable[[], None]] = {
            "classes": self.open_classes, "lessons": self.open_lessons,
            "dashboard": self.open_dashboard, "try": self.try_levels}
        items = [(key, Button(self.tile_rect(i), actions[key]))
                 for i, (key, *_rest) in enumerate(TILES)]
        if self.noted:
            items.append(("notices", Button(NOTES_RECT.copy(), self.open_notices,
                                            tooltip=_("Read every note in full"))))
        items.append(("pin", Button(pygame.Rect(32, 616, 300, 72), self.change_pin,
                                    label=_("New PIN"), icon=icon(self.ctx.art, "icons/key",
                                                                  "icons/lock"),
                                    tooltip=_("Choose another teacher PIN"))))
        items.append(("guide", Button(GUIDE_RECT.copy(), self.open_guide, label=_("Teacher guide"),
                                      icon="icons/reading", text_size=24,
                                      tooltip=_("Every level: what it teaches, a question for "
                                                "the class and a solution key"))))
        items.append(("data", Button(DATA_RECT.copy(), self.open_data, label=_("Data"),
                                     icon=icon(self.ctx.art, "icons/export", "icons/menu"),
                                     tooltip=_("Save or merge logs; end of the school year"))))
        items.append(("lock", lock_button(self.ctx)))
        self.row.set(items, focus=self.row.focused_key() or "classes")

    # --- the tiles ------------------------------------------------------------------------
    def open_classes(self) -> None:
        self.ctx.push("classes")

    def open_lessons(self) -> None:
        self.ctx.push("lessons")

    def open_dashboard(self) -> None:
        _ = self.ctx.gettext
        classes = self.ctx.school.classes()
        if not classes:
            self.toast.show(_("Make a class first: tap Classes and pupils."),
                            "guide/guide_thinking")
            return
        if len(classes) == 1:
            self.show_dashboard(classes[0].id)
        else:
            self.ctx.stack.push(ChooseClassScene(self.ctx, _("Which class?"), self.show_dashboard))

    def show_dashboard(self, class_id: str) -> None:
        self.ctx.push("dashboard", class_id=class_id)

    def try_levels(self) -> None:
        """The game as a pupil sees it, but as nobody: no pupil, no lesson, nothing stored."""
        self.trying = True
        self.ctx.logging = False
        self.ctx.pupil = None
        self.ctx.lesson = None
        self.ctx.store = TryItProgress()
        self.ctx.push("world_map")

    def open_data(self) -> None:
        self.ctx.push("data")

    def open_guide(self) -> None:
        """The whole teacher guide in the PC's viewer (made first if it is not there yet)."""
        self.guide.open()

    def change_pin(self) -> None:
        self.ctx.push("new_pin")

    def open_notices(self) -> None:
        self.ctx.stack.push(NoticesScene(self.ctx))

    # --- input and drawing ----------------------------------------------------------------
    def back(self) -> None:
        lock(self.ctx)  # the teacher's home is the way out of the teacher area

    def update(self, dt: float) -> None:
        self.toast.update(dt)
        self.guide.update(dt)
        if self.noted != getattr(self, "_built_noted", self.noted):
            self._build()  # a note came (a server stopped answering) or went: lay out again

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        draw_backdrop(painter, teacher=True)
        draw_heading(painter, _("Teacher"), x=32, icon_name=icon(painter, "icons/teacher",
                                                                 "icons/lock"))
        for key, title, note, icons, colour in TILES:
            k = self.row.keys.index(key)
            r = self.row.buttons[k].rect.move(0, 3 if k == self.row.pressed else 0)
            if k == self.row.focus:
                draw_focus(painter, r, 24)
            painter.panel(r, fill="paper", radius=24, shadow=0 if k == self.row.pressed else 6)
            painter.rect(colour, (r.x, r.y, 170, r.height), 24)
            painter.rect(colour, (r.x + 100, r.y, 70, r.height))
            painter.rect("ink", r, 24, 3)
            painter.image(icon(painter, *icons), (r.x + 25, r.centery - 60, 120, 120))
            if k == self.row.hover:
                painter.rect((255, 255, 255, 70), r, 24)
            # the title on one line, the note wrapped in the room under it
            w = r.width - 214
            box = (r.x + 194, r.y + 16, w, 56)
            fitted = painter.fit(_(title), w, 56, 34, 24, True, wrap=False)
            if not fitted.fits:  # Arabic's tall letters at the biggest text size: more room
                box = (r.x + 194, r.y + 10, w, 64 if self.noted else 72)
                fitted = painter.fit(_(title), w, box[3], 34, 24, True, wrap=False)
            top = painter.text_box(_(title), box, 34, bold=True, align="midleft", min_size=24,
                                   wrap=False, ellipsize=not fitted.fits)
            note_top = max(r.y + 76, top.bottom + 6)
            room = r.bottom - 12 - note_top
            # the lower tiles beside the teacher's notes leave out a note that does not fit
            # (the tile's title and picture say enough; without notes the note is there)
            if not self.noted or painter.fit(_(note), w, room, 22, 16).fits:
                painter.text_box(_(note), (r.x + 194, note_top, w, room), 22, "ink_soft",
                                 align="topleft", min_size=16)
        if not self.guide.busy:  # the busy line takes its place while the guide is made
            self._draw_active(painter)
        self._draw_notes(painter)
        for k, key in enumerate(self.row.keys):
            if key in ("pin", "guide", "data", "lock"):
                self.row.buttons[k].draw(painter, focused=k == self.row.focus,
                                         hovered=k == self.row.hover,
                                         pressed=k == self.row.pressed)
        self.guide.draw_busy(painter, GUIDE_BUSY)
        self.toast.draw(painter, bottom=600)

    def _draw_notes(self, painter: Painter) -> None:
        """The teacher's notes, one line each (cut short with "..."; the notes screen shows them
        whole), in a panel that opens that screen."""
        if "notices" not in self.row.keys:
            return
        _ = self.ctx.gettext
        ngettext = self.ctx.ngettext
        k = self.row.keys.index("notices")
        r = self.row.buttons[k].rect.move(0, 3 if k == self.row.pressed else 0)
        if k == self.row.focus:
            draw_focus(painter, r, 20)
        painter.panel(r, fill="paper", radius=20, shadow=0 if k == self.row.pressed else 5)
        painter.rect("orange", (r.x, r.y, 96, r.height), 20)
        painter.rect("orange", (r.x + 60, r.y, 36, r.height))
        painter.rect("ink", r, 20, 3)
        painter.image(icon(painter, "icons/attention", "icons/info"),
                      (r.x + 18, r.centery - 30, 60, 60))
        if k == self.row.hover:
            painter.rect((255, 255, 255, 70), r, 20)
        notes = [n.text for n in self.ctx.notices]
        # as many lines as the panel holds at the smallest size (Arabic's tall letters at the
        # biggest text size: two), at most NOTE_LINES
        tall = max(painter.measure_letters(text, 16)[1] for text in notes)
        lines = max(1, min(NOTE_LINES, int((r.height - 12) // max(tall, 1))))
        if len(notes) > lines:
            more = len(notes) - (lines - 1)
            # TRANSLATORS: the last line of the teacher's notes on the start screen; {count} is
            # the number of notes not shown there
            line = ngettext("and {count} more note: tap to read all",
                            "and {count} more notes: tap to read all", more)
            notes = notes[:lines - 1] + [line.format(count=more)]
        line_h = (r.height - 12) / lines
        for i, text in enumerate(notes):
            painter.text_box(text, (r.x + 112, r.y + 6 + i * line_h, r.width - 128, line_h),
                             20, align="midleft", min_size=16, wrap=False,
                             ellipsize=True)

    def _draw_active(self, painter: Painter) -> None:
        """One line under the tiles: which lesson is on for which class (the state at a glance)."""
        _ = self.ctx.gettext
        school = self.ctx.school
        parts = []
        for group in school.classes()[:4]:
            lesson = school.active_lesson(group.id)
            # TRANSLATORS: {group} is a class, {lesson} the lesson switched on for it
            parts.append(_("{group}: {lesson}").format(
                group=group.name, lesson=lesson.title if lesson else _("no lesson")))
        if parts:
            line = bidi.join(parts, "   ·   ", is_rtl(language_of(self.ctx)))
            text, size = fit(painter, line, 880, 22)
            painter.text(text, (356, 652), size, "ink_soft", bold=True, align="midleft")


class NoticesScene(TeacherScene):
    """Every note for the teacher in full, a few to a page: what was set aside or could not be
    saved, and what to do about it."""

    PER_PAGE = 3

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.pages = Pages(self.PER_PAGE)

    def on_enter(self) -> None:
        self._build()

    def _build(self) -> None:
        _ = self.ctx.gettext
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.ctx.stack.pop, icon="icons/back",
                            tooltip=_("Back")))]
        items += page_buttons("page", self.pages, len(self.ctx.notices),
                              pygame.Rect(540, 620, 90, 64), self.turn)
        self.row.set(items, focus=self.row.focused_key() or "back")

    def turn(self, step: int) -> None:
        self.pages.turn(step, len(self.ctx.notices))
        self._build()

    def note_rect(self, k: int) -> pygame.Rect:
        return pygame.Rect(128, 140 + k * 158, 1068, 150)

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        draw_backdrop(painter, teacher=True)
        draw_heading(painter, _("Notes for the teacher"),
                     icon_name=icon(painter, "icons/attention", "icons/info"))
        notes = list(self.ctx.notices)
        if not notes:
            painter.text_box(_("No notes: everything was read and saved."),
                             (84, 300, 1112, 120), 28, "ink_soft", bold=True)
        self.pages.clamp(len(notes))
        for k, i in enumerate(self.pages.slice(len(notes))):
            r = self.note_rect(k)
            painter.panel(r, fill="paper", radius=20, shadow=4)
            painter.rect("orange", (r.x, r.y, 16, r.height), 8)
            painter.text_box(notes[i].text, r.inflate(-64, -24).move(8, 0), 22, align="topleft",
                             min_size=16)
        draw_page_count(painter, self.pages, len(notes), (760, 652), align="midleft")
        self.row.draw(painter)


class ChooseClassScene(TeacherScene):
    """Pick one class (for the dashboard), one big button each."""

    def __init__(self, ctx, title: str, on_pick: Callable[[str], None]) -> None:
        super().__init__(ctx)
        self.title = title
        self.on_pick = on_pick
        self.pages = Pages(8)
        self.classes: list = []

    def on_enter(self) -> None:
        self.classes = self.ctx.school.classes()
        self._build()

    def _build(self) -> None:
        _ = self.ctx.gettext
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.ctx.stack.pop, icon="icons/back",
                            tooltip=_("Back")))]
        for k, i in enumerate(self.pages.slice(len(self.classes))):
            c = self.classes[i]
            rect = pygame.Rect(160 + (k % 2) * 500, 160 + (k // 2) * 110, 460, 88)
            items.append((f"class:{c.id}", Button(rect, lambda c=c: self.pick(c.id), label=c.name,
                                                  text_size=32, fill="yellow")))
        items += page_buttons("page", self.pages, len(self.classes),
                              pygame.Rect(540, 620, 90, 64), self.turn)
        first = f"class:{self.classes[0].id}" if self.classes else None
        self.row.set(items, focus=self.row.focused_key() or first)

    def turn(self, step: int) -> None:
        self.pages.turn(step, len(self.classes))
        self._build()

    def pick(self, class_id: str) -> None:
        self.ctx.stack.pop()
        self.on_pick(class_id)

    def draw(self, painter: Painter) -> None:
        draw_backdrop(painter, teacher=True)
        draw_heading(painter, self.title, icon_name=icon(painter, "icons/class", "icons/home"))
        self.row.draw(painter)
