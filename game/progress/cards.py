"""Printable login cards: one card per pupil, nine to an A4 page, with cut lines between them.

A card shows what a pupil needs at the classroom PC: their own drawn avatar (big: it is what
they tap), their name, their class and the three steps of logging in (press Play, tap your
class, tap your own picture). A teacher prints the cards, cuts them out along the dashed lines
and lays them beside the PCs or sticks them in the pupils' folders.

Drawn with fpdf2 in the report's fonts and with the report's helpers (Arabic shaped and the
page mirrored, names in any script, letters no font has as ``?``: see
:mod:`game.progress.report`). The avatars are the game's own SVG drawings, put into the PDF
as vector art by fpdf2 (crisp at any printer's resolution; nothing imports pygame here). A
pupil whose avatar has no drawing (a name from before the drawings came) gets a coloured disc
with the first letter of their name, as on the screens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from game import PROJECT_ROOT
from game.progress.api import SchoolStore
from game.progress.export import ExportError, write_bytes_atomic
from game.progress.records import Pupil, name_sort_key
from game.progress.report import (
    BAND,
    INK,
    INK_SOFT,
    PAGE_H,
    PAGE_W,
    RULE,
    SCRIPT_FONTS,
    WHITE,
    _Report,
    _rgb,
    pdf_output,
)
from game.text_rules import clean_text

Gettext = Callable[[str], str]

AVATAR_DIR = PROJECT_ROOT / "assets" / "avatars"

#: Page geometry in millimetres (A4 landscape, as the report: its mirroring helpers use it).
MARGIN = 8.0
COLS, ROWS = 3, 3
PER_PAGE = COLS * ROWS
CARD_W = (PAGE_W - 2 * MARGIN) / COLS
CARD_H = (PAGE_H - 2 * MARGIN) / ROWS
PAD = 4.0
AVATAR = 30.0  # the avatar's diameter
CUT = _rgb("#8D8FA3")  # the cut lines: grey, dashed, visible on any printer

#: A disc for an avatar without a drawing (the Okabe-Ito colours, as the screens use).
DISC_COLOURS = tuple(_rgb(c) for c in ("#E69F00", "#56B4E9", "#009E73", "#F0E442",
                                       "#0072B2", "#D55E00", "#CC79A7"))


def N_(message: str) -> str:
    """Mark a msgid for extraction; it is translated where it is drawn."""
    return message


@dataclass(frozen=True)
class CardInfo:
    """What every card of the class says besides the pupil: the class and the language."""

    class_name: str
    lang: str = "nl"


class _Cards(_Report):
    """The cards being drawn: the report's PDF set-up and text helpers, its own pages."""

    def __init__(self, info: CardInfo, gettext: Gettext) -> None:  # noqa: D107
        from fpdf import FPDF

        from game.i18n import is_rtl

        logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
        self._ = gettext
        self.info = info  # type: ignore[assignment]  # num() reads .lang, as the report's
        self.rtl = is_rtl(info.lang)
        pdf = FPDF(orientation="L", unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self._add_family(pdf, SCRIPT_FONTS["Latn"])
        self.added: set[str] = set()
        self.fallbacks: list[str] = []
        self.missing: set[str] = set()
        # TRANSLATORS: title of the login cards' PDF; {class_name}: a class, e.g. "groep 5b"
        pdf.set_title(gettext("Login cards: {class_name}").format(class_name=info.class_name))
        pdf.set_creator("Techniekwerf")
        pdf.set_lang(info.lang)
        self.pdf = pdf

    # --- the page ------------------------------------------------------------------------

    def cut_lines(self) -> None:
        """Dashed lines around and between the cards, from edge to edge of the page, so one
        long cut of the paper cutter goes along each."""
        pdf = self.pdf
        pdf.set_draw_color(*CUT)
        pdf.set_line_width(0.25)
        with pdf.local_context():
            pdf.set_dash_pattern(dash=2.5, gap=1.8)
            for col in range(COLS + 1):
                x = MARGIN + col * CARD_W
                pdf.line(x, 2, x, PAGE_H - 2)
            for row in range(ROWS + 1):
                y = MARGIN + row * CARD_H
                pdf.line(2, y, PAGE_W - 2, y)

    def avatar(self, x: float, y: float, size: float, pupil: Pupil) -> None:
        """The pupil's drawn avatar at (x, y) (mirrored place in an Arabic card)."""
        left = self.mx(x, size)
        art = AVATAR_DIR / f"{pupil.avatar}.svg"
        if art.is_file():
            self.pdf.image(str(art), x=left, y=y, w=size, h=size)
            return
        colour = DISC_COLOURS[sum(map(ord, pupil.avatar)) % len(DISC_COLOURS)]
        self.pdf.set_fill_color(*colour)
        self.pdf.set_draw_color(*INK)
        self.pdf.set_line_width(1.0)
        self.pdf.ellipse(left + 0.5, y + 0.5, size - 1, size - 1, style="DF")
        initial = clean_text(pupil.name).strip()[:1].upper() or "?"
        self.font(size * 1.6, bold=True, color=WHITE if colour != DISC_COLOURS[3] else INK)
        self.text(x, y, size, size, self.drawable(initial), "C")

    def sized(self, text: str, width: float, largest: float, smallest: float,
              bold: bool = False, color: tuple[int, int, int] = INK) -> str:
        """The biggest font size from ``largest`` down to ``smallest`` at which ``text`` fits
        ``width`` (set as the current font); at the smallest, cut with an ellipsis."""
        text = self.drawable(clean_text(text))
        size = largest
        while size > smallest:
            self.font(size, bold=bold, color=color)
            if self.width(text) <= width:
                return text
            size = max(smallest, size - 0.5)
        self.font(smallest, bold=bold, color=color)
        return self.fit(text, width)

    def name(self, name: str, x: float, y: float, width: float) -> None:
        """The pupil's name, as big as fits on one line down to 13 pt; a longer name on two
        lines (broken between words), down to 10 pt; only then cut short with an ellipsis."""
        text = self.drawable(clean_text(name))
        size = 20.0
        while size >= 13:
            self.font(size, bold=True)
            if self.width(text) <= width:
                self.text(x, y, width, 10, text)
                return
            size -= 0.5
        words = text.split()
        while size >= 10 and len(words) > 1:
            self.font(size, bold=True)
            first = words[0]
            for k in range(1, len(words)):
                if self.width(" ".join(words[:k + 1])) > width:
                    break
                first = " ".join(words[:k + 1])
            rest = text[len(first):].strip()
            if self.width(first) <= width and self.width(rest) <= width:
                self.text(x, y - 1.5, width, 6.5, first)
                self.text(x, y + 4.5, width, 6.5, rest)
                return
            size -= 0.5
        self.font(12, bold=True)
        self.text(x, y, width, 10, self.fit(text, width))

    def card(self, x: float, y: float, pupil: Pupil) -> None:
        """One card with its top left corner at (x, y)."""
        _ = self._
        inner = CARD_W - 2 * PAD
        self.avatar(x + PAD, y + PAD, AVATAR, pupil)
        right_x = x + PAD + AVATAR + 4
        right_w = x + CARD_W - PAD - right_x
        self.name(pupil.name, right_x, y + PAD + 3, right_w)
        group = self.sized(self.info.class_name, right_w, 11, 8, color=INK_SOFT)
        self.text(right_x, y + PAD + 14, right_w, 6, group)
        self.font(8, color=INK_SOFT)
        self.text(right_x, y + PAD + 22, right_w, 5, _("Techniekwerf"))
        # the steps, on a band under the avatar
        top = y + PAD + AVATAR + 2.5
        band_h = y + CARD_H - PAD + 1 - top
        self.box(x + PAD - 1, top, inner + 2, band_h, BAND, RULE)
        heading = self.sized(_("How to log in"), inner - 4, 9.5, 7, bold=True)
        self.text(x + PAD + 1, top + 0.8, inner - 2, 5, heading)
        steps = (
            # TRANSLATORS: login card, step 1; {play}: the label of the title screen's big
            # yellow button ("Play")
            _("Press the yellow button {play}.").format(play=_("Play")),
            # TRANSLATORS: login card, step 2; {class_name}: the pupil's class, e.g. "groep 5b"
            _("Tap your class: {class_name}.").format(class_name=self.info.class_name),
            _("Tap your own picture."),
        )
        line_h = (band_h - 6.5) / len(steps)
        for i, step in enumerate(steps):
            sy = top + 6 + i * line_h
            self.pdf.set_fill_color(*INK)
            cx = self.mx(x + PAD + 1, 4.2)
            self.pdf.ellipse(cx, sy + (line_h - 4.2) / 2, 4.2, 4.2, style="F")
            self.font(7.5, bold=True, color=WHITE)
            self.text(x + PAD + 1, sy, 4.2, line_h, self.num(i + 1), "C")
            words = self.sized(step, inner - 8, 9, 6.5)
            self.text(x + PAD + 6.5, sy, inner - 8, line_h, words)

    def pages(self, pupils: Sequence[Pupil]) -> None:
        for start in range(0, len(pupils), PER_PAGE):
            self.pdf.add_page()
            self.cut_lines()
            for k, pupil in enumerate(pupils[start:start + PER_PAGE]):
                col, row = k % COLS, k // COLS
                self.card(MARGIN + col * CARD_W, MARGIN + row * CARD_H, pupil)


def render_cards(class_name: str, pupils: Sequence[Pupil], gettext: Gettext = lambda s: s,
                 lang: str = "nl", notes: list[str] | None = None) -> bytes:
    """The login cards as PDF bytes, one card per pupil in the order given. ``notes``: as
    :func:`game.progress.report.render_report` (letters of names no font has)."""
    cards = _Cards(CardInfo(class_name, lang), gettext)
    cards.pages(pupils)
    return pdf_output(cards.pdf, cards.missing, "cards'", notes)


def write_login_cards(store: SchoolStore, class_id: str, out: Path, *,
                      gettext: Gettext = lambda s: s, lang: str = "nl",
                      notes: list[str] | None = None) -> int:
    """Write the class's login cards to ``out`` (whole or not at all); returns the number of
    cards. A class without pupils is refused in one line: an empty page helps nobody."""
    group = next((c for c in store.classes() if c.id == class_id), None)
    if group is None:
        raise ExportError(f"no class with id {class_id!r}")
    pupils = sorted(store.pupils(class_id), key=lambda p: name_sort_key(p.name))
    if not pupils:
        raise ExportError(f"the class {group.name!r} has no pupils yet, so there are no cards "
                          "to print")
    data = render_cards(group.name, pupils, gettext, lang, notes)
    write_bytes_atomic(Path(out), data)
    return len(pupils)
