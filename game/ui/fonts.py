"""Fonts per reading font and script, from one table; text laid out right to left when it has
letters of a right-to-left script (Arabic, Hebrew).

The font for a string is chosen from the characters in it and the child's reading font, from
one table (:data:`FONT_TABLE`: a font per reading font and script). A string with letters of a
right-to-left script (:data:`game.i18n.RTL_SCRIPTS`) is laid out here: each letter in its
script's font, shaped by HarfBuzz (``set_script``, ``DIRECTION_RTL``) so Arabic letters join
and Hebrew ones run right to left. Arabic gets Noto Sans Arabic (Harmattan with the
OpenDyslexic choice); Hebrew (a pupil's name copied from a Hebrew source) Noto Sans Hebrew in
both; Cyrillic gets Andika (in both: OpenDyslexic has no Cyrillic); Latin the reading font
(Andika or OpenDyslexic), falling back to Andika for signs the reading font lacks. A pupil's
Latin name, a class's name with its number ("Groep 6"), a number or a file's path inside an
Arabic sentence reads left to right, a name or a path in its own font: :func:`bidi_runs`
splits a line into runs by the Unicode bidi algorithm (:mod:`game.bidi`). The paragraph runs
right to left in Arabic (and when no language is known); in another language a text with an
Arabic or Hebrew word takes its direction from its first letter.

Nothing is loaded at import; a font file is opened the first time a size of it is drawn, and
the text size and reading font are read from the live :class:`~game.settings.Settings` on
every call, so a change in the settings shows on the next frame without touching any scene.
"""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pygame

from game import bidi, text_rules
from game.i18n import RTL_LETTERS, RTL_SCRIPTS, is_rtl

DEFAULT_FAMILY = "andika"
#: Scripts we tell apart (ISO 15924 codes, as HarfBuzz and ``Font.set_script`` name them).
SCRIPTS = ("Latn", "Cyrl", "Arab", "Hebr")


@dataclass(frozen=True)
class FontSetup:
    """Which files draw a script, and how the font is set up for it."""

    regular: str
    bold: str
    script: str | None = None  # HarfBuzz script for ``Font.set_script`` (None: SDL's default)
    rtl: bool = False  # shaped right-to-left (``Font.set_direction(DIRECTION_RTL)``)
    #: the font's pixel size per pixel asked: a font whose letters are small for their size
    #: is opened bigger, so every reading font reads at the size the child chose
    scale: float = 1.0
    #: how far a right-to-left font's letters, with their marks, reach above and below the
    #: baseline, in em of the size asked (its line box keeps room for marks few words carry)
    ascent: float = 1.25
    descent: float = 0.5


ANDIKA = FontSetup("Andika-Regular.ttf", "Andika-Bold.ttf")
OPENDYSLEXIC = FontSetup("OpenDyslexic-Regular.otf", "OpenDyslexic-Bold.otf")
NOTO_ARABIC = FontSetup("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", "Arab", True)
#: SIL's Harmattan: simple, open Arabic letters with wide spacing, made for new readers; its
#: letters are small for their size (opened 1.2 times bigger, still narrower than Noto).
HARMATTAN = FontSetup("Harmattan-Regular.ttf", "Harmattan-Bold.ttf", "Arab", True, scale=1.2,
                      ascent=0.95, descent=0.5)
#: Noto Sans Hebrew: Hebrew letters and points only (no digits or Latin signs: those come from
#: the reading font); its letters with their points reach 0.76 em up and 0.24 em down.
NOTO_HEBREW = FontSetup("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", "Hebr", True,
                        ascent=0.8, descent=0.3)

