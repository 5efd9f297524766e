"""Text that fits its box: wrapped, then (only as a last resort) smaller, and audited.

Every language and every text size must fit every widget. Turkish and Polish run 30-40 %
longer than English and the largest text size is 1.4 times the normal one, so a label that
fits in Dutch at size 1 may not fit in Polish at size 3. :func:`fit_text` finds how a text is
drawn in a box: at its own size, wrapped onto as many lines as the box holds; only when that
does not fit, a size smaller, down to a floor (``MIN_BODY`` for sentences, ``MIN_LABEL`` for
labels). Floors are in the same units as the sizes, before the child's text scale, so the
biggest setting never ends up smaller than the normal one: shrinking never undoes the setting.

:class:`TextAudit` is the check behind the test that no string overflows (tests and tools
only; the game leaves ``Painter.audit`` off). While on, the painter records every rect it
fills (the boxes) and every text it draws, and the audit flags a text that leaves its box,
leaves the screen, overlaps another text, is drawn below the smallest label size, or is cut
short with "..." where the full text is not shown elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

#: The smallest size a sentence may shrink to (ART.md: body text at least 20 px at 1280x720).
MIN_BODY = 20
#: The smallest size a short label (a button, a chip, a column head) may shrink to.
MIN_LABEL = 16
#: Logical pixels a text may stick out of its box before it counts (antialiased edges).
SLACK = 2
SCREEN = pygame.Rect(0, 0, 1280, 720)
ELLIPSIS = "\u2026"

Measure = Callable[[str, float, bool, float], tuple[float, float]]


@dataclass(frozen=True)
class Fit:
    """How a text is drawn in a box: its (possibly shortened) text, size and logical size."""

    text: str
    size: float
    width: float
    height: float
    fits: bool  # False: even at the floor it is bigger than the box
    shortened: bool = False  # True: cut with an ellipsis (the full text is shown elsewhere)


def fit_text(measure: Measure, text: str, width: float, height: float, size: float,
             min_size: float | None = None, bold: bool = False, wrap: bool = True,
             ellipsize: bool = False, measure_width: Measure | None = None) -> Fit:
    """The largest size from ``size`` down to ``min_size`` at which ``text`` fits a box of
    ``width`` x ``height`` logical pixels, wrapped at ``width`` when ``wrap``.

    ``measure(text, size, bold, wrap_width)`` gives the logical size of a text (the Painter's
    :meth:`~game.ui.view.Painter.measure`, which applies the text scale). Without a fit at the
    floor: with ``ellipsize`` the text is cut at the end with "..." on one line (only for
    names whose full form is shown elsewhere, such as a tooltip), else it stays at the floor
    and ``fits`` is False (the audit reports it). ``measure_width``, when given, measures a
    line's width the same as ``measure`` does with less work (a word's height is never asked).
    """
    floor = size if min_size is None else min(size, min_size)
    wrap_w = width if wrap else 0
    current = size
    while True:
        w, h = measure(text, current, bold, wrap_w)
        # no slack here (the audit allows SLACK on top); a word broken in two does not fit
        if w <= width and h <= height and not (wrap and _word_too_wide(
                measure_width or measure, text, current, bold, width)):
            return Fit(text, current, w, h, True)
        if current <= floor:
            break
        current = max(floor, current - 1)
    if ellipsize and text:
        one_line_h = measure("Ag", floor, bold, 0)[1]
        if one_line_h <= height:
            return _ellipsized(measure, text, width, floor, bold)
    return Fit(text, floor, w, h, False)


def _word_too_wide(measure: Measure, text: str, size: float, bold: bool, width: float) -> bool:
    """True when one word of ``text`` alone is wider than ``width``: wrapping would break it."""
    if measure(text, size, bold, 0)[0] <= width:
        return False  # on one line: nothing is wrapped
    return any(measure(word, size, bold, 0)[0] > width for word in set(text.split()))


def _ellipsized(measure: Measure, text: str, width: float, size: float, bold: bool) -> Fit:
    """The longest start of ``text`` that, with an ellipsis, fits ``width`` on one line."""
    lo, hi = 0, len(text)
    while lo < hi:  # binary search on the number of characters kept
        mid = (lo + hi + 1) // 2
        if measure(text[:mid].rstrip() + ELLIPSIS, size, bold, 0)[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    short = text[:lo].rstrip() + ELLIPSIS
    w, h = measure(short, size, bold, 0)
    return Fit(short, size, w, h, w <= width, shortened=True)


# --- the audit ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class DrawnText:
    """One text as drawn: where it went, the box it had to stay in, and its sizes."""

    text: str
    rect: pygame.Rect  # logical, as the scene laid it out
    box: pygame.Rect  # logical
    size: float
    floor: float | None  # the smallest size allowed (None: not a fitted text)
    explicit: bool  # the box was given (a button, a cell); else the innermost rect around it
    layer: int
    shortened: bool = False
    order: int = 0  # when it was drawn, among the rects and texts of its layer


@dataclass
class TextAudit:
    """Records the rects and texts a Painter draws, and finds texts that do not fit.

    Boxes are the rects filled or outlined since the last full-screen rect (a backdrop or the
    dimming under a dialog starts a new layer, so a dialog's text is not judged against the
    screen under it). A free text's box is the smallest such rect that holds its anchor
    point, else the screen.
    """

    boxes: list[pygame.Rect] = field(default_factory=list)
    texts: list[DrawnText] = field(default_factory=list)
    layer: int = 0
    covers: list[tuple[int, pygame.Rect]] = field(default_factory=list)  # (order, rect) drawn

    def clear(self) -> None:
        self.boxes.clear()
        self.texts.clear()
        self.covers.clear()
        self.layer = 0

    def add_box(self, r, opaque: bool = True) -> None:
        rect = pygame.Rect(r)
        if rect.width <= 0 or rect.height <= 0:
            return
        if rect.contains(SCREEN):
            self.boxes.clear()
            self.covers.clear()
            self.layer += 1
            return
        self.boxes.append(rect)
        if opaque:  # a panel over earlier texts hides them (a toast over the cards)
            self.covers.append((len(self.texts) + len(self.covers), rect))

    def box_around(self, point: tuple[float, float]) -> pygame.Rect:
        x, y = point
        best = SCREEN
        for b in self.boxes:  # the latest of equal ones: a panel's fill after its shadow
            if b.left <= x <= b.right and b.top <= y <= b.bottom and (
                    b.width * b.height <= best.width * best.height):
                best = b
        return best

    def add_text(self, text: str, rect, size: float, anchor: tuple[float, float] | None = None,
                 box=None, floor: float | None = None, shortened: bool = False) -> None:
        if not text.strip():
            return
        explicit = box is not None
        chosen = pygame.Rect(box) if explicit else self.box_around(anchor or pygame.Rect(
            rect).center)
        self.texts.append(DrawnText(text, pygame.Rect(rect), chosen, size, floor, explicit,
                                    self.layer, shortened, len(self.texts) + len(self.covers)))

    def _hidden_between(self, a: DrawnText, b: DrawnText, clip: pygame.Rect) -> bool:
        """Whether a rect drawn after ``a`` and before ``b`` covers where they overlap."""
        return any(a.order < order < b.order and rect.contains(clip)
                   for order, rect in self.covers)

    def problems(self) -> list[str]:
        """One line per text that leaves its box or the screen, or overlaps another text."""
        out = []
        for t in self.texts:
            r = t.rect
            why = ""
            if not SCREEN.inflate(2 * SLACK, 2 * SLACK).contains(r):
                why = "leaves the screen"
            elif not t.box.inflate(2 * SLACK, 2 * SLACK).contains(r):
                over = (max(0, t.box.left - r.left), max(0, r.right - t.box.right),
                        max(0, t.box.top - r.top), max(0, r.bottom - t.box.bottom))
                why = f"leaves its box by {max(over)} px"
            elif t.size < MIN_LABEL:
                why = f"is drawn at size {t.size}, below the smallest label size {MIN_LABEL}"
            elif t.text.rstrip().endswith(ELLIPSIS) and not t.shortened:
                why = "is cut short with '...' (only names shown in full elsewhere may be)"
            if why:
                out.append(f"{t.text!r} {why}: text {tuple(r)} box {tuple(t.box)}")
        for i, a in enumerate(self.texts):
            for b in self.texts[i + 1:]:
                if a.layer != b.layer or a.text == b.text:  # the same text: a shadow or outline
                    continue
                clip = a.rect.clip(b.rect)
                if clip.width > 2 * SLACK and clip.height > 2 * SLACK and not (
                        self._hidden_between(a, b, clip)):
                    out.append(f"{a.text!r} overlaps {b.text!r}: {tuple(a.rect)} {tuple(b.rect)}")
        return out


# --- widgets that size themselves to their text ----------------------------------------------------

def draw_chip(painter, text: str, left: float, centery: float, size: float, fill,
              color="ink", max_width: float = 400, min_height: float = 28,
              align: str = "left", lines: int = 1) -> pygame.Rect:
    """A rounded label ("Groep 3-4", "Build") as tall as its letters need and as wide as its
    text (at most ``max_width``, then the text wraps, onto at most ``lines`` lines at its own
    size, or shrinks inside it). ``left`` is the chip's left edge (its right edge with
    ``align="right"``). Returns the chip's rect."""
    inner, room = chip_room(painter, text, size, max_width, min_height, lines)
    fit = painter.fit(text, inner, room, size, MIN_LABEL, True)
    chip_w = min(max_width, max(fit.width, 1) + 2 * CHIP_PAD[0])
    chip_h = max(min_height, fit.height + 2 * CHIP_PAD[1])
    x = left - chip_w if align == "right" else left
    r = pygame.Rect(round(x), round(centery - chip_h / 2), round(chip_w), round(chip_h))
    painter.rect(fill, r, min(14, chip_h / 2))
    painter.text_box(text, r.inflate(-2 * CHIP_PAD[0], -2 * CHIP_PAD[1]), size, color,
                     bold=True, min_size=MIN_LABEL)
    return r


#: Room between a chip's edge and its letters (logical pixels, across and down).
CHIP_PAD = (9, 4)


def chip_room(painter, text: str, size: float, max_width: float, min_height: float = 28,
              lines: int = 1) -> tuple[float, float]:
    """The width and height the letters of ``text`` may take in a chip: ``lines`` lines at
    ``size``."""
    _w, one = painter.measure_letters(text, size, True)
    step = painter.measure(text, size, True)[1]  # wrapped lines follow a line's step
    return max_width - 2 * CHIP_PAD[0], max(one + (lines - 1) * step,
                                            min_height - 2 * CHIP_PAD[1])
