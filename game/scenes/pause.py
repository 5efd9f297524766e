"""The pause card over a level: go on, start again, back to the levels, sound.

The play scene pushes it on BACK. It is an overlay (not opaque): the level stays visible,
dimmed, so a child sees that nothing was lost.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.input import Action
from game.scenes import nav
from game.scenes.base import Scene, handle_card
from game.scenes.player import sound_icon, toggle_mute
from game.ui.view import Painter
from game.ui.widgets import Button, ButtonRow

CARD = pygame.Rect(400, 50, 480, 620)


class PauseScene(Scene):
    """``level`` is what "start again" restarts; the callbacks let a caller do it its own way."""

    opaque = False

    def __init__(self, ctx, level=None, on_restart: Callable[[], None] | None = None,
                 on_leave: Callable[[], None] | None = None) -> None:
        super().__init__(ctx)
        self.level = level
        self._on_restart = on_restart
        self._on_leave = on_leave
        self.row = ButtonRow()
        self._shown_muted = ctx.settings.muted

    def enter(self) -> None:
        _ = self.ctx.gettext
        focus = self.row.focus
        self._shown_muted = self.ctx.settings.muted
        x, w, h = CARD.x + 50, CARD.width - 100, 80
        y = CARD.y + 110
        self.row.buttons = [
            Button(pygame.Rect(x, y, w, h), self.resume, label=_("Go on"), icon="icons/play",
                   fill="yellow", text_size=30),
            Button(pygame.Rect(x, y + 100, w, h), self.restart, label=_("Start again"),
                   icon="icons/retry", text_size=30,
                   enabled=self.level is not None or self._on_restart is not None),
            Button(pygame.Rect(x, y + 200, w, h), self.leave, label=_("Other level"),
                   icon="icons/menu", text_size=30),
            Button(pygame.Rect(x, y + 300, w, h), self.mute,
                   label=_("Sound off") if self.ctx.settings.muted else _("Sound on"),
                   icon=sound_icon(self.ctx), text_size=30),
            Button(pygame.Rect(x, y + 400, w, h), self.open_settings, label=_("Settings"),
                   icon="icons/settings", text_size=30),
        ]
        self.row.focus = 0 if focus is None else focus

    def resume(self) -> None:
        self.ctx.stack.pop()

    def restart(self) -> None:
        self.ctx.stack.pop()
        if self._on_restart is not None:
            self._on_restart()
            return
        self.ctx.replace("play", level=self.level)

    def leave(self) -> None:
        if self._on_leave is not None:
            self.ctx.stack.pop()
            self._on_leave()
            return
        if any(nav.is_at(s, "level_select") for s in self.ctx.stack.scenes):
            self.ctx.back_to("level_select")
        else:  # started straight into a level: leave it
            self.ctx.stack.pop()
            self.ctx.stack.pop()

    def mute(self) -> None:
        toggle_mute(self.ctx)
        self.enter()

    def open_settings(self) -> None:
        """Language, sound, text size, calmer motion... without leaving the level (at home
        behind the parental gate)."""
        from game.home import open_settings

        open_settings(self.ctx)

    def handle(self, action: Action) -> bool:
        return handle_card(action, self.row, self.resume)  # the level below waits

    def draw(self, painter: Painter) -> None:
        _ = self.ctx.gettext
        if self._shown_muted != self.ctx.settings.muted:  # the M key muted meanwhile
            self.enter()
        painter.rect((43, 45, 66, 150), (0, 0, 1280, 720))
        painter.panel(CARD, fill="paper", radius=28)
        painter.image("icons/pause", (CARD.x + 36, CARD.y + 26, 56, 56))
        painter.text(_("Paused"), (CARD.centerx + 20, CARD.y + 54), 44, bold=True,
                     align="center")
        self.row.draw(painter)
