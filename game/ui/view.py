"""Logical 1280x720 coordinates on a window of any size, drawn crisply.

Scenes lay out everything in logical pixels. The :class:`Viewport` scales and letterboxes
that onto the real window, and the :class:`Painter` draws shapes, text and SVG art at the
real pixel size, so nothing is blurred by scaling a finished picture.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from game.ui.theme import COLORS, LOGICAL_SIZE, Color

RectLike = pygame.Rect | pygame.FRect | tuple[float, float, float, float]
ColorLike = str | Color | tuple[int, int, int, int]


def color(value: ColorLike) -> tuple[int, ...]:
    """A palette name or an RGB(A) tuple."""
    return COLORS[value] if isinstance(value, str) else tuple(value)


class Viewport:
    def __init__(self, window_size: tuple[int, int]) -> None:
        self.resize(window_size)

    def resize(self, window_size: tuple[int, int]) -> None:
        w, h = window_size
        lw, lh = LOGICAL_SIZE
        self.window_size = (w, h)
        self.scale = max(0.1, min(w / lw, h / lh))
        self.offset = ((w - lw * self.scale) / 2, (h - lh * self.scale) / 2)

    def point(self, p: tuple[float, float]) -> tuple[int, int]:
        return (round(self.offset[0] + p[0] * self.scale), round(self.offset[1] + p[1] * self.scale))

    def rect(self, r: RectLike) -> pygame.Rect:
        x, y, w, h = r
        x0, y0 = self.point((x, y))
        x1, y1 = self.point((x + w, y + h))
        return pygame.Rect(x0, y0, x1 - x0, y1 - y0)

    def length(self, v: float) -> int:
        return max(1, round(v * self.scale))

    def to_logical(self, p: tuple[float, float]) -> tuple[float, float]:
        return ((p[0] - self.offset[0]) / self.scale, (p[1] - self.offset[1]) / self.scale)


class Painter:
    """Draws in logical coordinates on the window surface.

    ``art`` is an :class:`game.ui.art.Art` (SVGs rendered at real size, cached) and ``fonts``
    a :class:`game.ui.fonts.Fonts`; both are passed in, so tests can give their own.
    """

    def __init__(self, surface: pygame.Surface, view: Viewport, art, fonts) -> None:
        self.surface = surface
        self.view = view
        self.art = art
        self.fonts = fonts

    # --- shapes -----------------------------------------------------------------------------
    def fill(self, value: ColorLike) -> None:
        self.surface.fill(color(value))

    def rect(self, value: ColorLike, r: RectLike, radius: float = 0, width: float = 0) -> None:
        rr = self.view.rect(r)
        c = color(value)
        w = 0 if width == 0 else self.view.length(width)
        rad = self.view.length(radius) if radius else -1
        if len(c) == 4 and c[3] < 255:
            layer = pygame.Surface(rr.size, pygame.SRCALPHA)
            pygame.draw.rect(layer, c, layer.get_rect(), w, rad)
            self.surface.blit(layer, rr.topleft)
        else:
            pygame.draw.rect(self.surface, c, rr, w, rad)

    def panel(self, r: RectLike, fill: ColorLike = "paper", outline: ColorLike = "ink",
              radius: float = 16, shadow: float = 5) -> None:
        """A friendly card: soft shadow below, rounded corners, dark outline."""
        x, y, w, h = r
        if shadow:
            self.rect((0, 0, 0, 50), (x, y + shadow, w, h), radius)
        self.rect(fill, r, radius)
        self.rect(outline, r, radius, 3)

    def circle(self, value: ColorLike, center: tuple[float, float], radius: float,
               width: float = 0) -> None:
        c = color(value)
        pc = self.view.point(center)
        pr = self.view.length(radius)
        w = 0 if width == 0 else self.view.length(width)
        if len(c) == 4 and c[3] < 255:
            layer = pygame.Surface((pr * 2 + 2, pr * 2 + 2), pygame.SRCALPHA)
            pygame.draw.circle(layer, c, (pr + 1, pr + 1), pr, w)
            self.surface.blit(layer, (pc[0] - pr - 1, pc[1] - pr - 1))
        else:
            pygame.draw.circle(self.surface, c, pc, pr, w)

    def line(self, value: ColorLike, a: tuple[float, float], b: tuple[float, float],
             width: float = 3) -> None:
        pygame.draw.line(self.surface, color(value), self.view.point(a), self.view.point(b),
                         self.view.length(width))

    def polygon(self, value: ColorLike, points: Sequence[tuple[float, float]], width: float = 0) -> None:
        w = 0 if width == 0 else self.view.length(width)
        pygame.draw.polygon(self.surface, color(value), [self.view.point(p) for p in points], w)

    def star(self, value: ColorLike, center: tuple[float, float], radius: float) -> None:
        cx, cy = center
        pts = []
        for i in range(10):
            a = -math.pi / 2 + i * math.pi / 5
            r = radius if i % 2 == 0 else radius * 0.45
            pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
        self.polygon(value, pts)
        self.polygon("ink", pts, 3)

    # --- art -------------------------------------------------------------------------------
    def image(self, name: str, r: RectLike, rotation: int = 0, alpha: int = 255,
              angle: float = 0.0, scale: float = 1.0) -> None:
        """Draw the SVG ``name`` (e.g. "parts/house") into the logical rect ``r``.

        ``rotation`` is in clockwise quarter turns (cached); ``angle`` is a free clockwise angle
        in degrees for animation (not cached); ``scale`` pops the picture around its centre.
        """
        exists = getattr(self.art, "exists", None)
        if exists is not None and not exists(name):
            return  # art still being drawn: show nothing rather than stop the game
        rr = self.view.rect(r)
        if scale != 1.0:
            rr = rr.scale_by(scale)
        if rr.width <= 0 or rr.height <= 0:
            return
        surf = self.art.get(name, rr.size, rotation)
        if angle:
            surf = pygame.transform.rotozoom(surf, -angle, 1.0)
        if alpha < 255:
            surf = surf.copy()
            surf.set_alpha(alpha)
        self.surface.blit(surf, surf.get_rect(center=rr.center))

    # --- text ------------------------------------------------------------------------------
    def text_surface(self, text: str, size: float, value: ColorLike = "ink", bold: bool = False,
                     wrap: float = 0, centred: bool = False) -> pygame.Surface:
        """``centred`` centres each wrapped line (for text placed by its middle)."""
        font = self.fonts.get(self.view.length(size), bold)
        wrap_px = self.view.length(wrap) if wrap else 0
        font.align = pygame.FONT_CENTER if centred else pygame.FONT_LEFT
        return font.render(text, True, color(value), None, wrap_px)

    def text(self, text: str, pos: tuple[float, float], size: float = 24, value: ColorLike = "ink",
             bold: bool = False, align: str = "topleft", wrap: float = 0) -> pygame.Rect:
        """Draw text; ``align`` names the rect attribute placed at ``pos`` (e.g. "center").

        Returns the logical rect the text took.
        """
        surf = self.text_surface(text, size, value, bold, wrap, centred=align.startswith(
            ("center", "mid")) and align not in ("midleft", "midright"))
        rect = surf.get_rect(**{align: self.view.point(pos)})
        self.surface.blit(surf, rect)
        s = self.view.scale
        return pygame.Rect(
            round((rect.x - self.view.offset[0]) / s), round((rect.y - self.view.offset[1]) / s),
            round(rect.width / s), round(rect.height / s),
        )

    def measure(self, text: str, size: float, bold: bool = False, wrap: float = 0) -> tuple[float, float]:
        """The logical size a text will take."""
        surf = self.text_surface(text, size, "ink", bold, wrap)
        return (surf.get_width() / self.view.scale, surf.get_height() / self.view.scale)
