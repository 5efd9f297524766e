"""The weather around a level's board, tick by tick: daylight, cloud, wind and rain.

A level's environment is a time line with one :class:`Weather` per tick of a run. The
day-and-night :class:`~game.sim.model.Cycle` is one source of it (sun by day, none at night,
a steady breeze, no cloud or rain), so every level has one; a level may later give its own
(a windless night, a cloudy afternoon, a shower) and the run shows it as a weather strip.

The media read the weather of the tick from :class:`game.sim.media.Env`: today a solar panel
gives its energy while there is sunlight and a wind turbine while the wind blows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from game.sim.model import Cycle


@dataclass(frozen=True)
class Weather:
    """One tick's weather; every amount 0..1 (a share of the most the game knows)."""

    daylight: float = 1.0  # 0 at night, 1 in full day
    cloud: float = 0.0  # share of the sky covered
    wind: float = 1.0  # wind speed: 0 calm, 1 a good breeze for a turbine
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
    def from_stretches(cls, stretches: Iterable[tuple[int, Weather]]) -> Environment:
        """A time line told as stretches: (how many ticks, the weather in them), in order."""
        out: list[Weather] = []
        for count, weather in stretches:
            if count < 0:
                raise ValueError(f"a stretch of weather cannot last {count} ticks")
            out.extend([weather] * count)
        return cls(tuple(out))
