"""Fonts per script and reading font, text size, right-to-left runs, and Babel's numbers.

Everything is drawn with the real font files in assets/fonts and measured in real pixels.
"""

from __future__ import annotations

import datetime as dt

import pygame
import pytest

from game import PROJECT_ROOT
from game.i18n import (
    LANGUAGE_NAMES,
    RTL_SCRIPTS,
    format_date,
    format_duration,
    format_number,
    format_percent,
    format_time,
    is_rtl,
)
from game.settings import LANGUAGES, READING_FONTS, TEXT_SCALES, Settings
from game.ui.fonts import BAND_SAMPLES, FONT_TABLE, SCRIPTS, Fonts, bidi_runs, script_of
from game.ui.view import Painter, Viewport

FONT_DIR = PROJECT_ROOT / "assets" / "fonts"
INK = (30, 30, 50)

#: One sentence per language, with the letters that language needs.
SAMPLES = {
    "nl": ("Knap gedaan, één ruïne!", "Latn", "Andika"),
    "en": ("Well done, build it again!", "Latn", "Andika"),
    "tr": ("Çok güzel, şimdi ığdır dene!", "Latn", "Andika"),
    "pl": ("Zażółć gęślą jaźń, świetnie!", "Latn", "Andika"),
    "uk": ("Привіт! Збудуй їжака ґудзиком.", "Cyrl", "Andika"),
    "ar": ("أحسنت! ابنِ الدائرة", "Arab", "Noto Sans Arabic"),
}


@pytest.fixture(autouse=True)
def _fonts_ready():
    pygame.font.init()


def ink_box(surf: pygame.Surface) -> pygame.Rect:
    """The rect of the pixels that are drawn (alpha > 0)."""
    return surf.get_bounding_rect(min_alpha=40)


def test_the_table_covers_every_family_and_script_and_its_files_exist():
    for family in READING_FONTS:
        for script in SCRIPTS:
            setup = FONT_TABLE[(family, script)]
            assert (FONT_DIR / setup.regular).is_file() and (FONT_DIR / setup.bold).is_file()
    arab = FONT_TABLE[("andika", "Arab")]
    assert arab.script == "Arab" and arab.rtl
    # every script has its letters' band, and every right-to-left script of game.i18n a font
    assert set(BAND_SAMPLES) == set(SCRIPTS) and set(RTL_SCRIPTS) <= set(SCRIPTS)
    assert all(FONT_TABLE[("andika", script)].rtl == (script in RTL_SCRIPTS)
               for script in SCRIPTS)
    # every font file has its licence beside it
    for name in ("Andika-OFL.txt", "NotoSansArabic-OFL.txt", "OpenDyslexic-LICENSE.txt",
                 "Harmattan-OFL.txt", "NotoSansHebrew-OFL.txt"):
        assert (FONT_DIR / name).stat().st_size > 1000


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_gets_its_font_and_direction(lang):
    text, script, family_name = SAMPLES[lang]
    fonts = Fonts(FONT_DIR)
    assert script_of(text) == script
    assert fonts.setup(script).rtl == is_rtl(lang) == (lang == "ar")
    if lang == "ar":
        pieces = fonts.pieces(text, 24, False)
        assert {f.name for _t, f in pieces} <= {family_name, "Andika"}
        assert any(f.name == family_name for _t, f in pieces)
    else:
        assert fonts.font_for(text, 24).name == family_name
    assert lang in LANGUAGE_NAMES
    # each language's own name is drawn in the font of its script, with no missing glyph
    name = LANGUAGE_NAMES[lang]
    setup = fonts.setup(script_of(name))
    font = fonts.get(24, False, script_of(name))
    assert fonts._has_all(setup, font, name.replace(" ", ""))


def test_language_names_are_in_their_own_language():
    assert LANGUAGE_NAMES == {"nl": "Nederlands", "en": "English", "tr": "Türkçe",
                              "pl": "Polski", "uk": "Українська", "ar": "العربية"}


