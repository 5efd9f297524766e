"""Each level's board as the game draws it, at the start and solved, for the guide.

The play screen is drawn without a window (:mod:`game.screenshot`); the board is cut out of
it and framed with the column letters (A at the left) and row numbers (1 at the top) that the
solution key names cells by. One game context serves every picture.
"""

from __future__ import annotations

import os
from pathlib import Path

from game import PROJECT_ROOT
from game.guide.words import column_letter
from game.sim.model import Level

#: the size the play screen is drawn at before the board is cut out
SCREEN = (1280, 720)
MARGIN = 26  # room for the letters and numbers around the board (pixels)
FRAME = (43, 45, 66)
LABEL = (255, 255, 255)


#: zlib's level for the pictures: 3 takes half the time of pygame's PNG (level 6) for files an
#: eighth larger (all 174 pictures: 15 MB instead of 13 MB); the pixels are the same
PNG_LEVEL = 3


def save_png(surface, path: Path) -> None:
    """``surface`` as an RGB PNG at ``path`` (Pillow: fpdf2 needs it too)."""
    import pygame
    from PIL import Image

    picture = Image.frombytes("RGB", surface.get_size(), pygame.image.tobytes(surface, "RGB"))
    picture.save(path, "PNG", compress_level=PNG_LEVEL)


class Pictures:
    """Draws boards with one game context (art, fonts and the catalogue in ``lang``)."""

    def __init__(self, lang: str = "nl", root: Path = PROJECT_ROOT, screen=SCREEN) -> None:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        import pygame

        from game.screenshot import make_context

        if not pygame.display.get_init():
            pygame.display.init()
        if not pygame.font.get_init():
            pygame.font.init()
        self.ctx = make_context(lang=lang, root=root)
        self.screen = screen
        self.font = pygame.font.Font(str(root / "assets" / "fonts" / "Andika-Bold.ttf"), 17)
        #: each world's backdrop behind the board (the play screen's ``_chrome``: the world's
        #: picture, veiled, and the top bar), drawn once per world, not once per picture; its
        #: key still names the screen size, scale and art it was drawn for
        self.backdrops: dict[str, tuple] = {}

    def board(self, level: Level, solved: bool, out_path: Path, width: int = 480) -> tuple[int, int]:
        """Save the board of ``level`` (solved: the reference solution built and run) as a PNG
        at most ``width`` pixels wide; returns its size."""
        import pygame

        from game.screenshot import play_scene
        from game.ui.view import Painter, Viewport

        scene = play_scene(level, self.ctx, solved)
        try:
            scene._chrome = self.backdrops.get(level.world)
            scene.update(1.0)  # settle the entry animations
            surface = pygame.Surface(self.screen)
            view = Viewport(self.screen)
            surface.fill(FRAME)
            self.ctx.stack.draw(Painter(surface, view, self.ctx.art, self.ctx.fonts))
            self.backdrops[level.world] = scene._chrome
            tile = scene.view.ptile
            x, y = scene.view.porigin
            w, h = level.width * tile, level.height * tile
        finally:
            self.ctx.stack.clear()
        framed = pygame.Surface((w + MARGIN, h + MARGIN))
        framed.fill(FRAME)
        framed.blit(surface, (MARGIN, MARGIN), pygame.Rect(x, y, w, h))
        for col in range(level.width):
            self._label(framed, column_letter(col), (MARGIN + (col + 0.5) * tile, MARGIN / 2))
        for row in range(level.height):
            self._label(framed, str(row + 1), (MARGIN / 2, MARGIN + (row + 0.5) * tile))
        if framed.get_width() > width:
            size = (width, round(framed.get_height() * width / framed.get_width()))
            framed = pygame.transform.smoothscale(framed, size)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        save_png(framed, out_path)
        return framed.get_size()

    def _label(self, surface, text: str, centre: tuple[float, float]) -> None:
        picture = self.font.render(text, True, LABEL)
        surface.blit(picture, picture.get_rect(center=(round(centre[0]), round(centre[1]))))
