"""What every teacher screen is built on: the second wall (a TeacherScene locks at once
without the PIN), the lock itself, and the two small cards the teacher screens open over
themselves (type a name; "are you sure?").

No screen of its own to navigate to: any scene may import it (tests/test_scene_graph.py).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.input import Action, Intent
from game.scenes import nav
from game.scenes.base import Scene, handle_card
from game.scenes.player import guest_store, settings_for
from game.ui.forms import FieldEntry, FocusRow, TextField, icon
from game.ui.textfit import MIN_BODY
from game.ui.view import Painter
from game.ui.widgets import Button

LOCK_RECT = pygame.Rect(1064, 28, 184, 72)
IDLE_LOCK_SECONDS = 600.0  # the teacher area locks itself after 10 minutes without input


def lock(ctx) -> None:
    """Leave the teacher area: back to the title, nothing of the teacher stays switched on."""
    ctx.teacher = False
    ctx.teacher_name = None
    ctx.logging = True
    ctx.pupil = None
    ctx.lesson = None
    settings_for(ctx, None)  # the PC's own settings again, not the last pupil's
    ctx.store = guest_store(ctx)
    if any(nav.is_at(s, "title") for s in ctx.stack.scenes):
        ctx.back_to("title")
    else:
        ctx.stack.clear()
        ctx.push("title")


class TeacherScene(Scene):
    """A screen for the teacher only. Entering it without the PIN locks at once.

    This is a second wall behind the gate: even a button added by mistake to a pupil screen
    cannot show a teacher screen (the scene-graph test checks the first wall).
    """

    teacher_only = True

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.row = FocusRow()  # the screen's buttons, in the order Tab visits them

    def handle(self, action: Action) -> bool:
        """Back (Esc) leaves the screen (:meth:`back`); every other action goes to its
        buttons."""
        if action.intent == Intent.BACK:
            self.back()
            return True
        return self.row.handle(action)

    def back(self) -> None:
        """Leave this screen for the one below."""
        self.ctx.stack.pop()

    def enter(self) -> None:
        if not self.ctx.teacher:
            lock(self.ctx)
            return
        self.on_enter()

    def on_enter(self) -> None:
        """What a teacher screen does when it shows (again); only ever with ``ctx.teacher``."""


def lock_button(ctx) -> Button:
    _ = ctx.gettext
    return Button(LOCK_RECT.copy(), lambda: lock(ctx), label=_("Lock"), icon="icons/lock",
                  tooltip=_("Close the teacher area"))


class FieldScene(FieldEntry, TeacherScene):
    """A teacher screen with one text field (``self.field``): its keys are
    :class:`game.ui.forms.FieldEntry`'s; the screen's job is :meth:`submit`."""

    field: TextField
    row: FocusRow

    def submit(self) -> None:
        raise NotImplementedError


class TextPromptScene(FieldScene):
    """A card over the screen asking for one short text (a class or lesson name)."""

    opaque = False

    def __init__(self, ctx, question: str, text: str, placeholder: str,
                 on_done: Callable[[str], None], limit: int = 30) -> None:
        super().__init__(ctx)
        self.question = question
        self.on_done = on_done
        self.field = TextField(pygame.Rect(300, 300, 680, 76), text, limit, placeholder)
        self.wants_text = True

    def on_enter(self) -> None:
        _ = self.ctx.gettext
        self.row.set([
            ("cancel", Button(pygame.Rect(300, 420, 250, 76), self.ctx.stack.pop,
                              label=_("Cancel"), icon="icons/cross")),
            ("ok", Button(pygame.Rect(730, 420, 250, 76), self.done, label=_("OK"),
                          icon="icons/check", fill="yellow", text_size=30)),
        ])

    def done(self) -> None:
        value = self.field.value
        if not value:
            return
        self.ctx.stack.pop()
        self.on_done(value)

    submit = done

    def handle(self, action: Action) -> bool:
        handled = self.handle_field(action)
        if handled is not None:
            return handled
        if action.intent in (Intent.QUIT, Intent.FULLSCREEN):
            return False
        self.row.handle(action)
        return True  # a card: nothing under it takes a key

    def update(self, dt: float) -> None:
        self.field.update(dt)

    def draw(self, painter: Painter) -> None:
        painter.rect((43, 45, 66, 150), (0, 0, 1280, 720))
        painter.panel((250, 180, 780, 350), fill="paper", radius=28)
        painter.text_box(self.question, (300, 196, 680, 80), 32, bold=True, align="midleft",
                         min_size=20)
        self.field.draw(painter)
        self.row.draw(painter)


class ConfirmScene(TeacherScene):
    """"Are you sure?" before anything is deleted; the safe answer has the focus."""

    opaque = False

    def __init__(self, ctx, question: str, warning: str, yes_label: str,
                 on_yes: Callable[[], None]) -> None:
        super().__init__(ctx)
        self.question = question
        self.warning = warning
        self.yes_label = yes_label
        self.on_yes = on_yes

    def on_enter(self) -> None:
        _ = self.ctx.gettext
        self.row.set([
            ("no", Button(pygame.Rect(300, 440, 300, 80), self.ctx.stack.pop,
                          label=_("No, keep it"), icon="icons/back", fill="yellow")),
            ("yes", Button(pygame.Rect(680, 440, 300, 80), self.yes, label=self.yes_label,
                           icon=icon(self.ctx.art, "icons/delete", "icons/remove"),
                           fill="vermillion", text_color="white")),
        ], focus="no")

    def yes(self) -> None:
        self.ctx.stack.pop()
        self.on_yes()

    def handle(self, action: Action) -> bool:
        return handle_card(action, self.row, self.ctx.stack.pop)

    def layout(self, painter: Painter) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        """The card, its question and its warning, as tall as their words need (a long
        language, a big text size): the card grows from the middle of the screen and the
        buttons move down with it. Returns (card, question box, warning box)."""
        q_h = max(100, painter.fit(self.question, 600, 300, 32, 20, True).height + 8)
        w_h = painter.fit(self.warning, 680, 400, 26, MIN_BODY).height + 6
        h = max(390, 26 + q_h + 8 + w_h + 24 + 80 + 40)
        card = pygame.Rect(250, max(8, round(365 - h / 2)), 780, min(h, 704))
        question = pygame.Rect(386, card.y + 26, 600, q_h)
        warning = pygame.Rect(300, question.bottom + 8, 680, w_h)
        buttons_y = max(card.y + 270, warning.bottom + 24)
        for b in self.row.buttons:
            b.rect.y = buttons_y
        return card, question, warning

    def draw(self, painter: Painter) -> None:
        painter.rect((43, 45, 66, 150), (0, 0, 1280, 720))
        card, question, warning = self.layout(painter)
        painter.panel(card, fill="paper", radius=28)
        painter.image("icons/attention", (290, card.y + 40, 72, 72))
        painter.text_box(self.question, question, 32, bold=True, align="midleft", min_size=20)
        painter.text_box(self.warning, warning, 26, align="topleft", min_size=MIN_BODY)
        self.row.draw(painter)
