"""Drawing helpers shared by the teacher's screens: status symbols, avatars, names, dates.

A teacher scans a class grid from across the room, so every status has a colour AND a shape
(not started: an empty ring; tried: a half-filled disc; solved: a check with its stars; needs
help: a raised hand), the same everywhere the teacher looks. Dates and durations are written
the way the teacher's language writes them (Babel), never as raw ISO strings.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone

from game.progress.records import CellStatus, Outcome
from game.sim.parts import N_
from game.ui.badges import art_exists, draw_icon_shape
from game.ui.view import Painter

#: status -> (Okabe-Ito colour, icon in assets/icons, msgid of its name for the legend)
STATUS_LOOK: dict[CellStatus, tuple[str, str, str]] = {
    CellStatus.NOT_STARTED: ("ink_soft", "not_started", N_("Not started")),
    CellStatus.TRIED: ("sky_blue", "tried", N_("Tried")),
    CellStatus.SOLVED: ("green", "solved", N_("Solved")),
    CellStatus.NEEDS_HELP: ("orange", "help_needed", N_("Needs help")),
}

#: a light tint of each status for the cell behind the symbol (never the only signal)
STATUS_TINT: dict[CellStatus, tuple[int, int, int]] = {
    CellStatus.NOT_STARTED: (255, 253, 246),
    CellStatus.TRIED: (222, 240, 251),
    CellStatus.SOLVED: (214, 240, 229),
    CellStatus.NEEDS_HELP: (251, 232, 196),
}

OUTCOME_STATUS: dict[Outcome, CellStatus] = {
    Outcome.BUSY: CellStatus.TRIED,
    Outcome.SOLVED: CellStatus.SOLVED,
    Outcome.GAVE_UP: CellStatus.TRIED,
}

OUTCOME_NAMES: dict[Outcome, str] = {
    Outcome.BUSY: N_("Still busy"),
    Outcome.SOLVED: N_("Solved"),
    Outcome.GAVE_UP: N_("Stopped"),
}



def symbol_for(status: CellStatus) -> str:
    """The icon name a status is drawn with (tests check this, not just the colour)."""
    return STATUS_LOOK[status][1]


def draw_status(painter: Painter, status: CellStatus, center: tuple[float, float],
                radius: float, stars: int = 0) -> str:
    """Draw a status symbol; solved shows its stars below the check. Returns the symbol."""
    colour, icon, _name = STATUS_LOOK[status]
    cx, cy = center
    show_stars = bool(stars) and status == CellStatus.SOLVED
    if show_stars:  # a smaller check above its row of stars, both inside the cell
        radius *= 0.8
        cy -= radius * 0.42
    name = f"icons/{icon}"
    if art_exists(painter.art, name) and status == CellStatus.NEEDS_HELP:
        # the hand on an orange disc: the one status a teacher must spot from across the room
        painter.circle(colour, (cx, cy), radius * 0.9)
        painter.circle("ink", (cx, cy), radius * 0.9, 2)
        s = radius * 1.45
        painter.image(name, (cx - s / 2, cy - s / 2 - radius * 0.04, s, s))
    elif art_exists(painter.art, name):
        s = radius * 2
        painter.image(name, (cx - s / 2, cy - s / 2, s, s))
    elif status == CellStatus.NOT_STARTED:
        painter.circle("ink_soft", (cx, cy), radius * 0.62, 2.5)
    elif status == CellStatus.TRIED:
        r = radius * 0.7
        half = [(cx, cy - r)] + [(cx - r * math.sin(math.pi * i / 16), cy - r * math.cos(
            math.pi * i / 16)) for i in range(17)]
        painter.circle("white", (cx, cy), r)
        painter.polygon(colour, half)
        painter.circle("ink", (cx, cy), r, 2.5)
    elif status == CellStatus.SOLVED:
        painter.circle(colour, (cx, cy), radius * 0.8)
        painter.circle("ink", (cx, cy), radius * 0.8, 2)
        draw_icon_shape(painter, "check", (cx, cy), radius * 0.52, "white")
    else:
        _draw_hand(painter, (cx, cy), radius * 0.8, colour)
    if show_stars:
        draw_stars(painter, (cx, cy + radius * 1.32), stars, radius * 0.34)
    return icon


#: outcome -> (colour, icon): how one attempt ended, each with its own shape (a check; a
#: square "stopped" sign; an hourglass "still busy"), so the pupil page never relies on colour.
OUTCOME_LOOK: dict[Outcome, tuple[str, str]] = {
    Outcome.SOLVED: ("green", "solved"),
    Outcome.GAVE_UP: ("purple", "stopped"),
    Outcome.BUSY: ("sky_blue", "busy"),
}


def draw_outcome(painter: Painter, outcome: Outcome, center: tuple[float, float],
                 radius: float) -> str:
    """The symbol of how an attempt ended; returns its icon name (tests check it)."""
    if outcome == Outcome.SOLVED:
        draw_status(painter, CellStatus.SOLVED, center, radius)
        return OUTCOME_LOOK[outcome][1]
    colour, icon = OUTCOME_LOOK[outcome]
    cx, cy = center
    name = f"icons/{icon}"
    if art_exists(painter.art, name):
        s = radius * 2
        painter.image(name, (cx - s / 2, cy - s / 2, s, s))
        return icon
    painter.circle(colour, center, radius * 0.85)
    painter.circle("ink", center, radius * 0.85, 2)
    if outcome == Outcome.GAVE_UP:  # a white square: stopped
        h = radius * 0.8
        painter.rect("white", (cx - h / 2, cy - h / 2, h, h), 2)
    else:  # an hourglass: still busy
        r = radius * 0.45
        painter.polygon("white", [(cx - r, cy - r), (cx + r, cy - r), (cx - r, cy + r),
                                  (cx + r, cy + r)])
    return icon


def _draw_hand(painter: Painter, center: tuple[float, float], r: float, colour: str) -> None:
    """A raised hand in an orange disc: "I need help" in any classroom."""
    cx, cy = center
    painter.circle(colour, center, r)
    painter.circle("ink", center, r, 2)
    w = r * 0.17
    palm = (cx - r * 0.36, cy - r * 0.05, r * 0.72, r * 0.62)
    for i, h in enumerate((0.5, 0.66, 0.62, 0.48)):
        x = cx - r * 0.36 + i * r * 0.19
        painter.rect("white", (x, cy - r * h, w, r * h), w / 2)
    painter.rect("white", palm, r * 0.2)
    painter.line("white", (cx + r * 0.3, cy + r * 0.05), (cx + r * 0.55, cy - r * 0.22), w)


def draw_stars(painter: Painter, center: tuple[float, float], count: int, r: float,
               total: int = 3) -> None:
    """``count`` filled stars of ``total`` in a row (the missing ones as small dots)."""
    cx, cy = center
    gap = r * 2.2
    x0 = cx - gap * (total - 1) / 2
    for i in range(total):
        c = (x0 + i * gap, cy)
        if i < count:
            pts = []
            for k in range(10):
                a = -math.pi / 2 + k * math.pi / 5
                rr = r if k % 2 == 0 else r * 0.48
                pts.append((c[0] + rr * math.cos(a), c[1] + rr * math.sin(a)))
            painter.polygon("yellow", pts)
            painter.polygon("ink", pts, max(1.0, r * 0.2))
        else:
            painter.circle("tile_edge", c, max(1.5, r * 0.35))


def draw_arrow(painter: Painter, rect, direction: str, enabled: bool = True) -> None:
    """A plain triangle on a scroll button ("up", "down", "left", "right"): the font's own
    arrows are missing in some fonts, a drawn one never is."""
    x, y, w, h = rect
    cx, cy = x + w / 2, y + h / 2
    s = min(w, h) * 0.22
    pts = {"up": [(cx - s, cy + s * 0.6), (cx + s, cy + s * 0.6), (cx, cy - s * 0.8)],
           "down": [(cx - s, cy - s * 0.6), (cx + s, cy - s * 0.6), (cx, cy + s * 0.8)],
           "left": [(cx + s * 0.6, cy - s), (cx + s * 0.6, cy + s), (cx - s * 0.8, cy)],
           "right": [(cx - s * 0.6, cy - s), (cx - s * 0.6, cy + s), (cx + s * 0.8, cy)]}
    painter.polygon("ink" if enabled else "ink_soft", pts[direction])


def _local(moment: datetime) -> datetime:
    """A stored time on this PC's clock, naive, so Babel prints it as it is. Stores keep UTC;
    SQLite hands it back without a zone, so a naive time is read as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone().replace(tzinfo=None)


