"""The catalogue of parts: what each kind of part is, which sides it connects on, what it does.

The catalogue is plain data. Ports are listed at rotation 0; a piece on the board turns them
with its rotation. Names and descriptions are English msgids, translated where they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from game.sim.geometry import Side


def N_(message: str) -> str:
    """Mark a string for the translation catalogue without translating it here."""
    return message


class Medium(str, Enum):
    POWER = "power"
    WATER = "water"
    NONE = "none"


class Role(str, Enum):
    SOURCE = "source"  # puts energy or water into its network
    STORAGE = "storage"  # battery: takes surplus, gives it back when short
    CONDUCTOR = "conductor"  # wires and pipes, switches and valves
    CONSUMER = "consumer"  # houses, lights, the school, sprinklers
    TANK = "tank"  # a water tank that fills with what is left over
    FIELD = "field"  # a greenhouse bed: no ports, watered by sprinklers next to it


ALL_SIDES = frozenset(Side)


@dataclass(frozen=True)
class PartSpec:
    kind: str
    medium: Medium
    role: Role
    ports: frozenset[Side]
    name: str  # msgid
    description: str  # msgid, one short sentence for a tooltip
    output: int = 0  # units a tick a source gives (power units or water units)
    demand: int = 0  # units a tick a consumer needs
    capacity: int = 0  # battery charge or tank volume
    rate: int = 0  # most a battery gives back in one tick
    toggle: bool = False  # switch or valve: the pupil can open and close it
    rotates: bool = True  # False where every rotation looks and works the same
    daylight_only: bool = False  # a solar panel makes power only in daylight
    night_only: bool = False  # a street light needs power only at night
    extra: dict[str, int] = field(default_factory=dict)

    def ports_at(self, rotation: int) -> frozenset[Side]:
        return frozenset(side.turned(rotation) for side in self.ports)


def _spec(**kw) -> PartSpec:
    return PartSpec(**kw)


_STRAIGHT = frozenset({Side.N, Side.S})
_CORNER = frozenset({Side.N, Side.E})
_TEE = frozenset({Side.W, Side.N, Side.E})

CATALOGUE: dict[str, PartSpec] = {
    spec.kind: spec
    for spec in (
        # --- power -------------------------------------------------------------------------
        _spec(kind="solar_panel", medium=Medium.POWER, role=Role.SOURCE, ports=ALL_SIDES,
              name=N_("Solar panel"), description=N_("Makes power from sunlight, only by day."),
              output=2, daylight_only=True, rotates=False),
        _spec(kind="wind_turbine", medium=Medium.POWER, role=Role.SOURCE, ports=ALL_SIDES,
              name=N_("Wind turbine"), description=N_("Makes power from the wind, day and night."),
              output=3, rotates=False),
        _spec(kind="battery", medium=Medium.POWER, role=Role.STORAGE, ports=ALL_SIDES,
              name=N_("Battery"), description=N_("Stores spare energy and gives it back later."),
              capacity=12, rate=2, rotates=False),
        _spec(kind="wire_straight", medium=Medium.POWER, role=Role.CONDUCTOR, ports=_STRAIGHT,
              name=N_("Straight wire"), description=N_("Carries power in a straight line.")),
        _spec(kind="wire_corner", medium=Medium.POWER, role=Role.CONDUCTOR, ports=_CORNER,
              name=N_("Corner wire"), description=N_("Carries power around a corner.")),
        _spec(kind="wire_t", medium=Medium.POWER, role=Role.CONDUCTOR, ports=_TEE,
              name=N_("T-wire"), description=N_("Splits power three ways.")),
        _spec(kind="wire_cross", medium=Medium.POWER, role=Role.CONDUCTOR, ports=ALL_SIDES,
              name=N_("Cross wire"), description=N_("Joins power from all four sides."),
              rotates=False),
        _spec(kind="switch", medium=Medium.POWER, role=Role.CONDUCTOR, ports=_STRAIGHT,
              name=N_("Switch"), description=N_("Click it to turn the power on or off."),
              toggle=True),
        _spec(kind="house", medium=Medium.POWER, role=Role.CONSUMER, ports=ALL_SIDES,
              name=N_("House"), description=N_("A home that needs energy for its lights."),
              demand=1, rotates=False),
        _spec(kind="street_light", medium=Medium.POWER, role=Role.CONSUMER, ports=ALL_SIDES,
              name=N_("Street light"), description=N_("Needs energy at night to light the street."),
              demand=1, night_only=True, rotates=False),
        _spec(kind="school", medium=Medium.POWER, role=Role.CONSUMER, ports=ALL_SIDES,
              name=N_("School"), description=N_("A big building that needs a lot of energy."),
              demand=3, rotates=False),
        # --- water -------------------------------------------------------------------------
        _spec(kind="tap", medium=Medium.WATER, role=Role.SOURCE, ports=frozenset({Side.S}),
              name=N_("Tap"), description=N_("Gives a little water into the pipe on its spout side."),
              output=2),
        _spec(kind="pump", medium=Medium.WATER, role=Role.SOURCE, ports=frozenset({Side.S}),
              name=N_("Pump"), description=N_("Pumps a lot of water into the pipe on its outlet side."),
              output=4),
        _spec(kind="pipe_straight", medium=Medium.WATER, role=Role.CONDUCTOR, ports=_STRAIGHT,
              name=N_("Straight pipe"), description=N_("Carries water in a straight line.")),
        _spec(kind="pipe_corner", medium=Medium.WATER, role=Role.CONDUCTOR, ports=_CORNER,
              name=N_("Corner pipe"), description=N_("Carries water around a corner.")),
        _spec(kind="pipe_t", medium=Medium.WATER, role=Role.CONDUCTOR, ports=_TEE,
              name=N_("T-pipe"), description=N_("Splits water three ways.")),
        _spec(kind="pipe_cross", medium=Medium.WATER, role=Role.CONDUCTOR, ports=ALL_SIDES,
              name=N_("Cross pipe"), description=N_("Joins water from all four sides."),
              rotates=False),
        _spec(kind="valve", medium=Medium.WATER, role=Role.CONDUCTOR, ports=_STRAIGHT,
              name=N_("Valve"), description=N_("Click it to open or close the pipe."), toggle=True),
        _spec(kind="tank", medium=Medium.WATER, role=Role.TANK, ports=frozenset({Side.S}),
              name=N_("Water tank"), description=N_("Fills up with the water that is left over."),
              capacity=12),
        _spec(kind="sprinkler", medium=Medium.WATER, role=Role.CONSUMER, ports=frozenset({Side.S}),
              name=N_("Sprinkler"), description=N_("Sprays water on the beds all around it."),
              demand=1),
        _spec(kind="bed", medium=Medium.NONE, role=Role.FIELD, ports=frozenset(),
              name=N_("Greenhouse bed"), description=N_("Plants that need water from a sprinkler."),
              rotates=False, extra={"needs": 6}),
    )
}


def spec(kind: str) -> PartSpec:
    """The spec of ``kind``; raises KeyError naming the kind when there is none."""
    try:
        return CATALOGUE[kind]
    except KeyError:
        raise KeyError(f"unknown part kind {kind!r}") from None
