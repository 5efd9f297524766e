"""Every letter of every language's texts is in the font the game draws it with, for both
reading fonts: OpenDyslexic has Latin letters only, so Ukrainian and Arabic get a reading font
of their script from the font table (Andika, Harmattan), and the settings say so."""

from __future__ import annotations

import re

import pygame
import pytest
from babel.messages.pofile import read_po

from game import PROJECT_ROOT
from game.settings import READING_FONTS, Settings
from game.ui.fonts import FONT_TABLE, OPENDYSLEXIC, Fonts, is_rtl_text

LANGS = ("nl", "en", "tr", "pl", "uk", "ar")
FONT_DIR = PROJECT_ROOT / "assets" / "fonts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def texts(lang: str) -> list[str]:
    """Every translated text of ``lang``'s catalogue (plural forms too), placeholders out."""
    with open(PROJECT_ROOT / "locale" / lang / "LC_MESSAGES" / "techniekwerf.po", "rb") as f:
        catalogue = read_po(f, locale=lang)
    out = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [
            message.string]
        out += [PLACEHOLDER.sub("", s) for s in strings if s]
    return out


def missing(font: pygame.font.Font, text: str) -> set[str]:
    """The characters of ``text`` the font has no glyph for: Font.metrics gives None, or
    (SDL_ttf's way) the metrics and picture of the empty box a private-use character gets."""
    box = font.metrics("\ue000")[0]
    box_picture = pygame.image.tobytes(font.render("\ue000", False, (0, 0, 0)), "P")
    gone = set()
    for ch, m in zip(text, font.metrics(text), strict=True):
        if ch.isspace() or ch in "\u200e\u200f\u061c":
            continue
        if m is None or (m == box and pygame.image.tobytes(
                font.render(ch, False, (0, 0, 0)), "P") == box_picture):
            gone.add(ch)
    return gone


@pytest.mark.parametrize("family", READING_FONTS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_glyph_of_the_catalogue_is_in_the_font_the_game_picks(lang, family):
    pygame.font.init()
    fonts = Fonts(FONT_DIR, Settings(language=lang, reading_font=family))
    gaps: dict[str, set[str]] = {}
    for text in texts(lang):
        for line in text.split("\n"):
            if not line.strip():
                continue
            pieces = fonts.pieces(line, 24, True) if is_rtl_text(line) else [
                (line, fonts.font_for(line, 24, True))]
            for piece, font in pieces:
                lost = missing(font, piece)
                if lost:
                    gaps.setdefault(font.name, set()).update(lost)
    assert not gaps, f"{lang}, {family}: characters without a glyph: {gaps}"


def test_opendyslexic_has_a_reading_font_of_each_other_script():
    pygame.font.init()
    for lang, sample, name in (("uk", "Збудуй їжака", "Andika"),
                               ("ar", "أحسنت! ابنِ الدائرة", "Harmattan")):
        fonts = Fonts(FONT_DIR, Settings(language=lang, reading_font="opendyslexic"))
        if is_rtl_text(sample):
            names = {f.name for _t, f in fonts.pieces(sample, 24, False)}
        else:
            names = {fonts.font_for(sample, 24).name}
        assert names == {name}, (lang, names)
    # the table has one font per reading font and script; OpenDyslexic only for Latin
    assert {s for (family, s), setup in FONT_TABLE.items() if setup == OPENDYSLEXIC} == {"Latn"}


def test_the_settings_say_which_font_draws_the_letters():
    import types

    from game.i18n import make_translator
    from game.scenes.settings_menu import SettingsScene

    for lang, family, expected in (("uk", "opendyslexic", "Andika"),
                                   ("ar", "opendyslexic", "Harmattan"),
                                   ("nl", "opendyslexic", None), ("uk", "andika", None)):
        gettext, _n = make_translator(lang, PROJECT_ROOT / "locale")
        scene = SettingsScene.__new__(SettingsScene)
        scene.ctx = types.SimpleNamespace(settings=Settings(language=lang, reading_font=family),
                                          gettext=gettext)
        note = scene.font_note()
        if expected is None:
            assert note == ""
        else:
            assert expected in note and "OpenDyslexic" in note and note != (
                "{chosen} has only Latin letters. Your letters are drawn in {font}, a clear "
                "font for reading.")


@pytest.mark.parametrize("lang", ["uk", "ar"])
def test_the_note_fits_the_reading_page_at_every_size(lang):
    from game.scenes.settings_menu import PANEL, SettingsScene
    from game.settings import TEXT_SCALES
    from game.ui.textfit import TextAudit
    from game.ui.view import Painter, Viewport
    from tests.test_level_cards import context

    for size in range(len(TEXT_SCALES)):
        ctx = context(lang, size, "opendyslexic")
        ctx.input = None
        scene = SettingsScene(ctx, "reading")
        scene.enter()
        view = Viewport((1280, 720))
        view.audit = TextAudit()
        scene.draw(Painter(pygame.Surface((1280, 720)), view, ctx.art, ctx.fonts))
        note = scene.font_note()
        drawn = [t for t in view.audit.texts if t.text == note]
        assert drawn, f"size {size}: the note is not on the page"
        assert PANEL.contains(drawn[0].rect)
        assert not view.audit.problems(), f"size {size}: {view.audit.problems()}"
