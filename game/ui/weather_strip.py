"""The weather strip: one small picture per tick of a level's own weather, under the board.

Each tick shows its sky (the sun by day, the moon at night; a cloud over it when it is
cloudy, drops under the cloud when it rains) and its wind (a windsock: hanging limp in calm
air, half up in a breeze, straight out in a strong wind), on a light tile by day and a dark
one at night: readable without reading a word. Before a Test the strip is the forecast; while
a Test runs (and after it) the present tick is framed and the ticks still to come are veiled.
It is laid out in logical coordinates like the rest of the screen, so on a mirrored (Arabic)
screen time runs from right to left. The pointer on a tick shows its weather in words.

Only levels with their own ``weather:`` have a strip (:meth:`WeatherStrip.for_level`); the
others keep the day-and-night bar of the toolbar alone.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.sim.environment import Environment, Weather, wind_word
from game.sim.model import Level
from game.sim.parts import N_
from game.ui.view import Painter

#: logical pixels: the strip's height, and the room it keeps free above it
HEIGHT = 64
GAP = 10
#: a tick narrower than this shares a picture with its neighbours of the same weather
MIN_CELL = 34
TIP_SIZE = 20  # the tooltip's text, as a button's

DAY_TILE = (214, 238, 251)
NIGHT_TILE = (120, 140, 200)  # the windsock's dark outline still reads on it
VEIL = (255, 253, 246, 150)

#: the words of a tick's weather (one line each), for the pointer's tooltip
SKY_WORDS = {
    (True, False): N_("Sunny"),
    (True, True): N_("Cloudy"),
    (False, False): N_("Clear night"),
    (False, True): N_("Cloudy night"),
}
WIND_WORDS = {"calm": N_("No wind"), "breeze": N_("A breeze"), "strong": N_("Strong wind")}
RAIN_WORDS = N_("Rain")


def sky_pictures(weather: Weather) -> list[str]:
    """The sky of one tick as pictures drawn over each other, back to front."""
    pictures = ["icons/sun" if weather.is_day else "icons/moon"]
    if weather.cloud > 0:
        pictures.append("icons/weather_cloud")
    if weather.rain > 0:
        pictures.append("icons/weather_rain")
    return pictures


def wind_picture(weather: Weather) -> str:
    return f"icons/weather_{wind_word(weather)}"


def pictures(weather: Weather) -> list[str]:
    """Every picture one tick shows: its sky, then its windsock."""
    return [*sky_pictures(weather), wind_picture(weather)]


def words(weather: Weather, gettext: Callable[[str], str]) -> str:
    """One tick's weather in words, a line each: "Clear night" / "No wind"."""
    lines = [gettext(SKY_WORDS[(weather.is_day, weather.cloud > 0)]),
             gettext(WIND_WORDS[wind_word(weather)])]
    if weather.rain > 0:
        lines.append(gettext(RAIN_WORDS))
    return "\n".join(lines)


class WeatherStrip:
    """The strip of one level's run: lay it out under the board, then draw it each frame."""

    def __init__(self, environment: Environment, ticks: int) -> None:
        self.weather = [environment.at(t) for t in range(max(1, ticks))]
        self.area = pygame.Rect(0, 0, 0, 0)
        #: the tiles as drawn: (first tick, last tick, logical rect); one per tick when there
        #: is room, else one per stretch of ticks with the same weather
        self.tiles: list[tuple[int, int, pygame.Rect]] = []

    @classmethod
    def for_level(cls, level: Level) -> WeatherStrip | None:
        """The strip of a level with its own weather; None for the others."""
        if level.environment is None:
            return None
        return cls(level.environment, level.ticks)

    def layout(self, area: pygame.Rect) -> None:
        """Fill ``area`` (logical, never mirrored here: the painter mirrors it)."""
        self.area = pygame.Rect(area)
        n = len(self.weather)
        groups = [(t, t) for t in range(n)]
        if area.width / n < MIN_CELL:
            groups = []
            for t, w in enumerate(self.weather):
                if groups and self.weather[groups[-1][0]] == w:
                    groups[-1] = (groups[-1][0], t)
                else:
                    groups.append((t, t))
        inner = area.inflate(-8, -8)
        self.tiles = []
        for first, last in groups:
            x0 = inner.x + round(inner.width * first / n)
            x1 = inner.x + round(inner.width * (last + 1) / n)
            self.tiles.append((first, last, pygame.Rect(x0, inner.y, x1 - x0, inner.height)))

    def tick_at(self, pos: tuple[float, float] | None) -> int | None:
        """The tick under the pointer (logical, unmirrored), or None."""
        if pos is None:
            return None
        for first, _last, r in self.tiles:
            if r.collidepoint(pos):
                return first
        return None

    def draw(self, painter: Painter, tick: int | None = None) -> None:
        """The strip; ``tick``: the run's present tick (None: no run yet, the forecast)."""
        painter.panel(self.area, fill="paper", radius=16, shadow=0)
        for first, _last, r in self.tiles:
            weather = self.weather[first]
            tile = r.inflate(-4, 0)
            painter.rect(DAY_TILE if weather.is_day else NIGHT_TILE, tile, 10)
            self._draw_pictures(painter, weather, tile)
            if tick is not None and first > tick:
                painter.rect(VEIL, tile, 10)
        painter.rect("ink", self.area, 16, 3)
        if tick is not None:
            for first, last, r in self.tiles:
                if first <= tick <= last:
                    painter.rect("ink", r.inflate(2, 6), 12, 4)
                    painter.rect("white", r.inflate(-4, 0), 10, 2)

    @staticmethod
    def _draw_pictures(painter: Painter, weather: Weather, r: pygame.Rect) -> None:
        side = r.width >= 2 * (r.height - 10) * 0.7
        if side:  # sky and windsock side by side
            size = min(r.height - 10, (r.width - 6) // 2)
            sky = pygame.Rect(0, 0, size, size)
            sky.center = (r.centerx - size // 2 - 1, r.centery)
            sock = sky.move(size + 2, 0)
        else:  # stacked: the sky above, the windsock below
            size = min((r.height - 6) // 2, r.width - 4)
            sky = pygame.Rect(0, 0, size, size)
            sky.midtop = (r.centerx, r.top + 2)
            sock = sky.move(0, size + 2)
        for name in sky_pictures(weather):
            painter.image(name, sky)
        painter.image(wind_picture(weather), sock)

    def draw_tooltip(self, painter: Painter, pos: tuple[float, float] | None,
                     gettext: Callable[[str], str]) -> bool:
        """The weather of the tick under the pointer, in words; True when one was drawn."""
        tick = self.tick_at(pos)
        if tick is None:
            return False
        r = next(r for first, _last, r in self.tiles if first == tick)
        text = words(self.weather[tick], gettext)
        # as narrow as its longest line (a button's tooltip wraps at a fixed width), above the tile
        w = max(painter.measure(line, TIP_SIZE)[0] for line in text.split("\n")) + 16
        h = painter.measure(text, TIP_SIZE, wrap=w)[1]
        x = min(max(8, r.centerx - w / 2 - 12), 1272 - w - 24)
        y = max(8, r.top - h - 30)
        painter.panel((x, y, w + 24, h + 16), fill="cream", radius=10, shadow=3)
        painter.text_box(text, (x + 12, y + 8, w, h), TIP_SIZE, align="topleft",
                         min_size=TIP_SIZE)
        return True
