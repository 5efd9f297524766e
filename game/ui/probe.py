"""The measuring probe: a meter the pupil holds to any part of the board.

It shows what flows there in the tick on screen, read from the simulation's own readings
(``TickState.meter``, written by each medium as it steps): energy blocks for power, drops for
water, the current (in amps) through a workbench part with a lamp's brightness, and how fast
and which way a moving part turns, whether a signal is on or off (a gate's inputs too), and how
many messages went through a cable or wait in a router. The picture is readable without words (filled blocks: what
flows; hollow ones: what a consumer needs but does not get; red drops: water spilling out; a
bolt with the current and a bar as full as the lamp is bright; a curved arrow the way a part
turns, with its speed); one short line says the same for the tooltip and for reading aloud.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.i18n import format_number, format_percent
from game.sim.catalogue import CATALOGUE
from game.sim.meter import Reading
from game.sim.parts import N_, Medium
from game.ui import signal_view
from game.ui.badges import art_exists
from game.ui.motion_view import draw_turn_arrow, speed_text
from game.ui.view import Painter

#: the probe's button
TOOLTIP = N_("Measure: hold the meter to a part")
#: before a run there is nothing to measure
BEFORE_RUN = N_("Press Test, then measure here.")
NOTHING = N_("Nothing flows here.")
NO_PART = N_("There is no part here to measure.")
#: a workbench part without current, a lamp that stays dark, a short circuit
NO_CURRENT = N_("No current flows here.")
DARK_LAMP = N_("No current flows through this lamp, so it stays dark.")
SHORTED = N_("Short circuit! Far too much current.")
#: a moving part that stands still, or whose gears block each other
STANDS_STILL = N_("This part does not turn.")
JAMMED = N_("Stuck! The gears block each other, so nothing turns.")
#: a signal part (wire, button, sensor, lamp, door lock, bell) that is on or off
SIGNAL_ON = N_("The signal here is on.")
SIGNAL_OFF = N_("The signal here is off.")
#: a gate: what comes in (two inputs, or a NOT gate's one), then what goes out; the meter says
#: the two sentences one after the other
BOTH_ON = N_("Both inputs are on.")
BOTH_OFF = N_("Both inputs are off.")
ONE_ON = N_("One input is on and one is off.")
INPUT_ON = N_("Its input is on.")
INPUT_OFF = N_("Its input is off.")
OUTPUT_ON = N_("Its output is on.")
OUTPUT_OFF = N_("Its output is off.")
#: a cable no message went into, a router with no message waiting, a computer or server (the
#: meter counts messages in cables and routers)
NO_MESSAGE = N_("No message went through this cable yet.")
NO_WAITING = N_("No message is waiting here.")
DEVICE = N_("Hold the meter to a cable or a router to count messages.")
#: the media the meter reads
MEASURED = (Medium.POWER, Medium.WATER, Medium.CIRCUIT, Medium.MOTION, Medium.SIGNAL,
            Medium.PACKETS)
#: the most blocks or drops drawn one by one; more are drawn as a number beside one
MAX_PICTURES = 8
BLOCK = 26
#: how many pictures wide the meter is on a workbench or moving part (a number and a bar)
BENCH_PICTURES = 5


def medium_at(kind: str | None) -> Medium | None:
    """What a part carries (power, water, current on the workbench, turning), or None (a
    bed, an empty cell)."""
    if kind is None or kind not in CATALOGUE:
        return None
    medium = CATALOGUE[kind].medium
    return medium if medium in MEASURED else None


def amps_text(amps: float, lang: str | None) -> str:
    """A current as the language writes a number: ``0,5`` (nl), ``0.5`` (en); at most two
    digits after the separator."""
    return format_number(round(amps, 2), lang)


def _bench_line(reading: Reading, medium: Medium, gettext: Callable[[str], str],
                lang: str | None) -> str:
    """The meter's line on a workbench part (current) or a moving part (turning)."""
    if reading.turn is not None:
        if reading.jammed:
            return gettext(JAMMED)
        if not reading.turn:
            return gettext(STANDS_STILL)
        speed = speed_text(reading.turn)
        if reading.turn > 0:
            # TRANSLATORS: the measuring probe on a gear, motor or shaft: {speed} is its speed
            # as the board shows it (a whole number or a fraction like 4/3)
            return gettext("It turns at speed {speed}, clockwise.").format(speed=speed)
        # TRANSLATORS: the measuring probe on a gear, motor or shaft: {speed} is its speed
        # as the board shows it (a whole number or a fraction like 4/3)
        return gettext("It turns at speed {speed}, anticlockwise.").format(speed=speed)
    if reading.shorted:
        return gettext(SHORTED)
    amps = reading.amps or 0.0
    if amps <= 0:
        return gettext(DARK_LAMP if reading.brightness is not None else NO_CURRENT)
    a = amps_text(amps, lang)
    if reading.brightness is not None:
        # TRANSLATORS: the measuring probe on a lamp: {amps} is the current, a number of
        # amperes (A) like 0.5; {percent} how bright it glows, like 25%
        return gettext("{amps} A flows through this lamp. It glows at {percent} of its "
                       "full light.").format(amps=a, percent=format_percent(
                           reading.brightness, lang))
    if reading.magnet is not None:
        if reading.magnet:
            # TRANSLATORS: the measuring probe on an electromagnet: {amps} is the current, a
            # number of amperes (A) like 0.5
            return gettext("{amps} A flows through the coil: it is a magnet now.").format(amps=a)
        # TRANSLATORS: the measuring probe on an electromagnet: {amps} is the current, a
        # number of amperes (A) like 0.1
        return gettext("{amps} A flows through the coil: too little for a magnet.").format(
            amps=a)
    # TRANSLATORS: the measuring probe on a wire, switch, battery or test piece: {amps} is the
    # current, a number of amperes (A) like 0.5
    return gettext("{amps} A flows through here.").format(amps=a)


