"""Lessons, for the teacher: compose one (a title, levels in order, free play after), copy,
delete, and switch a lesson on for a class, after which its pupils see only those levels.

The composer shows the levels as the pupils' cards do (number, title, kind, groep), so the
teacher picks by what a level is, not by an id.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.content.worlds import story_order
from game.guide.link import GuideLink
from game.progress.records import InvalidRecord, Lesson, new_id
from game.scenes.teacher_base import (
    ConfirmScene,
    FieldScene,
    TeacherScene,
    TextPromptScene,
    lock_button,
)
from game.scenes.worlds import (
    KIND_CHIPS,
    KIND_COLORS,
    KIND_NAMES,
    first_world,
    kind_of,
    places,
    world_colour,
    world_name,
)
from game.ui.forms import (
    Pages,
    TextField,
    draw_backdrop,
    draw_empty,
    draw_heading,
    draw_page_count,
    icon,
    page_buttons,
)
from game.ui.textfit import MIN_BODY, draw_chip
from game.ui.theme import readable
from game.ui.view import Painter
from game.ui.widgets import Button, Toast, draw_focus

LEFT = pygame.Rect(32, 130, 372, 570)
RIGHT = pygame.Rect(428, 130, 820, 570)
LESSON_ROWS = 6
TITLE_MAX = 40
#: "From a lesson plan" (game/scenes/lesbrief_pick.py), between the heading and the lock
PLANS_RECT = pygame.Rect(744, 28, 304, 72)
#: "Homework" (game/scenes/homework_out.py), at the top right of the chosen lesson
HOMEWORK_RECT = pygame.Rect(RIGHT.right - 24 - 320, RIGHT.y + 14, 320, 64)

CATALOGUE = pygame.Rect(32, 120, 760, 580)
ORDER = pygame.Rect(808, 120, 440, 580)
CARD_COLS, CARD_ROWS = 3, 3  # at the biggest text size two columns (see card_cols)
ORDER_ROWS = 7
GUIDE_SIZE = 48  # the small button on a level's card that opens its page in the teacher guide


def guide_rect(card: pygame.Rect) -> pygame.Rect:
    """The teacher guide's button on a level card: its top right corner."""
    return pygame.Rect(card.right - GUIDE_SIZE - 6, card.y + 6, GUIDE_SIZE, GUIDE_SIZE)


def playable_worlds() -> list[str]:
    """The worlds with levels, in story order."""
    return story_order(p.world for p in places() if p.playable)


def find(ctx, level_id: str):
    return ctx.levels.find(level_id) if ctx.levels is not None else None


def groep_text(ctx, level) -> str:
    _ = ctx.gettext
    lo, hi = level.groep
    # TRANSLATORS: the Dutch school year ("groep 3" is about age 6); keep {low} and {high}
    return (_("Groep {low}–{high}").format(low=lo, high=hi) if lo != hi
            # TRANSLATORS: the Dutch school year ("groep 3" is about age 6); keep {low}
            else _("Groep {low}").format(low=lo))


def level_label(ctx, level_id: str) -> str:
    level = find(ctx, level_id)
    return ctx.gettext(level.title) if level is not None else level_id


