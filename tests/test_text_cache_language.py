"""The painter keeps the pictures of texts it drew; a text with Arabic and Latin letters is
laid out by the language's direction, so switching the language must not show the picture
kept from before (issue 8: the language switches at once, without a restart)."""

import pygame

from game.ui.view import Painter


def test_a_mixed_text_is_laid_out_again_after_the_language_changes(app):
    painter = Painter(app.surface, app.view, app.art, app.fonts)
    text = "Klas 5 نور"
    app.settings.language = "en"
    before = painter.text_surface(text, 24)
    app.settings.language = "ar"
    after = painter.text_surface(text, 24)
    fresh = app.fonts.render(text, app.view.length(24 * app.fonts.scale), (0, 0, 0))
    assert pygame.image.tobytes(after, "RGBA") != pygame.image.tobytes(before, "RGBA")
    assert after.get_size() == fresh.get_size()
