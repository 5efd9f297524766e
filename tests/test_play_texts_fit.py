"""Every level's story and hints fit the guide's speech bubble at a size a child can read."""

from __future__ import annotations

import pygame
import pytest

from game import PROJECT_ROOT
from game.content.loader import load_levels
from game.i18n import make_translator
from game.scenes.play import BUBBLE
from game.ui.fonts import Fonts
from game.ui.guide_view import bubble_text_size
from game.ui.view import Painter, Viewport

MIN_BODY = 20  # ART.md: at least 20 px for body text on 1280x720


@pytest.fixture(scope="module")
def painter():
    pygame.display.init()
    surface = pygame.Surface((1280, 720))
    yield Painter(surface, Viewport((1280, 720)), None, Fonts(PROJECT_ROOT / "assets" / "fonts"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_stories_and_hints_fit_the_bubble(painter, lang):
    gettext, _ngettext = make_translator(lang, PROJECT_ROOT / "locale")
    too_small = []
    for level in load_levels(PROJECT_ROOT / "levels"):
        title = gettext(level.title)
        texts = [("story", level.story)] + [(f"hint {i + 1}", h.text)
                                             for i, h in enumerate(level.hints)]
        for label, msgid in texts:
            size = bubble_text_size(painter, BUBBLE, title, gettext(msgid))
            if size < MIN_BODY:
                too_small.append(f"{level.id} {label}: {size} px: {gettext(msgid)!r}")
    assert not too_small, "shorten these texts:\n" + "\n".join(too_small)
