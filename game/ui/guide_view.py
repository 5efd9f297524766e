"""Noor the guide and her speech bubble: the one voice that gives the job, hints and news.

Pupils who cannot read yet still read her face (happy, thinking, oops, cheer), so every
message comes with a mood, and can hear her: every screen that shows her words has a speaker
button (:func:`speaker_button`) that reads them aloud.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from game.ui.badges import art_exists
from game.ui.view import Painter
from game.ui.widgets import Button

MOODS = ("happy", "thinking", "oops", "cheer")


def draw_guide(painter: Painter, mood: str, rect: tuple[float, float, float, float],
               bob: float = 0.0) -> None:
    """The guide in ``rect`` (kept at the art's 4:5 shape, standing on its bottom edge)."""
    x, y, w, h = rect
    gw = min(w, h * 0.8)
    gh = gw / 0.8
    r = (x + (w - gw) / 2, y + h - gh + bob, gw, gh)
    name = f"guide/guide_{mood if mood in MOODS else 'happy'}"
    if art_exists(painter.art, name):
        painter.image(name, r)
        return
    cx, cy = r[0] + gw / 2, r[1] + gh * 0.45  # a stand-in face until the art is there
    painter.circle("cream", (cx, cy), gw * 0.4)
    painter.circle("ink", (cx, cy), gw * 0.4, 3)
    painter.circle("ink", (cx - gw * 0.13, cy - gw * 0.05), gw * 0.05)
    painter.circle("ink", (cx + gw * 0.13, cy - gw * 0.05), gw * 0.05)


def draw_bubble(painter: Painter, rect: pygame.Rect | tuple, title: str, text: str,
                tail: tuple[float, float] | None = None, fill: str = "paper",
                text_size: int = 22, max_height: float = 0) -> pygame.Rect:
    """A speech bubble with a bold title (wrapped when longer than a line) and a wrapped
    message under it.

    The message wraps at its own size; a long one (a long language, the biggest text size)
    gets smaller letters down to MIN_BODY, and if it still does not fit the bubble grows
    downwards, up to ``max_height``, rather than spill out. Returns the bubble's rect."""
    from game.ui.textfit import MIN_BODY

    r = pygame.Rect(rect)
    # a long title (a long language, the biggest text size) wraps onto a second line
    title_h = painter.measure(title, TITLE_SIZE, bold=True, wrap=r.width - 40)[1] if title else 0
    room = r.height - 14 - title_h
    fit = painter.fit(text, r.width - 40, room, text_size, MIN_BODY)
    if not fit.fits and max_height > r.height:
        r.height = min(round(max_height), r.height + round(fit.height - room) + 4)
    painter.panel(r, fill=fill, radius=20, shadow=4)
    if tail is not None:  # a small triangle pointing at the speaker's mouth
        tx, ty = tail
        base_y = min(max(ty, r.top + 18), r.bottom - 18)
        painter.polygon(fill, [(r.left + 2, base_y - 12), (tx, ty), (r.left + 2, base_y + 12)])
        painter.line("ink", (r.left, base_y - 13), (tx, ty), 3)
        painter.line("ink", (tx, ty), (r.left, base_y + 13), 3)
    y = r.top + 8
    if title:
        tr = painter.text(title, (r.left + 20, y), TITLE_SIZE, bold=True, wrap=r.width - 40)
        y = tr.bottom
    painter.text_box(text, (r.left + 20, y, r.width - 40, r.bottom - 6 - y), text_size, "ink",
                     align="topleft", min_size=MIN_BODY)
    return r


TITLE_SIZE = 23


def speaker_button(ctx: Any, rect: pygame.Rect | tuple, text: Callable[[], str]) -> Button | None:
    """A speaker button that reads ``text()`` aloud (asked at the click, so it is always what
    the screen says now, in the language of now); None where the game cannot speak (no
    espeak-ng): the screen then simply has no speaker."""
    from game.speech import speech_available

    if not speech_available(ctx):
        return None

    def speak() -> None:
        ctx.speech.say(text())

    return Button(pygame.Rect(rect), speak, icon="icons/speaker", fill="cream",
                  # TRANSLATORS: tooltip of the speaker button that reads the instructions aloud
                  tooltip=ctx.gettext("Read aloud"))


def refresh_speaker(button: Button | None, ctx: Any) -> None:
    """Before drawing: grey once speech has stopped working, yellow while Noor speaks, and
    the tooltip in the language of now."""
    if button is None:
        return
    from game.speech import speech_available

    button.enabled = speech_available(ctx)
    button.fill = "yellow" if button.enabled and ctx.speech.speaking else "cream"
    button.tooltip = ctx.gettext("Read aloud")