def _signal_line(reading: Reading | None, gettext: Callable[[str], str]) -> str:
    """The meter's line on a signal part: on or off; on a gate its inputs, then its output."""
    on = bool(reading is not None and reading.signal)
    ins = reading.inputs if reading is not None else None
    if not ins:
        return gettext(SIGNAL_ON if on else SIGNAL_OFF)
    if len(ins) == 1:
        inputs = INPUT_ON if ins[0] else INPUT_OFF
    elif all(ins):
        inputs = BOTH_ON
    elif any(ins):
        inputs = ONE_ON
    else:
        inputs = BOTH_OFF
    return f"{gettext(inputs)} {gettext(OUTPUT_ON if on else OUTPUT_OFF)}"


def _packets_line(reading: Reading | None, gettext: Callable[[str], str],
                  ngettext: Callable[[str, str, int], str]) -> str:
    """The meter's line on a message part: how many went through a cable so far, or wait in
    a router now."""
    if reading is None or reading.packets is None:
        return gettext(DEVICE)
    n = reading.packets
    if reading.waiting:
        if not n:
            return gettext(NO_WAITING)
        # TRANSLATORS: the measuring probe on a router: {n} is a whole number of messages
        return ngettext("{n} message is waiting here.", "{n} messages are waiting here.",
                        n).format(n=n)
    if not n:
        return gettext(NO_MESSAGE)
    # TRANSLATORS: the measuring probe on a cable: {n} is a whole number of messages
    return ngettext("{n} message went through this cable so far.",
                    "{n} messages went through this cable so far.", n).format(n=n)


def _n(value: float) -> int:
    return round(value)


def probe_line(reading: Reading | None, medium: Medium | None, ran: bool,
               gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str],
               part: bool = True, lang: str | None = None) -> str:
    """The meter's one line: what flows here (a consumer: what it needs and gets; a leak:
    what spills; a workbench part: the current; a moving part: how it turns). ``part``: there
    is a part in the cell (a bed carries nothing); ``lang`` writes the numbers."""
    if not part:
        return gettext(NO_PART)
    if medium is None:
        return gettext(NOTHING)
    if not ran:
        return gettext(BEFORE_RUN)
    if medium == Medium.SIGNAL:
        return _signal_line(reading, gettext)
    if medium == Medium.PACKETS:
        return _packets_line(reading, gettext, ngettext)
    if medium in (Medium.CIRCUIT, Medium.MOTION):
        if reading is None:  # a part no loop or train reaches (steel scrap)
            return gettext(NO_CURRENT if medium == Medium.CIRCUIT else STANDS_STILL)
        return _bench_line(reading, medium, gettext, lang)
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
    if reading.amps is not None or reading.turn is not None:
        return BENCH_PICTURES
    if reading.signal is not None:  # a gate: its inputs, an arrow and its output
        return len(reading.inputs) + 2 if reading.inputs else 1
    if reading.packets is not None:  # an envelope and the number
        return 3
    shown = max(_n(reading.amount), _n(reading.need or 0)) + _n(reading.lost)
    return max(1, min(MAX_PICTURES, shown))


