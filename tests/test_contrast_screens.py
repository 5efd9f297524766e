"""Every text on every screen reads against what is really under it (WCAG 2.1 AA, 1.4.3).

Each screen of the scene gallery is drawn at the smallest and the biggest text size, in Dutch
and in Arabic (another font, a mirrored screen): that walk is the text-fit survey's
(tests/test_text_fit_everywhere.py, its ``CONTRAST`` surveys run the probe below, in
``TestInNl`` and ``TestInAr``), so every screen is drawn once for both checks. Every text the Painter draws is measured as
the child sees it: the colour of its letters against the pixels under the letters just before
they were drawn (a button's fill, a chip, a plate on the map, the map itself). Texts covered
or veiled afterwards (the play screen under the pause card, a button under a tooltip) are not
what the child reads and are left out: only letters still on the finished picture count.

Normal text needs 4.5:1; large text 3:1, where large is at least 24 logical pixels bold or 32
regular at the size it is drawn (after the text size setting and any shrinking to fit), so a
text large only at the biggest size must read as normal text at the smallest.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import pygame
import pytest

from game.ui.theme import CONTRAST_LARGE, CONTRAST_TEXT, LARGE_BOLD, LARGE_REGULAR
from tests.scene_gallery import gallery_app, show

#: the share of a text's letter pixels that must reach the contrast (the rest may cross a
#: line or a pin of the map)
PERCENTILE = 10

_LINEAR = np.array([v / 255 / 12.92 if v / 255 <= 0.04045 else ((v / 255 + 0.055) / 1.055) ** 2.4
                    for v in range(256)])


def luminances(pixels: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of an array of RGB pixels (..., 3)."""
    lin = _LINEAR[pixels]
    return lin[..., 0] * 0.2126 + lin[..., 1] * 0.7152 + lin[..., 2] * 0.0722


def contrasts(bg: np.ndarray, fg: np.ndarray) -> np.ndarray:
    """WCAG contrast ratios of the luminances ``bg`` against ``fg``."""
    hi, lo = np.maximum(bg, fg), np.minimum(bg, fg)
    return (hi + 0.05) / (lo + 0.05)


def is_large(size: float, bold: bool) -> bool:
    return size >= (LARGE_BOLD if bold else LARGE_REGULAR)


