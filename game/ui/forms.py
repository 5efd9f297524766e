"""Form pieces for the classroom screens: a name field, focus that follows the arrows, pages,
avatars, and the screen furniture (header, paging arrows) every classroom screen shares.

Teachers type names with a real keyboard, so the field listens to pygame ``TEXTINPUT``
events (the App hands them to a scene's ``handle_text``); there is no on-screen keyboard.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import pygame

from game.input import Action, Intent
from game.progress.records import DEFAULT_AVATARS, is_avatar
from game.ui.badges import art_exists
from game.ui.fonts import is_rtl_text
from game.ui.theme import readable
from game.ui.view import Painter
from game.ui.widgets import Button, ButtonRow, draw_focus, draw_tooltip

NAME_MAX = 20  # characters: a nickname or first name, nothing more
PIN_MAX = 12

#: The avatar set, used until (or if) ``assets/avatars`` holds no drawings: DEFAULT_AVATARS
#: (game.progress.records, where the store checks every avatar against the game's list).
AVATAR_COLOURS = ("blue", "green", "orange", "purple", "sky_blue", "vermillion")


def avatar_names(art) -> list[str]:
    """The drawn avatars in ``assets/avatars`` (sorted), else the default names."""
    root = getattr(art, "root", None)
    if root is not None:
        found = sorted(p.stem for p in (Path(root) / "avatars").glob("*.svg"))
        if found:
            return found
    return list(DEFAULT_AVATARS)


def draw_avatar(painter: Painter, avatar: str, name: str, rect, alpha: int = 255) -> None:
    """A pupil's drawn avatar (``alpha`` below 255: faded, as one taken by a classmate);
    until the art is there, a coloured disc with the initial. Only an avatar of the game's
    own list is looked up as a picture (never a path such as ``../../evil``)."""
    x, y, w, h = rect
    art = f"avatars/{avatar}"
    if is_avatar(avatar) and art_exists(painter.art, art):
        painter.image(art, rect, alpha=alpha)
        return
    r = min(w, h) / 2
    letters, colour = readable("white", AVATAR_COLOURS[sum(map(ord, avatar or name))
                                                       % len(AVATAR_COLOURS)])
    painter.circle(colour, (x + w / 2, y + h / 2), r)
    painter.circle("ink", (x + w / 2, y + h / 2), r, 3)
    initial = next((ch for ch in name if ch.isalnum()), "?")  # not a mark or a space
    painter.text(initial.upper(), (x + w / 2, y + h / 2), r * 1.1, letters,
                 bold=True, align="center")


def draw_avatar_row(painter: Painter, row: FocusRow, chosen: str,
                    taken: frozenset[str] = frozenset()) -> None:
    """The buttons of a form whose keys ``avatar:<name>`` are avatars to choose from (a
    pupil's, a child's profile): the ``chosen`` one ringed yellow with a check, ones a
    classmate has (``taken``) faded; the other keys are drawn as the buttons they are."""
    for k, key in enumerate(row.keys):
        b = row.buttons[k]
        focused, hovered, pressed = k == row.focus, k == row.hover, k == row.pressed
        if not key.startswith("avatar:"):
            b.draw(painter, focused=focused, hovered=hovered, pressed=pressed)
            continue
        name = key.split(":", 1)[1]
        r = b.rect.move(0, 2 if pressed else 0)
        if focused:
            draw_focus(painter, r, 50)
        mine = name == chosen
        if mine:
            painter.circle("yellow", r.center, r.width / 2 + 4)
            painter.circle("ink", r.center, r.width / 2 + 4, 3)
        elif hovered:
            painter.circle((255, 255, 255, 160), r.center, r.width / 2 + 2)
        draw_avatar(painter, name, name, r.inflate(-10, -10),
                    alpha=90 if name in taken and not mine else 255)
        if mine:
            painter.circle("green", (r.right - 12, r.y + 12), 16)
            painter.image("icons/check", (r.right - 26, r.y - 2, 28, 28))


def icon(painter_or_art, *names: str) -> str:
    """The first of ``names`` that is drawn (the last as a fallback): new icons arrive later."""
    art = getattr(painter_or_art, "art", painter_or_art)
    exists = getattr(art, "exists", None)
    for name in names:
        if exists is None or exists(name):
            return name
    return names[-1]


def clean_text(text: str, limit: int = NAME_MAX) -> str:
    """Printable characters only, single spaces, at most ``limit`` characters."""
    kept = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return " ".join(kept.split())[:limit]


def fit(painter: Painter, text: str, width: float, size: float, bold: bool = True,
        smallest: float = 16) -> tuple[str, float]:
    """Shrink ``text`` to ``width`` (not below ``smallest``), then shorten it with "…".

    Names are how a teacher finds a child: they may get smaller but never lose their start.
    """
    s = size
    while s > smallest and painter.measure(text, s, bold)[0] > width:
        s -= 1
    if painter.measure(text, s, bold)[0] <= width:
        return text, s
    cut = text
    while len(cut) > 1 and painter.measure(cut + "…", s, bold)[0] > width:
        cut = cut[:-1]
    return cut.rstrip() + "…", s


class TextField:
    """One line of text typed on the keyboard; every character typed in its scene lands here.

    A classroom screen has at most one field, so there is no field focus to manage: typing
    always goes into it and Backspace (the REMOVE intent) takes the last character away.
    """

    def __init__(self, rect: pygame.Rect, text: str = "", limit: int = NAME_MAX,
                 placeholder: str = "") -> None:
        self.rect = rect
        self.text = clean_text(text, limit)
        self.limit = limit
        self.placeholder = placeholder
        self.t = 0.0

    def type(self, text: str) -> bool:
        before = self.text
        joined = before + "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
        self.text = joined.lstrip()[: self.limit]
        return self.text != before

    def backspace(self) -> None:
        self.text = self.text[:-1]

    @property
    def value(self) -> str:
        return clean_text(self.text, self.limit)

    def update(self, dt: float) -> None:
        self.t += dt

    def draw(self, painter: Painter, size: int = 30) -> None:
        r = self.rect
        painter.rect("white", r, 14)
        painter.rect("blue", r, 14, 4)
        shown = self.text or self.placeholder
        colour = "ink" if self.text else "ink_soft"
        count = f"{len(self.text)}/{self.limit}"
        # the text ends before the count in the corner (it is as tall as the field at a big size)
        room = r.width - 18 - painter.measure(count, 16)[0] - 20
        text, s = fit(painter, shown, room, size, bold=bool(self.text))
        drawn = painter.text(text, (r.x + 18, r.centery), s, colour, bold=bool(self.text),
                             align="midleft")
        if math.sin(self.t * math.tau) > -0.3:  # a caret blinking once a second
            cx = drawn.right + 3 if self.text else r.x + 18
            if painter.mirror and self.text and not is_rtl_text(text):
                cx = drawn.x - 3  # a Latin name in a mirrored field ends at its right
            painter.line("ink", (cx, r.centery - s * 0.6), (cx, r.centery + s * 0.6), 3)
        painter.text(count, (r.right - 12, r.bottom - 4), 16, "ink_soft", align="bottomright")


class FieldEntry:
    """Typing and keys of a screen with one text field (``field``): what is typed goes in, the
    erase key takes a letter back, Enter with no button focused does the screen's job
    (``submit``), Back leaves (``leave``: off the stack unless the screen says otherwise); the
    rest goes to ``row``."""

    field: TextField
    row: ButtonRow
    ctx: object
    submit: Callable[[], None]

    def leave(self) -> None:
        self.ctx.stack.pop()  # type: ignore[attr-defined]

    def handle_text(self, text: str) -> bool:
        self.field.type(text)
        return True

    def handle_field(self, action: Action) -> bool | None:
        """True when ``action`` was one of the field's keys (handled), else None."""
        it = action.intent
        if it == Intent.BACK:
            self.leave()
            return True
        if it == Intent.REMOVE:
            self.field.backspace()
            return True
        if it == Intent.SELECT and self.row.focus is None:
            self.submit()
            return True
        return None

    def handle(self, action: Action) -> bool:
        handled = self.handle_field(action)
        return handled if handled is not None else self.row.handle(action)


