"""Which parts of a line read left to right and which right to left: the Unicode
bidirectional algorithm (UAX #9) for one line of one paragraph.

The game's screens lay out Arabic text with :func:`runs` (see game.ui.fonts); the PDF report
lets fpdf2 do the same (its own complete UAX #9, with HarfBuzz), and a test holds the two to
the same answers. What is done here, by the rules' names:

* P2/P3: a paragraph's direction from its first strong letter (:func:`first_strong`), when the
  caller does not give it (an Arabic screen gives right to left).
* X5a-X5c, X6a: isolates (LRI, RLI, FSI ... PDI) are laid out inside on their own and count as
  one neutral sign outside, so a name wrapped in them never pulls a number along.
  Embeddings and overrides (LRE, RLE, LRO, RLO, PDF) are not used by our texts: like the
  direction marks they steer nothing and are not drawn (X9).
* W1-W7: a vowel mark takes its letter's kind; a number after Arabic letters is an Arabic
  number; a separator between two digits joins them (``1,5``, ``14:05``, ``5/6``); a ``%`` or
  ``+`` next to a digit too; and **W7**: a European number whose nearest strong letter before
  it (across spaces and signs) is a Latin or Cyrillic one reads left to right with it, so
  "Groep 6", "Klas 7B", "Groep 5/6" stay as they are written.
* N1/N2: spaces and signs between two letters of one direction take it (numbers count as
  right to left here); other neutrals take the paragraph's direction.
* I1/I2 and L1 (whitespace at the line's end takes the paragraph's level), and L2: the runs
  in visual order.

N0 (paired brackets) is left out: with the rules above a bracket takes the direction of the
text around it, which is N0's answer for every bracket in our texts.

One addition, kept to a word (no space inside) that has a Latin or Cyrillic letter, such as a
file's path: a slash, backslash or tilde at the word's edge reads with the word ("/home/anna/"
keeps its first slash at its left end), unless an Arabic letter is stuck to it. The algorithm
alone would draw that slash at the path's other end.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
LRM, RLM = "\u200e", "\u200f"
#: Characters that steer the direction and are not drawn: the marks (LRM, RLM, ALM), the
#: isolates and the embeddings.
INVISIBLE = frozenset("\u200e\u200f\u061c\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e")
_INITIATORS = (LRI, RLI, FSI)
_NEUTRAL = frozenset(("B", "S", "WS", "ON"))
_REMOVED = frozenset(("BN", "LRE", "RLE", "LRO", "RLO", "PDF"))  # X9
#: Signs that belong to a path at the edge of a word: "/home", "Documents/", "~/", "C:\\x\\".
_PATH_EDGE = "/\\~"


def bidi_class(ch: str) -> str:
    """The character's bidirectional class (``L``, ``R``, ``AL``, ``EN`` ...)."""
    return unicodedata.bidirectional(ch) or "L"


def _isolate_end(text: str, start: int) -> int:
    """The index of the PDI closing the isolate that opens at ``start`` (len when none)."""
    depth = 0
    for k in range(start, len(text)):
        if text[k] in _INITIATORS:
            depth += 1
        elif text[k] == PDI:
            depth -= 1
            if depth == 0:
                return k
    return len(text)


def first_strong(text: str) -> int | None:
    """P2/P3: 0 (left to right) or 1 (right to left) by the first strong letter outside any
    isolate; None when there is none (only digits and signs)."""
    k = 0
    while k < len(text):
        ch = text[k]
        if ch in _INITIATORS:
            k = _isolate_end(text, k) + 1
            continue
        cls = bidi_class(ch)
        if cls == "L":
            return 0
        if cls in ("R", "AL"):
            return 1
        k += 1
    return None


def levels(text: str, base: int = 1) -> list[int]:
    """The embedding level of every character of one line; ``base`` is the paragraph's level
    (1: right to left, 0: left to right). Odd levels read right to left."""
    out = [base] * len(text)
    outer: list[int] = []  # indices in this level's sequence (isolates' insides left out)
    k = 0
    while k < len(text):
        outer.append(k)
        if text[k] in _INITIATORS:
            end = _isolate_end(text, k)
            inner = text[k + 1:end]
            rtl = first_strong(inner) == 1 if text[k] == FSI else text[k] == RLI
            inner_base = base + 1 + (base % 2) if rtl else base + 1 + (base % 2 == 0)
            out[k + 1:end] = levels(inner, inner_base)
            if end < len(text):
                outer.append(end)
            k = end + 1
            continue
        k += 1
    classes = []
    for k in outer:
        ch = text[k]
        classes.append("ON" if ch in _INITIATORS or ch == PDI else bidi_class(ch))
    kept = [i for i, c in enumerate(classes) if c not in _REMOVED]
    resolved = _resolve([classes[i] for i in kept], base)
    level_of = dict(zip(kept, resolved, strict=True))
    last = base
    for i, k in enumerate(outer):  # X9: a removed character takes its neighbour's level
        last = level_of.get(i, last)
        out[k] = last
    _line_end(text, out, base)
    if base % 2:
        _path_edges(text, out, base)
    return out


