"""Ports with a medium and a direction, and routes (entry side -> exit sides) that turn with the
part: the vocabulary that belts, diverters, mirrors, one-way valves and gears will use."""

from __future__ import annotations

import pytest

from game.sim.catalogue import CATALOGUE, spec
from game.sim.geometry import Side
from game.sim.parts import Flow, Medium, PartSpec, Port, Role

N, E, S, W = Side.N, Side.E, Side.S, Side.W


def test_a_wire_lets_power_through_every_port_both_ways():
    corner = spec("wire_corner")
    assert corner.io == (Port(N, Medium.POWER, Flow.BOTH), Port(E, Medium.POWER, Flow.BOTH))
    assert corner.routes_at(0) == {N: frozenset({E}), E: frozenset({N})}
    # a quarter turn clockwise: north-east becomes east-south
    assert corner.routes_at(1) == {E: frozenset({S}), S: frozenset({E})}
    assert spec("wire_t").routes_at(0)[W] == frozenset({N, E})


def test_a_tap_has_one_out_port_that_turns_with_it_and_no_way_in():
    tap = spec("tap")
    assert tap.io == (Port(S, Medium.WATER, Flow.OUT),)
    assert tap.io_at(1) == (Port(W, Medium.WATER, Flow.OUT),)
    assert tap.routes_at(1) == {}
    assert tap.exits(1, None) == {W}, "a source starts the flow on its out ports"
    assert tap.exits(1, W) == frozenset(), "nothing can be pushed in through a spout"


def test_a_sprinkler_and_a_tank_take_water_in_and_pass_none_on():
    for kind in ("sprinkler", "tank"):
        assert spec(kind).io == (Port(S, Medium.WATER, Flow.IN),)
        assert spec(kind).exits(0, S) == frozenset()


def test_a_routing_table_of_its_own_turns_with_the_part():
    """A mirror (light from the west leaves north, from the south leaves east), described as
    data: what a later world's part needs."""
    mirror = PartSpec(kind="mirror", medium=Medium.NONE, role=Role.CONDUCTOR,
                      ports=frozenset({W, N, S, E}), name="Mirror", description="",
                      routes={W: frozenset({N}), S: frozenset({E})})
    assert mirror.exits(0, W) == {N}
    assert mirror.exits(1, N) == {E}, "turned once: from the north it leaves east"
    assert mirror.exits(2, E) == {S}
    assert mirror.exits(1, W) == {S}
    assert mirror.exits(1, E) == frozenset(), "no route from that side"


@pytest.mark.parametrize("kind", sorted(CATALOGUE))
def test_every_part_routes_only_between_its_own_ports_at_every_rotation(kind):
    part = spec(kind)
    for rotation in range(4):
        ports = part.ports_at(rotation)
        main = [p for p in part.io_at(rotation) if p.medium == part.medium]
        assert {p.side for p in main} == ports
        # ports of another medium (a pump's plug) are its ``more_ports``, turned with it
        more = {(p.side, p.medium) for p in part.io_at(rotation) if p.medium != part.medium}
        assert more == {(p.turned(rotation).side, p.medium) for p in part.more_ports}
        assert not {side for side, _m in more} & ports
        for entry, exits in part.routes_at(rotation).items():
            assert entry in ports and exits <= ports and entry not in exits
        assert part.routes_at(rotation + 4) == part.routes_at(rotation)
