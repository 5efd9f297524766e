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


def is_large(size: float, bold: bool) -> bool:
    return size >= (LARGE_BOLD if bold else LARGE_REGULAR)


@dataclass
class Drawn:
    text: str
    colour: tuple[int, int, int]
    size: float  # logical pixels, as drawn
    bold: bool
    clip: pygame.Rect  # on the screen
    letters: np.ndarray  # bool (w, h): the solid pixels of the letters
    under: np.ndarray  # (w, h, 3): the screen there before the letters were drawn

    def ratio(self) -> float:
        """The contrast most of the letters reach (the PERCENTILE-th lowest)."""
        bg = luminances(self.under[self.letters])
        fg = luminances(np.array(self.colour[:3]))
        hi, lo = np.maximum(bg, fg), np.minimum(bg, fg)
        return float(np.percentile((hi + 0.05) / (lo + 0.05), PERCENTILE))

    def still_seen(self, screen: pygame.Surface) -> bool:
        """The letters are on the finished picture as drawn (not covered or veiled later)."""
        now = pygame.surfarray.array3d(screen.subsurface(self.clip))[self.letters].astype(int)
        same = np.abs(now - np.array(self.colour[:3])).max(axis=1) <= 24
        return same.mean() >= 0.6


class ContrastProbe:
    """The view's ``text_probe``: keeps every text drawn on the screen with what was under it.
    ``clear`` (called by the gallery's ``show`` before the last frame) starts a new picture."""

    def __init__(self, screen: pygame.Surface) -> None:
        self.screen = screen
        self.drawn: list[Drawn] = []

    def clear(self) -> None:
        self.drawn.clear()

    def __call__(self, painter, text, surf, rect, colour, size, bold) -> None:
        screen = painter.surface
        if screen is not self.screen or not text.strip():
            return
        clip = rect.clip(screen.get_clip())
        if clip.width <= 0 or clip.height <= 0:
            return
        alpha = pygame.surfarray.array_alpha(surf)[clip.x - rect.x:clip.right - rect.x,
                                                   clip.y - rect.y:clip.bottom - rect.y]
        letters = alpha >= 200
        if letters.sum() < 4:
            letters = alpha >= 128
        if not letters.any():
            return
        if any(d.text == text and d.clip.colliderect(clip) and d.colour == tuple(colour[:3])
               for d in self.drawn):
            return  # the same text drawn again over itself (a row drawn again, focused)
        under = pygame.surfarray.array3d(screen.subsurface(clip))
        self.drawn.append(Drawn(text, tuple(colour[:3]), size, bold, clip, letters, under))


def faint(app, probe: ContrastProbe, name: str) -> list[str]:
    """The texts of the picture on the screen now that do not reach their contrast."""
    found = []
    for d in probe.drawn:
        if not d.still_seen(app.surface):
            continue
        need = CONTRAST_LARGE if is_large(d.size, d.bold) else CONTRAST_TEXT
        ratio = d.ratio()
        if ratio < need:
            bg = tuple(int(v) for v in np.median(d.under[d.letters], axis=0))
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