def _resolve(types: list[str], base: int) -> list[int]:
    """W1-W7, N1-N2 and I1-I2 over one isolating run sequence."""
    e = "R" if base % 2 else "L"
    t = list(types)
    n = len(t)
    prev = e
    for i in range(n):  # W1: a non-spacing mark takes the kind before it
        if t[i] == "NSM":
            t[i] = prev
        prev = t[i]
    strong = e
    for i in range(n):  # W2: a European number after an Arabic letter is an Arabic number
        if t[i] in ("L", "R", "AL"):
            strong = t[i]
        elif t[i] == "EN" and strong == "AL":
            t[i] = "AN"
    t = ["R" if c == "AL" else c for c in t]  # W3
    for i in range(1, n - 1):  # W4: one separator between two numbers of a kind joins them
        if t[i] == "ES" and t[i - 1] == t[i + 1] == "EN":
            t[i] = "EN"
        elif t[i] == "CS" and t[i - 1] == t[i + 1] and t[i - 1] in ("EN", "AN"):
            t[i] = t[i - 1]
    i = 0
    while i < n:  # W5: terminators (%, +, currency) next to a European number join it
        if t[i] != "ET":
            i += 1
            continue
        j = i
        while j < n and t[j] == "ET":
            j += 1
        if (i > 0 and t[i - 1] == "EN") or (j < n and t[j] == "EN"):
            t[i:j] = ["EN"] * (j - i)
        i = j
    t = ["ON" if c in ("ES", "ET", "CS") else c for c in t]  # W6
    strong = e
    for i in range(n):  # W7: a European number after a Latin letter reads with it
        if t[i] in ("L", "R"):
            strong = t[i]
        elif t[i] == "EN" and strong == "L":
            t[i] = "L"
    i = 0
    while i < n:  # N1, N2: neutrals between two of one direction take it, else the paragraph's
        if t[i] not in _NEUTRAL:
            i += 1
            continue
        j = i
        while j < n and t[j] in _NEUTRAL:
            j += 1
        before = _direction(t[i - 1]) if i > 0 else e
        after = _direction(t[j]) if j < n else e
        t[i:j] = [before if before == after else e] * (j - i)
        i = j
    out = []
    for c in t:  # I1, I2
        if base % 2 == 0:
            out.append(base + (c == "R") + 2 * (c in ("AN", "EN")))
        else:
            out.append(base + (c in ("L", "EN", "AN")))
    return out


def _direction(cls: str) -> str:
    return "L" if cls == "L" else "R"  # N1: numbers count as right to left


def _line_end(text: str, out: list[int], base: int) -> None:
    """L1: spaces (and invisible marks) at the end of the line take the paragraph's level."""
    k = len(text)
    while k > 0 and (text[k - 1] in INVISIBLE or bidi_class(text[k - 1]) in ("WS", "BN")):
        k -= 1
        out[k] = base


def _path_edges(text: str, out: list[int], base: int) -> None:
    """A slash, backslash or tilde at the edge of a word with Latin letters reads with the
    word's left-to-right part, unless an Arabic letter is stuck to it (see the module text)."""
    n = len(text)
    i = 0
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        j = i
        while j < n and not text[j].isspace():
            j += 1
        ltr = [k for k in range(i, j) if out[k] > base and out[k] % 2 == 0
               and text[k] not in INVISIBLE]
        if ltr and any(bidi_class(text[k]) == "L" for k in ltr):
            start, end = ltr[0], ltr[-1] + 1
            while start > i and text[start - 1] in _PATH_EDGE:
                start -= 1
            if start == i or bidi_class(text[start - 1]) not in ("R", "AL"):
                out[start:ltr[0]] = [out[ltr[0]]] * (ltr[0] - start)
            while end < j and text[end] in _PATH_EDGE:
                end += 1
            if end == j or bidi_class(text[end]) not in ("R", "AL"):
                out[ltr[-1] + 1:end] = [out[ltr[-1]]] * (end - ltr[-1] - 1)
        i = j


def runs(text: str, base: int = 1) -> list[tuple[str, bool]]:
    """One line as runs in *visual* order, left to right (L2), each ``(text, rtl)`` in logical
    order, to be shaped in that direction (HarfBuzz puts a right-to-left run's glyphs in visual
    order itself). The direction marks and isolates steer, then are left out."""
    pieces: list[tuple[str, int]] = []
    for ch, level in zip(text, levels(text, base), strict=True):
        if ch in INVISIBLE:
            continue
        if pieces and pieces[-1][1] == level:
            pieces[-1] = (pieces[-1][0] + ch, level)
        else:
            pieces.append((ch, level))
    if not pieces:
        return []
    top = max(level for _t, level in pieces)
    lowest_odd = min(level for _t, level in pieces) | 1
    for level in range(top, lowest_odd - 1, -1):  # L2: reverse each run at this level or up
        k = 0
        while k < len(pieces):
            if pieces[k][1] < level:
                k += 1
                continue
            m = k
            while m < len(pieces) and pieces[m][1] >= level:
                m += 1
            pieces[k:m] = reversed(pieces[k:m])
            k = m
    return [(t, level % 2 == 1) for t, level in pieces]


def join(parts: Iterable[str], sep: str, rtl: bool) -> str:
    """Pieces of one line (a lesson's name, a count) joined by ``sep``, each piece ending with
    a mark of the line's direction (RLM in a right-to-left line, LRM in a left-to-right one)
    when the line has Arabic letters. Without it the bidi algorithm reads across the
    separator: in "الدرس: Power in the city · 12 تلميذًا" the 12 follows the Latin "city"
    (rule W7) and would be drawn at the far end of the name, away from the word it counts."""
    parts = list(parts)
    text = sep.join(parts)
    if not any(bidi_class(ch) in ("R", "AL") for ch in text):
        return text
    return ((RLM if rtl else LRM) + sep).join(parts)
