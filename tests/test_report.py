"""The printable class report: a valid PDF whose text a reader (poppler) finds, in Dutch,
for a real class on the real store, and for 30 pupils x 40 levels; in each of the six
languages with every pupil's name in its own letters; Arabic shaped (letters joined), right to
left and the page mirrored, checked on the page as poppler draws it."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from game.i18n import format_date, format_percent, make_translator
from game.progress import report as report_module
from game.progress.records import (
    Attempt,
    CellStatus,
    Dashboard,
    Outcome,
    ProgressCell,
    Pupil,
    new_id,
    now,
)
from game.progress.report import (
    KERNDOELEN,
    MARGIN,
    PAGE_W,
    SCRIPT_FONTS,
    ReportInfo,
    chunks,
    class_report,
    render_report,
    write_class_report,
)
from game.settings import LANGUAGES
from tests.scene_gallery import catalogue as shipped_levels

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="pdftotext and pdftoppm (poppler-utils) are not installed")

#: A class as a Dutch school has it: names in Latin (Dutch, Turkish, Polish letters), Cyrillic
#: and Arabic script.
NAMES = ("Zoë", "Şükrü", "İlayda", "Łucja Żak", "Олена", "Ґанна", "مريم")
MM = 72 / 25.4  # PDF points per millimetre (pdftotext's -x/-y/-W/-H are in points at -r 72)


def pdf_text(data: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", "-layout", *options, str(path), "-"],
                          capture_output=True, text=True, check=True)
    assert "Error" not in done.stderr, done.stderr  # e.g. "No font in show"
    return done.stdout


def pdf_png(data: bytes, tmp_path: Path, page: int, box_mm: tuple[float, float, float, float],
            dpi: int = 300):
    """The part ``box_mm`` (x, y, w, h in millimetres) of a page as poppler draws it, as a
    pygame surface."""
    import io

    import pygame

    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    k = dpi / 25.4
    x, y, w, h = (str(round(v * k)) for v in box_mm)
    done = subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                           "-x", x, "-y", y, "-W", w, "-H", h, str(path)],
                          capture_output=True, check=True)
    return pygame.image.load(io.BytesIO(done.stdout), "crop.png")


def ink_columns(surface) -> list[bool]:
    """Per pixel column: is there ink (a dark pixel) in it?"""
    import pygame

    mask = pygame.mask.from_threshold(surface, (0, 0, 0, 255), (128, 128, 128, 255))
    w, h = mask.get_size()
    return [any(mask.get_at((x, y)) for y in range(h)) for x in range(w)]


def ink_runs(columns: list[bool]) -> int:
    """How many separate stretches of ink a line has, left to right: the letters of a joined
    Arabic word are one stretch, isolated letters one each."""
    return sum(1 for i, ink in enumerate(columns) if ink and (i == 0 or not columns[i - 1]))


def mixed_class(levels, solved_share_half: bool = True) -> Dashboard:
    """Pupils named in every script; half of all cells solved, the rest tried, stuck, open."""
    pupils = tuple(Pupil(f"p{n}", "c", name, "fox") for n, name in enumerate(NAMES))
    others = (CellStatus.TRIED, CellStatus.NEEDS_HELP, CellStatus.NOT_STARTED)
    cells = {}
    for i, pupil in enumerate(pupils):
        for j, level in enumerate(levels):
            k = i * len(levels) + j
            status = CellStatus.SOLVED if k % 2 == 0 else others[(k // 2) % 3]
            cells[(pupil.id, level.id)] = ProgressCell(pupil.id, level.id, status,
                                                      best_stars=1 + k % 3)
    return Dashboard("c", pupils, tuple(lv.id for lv in levels), cells)


@pytest.fixture(scope="module")
def real_levels():
    return list(shipped_levels())


@pytest.fixture
def store(tmp_path):
    from game.progress.sql import SqlSchoolStore

    school = SqlSchoolStore(tmp_path / "data")
    yield school
    school.close()


def played(pupil_id: str, level_id: str, outcome: Outcome, stars: int = 0,
           failed: int = 0) -> Attempt:
    start = now() - timedelta(hours=2)
    return Attempt(new_id(), pupil_id, level_id, None, start, start + timedelta(minutes=4),
                   outcome, stars, failed_tests=failed)


def test_balanced_runs():
    assert [len(r) for r in chunks(40, 29)] == [20, 20]
    assert [len(r) for r in chunks(30, 30)] == [30]
    assert [len(r) for r in chunks(7, 3)] == [3, 2, 2]
    assert [len(r) for r in chunks(0, 5)] == [0]


def test_every_kerndoel_of_the_levels_has_a_name(real_levels):
    assert {k for level in real_levels for k in level.kerndoelen} <= set(KERNDOELEN)


@needs_poppler
def test_a_dutch_report_for_a_real_class(store, real_levels, tmp_path):
    group = store.add_class("groep 5b")
    zoe = store.add_pupil(group.id, "Zoë", "fox")
    daan = store.add_pupil(group.id, "Daan", "owl")
    first, second = real_levels[0], real_levels[1]
    store.save_attempt(played(zoe.id, first.id, Outcome.SOLVED, stars=3))
    store.save_attempt(played(daan.id, second.id, Outcome.GAVE_UP, failed=4))
    out = tmp_path / "klas.pdf"

    gettext = make_translator("nl")[0]
    write_class_report(store, group.id, real_levels, out, lesson_title="Stroom in de stad",
                       gettext=gettext, lang="nl", day=date(2025, 11, 28))
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    text = pdf_text(data, tmp_path)
    for expected in ("groep 5b", "Zoë", "Daan", "Stroom in de stad", "28 november 2025",
                     "Klasoverzicht", "Opgelost", "Hulp nodig", gettext(first.title)):
        assert expected in text, expected
    assert "Class report" not in text


@needs_poppler
def test_an_english_report_and_an_empty_class(store, real_levels, tmp_path):
    group = store.add_class("groep 3a")
    data = class_report(store, group.id, real_levels[:3], gettext=make_translator("en")[0],
                        lang="en", day=date(2025, 11, 28))
    text = pdf_text(data, tmp_path)
    assert "28 November 2025" in text and "All levels" in text  # en_GB, as the game
    assert "This class has no pupils yet." in text


@needs_poppler
def test_thirty_pupils_by_forty_levels_paginate(real_levels, tmp_path):
    from game.progress.records import CellStatus, Dashboard, ProgressCell, Pupil

    levels = [replace(real_levels[i % len(real_levels)], id=f"lv-{i:02d}") for i in range(40)]
    pupils = tuple(Pupil(new_id(), "c", f"Leerling {n:02d}", "fox") for n in range(30))
    statuses = list(CellStatus)
    cells = {(p.id, lv.id): ProgressCell(p.id, lv.id, statuses[(i + j) % 4],
                                         best_stars=1 + (i * j) % 3)
             for i, p in enumerate(pupils) for j, lv in enumerate(levels)}
    dashboard = Dashboard("c", pupils, tuple(lv.id for lv in levels), cells)
    data = render_report(dashboard, levels, ReportInfo("groep 8", None, date(2025, 6, 1)),
                         make_translator("nl")[0])
    text = pdf_text(data, tmp_path)
    # a cover, the table in two runs of 20 levels with all 30 pupils on each, two chart pages
    pages = text.split("\f")[:-1]
    assert len(pages) == 5
    for table_page in pages[1:3]:
        assert all(pupil.name in table_page for pupil in pupils)
    assert "Hulp nodig" in pages[0] and "pagina 5 van 5" in pages[4]


# --- six languages, three scripts ---------------------------------------------------------------


def test_the_reports_fonts_are_the_games(monkeypatch):
    """The report repeats the game's font table (it must not import pygame): they agree."""
    from game.ui.fonts import FONT_TABLE, SCRIPTS

    for script in SCRIPTS:
        setup = FONT_TABLE[("andika", script)]
        assert SCRIPT_FONTS[script][1:] == (setup.regular, setup.bold), script
        for name in SCRIPT_FONTS[script][1:]:
            assert (report_module.FONT_DIR / name).is_file()