def screen_rgb(screen: pygame.Surface, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """The RGB (n, 3) of the pixels (xs, ys) of ``screen``, as surfarray.array3d gives them.

    Read through one view of the screen's pixels, copying only these: array3d copies a whole
    rect, through a slow per-pixel path (the probe reads thousands of texts a survey)."""
    assert screen.get_bytesize() == 4 and not any(screen.get_losses()[:3]), "8 bits a channel"
    view = pygame.surfarray.pixels2d(screen)  # locks the screen until it is let go
    try:
        mapped = view[xs, ys]
    finally:
        del view
    masks, shifts = screen.get_masks()[:3], screen.get_shifts()[:3]
    channels = [((mapped & mask) >> shift).astype(np.uint8)
                for mask, shift in zip(masks, shifts, strict=True)]
    return np.stack(channels, axis=-1)


@dataclass
class Drawn:
    text: str
    colour: tuple[int, int, int]
    size: float  # logical pixels, as drawn
    bold: bool
    clip: pygame.Rect  # on the screen
    letters: np.ndarray  # bool (w, h): the solid pixels of the letters
    xs: np.ndarray  # the letters' pixels on the screen: their x ...
    ys: np.ndarray  # ... and y
    under: np.ndarray  # (n, 3): the screen under the letters before they were drawn

    def contrasts(self) -> np.ndarray:
        """The contrast of the letters' colour against each pixel under them."""
        return contrasts(luminances(self.under), luminances(np.array(self.colour[:3])))

    def ratio(self) -> float:
        """The contrast most of the letters reach (the PERCENTILE-th lowest)."""
        return float(np.percentile(self.contrasts(), PERCENTILE))

    def still_seen(self, screen: pygame.Surface) -> bool:
        """The letters are on the finished picture as drawn (not covered or veiled later)."""
        return bool(still_seen(screen, [self])[0])


def still_seen(screen: pygame.Surface, drawn: list[Drawn]) -> np.ndarray:
    """For each of ``drawn``: its letters are on the finished picture as drawn (at least 60 %
    of their pixels within 24 of the letters' colour in every channel). The screen is read
    once for all of them."""
    if not drawn:
        return np.zeros(0, dtype=bool)
    counts = np.array([len(d.xs) for d in drawn])
    now = screen_rgb(screen, np.concatenate([d.xs for d in drawn]),
                     np.concatenate([d.ys for d in drawn])).astype(int)
    colours = np.repeat(np.array([d.colour[:3] for d in drawn]), counts, axis=0)
    same = np.abs(now - colours).max(axis=1) <= 24
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return np.add.reduceat(same.astype(np.int64), starts) / counts >= 0.6


class ContrastProbe:
    """The view's ``text_probe``: keeps every text drawn on the screen with what was under it.
    ``clear`` (called by the gallery's ``show`` before the last frame) starts a new picture."""

    #: text pictures whose letters are kept (the Painter keeps 600 pictures)
    KEPT = 2000

    def __init__(self, screen: pygame.Surface) -> None:
        self.screen = screen
        self.drawn: list[Drawn] = []
        self._clips: dict[tuple[str, tuple], list[pygame.Rect]] = {}  # (text, colour) -> clips
        # The Painter hands out the same picture for the same text again and again: its
        # letters are worked out once. Keyed by the picture's id; the entry holds the picture,
        # so the id is not another picture's while the entry is kept.
        self._letters: OrderedDict[tuple, tuple] = OrderedDict()

    def clear(self) -> None:
        self.drawn.clear()
        self._clips.clear()

    def letters(self, surf: pygame.Surface, part: tuple[int, int, int, int]):
        """(the solid pixels of the letters in ``part`` (x0, x1, y0, y1) of the text's picture,
        their x, their y), or None when there are none."""
        key = (id(surf), *part)
        kept = self._letters.get(key)
        if kept is not None:
            self._letters.move_to_end(key)
            return kept[1]
        x0, x1, y0, y1 = part
        try:  # a view of the picture's alpha, not a copy (array_alpha copies it, slowly)
            alpha = pygame.surfarray.pixels_alpha(surf)[x0:x1, y0:y1]
        except ValueError:  # no alpha of its own per pixel
            alpha = pygame.surfarray.array_alpha(surf)[x0:x1, y0:y1]
        letters = alpha >= 200
        if letters.sum() < 4:
            letters = alpha >= 128
        del alpha  # the picture is locked while a view of it is kept
        found = (letters, *np.nonzero(letters)) if letters.any() else None
        self._letters[key] = (surf, found)
        if len(self._letters) > self.KEPT:
            self._letters.popitem(last=False)
        return found

    def __call__(self, painter, text, surf, rect, colour, size, bold) -> None:
        screen = painter.surface
        if screen is not self.screen or not text.strip():
            return
        clip = rect.clip(screen.get_clip())
        if clip.width <= 0 or clip.height <= 0:
            return
        found = self.letters(surf, (clip.x - rect.x, clip.right - rect.x,
                                    clip.y - rect.y, clip.bottom - rect.y))
        if found is None:
            return
        colour = tuple(colour[:3])
        clips = self._clips.setdefault((text, colour), [])
        if any(c.colliderect(clip) for c in clips):
            return  # the same text drawn again over itself (a row drawn again, focused)
        letters, lx, ly = found
        xs, ys = lx + clip.x, ly + clip.y
        under = screen_rgb(screen, xs, ys)
        clips.append(clip)
        self.drawn.append(Drawn(text, colour, size, bold, clip, letters, xs, ys, under))


def faint(app, probe: ContrastProbe, name: str) -> list[str]:
    """The texts of the picture on the screen now that do not reach their contrast."""
    found = []
    for d, seen in zip(probe.drawn, still_seen(app.surface, probe.drawn), strict=True):
        if not seen:
            continue
        need = CONTRAST_LARGE if is_large(d.size, d.bold) else CONTRAST_TEXT
        each = d.contrasts()
        if each.min() >= need:
            continue  # the percentile is never below the lowest: it reaches the contrast
        ratio = float(np.percentile(each, PERCENTILE))  # d.ratio()
        if ratio < need:
            bg = tuple(int(v) for v in np.median(d.under, axis=0))
            found.append(f"{name}: {d.text[:40]!r} {d.size:.0f}px{' bold' if d.bold else ''}"
                         f" {d.colour} on ~{bg}: {ratio:.2f}:1, needs {need}:1")
    return found


def open_probed(data_dir, fake_time, lang: str, size: int):
    app = gallery_app(data_dir, fake_time, lang=lang, text_size=size)
    probe = ContrastProbe(app.surface)
    app.view.text_probe = probe
    return app, probe


def test_the_probe_sees_a_faint_text_and_a_covered_one(data_dir, fake_time):
    """The measure itself: white on Okabe-Ito orange (2.25:1) fails, ink on paper passes, and
    a text covered after it was drawn is not counted."""
    from game.ui.view import Painter

    app, probe = open_probed(data_dir, fake_time, "nl", 0)
    try:
        probe.clear()
        painter = Painter(app.surface, app.view, app.art, app.fonts)
        painter.rect("orange", (100, 100, 300, 80))
        painter.text("Bouwen", (110, 110), 20, "white")
        painter.rect("paper", (100, 300, 300, 80))
        painter.text("Bouwen", (110, 310), 20, "ink")
        painter.rect("paper", (100, 500, 300, 80))
        painter.text("Weg", (110, 510), 20, "white")
        painter.rect("ink", (100, 500, 300, 80))  # covered
        faint, fine, covered = probe.drawn
        assert faint.ratio() == pytest.approx(2.25, abs=0.05)
        assert fine.ratio() > 12
        assert faint.still_seen(app.surface) and fine.still_seen(app.surface)
        assert not covered.still_seen(app.surface)
        assert is_large(24, True) and not is_large(24, False) and is_large(32, False)
    finally:
        app.close()


def test_greenport_levels_in_the_lesson_editor_read(data_dir, fake_time):
    """The gallery's lesson has city levels (blue): Greenport's are numbered on its green,
    white on the deeper shade, in the catalogue and in the lesson's order."""
    app, probe = open_probed(data_dir, fake_time, "nl", 0)
    try:
        scene = show(app, "lesson_edit")
        scene.row.button("world:greenport").on_click()
        app.run_frames(1)
        scene = app.ctx.stack.top
        card = next(k for k in scene.row.keys if k.startswith("card:greenport"))
        scene.row.button(card).on_click()
        app.run_frames(1)
        probe.clear()
        app.run_frames(1)
        assert any(d.text == str(len(scene.level_ids)) for d in probe.drawn)
        found = faint(app, probe, "lesson_edit greenport")
    finally:
        app.close()
    assert not found, "\n".join(found)


def test_notes_and_tooltips_reached_by_input_read(data_dir, fake_time):
    """What the gallery shows only after input: the PIN screen's wait after a wrong PIN (on
    orange) and the tooltips of the title's and the play screen's buttons, each focused with
    the Tab key in turn."""
    from tests.classroom_helpers import key, top, type_text

    app, probe = open_probed(data_dir, fake_time, "nl", 0)
    found, tooltips = [], set()
    try:
        show(app, "pin")
        type_text(app, fake_time, "0000")
        key(app, fake_time, pygame.K_RETURN)
        assert top(app).wait > 0
        probe.clear()
        app.run_frames(1)
        assert any(d.text.startswith("Wacht") for d in probe.drawn)
        found += faint(app, probe, "pin wait")
        for state in ("title", "play"):
            scene = show(app, state)
            buttons = scene.buttons.values() if isinstance(getattr(scene, "buttons", None),
                                                           dict) else scene.row.buttons
            wanted = {b.tooltip for b in buttons if b.tooltip}
            for _step in range(12):
                key(app, fake_time, pygame.K_TAB)
                probe.clear()
                app.run_frames(1)
                shown = {d.text for d in probe.drawn if d.still_seen(app.surface)}
                tooltips |= shown & wanted
                found += faint(app, probe, f"{state} focused")
    finally:
        app.close()
    assert len(tooltips) >= 6, f"only these tooltips were drawn: {tooltips}"
    assert not found, "\n".join(sorted(set(found)))