#: (reading font family, script) -> font: each reading font names its font for every script.
#: OpenDyslexic has Latin letters only (Turkish and Polish letters too): for Cyrillic its
#: choice is Andika, made for beginning readers; for Arabic, Harmattan. Hebrew (no language of
#: the game, but a pupil's name may be written in it) is Noto Sans Hebrew in both.
FONT_TABLE: dict[tuple[str, str], FontSetup] = {
    ("andika", "Latn"): ANDIKA,
    ("andika", "Cyrl"): ANDIKA,
    ("andika", "Arab"): NOTO_ARABIC,
    ("opendyslexic", "Latn"): OPENDYSLEXIC,
    ("opendyslexic", "Cyrl"): ANDIKA,
    ("opendyslexic", "Arab"): HARMATTAN,
    ("andika", "Hebr"): NOTO_HEBREW,
    ("opendyslexic", "Hebr"): NOTO_HEBREW,
}
#: The fonts' names as a person knows them (the settings name the font a script gets).
FONT_NAMES: dict[FontSetup, str] = {ANDIKA: "Andika", OPENDYSLEXIC: "OpenDyslexic",
                                    NOTO_ARABIC: "Noto Sans Arabic", HARMATTAN: "Harmattan",
                                    NOTO_HEBREW: "Noto Sans Hebrew"}
#: The font that has every glyph of every language we ship except Arabic: the last resort.
FALLBACK = ANDIKA

#: Letters that reach highest (an accented capital) and lowest (a descender) in a script: a
#: line of text in that script takes this band (see Painter.measure_letters).
BAND_SAMPLES = {"Latn": "\u00c5\u00c9\u0104gjy", "Cyrl": "\u0407\u0419\u0429\u0414\u0440\u0443",
                "Arab": "\u0622\u0625\u0644\u064a", "Hebr": "\u05dc\u05b0\u05da\u05b8\u05e7\u05e5"}

_CYRILLIC = re.compile("[\u0400-\u052f]")
_CACHE_SIZE = 256  # laid-out right-to-left texts kept (a screen shows far fewer)


def rtl_scripts_in(text: str) -> list[str]:
    """The right-to-left scripts ``text`` has letters of, in :data:`RTL_SCRIPTS` order."""
    return [script for script, letters in RTL_SCRIPTS.items() if letters.search(text)]


@functools.lru_cache(maxsize=16384)
def script_of(text: str) -> str:
    """The script a string is drawn in: the first right-to-left script it has a letter of
    (Arabic, then Hebrew), else Cyrillic if it has a Cyrillic letter, else Latin (digits and
    signs alone count as Latin). Kept: every text is asked again each time it is measured
    or drawn, and a long one is searched three times over."""
    for script, letters in RTL_SCRIPTS.items():
        if letters.search(text):
            return script
    if _CYRILLIC.search(text):
        return "Cyrl"
    return "Latn"


@functools.lru_cache(maxsize=16384)
def is_rtl_text(text: str) -> bool:
    """Whether ``text`` has a letter of a right-to-left script (it is laid out here); kept,
    as :func:`script_of` is."""
    return RTL_LETTERS.search(text) is not None


def bidi_runs(text: str, base: int = 1) -> list[tuple[str, bool]]:
    """One line as runs in *visual* order, left to right, in a paragraph of level ``base``
    (1: right to left): :func:`game.bidi.runs`, the Unicode bidi algorithm."""
    return list(_runs(text, base))


@functools.lru_cache(maxsize=8192)
def _runs(text: str, base: int) -> tuple[tuple[str, bool], ...]:
    """:func:`bidi_runs`, kept: wrapping measures the same words again and again (each longer
    candidate line, each size a text is fitted at)."""
    return tuple(bidi.runs(text, base))


def drawable(text: object) -> str:
    """``text`` as it can be drawn: without the characters :mod:`game.text_rules` refuses (a
    NUL or a lone surrogate makes SDL_ttf raise, a direction override reorders the line). Text
    the game checked is returned as it is; a pupil's name stored before the rule, say, is
    cleaned. Line breaks stay: wrapped text keeps its lines."""
    return _drawable(text if isinstance(text, str) else str(text))


@functools.lru_cache(maxsize=16384)
def _drawable(text: str) -> str:
    """:func:`drawable` of a string, kept: each text is checked again every time it is
    measured or drawn."""
    if text_rules.bad_character(text, newlines=True) is None:
        return text
    return text_rules.clean_text(text, newlines=True)


