"""Every part, each on its own: conductors carry along their ports and nowhere else, sources
give what the catalogue says, consumers need what it says."""

from __future__ import annotations

import itertools

import pytest

from game.sim.board import Board
from game.sim.catalogue import CATALOGUE
from game.sim.geometry import Side, neighbour
from game.sim.model import Cycle, PlacedPart
from game.sim.parts import Medium, Role
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level

CENTRE = (2, 2)
#: the conductors of energy and water (belts: tests/test_sim_items.py)
CONDUCTORS = sorted(k for k, s in CATALOGUE.items() if s.role == Role.CONDUCTOR
                    and s.medium in (Medium.POWER, Medium.WATER))


def facing(side: Side) -> int:
    """The rotation that turns a one-port part (port S at rotation 0) to face ``side``."""
    return (side - Side.S) % 4


@pytest.mark.parametrize("kind", CONDUCTORS)
@pytest.mark.parametrize("rotation", range(4))
def test_conductors_join_exactly_the_sides_they_have_ports_on(kind, rotation):
    spec = CATALOGUE[kind]
    ports = spec.ports_at(rotation)
    for a, b in itertools.permutations(Side, 2):
        source_cell, sink_cell = neighbour(CENTRE, a), neighbour(CENTRE, b)
        if spec.medium == Medium.POWER:
            parts = [PlacedPart(kind, CENTRE, rotation), PlacedPart("wind_turbine", source_cell),
                     PlacedPart("house", sink_cell)]
            state = Simulation(Board(make_level(parts=parts))).run()[-1]
            assert ((sink_cell in state.powered) == (a in ports and b in ports)), (a, b)
        else:
            parts = [PlacedPart(kind, CENTRE, rotation),
                     PlacedPart("pump", source_cell, facing(a.opposite())),
                     PlacedPart("sprinkler", sink_cell, facing(b.opposite()))]
            state = Simulation(Board(make_level(parts=parts, ticks=4))).run()[-1]
            # the water gets there (a cross's two open ends may spill all the pump's push)
            assert ((sink_cell in state.wet) == (a in ports and b in ports)), (a, b)


@pytest.mark.parametrize("kind", ["switch", "valve"])
def test_switches_and_valves_close(kind):
    spec = CATALOGUE[kind]
    a, b = sorted(spec.ports)
    for on in (True, False):
        centre = PlacedPart(kind, CENTRE, 0, on=on)
        if spec.medium == Medium.POWER:
            parts = [centre, PlacedPart("wind_turbine", neighbour(CENTRE, a)),
                     PlacedPart("house", neighbour(CENTRE, b))]
            state = Simulation(Board(make_level(parts=parts))).run()[-1]
            assert (neighbour(CENTRE, b) in state.powered) == on
        else:
            parts = [centre, PlacedPart("tap", neighbour(CENTRE, a), facing(a.opposite())),
                     PlacedPart("sprinkler", neighbour(CENTRE, b), facing(b.opposite()))]
            state = Simulation(Board(make_level(parts=parts, ticks=4))).run()[-1]
            assert (neighbour(CENTRE, b) in state.sprinkling) == on
            assert not state.leaks


@pytest.mark.parametrize("kind", sorted(k for k, s in CATALOGUE.items()
                                        if s.role == Role.SOURCE and s.medium == Medium.POWER))
def test_power_sources_light_as_many_houses_as_their_output(kind):
    output = CATALOGUE[kind].output
    for houses in (output, output + 1):
        parts = [PlacedPart(kind, (0, 0))] + [PlacedPart("house", (x, 0))
                                               for x in range(1, houses + 1)]
        # a generator that needs moments to start up gives from then on
        started = int(CATALOGUE[kind].params.get("start_ticks", 0))
        state = Simulation(Board(make_level(parts=parts, width=8))).run()[started]
        assert (len(state.powered) == houses) == (houses <= output)


@pytest.mark.parametrize("kind", sorted(k for k, s in CATALOGUE.items()
                                        if s.role == Role.SOURCE and s.medium == Medium.WATER
                                        and not s.drain))  # a drain only gives back
def test_water_sources_feed_as_many_sprinklers_as_their_output(kind):
    output = CATALOGUE[kind].output
    # a row of T-pipes under the source, each with a sprinkler hanging below it
    parts = [PlacedPart(kind, (0, 0)), PlacedPart("pipe_corner", (0, 1))]
    for x in range(1, 6):  # T-pipes open west, east and south; sprinklers drink from the north
        parts += [PlacedPart("pipe_t", (x, 1), 2), PlacedPart("sprinkler", (x, 2), 2)]
    parts.append(PlacedPart("valve", (6, 1), 1, on=False))  # a closed valve caps the end
    state = Simulation(Board(make_level(parts=parts, width=9, ticks=12))).run()[-1]
    assert len(state.sprinkling) == output and len(state.thirsty) == 5 - output


def test_consumers_ask_what_the_catalogue_says():
    """At night, from a full battery: it gives at most its rate a tick, so what a consumer
    takes shows its demand (and a school asks more than one battery can give)."""
    rate = CATALOGUE["battery"].rate
    for kind in ("house", "school", "street_light"):
        demand = CATALOGUE[kind].demand
        parts = [PlacedPart("battery", (0, 0), charge=12), PlacedPart(kind, (1, 0))]
        level = make_level(parts=parts, cycle=Cycle(day=0, night=1), ticks=1)
        state = Simulation(Board(level)).run()[0]
        if demand <= rate:
            assert (1, 0) in state.powered and state.charge[(0, 0)] == 12 - demand
        else:
            assert (1, 0) in state.dark and state.charge[(0, 0)] == 12 and state.short
