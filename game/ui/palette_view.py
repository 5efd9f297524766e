"""The box of parts beside the board: a picture per kind, how many are left, which is chosen.

Children pick by picture; the name and a one-line description show on hover or keyboard
focus, and a kind with none left is greyed (not hidden) so the pupil sees it was used up.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.sim.board import Piece
from game.sim.catalogue import CATALOGUE
from game.sim.goals import StarCheck
from game.sim.media.heat import HEATER_MOST
from game.sim.parts import Medium, Role
from game.ui import circuit_view
from game.ui.anim import shake_offset
from game.ui.badges import draw_part_picture
from game.ui.board_view import amounts, draw_meter, draw_pips
from game.ui.heat_view import ICE_BLOCKS, draw_flow_meter, is_wrap
from game.ui.star_rules import draw_limits, limits_height
from game.ui.view import Painter
from game.ui.widgets import draw_focus

GAP = 12
MAX_ITEM = 104


def amount_lines(kind: str, ngettext, meter: int | None = None, priced: bool = False,
                 piece: Piece | None = None) -> list[str]:
    """The part's numbers in words, for its tooltip: what it gives or needs each moment of a
    Test, what it holds (the pips and meters on the board say the same without words); on a
    level whose stars count coins (``priced``), what it costs, before the rest. ``piece``: the
    part on the board, whose own settings (a band, a temperature) the level may have set."""
    spec = CATALOGUE[kind]
    out: list[str] = []
    if priced:
        # TRANSLATORS: tooltip of a part on a level whose stars count coins; {count} coins
        out.append(ngettext("Costs {count} coin.", "Costs {count} coins.",
                            spec.price).format(count=spec.price))
    if spec.co2:
        # TRANSLATORS: tooltip of the generator; {count} clouds of CO₂ it puts out in each
        # moment of a Test in which it runs
        out.append(ngettext("Puts out {count} cloud of CO₂ each moment it runs.",
                            "Puts out {count} clouds of CO₂ each moment it runs.",
                            spec.co2).format(count=spec.co2))
    if spec.medium == Medium.HEAT or spec.thermostat:
        return out + heat_lines(kind, ngettext, piece)
    if spec.medium == Medium.CIRCUIT:  # a battery's cells (game.ui.circuit_view)
        return out + circuit_view.tooltip_lines(piece, int(spec.params.get("cell_count", 0)),
                                                ngettext)
    if spec.medium == Medium.ITEMS:
        # labels are on the board, a buffer's room in its text; isotopes' numbers here
        return out + _isotope_lines(spec, ngettext, piece)
    return out + _numbers(kind, ngettext, meter)


def heat_lines(kind: str, ngettext, piece: Piece | None = None) -> list[str]:
    """A heat part's numbers in words: its band, the temperature it is set to, the energy it
    needs, how fast heat goes through it (the tags and meters on the board say the same)."""
    spec = CATALOGUE[kind]

    def setting(name: str) -> int | None:
        value = piece.param(name) if piece is not None else spec.params.get(name)
        return None if value is None else int(value)

    out: list[str] = []
    low, high = setting("low"), setting("high")
    if low is not None and high is not None:
        # TRANSLATORS: tooltip of a medicine box or incubator; {low} and {high} are whole
        # degrees Celsius (the band on its tag, e.g. 2-8)
        out.append(ngettext("Must stay between {low} and {high} degree.",
                            "Must stay between {low} and {high} degrees.",
                            high).format(low=low, high=high))
    set_to = setting("set")
    if spec.fridge and set_to is not None:
        # TRANSLATORS: tooltip of a fridge; {set} is whole degrees Celsius (on its blue tag)
        out.append(ngettext("Cools what stands in front of it down to {set} degree.",
                            "Cools what stands in front of it down to {set} degrees.",
                            set_to).format(set=set_to))
    elif spec.thermostat and set_to is not None:
        # TRANSLATORS: tooltip of a thermostat; {set} is whole degrees Celsius (on its tag):
        # at that temperature or warmer it switches the current off, colder back on
        out.append(ngettext("Switches off at {set} degree or warmer, and on when colder.",
                            "Switches off at {set} degrees or warmer, and on when colder.",
                            set_to).format(set=set_to))
    elif spec.role == Role.SOURCE and spec.output and spec.energy:  # a heater
        # TRANSLATORS: tooltip of a heater or incubator; {most} is whole degrees Celsius:
        # its safety switch stops it there
        out.append(ngettext("Never heats above {most} degree.",
                            "Never heats above {most} degrees.",
                            HEATER_MOST).format(most=HEATER_MOST))
    if spec.energy:
        text = ngettext("Needs {count} energy block each moment.",
                        "Needs {count} energy blocks each moment.", spec.energy)
        out.append(text.format(count=spec.energy))
    if spec.melt:
        # TRANSLATORS: tooltip of an ice pack; {count} blue blocks on its meter (5)
        out.append(ngettext("Its {count} blue block shows how much ice is left.",
                            "Its {count} blue blocks show how much ice is left.",
                            ICE_BLOCKS).format(count=ICE_BLOCKS))
    if is_wrap(kind):
        # TRANSLATORS: tooltip of a wrap (wool, foil...); {count} of the 9 orange blocks on
        # its meter: how fast heat goes through it (1 very slowly, 9 very fast)
        out.append(ngettext("Heat goes through it this fast: {count} block of 9.",
                            "Heat goes through it this fast: {count} blocks of 9.",
                            spec.heat_flow).format(count=spec.heat_flow))
    return out


def _numbers(kind: str, ngettext, meter: int | None = None) -> list[str]:
    spec = CATALOGUE[kind]
    power = spec.medium == Medium.POWER
    if spec.role == Role.SOURCE and power:
        # TRANSLATORS: tooltip of a part; {count} energy blocks (the bolts on the board) a
        # solar panel or wind turbine gives in each moment of a Test
        text = ngettext("Gives {count} energy block each moment.",
                        "Gives {count} energy blocks each moment.", spec.output)
        return [text.format(count=spec.output)]
    if spec.role == Role.SOURCE:
        # TRANSLATORS: tooltip of a tap or pump; {count} drops of water it gives each moment
        text = ngettext("Gives {count} drop of water each moment.",
                        "Gives {count} drops of water each moment.", spec.output)
        return [text.format(count=spec.output)]
    if spec.role == Role.CONSUMER and power:
        # TRANSLATORS: tooltip of a house, street light or school; {count} energy blocks it
        # uses in each moment of a Test
        text = ngettext("Needs {count} energy block each moment.",
                        "Needs {count} energy blocks each moment.", spec.demand)
        return [text.format(count=spec.demand)]
    if spec.role == Role.CONSUMER:
        # TRANSLATORS: tooltip of a sprinkler; {count} drops of water it needs each moment
        text = ngettext("Needs {count} drop of water each moment.",
                        "Needs {count} drops of water each moment.", spec.demand)
        return [text.format(count=spec.demand)]
    if spec.role == Role.STORAGE:
        # TRANSLATORS: tooltip of a battery; {count} energy blocks it can store
        held = ngettext("Holds {count} energy block.", "Holds {count} energy blocks.",
                        spec.capacity)
        # TRANSLATORS: tooltip of a battery; {count} energy blocks it gives back at most in
        # one moment of a Test
        back = ngettext("Gives back at most {count} energy block each moment.",
                        "Gives back at most {count} energy blocks each moment.", spec.rate)
        return [held.format(count=spec.capacity), back.format(count=spec.rate)]
    if spec.role == Role.TANK:
        # TRANSLATORS: tooltip of a water tank; {count} drops of water that fit in it
        text = ngettext("Holds {count} drop of water.", "Holds {count} drops of water.",
                        spec.capacity)
        return [text.format(count=spec.capacity)]
    if spec.role == Role.FIELD and spec.meter is not None:
        n = meter if meter is not None else int(spec.params[spec.meter])
        # TRANSLATORS: tooltip of a greenhouse bed; {count} moments of a Test a sprinkler
        # next to it must spray
        text = ngettext("Needs a sprinkler for {count} moment.",
                        "Needs a sprinkler for {count} moments.", n)
        return [text.format(count=n)]
    return []


def _isotope_lines(spec, ngettext, piece: Piece | None = None) -> list[str]:
    """A reactor's and a hospital's numbers in words (their yellow tags say the same), with
    the piece's own settings when it stands on the board."""
    params = dict(spec.params)
    if piece is not None:
        params.update({name: piece.param(name) for name in params})
    if "strength" in params and "half_life" in params:
        strength, half = int(params["strength"]), int(params["half_life"])
        # TRANSLATORS: tooltip of the reactor; {count} is the strength of a new isotope (the
        # number on its yellow tag)
        made = ngettext("Each isotope starts with strength {count}.",
                        "Each isotope starts with strength {count}.", strength)
        # TRANSLATORS: tooltip of the reactor; {count} moments of a Test (the "½ 3" tag)
        halves = ngettext("It loses half its strength every {count} moment.",
                          "It loses half its strength every {count} moments.", half)
        return [made.format(count=strength), halves.format(count=half)]
    if "needs" in params and spec.role == Role.CONSUMER:
        needs = int(params["needs"])
        # TRANSLATORS: tooltip of a hospital; {count} is the least strength an isotope must
        # still have when it arrives (the "≥4" tag)
        text = ngettext("Takes isotopes with strength {count} or more.",
                        "Takes isotopes with strength {count} or more.", needs)
        return [text.format(count=needs)]
    return []


