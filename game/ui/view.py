"""Logical 1280x720 coordinates on a window of any size, drawn crisply.

Scenes lay out everything in logical pixels. The :class:`Viewport` scales and letterboxes
that onto the real window, and the :class:`Painter` draws shapes, text and SVG art at the
real pixel size, so nothing is blurred by scaling a finished picture.
"""

from __future__ import annotations

import contextlib
import math
import weakref
from collections import OrderedDict
from collections.abc import Iterator, Sequence

import pygame

from game.ui.theme import COLORS, LOGICAL_SIZE, Color

RectLike = pygame.Rect | pygame.FRect | tuple[float, float, float, float]
ColorLike = str | Color | tuple[int, int, int, int]

#: Icons that point along the reading direction: flipped on a mirrored (right-to-left) screen.
#: Media-like icons (play, fast, test), turning arrows (rotate, retry: a part turns clockwise
#: on the board in every language) and pictures stay as drawn.
MIRRORED_ICONS = frozenset({"icons/back", "icons/next", "icons/undo", "icons/redo", "icons/logout"})
#: How many text pictures a window keeps (Painter.text_surface): a few screens' worth.
TEXTS_KEPT = 600
#: How many pixels of see-through shapes a window keeps (Painter.rect: shadows, tints and a
#: dialog's dimmed screen), 8 MB: a few screens' worth.
LAYER_PIXELS_KEPT = 2_000_000
#: The rect of the letters in a text's picture, for the text audit, while the picture lives.
_INKS: weakref.WeakKeyDictionary[pygame.Surface, pygame.Rect] = weakref.WeakKeyDictionary()
#: Text anchors swapped on a mirrored screen ("topleft" -> "topright").
_SWAP_ALIGN = {"left": "right", "right": "left"}


def color(value: ColorLike) -> tuple[int, ...]:
    """A palette name or an RGB(A) tuple."""
    return COLORS[value] if isinstance(value, str) else tuple(value)


