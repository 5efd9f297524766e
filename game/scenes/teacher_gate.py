"""The only door into the teacher's screens: a PIN pad.

Pupils share the PCs, so every teacher screen derives from :class:`TeacherScene`, which
refuses to stay on the stack unless the PIN was given (``ctx.teacher``). The PIN itself is
kept by the school store (scrypt, back-off after wrong tries); this screen only asks for it,
shows the wait after a wrong try as a countdown, and locks the teacher area again.

The first PIN is never chosen here: whoever tapped the teacher button first would choose it,
and on a classroom PC that can be a pupil. The teacher sets it with
``techniekwerf teacher set-pin`` (something a pupil does not have); until then this screen
says so in one sentence. A school server (one store for every PC of the school) has a PIN per
teacher, added by the school's IT with ``techniekwerf teacher add-teacher NAME``: the screen
first asks who you are (tap your name), then that teacher's PIN, with that teacher's back-off.
"""

from __future__ import annotations

import pygame

from game.progress.secret import PIN_MAX, PIN_MIN
from game.scenes.base import Scene, SceneStack
from game.scenes.player import settings_for
from game.scenes.teacher_base import TeacherScene
from game.sim.parts import N_
from game.ui.forms import DigitEntry, FocusRow, draw_backdrop, icon
from game.ui.textfit import MIN_LABEL
from game.ui.view import Painter
from game.ui.widgets import Button

PANEL = pygame.Rect(380, 36, 520, 620)
PROMPT = pygame.Rect(396, 106, 488, 90)  # the prompt, or the note that takes its place
#: before any PIN exists there are no dots: the prompt may take more lines, the command follows
NONE_PROMPT = pygame.Rect(396, 106, 488, 150)
DOTS_Y = 206
PAD = pygame.Rect(440, 272, 400, 348)  # the 3x4 keypad, under the dots: nothing else goes here
KEY_W, KEY_H, KEY_GAP = 120, 78, 20
NAMES_TOP, NAME_H, NAME_GAP, NAMES_PER_PAGE = 200, 60, 12, 5  # "who are you?": full names

SET_PIN_COMMAND = "techniekwerf teacher set-pin"
ADD_TEACHER_COMMAND = "techniekwerf teacher add-teacher NAME"

_PROMPTS = {
    "check": N_("Type your teacher PIN"),
    "new": N_("Choose a teacher PIN of 4 or more digits"),
    "again": N_("Type the same PIN once more"),
    # TRANSLATORS: the PIN screen of a school server; a list of the teachers' names follows
    "who": N_("Who are you? Tap your name."),
    # TRANSLATORS: the PIN screen before any PIN exists; the command follows on its own line
    "none": N_("A teacher sets the PIN first, with this command on the computer:"),
}


