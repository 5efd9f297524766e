"""A pupil's or a class's name in Hebrew letters (copied from a Hebrew source: a realistic case
in a Dutch class) is drawn in Noto Sans Hebrew, right to left, on the screens and in the PDF
report: no empty boxes, no ``?``. The game's languages stay the six; this is about drawing
Hebrew text inside any of them, with the same right-to-left layout Arabic has."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pygame
import pytest

from game import PROJECT_ROOT
from game.i18n import make_translator
from game.settings import READING_FONTS, Settings
from game.ui.fonts import FONT_TABLE, SCRIPTS, Fonts, is_rtl_text, script_of
from tests.scene_gallery import catalogue as real_levels
from tests.test_font_coverage import missing

FONT_DIR = PROJECT_ROOT / "assets" / "fonts"
INK = (30, 30, 50)
NOA = "\u05e0\u05d5\u05e2\u05d4"  # נועה
SARA = "\u05e9\u05b8\u05c1\u05e8\u05b8\u05d4"  # שָׁרָה, with its points
MARYAM = "\u0645\u0631\u064a\u0645"  # مريم

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")


@pytest.fixture(autouse=True)
def _fonts_ready():
    pygame.font.init()


def fonts_for(lang: str | None, family: str = "andika") -> Fonts:
    return Fonts(FONT_DIR, Settings(language=lang, reading_font=family) if lang else None)


def boxes(fonts: Fonts, text: str) -> dict[str, set[str]]:
    """The characters of ``text`` drawn as an empty box, by font, as the screens draw it."""
    pieces = fonts.pieces(text, 24, False) if is_rtl_text(text) else [
        (text, fonts.font_for(text, 24))]
    gaps: dict[str, set[str]] = {}
    for piece, font in pieces:
        lost = missing(font, piece)
        if lost:
            gaps.setdefault(font.name, set()).update(lost)
    return gaps


def ink(surf: pygame.Surface) -> pygame.Surface:
    """The drawn pixels only (alpha), cropped to them."""
    rect = surf.get_bounding_rect(min_alpha=1)
    return surf.subsurface(rect).copy()


def alpha_bytes(surf: pygame.Surface) -> bytes:
    return bytes(pygame.surfarray.array_alpha(surf).tobytes())


def test_hebrew_is_a_right_to_left_script_with_its_font_for_every_reading_font():
    assert "Hebr" in SCRIPTS and script_of(NOA) == "Hebr" and is_rtl_text(NOA)
    assert script_of(f"{MARYAM} {NOA}") == "Arab"  # the first right-to-left script decides
    assert not is_rtl_text("Noa") and script_of("Noa") == "Latn"
    for family in READING_FONTS:
        setup = FONT_TABLE[(family, "Hebr")]
        assert setup.rtl and setup.script == "Hebr"
        assert setup.regular == "NotoSansHebrew-Regular.ttf"
        assert (FONT_DIR / setup.regular).is_file() and (FONT_DIR / setup.bold).is_file()
    assert (FONT_DIR / "NotoSansHebrew-OFL.txt").stat().st_size > 1000


@pytest.mark.parametrize("family", READING_FONTS)
@pytest.mark.parametrize("lang", ["nl", "ar", None])
@pytest.mark.parametrize("name", [NOA, f"Noa {NOA}", SARA, f"{SARA} (3)", f"{MARYAM} {NOA}",
                                  f"Groep 5 {NOA}!"])
def test_a_hebrew_name_has_no_missing_glyph(name, lang, family):
    fonts = fonts_for(lang, family)
    assert boxes(fonts, name) == {}
    names = {f.name for t, f in fonts.pieces(name, 24, False) if script_of(t) == "Hebr"}
    assert names == {"Noto Sans Hebrew"}
    # Arabic letters stay in the Arabic font of the reading font, next to Hebrew ones
    if MARYAM in name:
        arabic = {f.name for t, f in fonts.pieces(name, 24, False) if script_of(t) == "Arab"}
        assert arabic == {"Noto Sans Arabic" if fonts.family == "andika" else "Harmattan"}


def test_without_the_hebrew_font_the_name_would_be_boxes():
    """The check above can fail: the reading fonts have no Hebrew letters."""
    fonts = fonts_for("nl")
    assert missing(fonts.get(24, script="Latn"), NOA) == set(NOA)
    assert missing(fonts.get(24, script="Arab"), NOA) == set(NOA)


@pytest.mark.parametrize("bold", [False, True])
def test_hebrew_letters_run_right_to_left(bold):
    """The name drawn by the game is the picture of its letters in reverse order drawn left to
    right (Hebrew letters do not join), and not the picture in the typed order."""
    fonts = fonts_for("nl")
    drawn = ink(fonts.render(NOA, 40, INK, bold))
    setup = FONT_TABLE[("andika", "Hebr")]
    plain = pygame.font.Font(str(FONT_DIR / (setup.bold if bold else setup.regular)), 40)
    plain.set_direction(pygame.DIRECTION_LTR)
    reversed_ltr = ink(plain.render(NOA[::-1], True, INK))
    typed_ltr = ink(plain.render(NOA, True, INK))
    assert drawn.get_size() == reversed_ltr.get_size()
    assert alpha_bytes(drawn) == alpha_bytes(reversed_ltr)
    assert alpha_bytes(drawn) != alpha_bytes(typed_ltr)


def test_the_pieces_of_a_mixed_name_in_visual_order():
    """A Dutch screen: "Noa" then the Hebrew word to its right; an Arabic screen: the
    paragraph runs right to left, so the Hebrew word is at the left. An Arabic and a Hebrew
    word: each in its own font, the first word at the right."""
    nl, ar = fonts_for("nl"), fonts_for("ar")
    assert [(t.strip(), f.name) for t, f in nl.pieces(f"Noa {NOA}", 24, False, 0)] == [
        ("Noa", "Andika"), (NOA, "Noto Sans Hebrew")]
    assert [t.strip() for t, _f in ar.pieces(f"Noa {NOA}", 24, False, 1)] == [NOA, "Noa"]
    mixed = [(t.strip(), f.name) for t, f in ar.pieces(f"{MARYAM} {NOA}", 24, False, 1)]
    assert [p for p in mixed if p[0]] == [(NOA, "Noto Sans Hebrew"), (MARYAM, "Noto Sans Arabic")]
    # a Hebrew name in a Dutch sentence paragraph starts at its first letter: right to left
    assert nl.paragraph_level(NOA) == 1 and nl.paragraph_level(f"Noa {NOA}") == 0


def test_digits_and_signs_in_a_hebrew_text_come_from_the_reading_font():
    """Noto Sans Hebrew has no digits: a class "כיתה 5" draws its 5 in the reading font, not
    in the Arabic font (which only a text with Arabic letters uses for its digits)."""
    fonts = fonts_for("nl")
    five = [f.name for t, f in fonts.pieces(f"{NOA} 5!", 24, False) if "5" in t]
    assert five == ["Andika"]
    arabic_five = [f.name for t, f in fonts.pieces(f"{MARYAM} 5", 24, False) if "5" in t]
    assert arabic_five == ["Noto Sans Arabic"]


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_arabic_and_dutch_texts_use_the_fonts_they_always_had(lang):
    """No Hebrew font in an Arabic or a Dutch text; a Latin text still goes straight to
    SDL_ttf (the picture of its font's own render)."""
    fonts = fonts_for(lang)
    for text in ("\u0623\u062d\u0633\u0646\u062a! \u0627\u0628\u0646\u0650 \u0627\u0644\u062f"
                 "\u0627\u0626\u0631\u0629 (3)", f"{MARYAM} Zo\u00eb 12%"):
        assert {f.name for _t, f in fonts.pieces(text, 24, False)} <= {
            "Noto Sans Arabic", "Andika"}
    text = "Knap gedaan, \u00e9\u00e9n ru\u00efne!"
    assert not is_rtl_text(text)
    own = fonts.font_for(text, 24).render(text, True, INK)
    assert alpha_bytes(fonts.render(text, 24, INK)) == alpha_bytes(own)


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_login_screens_draw_a_hebrew_class_and_pupils(school_app, lang, monkeypatch):
    """"Who is playing?": the class's name and the pupils' names, Hebrew ones among them, go
    through the right-to-left layout and are drawn with no empty box."""
    from game.i18n import apply_language
    from tests.test_hostile_records import _draw_login

    school = school_app.ctx.school
    group = school.add_class(f"\u05db\u05d9\u05ea\u05d4 \u05d4 {NOA}")
    school.add_pupils(group.id, [(NOA, "fox"), (f"Noa {NOA}", "owl"), (SARA, "cow"),
                                 ("Daan", "cat"), (MARYAM, "frog")])
    drawn: list[tuple[str, Fonts]] = []
    render = Fonts.render

    def spy(self, text, *args, **kwargs):
        drawn.append((text, self))
        return render(self, text, *args, **kwargs)

    monkeypatch.setattr(Fonts, "render", spy)
    apply_language(school_app.ctx, lang)
    class_pick, avatars = _draw_login(school_app, group.id)
    assert {p.name for p in avatars.pupils} == {NOA, f"Noa {NOA}", SARA, "Daan", MARYAM}
    texts = {t for t, _f in drawn}
    for name in (group.name, NOA, f"Noa {NOA}", SARA):
        assert name in texts, name
    for text, fonts in drawn:
        if script_of(text) == "Hebr" or NOA in text:
            assert boxes(fonts, text) == {}, text


@needs_poppler
@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_report_prints_a_hebrew_pupil_in_noto_sans_hebrew(lang, tmp_path):
    from game.progress.records import Dashboard, Pupil
    from game.progress.report import ReportInfo, render_report

    levels = list(real_levels())[:2]
    names = (NOA, f"Noa {NOA}", SARA, "Daan", f"{MARYAM} {NOA}")
    pupils = tuple(Pupil(f"p{n}", "c", name, "fox") for n, name in enumerate(names))
    dashboard = Dashboard("c", pupils, tuple(lv.id for lv in levels), {})
    gettext, ngettext = make_translator(lang)
    notes: list[str] = []
    data = render_report(dashboard, levels, ReportInfo(f"groep 5 {NOA}", None,
                                                        date(2025, 11, 28), lang),
                         gettext, ngettext, notes)
    assert notes == []  # no character printed as "?"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert NOA in text and "Noa" in text and MARYAM in text and "?" not in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert "NotoSansHebrew" in fonts
    # drawn right to left: the last letter leftmost (poppler names a word by its glyphs from
    # left to right)
    boxes_xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                               text=True, check=True).stdout
    assert f">{NOA[::-1]}</word>" in boxes_xml and f">{NOA}</word>" not in boxes_xml


def test_a_report_without_hebrew_names_carries_no_hebrew_font():
    from game.progress.records import Dashboard, Pupil
    from game.progress.report import ReportInfo, render_report

    pupils = (Pupil("p0", "c", "Zo\u00eb", "fox"), Pupil("p1", "c", MARYAM, "owl"))
    data = render_report(Dashboard("c", pupils, (), {}), [],
                         ReportInfo("groep 5", None, date(2025, 11, 28), "nl"))
    assert b"NotoSansHebrew" not in data and b"NotoSansArabic" in data
