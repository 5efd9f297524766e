"""Choose a lesson plan (lesbrief) of the teacher guide as the start of a new lesson.

The plans are ready-made 45-minute lessons (``teacher_guide/lesbrieven.yaml``), three or four
levels of one world each. Tapping one opens the lesson editor with the plan's title and levels
filled in; the teacher may change them, and nothing is stored until Save. The plans are
written in Dutch, like the guide they come from: their titles are shown as written, with a
note saying so, and the levels' own titles in the game's language.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.content.worlds import story_order
from game.guide.lesbrieven import LESBRIEVEN_FILE, Lesbrief, ready_lesbrieven
from game.progress.records import Lesson, new_id
from game.scenes.teacher_base import TeacherScene, lock_button
from game.scenes.worlds import world_colour, world_name
from game.ui.forms import (
    Pages,
    draw_backdrop,
    draw_empty,
    draw_heading,
    draw_page_count,
    icon,
    page_buttons,
)
from game.ui.textfit import MIN_BODY, MIN_LABEL, draw_chip
from game.ui.theme import readable
from game.ui.view import Painter
from game.ui.widgets import Button, draw_focus

#: the screen's name and what the plans are, under the world tabs
INFO = pygame.Rect(32, 116, 1216, 150)
CARDS = pygame.Rect(32, 280, 1216, 420)
COLS, ROWS = 1, 3  # wide cards: a plan's level titles fit on a line or two
GAP = 14


class LesbriefPickScene(TeacherScene):
    """The lesson plans of one world at a time (a tab a world), as cards: tap one to start a
    lesson from it in the editor."""

    def __init__(self, ctx, on_saved=None, path: str | Path = LESBRIEVEN_FILE) -> None:
        super().__init__(ctx)
        self.on_saved = on_saved
        levels = list(ctx.levels) if ctx.levels is not None else []
        self.world_of = {lv.id: lv.world for lv in levels}
        self.plans: list[Lesbrief] = ready_lesbrieven(levels, path)
        self.worlds = story_order({self.world_of[p.level_ids[0]] for p in self.plans})
        self.world = self.worlds[0] if self.worlds else None
        self.pages = Pages(COLS * ROWS)

    def on_enter(self) -> None:
        self._build()

    def shown(self) -> list[Lesbrief]:
        """The plans of the chosen world, in the world's order."""
        return [p for p in self.plans if self.world_of[p.level_ids[0]] == self.world]

    @staticmethod
    def card_rect(k: int) -> pygame.Rect:
        w = (CARDS.width - (COLS - 1) * GAP) // COLS
        h = (CARDS.height - (ROWS - 1) * GAP) // ROWS
        return pygame.Rect(CARDS.x + (k % COLS) * (w + GAP), CARDS.y + (k // COLS) * (h + GAP),
                           w, h)

    @staticmethod
    def world_tab(i: int) -> pygame.Rect:
        return pygame.Rect(128 + i * 84, 28, 72, 72)

    def _build(self) -> None:
        _ = self.ctx.gettext
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.ctx.stack.pop, icon="icons/back",
                            tooltip=_("Back"))),
            ("lock", lock_button(self.ctx)),
        ]
        for i, world in enumerate(self.worlds):
            items.append((f"world:{world}", Button(
                self.world_tab(i), lambda w=world: self.show_world(w), icon=f"map/{world}",
                tooltip=_(world_name(world)),
                fill=world_colour(world) if world == self.world else "paper")))
        plans = self.shown()
        for k, i in enumerate(self.pages.slice(len(plans))):
            plan = plans[i]
            items.append((f"plan:{plan.id}", Button(self.card_rect(k),
                                                    lambda p=plan: self.choose(p))))
        items += page_buttons("page", self.pages, len(plans),
                              pygame.Rect(1048 - 120, 38, 56, 52), self.turn)
        self.row.set(items)

    # --- actions --------------------------------------------------------------------------
    def show_world(self, world: str) -> None:
        self.world = world
        self.pages.page = 0
        self._build()

    def turn(self, step: int) -> None:
        self.pages.turn(step, len(self.shown()))
        self._build()

    def choose(self, plan: Lesbrief) -> None:
        """The lesson editor in this screen's place, with the plan's title and levels; the
        lesson is stored when the teacher saves it."""
        lesson = Lesson(id=new_id(), title=plan.title, level_ids=plan.level_ids)
        self.ctx.audio.play("click")
        self.ctx.replace("lesson_edit", lesson=lesson, on_saved=self.on_saved)

    # --- drawing --------------------------------------------------------------------------
    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        draw_backdrop(painter, teacher=True)
        if not self.plans:
            draw_heading(painter, _("Choose a lesson plan"),
                         icon_name=icon(painter, "icons/lesson", "icons/menu"), max_width=860)
            draw_empty(painter, pygame.Rect(160, 200, 960, 360),
                       _("No lesson plans were found: the teacher guide's file is missing or "
                         "damaged. You can still make a lesson yourself with New lesson."),
                       "guide/guide_thinking")
            self.row.draw(painter)
            return
        plans = self.shown()
        half = (INFO.width - 40) // 2
        painter.panel(INFO, fill="paper", radius=24, shadow=4)
        painter.text_box(_("Choose a lesson plan"), (INFO.x + 20, INFO.y + 6, half - 8, 46), 28,
                         bold=True, align="midleft", min_size=18)
        if self.world is not None:  # the chosen world's name, on the other side
            painter.text_box(_(world_name(self.world)), (INFO.x + 28 + half, INFO.y + 6,
                                                          half - 8, 46), 28, "ink_soft",
                             bold=True, align="midright", min_size=18)
        painter.text_box(_("Ready-made 45-minute lessons from the teacher guide, in Dutch. "
                           "Tap one to open it in the lesson editor, then save it."),
                         (INFO.x + 20, INFO.y + 52, INFO.width - 40, INFO.height - 58), 20,
                         "ink_soft", bold=True, align="midleft", min_size=MIN_BODY)
        if self.pages.count(len(plans)) > 1:  # on a plate: the backdrop is busy up here
            w = painter.measure("9 / 9", 22, True)[0] + 24
            painter.panel((1048 - 128 - w, 38, w, 52), fill="paper", radius=16, shadow=0)
            draw_page_count(painter, self.pages, len(plans), (1048 - 128 - w / 2, 64),
                            "center")
        for k, key in enumerate(self.row.keys):
            b = self.row.buttons[k]
            state = dict(focused=k == self.row.focus, hovered=k == self.row.hover,
                         pressed=k == self.row.pressed)
            if key.startswith("plan:"):
                plan = next(p for p in plans if p.id == key.split(":", 1)[1])
                self._draw_card(painter, b, plan, **state)
            else:
                b.draw(painter, **state)

    def _draw_card(self, painter: Painter, b: Button, plan: Lesbrief, focused: bool,
                   hovered: bool, pressed: bool) -> None:
        _ = self.ctx.gettext
        r = b.rect.move(0, 3 if pressed else 0)
        if focused:
            draw_focus(painter, r, 16)
        painter.panel(r, fill="paper", radius=16, outline="ink", shadow=0 if pressed else 4)
        if hovered:
            painter.rect((255, 255, 255, 70), r, 16)
        levels = [self.ctx.levels.find(i) for i in plan.level_ids]
        letters, colour = readable("white", world_colour(levels[0].world))
        painter.circle(colour, (r.x + 34, r.y + 30), 22)
        number = self.shown().index(plan) + 1
        painter.text(str(number), (r.x + 34, r.y + 31), 24, letters, bold=True, align="center")
        low, high = plan.band.split("-")
        # TRANSLATORS: the Dutch school year ("groep 3" is about age 6); keep {low} and {high}
        band = _("Groep {low}–{high}").format(low=low, high=high)
        chip = draw_chip(painter, band, r.right - 14, r.y + 30, 18, "tile", "ink_soft",
                         max_width=220, min_height=30, align="right")
        # TRANSLATORS: lesson plans, the levels a plan is about; {first} and {last}: numbers
        span = _("Levels {first}–{last}").format(first=levels[0].order, last=levels[-1].order)
        chip = draw_chip(painter, span, chip.x - 10, r.y + 30, 18, "cream", "ink_soft",
                         max_width=260, min_height=30, align="right")
        # the plan's own title, in Dutch as the guide prints it
        painter.text_box(plan.title, (r.x + 66, r.y + 6, chip.x - 12 - r.x - 66, 48), 24,
                         bold=True, align="midleft", min_size=MIN_LABEL)
        # the levels' titles may be cut short here: the editor lists each in full
        titles = "  ·  ".join(_(lv.title) for lv in levels)
        painter.text_box(titles, (r.x + 18, r.y + 58, r.width - 36, r.height - 64), 20,
                         align="topleft", min_size=MIN_LABEL, ellipsize=True)
