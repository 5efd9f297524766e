"""The one rule for text that comes from outside the game: level files, pupils' names, logs.

Such text is drawn on screen and read aloud, so a character that a font cannot draw safely,
that a voice cannot be handed, or that silently reorders what is shown has no place in it:

- control characters: C0 (U+0000-U+001F, so also NUL and tab), DEL and C1 (U+0080-U+009F);
  a newline only where the caller allows it (``newlines=True``);
- surrogates (U+D800-U+DFFF): in a Python string they are always lone halves, which cannot be
  encoded as UTF-8 for the font or the voice;
- noncharacters (U+FDD0-U+FDEF and the last two code points of every plane, U+FFFE, U+FFFF...);
- bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the deprecated
  format controls U+206A-U+206F, the interlinear annotation controls U+FFF9-U+FFFB, a
  byte order mark inside text (U+FEFF) and the tag characters U+E0000-U+E007F (invisible
  text riding along): they reorder or hide what is shown;
- the line and paragraph separators U+2028 and U+2029 (a newline by other means).

And a text must hold at least one visible character: a letter, digit, punctuation mark or
symbol that shows. Only spaces, zero-width characters, direction marks, combining marks or
blank "letters" (the Hangul fillers U+3164..., the blank Braille pattern U+2800) is "nothing".

Everything ordinary passes: Arabic and Hebrew letters, combining marks (the vowel marks of
spoken Arabic), emoji with their joiners (U+200D) and variation selectors, the direction marks
LRM/RLM/ALM (U+200E, U+200F, U+061C: they only nudge, never override), no-break spaces.

:func:`text_problem` says what is wrong (one English line, for level authors and the command
line), :func:`clean_text` drops what is wrong (for drawing and speaking text that was stored
before the rule existed). This module imports nothing but the standard library: the checker,
the store and the renderer all use it.
"""

from __future__ import annotations

import re
import unicodedata

#: Direction marks: allowed in text, but invisible; callers that want them gone (a pupil's
#: name copied from a web page) may drop them with ``clean_text(..., marks=True)``.
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")

_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_OTHER_FORMAT = "\u206a-\u206f\ufff9-\ufffb\ufeff\U000e0000-\U000e007f"
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_ALWAYS_BAD = (
    "\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029"
    + _BIDI_CONTROLS + _OTHER_FORMAT + _NONCHARACTERS
)
_BAD = re.compile(f"[{_ALWAYS_BAD}\n]")
_BAD_BUT_NEWLINE = re.compile(f"[{_ALWAYS_BAD}]")
_MARKS = re.compile("[\u200e\u200f\u061c]")


def bad_character(text: str, *, newlines: bool = False) -> int | None:
    """The index of the first character the rule refuses, else None."""
    match = (_BAD_BUT_NEWLINE if newlines else _BAD).search(text)
    return match.start() if match else None


def _what(ch: str) -> str:
    code = ord(ch)
    if ch == "\n":
        return "a line break"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "a control character"
    if 0xD800 <= code <= 0xDFFF:
        return "a lone surrogate"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "a noncharacter"
    if ch in "\u2028\u2029":
        return "a line separator"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return "a direction override"
    return "an invisible format character"


#: "Letters" and symbols that draw as nothing (Hangul fillers, the blank Braille pattern)
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def has_visible(text: str) -> bool:
    """Whether ``text`` holds a letter, digit, punctuation mark or symbol that shows."""
    return any(unicodedata.category(ch)[0] in "LNPS" and ch not in _BLANK for ch in text)


def text_problem(text: str, *, newlines: bool = False) -> str | None:
    """None when ``text`` follows the rule, else one English line saying what is wrong,
    e.g. ``holds a control character (U+0000) at character 3``.

    ``newlines``: whether a line break (U+000A only) is allowed. Not a string is a problem too.
    """
    if not isinstance(text, str):
        return "is not text"
    index = bad_character(text, newlines=newlines)
    if index is not None:
        ch = text[index]
        why = "; it could reorder the text" if _what(ch) == "a direction override" else ""
        return f"holds {_what(ch)} (U+{ord(ch):04X}) at character {index + 1}{why}"
    if not has_visible(text):
        return "has no visible character (only spaces, zero-width or direction characters)"
    return None


def clean_text(text: str, *, newlines: bool = False, marks: bool = False) -> str:
    """``text`` without the characters the rule refuses (a tab becomes a space, and so does a
    line break unless ``newlines``; ``marks`` also drops the direction marks), NFC-normalised.

    The result may be empty or invisible: callers decide what to show then. Never raises,
    whatever ``text`` holds (a non-string gives its ``str``).
    """
    if not isinstance(text, str):
        text = str(text)
    text = text.replace("\t", " ")
    if not newlines:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    text = (_BAD_BUT_NEWLINE if newlines else _BAD).sub("", text)
    if marks:
        text = _MARKS.sub("", text)
    return unicodedata.normalize("NFC", text)


def is_clean(text: str, *, newlines: bool = False) -> bool:
    """Whether ``text`` follows the rule (the quick test, without a message)."""
    return text_problem(text, newlines=newlines) is None
