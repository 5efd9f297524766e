"""Every text colour on every fill the theme writes it on is easy to read (WCAG 2.1 AA).

Normal text needs a contrast of 4.5:1, large text (24 px bold, 32 px regular and up) 3:1. The
pairs are the theme's table (``theme.TEXT_ON``) and what ``theme.readable`` makes of any pair;
buttons and avatar initials are measured as drawn, from their pixels. Every text of every
screen is measured as drawn in ``tests/test_contrast_screens.py``, the level cards' chips in
``tests/test_level_cards.py``.
"""

from __future__ import annotations

import pygame
import pytest

from game.ui.theme import COLORS, CONTRAST_LARGE, CONTRAST_TEXT, TEXT_ON, contrast


def test_contrast_is_measured_as_wcag_does():
    assert contrast(COLORS["white"], (0, 0, 0)) == pytest.approx(21.0)
    assert contrast(COLORS["ink"], COLORS["ink"]) == pytest.approx(1.0)
    # the two pairs the kind chips had: white on Okabe-Ito orange and pink
    assert contrast(COLORS["white"], COLORS["orange"]) == pytest.approx(2.25, abs=0.01)
    assert contrast(COLORS["white"], COLORS["purple"]) == pytest.approx(3.06, abs=0.01)


@pytest.mark.parametrize(("text", "fill", "large"), TEXT_ON,
                         ids=[f"{t}-on-{f}" for t, f, _large in TEXT_ON])
def test_every_text_colour_of_the_theme_reads_on_its_fill(text, fill, large):
    need = CONTRAST_LARGE if large else CONTRAST_TEXT
    ratio = contrast(COLORS[text], COLORS[fill])
    assert ratio >= need, f"{text} on {fill}: {ratio:.2f}:1, needs {need}:1"


def test_the_kind_chips_use_pairs_of_the_table():
    from game.scenes.level_select import KIND_CHIPS

    pairs = {(t, f) for t, f, large in TEXT_ON if not large}
    for kind, (fill, letters) in KIND_CHIPS.items():
        assert (letters, fill) in pairs, f"{kind}: {letters} on {fill} is not in theme.TEXT_ON"


def test_the_chips_of_the_teachers_lesson_editor_read_too(data_dir, fake_time, monkeypatch):
    """The lesson editor's cards show the kind chips of the level cards: every chip it draws
    has a readable pair (the colours given to draw_chip, measured)."""
    import game.scenes.lessons as lessons
    from game.ui.view import color
    from tests.scene_gallery import gallery_app, show

    drawn = []
    real = lessons.draw_chip

    def record(painter, text, left, centery, size, fill, letters="ink", **kw):
        drawn.append((text, color(fill), color(letters)))
        return real(painter, text, left, centery, size, fill, letters, **kw)

    monkeypatch.setattr(lessons, "draw_chip", record)
    app = gallery_app(data_dir, fake_time)
    try:
        show(app, "lesson_edit")
    finally:
        app.close()
    assert drawn, "the lesson editor drew no chip"
    for text, fill, letters in drawn:
        ratio = contrast(fill, letters)
        assert ratio >= CONTRAST_TEXT, f"{text!r}: {ratio:.2f}:1"


def test_every_fill_gets_a_readable_pair():
    """theme.readable: white words on a green button get its deep shade, dark words on a fill
    too dark for them become white; every fill of the palette then reads at 4.5:1."""
    from game.ui.theme import readable

    assert readable("white", "green") == ("white", "green_deep")
    assert readable("white", "vermillion") == ("white", "vermillion_deep")
    assert readable("ink", "vermillion") == ("white", "vermillion_deep")
    assert readable("ink", "orange") == ("ink", "orange")  # reads already: kept
    for fill in COLORS:
        for text in ("ink", "ink_soft", "white"):
            t, f = readable(text, fill)
            assert contrast(COLORS[t], COLORS[f]) >= CONTRAST_TEXT, (text, fill, t, f)


@pytest.mark.parametrize("hovered", [False, True])
@pytest.mark.parametrize(("fill", "letters"), [("green", "white"), ("vermillion", "white"),
                                               ("vermillion", "ink"), ("paper", "ink")])
def test_a_button_draws_its_words_readable(app, fill, letters, hovered):
    """A button's words on its fill, measured from the pixels (the Test button, 'Add pupil',
    'Delete'), also while the pointer is over it: at least 4.5:1 at a small size."""
    from game.ui.view import Painter
    from game.ui.widgets import Button
    from tests.test_contrast_screens import ContrastProbe

    probe = ContrastProbe(app.surface)
    app.view.text_probe = probe
    painter = Painter(app.surface, app.view, app.ctx.art, app.ctx.fonts)
    painter.fill("paper")
    Button(pygame.Rect(100, 100, 260, 64), lambda: None, label="Test", fill=fill,
           text_color=letters, text_size=20).draw(painter, hovered=hovered)
    (drawn,) = probe.drawn
    assert drawn.ratio() >= CONTRAST_TEXT, f"{letters} on {fill}: {drawn.ratio():.2f}:1"


def test_an_avatar_without_its_picture_shows_a_readable_initial(app):
    """Until an avatar's art is there, a disc of a colour with the initial: on every colour of
    the set (orange and sky blue take ink letters, green and vermillion their deep shades)."""
    from game.ui.forms import AVATAR_COLOURS, draw_avatar
    from game.ui.view import Painter
    from tests.test_contrast_screens import ContrastProbe

    probe = ContrastProbe(app.surface)
    app.view.text_probe = probe
    painter = Painter(app.surface, app.view, app.ctx.art, app.ctx.fonts)
    painter.fill("paper")
    names = {}
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":  # one-letter names: every colour of the set
        names.setdefault(AVATAR_COLOURS[ord(letter) % len(AVATAR_COLOURS)], letter)
    assert len(names) == len(AVATAR_COLOURS)
    for k, name in enumerate(names.values()):
        draw_avatar(painter, "", name, (40 + k * 120, 100, 96, 96))
    assert len(probe.drawn) == len(AVATAR_COLOURS)
    for drawn in probe.drawn:
        assert drawn.ratio() >= CONTRAST_TEXT, f"{drawn.text}: {drawn.ratio():.2f}:1"
