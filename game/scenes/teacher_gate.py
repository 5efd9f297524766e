"""The only door into the teacher's screens: a PIN pad.

Pupils share the PCs, so every teacher screen derives from :class:`TeacherScene`, which
refuses to stay on the stack unless the PIN was given (``ctx.teacher``). The PIN itself is
kept by the school store (scrypt, back-off after wrong tries); this screen only asks for it,
shows the wait after a wrong try as a countdown, and locks the teacher area again.
"""

from __future__ import annotations

import pygame

from game.input import Action, Intent
from game.scenes.base import Scene, SceneStack
from game.sim.parts import N_
from game.ui.forms import PIN_MAX, FocusRow, draw_backdrop, icon
from game.ui.view import Painter
from game.ui.widgets import Button

PIN_MIN = 4
IDLE_LOCK_SECONDS = 600.0  # the teacher area locks itself after 10 minutes without input

PAD = pygame.Rect(440, 300, 400, 348)  # the 3x4 keypad
KEY_W, KEY_H, KEY_GAP = 120, 78, 20

_PROMPTS = {
    "check": N_("Type your teacher PIN"),
    "new": N_("Choose a teacher PIN of 4 or more digits"),
    "again": N_("Type the same PIN once more"),
}


def lock(ctx) -> None:
    """Leave the teacher area: back to the title, nothing of the teacher stays switched on."""
    from game.scenes.title import TitleScene

    ctx.teacher = False
    ctx.logging = True
    ctx.pupil = None
    ctx.lesson = None
    from game.scenes.login import guest_store, settings_for

    settings_for(ctx, None)  # the PC's own settings again, not the last pupil's
    ctx.store = guest_store(ctx)
    if any(isinstance(s, TitleScene) for s in ctx.stack.scenes):
        ctx.stack.pop_to(TitleScene)
    else:
        while len(ctx.stack):
            ctx.stack.pop()
        ctx.stack.push(TitleScene(ctx))


class TeacherScene(Scene):
    """A screen for the teacher only. Entering it without the PIN locks at once.

    This is a second wall behind the gate: even a button added by mistake to a pupil screen
    cannot show a teacher screen (the scene-graph test checks the first wall).
    """

    teacher_only = True

    def enter(self) -> None:
        if not self.ctx.teacher:
            lock(self.ctx)
            return
        self.on_enter()

    def on_enter(self) -> None:
        """What a teacher screen does when it shows (again); only ever with ``ctx.teacher``."""


