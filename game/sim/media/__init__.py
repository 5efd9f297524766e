"""The media of the simulation as plug-ins, run in a fixed order within every tick.

A medium (power, water, items on belts, heat, circuit, motion, on/off signals,
messages on a network) is one class with
:meth:`Medium.build`, called once when a run starts with the run's port graph, and
:meth:`Medium.step`, called once a tick. Media step in the order of :data:`MEDIA`, and each
sees the facts the media before it made this tick (``shared``), so one medium can drive
another: a pump that needs energy reads the power facts, a sensor that switches a valve
writes a fact the water reads, a fridge that needs energy makes heat.

A medium's facts are a flat dict of named values (sets of cells, amounts per cell); the
goals (:mod:`game.sim.goals`) and the board drawing read them by name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from game.sim.board import Board
from game.sim.environment import DAY, Weather
from game.sim.graph import PortGraph

Facts = dict[str, Any]


@dataclass(frozen=True)
class Env:
    """The world around the board during one tick: its weather (game.sim.environment)."""

    tick: int
    weather: Weather = DAY

    @property
    def daylight(self) -> bool:
        return self.weather.is_day


@dataclass
class Shared:
    """What the media made so far this tick, by medium name, for the media after them."""

    facts: dict[str, Facts] = field(default_factory=dict)
    #: every medium's facts of the tick before (empty in the first tick): what a sensor felt
    #: then, which a medium stepping earlier in the tick reads (a thermostat's switch)
    before: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def get(self, medium: str, name: str, default: Any = None) -> Any:
        return self.facts.get(medium, {}).get(name, default)


class Medium(Protocol):
    #: the key of this medium's facts in a tick's state ("power", "water", ...)
    name: str
    #: the names of the facts :meth:`step` returns (the golden files record every one)
    FACTS: tuple[str, ...]

    def build(self, graph: PortGraph, board: Board, params: Mapping[str, Any]) -> None:
        """Work out the networks once, before the first tick (the board is frozen)."""

    def step(self, tick: int, env: Env, shared: Shared) -> Facts:
        """One tick: the facts of this medium now (every key, every tick)."""
        ...


def _registry() -> dict[str, Callable[[], Medium]]:
    from game.sim.media.circuit import CircuitMedium
    from game.sim.media.heat import HeatMedium
    from game.sim.media.items import ItemsMedium
    from game.sim.media.motion import MotionMedium
    from game.sim.media.packets import PacketsMedium
    from game.sim.media.power import PowerMedium
    from game.sim.media.signal import SignalMedium
    from game.sim.media.water import WaterMedium

    return {"power": PowerMedium, "water": WaterMedium, "items": ItemsMedium,
            "heat": HeatMedium, "circuit": CircuitMedium, "motion": MotionMedium,
            "signal": SignalMedium, "packets": PacketsMedium}


def media() -> list[Medium]:
    """A fresh instance of every medium, in the order they step within a tick."""
    return [make() for make in _registry().values()]


def medium_names() -> tuple[str, ...]:
    return tuple(_registry())