@needs_poppler
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_report_in_every_language(lang, real_levels, tmp_path, caplog):
    """Every name in its own letters, the words of the language, its date and percentages
    (Babel), no glyph missing from any font and nothing poppler cannot draw."""
    levels = [lv for lv in real_levels if 42 in lv.kerndoelen][:4]
    gettext, ngettext = make_translator(lang)
    day = date(2025, 11, 28)
    with caplog.at_level(logging.WARNING):
        data = render_report(mixed_class(levels), levels,
                             ReportInfo("groep 5b", None, day, lang), gettext, ngettext)
    assert not [r for r in caplog.records if "missing" in r.getMessage()], caplog.text
    text = pdf_text(data, tmp_path)
    for name in NAMES[:-1]:  # Latin and Cyrillic names (the Arabic one: see the test below)
        assert name in text, (lang, name)
    expected = [gettext("Class report"), format_date(day, lang, format="long"),
                format_percent(0.5, lang)]
    if lang != "ar":  # poppler gives back Arabic words with a lam-alef ligature out of order
        expected += [gettext("Pupils and levels"), gettext("Needs help"),
                     gettext(levels[0].title)]
    # poppler marks its reading of right-to-left runs (U+202A-U+202C) and moves the spaces
    # around them; the words and numbers themselves are what is checked
    squashed = re.sub(r"[\s\u202a-\u202e]", "", text)
    for words in expected:
        assert re.sub(r"[\s\u202a-\u202e]", "", words) in squashed, (lang, words)
    if lang != "en":
        assert "Class report" not in text
    fonts = subprocess.run(["pdffonts", str(tmp_path / "report.pdf")], capture_output=True,
                           text=True, check=True).stdout
    assert "NotoSansArabic" in fonts and "Andika" in fonts  # the Arabic name has its font


