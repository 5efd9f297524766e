"""What the measuring probe shows: how much flows through one part in one tick.

Each medium writes its readings while it steps (``medium.meter``), from the very numbers it
uses to decide what works; the simulation keeps them per tick (``TickState.meter``). The
play screen's probe only reads them: it never works anything out again.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Reading:
    """One part in one tick. ``amount``: energy blocks (power) or water (water) that flow
    through it; ``need``: what a consumer needs now (None: it needs nothing, it passes on or
    gives); ``store``: what a battery or tank holds after the tick (None: it stores nothing);
    ``lost``: water spilling out here (a leak).

    A workbench part (circuit) gives ``amps``, the current through it; a lamp its
    ``brightness`` (0 to 1), a coil whether it is a ``magnet`` now, a battery whether it is
    ``shorted``. A moving part (motion) gives ``turn``, its speed with a sign (positive:
    clockwise), and ``jammed`` when its train is locked; a bench motor gives its ``amps`` too.

    A signal part (signal) gives ``signal``, whether it is on (a wire carrying on, a button or
    sensor sending, a gate whose output is on, a lamp lit); a gate also its ``inputs``, each
    on or off, in the order of its sides.

    A packet cable (packets) gives ``packets``, the messages that went into it so far; a
    router the messages ``waiting`` in its queue now."""

    amount: float
    need: float | None = None
    store: float | None = None
    lost: float = 0.0
    amps: float | None = None
    brightness: float | None = None
    magnet: bool | None = None
    shorted: bool = False
    turn: Fraction | None = None
    jammed: bool = False
    packets: int | None = None
    waiting: bool = False
    signal: bool | None = None
    inputs: tuple[bool, ...] | None = None

    @property
    def short(self) -> bool:
        """A consumer that got less than it needs."""
        return self.need is not None and self.amount < self.need