class PinScene(Scene):
    """A big digit pad. First use: choose a PIN and type it twice; later: type it once."""

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.school = ctx.school
        self.mode = "check" if self.school is None or self.school.has_secret() else "new"
        self.digits = ""
        self.first = ""  # the new PIN typed the first time
        self.message = ""
        self.mood = "happy"
        self.wait = 0.0  # seconds until the store accepts another try
        self.shake = 0.0
        self.row = FocusRow()
        self.wants_text = True
        self.t = 0.0

    # --- state ----------------------------------------------------------------------------
    def enter(self) -> None:
        self._wait_from_store()
        self._build()

    def _wait_from_store(self) -> None:
        if self.mode == "check" and self.school is not None:
            self.wait = max(0.0, float(self.school.seconds_until_next_try()))

    def _build(self) -> None:
        _ = self.ctx.gettext
        items: list[tuple[str, Button]] = []
        waiting = self.wait > 0
        for i, label in enumerate("123456789"):
            items.append((label, Button(self._key_rect(i), lambda d=label: self.add(d),
                                        label=label, text_size=44, enabled=not waiting)))
        items.append(("del", Button(self._key_rect(9), self.backspace, icon="icons/undo",
                                    tooltip=_("Take away the last digit"),
                                    enabled=bool(self.digits))))
        items.append(("0", Button(self._key_rect(10), lambda: self.add("0"), label="0",
                                  text_size=44, enabled=not waiting)))
        items.append(("ok", Button(self._key_rect(11), self.submit, icon="icons/check",
                                   fill="yellow", tooltip=_("Open"),
                                   enabled=len(self.digits) >= PIN_MIN and not waiting)))
        items.append(("back", Button(pygame.Rect(32, 28, 72, 72), self.ctx.stack.pop,
                                     icon="icons/back", tooltip=_("Back"))))
        self.row.set(items)

    def _key_rect(self, i: int) -> pygame.Rect:
        col, row = i % 3, i // 3
        if SceneStack.mirrored(self):
            col = 2 - col  # a keypad reads 1 2 3 from the left in every language (un-mirrored)
        return pygame.Rect(PAD.x + col * (KEY_W + KEY_GAP), PAD.y + row * (KEY_H + 12),
                           KEY_W, KEY_H)

    # --- actions --------------------------------------------------------------------------
    def add(self, digit: str) -> None:
        if self.wait > 0 or len(self.digits) >= PIN_MAX:
            return
        self.digits += digit
        self.ctx.audio.play("click")
        self._build()

    def backspace(self) -> None:
        self.digits = self.digits[:-1]
        self._build()

    def submit(self) -> None:
        _ = self.ctx.gettext
        if self.wait > 0:
            return
        if len(self.digits) < PIN_MIN:
            self._say(_("A PIN has at least 4 digits."), "thinking")
            return
        if self.mode == "new":
            self.first, self.digits, self.mode = self.digits, "", "again"
            self._say("", "happy")
        elif self.mode == "again":
            if self.digits != self.first:
                self.mode, self.first, self.digits = "new", "", ""
                self._say(_("The two PINs were not the same. Choose one again."), "oops")
            else:
                self.school.set_secret(self.digits)
                self._open()
                return
        else:
            if self.school is not None and self.school.check_secret(self.digits):
                self._open()
                return
            self.digits = ""
            self.shake = 0.4
            self.ctx.audio.play("not_yet")
            self._wait_from_store()
            self._say(_("That is not the right PIN. Try again."), "oops")
        self._build()

    def _say(self, text: str, mood: str) -> None:
        self.message, self.mood = text, mood

    def _open(self) -> None:
        from game.scenes.login import settings_for
        from game.scenes.teacher_home import TeacherHomeScene

        self.ctx.teacher = True
        settings_for(self.ctx, None)  # the teacher works with this PC's settings
        self.ctx.audio.play("click")
        self.ctx.stack.replace(TeacherHomeScene(self.ctx))

    # --- input ----------------------------------------------------------------------------
    def handle_text(self, text: str) -> bool:
        for ch in text:
            if ch.isdigit():
                self.row.focus = None  # typing: Enter means "open", not "press this key"
                self.add(ch)
        return True

    def handle(self, action: Action) -> bool:
        it = action.intent
        if it == Intent.BACK:
            self.ctx.stack.pop()
            return True
        if it == Intent.REMOVE:
            self.backspace()
            return True
        if it == Intent.SELECT and self.row.focus is None:
            self.submit()
            return True
        if it in (Intent.QUIT, Intent.FULLSCREEN, Intent.MUTE):
            return False
        self.row.handle(action)
        return True

    def update(self, dt: float) -> None:
        self.t += dt
        self.shake = max(0.0, self.shake - dt)
        if self.wait > 0:
            self.wait = max(0.0, self.wait - dt)
            if self.wait == 0:
                self._wait_from_store()  # the store has the last word on the back-off
                self._build()

    # --- drawing --------------------------------------------------------------------------
    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        draw_backdrop(painter, teacher=True)
        painter.panel((380, 36, 520, 644), fill="paper", radius=32)
        painter.image(icon(painter, "icons/teacher", "icons/lock"), (412, 44, 56, 56))
        painter.text_box(_("Teacher"), (484, 40, 390, 62), 40, bold=True, align="midleft",
                         min_size=28)
        painter.text_box(_(_PROMPTS[self.mode]), (400, 104, 480, 70), 24, bold=True,
                         min_size=16)
        # the digits typed so far, as dots in boxes (never the digits themselves)
        n = max(PIN_MIN, len(self.digits) + (1 if len(self.digits) < PIN_MAX else 0))
        n = min(n, PIN_MAX)
        box = 34 if n > 8 else 44
        gap = 8
        left = 640 - (n * box + (n - 1) * gap) / 2
        dx = 8 * (self.shake / 0.4) * (1 if int(self.t * 30) % 2 else -1) if self.shake else 0
        for i in range(n):
            x = left + i * (box + gap) + dx
            filled = i < len(self.digits)
            painter.rect("white", (x, 178, box, box + 6), 10)
            painter.rect("blue" if i == len(self.digits) else "ink", (x, 178, box, box + 6),
                         10, 3)
            if filled:
                painter.circle("ink", (x + box / 2, 181 + box / 2), box / 5)
        if self.wait > 0:
            # TRANSLATORS: shown after a wrong PIN; {seconds} counts down
            seconds = max(1, round(self.wait + 0.49))
            text = self.ctx.ngettext("Wait {seconds} second, then try again.",
                                     "Wait {seconds} seconds, then try again.",
                                     seconds).format(seconds=seconds)
            self._note(painter, text, "orange")
        elif self.message:
            self._note(painter, self.message, "cream")
        self.row.draw(painter)

    def _note(self, painter: Painter, text: str, fill: str) -> None:
        w, h = painter.measure(text, 20, bold=True, wrap=400)
        box = pygame.Rect(0, 0, max(w, 200) + 80, max(h + 12, 48))
        box.midtop = (640, 240)
        mood = self.mood if self.mood in ("happy", "oops", "thinking") else "happy"
        painter.panel(box, fill=fill, radius=16, shadow=2)
        painter.image(f"guide/guide_{mood}", (box.x + 8, box.centery - 22, 44, 44))
        painter.text(text, (box.centerx + 24, box.centery), 20, bold=True, align="center",
                     wrap=400)


class NewPinScene(TeacherScene, PinScene):
    """Choose another PIN from inside the teacher area (typed twice, like the first time)."""

    def __init__(self, ctx) -> None:
        PinScene.__init__(self, ctx)
        self.mode = "new"

    def on_enter(self) -> None:
        PinScene.enter(self)

    def _open(self) -> None:
        self.ctx.audio.play("click")
        self.ctx.stack.pop()
