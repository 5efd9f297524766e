"""A level's own weather: the ``weather:`` key of the level file, what the sources give in it
(whole energy blocks, one rule in the power medium), and the Energiestad level that needs it
(city-14: a windless night). Levels without the key behave as before: their golden files
(tests/test_golden.py) hold."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

import game
from game.content.loader import inspect_level, load_level
from game.sim.board import Board
from game.sim.editor import Editor
from game.sim.environment import NIGHT, Environment, Stretch, Weather
from game.sim.goals import play_solution, run_board
from game.sim.model import ALWAYS_DAY, Cycle, Step, StepAction
from game.sim.simulation import Simulation
from tests import golden_record
from tests.sim_helpers import make_level

LEVEL = game.PROJECT_ROOT / "levels" / "city" / "14-windless-night.yaml"

# A small valid level with weather; the line numbers below refer to it.
BASE = """\
id: city-01-test
world: city
kind: build
order: 1
groep: [3, 4]
kerndoelen: [42]
title: "Test"
story: "A story."
grid: {width: 6, height: 4}
cycle: {day: 2, night: 2}
weather:
  - {ticks: 2, sky: cloudy, wind: strong, rain: true}
  - {ticks: 2}
parts:
  - {kind: house, at: [4, 1]}
palette: {wind_turbine: 1}
goals:
  - {type: powered}
hints:
  - text: "Where does the power come from?"
parent_tip: {what: "Wind turbines turn wind into power.", region: "Flevoland has fields of solar panels.", ask: "What happens at night?", home: "Count the solar panels you see from a window."}
solution:
  stars: 3
  steps:
    - {place: wind_turbine, at: [3, 1]}