def test_opendyslexic_is_used_when_chosen_and_falls_back_where_it_has_no_letters():
    settings = Settings(reading_font="opendyslexic")
    fonts = Fonts(FONT_DIR, settings)
    for lang in ("nl", "en", "tr", "pl"):
        assert fonts.font_for(SAMPLES[lang][0], 24).name == "OpenDyslexic", lang
    # no Cyrillic in OpenDyslexic: Ukrainian stays in Andika; Arabic gets Harmattan
    assert fonts.font_for(SAMPLES["uk"][0], 24).name == "Andika"
    assert fonts.get(24, script="Arab").name == "Harmattan"
    # a sign OpenDyslexic lacks sends the whole string to Andika, never a box
    assert fonts.font_for("Klaar ✓", 24).name == "Andika"
    # back to Andika as soon as the setting changes: the same Fonts object reads it live
    settings.reading_font = "andika"
    assert fonts.font_for("Knap gedaan", 24).name == "Andika"


def test_the_reading_font_changes_the_pixels_at_once():
    settings = Settings()
    fonts = Fonts(FONT_DIR, settings)
    before = pygame.image.tobytes(fonts.render("Bouw een huis", 30, INK), "RGBA")
    settings.reading_font = "opendyslexic"
    after = pygame.image.tobytes(fonts.render("Bouw een huis", 30, INK), "RGBA")
    assert before != after


def test_text_size_scales_every_text_drawn_by_the_painter():
    settings = Settings(text_size=0)
    painter = Painter(pygame.Surface((1280, 720)), Viewport((1280, 720)), None,
                      Fonts(FONT_DIR, settings))
    heights = []
    for step in range(len(TEXT_SCALES)):
        settings.text_size = step
        heights.append(ink_box(painter.text_surface("Hallo Bouwer", 24)).height)
        assert painter.measure("Hallo Bouwer", 24)[1] > 0
    assert heights[0] < heights[1] < heights[2]
    assert heights[2] / heights[0] == pytest.approx(TEXT_SCALES[2] / TEXT_SCALES[0], rel=0.12)
    # Arabic and Cyrillic too
    settings.text_size = 0
    small = [ink_box(painter.text_surface(SAMPLES[k][0], 24)).height for k in ("uk", "ar")]
    settings.text_size = 2
    big = [ink_box(painter.text_surface(SAMPLES[k][0], 24)).height for k in ("uk", "ar")]
    assert all(b > s * 1.25 for s, b in zip(small, big, strict=True))


def test_arabic_letters_are_joined_and_read_right_to_left():
    fonts = Fonts(FONT_DIR)
    word = "مرحبا"
    joined = fonts.render(word, 40, INK)
    isolated = [fonts.render(ch, 40, INK) for ch in word]
    assert ink_box(joined).width < sum(ink_box(s).width for s in isolated) * 0.85
    # right to left: the word ends in alef, a tall thin stroke, so the leftmost ink is tall;
    # the first letter (meem) sits at the right
    box = ink_box(joined)
    alef = fonts.render("ا", 40, INK)
    left = joined.subsurface((box.x, 0, ink_box(alef).width + 2, joined.get_height()))
    assert ink_box(left).height >= ink_box(alef).height - 2


def test_runs_in_a_right_to_left_line():
    assert bidi_runs("مرحبا Sara") == [("Sara", False), ("مرحبا ", True)]
    assert bidi_runs("لديك 12 نجمة") == [(" نجمة", True), ("12", False), ("لديك ", True)]
    assert bidi_runs("Sara Jansen مرحبا") == [(" مرحبا", True), ("Sara Jansen", False)]
    assert bidi_runs("النتيجة: 1,5") == [("1,5", False), ("النتيجة: ", True)]
    # a numbered title: the full stop reads after the number, to its left (as in a browser)
    assert bidi_runs("6. لوحة") == [(". لوحة", True), ("6", False)]
    # two numbers after Arabic words are Arabic numbers (W2): right to left, each left to
    # right inside; a bare % after one is the sentence's sign, as a browser shows it (the
    # game shows a percentage on its own: format_percent below)
    assert bidi_runs("النجوم 21/36 58%") == [("%", True), ("58", False), (" ", True),
                                              ("21/36", False), ("النجوم ", True)]
    # Babel's direction marks steer, and are not drawn
    assert bidi_runs(format_percent(0.5, "ar")) == [("50%", False)]


