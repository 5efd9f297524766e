"""The first start's question, in pictures and words Noor reads aloud: at school or at home?

Two big pictures (a school, a house). The answer is kept in the settings (game.home); a
parent changes it later on the parents' page, behind the parental gate. A PC whose store has
classes is at school and never sees this question.
"""

from __future__ import annotations

import pygame

from game.home import HOME, SCHOOL, choose_place
from game.input import Action, Intent
from game.scenes.base import Scene
from game.speech import sentences
from game.ui.forms import FocusRow
from game.ui.guide_view import draw_guide, refresh_speaker, speaker_button
from game.ui.view import Painter
from game.ui.widgets import Button, draw_focus

SCHOOL_RECT = pygame.Rect(370, 250, 380, 400)
HOME_RECT = pygame.Rect(800, 250, 380, 400)
BUBBLE = pygame.Rect(330, 24, 850, 208)


class PlaceScene(Scene):
    """"Where are you playing?" with a school and a house to tap; Noor asks it."""

    def __init__(self, ctx, speak: bool = False) -> None:
        super().__init__(ctx)
        self.row = FocusRow()
        #: Noor asks the question aloud as the screen opens (the first start: a child may sit
        #: there alone, and nobody has switched on reading aloud yet)
        self.speak = speak

    def enter(self) -> None:
        from game.speech import speech_available

        if self.speak and speech_available(self.ctx):
            self.speak = False
            self.ctx.speech.say(self.read_aloud_text())
        _ = self.ctx.gettext
        # TRANSLATORS: the first start's big picture button: the game is played at school
        at_school = _("At school")
        # TRANSLATORS: the first start's big picture button: the game is played at home
        at_home = _("At home")
        items: list[tuple[str, Button]] = [
            ("school", Button(SCHOOL_RECT.copy(), lambda: self.choose(SCHOOL), label=at_school)),
            ("home", Button(HOME_RECT.copy(), lambda: self.choose(HOME), label=at_home)),
        ]
        speak = speaker_button(self.ctx, (BUBBLE.right - 80, BUBBLE.y + 16, 64, 64),
                               self.read_aloud_text)
        if speak is not None:
            items.append(("speak", speak))
        self.row.set(items, focus=self.row.focused_key() or "home")

    def question(self) -> str:
        return self.ctx.gettext("Where are you playing?")

    def read_aloud_text(self) -> str:
        _ = self.ctx.gettext
        return sentences(self.question(),
                         # TRANSLATORS: read aloud at the first start, under "Where are you playing?"
                         _("Tap the school if you play at school. Tap the house if you play "
                           "at home."))

    def choose(self, where: str) -> None:
        choose_place(self.ctx, where)
        self.ctx.audio.play("click")
        self.ctx.stack.pop()  # the title below shows the buttons of that place

    def handle(self, action: Action) -> bool:
        if action.intent in (Intent.QUIT, Intent.FULLSCREEN, Intent.MUTE, Intent.SPEAK):
            return False
        if action.intent == Intent.BACK:
            return True  # a question to answer: two taps, nothing to go back to
        self.row.handle(action)
        return True

    def idle_motion(self) -> float | None:
        return 0.0

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        painter.rect("sky", (0, 0, 1280, 720))
        painter.rect("grass", (0, 560, 1280, 160))
        painter.image("ui/title", (0, 0, 1280, 720), alpha=110)
        draw_guide(painter, "happy", (40, 300, 300, 380))
        painter.panel(BUBBLE, fill="paper", radius=28)
        speak = self.row.button("speak")
        refresh_speaker(speak, self.ctx)
        room = BUBBLE.width - 60 - (96 if speak is not None else 0)
        painter.text_box(self.question(), (BUBBLE.x + 30, BUBBLE.y + 10, room, 84), 44,
                         bold=True, align="midleft", min_size=24)
        painter.text_box(_("Tap the school if you play at school. Tap the house if you play "
                           "at home."), (BUBBLE.x + 30, BUBBLE.y + 96, BUBBLE.width - 60, 104),
                         28, align="midleft", min_size=18)
        for k, key in enumerate(self.row.keys):
            b = self.row.buttons[k]
            if key in (SCHOOL, HOME):
                self._draw_choice(painter, b, "ui/place_school" if key == SCHOOL
                                  else "ui/place_home", focused=k == self.row.focus,
                                  hovered=k == self.row.hover, pressed=k == self.row.pressed)
            else:
                b.draw(painter, focused=k == self.row.focus, hovered=k == self.row.hover,
                       pressed=k == self.row.pressed)

    @staticmethod
    def _draw_choice(painter: Painter, b: Button, art: str, focused: bool, hovered: bool,
                     pressed: bool) -> None:
        r = b.rect.move(0, 4 if pressed else 0)
        if focused:
            draw_focus(painter, r, 32)
        painter.panel(r, fill="yellow" if focused or hovered else "paper", radius=32,
                      shadow=0 if pressed else 6)
        painter.image(art, (r.x + 30, r.y + 24, r.width - 60, (r.width - 60) * 200 / 240))
        painter.text_box(b.label, (r.x + 16, r.bottom - 100, r.width - 32, 88), 40, bold=True,
                         min_size=20)
