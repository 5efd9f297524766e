"""The first screen: one big Play button a six-year-old finds without reading."""

from __future__ import annotations

import math

import pygame

from game import home, homework
from game.input import Action, Intent
from game.scenes.base import Scene
from game.scenes.player import (
    draw_player_badge,
    player_badge,
    sound_icon,
    start_playing,
    toggle_mute,
)
from game.speech import sentences
from game.ui.anim import motion
from game.ui.forms import icon
from game.ui.guide_view import refresh_speaker, speaker_button
from game.ui.view import Painter
from game.ui.widgets import Button, ButtonRow, draw_tooltip

PLAY_RECT = pygame.Rect(480, 430, 320, 120)
TEACHER_RECT = pygame.Rect(1184, 24, 64, 64)
SWITCH_RECT = pygame.Rect(723, 578, 64, 64)
HOMEWORK_RECT = pygame.Rect(840, 446, 260, 88)  # at home, beside Play: the homework
#: The sun of the title picture (assets/ui/title.svg) with its glow: the game's name keeps off.
SUN = pygame.Rect(1080, 30, 140, 140)
GUIDE_RECT = (150, 350, 300, 370)
#: how often a second the slow sway, breath and bob are drawn while nobody touches anything:
#: smooth for movements this slow (under a pixel a frame), and only their own places are
#: drawn again (see draw_motion), so the title costs a school laptop next to nothing
MOTION_FPS = 8


