"""Media as plug-ins: a fixed order within a tick, and a later medium sees the facts of the
ones before it this very tick (a pump that needs energy, a sensor that switches a valve)."""

from __future__ import annotations

from game.sim.board import Board
from game.sim.media import Env, Shared, media, medium_names
from game.sim.media.power import PowerMedium
from game.sim.model import GoalType
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level


def test_power_steps_before_water_and_each_keeps_its_own_facts():
    assert medium_names() == ("power", "water", "items", "heat", "circuit", "motion", "signal",
                              "packets")
    assert [m.name for m in media()] == ["power", "water", "items", "heat", "circuit", "motion",
                                       "signal", "packets"]
    level = make_level(parts=[("wind_turbine", (0, 0)), ("house", (1, 0)), ("tap", (4, 0)),
                              ("sprinkler", (4, 1), 2)], goals=(GoalType.POWERED,))
    state = Simulation(Board(level)).run()[1]  # the water reaches the sprinkler at tick 1
    assert list(state.facts) == ["power", "water", "items", "heat", "circuit", "motion",
                                 "signal", "packets"]
    assert state.facts["power"]["powered"] == {(1, 0)} == state.powered == state.fact("powered")
    assert state.facts["water"]["sprinkling"] == {(4, 1)} == state.sprinkling
    assert state.producing == {(0, 0), (4, 0)}, "producing gathers every medium's sources"
    assert state.fact("no such fact", "none") == "none"


class LampTester:
    """A toy medium after power: it reads this tick's power facts (what a pump that needs
    energy will do)."""

    name = "tester"

    def build(self, graph, board, params):
        self.cells = sorted(c for c, p in board.pieces.items() if p.kind == "house")

    def step(self, tick: int, env: Env, shared: Shared):
        return {"seen": frozenset(c for c in self.cells if c in shared.get("power", "powered"))}


def test_a_medium_later_in_the_tick_reads_what_an_earlier_one_made():
    level = make_level(parts=[("solar_panel", (0, 0)), ("house", (1, 0)), ("house", (5, 5))])
    sim = Simulation(Board(level), with_media=[PowerMedium(), LampTester()])
    state = sim.step()
    assert state.fact("seen") == {(1, 0)}
    assert list(state.facts) == ["power", "tester"]
