"""Shortcuts the Painter takes to draw a frame quicker must give exactly what drawing gives.

A one-line text is measured by SDL_ttf without being drawn (fitting a label measures many
candidate lines and sizes), and a see-through shape (a card's shadow) is kept from frame to
frame. Both must be invisible: the same sizes, the same pixels, and a bounded memory.
"""

from __future__ import annotations

from types import SimpleNamespace

import pygame
import pytest
from babel.messages.pofile import read_po

from game import PROJECT_ROOT
from game.ui.fonts import Fonts
from game.ui.view import LAYER_PIXELS_KEPT, Painter, Viewport


def _catalogue_texts() -> list[str]:
    """Every msgstr line of every language, and the msgids: real words in every script."""
    texts = set()
    for po in sorted((PROJECT_ROOT / "locale").glob("*/LC_MESSAGES/techniekwerf.po")):
        with po.open("rb") as f:
            for m in read_po(f):
                for s in ((m.id,) if isinstance(m.id, str) else m.id) + (
                        (m.string,) if isinstance(m.string, str) else tuple(m.string)):
                    texts.update(line for line in s.split("\n") if line)
    return sorted(texts)


@pytest.fixture(scope="module")
def fonts():
    pygame.font.init()
    return {family: Fonts(PROJECT_ROOT / "assets" / "fonts", SimpleNamespace(
        text_scale=1.0, reading_font=family, language="nl")) for family in ("andika",
                                                                            "opendyslexic")}


def test_a_line_is_measured_as_big_as_it_is_drawn(fonts):
    """Fonts.size (no drawing) gives the size of Fonts.render's picture, for every line of
    every catalogue in both reading fonts, regular and bold, small and big, also when it is
    to be wrapped at a width it fits in (a label in its box); right-to-left lines are laid
    out by the game (the test below), and several lines, or a line wider than its wrapping
    width, are not measured this way (None: SDL_ttf breaks them while drawing)."""
    # a sample of every fifth line (every fifteenth in the second font): thousands of words
    # in Latin, Cyrillic and Arabic letters, with accents, digits and signs
    texts = _catalogue_texts() + ["", " ", "a\u200b", "Zoë Ömer", "\u00ad", "12 \u2192 3"]
    measured = 0
    for family, f in fonts.items():
        for text in texts[::15] if family == "opendyslexic" else texts[::5]:
            for px, bold in ((14, False), (26, True), (41, False)):
                size = f.size(text, px, bold)
                drawn = f.render(text, px, (0, 0, 0), bold).get_size()
                if size is None:
                    continue
                measured += 1
                assert size == drawn, (family, text, px, bold)
                if measured % 3 == 0:  # a third of them (thousands): at a wrapping width
                    wrap = size[0] + 1 + measured % 40  # wider than the line, by 1 to 40 px
                    assert f.size(text, px, bold, wrap) == f.render(
                        text, px, (0, 0, 0), bold, wrap).get_size(), (family, text, px, wrap)
    assert measured > 1000
    andika = fonts["andika"]
    assert andika.size("two\nlines", 24) is None  # SDL_ttf wraps it while drawing
    one_line = andika.size("a sentence", 24)
    assert andika.size("a sentence", 24, wrap_px=one_line[0] + 1) == one_line
    assert andika.size("a sentence", 24, wrap_px=one_line[0]) is None  # it may break
    assert andika.size("a sentence", 24, wrap_px=60) is None


def _rtl_texts() -> list[str]:
    """The Arabic catalogue's texts, whole (with their line breaks), and a few mixed ones."""
    from game.ui.fonts import is_rtl_text

    texts = set()
    with (PROJECT_ROOT / "locale" / "ar" / "LC_MESSAGES" / "techniekwerf.po").open("rb") as f:
        for m in read_po(f):
            for s in (m.string,) if isinstance(m.string, str) else tuple(m.string):
                if s and is_rtl_text(s):
                    texts.add(s)
    return sorted(texts) + ["Zoë: مرحبا (3)", "שלום world", "حُفظ في /home/juf/Documents/x.csv",
                            "\u200f" + "نعم"]


@pytest.mark.parametrize("language", ["ar", "nl"])  # a right-to-left screen, and a Dutch one
def test_a_right_to_left_text_is_measured_as_big_as_it_is_laid_out(language):
    """Right-to-left text is laid out by the game itself, wrapped or not: its size found
    without drawing (Fonts.size) is that of the picture, for every Arabic text of the game
    (a sample), at several sizes and widths."""
    pygame.font.init()
    f = Fonts(PROJECT_ROOT / "assets" / "fonts", SimpleNamespace(
        text_scale=1.0, reading_font="andika", language=language))
    texts = _rtl_texts()
    for text in texts[::4] if language == "ar" else texts[::12]:
        for px, bold, wrap in ((14, False, 0), (26, True, 0), (22, False, 300), (41, True, 160)):
            size = f.size(text, px, bold, wrap)
            assert size is not None, text
            assert size == f.render(text, px, (0, 0, 0), bold, wrap).get_size(), (
                text, px, bold, wrap)