class TitleScene(Scene):
    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.row = ButtonRow()
        self.badge: Button | None = None
        self.t = 0.0
        self._logo: tuple[float, float, float, float] | None = None  # where the emblem is
        self._under: list | None = None  # the picture under the moving things (draw_motion)
        self._turned: dict[tuple, pygame.Surface] = {}  # the emblem at each angle it sways to
        self.at_home = False  # a home PC (game.home): parents' button, gate before settings
        self._asked_for = None  # the school store the first-start question was decided for

    def enter(self) -> None:
        """Rebuild the buttons: the language or the sound may have changed meanwhile."""
        _ = self.ctx.gettext
        focus = self.row.focus
        self.row.buttons = [
            Button(PLAY_RECT.copy(), self.play, label=_("Play"), icon="icons/play", fill="yellow",
                   text_size=44, centred=True),
            Button(pygame.Rect(1064, 616, 72, 72), self.open_settings,
                   icon=icon(self.ctx.art, "icons/settings", "icons/menu"),
                   tooltip=_("Settings")),
            Button(pygame.Rect(1168, 616, 72, 72), self.mute, icon=sound_icon(self.ctx),
                   tooltip=_("Sound on or off")),
            Button(pygame.Rect(40, 616, 72, 72), self.ask_to_stop, icon="icons/cross",
                   tooltip=_("Stop playing")),
        ]
        self.at_home = home.at_home(self.ctx)
        if self.at_home:
            # the same corner at home: the parents' page, behind the parental gate
            self.row.buttons.append(Button(
                TEACHER_RECT.copy(), self.open_parents,
                icon=icon(self.ctx.art, "icons/parent", "icons/lock"), fill="cream",
                # TRANSLATORS: tooltip of the title's corner button at home (behind the gate)
                tooltip=_("For parents")))
        elif self.ctx.school is not None:
            # discreet, in the corner: the teacher knows where it is, a child has no reason to
            self.row.buttons.append(Button(
                TEACHER_RECT.copy(), self.open_teacher,
                icon=icon(self.ctx.art, "icons/teacher", "icons/lock"), fill="cream",
                tooltip=_("For the teacher")))
        if self.at_home and homework.of_family(self.ctx) is not None:
            # the homework from school, for the child: its levels first
            self.row.buttons.append(Button(
                HOMEWORK_RECT.copy(), self.open_homework,
                icon=icon(self.ctx.art, "icons/homework", "icons/lesson"), fill="sky_blue",
                # TRANSLATORS: the title at home, the card with the homework (read aloud)
                label=_("Homework"), text_size=30,
                tooltip=_("Homework from school")))
        self.badge = player_badge(self.ctx, SWITCH_RECT.copy())
        if self.badge is not None:
            self.row.buttons.append(self.badge)
        # beside Noor's words; placed in draw, where the bubble's width is known
        self.speak = speaker_button(self.ctx, (0, 0, 64, 64), self.read_aloud_text)
        if self.speak is not None:
            self.row.buttons.append(self.speak)
        self.row.focus = 0 if focus is None or focus >= len(self.row.buttons) else focus

    def read_aloud_text(self) -> str:
        """Noor's words and what to do, for a child who cannot read yet."""
        _ = self.ctx.gettext
        return sentences(_("Build it. Test it. Make it work!"),
                         # TRANSLATORS: read aloud on the first screen, after "Build it. ..."
                         _("Press the big yellow button to play."))

    def has_classes(self) -> bool:
        school = self.ctx.school
        return school is not None and bool(school.classes())

    def play(self) -> None:
        """In a school, first "Who is playing?" (once per pupil); at home the family's
        profiles first (once per child); else straight to the map."""
        self.ctx.audio.play("click")
        if self.at_home:
            if self.ctx.child is None:
                self.ctx.push("home_who")
            else:
                start_playing(self.ctx)
            return
        if self.ctx.pupil is not None or not self.has_classes():
            start_playing(self.ctx)
            return
        classes = self.ctx.school.classes()
        if len(classes) == 1:
            self.ctx.push("avatar", class_id=classes[0].id)
        else:
            self.ctx.push("class_pick")

    def open_homework(self) -> None:
        """The homework's levels (over the map); at home the child says who they are first."""
        self.ctx.audio.play("click")
        if self.ctx.child is None:
            self.ctx.push("home_who")
        else:
            start_playing(self.ctx, homework=True)

    def ask_to_stop(self) -> None:
        """The Stop button asks first (one stray tap must not end a lesson); the window's own
        close button still ends the game at once (see game.scenes.stop_card)."""
        self.ctx.push("stop", on_yes=self.ctx.quit)

    def open_teacher(self) -> None:
        self.ctx.push("pin")

    def open_settings(self) -> None:
        home.open_settings(self.ctx)

    def open_parents(self) -> None:
        self.ctx.push("parent_gate", then="home_parents")

    def mute(self) -> None:
        toggle_mute(self.ctx)
        self.enter()

    def handle(self, action: Action) -> bool:
        if action.intent == Intent.MUTE:
            return False  # the app mutes; the icon follows in draw
        return self.row.handle(action)

    def update(self, dt: float) -> None:
        self.t += dt
        if self._asked_for is not self.ctx.school and self.ctx.stack.top is self:
            self._asked_for = self.ctx.school  # once each time the store is (re)opened
            if home.should_ask(self.ctx):
                self.ctx.push("home_place", speak=True)  # the first start: school or home?
                return
        # The Play button breathes gently so the eye finds it (slower than 1 Hz: no flashing).
        grow = 6 * (1 + math.sin(self.t * 2.4)) * motion(self.ctx.settings)
        self.row.buttons[0].rect = PLAY_RECT.inflate(grow * 2, grow)

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        painter.rect("sky", (0, 0, 1280, 720))
        painter.rect("grass", (0, 560, 1280, 160))
        painter.image("ui/title", (0, 0, 1280, 720))
        self.row.buttons[2].icon = sound_icon(self.ctx)
        # The emblem and the name side by side, the pair centred.
        # TRANSLATORS: the game's name; keep it as it is
        name = _("Techniekwerf")
        emblem = 180 if painter.art.exists("ui/logo") else 0
        # the pair, centred, stays clear of the sun (and so of the teacher's corner button)
        # at any text size and in any reading font
        room = 2 * (min(SUN.x, TEACHER_RECT.x) - 12 - 640) - (emblem + 24 if emblem else 0)
        size = 100
        nw, _nh = painter.measure(name, size, bold=True)
        if nw > room:
            size = 100 * room / nw
            nw, _nh = painter.measure(name, size, bold=True)
        left = 640 - (emblem + 24 + nw) / 2 if emblem else 640 - nw / 2
        self._logo = (left, 50, emblem, emblem) if emblem else None  # drawn in _draw_moving
        if emblem:
            left += emblem + 24
        # yellow letters in a dark rim, so they read on the light sky as well (3:1 and more)
        painter.text(name, (left + 5, 145), size, "ink", bold=True, align="midleft")
        for dx, dy in ((-3, 0), (3, 0), (0, -3), (0, 3), (-2, -2), (2, -2), (-2, 2), (2, 2)):
            painter.text(name, (left + dx, 140 + dy), size, "ink", bold=True, align="midleft")
        painter.text(name, (left, 140), size, "yellow", bold=True, align="midleft")
        tagline = _("Build it. Test it. Make it work!")
        tw, th = painter.measure(tagline, 32, bold=True)
        painter.panel((640 - tw / 2 - 24, 322 - th / 2 - 8, tw + 48, th + 16), fill="paper",
                      radius=(th + 16) / 2, shadow=3)
        painter.text(tagline, (640, 322), 32, "ink", bold=True, align="center")
        if self.speak is not None:
            refresh_speaker(self.speak, self.ctx)
            self.speak.rect.update(640 + tw / 2 + 36, 322 - 32, 64, 64)
        if self.badge is not None:
            k = self.row.buttons.index(self.badge)
            draw_player_badge(painter, self.ctx, self.badge, focused=k == self.row.focus,
                              hovered=k == self.row.hover, pressed=k == self.row.pressed)
        for k, b in enumerate(self.row.buttons):
            if b is not self.badge and k != 0:  # Play moves: drawn in _draw_moving
                b.draw(painter, focused=k == self.row.focus, hovered=k == self.row.hover,
                       pressed=k == self.row.pressed)
        self._under = painter.save_under(self._moving_rects())
        self._draw_moving(painter)
        self._draw_tooltip(painter)

    # --- the things that move by themselves: drawn again, alone, a few times a second ----
    def _moving_rects(self) -> list[tuple[float, float, float, float]]:
        """Where the emblem sways, Noor breathes and the Play button grows (logical), with
        room for the turned emblem, the focus ring and the shadow."""
        x, y, w, h = GUIDE_RECT
        out = [(x - 12, y - 12, w + 24, h + 24),
               (PLAY_RECT.x - 30, PLAY_RECT.y - 26, PLAY_RECT.width + 60, PLAY_RECT.height + 60)]
        if self._logo is not None:
            x, y, w, h = self._logo
            pad = 0.06 * w + 6
            out.append((x - pad, y - pad, w + 2 * pad, h + 2 * pad))
        return out

    def _draw_moving(self, painter: Painter) -> None:
        still = motion(self.ctx.settings)  # 0: calmer motion, nothing sways
        if self._logo is not None:
            self._draw_logo(painter, 3 * math.sin(self.t * 1.5) * still)
        painter.image("guide/guide_happy", GUIDE_RECT,
                      scale=1 + 0.02 * math.sin(self.t * 2) * still)
        self.row.buttons[0].draw(painter, focused=self.row.focus == 0,
                                 hovered=self.row.hover == 0, pressed=self.row.pressed == 0)

    def _draw_logo(self, painter: Painter, angle: float) -> None:
        """The emblem turned by ``angle`` degrees (clockwise), in steps of a quarter degree:
        the turned pictures are kept (a few dozen), so the sway costs a blit, not a rotozoom."""
        if not painter.art.exists("ui/logo"):
            return
        rr = painter.view.rect(self._logo)
        step = round(angle * 4)
        key = (rr.size, step, id(painter.art))
        if key not in self._turned:
            if len(self._turned) > 64:
                self._turned.clear()
            base = painter.art.get("ui/logo", rr.size)
            self._turned[key] = pygame.transform.rotozoom(base, -step / 4, 1.0) if step else base
        surf = self._turned[key]
        painter.surface.blit(surf, surf.get_rect(center=rr.center))

    def _draw_tooltip(self, painter: Painter) -> None:
        shown = self.row.focus if self.row.focus is not None else self.row.hover
        if shown is not None and self.row.buttons[shown].tooltip:
            draw_tooltip(painter, self.row.buttons[shown])

    def idle_motion(self) -> float | None:
        return 0.0 if motion(self.ctx.settings) == 0 else MOTION_FPS

    def draw_motion(self, painter: Painter) -> list[pygame.Rect] | None:
        """Put back the picture under the moving things, draw them at their new place (and a
        tooltip over them again, only there); the rest of the screen is as it was."""
        if self._under is None:
            return None
        changed = painter.put_back(self._under)
        self._draw_moving(painter)
        surface = painter.surface
        clip = surface.get_clip()
        try:
            for r in changed:
                surface.set_clip(r.clip(clip))
                self._draw_tooltip(painter)
        finally:
            surface.set_clip(clip)
        return changed