"""


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "lvl.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in inspect_level(path, source="lvl.yaml").problems]


def edited(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


# --- the key in the level file -----------------------------------------------------------------
def test_a_level_with_weather_loads_into_a_time_line_over_its_days_and_nights(tmp_path):
    path = tmp_path / "lvl.yaml"
    path.write_text(BASE, encoding="utf-8")
    level = load_level(path)
    assert level.ticks == 4, "the run lasts as long as the weather when ticks: is left out"
    line = level.weather()
    assert line.ticks == (Weather(daylight=1.0, cloud=0.5, wind=2.0, rain=1.0),) * 2 + (NIGHT,) * 2


def test_a_level_without_weather_has_none_of_its_own(tmp_path):
    path = tmp_path / "lvl.yaml"
    path.write_text(edited("weather:\n  - {ticks: 2, sky: cloudy, wind: strong, rain: true}\n"
                           "  - {ticks: 2}\n", ""), encoding="utf-8")
    level = load_level(path)
    assert level.environment is None and level.ticks == 4  # day + night, as before


@pytest.mark.parametrize(("old", "new", "line"), [
    ("wind: strong,", "wind: gale,",
     "lvl.yaml:12: weather[0].wind: must be one of calm, breeze, strong, not the text 'gale'"),
    ("sky: cloudy,", "sky: cloudie,",
     "lvl.yaml:12: weather[0].sky: must be one of clear, cloudy, not the text 'cloudie'; "
     "did you mean 'cloudy'?"),
    ("{ticks: 2, sky: cloudy", "{ticks: 0, sky: cloudy",
     "lvl.yaml:12: weather[0].ticks: must be from 1 to 400, not 0"),
    ("  - {ticks: 2}\n", "  - {sky: clear}\n", "lvl.yaml:13: weather[1].ticks: missing"),
    ("rain: true}", "rain: lots}",
     "lvl.yaml:12: weather[0].rain: must be true or false, not the text 'lots'"),
    ("  - {ticks: 2}\n", "  - {ticks: 2, sky: clear, rain: true}\n",
     "lvl.yaml:13: weather[1].rain: rain falls from clouds; give this stretch sky: cloudy"),
    ("  - {ticks: 2}\n", "  - {ticks: 2, snow: true}\n",
     "lvl.yaml:13: weather[1].snow: unknown key (known keys: ticks, sky, wind, rain)"),
    ("weather:\n", "ticks: 6\nweather:\n",
     "lvl.yaml:12: weather: the stretches last 4 ticks but a test runs 6 (ticks:); "
     "make them the same"),
    ("weather:\n  - {ticks: 2, sky: cloudy, wind: strong, rain: true}\n  - {ticks: 2}\n",
     "weather: sunny\n", "lvl.yaml:11: weather: must be a list [..], not the text 'sunny'"),
    ("weather:\n  - {ticks: 2, sky: cloudy, wind: strong, rain: true}\n  - {ticks: 2}\n",
     "weather: []\n", "lvl.yaml:11: weather: must have 1 to 40 items, not 0"),
])
def test_each_bad_shape_of_the_weather_is_one_line(tmp_path, old, new, line):
    assert problems(tmp_path, edited(old, new)) == [line]


def test_the_template_and_readme_tell_the_key():
    readme = (game.PROJECT_ROOT / "levels" / "README.md").read_text(encoding="utf-8")
    template = (game.PROJECT_ROOT / "levels" / "_template.yaml").read_text(encoding="utf-8")
    assert "| `weather` |" in readme and "# weather:" in template


# --- the rule: whole energy blocks from the weather -----------------------------------------
def _given(kind: str, weather: Weather) -> list[int]:
    """What one source gives a house-less board in each of three ticks of ``weather``,
    measured through the simulation: the battery beside it stores all of it."""
    level = make_level(parts=[(kind, (1, 1)), ("battery", (2, 1))], goals=(), ticks=3)
    level = replace(level, environment=Environment((weather,) * 3))
    states = Simulation(Board(level)).run()
    return [int(s.charge[(2, 1)]) for s in states]


@pytest.mark.parametrize(("kind", "weather", "per_tick"), [
    ("solar_panel", Stretch(1, sky="clear").weather(day=True), 2),
    ("solar_panel", Stretch(1, sky="cloudy").weather(day=True), 1),
    ("solar_panel", Stretch(1, sky="clear").weather(day=False), 0),
    ("wind_turbine", Stretch(1, wind="breeze").weather(day=False), 2),  # 3, the battery takes 2
    ("wind_turbine", Stretch(1, wind="calm").weather(day=True), 0),
])
def test_a_source_gives_what_the_weather_lets_it_into_a_battery(kind, weather, per_tick):
    assert _given(kind, weather) == [per_tick, 2 * per_tick, 3 * per_tick]


def test_a_turbine_gives_nothing_in_calm_air_three_in_a_breeze_and_six_in_a_strong_wind():
    """Through the simulation: a turbine feeds a street of houses (one block each); how many
    it lights is what it gives."""
    houses = [("house", (x, 1)) for x in range(2, 8)]
    level = make_level(parts=[("wind_turbine", (1, 1)), *houses], width=9, ticks=3)
    for wind, blocks in (("calm", 0), ("breeze", 3), ("strong", 6)):
        for count in range(1, 7):
            board_level = replace(level, parts=level.parts[:1 + count],
                                  environment=Environment.from_forecast(
                                      ALWAYS_DAY, [Stretch(3, wind=wind)]))
            lit = run_board(Board(board_level), answer=None).solved
            assert lit == (count <= blocks), (wind, count)


def test_a_cloudy_sky_halves_the_panel_and_rain_changes_nothing_for_power():
    level = make_level(parts=[("solar_panel", (1, 1)), ("house", (2, 1)), ("house", (3, 1))],
                       ticks=4, cycle=Cycle(day=4, night=0))
    line = Environment.from_forecast(level.cycle, [Stretch(2), Stretch(1, sky="cloudy"),
                                                   Stretch(1, sky="cloudy", rain=True)])
    states = Simulation(Board(replace(level, environment=line))).run()
    assert [len(s.powered) for s in states] == [2, 2, 0, 0]  # 2 blocks, then 1: a shortage
    assert [bool(s.short) for s in states] == [False, False, True, True]


# --- the level that needs the weather -------------------------------------------------------
def test_the_windless_night_is_solved_by_both_of_its_solutions_and_not_by_one_battery():
    level = load_level(LEVEL)
    assert level.environment is not None and len(level.every_solution) == 2
    boards = set()
    for solution in level.every_solution:
        board, result = play_solution(level, solution)
        assert result.solved and result.stars == 3
        boards.add(board.layout())
    assert len(boards) == 2
    night = [t for t in range(level.ticks) if not level.weather().at(t).is_day]
    assert night and all(level.weather().at(t).wind == 0 for t in night)
    # what a pupil tries first: one battery gives 2 a tick, the street needs 3 at night
    board = Board(level)
    assert Editor(board).apply(Step(StepAction.PLACE, at=(3, 1), kind="battery"))
    states = Simulation(board).run()
    assert not run_board(board, answer=None).solved
    assert all(states[t].short for t in night)


def test_the_windless_night_has_its_golden_file_and_it_holds():
    level = load_level(LEVEL)
    expected = json.loads(golden_record.golden_path(level).read_text(encoding="utf-8"))
    assert golden_record.first_difference(expected, golden_record.record_level(level)) is None


def test_amounts_between_whole_blocks_are_rounded_down():
    """A panel under a quarter of cloud has 1.5 blocks of light: it gives 1 (a part gives a
    block only once it has made a whole one)."""
    assert _given("solar_panel", Weather(cloud=0.25)) == [1, 2, 3]
    assert _given("wind_turbine", Weather(wind=0.5)) == [1, 2, 3]  # 1.5 -> 1


def test_a_weather_of_only_default_stretches_is_the_weather_of_no_key():
    """What a stretch leaves out is today's weather: clear, a breeze, dry."""
    cycle = Cycle(day=3, night=2)
    assert Environment.from_forecast(cycle, [Stretch(4), Stretch(6)]) == \
        Environment.from_cycle(cycle, 10)
