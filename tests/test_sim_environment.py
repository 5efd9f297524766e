"""An environment per level: a time line of daylight, cloud, wind and rain that the power
medium reads instead of the day-and-night cycle (which is now one source of it)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.sim.board import Board
from game.sim.environment import DAY, NIGHT, Environment, Weather
from game.sim.model import Cycle
from game.sim.simulation import Simulation
from tests import golden_record
from tests.sim_helpers import make_level


@pytest.mark.parametrize("level", golden_record.levels(), ids=lambda level: level.id)
def test_the_cycle_becomes_the_same_days_and_nights(level):
    weather = level.weather()
    assert len(weather) == level.ticks
    assert [weather.at(t).is_day for t in range(level.ticks)] == \
        [level.cycle.is_day(t) for t in range(level.ticks)]
    states = Simulation(Board(level)).run()
    assert all(s.weather.is_day == s.daylight for s in states)


def test_a_windless_stretch_stops_the_turbine_and_the_house_goes_dark():
    calm = Weather(wind=0.0)
    level = make_level(parts=[("wind_turbine", (1, 1)), ("house", (2, 1))], ticks=6)
    level = replace(level, environment=Environment.from_stretches([(2, DAY), (2, calm), (2, DAY)]))
    states = Simulation(Board(level)).run()
    assert [(2, 1) in s.powered for s in states] == [True, True, False, False, True, True]
    assert [(1, 1) in s.producing for s in states] == [True, True, False, False, True, True]


def test_a_sky_full_of_cloud_stops_the_solar_panel_and_night_does_too():
    overcast = Weather(cloud=1.0)
    level = make_level(parts=[("solar_panel", (1, 1)), ("house", (2, 1))], ticks=3,
                       cycle=Cycle(day=3, night=3))
    level = replace(level, environment=Environment((DAY, overcast, NIGHT)))
    states = Simulation(Board(level)).run()
    assert [(2, 1) in s.powered for s in states] == [True, False, False]
    assert [s.daylight for s in states] == [True, True, False], "cloud is no night"


def test_the_weather_holds_its_last_tick_and_refuses_what_it_does_not_know():
    line = Environment.from_stretches([(1, DAY), (1, NIGHT)])
    assert line.at(5) == NIGHT and line.at(-1) == DAY and Environment(()).at(3) == DAY
    assert DAY.amount("sun") == 1.0 and Weather(cloud=0.25).sun == 0.75
    with pytest.raises(KeyError):
        DAY.amount("tide")
    with pytest.raises(ValueError):
        Environment.from_stretches([(-1, DAY)])