class PaletteView:
    def __init__(self, kinds: list[str], limits: Sequence[StarCheck] = ()) -> None:
        self.kinds = [k for k in kinds if k in CATALOGUE]
        #: the level's star limits (game.ui.star_rules), drawn under the parts; a limit on
        #: coins puts each part's price on its tile
        self.limits = tuple(limits)
        self.priced = any(c.key == "max_cost" for c in self.limits)
        self.reached: tuple[StarCheck, ...] = ()  # the last run's checks, beside the limits
        self.rects: list[pygame.Rect] = []
        self.focus: int | None = None  # keyboard focus (Tab)
        self.hover: int | None = None
        self.shake: dict[int, float] = {}  # item -> seconds of "none left" shake
        self.area = pygame.Rect(0, 0, 0, 0)

    def layout(self, area: pygame.Rect) -> None:
        """Two columns (one when there is room for big tiles only), items as big as fit."""
        self.area = pygame.Rect(area)
        n = max(1, len(self.kinds))
        cols = 2
        rows = (n + cols - 1) // cols
        below = limits_height(self.limits) + (GAP if self.limits else 0)
        size = min(MAX_ITEM, (area.width - GAP * (cols + 1)) // cols,
                   (area.height - 56 - below - GAP * (rows + 1)) // rows)
        size = max(56, size)
        x0 = area.x + (area.width - (cols * size + (cols - 1) * GAP)) // 2
        y0 = area.y + 52
        self.rects = [pygame.Rect(x0 + (i % cols) * (size + GAP), y0 + (i // cols) * (size + GAP),
                                  size, size) for i in range(len(self.kinds))]

    def index_at(self, pos: tuple[float, float] | None) -> int | None:
        if pos is None:
            return None
        for i, r in enumerate(self.rects):
            if r.collidepoint(pos):
                return i
        return None

    def move_focus(self, step: int) -> int | None:
        if not self.kinds:
            return None
        self.focus = (0 if step > 0 else len(self.kinds) - 1) if self.focus is None else (
            (self.focus + step) % len(self.kinds))
        return self.focus

    def update(self, dt: float) -> None:
        for i in list(self.shake):
            self.shake[i] -= dt
            if self.shake[i] <= 0:
                del self.shake[i]

    def draw(self, painter: Painter, counts: dict[str, int], selected: str | None, rotation: int,
             title: str, enabled: bool = True, new: frozenset[str] = frozenset()) -> None:
        """``new`` are the kinds this level introduces: they wear a star, so a pupil who
        cannot read yet still sees what is new."""
        painter.panel(self.area, fill="cream", radius=20)
        painter.text(title, (self.area.centerx, self.area.y + 26), 24, bold=True, align="center")
        for i, kind in enumerate(self.kinds):
            r = self.rects[i]
            if i in self.shake:
                r = r.move(shake_offset(1 - self.shake[i] / 0.35), 0)
            left = counts.get(kind, 0)
            chosen = kind == selected
            if i == self.focus:
                draw_focus(painter, r, 14)
            fill = "yellow" if chosen else ("paper" if left > 0 else "tile_edge")
            painter.panel(r, fill=fill, radius=14, shadow=0 if chosen else 4)
            if i == self.hover and left > 0 and enabled:
                painter.rect((255, 255, 255, 80), r, 14)
            pad = r.width * 0.1
            rot = rotation if chosen and CATALOGUE[kind].rotates else 0
            draw_part_picture(painter, kind, r.inflate(-2 * pad, -2 * pad), rot,
                              alpha=255 if left > 0 and enabled else 90)
            # the count as a badge in the corner: a number children can count down
            bc = (r.right - 6, r.top + 8)  # its number stays on the tile at any text size
            br = max(15, r.width * 0.17)
            painter.circle("ink", bc, br + 2)
            painter.circle("blue" if left > 0 else "ink_soft", bc, br)
            painter.text(str(left), bc, round(br * 1.25), "white", bold=True, align="center")
            if kind in new:
                painter.star("yellow", (r.left + 12, r.bottom - 12), max(14, r.width * 0.16))
            self._draw_amounts(painter, kind, r, left > 0 and enabled)
            if self.priced:
                self._draw_price(painter, kind, r)
        if self.limits:
            high = limits_height(self.limits)
            draw_limits(painter, (self.area.x + GAP, self.area.bottom - high - GAP,
                                  self.area.width - 2 * GAP, high), self.limits, self.reached)

    @staticmethod
    def _draw_price(painter: Painter, kind: str, r: pygame.Rect) -> None:
        """What the part costs, top left: a coin with the number on it."""
        rad = max(15, r.width * 0.16)
        c = (r.left + rad - 6, r.top + rad - 6)
        painter.image("icons/coin", (c[0] - rad, c[1] - rad, 2 * rad, 2 * rad))
        painter.text(str(CATALOGUE[kind].price), (c[0], c[1] - rad * 0.08), max(16, round(rad)),
                     "ink", bold=True, align="center")

    @staticmethod
    def _draw_amounts(painter: Painter, kind: str, r: pygame.Rect, bright: bool) -> None:
        """The part's pips (or meter) as on the board, bottom right (the star has the left)."""
        a = amounts(kind)
        if is_wrap(kind):  # how fast heat goes through it, as on the board
            draw_flow_meter(painter.surface, painter.view.rect(r), kind, draw_meter)
            return
        if not (a.pips or a.meter):
            return
        px = painter.view.rect(r)
        if a.pips:
            corner = "bottomleft" if painter.view.flips else "bottomright"  # mirrored screen
            draw_pips(painter.surface, painter.art, px, a.icon, a.pips, a.gives and bright,
                      corner)
        elif a.meter:
            draw_meter(painter.surface, px, a.meter, 0, "sky_blue")

    def draw_tooltip(self, painter: Painter, gettext, ngettext=None) -> None:
        """Name, description and numbers of the hovered or focused kind, left of the palette."""
        shown = self.hover if self.hover is not None else self.focus
        if shown is None or shown >= len(self.kinds):
            return
        r = self.rects[shown]
        draw_part_tip(painter, self.kinds[shown], gettext, ngettext,
                      pygame.Rect(self.area.left - 2, r.y, 2, r.height), "left",
                      priced=self.priced)


def draw_part_tip(painter: Painter, kind: str, gettext, ngettext=None,
                  anchor: pygame.Rect | None = None, side: str = "left",
                  meter: int | None = None, priced: bool = False,
                  piece: Piece | None = None) -> pygame.Rect:
    """A part's tooltip: its name, what it does and its numbers (:func:`amount_lines`), left
    of ``anchor`` (the parts box) or above it (a part on the board; below when there is no
    room above). Returns the tooltip's rect (logical)."""
    spec = CATALOGUE[kind]
    name, desc = gettext(spec.name), gettext(spec.description)
    if ngettext is not None:
        desc = "\n".join([desc, *amount_lines(kind, ngettext, meter, priced, piece)])
    wrap = 320
    w2, h2 = painter.measure(desc, 20, wrap=wrap)
    if h2 > 560:  # a long tip (many numbers, big letters): wider, so it stays on the screen
        wrap = 480
        w2, h2 = painter.measure(desc, 20, wrap=wrap)
    w1, h1 = painter.measure(name, 24, bold=True, wrap=wrap)
    w, h = max(w1, w2) + 28, h1 + h2 + 22
    a = pygame.Rect(anchor)
    if side == "left":
        x = a.left - w - 10
        y = min(max(8, a.centery - h / 2), 712 - h)
        tip = [(x + w - 2, a.centery - 10), (x + w + 10, a.centery), (x + w - 2, a.centery + 10)]
    else:
        x = min(max(8, a.centerx - w / 2), 1272 - w)
        above = a.top - h - 12 >= 8
        y = a.top - h - 12 if above else min(a.bottom + 12, 712 - h)
        edge, point = (y + h - 2, a.top - 2) if above else (y + 2, a.bottom + 2)
        tip = [(a.centerx - 10, edge), (a.centerx, point), (a.centerx + 10, edge)]
    painter.panel((x, y, w, h), fill="paper", radius=12, shadow=3)
    painter.polygon("paper", tip)
    # in boxes of their own (the tooltip), measured above at the same wrap: nothing shrinks
    painter.text_box(name, (x + 14, y + 8, w - 28, h1 + 2), 24, bold=True, align="topleft",
                     min_size=20)
    painter.text_box(desc, (x + 14, y + 10 + h1, w - 28, h2 + 2), 20, "ink_soft",
                     align="topleft", min_size=16)
    return pygame.Rect(round(x), round(y), round(w), round(h))