def format_when(moment: datetime | None, lang: str, today: datetime | None = None,
                short: bool = False) -> str:
    """"14:05" today, else a date and time in the teacher's language (short: "21 nov. 14:05"
    for narrow table columns)."""
    if moment is None:
        return "–"
    from babel.dates import format_date, format_skeleton, format_time

    local = _local(moment)
    day = _local(today).date() if today is not None else None
    time_part = format_time(local, format="short", locale=lang)
    if day is not None and local.date() == day:
        return time_part
    if short:
        return f"{format_skeleton('MMMd', local, locale=lang)} {time_part}"
    return f"{format_date(local, format='medium', locale=lang)} {time_part}"


def format_clock(moment: datetime, lang: str) -> str:
    from babel.dates import format_time

    return format_time(_local(moment), format="short", locale=lang)


def format_duration(seconds: float, lang: str, short: bool = False) -> str:
    """Time on task the way people say it ("12 minutes", "1 hour 5 minutes"; short: "1 hr
    5 min" for narrow columns)."""
    from datetime import timedelta

    from babel.dates import format_timedelta

    style = "short" if short else "long"

    def part(delta: timedelta, unit: str) -> str:
        return format_timedelta(delta, threshold=1000, locale=lang, granularity=unit,
                                format=style)

    seconds = max(0.0, seconds)
    if seconds < 60:
        return part(timedelta(seconds=round(seconds)), "second")
    minutes = round(seconds / 60)
    if minutes < 60:
        return part(timedelta(minutes=minutes), "minute")
    hours, rest = divmod(minutes, 60)
    text = part(timedelta(hours=hours), "hour")
    if rest:
        text += " " + part(timedelta(minutes=rest), "minute")
    return text


def format_minutes(minutes: int, lang: str) -> str:
    """A short "14 min" for tight places (the stuck list)."""
    from datetime import timedelta

    from babel.dates import format_timedelta

    return format_timedelta(timedelta(minutes=max(1, minutes)), threshold=10, locale=lang,
                            granularity="minute", format="short")


def attempt_seconds(started: datetime, ended: datetime | None) -> float:
    """Time on one attempt; an attempt with no end yet counts nothing (never a guess)."""
    if ended is None:
        return 0.0
    if (started.tzinfo is None) != (ended.tzinfo is None):  # one store, mixed habits
        started, ended = started.replace(tzinfo=None), ended.replace(tzinfo=None)
    return max(0.0, (ended - started).total_seconds())
