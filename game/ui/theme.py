"""The one palette of the game: used by the code and by every SVG in ``assets/``.

Status colours come from the Okabe-Ito set, which colour-blind players can tell apart, and
every status also has a shape (check, cross, exclamation mark, drop, bolt).
"""

from __future__ import annotations

Color = tuple[int, int, int]


def hex_color(value: str) -> Color:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


PALETTE: dict[str, str] = {
    # lines and text
    "ink": "#2B2D42",
    "ink_soft": "#5C5F77",
    # surfaces
    "paper": "#FFFDF6",
    "cream": "#FFF4DC",
    "tile": "#F4EFE1",
    "tile_edge": "#E2D8BF",
    "shadow": "#C9BFA6",
    "sky": "#CFEBFB",
    "grass": "#8BD17C",
    "grass_dark": "#5DAE5A",
    "wood": "#C98B4F",
    "metal": "#AEB8C2",
    "copper": "#D9822B",
    "white": "#FFFFFF",
    # Okabe-Ito status colours
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    # the same hues darkened until white text on them reads (WCAG AA, 4.5:1): chips with words
    "vermillion_deep": "#AA4B00",
    "purple_deep": "#8F5575",
    "green_deep": "#007F5C",  # buttons with words ("Add a pupil", "Test"), the "Live" sign
}

COLORS: dict[str, Color] = {name: hex_color(value) for name, value in PALETTE.items()}

#: What each status looks like: a colour and the icon (in assets/icons) that always goes with it.
#: No two statuses share an icon unless they mean the same to a child ("broken" and "off" are
#: both a cross: it does not work / it is switched off), and ``tests/test_status_signals.py``
#: checks that every one still reads in greyscale. An icon named ``no_<x>`` is the icon of
#: :data:`CROSSED_OUT` faded and struck through: "no power", "no water".
STATUS: dict[str, tuple[str, str]] = {
    "works": ("green", "check"),
    "broken": ("vermillion", "cross"),
    "attention": ("orange", "attention"),  # overloaded, thirsty: look here
    "leak": ("vermillion", "drop"),  # water where it should not be
    "unpowered": ("vermillion", "no_power"),  # a house or lamp that needed power, got none
    "dry": ("orange", "no_water"),  # a bed or tank that got too little water: look here
    "water": ("sky_blue", "drop"),
    "power": ("yellow", "bolt"),
    "off": ("ink_soft", "cross"),  # a setting switched off (the switch's knob)
}
#: struck-through icons -> the icon they strike through
CROSSED_OUT: dict[str, str] = {"no_power": "bolt", "no_water": "drop"}

#: Every text colour the theme writes on a fill, as (text, fill, large): the level cards' chips
#: and numbers, panels, buttons and notes. ``large`` is text of at least ``LARGE_BOLD`` logical
#: pixels bold or ``LARGE_REGULAR`` regular at the smallest text size (WCAG's large text, with
#: room to spare), which needs 3:1; every other text needs 4.5:1 (``tests/test_contrast.py``
#: measures each pair; ``tests/test_contrast_screens.py`` every text of every screen as drawn).
TEXT_ON: tuple[tuple[str, str, bool], ...] = (
    ("ink", "paper", False), ("ink", "cream", False), ("ink", "tile", False),
    ("ink", "white", False), ("ink", "yellow", False), ("ink", "sky", False),
    ("ink_soft", "paper", False), ("ink_soft", "cream", False), ("ink_soft", "tile", False),
    ("ink_soft", "white", False), ("blue", "paper", False), ("blue", "cream", False),
    # the kind chips on the level cards ("Build", "Fix", "Explore")
    ("ink", "orange", False), ("white", "vermillion_deep", False),
    ("ink", "sky_blue", False),  # and the numbers of a sky-blue world's levels
    ("white", "purple_deep", False), ("white", "ink_soft", False),
    # the level numbers in their world's circle (26 px bold)
    ("white", "blue", True), ("white", "green", True),
    # buttons and cards with white words on a colour, numbers in coloured badges
    ("white", "green_deep", False), ("white", "blue", False), ("white", "vermillion_deep", False),
    ("white", "ink", False),
    # coloured words on a light card: the dashboard's "Live", a pupil's failed tests, notes
    ("green_deep", "cream", False), ("green_deep", "paper", False),
    ("vermillion_deep", "paper", False), ("vermillion_deep", "tile", False),
    ("vermillion_deep", "cream", False),
)
#: The deeper shade of a fill, for white words on it (see :func:`readable`).
DEEP: dict[str, str] = {"green": "green_deep",
                        "vermillion": "vermillion_deep", "purple": "purple_deep"}
#: Below these a text is hard to read for many pupils (WCAG 2.1, 1.4.3).
CONTRAST_TEXT, CONTRAST_LARGE = 4.5, 3.0
#: From these logical pixel sizes (as drawn: after the text size setting and any shrinking to
#: fit) a text is large and 3:1 is enough: bold, regular.
LARGE_BOLD, LARGE_REGULAR = 24, 32


def luminance(c: Color | tuple[int, ...]) -> float:
    """WCAG relative luminance of an sRGB colour (0: black, 1: white)."""
    def channel(v: int) -> float:
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in c[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Color | tuple[int, ...], b: Color | tuple[int, ...]) -> float:
    """WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def readable(text: str, fill: str) -> tuple[str, str]:
    """The (text, fill) pair to draw words of ``text`` colour on ``fill`` with, so that they
    read as normal text (4.5:1) at any size: the pair itself when it reads; else white words
    on the fill's deep shade (``DEEP``: a green button stays green, a shade darker); else
    whichever of ink and white reads better on the fill."""
    if contrast(COLORS[text], COLORS[fill]) >= CONTRAST_TEXT:
        return text, fill
    if fill in DEEP:
        return "white", DEEP[fill]
    return max(("ink", "white"), key=lambda t: contrast(COLORS[t], COLORS[fill])), fill


OUTLINE_WIDTH = 3  # logical pixels, for drawn shapes and SVG strokes at 64 px tiles
RADIUS = 14  # corner radius of panels and buttons
LOGICAL_SIZE = (1280, 720)
