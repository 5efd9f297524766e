"""The scene stack: screens with a clear life cycle, events offered from the top down."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from game.i18n import is_rtl
from game.input import Action, Intent
from game.ui.theme import LOGICAL_SIZE

if TYPE_CHECKING:
    import pygame

    from game.context import Context
    from game.ui.view import Painter
    from game.ui.widgets import ButtonRow


@dataclass(frozen=True)
class Target:
    """One thing on screen a pointer can click or tap, and the keyboard stop that reaches it.

    ``rect`` is logical (x, y, w, h). ``stop`` names the place Tab moves the focus to; the
    cells of a board or a grid share one stop (the arrows move inside it).
    """

    rect: tuple[float, float, float, float]
    stop: str

    @classmethod
    def of(cls, rect, stop: str) -> Target:
        x, y, w, h = rect
        return cls((x, y, w, h), stop)


def row_targets(name: str, row) -> list[Target]:
    """The enabled buttons of a ButtonRow/FocusRow, each its own stop (``name:key``)."""
    keys = list(getattr(row, "keys", None) or range(len(row.buttons)))
    return [Target.of(b.rect, f"{name}:{keys[i]}") for i, b in enumerate(row.buttons)
            if b.enabled and i < len(keys)]


def row_stop(name: str, row) -> str | None:
    """The stop of a ButtonRow/FocusRow's focused button, if it has the focus."""
    if row.focus is None or row.focus >= len(row.buttons):
        return None
    keys = getattr(row, "keys", None) or range(len(row.buttons))
    return f"{name}:{list(keys)[row.focus]}"


#: what a card over the screen lets through to the app: quitting, fullscreen and mute work anywhere
APP_INTENTS = frozenset({Intent.QUIT, Intent.FULLSCREEN, Intent.MUTE})


def handle_card(action: Action, row: ButtonRow, leave: Callable[[], None]) -> bool:
    """A card over the screen, modal: Back (Escape) calls ``leave``; quitting, fullscreen and
    mute go on to the app; every other action goes to the card's buttons, and to nothing below
    it."""
    if action.intent in APP_INTENTS:
        return False
    if action.intent == Intent.BACK:
        leave()
        return True
    row.handle(action)
    return True


class Scene:
    """A screen. Subclasses override what they need.

    ``opaque`` scenes hide the ones below them; an overlay (pause, result) sets it False so
    the scene under it is drawn first.

    ``mirror_rtl``: in a right-to-left language the stack draws the scene mirrored and maps
    pointer positions back, so the scene itself lays out and hit-tests left to right. A
    scene that is a picture of a place (the world map) sets it False.
    """

    opaque = True
    mirror_rtl = True
    #: Regions drawn left to right inside a mirrored scene (Painter.keep_ltr), as last drawn;
    #: the stack maps pointer positions in them by a shift instead of a reflection.
    ltr_regions: tuple = ()

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # --- life cycle (called by the SceneStack, each once per change, in this order) ---------
    # pushed:            enter
    # another on top:    exit, on_cover        (the new one: enter)
    # the other gone:    on_uncover, enter
    # popped/replaced:   exit, on_close        (the one below: on_uncover, enter)
    # clear / pop_to:    every scene taken off: exit (the top one only), on_close
    def enter(self) -> None:
        """Called when the scene becomes the top of the stack (again)."""

    def exit(self) -> None:
        """Called when the scene leaves the top of the stack (covered or removed)."""

    def on_cover(self) -> None:
        """Another scene was pushed on top: this one stays, but is not updated and does not
        answer the pointer now. The default stops what it was reading aloud (the scene on
        top has its own words); a scene that overrides this calls super()."""
        self.hush()

    def on_uncover(self) -> None:
        """The scene on top of this one is gone: this one is the top again (enter follows)."""

    def on_close(self) -> None:
        """The scene is off the stack for good: stop its threads and sounds, write what it
        still owes, free what it holds. Called once, never followed by enter. The default
        stops what it was reading aloud; a scene that overrides this calls super()."""
        self.hush()

    def hush(self) -> None:
        """Stop the read-aloud voice (a Context without speech, or no Context: nothing)."""
        speech = self.ctx.speech if self.ctx is not None else None
        if speech is not None:
            speech.stop()

    def handle(self, action: Action) -> bool:
        """Return True when the action was used, so scenes below don't see it."""
        return False

    def update(self, dt: float) -> None:
        """Advance animations by ``dt`` seconds; only the top scene is updated."""

    def draw(self, painter: Painter) -> None:
        """Draw in logical coordinates with the painter."""

    # --- what changes by itself (the App's real loop sleeps while nothing does) ------------
    def idle_motion(self) -> float | None:
        """How often a second this scene's picture changes by itself now, while nobody
        touches anything (asked after every frame, after :meth:`update`).

        None: any frame may differ, so the scene is drawn at the full frame rate. 0: still;
        the App draws it again only after input or a change of screen, and sleeps meanwhile.
        A small number: a slow, gentle movement (a bob, a breath) drawn that many times a
        second, by :meth:`draw_motion` when the scene can. Anything else that changes by
        time (a note that goes away, a tween) must be reported as None while it runs.

        The default: a scene without an :meth:`update` of its own has no time to change by
        (nothing in a scene reads a clock but through update), so it is still; one with an
        update is drawn every frame unless it says more precisely.
        """
        return 0.0 if type(self).update is Scene.update else None

    def draw_motion(self, painter: Painter) -> list[pygame.Rect] | None:
        """Draw only what moves by itself, over the picture of the frame before (the last
        :meth:`draw`, and draw_motion calls since), and return the window rects that
        changed. None (the default): not possible now, the App draws the whole screen."""
        return None

    # --- what can be clicked, and what the keyboard focus is on (accessibility tests, and
    # --- a scene that needs to know; see tests/test_targets.py and test_keyboard_everywhere)
    def _rows(self) -> list[tuple[str, object]]:
        from game.ui.widgets import ButtonRow

        return [(n, v) for n, v in vars(self).items() if isinstance(v, ButtonRow)]

    def targets(self) -> list[Target]:
        """Every clickable thing on screen now. The default: the enabled buttons of the
        scene's ButtonRow/FocusRow attributes; scenes with their own hit areas (cards, cells,
        tiles, places) override it and report those too."""
        return [t for name, row in self._rows() for t in row_targets(name, row)]

    def focus_stop(self) -> str | None:
        """The stop (see :class:`Target`) the keyboard focus is on, None when nothing has it."""
        for name, row in self._rows():
            stop = row_stop(name, row)
            if stop is not None:
                return stop
        return None


