"""Right-to-left text is wrapped by the game itself (game/ui/fonts.py): each line holds as
many words as fit. The quick way it finds them (the words' own widths guess the end of a
line, then the line is measured) must break exactly where measuring every longer candidate
line does, and never make a line of two words or more wider than the room."""

from __future__ import annotations

import pygame
from hypothesis import given, settings
from hypothesis import strategies as st

from game import PROJECT_ROOT
from game.ui.fonts import Fonts

WORDS = ["في", "منطقتنا", "جرِّبا", "البيت", "الألواح", "الشمسية", "Almere", "Utrecht", "12",
         "(3)", "ألميره،", "/home/leerkracht/Documents/Techniekwerf", "أَحْسَنْتَ!", "", "؟",
         "שלום", "Noor", "—", "كهرباء."]


def _fonts() -> Fonts:
    pygame.font.init()
    return Fonts(PROJECT_ROOT / "assets" / "fonts")


def measured_every_time(fonts: Fonts, text: str, px: int, wrap_px: int) -> list[str]:
    """The plain way: each word added, the whole candidate line measured."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            for k, part in enumerate(fonts._split_long(word, px, False, wrap_px)):
                glue = " " if k == 0 else ""
                candidate = f"{line}{glue}{part}" if line else part
                if line and fonts._line_width(candidate, px, False) > wrap_px:
                    lines.append(line)
                    line = part
                else:
                    line = candidate
        lines.append(line)
    return lines


FONTS = None


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=30),
       breaks=st.sets(st.integers(0, 29), max_size=2), px=st.sampled_from([18, 24, 31, 40]),
       wrap_px=st.integers(40, 900))
def test_a_line_holds_as_many_words_as_fit_and_no_more(words, breaks, px, wrap_px):
    global FONTS
    fonts = FONTS = FONTS or _fonts()
    text = "".join(w + ("\n" if i in breaks else " ") for i, w in enumerate(words)).rstrip(" ")
    lines = fonts._wrap(text, px, False, wrap_px)
    assert lines == measured_every_time(fonts, text, px, wrap_px)
    for line in lines:
        if " " in line.strip():
            assert fonts._line_width(line, px, False) <= wrap_px