def test_the_painter_measures_a_line_as_drawn_and_several_lines_by_drawing(fonts):
    surface = pygame.Surface((1280, 720))
    view = Viewport((640, 360))  # half size: logical sizes are window pixels times two
    painter = Painter(surface, view, None, fonts["andika"])
    for text in ("Test", "Volgende wereld", "Наступний рівень"):
        w, h = painter.measure(text, 24, True)
        picture = painter.text_surface(text, 24, "ink", True)
        assert (w, h) == (picture.get_width() / view.scale, picture.get_height() / view.scale)
    wrapped = painter.measure("Een zin die niet op een regel past, dus breekt", 24, wrap=120)
    assert wrapped[1] > painter.measure("Een", 24)[1] * 1.5  # drawn: several lines
    label = painter.measure("Volgende wereld", 24, True, wrap=400)  # a label in a wide box
    assert label == painter.measure("Volgende wereld", 24, True)
    picture = painter.text_surface("Volgende wereld", 24, "ink", True, wrap=400)
    assert label == (picture.get_width() / view.scale, picture.get_height() / view.scale)


def test_a_kept_shadow_draws_the_same_pixels_and_the_kept_shapes_stay_bounded():
    def painted(keep: bool) -> bytes:
        surface = pygame.Surface((400, 300))
        surface.fill((250, 240, 220))
        view = Viewport((400, 300))
        if not keep:
            del view.layers  # a view without the store: every shape drawn anew
        painter = Painter(surface, view, None, None)
        for _ in range(3):  # the same card three frames running
            painter.panel((40, 30, 200, 120))
            painter.rect((20, 60, 120, 90), (10, 60, 200, 90), 12)
        return pygame.image.tobytes(surface, "RGB")

    assert painted(keep=True) == painted(keep=False)
    view = Viewport((1280, 720))
    painter = Painter(pygame.Surface((1280, 720)), view, None, None)
    for i in range(40):  # forty different dimmed screens and shadows
        painter.rect((0, 0, 0, 100 + i), (0, 0, 1280, 720))
        painter.rect((0, 0, 0, 50), (0, 0, 100 + i, 80), 16)
    assert sum(w * h for (w, h), *_ in view.layers) <= LAYER_PIXELS_KEPT
    assert ((100 + 39, 80), (0, 0, 0, 50), 0, 16) in view.layers  # the newest are kept



@pytest.mark.parametrize("window", [(1280, 720), (640, 360), (1366, 768), (1920, 1080)])
def test_a_card_blends_its_shadow_only_where_it_shows_and_looks_the_same(window):
    """Painter.panel blends a card's shadow only outside the rows its opaque fill paints
    over: every pixel equals a card drawn over its whole shadow, for cards small and big,
    round and square, at window sizes that scale and letterbox, mirrored or not, and for a
    see-through card (whose shadow shows through: blended whole)."""
    import random

    rng = random.Random(7)
    base = pygame.Surface(window)
    for _ in range(60):  # a busy backdrop: every blended pixel shows
        base.fill([rng.randrange(256) for _ in range(3)],
                  (rng.randrange(window[0]), rng.randrange(window[1]), 90, 70))
    view = Viewport(window)

    surface = base.copy()
    painter = Painter(surface, view, None, None)

    def drawn(whole: bool, card, fill, radius, shadow) -> bytes:
        x, y, w, h = card
        around = view.rect((x - 4, y - 4, w + 8, h + shadow + 8)).clip(surface.get_rect())
        surface.blit(base, around, around)  # the backdrop again where the card goes
        if whole:  # the shadow, then the card, each drawn in full
            painter.rect((0, 0, 0, 50), (x, y + shadow, w, h), radius)
            painter.rect(fill, card, radius)
            painter.rect("ink", card, radius, 3)
        else:
            painter.panel(card, fill, radius=radius, shadow=shadow)
        return pygame.image.tobytes(surface.subsurface(around), "RGB")

    cases = 0
    for mirror in (False, True):
        view.mirror = mirror
        for card in ((40, 30, 200, 120), (170, 90, 940, 540), (600, 400, 260, 72),
                     (10.5, 7.3, 33.3, 21.7), (1200, 680, 70, 60)):
            for radius, shadow in ((16, 5), (0, 5), (4, 2), (40, 8), (60, 5), (12, 30)):
                for fill in ("paper", "orange", (20, 200, 90, 255), (250, 250, 250, 180)):
                    assert drawn(False, card, fill, radius, shadow) == drawn(
                        True, card, fill, radius, shadow), (window, mirror, card, radius,
                                                            shadow, fill)
                    cases += 1
    view.mirror = False
    assert cases == 2 * 5 * 6 * 4