def _bench_picture(painter: Painter, reading: Reading, row: pygame.Rect,
                   lang: str | None) -> None:
    """A workbench part: a bolt (hollow without current) and the current in amps, then a bar
    as full as a lamp is bright. A moving part: a curved arrow the way it turns (none when it
    stands still, a red cross when it is stuck) and its speed."""
    box = pygame.Rect(row.x, row.y, BLOCK, BLOCK)
    if reading.turn is not None:
        painter.circle("paper", box.center, BLOCK / 2)
        if reading.jammed:
            painter.line("vermillion", box.topleft, box.bottomright, 4)
            painter.line("vermillion", box.bottomleft, box.topright, 4)
        elif reading.turn:
            r = painter.view.rect(box)
            draw_turn_arrow(painter.surface, r.center, r.h * 0.38, reading.turn > 0, "yellow",
                            max(2, round(r.h / 9)))
        else:
            painter.circle("ink", box.center, BLOCK / 2, 2)
        painter.text(speed_text(reading.turn), (box.right + 8, box.centery), 24, bold=True,
                     align="midleft")
        return
    amps = reading.amps or 0.0
    _unit(painter, Medium.POWER, box, amps > 0, False)
    painter.text(f"{amps_text(amps, lang)} A", (box.right + 8, box.centery), 24, bold=True,
                 align="midleft")
    if reading.brightness is not None:  # the lamp's light: a bar as full as it is bright
        bar = pygame.Rect(row.right - 2 * BLOCK, row.y + 4, 2 * BLOCK, BLOCK - 8)
        painter.rect("paper", bar, 6)
        if reading.brightness > 0:
            lit = bar.copy()
            lit.width = max(6, round(bar.width * reading.brightness))
            painter.rect("yellow", lit, 6)
        painter.rect("ink", bar, 6, 2)


def _signal_picture(painter: Painter, reading: Reading, at: tuple[float, float]) -> None:
    """A signal: a lit yellow circle when on, a dark ring when off (as the truth table draws
    them); a gate: its inputs, an arrow, then its output."""
    x, y = at
    states = [*(reading.inputs or ()), bool(reading.signal)]
    for i, on in enumerate(states):
        if reading.inputs and i == len(states) - 1:  # the arrow before the gate's output
            signal_view._arrow(painter, (round(x + BLOCK / 2), round(y + BLOCK / 2)), BLOCK * 2)
            x += BLOCK + 6
        signal_view._dot(painter, (round(x + BLOCK / 2), round(y + BLOCK / 2)), BLOCK * 0.42, on)
        x += BLOCK + 6


def _packets_picture(painter: Painter, reading: Reading, at: tuple[float, float]) -> None:
    """Messages: an envelope (hollow when none) and how many."""
    x, y = at
    box = pygame.Rect(round(x), round(y + 4), BLOCK + 6, BLOCK - 8)
    n = reading.packets or 0
    painter.rect("paper" if n else "cream", box, 3)
    painter.rect("ink", box, 3, 2)
    painter.line("ink", box.topleft, box.center, 2)
    painter.line("ink", box.topright, box.center, 2)
    painter.text(str(n), (box.right + 10, y + BLOCK / 2), 24, bold=True, align="midleft")


def draw_meter(painter: Painter, anchor: pygame.Rect, reading: Reading | None,
               medium: Medium | None, ran: bool, line: str,
               lang: str | None = None) -> pygame.Rect:
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
    if medium is not None and ran and reading is not None and reading.signal is not None:
        _signal_picture(painter, reading, (bx, y + 12))
    elif medium is not None and ran and reading is not None and reading.packets is not None:
        _packets_picture(painter, reading, (bx, y + 12))
    elif medium is not None and ran and reading is not None and (
            reading.amps is not None or reading.turn is not None):
        _bench_picture(painter, reading, pygame.Rect(round(bx), round(y + 12),
                                                     BENCH_PICTURES * (BLOCK + 6) - 6, BLOCK),
                       lang)
    elif medium is not None and ran and reading is not None:
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
