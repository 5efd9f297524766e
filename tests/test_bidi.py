"""A Latin name with its number inside Arabic text keeps its order ("Groep 6", not "6 Groep").

The runs come from game.bidi (the Unicode bidirectional algorithm, UAX #9); the pictures from
the real fonts; the PDF report's fpdf2 (its own complete UAX #9) must give the same runs.
"""

from __future__ import annotations

import pygame
import pytest

from game import PROJECT_ROOT
from game.bidi import first_strong, join, levels, runs
from game.i18n import make_translator
from game.settings import Settings
from game.ui.fonts import Fonts

FONT_DIR = PROJECT_ROOT / "assets" / "fonts"
INK = (30, 30, 50)
ALM = "\u061c"


@pytest.fixture(autouse=True)
def _fonts_ready():
    pygame.font.init()


def test_a_class_name_with_its_number_stays_one_left_to_right_run_in_arabic():
    # W7: the 6 follows the Latin letters of "Groep" (across the space), so it reads with them
    assert runs("المجموعة Groep 6 جاهزة") == [(" جاهزة", True), ("Groep 6", False),
                                              ("المجموعة ", True)]
    assert runs("حذف الصف Groep 6؟") == [("؟", True), ("Groep 6", False), ("حذف الصف ", True)]
    assert runs("الصف Klas 7B جاهز") == [(" جاهز", True), ("Klas 7B", False), ("الصف ", True)]
    assert runs("أحسنت يا Meester Jan 2!") == [("!", True), ("Meester Jan 2", False),
                                               ("أحسنت يا ", True)]
    # a separator between two digits joins them (W4), and so the whole name stays together
    assert runs("الصف Groep 5/6 هنا") == [(" هنا", True), ("Groep 5/6", False),
                                          ("الصف ", True)]


def test_arabic_digits_after_a_latin_name_stay_with_the_arabic_words():
    # ٣ is an Arabic number (AN): W7 is only for European digits, so the count keeps its words
    assert runs("Groep 5/6: ٣ تلاميذ") == [(" تلاميذ", True), ("٣", False), (": ", True),
                                           ("Groep 5/6", False)]


def test_a_name_alone_in_an_arabic_screen_reads_as_written():
    for name in ("Groep 6", "Klas 7B", "Groep 5/6", "Meester Jan 2"):
        assert runs(name) == [(name, False)]


def test_a_number_between_arabic_words_is_a_number_of_the_sentence():
    assert runs("لديك 12 نجمة") == [(" نجمة", True), ("12", False), ("لديك ", True)]
    assert runs("في المجموعة 6 تلاميذ") == [(" تلاميذ", True), ("6", False),
                                            ("في المجموعة ", True)]
    # vowel marks take their letter's side (W1): a vocalised word before a number
    assert runs("أَحْسَنْتَ 3 مَرّات") == [(" مَرّات", True), ("3", False), ("أَحْسَنْتَ ", True)]
    # the number is Arabic even after a Latin word further back when an Arabic word is nearer
    assert runs("Sara لديها 3 نجوم") == [(" نجوم", True), ("3", False), (" لديها ", True),
                                         ("Sara", False)]


def test_a_latin_sentence_with_an_arabic_word_runs_left_to_right():
    assert first_strong("Goed gedaan, سارة!") == 0
    assert runs("Goed gedaan, سارة!", 0) == [("Goed gedaan, ", False), ("سارة", True),
                                             ("!", False)]
    # a number right after the Arabic name is an Arabic number: it stays with the name
    assert runs("Welkom سارة 2 en Jan", 0) == [("Welkom ", False), ("2", False),
                                               ("سارة ", True), (" en Jan", False)]


def test_isolates_and_marks_steer_and_are_not_drawn():
    # a name in an isolate (FSI ... PDI) counts as one neutral sign from outside
    assert runs("نجوم \u2068Groep 6\u2069: 3") == [("3", False), (": ", True),
                                                    ("Groep 6", False), ("نجوم ", True)]
    assert levels("ab", 1) == [2, 2]
    assert runs("\u200f") == []


def test_the_catalogue_keeps_a_count_with_its_words_after_a_file_name():
    """'{file}: {count} new records' in Arabic: a letter mark before the count, so the count
    is not pulled into the file's name by W7."""
    ngettext = make_translator("ar")[1]
    line = ngettext("{file}: {count} new record", "{file}: {count} new records", 12).format(
        file="pc-3f2a.jsonl", count=12)
    assert ALM in line
    assert runs(line)[-1] == ("pc-3f2a.jsonl", False)
    assert ("12", False) in runs(line)


def test_pieces_joined_on_one_line_keep_their_own_order():
    line = join(["الدرس: Power in the city", "12 تلميذًا"], " · ", True)
    assert runs(line) == [(" تلميذًا", True), ("12", False), (" · ", True),
                          ("Power in the city", False), ("الدرس: ", True)]
    # without the join's mark, W7 would read "city · 12" as one run
    assert ("Power in the city · 12", False) in runs(" · ".join(["الدرس: Power in the city",
                                                                 "12 تلميذًا"]))
    assert join(["Les 3", "12 leerlingen"], " · ", False) == "Les 3 · 12 leerlingen"


