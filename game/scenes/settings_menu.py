"""Settings a child or parent may change: language, sound, full screen.

Reached from the title screen. Each choice takes effect at once and is saved at once, so there
is no "apply" step to forget.
"""

from __future__ import annotations

import pygame

from game.i18n import LANGUAGE_NAMES, apply_language
from game.input import Action, Intent
from game.scenes.base import Scene
from game.ui.view import Painter
from game.ui.widgets import Button, ButtonRow

VOLUME_STEP = 0.2


def toggle_mute(ctx) -> None:
    """Mute or unmute, and remember it: the same on every screen and for the M key."""
    ctx.audio.toggle_mute()
    ctx.settings.muted = bool(ctx.audio.muted)
    ctx.settings.save()


def sound_icon(ctx) -> str:
    return "icons/sound_off" if ctx.settings.muted else "icons/sound_on"


class SettingsScene(Scene):
    """A single card of big buttons over a soft backdrop."""

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.row = ButtonRow()
        self.focus_key = "lang:" + ctx.settings.language
        self._shown_muted = ctx.settings.muted

    def enter(self) -> None:
        self._build()

    def _build(self) -> None:
        _ = self.ctx.gettext
        s = self.ctx.settings
        self._shown_muted = s.muted
        buttons: list[tuple[str, Button]] = []
        x0, y = 600, 190
        for i, (code, name) in enumerate(LANGUAGE_NAMES.items()):
            buttons.append((f"lang:{code}", Button(
                pygame.Rect(x0 + i * 180, y, 170, 72), lambda c=code: self._language(c),
                label=name, text_size=24, fill="yellow" if s.language == code else "paper")))
        y += 110
        buttons.append(("mute", Button(
            pygame.Rect(x0, y, 350, 72), self._mute, icon=sound_icon(self.ctx),
            label=_("Sound off") if s.muted else _("Sound on"), text_size=24,
            fill="paper" if s.muted else "yellow")))
        y += 100
        buttons.append(("quieter", Button(pygame.Rect(x0, y, 80, 72),
                                          lambda: self._volume(-1), label="−", text_size=40,
                                          tooltip=_("Quieter"))))
        buttons.append(("louder", Button(pygame.Rect(x0 + 270, y, 80, 72),
                                         lambda: self._volume(1), label="+", text_size=40,
                                         tooltip=_("Louder"))))
        y += 110
        buttons.append(("fullscreen", Button(
            pygame.Rect(x0, y, 350, 72), self.ctx.toggle_fullscreen, icon="icons/fullscreen",
            label=_("Full screen"), text_size=24)))
        buttons.append(("back", Button(pygame.Rect(40, 40, 72, 72), self.ctx.stack.pop,
                                       icon="icons/back", tooltip=_("Back"))))
        self.keys = [k for k, _b in buttons]
        self.row.buttons = [b for _k, b in buttons]
        self.row.focus = self.keys.index(self.focus_key) if self.focus_key in self.keys else None

    def _remember_focus(self) -> None:
        if self.row.focus is not None:
            self.focus_key = self.keys[self.row.focus]

    def _language(self, code: str) -> None:
        apply_language(self.ctx, code)
        self.focus_key = f"lang:{code}"
        self._build()

    def _mute(self) -> None:
        toggle_mute(self.ctx)
        self.focus_key = "mute"
        self._build()

    def _volume(self, step: int) -> None:
        s = self.ctx.settings
        s.effects_volume = round(min(1.0, max(0.0, s.effects_volume + step * VOLUME_STEP)), 2)
        self.ctx.audio.set_volume(s.effects_volume)
        s.save()
        self.ctx.audio.play("click")  # so the child hears how loud it is now

    def handle(self, action: Action) -> bool:
        if action.intent == Intent.BACK:
            self.ctx.stack.pop()
            return True
        used = self.row.handle(action)
        self._remember_focus()
        return used

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        if self._shown_muted != self.ctx.settings.muted:  # the M key muted meanwhile
            self._remember_focus()
            self._build()
        painter.rect("sky", (0, 0, 1280, 720))
        painter.image("ui/title", (0, 0, 1280, 720), alpha=90)
        painter.panel((270, 130, 740, 540), fill="paper", radius=28)
        title = _("Settings")
        tw, _th = painter.measure(title, 40, bold=True)
        painter.panel((640 - tw / 2 - 32, 34, tw + 64, 68), fill="paper", radius=34)
        painter.text(title, (640, 68), 40, bold=True, align="center")
        labels = (_("Language"), _("Sound"), _("Volume"), _("Screen"))
        for label, y in zip(labels, (226, 336, 436, 546), strict=True):
            painter.text(label, (320, y), 30, bold=True, align="midleft")
        # The volume as five blocks between the buttons: visible without reading a number.
        level = round(self.ctx.settings.effects_volume / VOLUME_STEP)
        for i in range(5):
            h = 16 + i * 8
            painter.rect("green" if i < level else "tile_edge",
                         (718 + i * 24, 472 - h, 18, h), 4)
        self.row.draw(painter)