class DigitEntry:
    """Typing and keys of a screen with a number pad (the teacher's PIN, the grown-ups'
    question): digits typed in any script go in (٣ is 3), Enter opens once typing took the
    focus off the pad, Backspace takes the last digit off, Back leaves; the rest moves over
    the pad. A screen using it has ``row``, ``digits`` (typed so far), ``_build`` (lays the
    pad out again), ``add``, ``submit`` and ``back``."""

    #: what the screen leaves to the game itself (stop, full screen, sound ...)
    PASSED: tuple[Intent, ...] = (Intent.QUIT, Intent.FULLSCREEN, Intent.MUTE)
    row: ButtonRow
    digits: str
    _build: Callable[[], None]
    add: Callable[[str], None]
    submit: Callable[[], None]
    back: Callable[[], None]

    def backspace(self) -> None:
        self.digits = self.digits[:-1]
        self._build()

    def handle_text(self, text: str) -> bool:
        for ch in text:
            if ch.isdecimal():
                self.row.focus = None  # typing: Enter means "open", not "press this key"
                self.add(str(unicodedata.decimal(ch)))
        return True

    def handle(self, action: Action) -> bool:
        it = action.intent
        if it == Intent.BACK:
            self.back()
            return True
        if it == Intent.REMOVE:
            self.backspace()
            return True
        if it == Intent.SELECT and self.row.focus is None:
            self.submit()
            return True
        if it in self.PASSED:
            return False
        self.row.handle(action)
        return True