class LessonsScene(TeacherScene):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.toast = Toast(3.0)
        self.lessons: list[Lesson] = []
        self.classes: list = []
        self.active: dict[str, str | None] = {}  # class id -> active lesson id
        self.selected: str | None = None
        self.pages = Pages(LESSON_ROWS)
        self.class_pages = Pages(3)

    def on_enter(self) -> None:
        self.reload()

    def reload(self) -> None:
        school = self.ctx.school
        self.lessons = sorted(school.lessons(), key=lambda ls: ls.title.casefold())
        self.classes = school.classes()
        self.active = {}
        for c in self.classes:
            lesson = school.active_lesson(c.id)
            self.active[c.id] = lesson.id if lesson is not None else None
        ids = [ls.id for ls in self.lessons]
        if self.selected not in ids:
            self.selected = ids[0] if ids else None
        if self.selected is not None:
            self.pages.show(ids.index(self.selected))
        self._build()

    @property
    def lesson(self) -> Lesson | None:
        return next((ls for ls in self.lessons if ls.id == self.selected), None)

    def _build(self) -> None:
        _ = self.ctx.gettext
        art = self.ctx.art
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.ctx.stack.pop, icon="icons/back",
                            tooltip=_("Back"))),
            ("lock", lock_button(self.ctx)),
            ("plans", Button(PLANS_RECT.copy(), self.from_plan, label=_("From a lesson plan"),
                             icon=icon(art, "icons/lesson", "icons/menu"), text_size=22,
                             tooltip=_("Start a lesson from a ready-made lesson plan of the "
                                       "teacher guide"))),
        ]
        for k, i in enumerate(self.pages.slice(len(self.lessons))):
            ls = self.lessons[i]
            on = any(v == ls.id for v in self.active.values())
            items.append((f"lesson:{ls.id}", Button(
                pygame.Rect(LEFT.x + 16, LEFT.y + 60 + k * 72, LEFT.width - 32, 64),
                lambda ls=ls: self.select(ls.id), label=ls.title, text_size=24,
                icon="icons/play" if on else None,
                fill="yellow" if ls.id == self.selected else "paper")))
        items += page_buttons("page", self.pages, len(self.lessons),
                              pygame.Rect(LEFT.right - 140, LEFT.y + 4, 56, 48), self.turn)
        items.append(("new", Button(pygame.Rect(LEFT.x + 16, LEFT.bottom - 80, LEFT.width - 32, 64),
                                    self.new_lesson, label=_("New lesson"),
                                    icon=icon(art, "icons/plus", "icons/lesson"), fill="green",
                                    text_color="white", text_size=26)))
        lesson = self.lesson
        if lesson is not None:
            for j, (key, label, names, action) in enumerate((
                    ("edit", _("Change"), ("icons/edit", "icons/menu"), self.edit),
                    ("copy", _("Copy"), ("icons/copy", "icons/redo"), self.copy),
                    ("delete", _("Delete"), ("icons/delete", "icons/remove"), self.delete))):
                items.append((key, Button(pygame.Rect(RIGHT.x + 24 + j * 216, RIGHT.y + 318,
                                                      200, 64), action,
                                          label=label, icon=icon(art, *names), text_size=22)))
            items.append(("homework", Button(
                HOMEWORK_RECT.copy(), self.homework, icon=icon(art, "icons/homework", "icons/home"),
                # TRANSLATORS: lessons screen: give the lesson as homework (a file or code)
                label=_("Homework"), text_size=22)))
            for k, i in enumerate(self.class_pages.slice(len(self.classes))):
                c = self.classes[i]
                on = self.active.get(c.id) == lesson.id
                rect = pygame.Rect(RIGHT.x + 24 + k * 262, RIGHT.y + 460, 250, 64)
                items.append((f"class:{c.id}", Button(
                    rect, lambda c=c: self.toggle(c.id), label=c.name, text_size=24,
                    icon="icons/check" if on else icon(art, "icons/class", "icons/home"),
                    fill="green" if on else "paper", text_color="white" if on else "ink",
                    tooltip=_("On: the pupils of this class see only this lesson") if on
                    else _("Switch this lesson on for this class"))))
            items += page_buttons("classpage", self.class_pages, len(self.classes),
                                  pygame.Rect(RIGHT.right - 140, RIGHT.y + 406, 56, 48),
                                  self.turn_classes)
        self.row.set(items)

    # --- actions --------------------------------------------------------------------------
    def select(self, lesson_id: str) -> None:
        self.selected = lesson_id
        self._build()

    def turn(self, step: int) -> None:
        self.pages.turn(step, len(self.lessons))
        self._build()

    def turn_classes(self, step: int) -> None:
        self.class_pages.turn(step, len(self.classes))
        self._build()

    def new_lesson(self) -> None:
        self.ctx.stack.push(LessonEditScene(self.ctx, None, on_saved=self._saved))

    def from_plan(self) -> None:
        self.ctx.push("lesbrief_pick", on_saved=self._saved)

    def edit(self) -> None:
        if self.lesson is not None:
            self.ctx.stack.push(LessonEditScene(self.ctx, self.lesson, on_saved=self._saved))

    def homework(self) -> None:
        if self.lesson is not None:
            self.ctx.push("homework_out", lesson=self.lesson)

    def _saved(self, lesson_id: str) -> None:
        self.selected = lesson_id

    def copy(self) -> None:
        lesson = self.lesson
        if lesson is None:
            return
        _ = self.ctx.gettext

        def copied(title: str) -> None:
            self.selected = self.ctx.school.copy_lesson(lesson.id, title).id
            self.reload()

        self.ctx.stack.push(TextPromptScene(
            self.ctx, _("Title of the copy"),
            # TRANSLATORS: lessons screen, the suggested title of a copy; {title}: a lesson's title
            _("{title} (copy)").format(title=lesson.title)[:TITLE_MAX], "", copied, TITLE_MAX))

    def delete(self) -> None:
        lesson = self.lesson
        if lesson is None:
            return
        _ = self.ctx.gettext

        def gone() -> None:
            self.ctx.school.delete_lesson(lesson.id)
            self.selected = None
            self.reload()

        self.ctx.stack.push(ConfirmScene(
            # TRANSLATORS: lessons screen, asked before deleting; {title}: the lesson's title
            self.ctx, _("Delete the lesson {title}?").format(title=lesson.title),
            _("The pupils' work stays. Classes with this lesson switched on get the map "
              "again."), _("Delete lesson"), gone))

    def toggle(self, class_id: str) -> None:
        lesson = self.lesson
        if lesson is None:
            return
        on = self.active.get(class_id) == lesson.id
        self.ctx.school.activate_lesson(class_id, None if on else lesson.id)
        self.ctx.audio.play("click")
        self.reload()

    # --- input and drawing ----------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.toast.update(dt)

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        draw_backdrop(painter, teacher=True)
        draw_heading(painter, _("Lessons"), icon_name=icon(painter, "icons/lesson", "icons/menu"),
                     max_width=PLANS_RECT.x - 16 - 128 - 56 - 52)
        painter.panel(LEFT, fill="paper", radius=24, shadow=4)
        painter.text(_("Lessons"), (LEFT.x + 20, LEFT.y + 28), 28, bold=True, align="midleft")
        draw_page_count(painter, self.pages, len(self.lessons), (LEFT.right - 150, LEFT.y + 28),
                        "midright")
        painter.panel(RIGHT, fill="paper", radius=24, shadow=4)
        lesson = self.lesson
        if lesson is None:
            draw_empty(painter, RIGHT.inflate(-80, -260),
                       _("Make a lesson: choose levels for your class, in your order."),
                       "guide/guide_happy")
        else:
            self._draw_lesson(painter, lesson)
        self.row.draw(painter)
        self.toast.draw(painter)

    def _draw_lesson(self, painter: Painter, lesson: Lesson) -> None:
        _ = self.ctx.gettext
        # the title may be cut short here: the list on the left shows it in full
        room = HOMEWORK_RECT.x - 16 - RIGHT.x - 24  # the title and count end before Homework
        painter.text_box(lesson.title, (RIGHT.x + 24, RIGHT.y + 10, room, 46), 30,
                         bold=True, align="midleft", min_size=20, wrap=False, ellipsize=True)
        n = len(lesson.level_ids)
        # TRANSLATORS: lessons screen; {n}: how many levels a lesson has
        count = self.ctx.ngettext("{n} level", "{n} levels", n).format(n=n)
        if lesson.free_play:
            count += "  ·  " + _("then free play")
        painter.text_box(count, (RIGHT.x + 24, RIGHT.y + 56, room, 36), 22,
                         "ink_soft", bold=True, align="midleft")
        # two columns of five; a longer lesson shows nine and "and 3 more" in the tenth place
        shown = lesson.level_ids[:10] if n <= 10 else lesson.level_ids[:9]
        for i, level_id in enumerate(shown):
            x, y = self._slot(i)
            level = find(self.ctx, level_id)
            colour = world_colour(level.world) if level is not None else "metal"
            letters, colour = readable("white", colour)  # a green a shade deeper
            painter.circle(colour, (x + 18, y + 18), 18)
            painter.text(str(i + 1), (x + 18, y + 19), 20, letters, bold=True, align="center")
            # a title may be cut short here: the lesson's editor shows its card in full
            painter.text_box(level_label(self.ctx, level_id), (x + 46, y - 2, 330, 42), 22,
                             "ink" if level else "ink_soft", align="midleft", wrap=False,
                             ellipsize=True)
        if n > len(shown):
            extra = n - len(shown)
            # TRANSLATORS: lessons screen, end of a list of levels; {n}: how many more levels
            more = self.ctx.ngettext("and {n} more", "and {n} more", extra).format(n=extra)
            x, y = self._slot(9)
            painter.text_box(more, (x + 46, y - 2, 330, 42), 20, "ink_soft", bold=True,
                             align="midleft")
        painter.line("tile_edge", (RIGHT.x + 24, RIGHT.y + 398), (RIGHT.right - 24, RIGHT.y + 398),
                     3)
        count_w = painter.measure("9 / 9", 22, True)[0] if self.class_pages.count(
            len(self.classes)) > 1 else 0
        paged = 150 + count_w if count_w else 24
        painter.text_box(_("Switched on for:"), (RIGHT.x + 24, RIGHT.y + 408, RIGHT.width - 24 -
                                                 paged, 44), 26, bold=True, align="midleft")
        if not self.classes:
            painter.text_box(_("Make a class first (Classes and pupils)."),
                             (RIGHT.x + 24, RIGHT.y + 460, RIGHT.width - 48, 90), 22, "ink_soft",
                             align="topleft", min_size=MIN_BODY)
        draw_page_count(painter, self.class_pages, len(self.classes),
                        (RIGHT.right - 150, RIGHT.y + 430), "midright")

    @staticmethod
    def _slot(i: int) -> tuple[int, int]:
        """Where the ``i``-th level of the lesson is listed (two columns of five)."""
        return RIGHT.x + 24 + (i // 5) * 392, RIGHT.y + 100 + (i % 5) * 42


class LessonEditScene(FieldScene):
    """Compose a lesson: tap level cards to add them, order them with the arrows, save."""

    def __init__(self, ctx, lesson: Lesson | None, on_saved=None) -> None:
        super().__init__(ctx)
        _ = ctx.gettext
        self.original = lesson
        self.lesson_id = lesson.id if lesson else new_id()
        self.field = TextField(pygame.Rect(128, 28, 560, 72), lesson.title if lesson else "",
                               TITLE_MAX, _("Title of the lesson"))
        self.level_ids: list[str] = list(lesson.level_ids) if lesson else []
        self.free_play = lesson.free_play if lesson else False
        self.on_saved = on_saved
        worlds = playable_worlds()
        self.world = first_world(worlds)
        self.card_cols = self._card_cols()
        self.card_pages = Pages(self.card_cols * CARD_ROWS)
        self.order_pages = Pages(ORDER_ROWS)
        self.toast = Toast(3.0)
        self.wants_text = True
        self.flash: tuple[str, float] | None = None
        self.guide = GuideLink(ctx, self.toast.show)

    def on_enter(self) -> None:
        cols = self._card_cols()
        if cols != self.card_cols:  # the text size changed while the teacher was away
            first = self.card_pages.page * self.card_pages.per_page
            self.card_cols, self.card_pages = cols, Pages(cols * CARD_ROWS)
            self.card_pages.show(first)
        self._build()

    def _card_cols(self) -> int:
        """Three columns of level cards; two wider ones at the biggest text size, so a title
        keeps its size on a line or two instead of shrinking into a narrow card."""
        return 2 if self.ctx.settings.text_size >= 2 else CARD_COLS

    @property
    def dirty(self) -> bool:
        o = self.original
        if o is None:
            return bool(self.level_ids or self.field.value)
        return (self.field.value, tuple(self.level_ids), self.free_play) != (
            o.title, tuple(o.level_ids), o.free_play)

    def catalogue(self) -> list:
        return self.ctx.levels.world(self.world) if self.ctx.levels is not None else []

    def card_rect(self, k: int) -> pygame.Rect:
        gap = 14
        cols = self.card_cols
        w = (CATALOGUE.width - 32 - (cols - 1) * gap) // cols
        h = 140
        return pygame.Rect(CATALOGUE.x + 16 + (k % cols) * (w + gap),
                           CATALOGUE.y + 80 + (k // cols) * (h + gap), w, h)

    def order_y(self, k: int) -> int:
        return ORDER.y + 64 + k * 64

    def _build(self) -> None:
        _ = self.ctx.gettext
        art = self.ctx.art
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.leave, icon="icons/back",
                            tooltip=_("Back"))),
            ("free", Button(pygame.Rect(708, 28, 300, 72), self.toggle_free,
                            label=_("Free play after"),
                            icon="icons/check" if self.free_play else icon(
                                art, "icons/free_play", "icons/play"),
                            fill="green" if self.free_play else "paper",
                            text_color="white" if self.free_play else "ink", text_size=22,
                            tooltip=_("After the lesson's levels, pupils may play every level"))),
            ("save", Button(pygame.Rect(1028, 28, 220, 72), self.save, label=_("Save"),
                            icon="icons/check", fill="yellow", text_size=30)),
        ]
        # one tab a world: its badge from the map, its name as the tooltip and beside the tabs
        # (eight worlds fit in a row; a name of any length gets the room left over)
        for i, world in enumerate(playable_worlds()):
            items.append((f"world:{world}", Button(
                self.world_tab(i), lambda w=world: self.show_world(w), icon=f"map/{world}",
                tooltip=_(world_name(world)),
                fill=world_colour(world) if world == self.world else "paper")))
        levels = self.catalogue()
        for k, i in enumerate(self.card_pages.slice(len(levels))):
            lv = levels[i]
            # the guide's button lies on the card: first, so a tap on it is its own
            items.append((f"guide:{lv.id}", Button(
                guide_rect(self.card_rect(k)), lambda lv=lv: self.guide.open(lv.id),
                icon="icons/reading", tooltip=_("This level in the teacher guide"))))
            items.append((f"card:{lv.id}", Button(self.card_rect(k),
                                                  lambda lv=lv: self.add(lv.id))))
        items += page_buttons("cards", self.card_pages, len(levels),
                              pygame.Rect(CATALOGUE.right - 152, CATALOGUE.y + 12, 64, 56),
                              self.turn_cards)
        for k, i in enumerate(self.order_pages.slice(len(self.level_ids))):
            y = self.order_y(k)
            level_id = self.level_ids[i]
            x = ORDER.right - 16 - 3 * 56
            for j, (key, label, names, action, ok) in enumerate((
                    ("up", "", None, lambda i=i: self.move(i, -1), i > 0),
                    ("down", "", None, lambda i=i: self.move(i, 1),
                     i < len(self.level_ids) - 1),
                    ("remove", "", ("icons/delete", "icons/remove"),
                     lambda i=i: self.remove(i), True))):
                items.append((f"{key}:{level_id}", Button(
                    pygame.Rect(x + j * 56, y, 52, 56), action, label=label, text_size=22,
                    icon=icon(art, *names) if names else None, enabled=ok,
                    tooltip={"up": _("Earlier"), "down": _("Later"),
                             "remove": _("Take out of the lesson")}[key])))
        items += page_buttons("order", self.order_pages, len(self.level_ids),
                              pygame.Rect(ORDER.right - 136, ORDER.bottom - 62, 56, 48),
                              self.turn_order)
        self.row.set(items)

    # --- actions --------------------------------------------------------------------------
    @staticmethod
    def world_tab(i: int) -> pygame.Rect:
        return pygame.Rect(CATALOGUE.x + 16 + i * 66, CATALOGUE.y + 8, 58, 58)

    def show_world(self, world: str) -> None:
        self.world = world
        self.card_pages.page = 0
        self._build()

    def turn_cards(self, step: int) -> None:
        self.card_pages.turn(step, len(self.catalogue()))
        self._build()

    def turn_order(self, step: int) -> None:
        self.order_pages.turn(step, len(self.level_ids))
        self._build()

    def toggle_free(self) -> None:
        self.free_play = not self.free_play
        self._build()

    def add(self, level_id: str) -> None:
        _ = self.ctx.gettext
        if level_id in self.level_ids:
            self.order_pages.show(self.level_ids.index(level_id))
            self.flash = (level_id, 1.2)
            self.toast.show(_("This level is already in the lesson."))
        else:
            self.level_ids.append(level_id)
            self.order_pages.show(len(self.level_ids) - 1)
            self.flash = (level_id, 0.8)
            self.ctx.audio.play("click")
        self._build()

    def move(self, index: int, step: int) -> None:
        j = index + step
        if not 0 <= j < len(self.level_ids):
            return
        ids = self.level_ids
        ids[index], ids[j] = ids[j], ids[index]
        moved = ids[j]
        self.order_pages.show(j)
        key = f"{'up' if step < 0 else 'down'}:{moved}"
        self._build()
        button = self.row.button(key)
        self.row.focus_on(key if button is not None and button.enabled else f"remove:{moved}")

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.level_ids):
            del self.level_ids[index]
            self.order_pages.clamp(len(self.level_ids))
            self._build()

    def save(self) -> None:
        _ = self.ctx.gettext
        title = self.field.value
        if not title:
            self.toast.show(_("Give the lesson a title first."), "guide/guide_thinking")
            return
        if not self.level_ids:
            self.toast.show(_("Tap the levels this lesson is about."), "guide/guide_thinking")
            return
        if self.original is not None:
            lesson = replace(self.original, title=title, level_ids=tuple(self.level_ids),
                             free_play=self.free_play)
        else:
            lesson = Lesson(id=self.lesson_id, title=title, level_ids=tuple(self.level_ids),
                            free_play=self.free_play)
        try:
            self.ctx.school.save_lesson(lesson)
        except InvalidRecord:  # a title of only dashes or dots: nothing is saved, nothing lost
            self.toast.show(_("Give the lesson a title with letters or numbers."),
                            "guide/guide_thinking")
            return
        if self.on_saved is not None:
            self.on_saved(lesson.id)
        self.ctx.stack.pop()

    def leave(self) -> None:
        if not self.dirty:
            self.ctx.stack.pop()
            return
        _ = self.ctx.gettext
        self.ctx.stack.push(ConfirmScene(
            self.ctx, _("Leave without saving?"), _("The changes to this lesson will be lost."),
            _("Leave"), self.ctx.stack.pop))

    # --- input and drawing ----------------------------------------------------------------
    def submit(self) -> None:
        self.save()

    def update(self, dt: float) -> None:
        self.field.update(dt)
        self.toast.update(dt)
        self.guide.update(dt)
        if self.flash is not None:
            left = self.flash[1] - dt
            self.flash = (self.flash[0], left) if left > 0 else None

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        draw_backdrop(painter, teacher=True)
        self.field.draw(painter)
        painter.panel(CATALOGUE, fill="paper", radius=24, shadow=4)
        # the chosen world's name after its tab, up to the page arrows; on two lines if it
        # must (six worlds' tabs leave a long name at the biggest text size too little room),
        # as tall as the room above the cards allows
        name_x = self.world_tab(len(playable_worlds())).x + 6
        painter.text_box(_(world_name(self.world)),
                         (name_x, CATALOGUE.y + 2, CATALOGUE.right - 152 - 12 - name_x, 74), 24,
                         bold=True, align="midleft", min_size=16)
        total = len(self.catalogue())
        pages = self.card_pages.count(total)
        count_w = painter.measure(f"{pages} / {pages}", 22, True)[0] + 16 if pages > 1 else 0
        painter.text_box(_("Tap a level to add it to the lesson."),
                         (CATALOGUE.x + 20, CATALOGUE.bottom - 42, CATALOGUE.width - 40 - count_w,
                          36), 20, "ink_soft", bold=True, align="midleft")
        draw_page_count(painter, self.card_pages, total,
                        (CATALOGUE.right - 20, CATALOGUE.bottom - 22), "midright")
        painter.panel(ORDER, fill="cream", radius=24, shadow=4)
        n = len(self.level_ids)
        # TRANSLATORS: lessons screen; {n}: how many levels a lesson has
        count = painter.text_box(self.ctx.ngettext("{n} level", "{n} levels", n).format(n=n),
                                 (ORDER.right - 200, ORDER.y + 8, 180, 48), 22, "ink_soft",
                                 bold=True, align="midright", wrap=False)
        painter.text_box(_("In this lesson"), (ORDER.x + 20, ORDER.y + 8,
                                               count.x - 12 - ORDER.x - 20, 48), 26, bold=True,
                         align="midleft", min_size=16)
        if not self.level_ids:
            painter.text(_("No levels yet. Tap the cards on the left, in the order the class "
                           "should play them."), (ORDER.x + 24, ORDER.y + 90), 22, "ink_soft",
                         wrap=ORDER.width - 48)
        for k, i in enumerate(self.order_pages.slice(n)):
            self._draw_row(painter, k, i)
        draw_page_count(painter, self.order_pages, n, (ORDER.right - 148, ORDER.bottom - 38),
                        "midright")
        for k, key in enumerate(self.row.keys):
            b = self.row.buttons[k]
            state = dict(focused=k == self.row.focus, hovered=k == self.row.hover,
                         pressed=k == self.row.pressed)
            if key.startswith("card:"):
                self._draw_card(painter, b, key.split(":", 1)[1], **state)
                guide = self.row.keys.index("guide:" + key.split(":", 1)[1])
                self.row.buttons[guide].draw(painter, focused=guide == self.row.focus,
                                             hovered=guide == self.row.hover,
                                             pressed=guide == self.row.pressed)
            elif key.startswith("guide:"):
                continue  # drawn on its card, after it
            else:
                b.draw(painter, **state)
            if key.startswith(("up:", "down:")):
                self._draw_arrow(painter, b, up=key.startswith("up:"), pressed=state["pressed"])
        self.guide.draw_busy(painter, (CATALOGUE.x + 10, CATALOGUE.bottom - 50,
                                       CATALOGUE.width - 20, 46))
        self.toast.draw(painter)

    @staticmethod
    def _draw_arrow(painter: Painter, b: Button, up: bool, pressed: bool) -> None:
        """The font has no arrow glyphs: a drawn triangle reads the same in every language."""
        cx, cy = b.rect.centerx, b.rect.centery + (3 if pressed else 0)
        d = -1 if up else 1
        colour = "ink" if b.enabled else "shadow"
        painter.polygon(colour, [(cx - 13, cy - 7 * d), (cx + 13, cy - 7 * d), (cx, cy + 9 * d)])

    def _draw_row(self, painter: Painter, k: int, i: int) -> None:
        level_id = self.level_ids[i]
        y = self.order_y(k)
        r = pygame.Rect(ORDER.x + 12, y, ORDER.width - 24, 56)
        flashing = self.flash is not None and self.flash[0] == level_id
        painter.rect("yellow" if flashing else "paper", r, 14)
        painter.rect("tile_edge", r, 14, 2)
        level = find(self.ctx, level_id)
        colour = world_colour(level.world) if level is not None else "metal"
        letters, colour = readable("white", colour)  # a green a shade deeper
        painter.circle(colour, (r.x + 30, r.centery), 20)
        painter.text(str(i + 1), (r.x + 30, r.centery + 1), 22, letters, bold=True,
                     align="center")
        # the level's title may be cut short here: its card on the left shows it in full
        painter.text_box(level_label(self.ctx, level_id), (r.x + 58, r.y + 2,
                                                           r.width - 66 - 3 * 56, r.height - 4),
                         22, "ink" if level else "ink_soft", bold=True, align="midleft",
                         wrap=False, ellipsize=True)

    def _draw_card(self, painter: Painter, b: Button, level_id: str, focused: bool,
                   hovered: bool, pressed: bool) -> None:
        _ = self.ctx.gettext
        level = find(self.ctx, level_id)
        if level is None:
            return
        r = b.rect.move(0, 3 if pressed else 0)
        if focused:
            draw_focus(painter, r, 16)
        chosen = level_id in self.level_ids
        painter.panel(r, fill="cream" if chosen else "paper", radius=16,
                      outline="green" if chosen else "ink", shadow=0 if pressed else 4)
        if chosen:
            painter.rect("green", r, 16, 5)
        if hovered:
            painter.rect((255, 255, 255, 70), r, 16)
        letters, world = readable("white", world_colour(level.world))
        painter.circle(world, (r.x + 30, r.y + 30), 20)
        painter.text(str(level.order), (r.x + 30, r.y + 31), 22, letters, bold=True,
                     align="center")
        band = groep_text(self.ctx, level)
        kind = kind_of(level)
        word = _(KIND_NAMES.get(kind, kind))
        title = _(level.title)
        chip_h = max(26, painter.measure_letters(word, 16, True)[1] + 8)
        chip_top = r.bottom - 14 - chip_h
        # the groep up to the guide's button at the top right
        top = draw_chip(painter, band, r.x + 58, r.y + 30, 16, "tile", "ink_soft",
                        max_width=r.width - 58 - GUIDE_SIZE - 12, min_height=26)
        title_top = max(r.y + GUIDE_SIZE + 10, top.bottom + 4)
        room = (r.width - 24 - (40 if chosen else 0), chip_top - 4 - title_top)
        if painter.fit(title, *room, 20, 16, True).fits:
            fill, letters = KIND_CHIPS.get(kind, ("ink_soft", "white"))  # readable pairs
            draw_chip(painter, word, r.x + 14, chip_top + chip_h / 2, 16, fill, letters,
                      max_width=r.width - 28 - (52 if chosen else 0), min_height=26)
        else:  # a long title at a big size: the kind as its picture, at the right under the
            # guide's button (above the place in the lesson when chosen)
            room = (r.width - 24 - 40, r.bottom - 10 - title_top)
            if painter.fit(title, *room, 20, 16, True).fits:
                ky = r.bottom - 26 - (42 if chosen else 0)
                painter.circle(KIND_COLORS.get(kind, "metal"), (r.right - 26, ky), 18)
                if painter.art.exists(f"icons/{kind}"):
                    painter.image(f"icons/{kind}", (r.right - 39, ky - 13, 26, 26))
            else:  # longer still: the title takes the width, the kind is left out
                room = (r.width - 24 - (40 if chosen else 0), r.bottom - 10 - title_top)
        # the title between the chips: wrapped, smaller letters only if it must
        painter.text_box(title, (r.x + 12, title_top, *room), 20, bold=True, align="topleft",
                         min_size=16)
        if chosen:
            pos = self.level_ids.index(level_id) + 1
            painter.circle("green_deep", (r.right - 26, r.bottom - 26), 18)
            painter.text(str(pos), (r.right - 26, r.bottom - 25), 20, "white", bold=True,
                         align="center")
