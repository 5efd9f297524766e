"""The weather around a level's board, tick by tick: daylight, cloud, wind and rain.

A level's environment is a time line with one :class:`Weather` per tick of a run. The
day-and-night :class:`~game.sim.model.Cycle` is one source of it (sun by day, none at night,
a steady breeze, no cloud or rain), so every level has one; a level may give its own
(``weather:`` in the level file: stretches of a clear or cloudy sky, calm air, a breeze or a
strong wind, rain), told as :class:`Stretch` es and laid over the level's days and nights
(:meth:`Environment.from_forecast`); the play screen shows it as a weather strip.

The media read the weather of the tick from :class:`game.sim.media.Env`. The power medium
turns it into whole energy blocks (:meth:`game.sim.media.power.PowerMedium._gives`): a solar panel
gives its output times the sunlight that reaches it, a wind turbine its output times the wind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from game.sim.model import Cycle


@dataclass(frozen=True)
class Weather:
    """One tick's weather: daylight, cloud and rain 0..1 (a share of the most the game
    knows); wind 0 (calm), 1 (a good breeze: a turbine's usual output) or 2 (a strong wind)."""

    daylight: float = 1.0  # 0 at night, 1 in full day
    cloud: float = 0.0  # share of the sky covered
    wind: float = 1.0  # wind speed: 0 calm, 1 a good breeze for a turbine, 2 a strong wind
    rain: float = 0.0  # 0 dry, 1 a downpour

    @property
    def is_day(self) -> bool:
        return self.daylight > 0

    def amount(self, name: str) -> float:
        """The amount called ``name`` ("sun", "wind", "rain", ...): what drives a part."""
        value = getattr(self, name, None)
        if not isinstance(value, float | int):
            raise KeyError(f"no weather amount {name!r}")
        return float(value)

    @property
    def sun(self) -> float:
        """Sunlight that reaches a panel: daylight less what the clouds hold back."""
        return self.daylight * (1.0 - self.cloud)


DAY = Weather()
NIGHT = Weather(daylight=0.0)

#: the words of a level file's ``weather:`` stretches and the amounts they stand for
SKY: dict[str, float] = {"clear": 0.0, "cloudy": 0.5}  # share of the sky covered
WIND: dict[str, float] = {"calm": 0.0, "breeze": 1.0, "strong": 2.0}


@dataclass(frozen=True)
class Stretch:
    """A level file's weather for a few ticks in a row, in words (see ``levels/README.md``);
    the defaults are the weather of a level without ``weather:``."""

    ticks: int
    sky: str = "clear"
    wind: str = "breeze"
    rain: bool = False

    def weather(self, day: bool) -> Weather:
        return Weather(daylight=1.0 if day else 0.0, cloud=SKY[self.sky], wind=WIND[self.wind],
                       rain=1.0 if self.rain else 0.0)


def wind_word(weather: Weather) -> str:
    """The file's word for the tick's wind: the nearest of calm, breeze and strong."""
    return min(WIND, key=lambda word: abs(WIND[word] - weather.wind))


@dataclass(frozen=True)
class Environment:
    """The weather of every tick of a run (the last one holds after the end)."""

    ticks: tuple[Weather, ...]

    def at(self, tick: int) -> Weather:
        if not self.ticks:
            return DAY
        return self.ticks[min(max(tick, 0), len(self.ticks) - 1)]

    def __len__(self) -> int:
        return len(self.ticks)

    @classmethod
    def from_cycle(cls, cycle: Cycle, ticks: int) -> Environment:
        """Day and night as weather: full sun by day, none at night, a steady breeze."""
        return cls(tuple(DAY if cycle.is_day(t) else NIGHT for t in range(max(0, ticks))))

    @classmethod
    def from_forecast(cls, cycle: Cycle, stretches: Iterable[Stretch]) -> Environment:
        """A level's own weather: its stretches in order, day or night from its ``cycle``."""
        out: list[Weather] = []
        for stretch in stretches:
            start = len(out)
            out.extend(stretch.weather(cycle.is_day(t))
                       for t in range(start, start + max(0, stretch.ticks)))
        return cls(tuple(out))

    @classmethod
    def from_stretches(cls, stretches: Iterable[tuple[int, Weather]]) -> Environment:
        """A time line told as stretches: (how many ticks, the weather in them), in order."""
        out: list[Weather] = []
        for count, weather in stretches:
            if count < 0:
                raise ValueError(f"a stretch of weather cannot last {count} ticks")
            out.extend([weather] * count)
        return cls(tuple(out))
