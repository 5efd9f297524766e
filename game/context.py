"""What every scene is given: the services of one running game, passed in, never global.

Every field has its real type (imported for the type checker only, so this module loads
nothing heavy and no import cycle runs through it): a scene reads ``ctx.school`` or
``ctx.levels.find(id)`` without asking first whether the Context has them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game.notices import Notices
from game.scenes import nav
from game.scenes.base import SceneStack

if TYPE_CHECKING:
    from game.audio import Audio
    from game.content.loader import LevelCatalogue
    from game.home import Profile
    from game.home_gate import GateTask
    from game.input import InputMapper
    from game.progress.api import SchoolStore
    from game.progress.records import Lesson, Pupil
    from game.progress.store import ProgressStore
    from game.scenes.base import Scene
    from game.settings import Settings
    from game.speech import Speech
    from game.ui.art import Art
    from game.ui.fonts import Fonts


def as_catalogue(levels: Iterable[Any] | None) -> LevelCatalogue | None:
    """``levels`` as a LevelCatalogue (a list of levels from a test or a screenshot is made
    one), so there is one way to look a level up: ``ctx.levels.find(level_id)``."""
    from game.content.loader import LevelCatalogue

    if levels is None or isinstance(levels, LevelCatalogue):
        return levels
    return LevelCatalogue(levels.values() if isinstance(levels, dict) else levels)


@dataclass
class Context:
    stack: SceneStack
    art: Art
    fonts: Fonts
    #: the levels by world and id; None only until they are loaded after the first frame.
    #: Anything assigned here is made a LevelCatalogue (see :func:`as_catalogue`).
    levels: LevelCatalogue | None
    store: ProgressStore  # progress of the current profile
    settings: Settings
    audio: Audio  # plays nothing when muted or without a sound device
    # say(text), stop(), available (False without espeak-ng: hide speakers); None: no speech
    speech: Speech | None = None
    gettext: Callable[[str], str] = field(default=lambda s: s)
    ngettext: Callable[[str, str, int], str] = field(default=lambda s, p, n: s if n == 1 else p)
    school: SchoolStore | None = None  # classes, pupils, lessons, attempts; None: at home
    pupil: Pupil | None = None  # playing now (None: the guest profile)
    child: Profile | None = None  # at home: the family profile playing now (game.home)
    last_gate: GateTask | None = None  # the parental gate's last task: the next is another
    gate_misses: int = 0  # wrong answers at the parental gate since the last right one
    lesson: Lesson | None = None  # active for the pupil's class, if any
    logging: bool = True  # False in the teacher's "try it" mode: nothing is stored
    teacher: bool = False  # True only behind the teacher PIN; pupil screens never set it
    teacher_name: str | None = None  # on a school server: whose PIN opened the teacher area
    quit: Callable[[], None] = field(default=lambda: None)
    input: InputMapper | None = None  # remapped keys, capture_next_key (Keys page)
    toggle_fullscreen: Callable[[], None] = field(default=lambda: None)
    # one-line notes for the teacher (damaged files set aside, a server that does not
    # answer); shown in the teacher area, never to a child
    notices: Notices = field(default_factory=Notices)
    #: work in a thread of its own (game.background: opening the school store, a big merge)
    #: is waited for where it starts: tests and screenshots see one known state; the real
    #: loop (App.run) sets it False and keeps drawing and answering meanwhile
    wait_for_jobs: bool = True

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "levels":
            value = as_catalogue(value)
        super().__setattr__(name, value)

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
