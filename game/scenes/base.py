"""The scene stack: screens with a clear life cycle, events offered from the top down."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.input import Action

if TYPE_CHECKING:
    from game.context import Context
    from game.ui.view import Painter


class Scene:
    """A screen. Subclasses override what they need.

    ``opaque`` scenes hide the ones below them; an overlay (pause, result) sets it False so
    the scene under it is drawn first.
    """

    opaque = True

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def enter(self) -> None:
        """Called when the scene becomes the top of the stack (again)."""

    def exit(self) -> None:
        """Called when the scene leaves the top of the stack (covered or removed)."""

    def handle(self, action: Action) -> bool:
        """Return True when the action was used, so scenes below don't see it."""
        return False

    def update(self, dt: float) -> None:
        """Advance animations by ``dt`` seconds; only the top scene is updated."""

    def draw(self, painter: Painter) -> None:
        """Draw in logical coordinates with the painter."""


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
            self._scenes[-1].exit()
        self._scenes.append(scene)
        scene.enter()

    def pop(self) -> Scene | None:
        if not self._scenes:
            return None
        scene = self._scenes.pop()
        scene.exit()
        if self._scenes:
            self._scenes[-1].enter()
        return scene

    def replace(self, scene: Scene) -> None:
        if self._scenes:
            self._scenes.pop().exit()
        self._scenes.append(scene)
        scene.enter()

    def pop_to(self, scene_type: type[Scene]) -> None:
        """Pop until a scene of ``scene_type`` is on top (used by "back to the map")."""
        while len(self._scenes) > 1 and not isinstance(self._scenes[-1], scene_type):
            self.pop()

    def handle(self, action: Action) -> bool:
        for scene in reversed(self._scenes):
            if scene.handle(action):
                return True
            if scene.opaque:
                break
        return False

    def update(self, dt: float) -> None:
        if self._scenes:
            self._scenes[-1].update(dt)

    def draw(self, painter: Painter) -> None:
        first = 0
        for i in range(len(self._scenes) - 1, -1, -1):
            if self._scenes[i].opaque:
                first = i
                break
        for scene in self._scenes[first:]:
            scene.draw(painter)
