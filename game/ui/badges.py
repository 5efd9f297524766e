"""Status badges: a colour AND a shape, so colour-blind pupils read them too (ART.md).

The icon comes from ``assets/icons`` when the artist has drawn it; until then a simple
vector shape in code stands in, so the meaning never depends on a missing file.
"""

from __future__ import annotations

import math

from game.ui.theme import CROSSED_OUT, STATUS
from game.ui.view import Painter


def art_exists(art, name: str) -> bool:
    """Whether ``art`` has the picture ``name`` (Art remembers the answer)."""
    return bool(art is not None and art.exists(name))


def draw_badge(painter: Painter, status: str, center: tuple[float, float], radius: float) -> None:
    """A round badge for a status of :data:`game.ui.theme.STATUS` ("works", "broken",
    "attention", "leak", "unpowered", "dry", "water", "power", "off")."""
    colour, icon = STATUS[status]
    cx, cy = center
    crossed = CROSSED_OUT.get(icon)
    name = f"icons/{crossed or icon}"
    painter.circle((0, 0, 0, 60), (cx, cy + 2), radius)
    if art_exists(painter.art, name):  # the drawn icons carry their colour: a white disc, ringed
        painter.circle("white", center, radius)
        painter.circle(colour, center, radius, max(2.0, radius * 0.18))
        painter.circle("ink", center, radius + 1, 2)
        s = radius * 1.35
        # struck through: the icon faded ("there is none"), a bar across it in the ring's colour
        painter.image(name, (cx - s / 2, cy - s / 2, s, s), alpha=150 if crossed else 255)
        if crossed:
            strike(painter, colour, center, radius * 0.8)
        return
    painter.circle(colour, center, radius)
    painter.circle("white", center, radius, max(1.5, radius * 0.14))
    painter.circle("ink", center, radius + 1, 2)
    ink = "white" if status != "power" else "ink"
    draw_icon_shape(painter, crossed or icon, center, radius * 0.62, ink)
    if crossed:
        strike(painter, ink, center, radius * 0.8)


def strike(painter: Painter, colour: str, center: tuple[float, float], r: float) -> None:
    """A bar from top left to bottom right, its ends ``r`` from the centre, outlined in ink:
    the "no ..." of a road sign."""
    cx, cy = center
    d = r * 0.71
    a, b = (cx - d, cy - d), (cx + d, cy + d)
    w = max(2.5, r * 0.2)
    for value, width in (("ink", w + 2.5), (colour, w)):
        h = width / 2 * 0.71  # half the bar's width, along x and y (the bar runs at 45 degrees)
        painter.polygon(value, [(a[0] + h, a[1] - h), (b[0] + h, b[1] - h), (b[0] - h, b[1] + h),
                                (a[0] - h, a[1] + h)])
        painter.circle(value, a, width / 2)
        painter.circle(value, b, width / 2)


def draw_part_picture(painter: Painter, kind: str, rect, rotation: int = 0,
                      alpha: int = 255) -> None:
    """A part as a picture outside the board (palette, question, ghosts): the wind turbine's
    rotor is separate art on the board, so it is added here or the turbine has no blades."""
    name = f"parts/{kind}"
    if not art_exists(painter.art, name):
        return
    painter.image(name, rect, rotation, alpha=alpha)
    if kind == "wind_turbine" and art_exists(painter.art, "parts/wind_turbine_rotor"):
        painter.image("parts/wind_turbine_rotor", rect, 0, alpha=alpha)


def draw_icon_shape(painter: Painter, icon: str, center: tuple[float, float], r: float,
                    colour: str = "white") -> None:
    """The vector stand-in for an icon: check, cross, attention, drop, bolt."""
    cx, cy = center
    w = max(2.0, r * 0.38)
    if icon == "check":
        painter.line(colour, (cx - r * 0.8, cy), (cx - r * 0.2, cy + r * 0.6), w)
        painter.line(colour, (cx - r * 0.2, cy + r * 0.6), (cx + r * 0.85, cy - r * 0.6), w)
    elif icon == "cross":
        painter.line(colour, (cx - r * 0.65, cy - r * 0.65), (cx + r * 0.65, cy + r * 0.65), w)
        painter.line(colour, (cx + r * 0.65, cy - r * 0.65), (cx - r * 0.65, cy + r * 0.65), w)
    elif icon == "attention":
        painter.line(colour, (cx, cy - r * 0.8), (cx, cy + r * 0.25), w)
        painter.circle(colour, (cx, cy + r * 0.72), w * 0.6)
    elif icon == "drop":
        pts = [(cx, cy - r)]
        for i in range(13):
            a = math.pi * i / 12
            pts.append((cx + r * 0.62 * math.cos(a), cy + r * 0.3 + r * 0.62 * math.sin(a)))
        painter.polygon(colour, pts[:1] + pts[1:][::-1])
    elif icon == "bolt":
        pts = [(cx + r * 0.2, cy - r), (cx - r * 0.55, cy + r * 0.12), (cx - r * 0.02, cy + r * 0.12),
               (cx - r * 0.2, cy + r), (cx + r * 0.55, cy - r * 0.12), (cx + r * 0.02, cy - r * 0.12)]
        painter.polygon(colour, pts)
