"""The measuring probe: a meter the pupil holds to any part of the board.

It shows what flows there in the tick on screen, read from the simulation's own readings
(``TickState.meter``, written by each medium as it steps): energy blocks for power, drops for
water. The picture is readable without words (filled blocks: what flows; hollow ones: what a
consumer needs but does not get; red drops: water spilling out); one short line says the same
for the tooltip and for reading aloud.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.sim.catalogue import CATALOGUE
from game.sim.meter import Reading
from game.sim.parts import N_, Medium
from game.ui.badges import art_exists
from game.ui.view import Painter

#: the probe's button
TOOLTIP = N_("Measure: hold the meter to a part")
#: before a run there is nothing to measure
BEFORE_RUN = N_("Press Test, then measure here.")
NOTHING = N_("Nothing flows here.")
NO_PART = N_("There is no part here to measure.")
#: the most blocks or drops drawn one by one; more are drawn as a number beside one
MAX_PICTURES = 8
BLOCK = 26


def medium_at(kind: str | None) -> Medium | None:
    """What a part carries (power, water), or None (a bed, an empty cell)."""
    if kind is None or kind not in CATALOGUE:
        return None
    medium = CATALOGUE[kind].medium
    return medium if medium in (Medium.POWER, Medium.WATER) else None


def _n(value: float) -> int:
    return round(value)


def probe_line(reading: Reading | None, medium: Medium | None, ran: bool,
               gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str],
               part: bool = True) -> str:
    """The meter's one line: what flows here (a consumer: what it needs and gets; a leak:
    what spills). ``part``: there is a part in the cell (a bed carries nothing)."""
    if not part:
        return gettext(NO_PART)
    if medium is None:
        return gettext(NOTHING)
    if not ran:
        return gettext(BEFORE_RUN)
    if reading is None or (reading.amount <= 0 and reading.need is None and not reading.lost):
        return gettext(NOTHING)
    n = _n(reading.amount)
    if reading.lost:
        lost = _n(reading.lost)
        # TRANSLATORS: the measuring probe at a leak: {n} is a whole number of water units
        return ngettext("{n} water spills out here each moment.",
                        "{n} water spills out here each moment.", lost).format(n=lost)
    if reading.need is not None and reading.need > 0:
        need = _n(reading.need)
        if medium == Medium.POWER:
            # TRANSLATORS: the measuring probe on a house or lamp: {need} and {got} are numbers
            text = ngettext("It needs {need} energy block and gets {got}.",
                            "It needs {need} energy blocks and gets {got}.", need)
        else:
            # TRANSLATORS: the measuring probe on a sprinkler: {need} and {got} are numbers
            text = ngettext("It needs {need} water and gets {got}.",
                            "It needs {need} water and gets {got}.", need)
        return text.format(need=need, got=n)
    if medium == Medium.POWER:
        # TRANSLATORS: the measuring probe on a wire or source: {n} is a number of energy blocks
        return ngettext("{n} energy block flows here each moment.",
                        "{n} energy blocks flow here each moment.", n).format(n=n)
    # TRANSLATORS: the measuring probe on a pipe or tap: {n} is a number of water units
    return ngettext("{n} water flows here each moment.",
                    "{n} water flows here each moment.", n).format(n=n)


def _unit(painter: Painter, medium: Medium, r: pygame.Rect, filled: bool, lost: bool) -> None:
    """One energy block (a yellow square with a bolt) or one drop (blue; red when spilt);
    hollow when it is needed but missing."""
    if medium == Medium.POWER:
        colour, icon, radius = "yellow", "icons/bolt", 6
    else:
        colour, icon, radius = ("vermillion" if lost else "sky_blue"), "icons/drop", r.width // 2
    if filled:
        painter.rect(colour, r, radius)
        if art_exists(painter.art, icon):
            painter.image(icon, r.inflate(-6, -6))
    painter.rect("ink", r, radius, 2 if filled else 3)


def meter_size(reading: Reading | None, ran: bool) -> int:
    """How many pictures wide the meter is (at least one)."""
    if reading is None or not ran:
        return 1
    shown = max(_n(reading.amount), _n(reading.need or 0)) + _n(reading.lost)
    return max(1, min(MAX_PICTURES, shown))


def draw_meter(painter: Painter, anchor: pygame.Rect, reading: Reading | None,
               medium: Medium | None, ran: bool, line: str) -> pygame.Rect:
    """The meter over the measured cell (``anchor``, logical): a row of blocks or drops,
    then its line. Returns the rect it took."""
    count = meter_size(reading, ran)
    row_w = count * (BLOCK + 6) - 6 + 56
    wrap = max(row_w, 300)
    tw, th = painter.measure(line, 20, wrap=wrap - 24)
    w = max(row_w, tw) + 24
    h = 12 + BLOCK + 10 + th + 12
    x = min(max(8, anchor.centerx - w / 2), 1272 - w)
    above = anchor.top - h - 12 >= 8
    y = anchor.top - h - 12 if above else min(anchor.bottom + 12, 712 - h)
    painter.panel((x, y, w, h), fill="cream", radius=12, shadow=3)
    edge, point = (y + h - 2, anchor.top + 4) if above else (y + 2, anchor.bottom - 4)
    painter.polygon("cream", [(anchor.centerx - 10, edge), (anchor.centerx, point),
                              (anchor.centerx + 10, edge)])
    # the meter's dial: a ring with a needle, the same picture as the probe's button
    dial = pygame.Rect(round(x + 12), round(y + 12), BLOCK, BLOCK)
    painter.circle("paper", dial.center, BLOCK / 2)
    painter.circle("ink", dial.center, BLOCK / 2, 2)
    painter.line("vermillion", dial.center, (dial.centerx + 8, dial.top + 6), 3)
    bx = x + 12 + BLOCK + 18
    if medium is not None and ran and reading is not None:
        amount, need, lost = _n(reading.amount), _n(reading.need or 0), _n(reading.lost)
        units = [(True, False)] * amount + [(False, False)] * max(0, need - amount)
        units += [(True, True)] * lost
        if len(units) > MAX_PICTURES:  # many: one picture and the number
            _unit(painter, medium, pygame.Rect(round(bx), round(y + 12), BLOCK, BLOCK), True,
                  False)
            painter.text(str(amount), (bx + BLOCK + 8, y + 12 + BLOCK / 2), 24, bold=True,
                         align="midleft")
        for i, (filled, spilt) in enumerate(units if len(units) <= MAX_PICTURES else ()):
            _unit(painter, medium, pygame.Rect(round(bx + i * (BLOCK + 6)), round(y + 12),
                                               BLOCK, BLOCK), filled, spilt)
        if not units:  # nothing flows: one hollow block, a zero the eye can read
            _unit(painter, medium, pygame.Rect(round(bx), round(y + 12), BLOCK, BLOCK), False,
                  False)
    painter.text_box(line, (x + 12, y + 12 + BLOCK + 10, w - 24, th + 2), 20, align="topleft",
                     min_size=16)
    return pygame.Rect(round(x), round(y), round(w), round(h))
