"""The game's name on the title screen stays clear of the sun in the picture, in every
language, at every text size and in both reading fonts (measured from the drawn letters)."""

from __future__ import annotations

import pygame
import pytest

from game.scenes.title import SUN, TEACHER_RECT, TitleScene
from game.settings import READING_FONTS, TEXT_SCALES
from game.ui.textfit import TextAudit
from game.ui.view import Painter, Viewport
from tests.test_level_cards import LANGS, context


@pytest.mark.parametrize("font", READING_FONTS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_name_keeps_off_the_sun(lang, font):
    for size in range(len(TEXT_SCALES)):
        ctx = context(lang, size, font)
        ctx.quit = lambda: None
        scene = TitleScene(ctx)
        scene.enter()
        view = Viewport((1280, 720))
        view.audit = TextAudit()
        scene.draw(Painter(pygame.Surface((1280, 720)), view, ctx.art, ctx.fonts))
        names = [t.rect for t in view.audit.texts if t.text == ctx.gettext("Techniekwerf")]
        assert names, "the name is drawn"
        mirrored = lang == "ar"  # the stack mirrors the title in Arabic: the pair is centred
        for rect in names:
            shown = rect if not mirrored else pygame.Rect(1280 - rect.right, rect.y, rect.w,
                                                          rect.h)
            for where in (rect, shown):
                assert not where.colliderect(SUN), f"size {size}: {where} runs under the sun"
                assert not where.colliderect(TEACHER_RECT), f"size {size}: under the button"
