""""Who is playing?": a pupil taps their class, then their own avatar. No passwords.

Six-year-olds cannot type a password, and on a shared classroom PC a wrong name costs little
(the teacher sees it on the dashboard), so logging in is two taps on pictures. The class is
remembered while the game runs, so the next pupil on the same PC only taps their avatar.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from game.input import Action, Intent
from game.progress.records import name_sort_key
from game.scenes.base import Scene
from game.scenes.player import chosen
from game.speech import sentences
from game.ui.anim import motion
from game.ui.forms import (
    FocusRow,
    Pages,
    draw_avatar,
    draw_backdrop,
    draw_empty,
    draw_heading,
    draw_page_count,
    fit,
    icon,
    page_buttons,
)
from game.ui.guide_view import refresh_speaker, speaker_button
from game.ui.textfit import MIN_BODY
from game.ui.view import Painter
from game.ui.widgets import Button, Toast, draw_focus

HEADER_H = 120
TILE_AREA = pygame.Rect(40, 130, 1200, 570)


def tile_grid(count: int, area: pygame.Rect = TILE_AREA) -> tuple[int, int]:
    """Columns and rows per page: few pupils get big tiles, a class of 30 fits one page."""
    if count <= 4:
        return max(1, count), 1
    if count <= 10:
        return 5, 2
    if count <= 18:
        return 6, 3
    if count <= 24:
        return 8, 3
    return 8, 4


def speaker_item(ctx, text: Callable[[], str]) -> list[tuple[str, Button]]:
    """The read-aloud button of a login screen, for its FocusRow (none without speech)."""
    speak = speaker_button(ctx, (0, 0, 64, 64), text)
    return [("speak", speak)] if speak is not None else []


def place_speaker(row, ctx, left: float, centery: float) -> None:
    """Put the read-aloud button beside the heading (its width is known only when drawn)."""
    speak = row.button("speak")
    if speak is not None:
        refresh_speaker(speak, ctx)
        speak.rect.topleft = (round(left), round(centery - speak.rect.height / 2))


class ClassPickScene(Scene):
    """Big buttons with the class names; a guest button for home use."""

    def __init__(self, ctx, remember: Callable[[str], None] | None = None) -> None:
        super().__init__(ctx)
        self.remember = remember
        self.classes: list = []
        self.pages = Pages(9)
        self.row = FocusRow()
        self.t = 0.0

    def enter(self) -> None:
        self.classes = self.ctx.school.classes() if self.ctx.school is not None else []
        self._build()
        if self.row.focus is None and self.classes:
            self.row.focus_on(f"class:{self.classes[self.pages.page * 9].id}")

    def _build(self) -> None:
        _ = self.ctx.gettext
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.ctx.stack.pop, icon="icons/back",
                            tooltip=_("Back"))),
            ("guest", Button(pygame.Rect(1000, 28, 240, 72), self.guest, label=_("Guest"),
                             icon=icon(self.ctx.art, "icons/free_play", "icons/play"),
                             tooltip=_("Play without a name: nothing is kept for the teacher"))),
        ]
        shown = list(self.pages.slice(len(self.classes)))
        cols = 1 if len(shown) <= 3 else (2 if len(shown) <= 6 else 3)
        w = (1000 - (cols - 1) * 30) // cols
        rows = math.ceil(len(shown) / cols) if shown else 1
        h = min(120, (480 - (rows - 1) * 24) // rows)
        left = 640 - (cols * w + (cols - 1) * 30) // 2
        for k, i in enumerate(shown):
            c = self.classes[i]
            rect = pygame.Rect(left + (k % cols) * (w + 30), 190 + (k // cols) * (h + 24), w, h)
            items.append((f"class:{c.id}", Button(rect, lambda c=c: self.pick(c), label=c.name,
                                                  text_size=40, fill="yellow")))
        items += page_buttons("page", self.pages, len(self.classes), pygame.Rect(520, 636, 100, 64),
                              self.turn)
        items += speaker_item(self.ctx, self.read_aloud_text)
        self.row.set(items)

    def read_aloud_text(self) -> str:
        """The question and what to do, for a child who cannot read yet."""
        _ = self.ctx.gettext
        return sentences(_("Who is playing?"), _("Tap your class"))

    def turn(self, step: int) -> None:
        self.pages.turn(step, len(self.classes))
        self._build()

    def pick(self, group) -> None:
        if self.remember is not None:
            self.remember(group.id)
        self.ctx.audio.play("click")
        self.ctx.stack.push(AvatarScene(self.ctx, group.id))

    def guest(self) -> None:
        chosen(self.ctx, None)

    def handle(self, action: Action) -> bool:
        if action.intent == Intent.BACK:
            self.ctx.stack.pop()
            return True
        return self.row.handle(action)

    def update(self, dt: float) -> None:
        self.t += dt

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        draw_backdrop(painter)
        head = draw_heading(painter, _("Who is playing?"), icon_name=icon(painter, "icons/class",
                                                                          "icons/home"))
        place_speaker(self.row, self.ctx, head.right + 16, head.centery)
        painter.text(_("Tap your class"), (640, 150), 30, bold=True, align="center")
        if not self.classes:
            draw_empty(painter, pygame.Rect(290, 260, 700, 200),
                       _("There are no classes yet. Tap Guest to play."), "guide/guide_thinking")
        draw_page_count(painter, self.pages, len(self.classes), (760, 668), "midleft")
        self.row.draw(painter)


class AvatarScene(Scene):
    """The pupils of one class as avatars with their names under them; tap yourself."""

    def __init__(self, ctx, class_id: str) -> None:
        super().__init__(ctx)
        self.class_id = class_id
        self.class_name = ""
        self.several_classes = False
        self.pupils: list = []
        self.pages = Pages(32)
        self.row = FocusRow()
        self.toast = Toast(3.0)
        self.t = 0.0

    def enter(self) -> None:
        school = self.ctx.school
        if school is None:
            self.ctx.stack.pop()
            return
        classes = school.classes()
        self.several_classes = len(classes) > 1
        group = next((c for c in classes if c.id == self.class_id), None)
        self.class_name = group.name if group is not None else ""
        self.pupils = sorted(school.pupils(self.class_id),  # "Ömer" before "Zoë"
                             key=lambda p: name_sort_key(p.name))
        self.pages = Pages(self.per_page)
        if self.ctx.pupil is not None:
            ids = [p.id for p in self.pupils]
            if self.ctx.pupil.id in ids:
                self.pages.show(ids.index(self.ctx.pupil.id))
        self._build()

    @property
    def per_page(self) -> int:
        cols, rows = tile_grid(len(self.pupils))
        return cols * rows

    def tile_rect(self, k: int) -> pygame.Rect:
        """The ``k``-th tile on the page: the whole tile (picture and name) is the target."""
        cols, rows = tile_grid(len(self.pupils))
        gap = 16
        height = TILE_AREA.height - (76 if self.pages.count(len(self.pupils)) > 1 else 0)
        w = min(220, (TILE_AREA.width - (cols - 1) * gap) // cols)
        h = min(240, (height - (rows - 1) * gap) // rows)
        left = TILE_AREA.centerx - (cols * w + (cols - 1) * gap) // 2
        top = TILE_AREA.y + max(0, (height - rows * h - (rows - 1) * gap) // 3)
        return pygame.Rect(left + (k % cols) * (w + gap), top + (k // cols) * (h + gap), w, h)

    def _build(self) -> None:
        _ = self.ctx.gettext
        items: list[tuple[str, Button]] = [
            ("back", Button(pygame.Rect(32, 28, 72, 72), self.ctx.stack.pop, icon="icons/back",
                            tooltip=_("Back"))),
            ("guest", Button(pygame.Rect(1000, 28, 240, 72), self.guest, label=_("Guest"),
                             icon=icon(self.ctx.art, "icons/free_play", "icons/play"),
                             tooltip=_("Play without a name: nothing is kept for the teacher"))),
        ]
        if self.several_classes:
            items.append(("classes", Button(pygame.Rect(912, 28, 72, 72), self.other_class,
                                            icon=icon(self.ctx.art, "icons/class", "icons/home"),
                                            tooltip=_("Other class"))))
        for k, i in enumerate(self.pages.slice(len(self.pupils))):
            p = self.pupils[i]
            # drawn by this scene (avatar and name), the Button gives focus and clicks
            items.append((f"pupil:{p.id}", Button(self.tile_rect(k), lambda p=p: self.pick(p),
                                                  tooltip="")))
        items += page_buttons("page", self.pages, len(self.pupils),
                              pygame.Rect(556, 636, 72, 64), self.turn)
        items += speaker_item(self.ctx, self.read_aloud_text)
        current = f"pupil:{self.ctx.pupil.id}" if self.ctx.pupil is not None else None
        first = next((k for k, _b in items if k.startswith("pupil:")), None)
        self.row.set(items, focus=self.row.focused_key() or current or first)

    def read_aloud_text(self) -> str:
        """The question and what to do, for a child who cannot read yet."""
        _ = self.ctx.gettext
        return sentences(_("Who is playing?"),
                         # TRANSLATORS: read aloud where a pupil finds their own avatar
                         _("Tap your own picture."))

    def turn(self, step: int) -> None:
        self.pages.turn(step, len(self.pupils))
        self._build()

    def pick(self, pupil) -> None:
        chosen(self.ctx, pupil)

    def other_class(self) -> None:
        """A pupil of another class sits down: the class list (back comes here again)."""
        if any(isinstance(s, ClassPickScene) for s in self.ctx.stack.scenes):
            self.ctx.stack.pop()
        else:
            self.ctx.stack.replace(ClassPickScene(self.ctx))

    def guest(self) -> None:
        chosen(self.ctx, None)

    def handle(self, action: Action) -> bool:
        if action.intent == Intent.BACK:
            self.ctx.stack.pop()
            return True
        return self.row.handle(action)

    def update(self, dt: float) -> None:
        self.t += dt
        self.toast.update(dt)

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        draw_backdrop(painter)
        head = draw_heading(painter, _("Who is playing?"), icon_name=icon(
            painter, "icons/pupil", "icons/home"),
            max_width=480 if self.row.button("speak") is not None else 560)
        if self.class_name:
            # room up to the first button on the right, and for the speaker beside the name
            room = (912 if self.several_classes else 1000) - head.right - 60
            room -= 80 if self.row.button("speak") is not None else 0
            # on one line if it can, else on two in a taller plate (a long heading beside it)
            shape = painter.fit(self.class_name, max(60, room - 40), 72, 30, None, True)
            h = max(52, round(shape.height + 16))
            plate = pygame.Rect(head.right + 16, round(head.centery - h / 2),
                                round(shape.width + 40), h)
            painter.panel(plate, fill="yellow", radius=min(26, h / 2), shadow=3)
            painter.text_box(self.class_name, plate.inflate(-40, -8), 30, bold=True)
            head = plate
        place_speaker(self.row, self.ctx, head.right + 16, head.centery)
        if not self.pupils:
            draw_empty(painter, pygame.Rect(290, 260, 700, 200),
                       _("This class has no pupils yet. Ask your teacher."), "guide/guide_thinking")
        for k, key in enumerate(self.row.keys):
            if key.startswith("pupil:"):
                self._draw_tile(painter, k)
        for k, key in enumerate(self.row.keys):
            if not key.startswith("pupil:"):
                b = self.row.buttons[k]
                b.draw(painter, focused=k == self.row.focus, hovered=k == self.row.hover,
                       pressed=k == self.row.pressed)
        draw_page_count(painter, self.pages, len(self.pupils), (720, 668), "midleft")
        self.toast.draw(painter)

    def _draw_tile(self, painter: Painter, k: int) -> None:
        b = self.row.buttons[k]
        pupil_id = self.row.keys[k].split(":", 1)[1]
        pupil = next(p for p in self.pupils if p.id == pupil_id)
        r = b.rect.move(0, 3 if k == self.row.pressed else 0)
        if k == self.row.focus:
            draw_focus(painter, r, 22)
        me = self.ctx.pupil is not None and self.ctx.pupil.id == pupil.id
        painter.panel(r, fill="cream" if me else "paper", radius=22,
                      shadow=0 if k == self.row.pressed else 4)
        if k == self.row.hover:
            painter.rect((255, 255, 255, 80), r, 22)
        name_h = 28 if r.height < 170 else 40
        size = min(r.width - 20, r.height - name_h - 10)
        bob = 3 * math.sin(self.t * 2 + k) * motion(self.ctx.settings) if k in (self.row.hover, self.row.focus) else 0
        draw_avatar(painter, pupil.avatar, pupil.name,
                    (r.centerx - size / 2, r.y + 6 + bob, size, size))
        name, s = fit(painter, pupil.name, r.width - 12, 22 if r.height < 170 else 28)
        painter.text(name, (r.centerx, r.bottom - name_h / 2 - 4), s, bold=True, align="center")


class StoreProblemScene(Scene):
    """The school's data cannot be opened (e.g. made by a newer version of the game).

    A child must never see a traceback: a friendly card explains it, the details are there for
    the adult, and playing as a guest still works.
    """

    #: what went wrong (game.progress.db.StoreProblem.kind), or "newer", or None: other
    KINDS = ("newer", "damaged", "read-only", "full", "no-answer")

    def __init__(self, ctx, detail: str, on_guest: Callable[[], None], newer: bool = True,
                 kind: str | None = None) -> None:
        super().__init__(ctx)
        self.detail = detail
        self.kind = "newer" if newer and kind is None else kind
        self.newer = self.kind == "newer"
        self.on_guest = on_guest
        self.row = FocusRow()

    def enter(self) -> None:
        _ = self.ctx.gettext
        self.row.set([
            ("guest", Button(pygame.Rect(380, 592, 340, 84), self.guest, label=_("Play as guest"),
                             icon="icons/play", fill="yellow", text_size=28)),
            ("stop", Button(pygame.Rect(740, 592, 160, 84), self.ctx.quit, icon="icons/cross",
                            tooltip=_("Stop playing"))),
        ], focus="guest")

    def guest(self) -> None:
        self.ctx.stack.pop()
        self.on_guest()

    def handle(self, action: Action) -> bool:
        if action.intent == Intent.BACK:
            self.guest()
            return True
        return self.row.handle(action)

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        draw_backdrop(painter)
        card = pygame.Rect(240, 24, 800, 680)
        painter.panel(card, fill="paper", radius=32)
        # the title beside Noor, a size smaller rather than taller than Noor's picture
        head = painter.text_box(_("The class list cannot be opened"),
                                (card.x + 230, card.y + 40, 530, 200), 34, bold=True,
                                align="topleft", min_size=26)
        if self.newer:
            text = _("It was saved by a newer version of Techniekwerf. Ask the teacher or the "
                     "school's IT person to update the game on this computer. You can still "
                     "play as a guest.")
        elif self.kind == "damaged":
            text = _("Its file is damaged. Ask the teacher or the school's IT person to put "
                     "back a copy from a backup; the file is named below. You can still play "
                     "as a guest.")
        elif self.kind == "read-only":
            text = _("The game may not write in its folder. Ask the teacher or the school's IT "
                     "person to allow it; the file is named below. You can still play as a "
                     "guest.")
        elif self.kind == "full":
            text = _("The disk is full. Ask the teacher or the school's IT person to make room "
                     "on it; the file is named below. You can still play as a guest.")
        elif self.kind == "no-answer":
            text = _("The school's server does not answer. Ask the teacher or the school's IT "
                     "person to check the network and the server. You can still play as a "
                     "guest.")
        else:
            text = _("Ask the teacher or the school's IT person to check the school's database "
                     "settings. You can still play as a guest.")
        # the explanation under the title, down to the technical detail above the buttons
        buttons_top = min(b.rect.top for b in self.row.buttons)
        detail_h = painter.fit(self.detail, card.width - 80, 60, 18, 16).height
        body_top = max(card.y + 150, head.bottom + 12)
        detail_top = buttons_top - 16 - detail_h
        body = pygame.Rect(card.x + 230, body_top, 530, detail_top - 12 - body_top)
        noor = pygame.Rect(card.x + 40, card.y + 40, 160, 200)
        if not painter.fit(text, body.width, body.height, 24, 24).fits:
            # a long language: the whole width of the card, under Noor (drawn smaller when
            # the text needs the room)
            top = max(body_top, card.y + 250)
            body = pygame.Rect(card.x + 40, top, card.width - 80, detail_top - 12 - top)
            if not painter.fit(text, body.width, body.height, 24, MIN_BODY).fits:
                noor = pygame.Rect(card.x + 60, card.y + 40, 120, 150)
                top = max(body_top, noor.bottom + 12)
                body = pygame.Rect(card.x + 40, top, card.width - 80, detail_top - 12 - top)
        painter.image("guide/guide_oops", noor)
        painter.text_box(text, body, 24, align="topleft", min_size=MIN_BODY)
        painter.text_box(self.detail, (card.x + 40, detail_top, card.width - 80, detail_h), 18,
                         "ink_soft", align="topleft", min_size=16)
        self.row.draw(painter)
