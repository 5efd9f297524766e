"""Pictures of a level's play screen without a window: for the level checker, the teacher
guide and for looking at our own work (``techniekwerf --screenshot LEVEL_ID OUT.png``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from game import PROJECT_ROOT
from game.sim.model import Level


class _Quiet:
    """Audio for pictures: plays nothing."""

    muted = True

    def play(self, name: str, loop: bool = False) -> None:
        """Nothing to hear in a picture."""

    def stop(self, name: str) -> None:
        """Nothing is playing."""

    def toggle_mute(self) -> None:
        """Always quiet."""


class _NoStore:
    """Screenshots never count as attempts."""

    def record_result(self, *args, **kwargs) -> None:
        """Not recorded."""

    def best_stars(self, level_id: str) -> int:
        return 0

    def is_completed(self, level_id: str) -> bool:
        return False


def make_context(levels=None, root: Path = PROJECT_ROOT, lang: str = "en"):
    """A Context with real art and fonts and no sound, store or settings file."""
    from game.context import Context
    from game.i18n import make_translator
    from game.scenes.base import SceneStack
    from game.settings import Settings
    from game.ui.art import Art
    from game.ui.fonts import Fonts

    gettext, ngettext = make_translator(lang, root / "locale")
    return Context(stack=SceneStack(), art=Art(root / "assets"), fonts=Fonts(root / "assets" / "fonts"),
                   levels=levels if levels is not None else [], store=_NoStore(),
                   settings=Settings(language=lang, muted=False), audio=_Quiet(),
                   gettext=gettext, ngettext=ngettext)


def play_scene(level: Level, ctx, solved: bool = False):
    """A PlayScene of ``level``; solved: the reference solution built, run and judged."""
    from game.scenes.play import PlayScene
    from game.sim.model import StepAction

    scene = PlayScene(ctx, level)
    ctx.stack.push(scene)
    if solved:
        for step in level.solution.steps:
            if step.action == StepAction.ANSWER:
                scene.answer = step.kind
            else:
                scene.editor.apply(step)
        scene._after_edit()
        scene.start_test()
        scene.run.finish_now()
        scene._show_run()
        scene._judge()
        scene.celebrate_left = 0  # the board, not the result card
        scene.view.tweens.clear()
    return scene


def render(draw: Callable, out_path: Path | str, size: tuple[int, int], ctx) -> None:
    import pygame

    from game.ui.view import Painter, Viewport

    surface = pygame.Surface(size)
    view = Viewport(size)
    surface.fill((43, 45, 66))
    draw(Painter(surface, view, ctx.art, ctx.fonts))
    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, str(out_path))


def render_level(level: Level, out_path: Path | str, solved: bool = False,
                 size: tuple[int, int] = (1280, 720), lang: str = "nl") -> None:
    """Save the play screen of ``level`` as a PNG in ``lang`` (works with SDL_VIDEODRIVER=dummy)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    if not pygame.display.get_init():
        pygame.display.init()
    if not pygame.font.get_init():
        pygame.font.init()
    ctx = make_context(lang=lang)
    scene = play_scene(level, ctx, solved)
    scene.update(1.0)  # settle the entry animations
    render(ctx.stack.draw, out_path, size, ctx)
