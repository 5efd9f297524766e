"""The printable class report: a PDF a teacher can hand to a colleague or a parents' evening.

Drawn with fpdf2 primitives only (rectangles, text, stars), in the bundled fonts so "Zoë",
"Şükrü", "Łucja", "Олена", "مريم" and "נועה" print right on any PC, with nothing fetched from
anywhere: a font per script from the same table as the game's screens (:data:`SCRIPT_FONTS`).
Arabic and Hebrew are shaped by HarfBuzz (fpdf2's text shaping, ``uharfbuzz``), so Arabic
letters join and both run right to left; an Arabic report is laid out mirrored, as the game
mirrors its screens. Dates and
numbers are written as the report's language writes them (Babel, :mod:`game.i18n`).

Every status has a colour from the Okabe-Ito set *and* a symbol, so the report still reads
when printed in black and white or by a colour-blind teacher:

    ✓ solved (with its stars)   ~ tried   ! needs help   – not started

Pages (A4 landscape): a cover with the class, date and lesson, a legend and the per-kerndoel
summary; the pupils x levels table, split over as many pages as it needs (levels across, pupils
down, every page with its own headers); and a chart per level.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from game import PROJECT_ROOT
from game.i18n import (
    RTL_LETTERS,
    RTL_SCRIPTS,
    format_date,
    format_number,
    format_percent,
    is_rtl,
)
from game.progress.api import SchoolStore
from game.progress.class_progress import (
    KERNDOELEN,
    TitledLevel,
    flagged_pupils,
    kerndoel_summary,
    solved_count,
)
from game.progress.export import (
    STATUS_NAME,
    STATUS_SYMBOL,
    ExportError,
    class_dashboard,
    level_numbers,
    write_bytes_atomic,
)
from game.progress.records import CellStatus, Dashboard, Pupil
from game.text_rules import clean_text

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]
RGB = tuple[int, int, int]

FONT_DIR = PROJECT_ROOT / "assets" / "fonts"

#: script -> (family, regular file, bold file): the game's Andika table
#: (``game.ui.fonts.FONT_TABLE[("andika", script)]``), repeated here as file names because the
#: report never imports pygame; tests/test_report.py checks that the two agree. The report is
#: read by teachers and parents, so it is always in Andika, not in a pupil's reading font.
SCRIPT_FONTS: dict[str, tuple[str, str, str]] = {
    "Latn": ("Andika", "Andika-Regular.ttf", "Andika-Bold.ttf"),
    "Cyrl": ("Andika", "Andika-Regular.ttf", "Andika-Bold.ttf"),
    "Arab": ("NotoSansArabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    "Hebr": ("NotoSansHebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
}
#: The font every text is set in; a character it lacks (Arabic, Hebrew) comes from the others.
FONT = SCRIPT_FONTS["Latn"][0]


def english_plural(singular: str, plural: str, n: int) -> str:
    """The untranslated ngettext: English has one form for 1 and another for the rest."""
    return singular if n == 1 else plural


def N_(message: str) -> str:
    """Mark a msgid for extraction; it is translated where it is drawn."""
    return message


def _rgb(value: str) -> RGB:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


# The game's own palette (game/ui/theme.py), repeated here as plain values so the report
# never imports the drawing layer.
INK = _rgb("#2B2D42")
INK_SOFT = _rgb("#5C5F77")
RULE = _rgb("#D9D4C5")
BAND = _rgb("#F6F2E7")
WHITE = (255, 255, 255)

#: Okabe-Ito colours, the same as the dashboard: fill of a cell and the ink on it.
STATUS_FILL: dict[CellStatus, RGB] = {
    CellStatus.SOLVED: _rgb("#009E73"),  # bluish green
    CellStatus.TRIED: _rgb("#56B4E9"),  # sky blue
    CellStatus.NEEDS_HELP: _rgb("#E69F00"),  # orange
    CellStatus.NOT_STARTED: WHITE,
}
STATUS_INK: dict[CellStatus, RGB] = {
    CellStatus.SOLVED: WHITE,
    CellStatus.TRIED: INK,
    CellStatus.NEEDS_HELP: INK,
    CellStatus.NOT_STARTED: INK_SOFT,
}
ORDER = (CellStatus.SOLVED, CellStatus.TRIED, CellStatus.NEEDS_HELP, CellStatus.NOT_STARTED)
#: The kerndoelen are named from the one table, game.progress.class_progress.KERNDOELEN.

# Page geometry in millimetres (A4 landscape).
PAGE_W, PAGE_H = 297.0, 210.0
MARGIN = 12.0
NAME_W = 40.0
SUM_W = 12.0
MIN_COL_W, MAX_COL_W = 7.6, 12.0
MIN_ROW_H, MAX_ROW_H = 4.8, 7.0
HEAD_H = 32.0
TOP = 22.0  # below the page heading
FOOT = 10.0


@dataclass(frozen=True)
class ReportInfo:
    """What the cover says: which class, when, which lesson (None: every level)."""

    class_name: str
    lesson_title: str | None
    day: date
    lang: str = "nl"


def chunks(count: int, size: int) -> list[range]:
    """Split ``count`` items into balanced runs of at most ``size`` (20+20, not 29+11)."""
    if count <= 0:
        return [range(0)]
    parts = -(-count // size)
    base, extra = divmod(count, parts)
    runs, start = [], 0
    for i in range(parts):
        length = base + (1 if i < extra else 0)
        runs.append(range(start, start + length))
        start += length
    return runs


class _Report:
    """One report being drawn; holds the PDF and the translation for the helpers below."""

    def __init__(self, dashboard: Dashboard, levels: Sequence[TitledLevel], info: ReportInfo,
                 gettext: Gettext, ngettext: Ngettext = english_plural) -> None:
        from fpdf import FPDF  # only when a report is made: keeps the game's start fast

        # fontTools reports each OpenType table it cannot subset (Andika's "Silt"); the
        # table is simply left out, which is what we want, so keep stderr clean.
        logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

        self.dash, self.levels, self.info, self._ = dashboard, list(levels), info, gettext
        #: each level's number, as on the dashboard and the pupils' cards (a lesson: 1..n)
        self.numbers = level_numbers(self.levels, info.lesson_title is not None)
        self.ngettext = ngettext
        #: An Arabic report: right-aligned text and the page mirrored, as the game's screens.
        self.rtl = is_rtl(info.lang)
        pdf = FPDF(orientation="L", unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self._add_family(pdf, SCRIPT_FONTS["Latn"])
        #: the right-to-left scripts whose font is in the PDF: each is added when the first
        #: text with its letters is drawn
        self.added: set[str] = set()
        self.fallbacks: list[str] = []  # the fallback fonts in force (with text shaping on)
        self.missing: set[str] = set()  # characters of names no font has (drawn as "?")
        pdf.set_title(f"Techniekwerf: {info.class_name}")
        pdf.set_creator("Techniekwerf")
        pdf.set_lang(info.lang)
        if self.rtl:
            from fpdf import ViewerPreferences

            # two pages side by side read right to left, like a book in Arabic
            pdf.viewer_preferences = ViewerPreferences(direction="RTL")
        # the page count's room is three digits wide; its number sits against the word before
        pdf.alias_nb_pages(align="R" if self.rtl else "L")
        self.pdf = pdf

    # --- small drawing helpers ---------------------------------------------------------------

    def font(self, size: float, bold: bool = False, color: RGB = INK) -> None:
        self.pdf.set_font(FONT, "B" if bold else "", size)
        self.pdf.set_text_color(*color)

    @staticmethod
    def _add_family(pdf: Any, entry: tuple[str, str, str]) -> None:
        family, regular, bold = entry
        if family.lower() not in pdf.fonts:
            pdf.add_font(family, "", FONT_DIR / regular)
            pdf.add_font(family, "B", FONT_DIR / bold)

    def script_font(self, script: str) -> Any:
        """The font of a right-to-left script, added to the PDF the first time it is asked."""
        if script not in self.added:
            self._add_family(self.pdf, SCRIPT_FONTS[script])
            self.added.add(script)
        return self.pdf.fonts[SCRIPT_FONTS[script][0].lower()]

    def shaped(self, text: str) -> str:
        """Set the PDF up for ``text``: with letters of right-to-left scripts (Arabic, Hebrew),
        their fonts (Noto Sans Arabic, Noto Sans Hebrew) as the fallbacks for Andika and
        HarfBuzz on (Arabic letters joined, right to left); without, both off, since Latin and
        Cyrillic are all in Andika and draw the same unshaped, several times faster.

        In an Arabic report the paragraph runs right to left, so a pupil's Latin name or a
        number inside an Arabic sentence lands where an Arabic reader expects it; elsewhere
        the direction comes from the text (an Arabic or a Hebrew name in a Dutch report still
        runs right to left). A script's font is added to the PDF only when some text needs it.
        """
        pdf = self.pdf
        scripts = [script for script, letters in RTL_SCRIPTS.items() if letters.search(text)]
        if scripts:
            wanted = [SCRIPT_FONTS[script][0] for script in scripts]
            for script in scripts:
                self.script_font(script)
            if wanted != self.fallbacks or pdf.text_shaping is None:
                pdf.set_fallback_fonts(wanted)
                self.fallbacks = wanted
            if pdf.text_shaping is None:
                pdf.set_text_shaping(True, direction="rtl" if self.rtl else None)
        elif pdf.text_shaping is not None:
            pdf.set_fallback_fonts([])
            self.fallbacks = []
            pdf.set_text_shaping(False)
        return text

    def width(self, text: str) -> float:
        """The width of ``text`` in the current font, shaped as it will be drawn."""
        return self.pdf.get_string_width(self.shaped(text))

    def mx(self, x: float, w: float) -> float:
        """The left of a box at ``x`` wide ``w``: the same in a left-to-right report, its
        mirror image in a right-to-left one. Every page is laid out left to right and
        mirrored here, in the drawing helpers."""
        return PAGE_W - x - w if self.rtl else x

    def malign(self, align: str) -> str:
        """The alignment in the report's direction: left is right in an Arabic report."""
        return {"L": "R", "R": "L"}.get(align, align) if self.rtl else align

    def pair(self, symbol: str, number: str) -> str:
        """A status symbol with its number, the symbol first in the reading direction."""
        return f"{number} {symbol}" if self.rtl else f"{symbol} {number}"

    def num(self, value: int) -> str:
        """A count as the report's language writes it (Babel)."""
        return format_number(value, self.info.lang)

    def text(self, x: float, y: float, w: float, h: float, text: str, align: str = "L") -> None:
        pdf = self.pdf
        pdf.set_xy(self.mx(x, w), y)
        if RTL_LETTERS.search(self.shaped(text)):
            # Letters from the fallback font switch the PDF's font inside the cell and fpdf2
            # (2.8) does not switch it back, so the next text would be set in Noto Sans Arabic
            # (py-pdf/fpdf2#1488, #1772): a local context (q ... Q) restores it.
            with pdf.local_context():
                pdf.cell(w, h, text, align=self.malign(align))
        else:
            pdf.cell(w, h, text, align=self.malign(align))

    def drawable(self, text: str) -> str:
        """``text`` with each character that none of the report's fonts has (a Thai name, an
        emoji) as ``?``: fpdf2 would leave it out without a trace, and a name of only such
        letters would leave its row blank. A letter of a right-to-left script is looked up in
        its script's font. They are remembered for the note of :func:`render_report`."""
        from fpdf.fonts import TTFFont

        font = self.pdf.fonts[FONT.lower()]
        assert isinstance(font, TTFFont), "the report's fonts are TrueType files"
        cmap = font.cmap
        if all(ord(ch) in cmap or ch.isspace() for ch in text):
            return text
        out = []
        for ch in text:
            script = next((script for script, letters in RTL_SCRIPTS.items()
                           if letters.match(ch)), None)
            if ord(ch) in cmap or ch.isspace() or unicodedata.category(ch) in ("Mn", "Cf") or (
                    script is not None and ord(ch) in self.script_font(script).cmap):
                out.append(ch)
            else:
                self.missing.add(ch)
                out.append("?")
        return "".join(out)

    def fit(self, text: str, width: float) -> str:
        """The text cut with an ellipsis to fit ``width`` in the current font. A name is
        drawn without what :mod:`game.text_rules` refuses (a store from before the rule may
        hold a tab, a NUL or a direction override)."""
        text = self.drawable(clean_text(text))
        if self.width(text) <= width:
            return text
        low, high = 0, len(text)  # the longest start that fits with "…" (shaping is slow)
        while low < high:
            mid = (low + high + 1) // 2
            if self.width(text[:mid] + "…") <= width:
                low = mid
            else:
                high = mid - 1
        return text[:low].rstrip() + "…"

    def box(self, x: float, y: float, w: float, h: float, fill: RGB,
            line: RGB | None = None) -> None:
        self.pdf.set_fill_color(*fill)
        if line is not None:
            self.pdf.set_draw_color(*line)
            self.pdf.set_line_width(0.2)
        self.pdf.rect(self.mx(x, w), y, w, h, style="DF" if line is not None else "F")

    def glyph(self, x: float, y: float, w: float, h: float, text: str, align: str) -> None:
        """Text placed by its baseline: ``pdf.text`` is several times cheaper than ``cell``,
        which matters for the 1,200 cells of a 30 x 40 table (budget: 1 s for the report)."""
        pdf = self.pdf
        x, align = self.mx(x, w), self.malign(align)
        width = self.width(text)
        left = {"L": x, "R": x + w - width}.get(align, x + (w - width) / 2)
        pdf.text(left, y + h / 2 + pdf.font_size * 0.33, text)

    def status_mark(self, x: float, y: float, w: float, h: float, status: CellStatus,
                    stars: int = 0, size: float = 8.5) -> None:
        """One cell: the colour, the symbol and, when solved, the number of stars beside it."""
        self.box(x, y, w, h, STATUS_FILL[status], RULE)
        self.font(size, bold=True, color=STATUS_INK[status])
        if status is CellStatus.SOLVED and stars:
            self.glyph(x, y - 0.3, w * 0.5 - 0.4, h, STATUS_SYMBOL[status], "R")
            self.pdf.set_font_size(size * 0.8)
            self.glyph(x + w * 0.5 + 0.4, y - 0.1, w * 0.5, h, str(stars), "L")
        else:
            if status is CellStatus.TRIED:  # the tilde is a small glyph: draw it larger
                self.pdf.set_font_size(size * 1.35)
            self.glyph(x, y, w, h, STATUS_SYMBOL[status], "C")

    def page(self, heading: str) -> None:
        """A new page with the heading on top and the class and page number at the foot."""
        _ = self._
        self.pdf.add_page()
        self.font(15, bold=True)
        self.text(MARGIN, MARGIN - 2, PAGE_W - 2 * MARGIN, 8, heading)
        self.font(8, color=INK_SOFT)
        # TRANSLATORS: class report (PDF) foot; {class_name}: a class; {page}, {pages}: numbers
        foot = _("Techniekwerf · {class_name} · page {page} of {pages}").format(
            class_name=self.info.class_name, page=self.num(self.pdf.page_no()),
            pages=self.pdf.str_alias_nb_pages)
        self.text(MARGIN, PAGE_H - FOOT, PAGE_W - 2 * MARGIN, 5, foot, "R")

    # --- the pages ---------------------------------------------------------------------------

    def cover(self) -> None:
        _ = self._
        info = self.info
        self.page(_("Class report"))
        self.font(26, bold=True)
        self.text(MARGIN, 30, 200, 12, self.fit(info.class_name, 200))
        rows = [
            (_("Date"), format_date(info.day, info.lang, format="long")),
            (_("Lesson"), info.lesson_title or _("All levels")),
            (_("Pupils"), self.num(len(self.dash.pupils))),
            (_("Levels"), self.num(len(self.levels))),
        ]
        y = 46.0
        for label, value in rows:
            self.font(11, color=INK_SOFT)
            self.text(MARGIN, y, 30, 7, label)
            self.font(11, bold=True)
            self.text(MARGIN + 30, y, 150, 7, self.fit(value, 150))
            y += 7.5
        y = self.legend(MARGIN, y + 4)
        self.help_box(170, 30, PAGE_W - MARGIN - 170, y - 30)
        self.kerndoel_chart(MARGIN, y + 6, PAGE_W - 2 * MARGIN)

    def help_box(self, x: float, y: float, w: float, h: float) -> None:
        """Who needs help, and on how many levels: the first thing a teacher acts on."""
        _ = self._
        flagged = flagged_pupils(self.dash)  # most levels flagged first, then by name
        self.box(x, y, w, h, BAND)
        self.status_mark(x + 4, y + 4, 8, 6, CellStatus.NEEDS_HELP)
        self.font(11, bold=True)
        self.text(x + 15, y + 4, w - 19, 6, _("Needs help"))
        line_h, top = 6.0, y + 13
        room = max(1, int((y + h - 3 - top) // line_h))
        if not flagged:
            self.font(10, color=INK_SOFT)
            self.text(x + 4, top, w - 8, line_h, _("Nobody is stuck right now."))
            return
        columns = 2 if len(flagged) > room and w > 90 else 1
        capacity = room * columns
        shown = flagged if len(flagged) <= capacity else flagged[:capacity - 1]
        per_col = room if columns == 2 else max(1, len(shown))
        col_w = (w - 8) / columns

        def spot(i: int) -> tuple[float, float]:
            return x + 4 + (i // per_col) * col_w, top + (i % per_col) * line_h

        for i, (pupil, count) in enumerate(shown):
            cx, cy = spot(i)
            self.font(10)
            self.text(cx, cy, col_w - 14, line_h, self.fit(pupil.name, col_w - 16))
            self.font(10, bold=True)
            self.text(cx + col_w - 16, cy, 10, line_h, self.pair("!", self.num(count)), "R")
        if len(shown) < len(flagged):
            cx, cy = spot(len(shown))
            self.font(10, color=INK_SOFT)
            extra = len(flagged) - len(shown)
            # TRANSLATORS: class report (PDF), who needs help; {count}: how many more pupils
            more = self.ngettext("and {count} more", "and {count} more", extra).format(
                count=self.num(extra))
            self.text(cx, cy, col_w - 4, line_h, more)

    def legend(self, x: float, y: float) -> float:
        """The four statuses as they look in the table; returns the y below it."""
        _ = self._
        self.font(10, bold=True)
        self.text(x, y, 60, 6, _("How to read this report"))
        y += 7.5
        for status in ORDER:
            self.status_mark(x, y, 8, 6, status, 3 if status is CellStatus.SOLVED else 0)
            self.font(10)
            word = _(STATUS_NAME[status])
            if status is CellStatus.SOLVED:
                # TRANSLATORS: class report (PDF) legend; {status}: the word "Solved", translated
                word = _("{status}; the number is the stars earned (1 to 3)").format(
                    status=word)
            elif status is CellStatus.NEEDS_HELP:
                # TRANSLATORS: class report (PDF) legend; {status}: "Needs help", translated
                word = _("{status}: several failed tests and not solved yet").format(
                    status=word)
            self.text(x + 11, y, 160, 6, word)
            y += 7.5
        return y

    def kerndoel_chart(self, x: float, y: float, width: float) -> None:
        """Per kerndoel: the share of (pupil, level) pairs solved among its levels."""
        _ = self._
        self.font(12, bold=True)
        self.text(x, y, width, 7, _("Per kerndoel: share of levels solved"))
        y += 9
        label_w, bar_w = 95.0, width - 95.0 - 22.0
        for share in kerndoel_summary(self.dash, self.levels):
            number = share.kerndoel
            self.font(10, bold=True)
            self.text(x, y, 12, 8, self.num(int(number)) if isinstance(number, int) else "")
            self.font(10)
            self.text(x + 10, y, label_w - 10, 8, self.fit(_(KERNDOELEN[number]), label_w - 12))
            self.box(x + label_w, y + 1, bar_w, 6, BAND, RULE)
            if share.possible:
                if share.share > 0:
                    self.box(x + label_w, y + 1, bar_w * share.share, 6,
                             STATUS_FILL[CellStatus.SOLVED])
                self.font(10, bold=True)
                self.text(x + label_w + bar_w + 2, y, 20, 8,
                          format_percent(share.share, self.info.lang))
            else:
                self.font(9, color=INK_SOFT)
                self.text(x + label_w + 2, y, bar_w, 8, _("no levels in this report"))
            y += 10
        self.font(8.5, color=INK_SOFT)
        self.text(x, y, width, 5, _("100% means every pupil solved every level of that "
                                    "kerndoel in this report."))

    def table(self) -> None:
        """Pupils down, levels across; as many pages as needed, each with its own headers.

        Runs are balanced (20 + 20 levels, not 29 + 11) and then stretched to fill the page,
        so a small class gets big, easy cells and 30 pupils still fit one page height.
        """
        _ = self._
        width = PAGE_W - 2 * MARGIN - NAME_W - SUM_W
        height = PAGE_H - TOP - HEAD_H - FOOT - 2
        pupils = list(self.dash.pupils)
        for level_run in chunks(len(self.levels), max(1, int(width // MIN_COL_W))):
            col_w = min(MAX_COL_W, width / max(1, len(level_run)))
            for pupil_run in chunks(len(pupils), max(1, int(height // MIN_ROW_H))):
                row_h = min(MAX_ROW_H, height / max(1, len(pupil_run)))
                self.page(_("Pupils and levels"))
                levels = [self.levels[i] for i in level_run]
                self.table_head(levels, level_run.start, col_w)
                y = TOP + HEAD_H
                for n, i in enumerate(pupil_run):
                    self.table_row(pupils[i], levels, y, col_w, row_h, shaded=n % 2 == 1)
                    y += row_h
                if not pupils:
                    self.font(10, color=INK_SOFT)
                    self.text(MARGIN, y + 2, 200, 6, _("This class has no pupils yet."))

    def table_head(self, levels: Sequence[TitledLevel], first: int, col_w: float) -> None:
        _ = self._
        y0, x0 = TOP, MARGIN + NAME_W + SUM_W
        self.font(9, bold=True)
        self.text(MARGIN + 1, y0 + HEAD_H - 6, NAME_W, 6, _("Pupil"))
        self.text(MARGIN + NAME_W, y0 + HEAD_H - 6, SUM_W, 6, "✓", "C")
        foot = y0 + HEAD_H - 6  # where each title starts, just above its number
        for i, level in enumerate(levels):
            x = x0 + i * col_w
            if i % 2 == 0:
                self.box(x, y0, col_w, HEAD_H, BAND)
            self.font(7, bold=True, color=INK_SOFT)
            self.text(x, y0 + HEAD_H - 5, col_w, 5, self.num(self.numbers[first + i]), "C")
            self.font(7)
            title = self.fit(_(level.title), HEAD_H - 7)
            middle = self.mx(x, col_w) + col_w / 2
            if self.rtl:
                # The mirror image of the left-to-right head: turned clockwise, so the
                # title's first word (at its right end) sits on its number, as in Dutch.
                self.turned(middle - 1.2, foot - self.width(title), -90, title)
            else:
                self.turned(middle + 1.2, foot, 90, title)

    def turned(self, x: float, y: float, angle: float, text: str) -> None:
        """``text`` turned by ``angle`` degrees about its baseline's start at (x, y).

        Drawn as a cell, not with ``pdf.text``: only cells shape Arabic and take letters the
        font lacks from the other fonts (the rotation's local context restores the font)."""
        pdf = self.pdf
        h = pdf.font_size
        with pdf.rotation(angle, x, y):
            # a cell puts its baseline 0.5 h + 0.3 em below its top, after c_margin
            pdf.set_xy(x - pdf.c_margin, y - 0.5 * h - 0.3 * pdf.font_size)
            pdf.cell(self.width(text) + 2 * pdf.c_margin, h, self.shaped(text))

    def table_row(self, pupil: Pupil, levels: Sequence[TitledLevel], y: float, col_w: float,
                  row_h: float, shaded: bool) -> None:
        if shaded:
            self.box(MARGIN, y, NAME_W + SUM_W, row_h, BAND)
        size = min(10.0, row_h * 1.75)
        self.font(size)
        self.text(MARGIN + 1, y, NAME_W - 2, row_h, self.fit(pupil.name, NAME_W - 3))
        solved, _stars = solved_count(self.dash, pupil.id)
        self.font(size - 0.5, color=INK_SOFT)
        self.text(MARGIN + NAME_W, y, SUM_W, row_h,
                  f"{self.num(solved)}/{self.num(len(self.levels))}", "C")
        x = MARGIN + NAME_W + SUM_W
        for level in levels:
            cell = self.dash.cell(pupil.id, level.id)
            self.status_mark(x, y, col_w, row_h, cell.status, cell.best_stars, size=size)
            x += col_w

    def level_charts(self) -> None:
        """Per level a bar: how many pupils solved it, tried it, need help, did not start."""
        _ = self._
        pupils = self.dash.pupils
        label_w = 78.0
        bar_w = PAGE_W - 2 * MARGIN - label_w - 2
        row_h = 6.4
        per_page = max(1, int((PAGE_H - TOP - 14 - FOOT) // row_h))
        for run in chunks(len(self.levels), per_page):
            self.page(_("Per level: how far the class got"))
            self.chart_legend(TOP - 2)
            y = TOP + 8
            for i in run:
                level = self.levels[i]
                counts = {s: 0 for s in ORDER}
                for p in pupils:
                    counts[self.dash.cell(p.id, level.id).status] += 1
                self.font(8.5, color=INK_SOFT)
                self.text(MARGIN, y, 8, row_h, self.num(self.numbers[i]), "R")
                self.font(8.5)
                self.text(MARGIN + 9, y, label_w - 10,
                          row_h, self.fit(_(level.title), label_w - 11))
                x = MARGIN + label_w
                self.box(x, y + 0.6, bar_w, row_h - 1.2, BAND, RULE)
                for status in ORDER:
                    n = counts[status]
                    if not n:
                        continue
                    w = bar_w * n / max(1, len(pupils))
                    self.box(x, y + 0.6, w, row_h - 1.2, STATUS_FILL[status], RULE)
                    if w >= 5.5:
                        self.font(7.5, bold=True, color=STATUS_INK[status])
                        self.text(x, y, w, row_h, self.pair(STATUS_SYMBOL[status],
                                                            self.num(n)), "C")
                    x += w
                y += row_h

    def chart_legend(self, y: float) -> None:
        _ = self._
        x = MARGIN
        for status in ORDER:
            self.status_mark(x, y + 0.5, 7, 5, status)
            self.font(9)
            word = _(STATUS_NAME[status])
            self.text(x + 8.5, y, 60, 6, word)
            x += 8.5 + self.width(word) + 8
        self.font(9, color=INK_SOFT)
        self.text(x, y, PAGE_W - MARGIN - x, 6, _("(number of pupils)"))


def render_report(dashboard: Dashboard, levels: Sequence[TitledLevel], info: ReportInfo,
                  gettext: Gettext = lambda s: s, ngettext: Ngettext = english_plural,
                  notes: list[str] | None = None) -> bytes:
    """The report as PDF bytes, from data the caller already has (no store needed).

    A name in a script none of the report's fonts has (Thai, an emoji) is drawn with
    ``?`` for those letters (:meth:`_Report.drawable`; fpdf2 would leave them out and say so
    in a log line per font). One line for the teacher says which letters, in ``notes`` (when
    given); nothing is printed."""
    report = _Report(dashboard, levels, info, gettext, ngettext)
    report.cover()
    report.table()
    if levels:
        report.level_charts()
    return pdf_output(report.pdf, report.missing, "report's", notes)


def pdf_output(pdf: Any, missing_seen: set[str], what: str, notes: list[str] | None) -> bytes:
    """``pdf``'s bytes, without fpdf2's line per missing glyph; the letters of names no font
    has (``missing_seen`` and those fpdf2 found) are told once in ``notes``, naming the
    document (``what``: "report", "cards'")."""
    fpdf_log = logging.getLogger("fpdf.output")
    fpdf_log.addFilter(_no_glyph_warning)
    try:
        data = bytes(pdf.output())
    finally:
        fpdf_log.removeFilter(_no_glyph_warning)
    missing = sorted(missing_seen | set(missing_characters(pdf)))
    if missing and notes is not None:
        shown = ", ".join(f"{ch} (U+{ord(ch):04X})" if ch.isprintable() else f"U+{ord(ch):04X}"
                          for ch in missing[:6])
        more = f" and {len(missing) - 6} more" if len(missing) > 6 else ""
        notes.append(f"{len(missing)} characters of the names are in none of the {what} "
                     f"fonts and print as '?': {shown}{more}")
    return data


def _no_glyph_warning(record: logging.LogRecord) -> bool:
    """fpdf2's "Font ... is missing the following glyphs" lines are left out (see above)."""
    return "missing the following glyphs" not in str(record.msg)


def missing_characters(pdf: Any) -> list[str]:
    """The characters drawn in ``pdf`` that no font of it has (sorted)."""
    missing: set[int] = set()
    for font in pdf.fonts.values():
        missing.update(getattr(font, "missing_glyphs", ()))
    fonts = [font for font in pdf.fonts.values() if getattr(font, "cmap", None)]
    return [chr(c) for c in sorted(missing) if not any(c in font.cmap for font in fonts)]


def class_report(store: SchoolStore, class_id: str, levels: Sequence[TitledLevel], *,
                 lesson_title: str | None = None, gettext: Gettext = lambda s: s,
                 lang: str = "nl", day: date | None = None,
                 ngettext: Ngettext = english_plural, notes: list[str] | None = None) -> bytes:
    """The class report as PDF bytes, made from one dashboard query."""
    group = next((c for c in store.classes() if c.id == class_id), None)
    if group is None:
        raise ExportError(f"no class with id {class_id!r}")
    dashboard = class_dashboard(store, class_id, levels)
    info = ReportInfo(group.name, lesson_title, day or date.today(), lang)
    return render_report(dashboard, levels, info, gettext, ngettext, notes)


def write_class_report(store: SchoolStore, class_id: str, levels: Sequence[TitledLevel],
                       out: Path, *, lesson_title: str | None = None,
                       gettext: Gettext = lambda s: s, lang: str = "nl", day: date | None = None,
                       ngettext: Ngettext = english_plural,
                       notes: list[str] | None = None) -> Path:
    """Write the class report to ``out`` (whole or not at all); ``notes``: see
    :func:`render_report`."""
    data = class_report(store, class_id, levels, lesson_title=lesson_title, gettext=gettext,
                        lang=lang, day=day, ngettext=ngettext, notes=notes)
    write_bytes_atomic(Path(out), data)
    return Path(out)
