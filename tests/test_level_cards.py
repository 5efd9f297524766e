"""Level cards at every text size, in every language and both reading fonts, measured.

On each card the number stays inside its circle, the groep band ("Groep 3–4 · 6–7 jaar")
stays in the top row and clear of the title, the title stays between the top row and the
stars, and the kind chip keeps its letters readable on its colour (WCAG contrast, sampled
from the drawn pixels). The groep band names the age, so a parent from abroad understands it.
"""

from __future__ import annotations

import math
import types
from collections import Counter

import pygame
import pytest

from game import PROJECT_ROOT
from game.i18n import make_translator
from game.scenes.base import SceneStack
from game.scenes.level_select import KIND_CHIPS, LevelSelectScene, groep_band
from game.settings import READING_FONTS, TEXT_SCALES, Settings
from game.ui.art import Art
from game.ui.fonts import Fonts
from game.ui.textfit import SLACK, TextAudit
from game.ui.theme import COLORS, CONTRAST_TEXT, contrast
from game.ui.view import Painter, Viewport
from tests.scene_gallery import catalogue

LANGS = ("nl", "en", "tr", "pl", "uk", "ar")


class Progress:
    """No level played yet."""

    def best_stars(self, level_id: str) -> int:
        return 0

    def is_completed(self, level_id: str) -> bool:
        return False


#: the pictures, loaded once for every context of this module (as tests/scene_gallery.py
#: shares them between its apps): each case draws the same cards' pictures at its own sizes
ART: list[Art] = []


def context(lang: str, size: int, font: str):
    pygame.font.init()
    if not ART:
        ART.append(Art(PROJECT_ROOT / "assets", max_items=5000))
    gettext, ngettext = make_translator(lang, PROJECT_ROOT / "locale")
    settings = Settings(language=lang, text_size=size, reading_font=font)
    from game.context import Context

    return Context(
        stack=SceneStack(), art=ART[0],
        fonts=Fonts(PROJECT_ROOT / "assets" / "fonts", settings), levels=catalogue(),
        store=Progress(), settings=settings, audio=types.SimpleNamespace(play=lambda *a: None),
        speech=None, gettext=gettext, ngettext=ngettext, school=None, pupil=None, lesson=None,
        teacher=False)


@pytest.fixture(scope="module")
def art():
    return Art(PROJECT_ROOT / "assets")


def every_card(ctx, world: str, surface: pygame.Surface, audit: TextAudit | None = None):
    """Every page of a world's cards drawn; yields (scene, page) after each page."""
    scene = LevelSelectScene(ctx, world)
    scene.enter()
    view = Viewport(surface.get_size())
    view.audit = audit
    painter = Painter(surface, view, ctx.art, ctx.fonts)
    scene.draw(painter)  # chooses the cards' shape for these texts
    for page in range(scene.pages):
        scene.page = page
        scene.drawn.clear()
        if audit is not None:
            audit.clear()
        scene.draw(painter)
        yield scene, page


def inside(inner: pygame.Rect, outer: pygame.Rect, slack: int = SLACK) -> bool:
    return outer.inflate(2 * slack, 2 * slack).contains(inner)


def in_circle(letters: pygame.Rect, circle: pygame.Rect) -> bool:
    """Every corner of the letters' box within the circle (2 px for antialiased edges)."""
    cx, cy, r = circle.centerx, circle.centery, circle.width / 2
    return all(math.hypot(x - cx, y - cy) <= r + SLACK for x, y in (
        letters.topleft, letters.topright, letters.bottomleft, letters.bottomright))