class PinScene(DigitEntry, Scene):
    """A big digit pad: type the PIN once. No PIN yet: the sentence that says how the teacher
    sets one. A school server: first the teachers' names, then the PIN of the one tapped."""

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.school = ctx.school
        self.teacher: str | None = None  # the name tapped on a school server
        self.names: list[str] = []
        self.page = 0
        self.mode = self._first_mode()
        self.digits = ""
        self.first = ""  # the new PIN typed the first time (NewPinScene)
        self.message = ""
        self.mood = "happy"
        self.wait = 0.0  # seconds until the store accepts another try
        self.shake = 0.0
        self.row = FocusRow()
        self.wants_text = True
        self.t = 0.0
        self.note_rect: pygame.Rect | None = None  # where the last note was drawn (tests)
        self.prompt_rect = PROMPT.copy()  # where the prompt was drawn (the command follows it)

    def _first_mode(self) -> str:
        school = self.school
        if school is None:
            return "check"
        self.names = school.teacher_names()
        if school.is_server or self.names:
            return "who" if self.names else "none"
        return "check" if school.has_secret() else "none"

    @property
    def named(self) -> bool:
        """A PIN per teacher (a school server, or a store that has named teachers)."""
        return bool(self.names) or (self.school is not None and self.school.is_server)

    # --- state ----------------------------------------------------------------------------
    def enter(self) -> None:
        self._wait_from_store()
        self._build()

    def _wait_from_store(self) -> None:
        if self.mode == "check" and self.school is not None:
            self.wait = max(0.0, float(self.school.seconds_until_next_try(self.teacher)))

    def _build(self) -> None:
        _ = self.ctx.gettext
        items: list[tuple[str, Button]] = []
        if self.mode in ("check", "new", "again"):
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
        elif self.mode == "who":
            shown = self.names[self.page * NAMES_PER_PAGE:(self.page + 1) * NAMES_PER_PAGE]
            for i, name in enumerate(shown):
                items.append((f"name:{name}", Button(self._name_rect(i),
                                                     lambda n=name: self.choose(n), label=name,
                                                     text_size=24)))
            pages = (len(self.names) - 1) // NAMES_PER_PAGE + 1
            if pages > 1:
                y = NAMES_TOP + NAMES_PER_PAGE * (NAME_H + NAME_GAP) + 4
                items.append(("more", Button(pygame.Rect(640 - 36, y, 72, 60), self.next_page,
                                             icon="icons/next", tooltip=_("More names"))))
        items.append(("back", Button(pygame.Rect(32, 28, 72, 72), self.back,
                                     icon="icons/back", tooltip=_("Back"))))
        self.row.set(items)

    def _key_rect(self, i: int) -> pygame.Rect:
        col, row = i % 3, i // 3
        if SceneStack.mirrored(self):
            col = 2 - col  # a keypad reads 1 2 3 from the left in every language (un-mirrored)
        return pygame.Rect(PAD.x + col * (KEY_W + KEY_GAP), PAD.y + row * (KEY_H + 12),
                           KEY_W, KEY_H)

    @staticmethod
    def _name_rect(i: int) -> pygame.Rect:
        return pygame.Rect(PANEL.x + 24, NAMES_TOP + i * (NAME_H + NAME_GAP), PANEL.width - 48,
                           NAME_H)

    # --- actions --------------------------------------------------------------------------
    def choose(self, name: str) -> None:
        """A teacher tapped their name: now their PIN."""
        self.teacher, self.mode, self.digits = name, "check", ""
        self._say("", "happy")
        self._wait_from_store()
        self.ctx.audio.play("click")
        self._build()

    def next_page(self) -> None:
        pages = (len(self.names) - 1) // NAMES_PER_PAGE + 1
        self.page = (self.page + 1) % pages
        self._build()

    def back(self) -> None:
        if self.named and self.mode == "check" and len(self.names) > 1:
            self.teacher, self.mode, self.digits, self.wait = None, "who", "", 0.0
            self._say("", "happy")
            self._build()
            return
        self.ctx.stack.pop()

    def add(self, digit: str) -> None:
        if self.mode not in ("check", "new", "again"):
            return
        if self.wait > 0 or len(self.digits) >= PIN_MAX:
            return
        self.digits += digit
        self.ctx.audio.play("click")
        self._build()

    def submit(self) -> None:
        _ = self.ctx.gettext
        if self.wait > 0 or self.mode not in ("check", "new", "again"):
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
                self.school.set_secret(self.digits, self.teacher)
                self._open()
                return
        else:
            if self.school is not None and self.school.check_secret(self.digits, self.teacher):
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
        self.ctx.teacher = True
        self.ctx.teacher_name = self.teacher
        settings_for(self.ctx, None)  # the teacher works with this PC's settings
        self.ctx.audio.play("click")
        self.ctx.replace("teacher_home")

    # --- input ----------------------------------------------------------------------------

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
        painter.panel(PANEL, fill="paper", radius=32)
        painter.image(icon(painter, "icons/teacher", "icons/lock"), (412, 44, 56, 56))
        title = self.teacher if self.teacher else _("Teacher")
        painter.text_box(title, (484, 40, 390, 62), 40, bold=True, align="midleft",
                         min_size=20, ellipsize=bool(self.teacher))
        self.note_rect = None
        if self.wait > 0 and self.mode == "check":
            # TRANSLATORS: shown after a wrong PIN; {seconds} counts down
            seconds = max(1, round(self.wait + 0.49))
            text = self.ctx.ngettext("Wait {seconds} second, then try again.",
                                     "Wait {seconds} seconds, then try again.",
                                     seconds).format(seconds=seconds)
            self._note(painter, text, "orange")
        elif self.message:
            self._note(painter, self.message, "cream")
        else:
            box = NONE_PROMPT if self.mode == "none" else PROMPT
            self.prompt_rect = painter.text_box(_(_PROMPTS[self.mode]), box, 24, bold=True,
                                                min_size=MIN_LABEL)
        if self.mode == "none":
            self._draw_command(painter)
        elif self.mode != "who":
            self._draw_dots(painter)
        self.row.draw(painter)

    def _draw_dots(self, painter: Painter) -> None:
        """The digits typed so far, as dots in boxes (never the digits themselves)."""
        n = max(PIN_MIN, len(self.digits) + (1 if len(self.digits) < PIN_MAX else 0))
        n = min(n, PIN_MAX)
        box = 34 if n > 8 else 44
        gap = 8
        left = 640 - (n * box + (n - 1) * gap) / 2
        dx = 8 * (self.shake / 0.4) * (1 if int(self.t * 30) % 2 else -1) if self.shake else 0
        for i in range(n):
            x = left + i * (box + gap) + dx
            filled = i < len(self.digits)
            painter.rect("white", (x, DOTS_Y, box, box + 6), 10)
            painter.rect("blue" if i == len(self.digits) else "ink", (x, DOTS_Y, box, box + 6),
                         10, 3)
            if filled:
                painter.circle("ink", (x + box / 2, DOTS_Y + 3 + box / 2), box / 5)

    def _draw_command(self, painter: Painter) -> None:
        """The command that sets the first PIN, as it is typed (Latin, left to right)."""
        command = ADD_TEACHER_COMMAND if self.named else SET_PIN_COMMAND
        top = PROMPT.bottom if self.note_rect is not None else max(PROMPT.bottom,
                                                                   self.prompt_rect.bottom)
        box = pygame.Rect(PANEL.x + 24, top + 16, PANEL.width - 48, 64)
        painter.rect("white", box, 12)
        painter.rect("ink", box, 12, 2)
        painter.text_box(command, box.inflate(-24, -12), 24, bold=True, min_size=14)
        painter.image("guide/guide_happy", (PANEL.centerx - 100, PANEL.bottom - 204, 200, 200))

    def _note(self, painter: Painter, text: str, fill: str) -> None:
        """The note takes the prompt's place above the dots, so it can never reach the keys:
        at a big text size or in a long language the words get smaller, down to the label
        floor, never lower; where they still do not fit beside Noor, they take her place."""
        mood = self.mood if self.mood in ("happy", "oops", "thinking") else "happy"
        box = PROMPT.copy()
        painter.panel(box, fill=fill, radius=16, shadow=2)
        inner = pygame.Rect(box.x + 64, box.y + 6, box.width - 76, box.height - 12)
        if painter.fit(text, inner.width, inner.height, 22, MIN_LABEL, True).fits:
            painter.image(f"guide/guide_{mood}", (box.x + 8, box.centery - 24, 48, 48))
        else:
            inner = box.inflate(-24, -12)
        self.note_rect = painter.text_box(text, inner, 22, bold=True, min_size=MIN_LABEL)


class NewPinScene(TeacherScene, PinScene):
    """Choose another PIN from inside the teacher area (typed twice, like the first time)."""

    def __init__(self, ctx) -> None:
        PinScene.__init__(self, ctx)
        self.mode = "new"
        self.teacher = ctx.teacher_name  # a school server: their own PIN

    def on_enter(self) -> None:
        PinScene.enter(self)

    handle = PinScene.handle  # the PIN pad's keys and Back, not a teacher screen's buttons

    def _open(self) -> None:
        self.ctx.audio.play("click")
        self.ctx.stack.pop()
