"""The teacher gives a lesson as homework: a small file to hand out, or a short code to copy.

From the lessons screen ("Homework" on a lesson). The teacher chooses the class whose name
goes with it; the file (``<title>.techniekwerf-huiswerk``) goes to the exports' folder like
every export (game/scenes/exports.py) and the folder is shown, so it can be put on the
school's portal or in a mail to the parents; the code is on the screen to write on the board
or in the class's agenda. Parents open either at home (game/scenes/homework_in.py). Only the
level ids, the lesson's title and the class name are in it; nothing is sent anywhere.
"""

from __future__ import annotations

import pygame

from game import homework as hw
from game.progress.records import Lesson
from game.scenes import exports
from game.scenes.teacher_base import TeacherScene, lock_button
from game.ui.forms import Pages, draw_backdrop, draw_heading, draw_page_count, icon, page_buttons
from game.ui.textfit import MIN_BODY, MIN_LABEL
from game.ui.view import Painter
from game.ui.widgets import Button, Toast

TOP = pygame.Rect(32, 116, 1216, 226)
FILE = pygame.Rect(32, 358, 592, 350)
CODE = pygame.Rect(656, 358, 592, 350)
CLASS_W, CLASS_GAP, CLASSES_PER_PAGE = 250, 12, 4


class HomeworkOutScene(TeacherScene):
    """The lesson's title and levels, the class to name, the file and the code."""

    def __init__(self, ctx, lesson: Lesson) -> None:
        super().__init__(ctx)
        self.lesson = lesson
        self.level_ids = tuple(dict.fromkeys(lesson.level_ids))[:hw.MAX_LEVELS]
        self.classes: list = []
        self.class_name = ""
        self.pages = Pages(CLASSES_PER_PAGE)
        self.toast = Toast(12.0)
        self.saved: object = None  # the last file saved (for the tests)

    def on_enter(self) -> None:
        school = self.ctx.school
        self.classes = school.classes() if school is not None else []
        if not self.class_name and self.classes:
            on = [c for c in self.classes if (a := school.active_lesson(c.id)) is not None
                  and a.id == self.lesson.id]
            self.class_name = (on or self.classes)[0].name
        self._build()

    def homework(self) -> hw.Homework:
        return hw.Homework(self.level_ids, self.lesson.title[:hw.MAX_TITLE],
                           self.class_name[:hw.MAX_CLASS])

    def code(self) -> str:
        return hw.to_code(self.level_ids) if self.level_ids else ""

    def _build(self) -> None:
        _ = self.ctx.gettext
        art = self.ctx.art
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.ctx.stack.pop, icon="icons/back",
                            tooltip=_("Back"))),
            ("lock", lock_button(self.ctx)),
        ]
        for k, i in enumerate(self.pages.slice(len(self.classes))):
            c = self.classes[i]
            on = c.name == self.class_name
            items.append((f"class:{c.id}", Button(
                pygame.Rect(TOP.x + 24 + k * (CLASS_W + CLASS_GAP), TOP.bottom - 78, CLASS_W, 64),
                lambda c=c: self.choose(c.name), label=c.name, text_size=24,
                icon="icons/check" if on else icon(art, "icons/class", "icons/home"),
                fill="green" if on else "paper", text_color="white" if on else "ink")))
        items += page_buttons("classpage", self.pages, len(self.classes),
                              pygame.Rect(TOP.right - 140, TOP.bottom - 78, 56, 64), self.turn)
        if self.level_ids:
            items.append(("save", Button(
                pygame.Rect(FILE.x + 24, FILE.bottom - 88, FILE.width - 48, 72), self.save,
                # TRANSLATORS: teacher's homework screen: save the homework as a file
                label=_("Save the file"), icon=icon(art, "icons/export", "icons/check"),
                fill="green", text_color="white", text_size=28)))
        self.row.set(items, focus=self.row.focused_key() or ("save" if self.level_ids
                                                             else "back"))

    # --- actions ---------------------------------------------------------------------------
    def choose(self, name: str) -> None:
        self.class_name = name
        self.ctx.audio.play("click")
        self._build()

    def turn(self, step: int) -> None:
        self.pages.turn(step, len(self.classes))
        self._build()

    def save(self):
        """The homework file in the exports' folder; the folder is shown (to attach the file
        to a mail or put it on the school's portal)."""
        _ = self.ctx.gettext
        folder = exports.export_folder(self.ctx)  # looked up now (tests)
        out = folder / hw.file_name(self.lesson.title)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            from game.settings import write_atomic

            write_atomic(out, hw.to_json(self.homework()))
        except OSError as exc:
            # TRANSLATORS: a note after a failed export; {error}: the computer's error message
            self.toast.show(_("Could not save the file: {error}").format(error=exc),
                            "icons/attention")
            return None
        self.saved = out
        exports.open_with_viewer(out.parent)  # the folder: the file is to be handed on
        # TRANSLATORS: after "Saved as ... in ..." on the teacher's homework screen
        self.toast.show(exports.saved_message(_, out.name, out.parent) + "\n" + _(
            "Give it to the parents: at home they open it under For parents, then Homework."), "icons/check")
        return out

    def update(self, dt: float) -> None:
        self.toast.update(dt)

    # --- drawing ---------------------------------------------------------------------------
    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        ngettext = self.ctx.ngettext
        draw_backdrop(painter, teacher=True)
        # TRANSLATORS: the heading of the teacher's screen that gives a lesson as homework
        draw_heading(painter, _("Homework"), icon_name=icon(painter, "icons/homework",
                                                             "icons/lesson"), max_width=760)
        painter.panel(TOP, fill="paper", radius=24, shadow=4)
        painter.text_box(self.lesson.title, (TOP.x + 24, TOP.y + 12, TOP.width - 48, 46), 30,
                         bold=True, align="midleft", min_size=20, wrap=False, ellipsize=True)
        n = len(self.level_ids)
        # TRANSLATORS: lessons screen; {n}: how many levels a lesson has
        count = ngettext("{n} level", "{n} levels", n).format(n=n)
        if len(self.lesson.level_ids) > n:
            # TRANSLATORS: teacher's homework screen, a lesson longer than a homework holds;
            # {n}: how many levels a homework holds at most
            count += "  ·  " + ngettext("A homework holds the first {n} level.",
                                        "A homework holds the first {n} levels.",
                                        hw.MAX_LEVELS).format(n=hw.MAX_LEVELS)
        painter.text_box(count, (TOP.x + 24, TOP.y + 58, TOP.width - 48, 36), 22, "ink_soft",
                         bold=True, align="midleft", min_size=MIN_LABEL)
        # TRANSLATORS: teacher's homework screen, above the classes: whose name goes with it
        painter.text_box(_("For the class:"), (TOP.x + 24, TOP.y + 96, TOP.width - 200, 46), 26,
                         bold=True, align="midleft", min_size=MIN_LABEL)
        if not self.classes:
            painter.text_box(_("Make a class first (Classes and pupils)."),
                             (TOP.x + 24, TOP.bottom - 78, TOP.width - 48, 64), 22, "ink_soft",
                             align="midleft", min_size=MIN_BODY)
        draw_page_count(painter, self.pages, len(self.classes),
                        (TOP.right - 150, TOP.y + 119), "midright")
        self._draw_file(painter)
        self._draw_code(painter)
        self.row.draw(painter)
        self.toast.draw(painter, bottom=712, wrap=1000)

    def _draw_file(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        painter.panel(FILE, fill="paper", radius=24, shadow=4)
        # TRANSLATORS: teacher's homework screen, the heading over the file's button
        painter.text_box(_("A file"), (FILE.x + 24, FILE.y + 12, FILE.width - 48, 44), 28,
                         bold=True, align="midleft", min_size=MIN_LABEL)
        painter.text_box(_("It holds only the levels, the title and the class. Parents open "
                           "it under For parents."),
                         (FILE.x + 24, FILE.y + 56, FILE.width - 48, FILE.height - 152), 22,
                         align="topleft", min_size=MIN_BODY)

    def _draw_code(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        painter.panel(CODE, fill="paper", radius=24, shadow=4)
        # TRANSLATORS: teacher's homework screen, the heading over the short code
        painter.text_box(_("Or a code"), (CODE.x + 24, CODE.y + 12, CODE.width - 48, 44), 28,
                         bold=True, align="midleft", min_size=MIN_LABEL)
        painter.text_box(_("For the board or the agenda: parents type it at home. It holds "
                           "only the levels."),
                         (CODE.x + 24, CODE.y + 56, CODE.width - 48, CODE.height - 176), 22,
                         align="topleft",
                         min_size=MIN_BODY)
        groups = self.code().split("-")  # a long code on two lines, five groups a line
        lines = ["-".join(groups[i:i + 5]) for i in range(0, len(groups), 5)]
        box = pygame.Rect(CODE.x + 24, CODE.bottom - 112, CODE.width - 48, 96)
        painter.rect("white", box, 12)
        painter.rect("ink", box, 12, 2)
        with painter.keep_ltr(box):  # a code reads left to right in every language
            high = (box.height - 16) / len(lines)
            for i, line in enumerate(lines):
                painter.text_box(line, (box.x + 12, box.y + 8 + i * high, box.width - 24, high),
                                 40 if len(lines) == 1 else 34, bold=True, wrap=False,
                                 min_size=16)
