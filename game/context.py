"""What every scene is given: the services of one running game, passed in, never global."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.scenes.base import SceneStack


@dataclass
class Context:
    stack: SceneStack
    art: Any  # game.ui.art.Art
    fonts: Any  # game.ui.fonts.Fonts
    levels: Any  # game.content catalogue: levels by world and id
    store: Any  # game.progress store (progress of the current profile)
    settings: Any  # game.settings.Settings
    audio: Any  # game.audio.Audio (plays nothing when muted or without a sound device)
    gettext: Callable[[str], str] = field(default=lambda s: s)
    ngettext: Callable[[str, str, int], str] = field(default=lambda s, p, n: s if n == 1 else p)
    quit: Callable[[], None] = field(default=lambda: None)
    toggle_fullscreen: Callable[[], None] = field(default=lambda: None)