#: what the Data screen says in Arabic: "Saved as {file} in {folder}", "{file}: {count} new
#: records" (the words from the catalogue; the names and paths as the game makes them). The
#: translation puts an Arabic letter mark (U+061C) before the count: by the bidi algorithm's
#: rule W7 a number after a Latin name would read with the name ("pc.jsonl: 3").
SAVED = "حُفظ باسم {file} في {folder}"
MERGED = "{file}: \u061c{count} سجلات جديدة"
LOG = "log-3f2a9c1e-2026-11-28.jsonl"
FOLDER = "/home/anna/Documents/Techniekwerf"


def test_a_file_name_or_a_path_in_arabic_is_one_left_to_right_run():
    saved = SAVED.format(file=LOG, folder=FOLDER)
    # the runs in visual order: the path at the left end, whole, with its first slash
    assert bidi_runs(saved) == [(FOLDER, False), (" في ", True), (LOG, False),
                                ("حُفظ باسم ", True)]
    # the count stays with the Arabic words it counts; the colon follows the name, to its left
    assert bidi_runs(MERGED.format(file=LOG, count=3)) == [
        (" سجلات جديدة", True), ("3", False), (": ", True), (LOG, False)]
    # a folder's last slash, a Windows path, a home folder; a full stop stays the sentence's
    assert bidi_runs("في C:\\Users\\anna\\Documents\\") == [
        ("C:\\Users\\anna\\Documents\\", False), ("في ", True)]
    assert bidi_runs("في ~/Techniekwerf/.") == [(".", True), ("~/Techniekwerf/", False),
                                                ("في ", True)]
    # a bracket around a path is the sentence's (mirrored); a slash stuck to Arabic too
    assert bidi_runs("الملف (pc-3f2a.jsonl)") == [(")", True), ("pc-3f2a.jsonl", False),
                                                 ("الملف (", True)]
    assert bidi_runs("ملف/home") == [("home", False), ("ملف/", True)]


def _alpha_columns(surf: pygame.Surface, top: int, height: int) -> list[bytes]:
    rows = pygame.surfarray.array_alpha(surf)[:, top:top + height]
    return [col.tobytes() for col in rows]


def _find_picture(big: pygame.Surface, small: pygame.Surface) -> tuple[int, int] | None:
    """Where the ink of ``small`` stands in ``big`` pixel for pixel (alpha), or None."""
    box = ink_box(small)
    part = small.subsurface(box)
    want = _alpha_columns(part, 0, box.height)
    for y in range(big.get_height() - box.height + 1):
        have = _alpha_columns(big, y, box.height)
        for x in range(len(have) - len(want) + 1):
            if have[x] == want[0] and have[x:x + len(want)] == want:
                return x, y
    return None