def _render(font: pygame.font.Font, text: str, color, wrap_px: int = 0) -> pygame.Surface:
    """SDL_ttf's picture of ``text``; text that has no width at all (only zero-width or
    direction characters) is drawn as nothing, one line high, instead of raising."""
    try:
        return font.render(text, True, color, None, wrap_px)
    except (pygame.error, ValueError, UnicodeError):
        visible = "".join(ch for ch in text if text_rules.has_visible(ch) or ch in " \n")
        try:
            return font.render(visible, True, color, None, wrap_px)
        except (pygame.error, ValueError, UnicodeError):
            return font.render("", True, color, None, wrap_px)


class Fonts:
    """Fonts by (family, script, pixel size, bold), cached; text rendered in the right one.

    ``settings`` is the live Settings (``text_scale``, ``reading_font``), or a function giving
    the ones in force now (the App passes ``lambda: ctx.settings``: a pupil's profile swaps
    them); None gives size 1 and Andika (tests, tools).
    """

    def __init__(self, folder: Path, settings=None) -> None:
        self.folder = Path(folder)
        self.settings = settings
        self._files: dict[tuple[str, int], pygame.font.Font] = {}
        self._fonts: dict[tuple[str, str, int, bool], pygame.font.Font] = {}
        self._covers: dict[tuple[str, str], bool] = {}
        self._laid_out: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._picked: dict[tuple, pygame.font.Font] = {}  # the font chosen for a text, by size
        #: the font of one letter in a right-to-left line (see :meth:`_char_font`), kept
        self._letter_fonts: dict[tuple, pygame.font.Font] = {}
        self._widths: dict[tuple, int] = {}  # a right-to-left line's width (_line_width)
        #: a right-to-left line's (text, font) pieces (see :meth:`_kept_pieces`)
        self._pieces: dict[tuple, tuple[tuple[str, pygame.font.Font], ...]] = {}
        self._sizes: dict[tuple, tuple[int, int] | None] = {}  # a line's size (see size)

    # --- the live settings ---------------------------------------------------------------------
    def _settings(self):
        s = self.settings
        return s() if callable(s) else s

    @property
    def language(self) -> str | None:
        """The language texts are laid out for: a mixed text's direction depends on it."""
        return getattr(self._settings(), "language", None)

    @property
    def scale(self) -> float:
        """Every text size is multiplied by this (the child's text size setting)."""
        try:
            return float(getattr(self._settings(), "text_scale", 1.0))
        except (IndexError, TypeError, ValueError):
            return 1.0

    @property
    def family(self) -> str:
        """The reading font chosen in the settings (a key of FONT_TABLE)."""
        family = getattr(self._settings(), "reading_font", DEFAULT_FAMILY)
        return family if (family, "Latn") in FONT_TABLE else DEFAULT_FAMILY

    # --- fonts ---------------------------------------------------------------------------------
    def setup(self, script: str = "Latn", family: str | None = None) -> FontSetup:
        return FONT_TABLE.get((family or self.family, script), FONT_TABLE[(DEFAULT_FAMILY, script)])

    def _open(self, setup: FontSetup, px: int, bold: bool,
              rtl: bool | None = None) -> pygame.font.Font:
        """One font file at one size, set up for its script; ``rtl`` overrides the direction
        (a Latin sign inside Arabic text is shaped right to left, so brackets mirror)."""
        name = setup.bold if bold else setup.regular
        rtl = setup.rtl if rtl is None else rtl
        key = (name, px, rtl)
        font = self._files.get(key)
        if font is None:
            if not pygame.font.get_init():
                pygame.font.init()
            font = pygame.font.Font(str(self.folder / name), max(6, round(px * setup.scale)))
            if setup.script:
                font.set_script(setup.script)
            font.set_direction(pygame.DIRECTION_RTL if rtl else pygame.DIRECTION_LTR)
            self._files[key] = font
        return font

    def get(self, px: int, bold: bool = False, script: str = "Latn",
            family: str | None = None) -> pygame.font.Font:
        """The font for ``script`` in the reading font (or ``family``) at ``px`` pixels."""
        family = family or self.family
        key = (family, script, max(6, px), bold)
        font = self._fonts.get(key)
        if font is None:
            font = self._open(self.setup(script, family), key[2], bold)
            self._fonts[key] = font
        return font

    def font_for(self, text: str, px: int, bold: bool = False) -> pygame.font.Font:
        """The font that draws ``text``: by its script, in the reading font when that has every
        character of it, else in the fallback font (Andika)."""
        script = script_of(text)
        setup = self.setup(script)
        font = self.get(px, bold, script)
        if setup is not FALLBACK and not setup.rtl and not self._has_all(setup, font, text):
            font = self._open(FALLBACK, max(6, px), bold)
        return font

    def _has_all(self, setup: FontSetup, font: pygame.font.Font, text: str) -> bool:
        """Whether the font has a glyph for every character of ``text`` (cached per font and
        character). SDL_ttf gives a missing character the empty box's metrics, so a character
        is missing when its metrics and its picture are those of a private-use character."""
        covers = self._covers
        for ch in text:
            if ch.isspace():
                continue
            known = covers.get((setup.regular, ch))
            if known is None:
                known = not self._is_box(font, ch)
                covers[(setup.regular, ch)] = known
            if not known:
                return False
        return True

    @staticmethod
    def _is_box(font: pygame.font.Font, ch: str) -> bool:
        missing = "\ue000"  # a private-use character: no font of ours draws it
        if font.metrics(ch) != font.metrics(missing):
            return False
        draw = font.render  # same metrics: compare the pictures (rare, and cached)
        black = (0, 0, 0)
        try:
            return pygame.image.tobytes(draw(ch, False, black), "P") == pygame.image.tobytes(
                draw(missing, False, black), "P")
        except (pygame.error, ValueError, UnicodeError):  # no width at all: not a box
            return False

    # --- drawing text --------------------------------------------------------------------------
    def render(self, text: str, px: int, color, bold: bool = False, wrap_px: int = 0,
               centred: bool = False) -> pygame.Surface:
        """``text`` drawn at ``px`` pixels (antialiased, transparent), wrapped at ``wrap_px``.

        Text without a right-to-left letter goes straight to SDL_ttf; wrapped lines start at
        the left, or are centred. Text with Arabic or Hebrew is laid out here: shaped runs in
        visual order, wrapped at spaces, each line aligned to the right (or centred). Those pictures are kept (a few
        hundred), because a line is made of several shaped pieces.
        """
        px = max(6, px)
        text = drawable(text)
        if not is_rtl_text(text):
            font = self._picked_font(text, px, bold)
            font.align = pygame.FONT_CENTER if centred else pygame.FONT_LEFT
            return _render(font, text, color, wrap_px)
        base = self.paragraph_level(text)
        key = (text, px, bold, tuple(color), wrap_px, centred, self.family, base)
        surf = self._laid_out.get(key)
        if surf is None:
            surf = self._render_rtl(text, px, color, bold, wrap_px, centred, base)
            self._laid_out[key] = surf
            if len(self._laid_out) > _CACHE_SIZE:
                self._laid_out.popitem(last=False)
        else:
            self._laid_out.move_to_end(key)
        return surf

    def _picked_font(self, text: str, px: int, bold: bool) -> pygame.font.Font:
        """:meth:`font_for` ``text`` (without right-to-left letters), kept."""
        key = (text, px, bold, self.family)
        font = self._picked.get(key)
        if font is None:
            if len(self._picked) > 4096:
                self._picked.clear()
            font = self._picked[key] = self.font_for(text, px, bold)
        return font

    def size(self, text: str, px: int, bold: bool = False,
             wrap_px: int = 0) -> tuple[int, int] | None:
        """The size :meth:`render` gives ``text``, found without drawing it (SDL_ttf measures
        a line as it draws it): for one line without right-to-left letters, also when it is
        to be wrapped at ``wrap_px`` but is narrower than that (SDL_ttf then draws the one
        line as it is), and for a text with them (laid out here, wrapped at ``wrap_px``);
        None for several lines, or one too wide for ``wrap_px``, without them (SDL_ttf wraps
        it while drawing): render it to know."""
        key = (text, px, bold, wrap_px, self.family, self.language)
        found = self._sizes.get(key, False)
        if found is not False:
            return found
        px = max(6, px)
        clean = drawable(text)
        try:
            if is_rtl_text(clean):
                found = self._rtl_size(clean, px, bold, wrap_px)
            elif "\n" in clean:
                found = None
            else:
                found = self._picked_font(clean, px, bold).size(clean)
                if wrap_px and found[0] >= wrap_px:
                    found = None  # it may be broken onto lines
        except (pygame.error, ValueError, UnicodeError):
            found = None  # render() draws what it can of it: ask it
        if len(self._sizes) > 16384:
            self._sizes.clear()
        self._sizes[key] = found
        return found

    def _char_font(self, ch: str, px: int, bold: bool, rtl: bool,
                   word: str | None = None, signs: str = "Arab") -> pygame.font.Font:
        """A letter of a right-to-left script (and its marks) in that script's font: Arabic
        in the Arabic font, Hebrew in the Hebrew one. The digits and signs the font of
        ``signs`` has (the text's first right-to-left script: Noto Sans Arabic has digits and
        Arabic signs, Noto Sans Hebrew none) in that font; Latin and Cyrillic letters (and
        signs it lacks, such as brackets) in the reading font. ``word``: the script of the
        Latin or Cyrillic run ``ch`` is in, whose digits and signs are drawn in the letters'
        font (a file's name in one font, as it is drawn alone)."""
        letters = script_of(ch)
        if letters in RTL_SCRIPTS:
            return self._open(self.setup(letters), px, bold, rtl)
        sign_setup = self.setup(signs)
        sign_font = self._open(sign_setup, px, bold, rtl)
        if word is None and not ch.isalpha() and self._has_all(sign_setup, sign_font, ch):
            return sign_font
        script = word or letters
        setup = self.setup(script)
        if not self._has_all(setup, self.get(px, bold, script), ch):
            setup = FALLBACK
            if word is not None and not self._has_all(FALLBACK, self._open(FALLBACK, px, bold),
                                                      ch):
                return sign_font  # a sign only the right-to-left font has
        return self._open(setup, px, bold, rtl)

    @staticmethod
    def _signs(text: str) -> str:
        """The right-to-left script whose font draws the digits and signs it has in ``text``:
        its first right-to-left script (Arabic in a text without one: an Arabic screen)."""
        return (rtl_scripts_in(text) or list(RTL_SCRIPTS))[0]

    def paragraph_level(self, text: str) -> int:
        """1 (right to left) in Arabic or when no language is known, else the direction of the
        text's first letter (P2/P3: a Dutch sentence with an Arabic name runs left to right)."""
        lang = getattr(self._settings(), "language", None)
        if lang is None or is_rtl(lang):
            return 1
        first = bidi.first_strong(text)
        return 1 if first is None else first

    def pieces(self, line: str, px: int, bold: bool, base: int = 1,
               signs: str | None = None) -> list[tuple[str, pygame.font.Font]]:
        """A line as (text, font) pieces in visual order, each font shaped in its direction.

        A run is cut only where the font changes, so the letters of an Arabic or Hebrew word
        stay in one piece and HarfBuzz joins them (and lays them out right to left); a space
        goes with the piece before it. A left-to-right run with letters (a name, a file's name
        or path) is in the letters' font throughout. ``signs``: the right-to-left script
        whose font draws digits and signs (by default the line's first, see :meth:`_signs`).
        """
        signs = signs or self._signs(line)
        pieces: list[tuple[str, pygame.font.Font]] = []
        family = self.family
        kept = self._letter_fonts
        if len(kept) > 16384:
            kept.clear()
        for run, rtl in _runs(line, base):
            word = script_of(run) if not rtl and any(ch.isalpha() for ch in run) else None
            parts: list[tuple[str, pygame.font.Font]] = []
            for ch in run:
                if parts and ch.isspace():
                    font = parts[-1][1]
                else:
                    key = (ch, px, bold, rtl, word, signs, family)
                    font = kept.get(key)
                    if font is None:
                        font = kept[key] = self._char_font(ch, px, bold, rtl, word, signs)
                if parts and parts[-1][1] is font:
                    parts[-1] = (parts[-1][0] + ch, font)
                else:
                    parts.append((ch, font))
            if rtl:
                parts.reverse()
            pieces.extend(parts)
        return pieces

    def _kept_pieces(self, line: str, px: int, bold: bool, base: int,
                     signs: str) -> tuple[tuple[str, pygame.font.Font], ...]:
        """:meth:`pieces` of a line of a right-to-left text, kept: a line is cut into pieces
        when it is measured, again when the text's size is worked out, and again when it is
        drawn."""
        key = (line, px, bold, base, signs, self.family)
        found = self._pieces.get(key)
        if found is None:
            if len(self._pieces) > 16384:
                self._pieces.clear()
            found = self._pieces[key] = tuple(self.pieces(line, px, bold, base, signs))
        return found

    def _line_width(self, line: str, px: int, bold: bool, base: int = 1,
                    signs: str | None = None) -> int:
        """How wide ``line`` is drawn, kept: wrapping measures each longer candidate line,
        and the same ones again for each width and size a text is fitted at, and the size
        of a laid-out text is the width of its widest line."""
        signs = signs or self._signs(line)
        key = (line, px, bold, base, signs, self.family)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) > 32768:
                self._widths.clear()
            width = self._widths[key] = sum(
                font.size(t)[0] for t, font in self._kept_pieces(line, px, bold, base, signs))
        return width

    def _wrap(self, text: str, px: int, bold: bool, wrap_px: int, base: int = 1,
              signs: str | None = None) -> list[str]:
        """Lines of at most ``wrap_px`` pixels, broken at spaces; a word longer than a line
        (a folder's path in a message) is broken too, after a slash where it can be, as
        SDL_ttf does for text without Arabic.

        Each line is as many words as fit (a longer line is never narrower). The words' own
        widths (kept) guess where a line ends; the line itself is then measured, and one word
        more, so the guess only saves measuring every longer candidate line."""
        lines: list[str] = []
        for para in text.split("\n"):
            if not wrap_px:
                lines.append(para)
                continue
            tokens: list[tuple[str, str]] = []  # (glue before it, part)
            for word in para.split(" "):
                for k, part in enumerate(self._split_long(word, px, bold, wrap_px, base,
                                                          signs)):
                    tokens.append((" " if k == 0 else "", part))  # a long word's pieces join
            lines += self._break(tokens, px, bold, wrap_px, base, signs)
        return lines

    def _break(self, tokens: list[tuple[str, str]], px: int, bold: bool, wrap_px: int,
               base: int, signs: str | None) -> list[str]:
        """``tokens`` ((glue, part) pairs) as lines, each as many tokens as fit."""

        def width(t: str) -> int:
            return self._line_width(t, px, bold, base, signs)

        def join(i: int, j: int) -> str:
            line = ""
            for glue, part in tokens[i:j]:
                line = f"{line}{glue}{part}" if line else part
            return line

        def fits(i: int, j: int) -> bool:  # tokens[i:j] on one line
            return not join(i, j - 1) or width(join(i, j)) <= wrap_px

        lines: list[str] = []
        space, i = width(" "), 0
        while i < len(tokens):
            guess, j = width(tokens[i][1]), i + 1
            while j < len(tokens):
                more = guess + (space if tokens[j][0] else 0) + width(tokens[j][1])
                if more > wrap_px:
                    break
                guess, j = more, j + 1
            if fits(i, j):
                while j < len(tokens) and fits(i, j + 1):
                    j += 1
            else:
                while j > i + 1 and not fits(i, j):
                    j -= 1
            lines.append(join(i, j))
            i = j
        return lines

    def _split_long(self, word: str, px: int, bold: bool, wrap_px: int,
                    base: int = 1, signs: str | None = None) -> list[str]:
        """``word`` in pieces of at most ``wrap_px`` pixels (itself when it fits)."""
        parts: list[str] = []
        while word and self._line_width(word, px, bold, base, signs) > wrap_px:
            n = 1
            while n < len(word) and self._line_width(word[:n + 1], px, bold, base,
                                                     signs) <= wrap_px:
                n += 1
            cut = max(word.rfind("/", 0, n), word.rfind("\\", 0, n)) + 1
            n = cut if cut > n // 2 else n  # after a slash, unless that leaves little
            parts.append(word[:n])
            word = word[n:]
        return [*parts, word] if word or not parts else parts

    def _render_rtl(self, text: str, px: int, color, bold: bool, wrap_px: int,
                    centred: bool, base: int = 1) -> pygame.Surface:
        """Lines of shaped pieces, each line aligned right (or centred) in the widest; in a
        left-to-right paragraph (``base`` 0) aligned left.

        An Arabic font's line box (Noto Sans Arabic's: 2.1 em) keeps room for marks few words
        carry; its letters, with their vowel marks and hamzas, use ``FontSetup.ascent`` em
        above the baseline and ``descent`` below (Noto: 1.25 and 0.5). So an Arabic line is
        that tall (a Hebrew one as tall as Hebrew letters with their points reach; a text
        with both, the taller), and wrapped lines step by the Latin font's line
        height: Arabic text takes the room the same text takes in Dutch.
        """
        rows = []
        for _line, pieces, ascent, descent in self._rtl_lines(text, px, bold, wrap_px, base):
            pictures = [(_render(font, t, color), font) for t, font in pieces]
            rows.append((pictures, sum(s.get_width() for s, _f in pictures), ascent, descent))
        width, height, top, step = self._rtl_box(rows, px, bold)
        out = pygame.Surface((width, height), pygame.SRCALPHA)
        for i, (pieces, w, _ascent, _descent) in enumerate(rows):
            x = (width - w) // 2 if centred else (width - w) * (base % 2)
            baseline = top + i * step
            for surf, font in pieces:
                out.blit(surf, (x, baseline - font.get_ascent()))
                x += surf.get_width()
        return out

    def _rtl_lines(self, text: str, px: int, bold: bool, wrap_px: int, base: int):
        """(line, its (text, font) pieces, ascent, descent) for each line of a right-to-left
        text as :meth:`_render_rtl` lays it out."""
        signs = self._signs(text)
        setups = [self.setup(script) for script in rtl_scripts_in(text) or [signs]]
        rtl_names = {self._open(setup, px, bold, rtl).name
                     for setup in setups for rtl in (True, False)}
        top_em = max(setup.ascent for setup in setups)
        bottom_em = max(setup.descent for setup in setups)
        for line in self._wrap(text, px, bold, wrap_px, base, signs):
            pieces = self._kept_pieces(line, px, bold, base, signs)
            latin = [f for _t, f in pieces if f.name not in rtl_names]
            ascent = max([f.get_ascent() for f in latin] + [round(px * top_em)])
            descent = max([-f.get_descent() for f in latin] + [round(px * bottom_em)])
            yield line, pieces, ascent, descent

    def _rtl_box(self, rows, px: int, bold: bool) -> tuple[int, int, int, int]:
        """(width, height, first baseline, line step) of laid-out right-to-left ``rows``
        ((pieces, width, ascent, descent) each)."""
        step = self._open(FALLBACK, px, bold).get_linesize()
        width = max(1, *(w for _p, w, _a, _d in rows))
        top = rows[0][2]  # the baseline of the first line
        height = step * (len(rows) - 1) + top + rows[-1][3]
        return width, max(1, height), top, step

    def _rtl_size(self, text: str, px: int, bold: bool, wrap_px: int) -> tuple[int, int]:
        """The size of :meth:`_render_rtl`'s picture, without drawing it: SDL_ttf measures
        each shaped piece as wide as it draws it (tests/test_measure_without_drawing.py)."""
        base, signs = self.paragraph_level(text), self._signs(text)
        rows = [(pieces, self._line_width(line, px, bold, base, signs), ascent, descent)
                for line, pieces, ascent, descent in self._rtl_lines(text, px, bold, wrap_px,
                                                                      base)]
        width, height, _top, _step = self._rtl_box(rows, px, bold)
        return width, height
