"""The guide as a printable A4 PDF (fpdf2), in the game's own fonts (assets/fonts, each with
its licence beside it): Andika for Latin and Cyrillic, Noto Sans Arabic for an Arabic guide.

A world starts on a new page; a level is kept on one page where it fits (its pictures side
by side, then what it teaches, the question and the solution key).
"""

from __future__ import annotations

import logging
import struct
from pathlib import Path

from game.guide.build import Book, LesbriefPage, LevelPage, WorldPage
from game.i18n import is_rtl

INK = (43, 45, 66)
GREY = (90, 90, 90)
GREEN = (0, 108, 79)
BLUE = (0, 114, 178)
ORANGE = (230, 159, 0)
BOX = (234, 244, 251)
KEY = (255, 248, 230)
FONT = "Andika"
MAX_PICTURE = 62  # the tallest a board's picture may be (mm)


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG from its header."""
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    return struct.unpack(">II", head[16:24])


def _cmap(pdf, family: str) -> dict:
    """The characters a TrueType font of the PDF can draw."""
    from fpdf.fonts import TTFFont

    font = pdf.fonts[family.lower()]
    assert isinstance(font, TTFFont), "the guide's fonts are TrueType files"
    return font.cmap


def _measure_once(pdf) -> None:
    """The PDF's fonts keep every shaped text width they have measured.

    fpdf2 breaks a multi_cell's lines by measuring the line so far again after each character
    (and each character on its own). With text shaping (the Arabic guide) each measurement is
    a shaping by harfbuzz, and almost 90 % of them are repeats: a quarter of the Arabic PDF's
    time. The width of a text in a font, at a size, with the same shaping parameters is always
    the same, so it is measured once (by the font's own method) and kept for the guide's PDF.
    Without shaping fpdf2 only adds up character widths, as quick as a lookup here: left to
    it. tests/test_guide.py compares these widths with fpdf2's own.
    """
    from fpdf.fonts import TTFFont

    # by id(font): only this PDF's own fonts measure here, and they live as long as it (the
    # copies fpdf2 makes of a font are plain TTFFonts)
    widths: dict[tuple, tuple] = {}  # (font, text, size): (shaping, (length, width))
    shapings: list[dict] = []  # copies of the shaping parameters seen

    def kept(params: dict) -> dict:
        """A copy of ``params`` (fpdf2 changes its own in place), one for equal ones."""
        for seen in shapings:
            if seen == params:
                return seen
        shapings.append({k: dict(v) if isinstance(v, dict) else v for k, v in params.items()})
        return shapings[-1]

    class _Measured(TTFFont):
        __slots__ = ()

        def get_text_width(self, text, font_size_pt, text_shaping_params):
            if not text_shaping_params:
                return super().get_text_width(text, font_size_pt, text_shaping_params)
            self.biggest_size_pt = max(self.biggest_size_pt, font_size_pt)
            key = (id(self), text, font_size_pt)
            found = widths.get(key)
            if found is None or found[0] != text_shaping_params:
                found = widths[key] = (kept(text_shaping_params), super().get_text_width(
                    text, font_size_pt, text_shaping_params))
            return found[1]

    for font in pdf.fonts.values():
        if type(font) is TTFFont:
            font.__class__ = _Measured


class _Guide:
    def __init__(self, book: Book, folder: Path, fonts: Path) -> None:
        from fpdf import FPDF

        # fontTools reports each OpenType table it cannot subset (Andika's "Silt")
        logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
        self.book = book
        self.folder = folder
        class _Pages(FPDF):
            def footer(self) -> None:
                """Every page: the guide's name and the page number, small and grey."""
                self.set_y(-11)
                self.set_font(FONT, "", 8)
                self.set_text_color(*GREY)
                self.cell(0, 5, f"Techniekwerf – lerarengids · {self.page_no()}", align="C")
                self.set_text_color(*INK)

        pdf = _Pages(orientation="P", unit="mm", format="A4")
        pdf.set_margins(16, 14, 16)
        pdf.set_auto_page_break(True, margin=16)
        pdf.add_font(FONT, "", fonts / "Andika-Regular.ttf")
        pdf.add_font(FONT, "B", fonts / "Andika-Bold.ttf")
        self.chars = set(_cmap(pdf, FONT))
        if is_rtl(book.lang):
            pdf.add_font("NotoSansArabic", "", fonts / "NotoSansArabic-Regular.ttf")
            pdf.add_font("NotoSansArabic", "B", fonts / "NotoSansArabic-Bold.ttf")
            pdf.set_fallback_fonts(["NotoSansArabic"])
            pdf.set_text_shaping(True)
            self.chars |= set(_cmap(pdf, "NotoSansArabic"))
        _measure_once(pdf)
        pdf.set_title("Techniekwerf - lerarengids")
        pdf.set_author("Techniekwerf")
        pdf.set_text_color(*INK)
        self.pdf = pdf

    # --- text ---------------------------------------------------------------------------------
    def clean(self, text: str) -> str:
        """Without the characters the fonts cannot draw (the energy block's ⚡)."""
        text = text.replace(" (⚡)", "")
        return "".join(ch for ch in text if ord(ch) in self.chars or ch in " \n")

    def heading(self, text: str, size: float, colour=INK, fill=None) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "B", size)
        pdf.set_text_color(*(colour if fill is None else (255, 255, 255)))
        if fill is not None:
            pdf.set_fill_color(*fill)
        pdf.multi_cell(0, size * 0.5, self.clean(text), fill=fill is not None,
                       new_x="LMARGIN", new_y="NEXT", padding=(2, 2) if fill else 0)
        pdf.set_text_color(*INK)
        pdf.ln(1.5)

    def para(self, text: str, size: float = 10.5, label: str = "", colour=INK) -> None:
        pdf = self.pdf
        pdf.set_text_color(*colour)
        pdf.set_font(FONT, "", size)
        body = self.clean(text)
        if label:
            pdf.multi_cell(0, size * 0.48, f"**{self.clean(label)}** {body}", markdown=True,
                           new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.multi_cell(0, size * 0.48, body, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.ln(1.2)

    def bullets(self, lines, size: float = 10.5, numbered: bool = False) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "", size)
        for i, line in enumerate(lines, 1):
            mark = f"{i}." if numbered else "•"
            x = pdf.l_margin
            pdf.set_x(x + 2)
            pdf.cell(6, size * 0.48, mark)
            pdf.set_x(x + 8)
            pdf.multi_cell(pdf.epw - 8, size * 0.48, self.clean(line), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.2)

    def room(self, height: float) -> None:
        """A new page unless ``height`` mm still fit on this one."""
        pdf = self.pdf
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()

    # --- the guide ----------------------------------------------------------------------------
    def write(self, out: Path) -> None:
        pdf, book = self.pdf, self.book
        pdf.add_page()
        self.heading("Techniekwerf – lerarengids", 22, ORANGE)
        self.para(book.intro)
        if book.tips:
            self.heading("Tips voor de les", 13)
            self.bullets(book.tips)
        self.stroom()
        self.heading("Inhoud", 13)
        self.bullets([f"{w.name} ({w.town}): {len(w.levels)} levels" for w in book.worlds]
                     + ([f"Lesbrieven: {len(book.lesbrieven)} lessen van 45 minuten"]
                        if book.lesbrieven else []))
        self.heading("Kerndoelen per level", 13)
        self.para("Per kerndoel de nummers van de levels die eraan werken.", 10)
        for name, per_world in book.kerndoelen:
            self.para("; ".join(f"{world.name} {', '.join(str(lv.number) for lv in levels)}"
                                for world, levels in per_world), 10, f"{name}:")
        for world in book.worlds:
            self.world(world)
        if book.lesbrieven:
            pdf.add_page()
            self.heading("Lesbrieven", 18, fill=INK)
            self.para(book.lesbrieven_intro)
            for n, page in enumerate(book.lesbrieven, 1):
                self.lesbrief(n, page)
        pdf.output(str(out))

    def stroom(self) -> None:
        pdf = self.pdf
        self.room(70)
        pdf.set_draw_color(*BLUE)
        pdf.set_line_width(0.8)
        top = pdf.get_y()
        pdf.ln(2)
        pdf.set_x(pdf.l_margin + 3)
        self.heading("Stroom is geen water", 14, BLUE)
        self.para("Wat leerlingen in het spel zien:", 10.5, colour=BLUE)
        self.bullets(self.book.seen, 10)
        self.para("Wat een echte stroomkring nodig heeft:", 10.5, colour=BLUE)
        self.bullets(self.book.real, 10)
        pdf.ln(1)
        bottom = pdf.get_y()
        if pdf.page == pdf.pages_count and bottom > top:
            pdf.rect(pdf.l_margin - 2, top, pdf.epw + 4, bottom - top, round_corners=True)
        pdf.set_line_width(0.2)
        pdf.ln(3)

    def world(self, world: WorldPage) -> None:
        pdf = self.pdf
        pdf.add_page()
        self.heading(f"{world.name} – {world.town}", 18, fill=INK)
        self.heading("Zo werkt deze wereld", 12)
        self.para(world.how)
        self.heading("Leerdoelen per groep", 12)
        for band, goals in world.goals:
            self.para(goals, 10.5, f"{band}:")
        self.heading("Kerndoelen", 12)
        self.bullets(world.kerndoelen, 10)
        self.heading("Praktijkopdracht", 12)
        self.para(world.activity)
        self.heading("Beroepen in de regio", 12)
        self.para(", ".join(world.careers))
        self.heading("Waar het spel de natuur eenvoudiger maakt", 12, BLUE)
        self.para(world.simplified)
        plans = [(n, p) for n, p in enumerate(self.book.lesbrieven, 1) if p.world is world]
        if plans:
            self.heading("Lesbrieven", 12)
            self.bullets([f"Lesbrief {n}: {p.plan.title} (levels {p.levels[0].number}–"
                          f"{p.levels[-1].number})" for n, p in plans])
        for level in world.levels:
            self.level(level)

    def level(self, level: LevelPage) -> None:
        pdf = self.pdf
        column = (pdf.epw - 6) / 2
        sizes = [png_size(self.folder / p) for p in (level.start, level.solved)]
        pic_h = min(MAX_PICTURE, max(column * h / w for w, h in sizes))
        width = min(column, min(pic_h * w / h for w, h in sizes))
        key_lines = sum(len(s) + 1 for _stars, s in level.solutions)
        whole = 26 + pic_h + 30 + 5.2 * key_lines  # the level's height, roughly (mm)
        self.room(whole if whole < pdf.eph else 26 + pic_h + 30)
        pdf.ln(2)
        pdf.set_draw_color(*ORANGE)
        pdf.set_line_width(0.6)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.ln(2)
        self.heading(f"{level.number}. {level.title}", 14)
        self.para(f"{level.kind} · {level.groep} · kerndoelen: {'; '.join(level.kerndoelen)}",
                  9.5, colour=GREY)
        self.para(level.story, 9.5, colour=GREY)
        self.room(pic_h + 8)
        y = pdf.get_y()
        for i, path in enumerate((level.start, level.solved)):
            pdf.image(str(self.folder / path), x=pdf.l_margin + i * (column + 6), y=y, w=width)
        pdf.set_y(y + pic_h + 1)
        pdf.set_font(FONT, "", 8.5)
        pdf.set_text_color(*GREY)
        pdf.cell(column + 6, 4, "Bij de start")
        pdf.cell(column, 4, "Een oplossing, na Test", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.ln(2)
        self.para(level.teaches, 10.5, "Wat het leert:")
        self.para(level.question, 10.5, "Vraag voor de klas:")
        if level.predict:
            question, answer = level.predict
            self.para(f"{question} Wat de test laat zien: {answer}", 10.5, "Voorspelling:")
        many = len(level.solutions) > 1
        for i, (stars, steps) in enumerate(level.solutions, 1):
            name = f"Oplossing {i}" if many else "Oplossing"
            self.para("", 10.5, f"{name} ({stars} {'ster' if stars == 1 else 'sterren'}):")
            self.bullets(steps, 10, numbered=True)

    def lesbrief(self, n: int, page: LesbriefPage) -> None:
        """A lesson plan of 45 minutes on a page of its own (the first under the intro), so a
        teacher prints the one sheet of Monday's lesson."""
        pdf, plan = self.pdf, page.plan
        if n > 1:
            pdf.add_page()
        pdf.ln(2)
        pdf.set_draw_color(*GREEN)
        pdf.set_line_width(0.6)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.ln(2)
        self.heading(f"Lesbrief {n}: {plan.title}", 14, GREEN)
        self.para(f"{page.world.name} · {page.groep} · 45 minuten", 9.5, colour=GREY)
        self.para("; ".join(f"{lv.number}. {lv.title}" for lv in page.levels), 10, "Levels:")
        self.para(plan.goal, 10.5, "Leerdoel:")
        self.para(plan.preparation, 10.5, "Voorbereiding:")
        self.para("", 10.5, "Materialen:")
        self.bullets(plan.materials, 10)
        self.para(plan.introduction, 10.5, "Introductie (10 minuten):")
        self.para(f"Eerst opschrijven: {plan.prediction} {plan.playing}", 10.5,
                  "Spelen in tweetallen (20 minuten):")
        self.para(plan.discussion, 10.5, "Nabespreking (10 minuten):")
        self.para(plan.exit_question, 10.5, "Exit-vraag (5 minuten):")
        self.para(plan.quick, 10.5, "Differentiatie, snel klaar:")
        self.para(plan.slow, 10.5, "Differentiatie, loopt vast:")
        self.para(plan.activity, 10.5, "Praktijkopdracht:")


def write_pdf(book: Book, folder: Path, out: Path, fonts: Path) -> None:
    """Write the guide's PDF to ``out``; the pictures are read from ``folder``."""
    _Guide(book, folder, fonts).write(out)
