"""What every scene is given: the services of one running game, passed in, never global."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game.notices import Notices
from game.scenes import nav
from game.scenes.base import SceneStack

if TYPE_CHECKING:
    from game.scenes.base import Scene


@dataclass
class Context:
    stack: SceneStack
    art: Any  # game.ui.art.Art
    fonts: Any  # game.ui.fonts.Fonts
    levels: Any  # game.content catalogue: levels by world and id
    store: Any  # game.progress store (progress of the current profile)
    settings: Any  # game.settings.Settings
    audio: Any  # game.audio.Audio (plays nothing when muted or without a sound device)
    # game.speech.Speech: say(text), stop(), available (False without espeak-ng: hide speakers)
    speech: Any = None
    gettext: Callable[[str], str] = field(default=lambda s: s)
    ngettext: Callable[[str, str, int], str] = field(default=lambda s, p, n: s if n == 1 else p)
    school: Any = None  # game.progress.api.SchoolStore: classes, pupils, lessons, attempts
    pupil: Any = None  # game.progress.records.Pupil playing now (None: the guest profile)
    lesson: Any = None  # game.progress.records.Lesson active for the pupil's class, if any
    logging: bool = True  # False in the teacher's "try it" mode: nothing is stored
    teacher: bool = False  # True only behind the teacher PIN; pupil screens never set it
    teacher_name: str | None = None  # on a school server: whose PIN opened the teacher area
    quit: Callable[[], None] = field(default=lambda: None)
    input: Any = None  # game.input.InputMapper: remapped keys, capture_next_key (Keys page)
    toggle_fullscreen: Callable[[], None] = field(default=lambda: None)
    # game.notices.Notices: one-line notes for the teacher (damaged files set aside, a server
    # that does not answer); shown in the teacher area, never to a child
    notices: Notices = field(default_factory=Notices)
    #: work in a thread of its own (game.background: opening the school store, a big merge)
    #: is waited for where it starts: tests and screenshots see one known state; the real
    #: loop (App.run) sets it False and keeps drawing and answering meanwhile
    wait_for_jobs: bool = True

    # --- going from one screen to another (game/scenes/nav.py's table, by name) -------------
    def push(self, name: str, **args: Any) -> Scene:
        """Open screen ``name`` on top of this one (``args`` go to its constructor)."""
        return nav.push(self, name, **args)

    def replace(self, name: str, **args: Any) -> Scene:
        """Open screen ``name`` instead of the top one."""
        return nav.replace(self, name, **args)

    def back_to(self, name: str) -> None:
        """Close screens until one of ``name`` is on top (the first screen always stays)."""
        nav.back_to(self, name)