@pytest.mark.parametrize("font", READING_FONTS)
@pytest.mark.parametrize("size", range(len(TEXT_SCALES)))
@pytest.mark.parametrize("lang", LANGS)
def test_every_card_part_fits_in_its_place(lang, size, font):
    ctx = context(lang, size, font)
    surface = pygame.Surface((1280, 720))
    problems = []
    for world in ("city", "greenport"):
        seen = 0
        audit = TextAudit()
        for scene, page in every_card(ctx, world, surface, audit):
            for i, parts in scene.drawn.items():
                where = f"{world} card {i + 1} (page {page + 1})"
                card = parts.card
                level = scene.levels[i]
                # the letters as drawn (the audit records each text's own pixels)
                letters = {t.text: t.rect for t in audit.texts if card.collidepoint(
                    t.rect.center)}
                number = letters[str(level.order)]
                title = letters[ctx.gettext(level.title)]
                if not in_circle(number, parts.circle):
                    problems.append(f"{where}: number {number} leaves its circle "
                                    f"{parts.circle}")
                for name, rect in (("circle", parts.circle), ("band", parts.band),
                                   ("title", title), ("kind", parts.kind)):
                    if not inside(rect, card):
                        problems.append(f"{where}: {name} leaves the card")
                if parts.band.colliderect(title) or parts.band.colliderect(parts.circle):
                    problems.append(f"{where}: the groep band {parts.band} runs into the title "
                                    f"{title} or the number")
                if title.bottom > parts.kind.top + SLACK:
                    problems.append(f"{where}: the title runs into the stars' row")
                if parts.band.right > card.right - 14 - 48:
                    problems.append(f"{where}: the groep band runs under the kind's picture")
            seen += len(scene.drawn)
            problems += [f"{world} page {page + 1}: {p}" for p in audit.problems()]
        assert seen == len(list(catalogue().world(world))), f"{world}: not every card drawn"
    assert not problems, f"{lang}, size {size}, {font}:\n" + "\n".join(problems)


def test_a_page_keeps_the_focused_card_when_big_text_needs_bigger_cards():
    ctx = context("nl", 2, "opendyslexic")
    surface = pygame.Surface((1280, 720))
    scene = LevelSelectScene(ctx, "city")
    scene.enter()
    scene.focus = 11
    painter = Painter(surface, Viewport((1280, 720)), ctx.art, ctx.fonts)
    scene.draw(painter)
    assert scene.per_page < 12  # the biggest text in the widest font: fewer cards per page
    assert scene.page == 11 // scene.per_page
    assert 11 in scene.drawn


def test_the_groep_band_names_the_age_in_every_language():
    level = types.SimpleNamespace(groep=(3, 4))
    one = types.SimpleNamespace(groep=(5, 5))
    expected = {"nl": "Groep 3–4 · 6–7 jaar", "en": "Age 6–7 (groep 3–4)"}
    for lang in LANGS:
        gettext, _n = make_translator(lang, PROJECT_ROOT / "locale")
        band = groep_band(gettext, level).replace("\u00a0", " ")  # no-break spaces
        assert "6" in band and "7" in band and "3" in band and "4" in band, (lang, band)
        assert band == expected.get(lang, band)
        assert "8" in groep_band(gettext, one) and "5" in groep_band(gettext, one)
        if lang != "nl":
            assert not band.startswith("Groep"), f"{lang}: the band stays Dutch: {band}"
        # a word and its numbers stay on one line: the band breaks between its two parts
        assert "\u00a0" in groep_band(gettext, level)


def _chip_colours(surface: pygame.Surface, rect: pygame.Rect) -> tuple[tuple, tuple]:
    """The chip's fill (its most common colour) and its letters' colour (the pixel that
    differs most from the fill), sampled from the drawn chip."""
    inner = rect.inflate(-8, -6)
    pixels = [tuple(surface.get_at((x, y)))[:3] for x in range(inner.left, inner.right)
              for y in range(inner.top, inner.bottom)]
    counts = Counter(pixels)  # each colour once, in the order first seen
    fill = counts.most_common(1)[0][0]
    # the same colour as over every pixel (the first seen of those that differ most)
    letters = max(counts, key=lambda p: contrast(p, fill))
    return fill, letters


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_kind_chips_as_drawn_are_easy_to_read(lang):
    ctx = context(lang, 0, "andika")
    surface = pygame.Surface((1280, 720))
    kinds = set()
    for world in ("city", "greenport"):
        for scene, _page in every_card(ctx, world, surface):
            for i, parts in scene.drawn.items():
                level = scene.levels[i]
                kind = getattr(level.kind, "value", level.kind)
                fill, letters = _chip_colours(surface, parts.kind)
                assert fill == COLORS[KIND_CHIPS[kind][0]], (kind, fill)
                ratio = contrast(fill, letters)
                assert ratio >= CONTRAST_TEXT, f"{kind} chip: {ratio:.2f}:1"
                band_fill, band_letters = _chip_colours(surface, parts.band)
                assert contrast(band_fill, band_letters) >= CONTRAST_TEXT
                kinds.add(kind)
    assert kinds == {"build", "fix", "explore"}