@needs_poppler
def test_a_class_without_arabic_names_carries_no_arabic_font(real_levels, tmp_path):
    levels = real_levels[:3]
    pupils = tuple(Pupil(f"p{n}", "c", name, "fox") for n, name in enumerate(NAMES[:-1]))
    dashboard = Dashboard("c", pupils, tuple(lv.id for lv in levels), {})
    data = render_report(dashboard, levels, ReportInfo("groep 5b", None, date(2025, 11, 28)),
                         make_translator("nl")[0])
    (tmp_path / "report.pdf").write_bytes(data)
    fonts = subprocess.run(["pdffonts", str(tmp_path / "report.pdf")], capture_output=True,
                           text=True, check=True).stdout
    assert "Andika" in fonts and "NotoSansArabic" not in fonts


def arabic_report(levels, pupils=NAMES) -> bytes:
    gettext, ngettext = make_translator("ar")
    dashboard = mixed_class(levels)
    dashboard = replace(dashboard, pupils=tuple(p for p in dashboard.pupils if p.name in pupils))
    return render_report(dashboard, levels, ReportInfo("groep 5b", None, date(2025, 11, 28),
                                                       "ar"), gettext, ngettext)


@needs_poppler
def test_arabic_is_shaped_right_to_left_and_right_aligned(real_levels, tmp_path, monkeypatch):
    """The cover's heading "تقرير الصف" (class report) as poppler draws it: its letters joined
    (four stretches of ink: تقر، ير، ا، لصف), set against the right margin, and read back by
    poppler in the order it is written. The same page with HarfBuzz kept off, drawn in the
    same fonts, fails all of it, so this test can."""
    levels = real_levels[:2]
    heading = make_translator("ar")[0]("Class report")
    assert heading == "تقرير الصف"
    strip = (PAGE_W / 2, MARGIN - 2, PAGE_W / 2, 8)  # the right half of the heading's line

    def look(data: bytes) -> tuple[int, float, str]:
        columns = ink_columns(pdf_png(data, tmp_path, 1, strip))
        right = max(i for i, ink in enumerate(columns) if ink)
        gap_mm = (len(columns) - 1 - right) * 25.4 / 300
        first_line = pdf_text(data, tmp_path, "-f", "1", "-l", "1").strip().splitlines()[0]
        return ink_runs(columns), gap_mm, first_line.strip("\u202a\u202b\u202c ")

    runs, gap_mm, read = look(arabic_report(levels))
    assert runs <= 5, runs  # joined (a dot may stand clear of its letter: at most one more)
    assert MARGIN - 1 < gap_mm < MARGIN + 2, gap_mm  # right-aligned at the margin
    assert read == heading

    unshaped = report_module._Report.shaped

    def without_harfbuzz(self, text):
        unshaped(self, text)
        self.pdf.set_text_shaping(False)
        return text

    monkeypatch.setattr(report_module._Report, "shaped", without_harfbuzz)
    runs, _gap, read = look(arabic_report(levels))
    assert runs >= 8, runs  # nine letters, one by one
    assert read != heading  # drawn left to right, so read back reversed


@needs_poppler
def test_an_arabic_report_is_mirrored(real_levels, tmp_path):
    """Pupils' names on the right of the table and the levels running leftwards from them,
    as on the game's mirrored dashboard; in Dutch the names are on the left. Every Latin
    word after an Arabic one is still set in its own font (fpdf2 2.8 leaves the page in the
    fallback font after a cell that used it)."""
    levels = real_levels[:3]
    gettext = make_translator("ar")[0]
    data = arabic_report(levels)
    band = 60 * MM

    def table(side: str, data: bytes) -> str:
        x = 0 if side == "left" else PAGE_W * MM - band
        return pdf_text(data, tmp_path, "-f", "2", "-l", "2", "-x", str(round(x)), "-y", "0",
                        "-W", str(round(band)), "-H", "600")

    right = table("right", data)
    assert all(name in right for name in NAMES[:-1]) and "3/12" not in table("left", data)
    head = next(line for line in right.splitlines() if gettext("Pupil") in line)
    assert "✓" in head  # the solved column's tick, in its font after the Arabic word
    dutch = render_report(mixed_class(levels), levels,
                          ReportInfo("groep 5b", None, date(2025, 11, 28)),
                          make_translator("nl")[0])
    assert all(name in table("left", dutch) for name in NAMES[:-1])
    assert not any(name in table("right", dutch) for name in NAMES[:-1])


@needs_poppler
def test_an_arabic_name_in_a_dutch_report_is_joined(real_levels, tmp_path):
    """"مريم" (Maryam) in a Dutch class: four letters, joined in two stretches (مر، يم)."""
    levels = real_levels[:2]
    pupils = (Pupil("p1", "c", "مريم", "fox"),)
    dashboard = Dashboard("c", pupils, tuple(lv.id for lv in levels), {})
    data = render_report(dashboard, levels, ReportInfo("groep 5b", None, date(2025, 11, 28)),
                         make_translator("nl")[0])
    name_cell = (MARGIN, report_module.TOP + report_module.HEAD_H, report_module.NAME_W, 7)
    columns = ink_columns(pdf_png(data, tmp_path, 2, name_cell))
    assert any(columns) and ink_runs(columns) <= 3, ink_runs(columns)
    assert "مريم" in pdf_text(data, tmp_path, "-f", "2", "-l", "2")