class Viewport:
    """Maps logical coordinates to window pixels: scaled, letterboxed, and mirrored for a
    right-to-left screen.

    While ``mirror`` is set (the :class:`~game.scenes.base.SceneStack` sets it around drawing
    a scene in Arabic), every x is reflected about the middle: scenes keep laying out left to
    right and their hit tests keep working in those coordinates. Inside :meth:`keep_ltr` a
    region is moved to its mirrored place but not reflected (the play board). ``to_logical``
    is the exact inverse of ``point`` in every state; outside drawing the state is plain.
    """

    def __init__(self, window_size: tuple[int, int]) -> None:
        self.mirror = False
        self._shift: float | None = None  # inside keep_ltr: move by this instead of reflecting
        self.kept: list[pygame.Rect] = []  # regions kept left-to-right while drawing a scene
        self.audit = None  # a textfit.TextAudit for every Painter on this view (tests only)
        #: called with every text before it is drawn (tests only: the contrast of each text
        #: against what is under it, tests/test_contrast_screens.py)
        self.text_probe = None
        self.text_fits: dict[tuple, object] = {}  # Painter.fit results, kept across frames
        self.text_bands: dict[tuple, tuple[float, float]] = {}
        self.texts: OrderedDict[tuple, pygame.Surface] = OrderedDict()  # Painter.text_surface
        #: see-through shapes (a card's shadow) by size, colour, corner and line: Painter.rect
        self.layers: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self.resize(window_size)

    def resize(self, window_size: tuple[int, int]) -> None:
        w, h = window_size
        lw, lh = LOGICAL_SIZE
        self.window_size = (w, h)
        self.scale = max(0.1, min(w / lw, h / lh))
        self.offset = ((w - lw * self.scale) / 2, (h - lh * self.scale) / 2)

    @property
    def flips(self) -> bool:
        """True while drawing is reflected (not inside a region kept left to right)."""
        return self.mirror and self._shift is None

    def _x(self, x: float) -> float:
        if not self.mirror:
            return x
        return x + self._shift if self._shift is not None else LOGICAL_SIZE[0] - x

    def _unx(self, x: float) -> float:
        if not self.mirror:
            return x
        return x - self._shift if self._shift is not None else LOGICAL_SIZE[0] - x

    def point(self, p: tuple[float, float]) -> tuple[int, int]:
        x = self._x(p[0]) if self.mirror else p[0]
        return (round(self.offset[0] + x * self.scale), round(self.offset[1] + p[1] * self.scale))

    def rect(self, r: RectLike) -> pygame.Rect:
        x, y, w, h = r
        if self.mirror:
            x = self._x(x + w) if self._shift is None else x + self._shift
        s = self.scale
        ox, oy = self.offset
        x0, y0 = round(ox + x * s), round(oy + y * s)
        return pygame.Rect(x0, y0, round(ox + (x + w) * s) - x0, round(oy + (y + h) * s) - y0)

    def logical_rect(self, r: pygame.Rect) -> pygame.Rect:
        """The inverse of :meth:`rect`: a window rect in (unmirrored) logical coordinates."""
        x0, y = self.to_logical(r.topleft)
        x1, y1 = self.to_logical(r.bottomright)
        x0, x1 = min(x0, x1), max(x0, x1)
        return pygame.Rect(round(x0), round(y), round(x1 - x0), round(y1 - y))

    @contextlib.contextmanager
    def keep_ltr(self, r: RectLike) -> Iterator[None]:
        """Draw the region ``r`` at its mirrored place without reflecting it.

        Used for the play board: it is a picture of a place, like the world map, and the level
        texts (in every language) name its left and right ("turn right to the house"), so a
        reflected board would contradict its own hints; and its parts would have to be drawn
        reflected too for the pipes to meet. So the board moves to the other side of the
        parts box (the screen reads right to left) and keeps its own left and right. The region
        is remembered (``kept``), so pointer positions in it are mapped back by a shift too.
        """
        if not self.mirror or self._shift is not None:
            yield
            return
        x, y, w, h = r
        self._shift = LOGICAL_SIZE[0] - 2 * x - w
        region = pygame.Rect(round(x), round(y), round(w), round(h))
        if region not in self.kept:
            self.kept.append(region)
        try:
            yield
        finally:
            self._shift = None

    def length(self, v: float) -> int:
        return max(1, round(v * self.scale))

    def to_logical(self, p: tuple[float, float]) -> tuple[float, float]:
        return (self._unx((p[0] - self.offset[0]) / self.scale), (p[1] - self.offset[1]) / self.scale)


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
        #: A :class:`game.ui.textfit.TextAudit` while tests check that texts fit (None in the
        #: game): every rect and text drawn is then recorded with the box it belongs in. Taken
        #: from the Viewport, which lives as long as the window (a Painter lasts one frame).
        self.audit = getattr(view, "audit", None)
        self._fits: dict[tuple, object] = getattr(view, "text_fits", {})
        self._bands: dict[tuple, tuple[float, float]] = getattr(view, "text_bands", {})
        self._texts: OrderedDict[tuple, pygame.Surface] = getattr(view, "texts", OrderedDict())
        self._fitting: tuple | None = None  # inside text_box: (box, floor, shortened)

    # --- right to left ------------------------------------------------------------------------
    @property
    def mirror(self) -> bool:
        """Drawing is mirrored for a right-to-left reader (set per scene by the SceneStack):
        rects, points and text anchors are reflected, directional icons flipped."""
        return self.view.mirror

    @mirror.setter
    def mirror(self, value: bool) -> None:
        self.view.mirror = bool(value)

    def keep_ltr(self, r: RectLike):
        """A region drawn at its mirrored place but not reflected (see Viewport.keep_ltr)."""
        return self.view.keep_ltr(r)

    # --- redrawing only what moved -------------------------------------------------------
    def save_under(self, rects: Sequence[RectLike]) -> list[tuple[pygame.Rect, pygame.Surface]]:
        """Copies of what is on screen now under the logical ``rects`` (mirrored like any
        drawing), to put back with :meth:`put_back` before a moving thing is drawn again at
        its next place (see ``Scene.draw_motion``)."""
        bounds = self.surface.get_rect()
        saved = []
        for r in rects:
            win = self.view.rect(r).clip(bounds)
            if win.width > 0 and win.height > 0:
                saved.append((win, self.surface.subsurface(win).copy()))
        return saved

    def put_back(self, saved: Sequence[tuple[pygame.Rect, pygame.Surface]]) -> list[pygame.Rect]:
        """Restore what :meth:`save_under` copied; returns the window rects it covers (the
        parts of the window to show again)."""
        for win, picture in saved:
            self.surface.blit(picture, win.topleft)
        return [win.copy() for win, _picture in saved]

    # --- shapes -----------------------------------------------------------------------------
    def fill(self, value: ColorLike) -> None:
        self.surface.fill(color(value))

    def rect(self, value: ColorLike, r: RectLike, radius: float = 0, width: float = 0,
             covered: RectLike | None = None) -> None:
        """A rect, filled or (``width``) outlined, with rounded corners (``radius``).

        ``covered``: a rect with the same left and right edges and corners as round, filled
        with an opaque colour right after this one (a card over its shadow). A see-through
        rect is then blended only where the card will not paint over it: the same pixels."""
        c = color(value)
        if self.audit is not None:
            self.audit.add_box(r, opaque=width == 0 and (len(c) < 4 or c[3] > 200))
        rr = self.view.rect(r)
        w = 0 if width == 0 else self.view.length(width)
        rad = self.view.length(radius) if radius else -1
        if len(c) == 4 and c[3] < 255:
            layer = self._layer(rr.size, c, w, rad)
            if covered is None or w:
                self.surface.blit(layer, rr.topleft)
            else:
                self._blit_beside(layer, rr, self.view.rect(covered), rad)
        else:
            pygame.draw.rect(self.surface, c, rr, w, rad)

    def _blit_beside(self, layer: pygame.Surface, rr: pygame.Rect, card: pygame.Rect,
                     rad: int) -> None:
        """Blend ``layer`` at ``rr`` except in the rows where ``card`` (window pixels, the
        same left and right edges, corners of ``rad``) is filled from edge to edge: its
        rows below its top corners and above its bottom ones."""
        inner = max(rad, 0)
        if card.left != rr.left or card.width != rr.width or 2 * inner > min(card.size):
            self.surface.blit(layer, rr.topleft)
            return
        top, bottom = card.top + inner, card.bottom - inner  # the card's full-width rows
        if top >= bottom or bottom <= rr.top or top >= rr.bottom:
            self.surface.blit(layer, rr.topleft)
            return
        if top > rr.top:
            self.surface.blit(layer, rr.topleft, pygame.Rect(0, 0, rr.width, top - rr.top))
        if bottom < rr.bottom:
            self.surface.blit(layer, (rr.left, bottom),
                              pygame.Rect(0, bottom - rr.top, rr.width, rr.bottom - bottom))

    def _layer(self, size: tuple[int, int], c: tuple[int, ...], w: int, rad: int) -> pygame.Surface:
        """A see-through rounded rect on a layer of its own, kept: the same shadows and
        tints come back every frame (callers only blit it)."""
        layers = getattr(self.view, "layers", None)
        key = (size, c, w, rad)
        layer = None if layers is None else layers.get(key)
        if layer is None:
            layer = pygame.Surface(size, pygame.SRCALPHA)
            pygame.draw.rect(layer, c, layer.get_rect(), w, rad)
            if layers is not None:
                layers[key] = layer
                kept = sum(k[0][0] * k[0][1] for k in layers)
                while kept > LAYER_PIXELS_KEPT and len(layers) > 1:
                    (old_w, old_h), *_rest = layers.popitem(last=False)[0]
                    kept -= old_w * old_h
        else:
            layers.move_to_end(key)
        return layer

    def panel(self, r: RectLike, fill: ColorLike = "paper", outline: ColorLike = "ink",
              radius: float = 16, shadow: float = 5) -> None:
        """A friendly card: soft shadow below, rounded corners, dark outline."""
        x, y, w, h = r
        if shadow:  # the card hides most of its shadow when it is opaque
            c = color(fill)
            self.rect((0, 0, 0, 50), (x, y + shadow, w, h), radius,
                      covered=r if len(c) < 4 or c[3] == 255 else None)
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
        flip = self.view.flips and name in MIRRORED_ICONS
        faded = getattr(self.art, "faded", None)
        if alpha < 255 and not (flip or angle) and faded is not None:
            surf = faded(name, rr.size, rotation, alpha)  # kept: a faded backdrop is big
            alpha = 255
        else:
            surf = self.art.get(name, rr.size, rotation)
        if flip:
            surf = pygame.transform.flip(surf, True, False)
        if angle:
            surf = pygame.transform.rotozoom(surf, -angle, 1.0)
        if alpha < 255:
            surf = surf.copy()
            surf.set_alpha(alpha)
        self.surface.blit(surf, surf.get_rect(center=rr.center))

    # --- text ------------------------------------------------------------------------------
    def text_surface(self, text: str, size: float, value: ColorLike = "ink", bold: bool = False,
                     wrap: float = 0, centred: bool = False) -> pygame.Surface:
        """``centred`` centres each wrapped line (for text placed by its middle).

        ``size`` is multiplied by the child's text size setting; the font is chosen for the
        script of ``text`` (Arabic is shaped and its lines right-aligned, see game.ui.fonts).
        """
        px, wrap_px = self._pixels(size, wrap)
        render = getattr(self.fonts, "render", None)
        if render is not None:
            # The same words at the same size come back every frame (a level card measures
            # and draws its texts several times): their picture is kept, a few hundred of
            # them, as the fonts keep Arabic lines. Callers never draw on a text's picture.
            key = (text, px, color(value), bold, wrap_px, centred,
                   getattr(self.fonts, "family", None), getattr(self.fonts, "language", None))
            kept = self._texts.get(key)
            if kept is None:
                kept = self._texts[key] = render(text, px, color(value), bold, wrap_px, centred)
                if len(self._texts) > TEXTS_KEPT:
                    self._texts.popitem(last=False)
            else:
                self._texts.move_to_end(key)
            return kept
        font = self.fonts.get(px, bold)  # a stand-in Fonts (tests) with only get()
        font.align = pygame.FONT_CENTER if centred else pygame.FONT_LEFT
        return font.render(text, True, color(value), None, wrap_px)

    def text(self, text: str, pos: tuple[float, float], size: float = 24, value: ColorLike = "ink",
             bold: bool = False, align: str = "topleft", wrap: float = 0) -> pygame.Rect:
        """Draw text; ``align`` names the rect attribute placed at ``pos`` (e.g. "center").

        Returns the logical rect the text took. On a mirrored screen the anchor is reflected
        too ("topleft" at x places the text's right edge at the mirrored x).
        """
        surf = self.text_surface(text, size, value, bold, wrap, centred=align.startswith(
            ("center", "mid")) and align not in ("midleft", "midright"))
        if self.view.flips:
            for a, b in _SWAP_ALIGN.items():
                if align.endswith(a):
                    align = align[: -len(a)] + b
                    break
        rect = surf.get_rect(**{align: self.view.point(pos)})
        probe = getattr(self.view, "text_probe", None)
        if probe is not None:
            probe(self, text, surf, rect, color(value), size * getattr(self.fonts, "scale", 1.0),
                  bold)
        self.surface.blit(surf, rect)
        if self.audit is not None:
            self._audit_text(text, surf, rect, size, pos)
        return self.view.logical_rect(rect)

    def measure(self, text: str, size: float, bold: bool = False, wrap: float = 0) -> tuple[float, float]:
        """The logical size a text will take."""
        sized = getattr(self.fonts, "size", None)
        px, wrap_px = self._pixels(size, wrap)
        # fitting measures a lot: without drawing the text, where the fonts can
        found = None if sized is None else sized(text, px, bold, wrap_px)
        if found is None:
            found = self.text_surface(text, size, "ink", bold, wrap).get_size()
        return (found[0] / self.view.scale, found[1] / self.view.scale)

    def _pixels(self, size: float, wrap: float) -> tuple[int, int]:
        """A text's size in window pixels, with the child's text size setting, and the
        width it wraps at (0: not wrapped)."""
        return (self.view.length(size * getattr(self.fonts, "scale", 1.0)),
                self.view.length(wrap) if wrap else 0)

    # --- text in a box --------------------------------------------------------------------
    def text_box(self, text: str, rect: RectLike, size: float = 24, value: ColorLike = "ink",
                 bold: bool = False, align: str = "center", min_size: float | None = None,
                 wrap: bool = True, ellipsize: bool = False) -> pygame.Rect:
        """Draw ``text`` inside the logical ``rect``: wrapped onto as many lines as fit, and
        only when that is not enough a size smaller, never below ``min_size`` (default: the
        label floor, textfit.MIN_LABEL; both before the child's text scale).

        ``align`` names where the text sits in the box ("center", "midleft", "topleft", ...);
        wrapped lines are centred when it is centred. ``ellipsize`` cuts what still does not
        fit with "..." (only for names shown in full elsewhere). The box is vertically filled
        by the letters themselves (accents and descenders included), not by the font's line
        box, so a two-line label fits a 56 px button. Returns the logical rect of the text.
        """
        from game.ui.textfit import MIN_LABEL

        box = pygame.Rect(rect)
        floor = MIN_LABEL if min_size is None else min_size
        fit = self.fit(text, box.width, box.height, size, floor, bold, wrap, ellipsize)
        top_pad, bottom_pad = self._band(fit.text, fit.size, bold)
        h = "left" if align.endswith("left") else "right" if align.endswith("right") else "x"
        v = "top" if align.startswith("top") else "bottom" if align.startswith("bottom") else "y"
        x = {"left": box.left, "right": box.right, "x": box.centerx}[h]
        y = {"top": box.top - top_pad, "bottom": box.bottom + bottom_pad,
             "y": box.centery + (bottom_pad - top_pad) / 2}[v]
        anchor = {("top", "left"): "topleft", ("top", "x"): "midtop", ("top", "right"): "topright",
                  ("y", "left"): "midleft", ("y", "x"): "center", ("y", "right"): "midright",
                  ("bottom", "left"): "bottomleft", ("bottom", "x"): "midbottom",
                  ("bottom", "right"): "bottomright"}[(v, h)]
        self._fitting = (box, min(size, floor), fit.shortened)
        try:
            return self.text(fit.text, (x, y), fit.size, value, bold, anchor,
                             wrap=box.width if wrap else 0)
        finally:
            self._fitting = None

    def fit(self, text: str, width: float, height: float, size: float,
            min_size: float | None = None, bold: bool = False, wrap: bool = True,
            ellipsize: bool = False):
        """How ``text`` fits a box (a :class:`game.ui.textfit.Fit`, cached): for scenes that
        lay out around a text before drawing it with :meth:`text_box`."""
        from game.ui.textfit import fit_text

        key = (text, round(width), round(height), size, min_size, bold, wrap, ellipsize,
               getattr(self.fonts, "scale", 1.0), getattr(self.fonts, "family", None),
               self.view.scale)
        found = self._fits.get(key)
        if found is None:
            if len(self._fits) > 2048:
                self._fits.clear()
            found = self._fits[key] = fit_text(self.measure_letters, text, width, height, size,
                                               min_size, bold, wrap, ellipsize, self.measure)
        return found

    def measure_letters(self, text: str, size: float, bold: bool = False,
                        wrap: float = 0) -> tuple[float, float]:
        """Like :meth:`measure`, but the height is that of the letters (from the top of an
        accented capital to the bottom of a descender), without the font's empty line gap."""
        w, h = self.measure(text, size, bold, wrap)
        top, bottom = self._band(text, size, bold)
        return (w, h - top - bottom)

    def _band(self, text: str, size: float, bold: bool) -> tuple[float, float]:
        """The empty room (logical) above an accented capital and below a descender in a
        line of ``text``'s font at ``size``. Right-to-left lines (Arabic, Hebrew) are laid
        out tight already."""
        from game.ui.fonts import BAND_SAMPLES, is_rtl_text, script_of

        if is_rtl_text(text):
            return (0.0, 0.0)
        script = script_of(text)  # each script has its font (OpenDyslexic: no Cyrillic)
        key = (size, bold, getattr(self.fonts, "scale", 1.0), getattr(self.fonts, "family", None),
               self.view.scale, script)
        band = self._bands.get(key)
        if band is None:
            surf = self.text_surface(BAND_SAMPLES[script], size, "ink", bold)
            ink = surf.get_bounding_rect()
            s = self.view.scale
            band = self._bands[key] = (ink.top / s, (surf.get_height() - ink.bottom) / s)
        return band

    def _audit_text(self, text: str, surf: pygame.Surface, rect: pygame.Rect, size: float,
                    pos: tuple[float, float]) -> None:
        """Record a drawn text (its letters, not its line box) with the box it belongs in."""
        ink = _INKS.get(surf)
        if ink is None:  # a text's picture never changes: its letters' rect is kept with it
            ink = _INKS[surf] = surf.get_bounding_rect()
        ink = ink.move(rect.topleft)
        fitting = self._fitting
        box, floor, short = fitting if fitting is not None else (None, None, False)
        self.audit.add_text(text, self.view.logical_rect(ink), size, anchor=pos, box=box,
                            floor=floor, shortened=short)