class FocusRow(ButtonRow):
    """Buttons with keys: focus survives a rebuild, and the arrows move to the nearest button
    in their direction (a grid of tiles feels like a grid), Tab walks them in order."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[str] = []

    def set(self, items: Sequence[tuple[str, Button]], focus: str | None = None) -> None:
        keep = self.focused_key() if focus is None else focus
        self.keys = [k for k, _b in items]
        self.buttons = [b for _k, b in items]
        self.focus = self.keys.index(keep) if keep in self.keys else None
        if self.focus is not None and not self.buttons[self.focus].enabled:
            self.focus = None
        self.hover = self.pressed = None

    def focused_key(self) -> str | None:
        if self.focus is None or self.focus >= len(self.keys):
            return None
        return self.keys[self.focus]

    def button(self, key: str) -> Button | None:
        return self.buttons[self.keys.index(key)] if key in self.keys else None

    def focus_on(self, key: str | None) -> None:
        self.focus = self.keys.index(key) if key in self.keys else None

    def _nearest(self, dx: int, dy: int) -> int | None:
        if self.focus is None:
            return None
        here = self.buttons[self.focus].rect.center
        best, best_score = None, math.inf
        for i, b in enumerate(self.buttons):
            if i == self.focus or not b.enabled:
                continue
            vx, vy = b.rect.centerx - here[0], b.rect.centery - here[1]
            along = vx * dx + vy * dy
            if along <= 0:
                continue
            score = along + 2 * abs(vx * dy - vy * dx)
            if score < best_score:
                best, best_score = i, score
        return best

    def handle(self, action: Action) -> bool:
        moves = {Intent.LEFT: (-1, 0), Intent.RIGHT: (1, 0), Intent.UP: (0, -1),
                 Intent.DOWN: (0, 1)}
        if action.intent in moves:
            if self.focus is None:
                self.move_focus(1)
            else:
                nxt = self._nearest(*moves[action.intent])
                if nxt is not None:
                    self.focus = nxt
            return True
        return super().handle(action)

    def draw(self, painter: Painter) -> None:
        for i, b in enumerate(self.buttons):
            b.draw(painter, focused=i == self.focus, hovered=i == self.hover,
                   pressed=i == self.pressed)
        shown = self.focus if self.focus is not None else self.hover
        if shown is not None and shown < len(self.buttons) and self.buttons[shown].tooltip:
            draw_tooltip(painter, self.buttons[shown])


class Pages:
    """Which slice of a long list is on screen."""

    def __init__(self, per_page: int) -> None:
        self.per_page = max(1, per_page)
        self.page = 0

    def count(self, total: int) -> int:
        return max(1, math.ceil(total / self.per_page))

    def clamp(self, total: int) -> None:
        self.page = max(0, min(self.page, self.count(total) - 1))

    def show(self, index: int) -> None:
        self.page = index // self.per_page

    def slice(self, total: int) -> range:
        self.clamp(total)
        start = self.page * self.per_page
        return range(start, min(total, start + self.per_page))

    def turn(self, step: int, total: int) -> None:
        self.page = (self.page + step) % self.count(total)


def page_buttons(prefix: str, pages: Pages, total: int, left: pygame.Rect,
                 on_turn: Callable[[int], None]) -> list[tuple[str, Button]]:
    """Previous/next page buttons side by side (only when there is more than one page)."""
    if pages.count(total) <= 1:
        return []
    return [
        (f"{prefix}:prev", Button(left.copy(), lambda: on_turn(-1), label="‹", text_size=40)),
        (f"{prefix}:next", Button(left.move(left.width + 12, 0), lambda: on_turn(1), label="›",
                                  text_size=40)),
    ]


def draw_page_count(painter: Painter, pages: Pages, total: int, pos: tuple[float, float],
                    align: str = "center") -> None:
    if pages.count(total) > 1:
        painter.text(f"{pages.page + 1} / {pages.count(total)}", pos, 22, "ink_soft",
                     bold=True, align=align)


def draw_backdrop(painter: Painter, teacher: bool = False) -> None:
    """The calm backdrop of the classroom screens: the title picture, faded."""
    painter.rect("cream" if teacher else "sky", (0, 0, 1280, 720))
    painter.image("ui/title", (0, 0, 1280, 720), alpha=60 if teacher else 110)


def draw_heading(painter: Painter, title: str, subtitle: str = "", x: float = 128,
                 icon_name: str | None = None, max_width: float = 860) -> pygame.Rect:
    """A rounded title plate at the top left, beside the back button."""
    text, size = fit(painter, title, max_width, 36)
    tw, th = painter.measure_letters(text, size, bold=True)
    iw = 52 if icon_name else 0
    h = max(72, round(th + 14))  # tall letters (Arabic at the biggest size) get a taller plate
    rect = pygame.Rect(x, 28, tw + 56 + iw, h)
    painter.panel(rect, fill="paper", radius=36)
    if icon_name:
        painter.image(icon_name, (x + 22, 28 + h / 2 - 26, 52, 52))
    painter.text_box(text, (x + 28 + iw, 28, tw + 4, h), size, bold=True, align="midleft",
                     min_size=size)
    if subtitle:
        painter.text(subtitle, (x + 8, rect.bottom + 12), 22, "ink_soft", bold=True,
                     align="topleft")
    return rect


def draw_empty(painter: Painter, rect: pygame.Rect, text: str, art: str | None = None) -> None:
    """A friendly note where a list is still empty."""
    painter.panel(rect, fill="paper", radius=24, shadow=3)
    pic = 120 if art else 0
    if art:
        painter.image(art, (rect.x + 24, rect.centery - 60, 120, 120))
    painter.text(text, (rect.x + 40 + pic + (rect.width - pic - 40) / 2, rect.centery), 26,
                 bold=True, align="center", wrap=rect.width - pic - 80)


def focus_ring(painter: Painter, rect, radius: float = 16) -> None:
    draw_focus(painter, rect, radius)