_SWAPPED_ARROWS = {Intent.LEFT: Intent.RIGHT, Intent.RIGHT: Intent.LEFT}


class SceneStack:
    def __init__(self) -> None:
        self._scenes: list[Scene] = []

    def __len__(self) -> int:
        return len(self._scenes)

    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    @property
    def scenes(self) -> tuple[Scene, ...]:
        return tuple(self._scenes)

    def push(self, scene: Scene) -> None:
        if self._scenes:
            below = self._scenes[-1]
            below.exit()
            below.on_cover()
        self._scenes.append(scene)
        scene.enter()

    def _close_top(self, on_top: bool = True) -> Scene:
        """Take the top scene off for good; ``on_top``: it is the entered top (a covered
        scene had its exit when it was covered)."""
        scene = self._scenes.pop()
        if on_top:
            scene.exit()
        scene.on_close()
        return scene

    def _uncover_top(self) -> None:
        if self._scenes:
            top = self._scenes[-1]
            top.on_uncover()
            top.enter()

    def pop(self) -> Scene | None:
        if not self._scenes:
            return None
        scene = self._close_top()
        self._uncover_top()
        return scene

    def replace(self, scene: Scene) -> None:
        if self._scenes:
            self._close_top()
        self._scenes.append(scene)
        scene.enter()

    def clear(self) -> None:
        """Take every scene off, the top one first (each closed once; nothing uncovered)."""
        on_top = True
        while self._scenes:
            self._close_top(on_top)
            on_top = False

    def pop_to(self, scene_type: type[Scene]) -> None:
        """Pop until a scene of ``scene_type`` is on top (used by "back to the map")."""
        closed = 0
        while len(self._scenes) > 1 and not isinstance(self._scenes[-1], scene_type):
            self._close_top(on_top=closed == 0)
            closed += 1
        if closed:  # the scenes between are closed without ever being the top again
            self._uncover_top()

    @staticmethod
    def mirrored(scene: Scene) -> bool:
        """Whether ``scene`` is shown mirrored now: a right-to-left language, and a scene that
        does not keep its left and right (``mirror_rtl``)."""
        if not getattr(scene, "mirror_rtl", True):
            return False
        settings = getattr(getattr(scene, "ctx", None), "settings", None)
        return is_rtl(getattr(settings, "language", None))

    def _as_seen_by(self, scene: Scene, action: Action) -> Action:
        """The action in the scene's own (unmirrored) coordinates.

        A pointer position is reflected back, or shifted back inside a region kept left to
        right. The arrow keys follow the picture: Left moves towards what is drawn on the
        left, i.e. logically right, except in a scene with a kept region (the play board,
        whose cursor moves in the board's own directions).
        """
        if not self.mirrored(scene):
            return action
        pos, intent = action.pos, action.intent
        if pos is not None:
            x, y = pos
            width = LOGICAL_SIZE[0]
            for r in scene.ltr_regions:
                shown = width - r.x - r.width  # where the region is on screen
                if shown <= x < shown + r.width and r.y <= y < r.y + r.height:
                    pos = (x - (shown - r.x), y)
                    break
            else:
                pos = (width - x, y)
        if not scene.ltr_regions:
            intent = _SWAPPED_ARROWS.get(intent, intent)
        return replace(action, intent=intent, pos=pos)

    def handle(self, action: Action) -> bool:
        for scene in reversed(self._scenes):
            if scene.handle(self._as_seen_by(scene, action)):
                return True
            if scene.opaque:
                break
        return False

    def update(self, dt: float) -> None:
        if self._scenes:
            self._scenes[-1].update(dt)

    def idle_motion(self) -> float | None:
        """How often the picture changes by itself (see :meth:`Scene.idle_motion`): only
        the top scene is updated, so only it can move; an empty stack is still."""
        top = self.top
        return 0.0 if top is None else top.idle_motion()

    def draw_motion(self, painter: Painter) -> list[pygame.Rect] | None:
        """Let the top scene draw what moved (see :meth:`Scene.draw_motion`), mirrored as
        :meth:`draw` draws it; None: the whole screen must be drawn."""
        top = self.top
        if top is None:
            return None
        view = getattr(painter, "view", None)
        if view is None or not hasattr(view, "kept"):
            return top.draw_motion(painter)
        view.mirror = self.mirrored(top)
        view.kept = []
        try:
            return top.draw_motion(painter)
        finally:
            view.mirror = False

    def draw(self, painter: Painter) -> None:
        first = 0
        for i in range(len(self._scenes) - 1, -1, -1):
            if self._scenes[i].opaque:
                first = i
                break
        view = getattr(painter, "view", None)
        for scene in self._scenes[first:]:
            if view is None or not hasattr(view, "kept"):
                scene.draw(painter)
                continue
            view.mirror = self.mirrored(scene)
            view.kept = []
            try:
                scene.draw(painter)
            finally:
                view.mirror = False
                scene.ltr_regions = tuple(view.kept)