@pytest.mark.parametrize("bold", [False, True])
def test_a_path_inside_an_arabic_sentence_is_drawn_as_the_path_alone(bold):
    """The real pictures: the path and the file's name appear in the Arabic sentence exactly as
    they are drawn on their own (left to right, their slashes and dots in place)."""
    fonts = Fonts(FONT_DIR)
    path = FOLDER + "/pc-3f2a.jsonl"
    line = fonts.render(SAVED.format(file=LOG, folder=path), 24, INK, bold=bold)
    where = {}
    for part in (path, LOG):
        alone = fonts.render(part, 24, INK, bold=bold)
        where[part] = _find_picture(line, alone)
        assert where[part] is not None, f"{part!r} is not drawn as it is alone"
        assert _find_picture(line, pygame.transform.flip(alone, True, False)) is None
    # right to left: the file's name (first in the sentence) right of the folder
    assert where[LOG][0] > where[path][0] + ink_box(fonts.render(path, 24, INK, bold=bold)).width
    merged = fonts.render(MERGED.format(file=LOG, count=12), 24, INK, bold=bold)
    name = fonts.render(LOG, 24, INK, bold=bold)
    at = _find_picture(merged, name)
    # the name starts the line: at its right end
    assert at is not None and at[0] + ink_box(name).width >= ink_box(merged).right - 1


def test_a_latin_name_in_arabic_keeps_its_letters_and_order():
    fonts = Fonts(FONT_DIR)
    pieces = fonts.pieces("أحسنت يا Sara!", 30, False)
    texts = [t for t, _f in pieces]
    assert "Sara" in texts  # one piece, left to right, in the reading font
    assert next(f for t, f in pieces if t == "Sara").name == "Andika"
    assert texts.index("Sara") < len(texts) - 1  # drawn left of the Arabic that comes first
    # the picture has the name's letters in order: the same pixels as the name drawn alone
    name = fonts.render("Sara", 30, INK)
    line = fonts.render("أحسنت يا Sara", 30, INK)
    assert ink_box(line).width > ink_box(name).width
    # a bracket Noto Sans Arabic lacks comes from Andika, so no empty box is drawn
    assert any(f.name == "Andika" for t, f in fonts.pieces("(جيد)", 30, False) if "(" in t
               or ")" in t)


def test_wrapped_arabic_lines_are_right_aligned():
    fonts = Fonts(FONT_DIR)
    text = "هذا البيت الجديد ليس فيه كهرباء بعد. ضع لوحة شمسية بجانبه ثم اضغط.\nنعم"
    surf = fonts.render(text, 24, INK, wrap_px=300)
    assert surf.get_width() <= 300
    w, h = surf.get_size()
    step = Fonts(FONT_DIR).get(24).get_linesize()
    lines = [surf.subsurface((0, y, w, min(step, h - y))) for y in range(0, h - step // 2, step)]
    assert len(lines) >= 3
    rights = [ink_box(line).right for line in lines if ink_box(line).width]
    lefts = [ink_box(line).left for line in lines if ink_box(line).width]
    assert max(rights) - min(rights) <= 3  # every line ends at the right edge
    assert lefts[-1] > w / 2  # the last, short line leaves the left free
    centred = fonts.render(text, 24, INK, wrap_px=300, centred=True)
    w, h = centred.get_size()
    last = centred.subsurface((0, h - step, w, step))
    box = ink_box(last)
    assert abs((box.left + box.right) / 2 - w / 2) <= 4  # centred lines stay centred


def test_babel_writes_numbers_and_dates_the_way_each_language_does():
    assert format_number(1234.5, "nl") == "1.234,5"
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(1234.5, "pl") == "1\xa0234,5"
    assert format_number(2.5, "tr", decimals=2) == "2,50"
    assert format_percent(0.5, "nl") == "50%"
    assert format_percent(0.5, "tr") == "%50"
    day = dt.date(2024, 3, 5)
    assert format_date(day, "nl") == "5 mrt 2024"
    assert format_date(day, "en") == "5 Mar 2024"
    assert "бер" in format_date(day, "uk")
    assert format_time(dt.time(14, 5), "nl") == "14:05"
    assert format_time(dt.time(14, 5), "en") == "14:05"
    assert format_duration(300, "nl") == "5 minuten"
    assert format_duration(300, "pl") == "5 minut"
    assert format_duration(300, "ar") != format_duration(300, "en")
    assert is_rtl("ar") and not any(is_rtl(lang) for lang in LANGUAGES if lang != "ar")