#: Lines whose runs the PDF report's bidi (fpdf2) and the game's must agree on.
CORPUS = ("المجموعة Groep 6 جاهزة", "Klas 7B", "Groep 5/6: ٣ تلاميذ", "Groep 6",
          "لديك 12 نجمة", "أحسنت يا Meester Jan 2!", "Sara لديها 3 نجوم", "النتيجة: 1,5",
          "6. لوحة", "النجوم 21/36 58%", "الملف (pc-3f2a.jsonl)", "Techniekwerf · Groep 6 · صفحة 1 من 3",
          "log-3f2a9c1e-2026-11-28.jsonl: " + ALM + "3 سجلات جديدة", "أَحْسَنْتَ 3 مَرّات",
          "الساعة 14:05 اليوم", "+5 نقاط", "Groep 3–4 (العمر 6–7)",
          "نجوم \u2068Groep 6\u2069: 3", "\u2067Sara 2\u2069 لديها 3", "Welkom سارة 2 en Jan",
          "06\u200f/12\u200f/2026", "\u200e50%\u200e نجوم")


@pytest.mark.parametrize("text", CORPUS)
@pytest.mark.parametrize("base", [1, 0])
def test_the_game_and_the_pdf_report_agree(text, base):
    """Every character gets the embedding level fpdf2's UAX #9 (which lays out the PDF
    report) gives it, in a right-to-left and in a left-to-right paragraph. (Not in the list:
    a path's edge slash, which the game keeps with the path on purpose, see game.bidi.)"""
    from fpdf.bidi import BidiParagraph
    from fpdf.enums import TextDirection

    paragraph = BidiParagraph(text, base_direction=TextDirection.RTL if base else
                              TextDirection.LTR)
    theirs = [c.embedding_level for c in paragraph.get_characters_with_embedding_level()]
    assert levels(text, base) == theirs


# --- the pictures ----------------------------------------------------------------------------

def _columns(surf: pygame.Surface) -> list[bytes]:
    alpha = pygame.surfarray.array_alpha(surf)
    return [col.tobytes() for col in alpha]


def _find(big: pygame.Surface, small: pygame.Surface) -> int | None:
    """The x where the ink of ``small`` stands in ``big`` pixel for pixel (alpha), or None."""
    box = small.get_bounding_rect(min_alpha=1)
    part = small.subsurface(box)
    want = _columns(part)
    for y in range(big.get_height() - box.height + 1):
        have = _columns(big.subsurface((0, y, big.get_width(), box.height)))
        for x in range(len(have) - len(want) + 1):
            if have[x] == want[0] and have[x:x + len(want)] == want:
                return x
    return None


@pytest.mark.parametrize("name", ["Groep 6", "Klas 7B", "Groep 5/6", "Meester Jan 2"])
def test_the_name_in_an_arabic_sentence_is_the_name_drawn_alone(name):
    """The name's pixels in the sentence are those of the name drawn on its own (so "6 Groep"
    fails), between the two Arabic words: the first word right of it, the last left of it."""
    fonts = Fonts(FONT_DIR)
    line = fonts.render(f"المجموعة {name} جاهزة", 24, INK)
    alone = fonts.render(name, 24, INK)
    at = _find(line, alone)
    assert at is not None, f"{name!r} is not drawn as it is alone"
    width = alone.get_bounding_rect(min_alpha=1).width
    first = fonts.render("المجموعة", 24, INK).get_bounding_rect(min_alpha=1).width
    last = fonts.render("جاهزة", 24, INK).get_bounding_rect(min_alpha=1).width
    ink = line.get_bounding_rect(min_alpha=1)
    assert ink.left + last < at  # "ready", the sentence's last word, at the left end
    assert at + width + first < ink.right + 2  # "the group", its first, at the right end


def test_a_dutch_sentence_with_an_arabic_name_starts_at_the_left():
    """In a Dutch screen a sentence with an Arabic name runs left to right: its Dutch words
    start the line at the left, as drawn alone."""
    settings = Settings()
    settings.language = "nl"
    fonts = Fonts(FONT_DIR, settings)
    line = fonts.render("Goed gedaan, سارة!", 24, INK)
    at = _find(line, fonts.render("Goed gedaan,", 24, INK))
    assert at is not None and at <= line.get_bounding_rect(min_alpha=1).left + 1
    arabic = Fonts(FONT_DIR)  # no language known: an Arabic paragraph, the words at the right
    line = arabic.render("Goed gedaan, سارة!", 24, INK)
    at = _find(line, arabic.render("Goed gedaan", 24, INK))
    assert at is not None and at > line.get_width() // 4


def test_the_delete_dialog_names_the_class_in_its_order(data_dir, fake_time):
    """The classes screen in Arabic, a class named "Groep 5/6": the dialog's question "Delete
    class Groep 5/6?" has the name's own picture in it (it read "5/6 Groep" before)."""
    from tests.scene_gallery import gallery_app, show

    app = gallery_app(data_dir, fake_time, lang="ar")
    drawn = []
    app.view.text_probe = lambda painter, text, surf, rect, colour, size, bold: drawn.append(
        (text, surf, colour, size, bold))
    try:
        app.gallery_schools["main"].add_class("Groep 5/6")
        show(app, "confirm")
        question = [d for d in drawn if "Groep 5/6" in d[0] and d[0] != "Groep 5/6"]
        assert question, [d[0] for d in drawn]
        text, surf, colour, size, bold = question[-1]
        assert text.startswith("حذف الصف")
        name = app.ctx.fonts.render("Groep 5/6", app.view.length(size), colour, bold)
        at = _find(surf, name)
        assert at is not None, "the class's name is not drawn as it is alone"
        words = app.ctx.fonts.render("حذف الصف", app.view.length(size), colour, bold)
        right = surf.get_bounding_rect(min_alpha=1).right
        # right to left: "Delete class" first, at the right; the name after it, to its left
        assert at + name.get_bounding_rect(min_alpha=1).width <= right - words.get_width() + 2
    finally:
        app.close()
