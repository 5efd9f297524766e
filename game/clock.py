"""A fixed logic step behind a variable frame rate.

The simulation and animations advance in equal steps (60 a second by default) however fast
or slow the PC draws, so a level plays the same on an old classroom PC as on a new one. The
time source is passed in, so tests move time by hand instead of sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable

TimeSource = Callable[[], float]


class FixedStepClock:
    """Counts how many fixed steps are due since the last call to :meth:`advance`.

    ``max_steps`` caps the catch-up after a long stall (a slow disk, a dragged window), so the
    game skips time rather than freezing in a spiral of ever more steps.
    """

    def __init__(self, step: float = 1 / 60, time_source: TimeSource = time.perf_counter,
                 max_steps: int = 5) -> None:
        if step <= 0:
            raise ValueError("step must be positive")
        self.step = step
        self.max_steps = max(1, max_steps)
        self._now = time_source
        self._last = time_source()
        self._acc = 0.0
        self.ticks = 0  # fixed steps run since the start

    def advance(self) -> int:
        """Read the time source; return how many fixed steps to run now."""
        now = self._now()
        elapsed = max(0.0, now - self._last)
        self._last = now
        self._acc += elapsed
        # A hair of tolerance: 0.25 - 2 * 0.1 + 0.05 must count as one whole 0.1 step.
        steps = int((self._acc + 1e-9) // self.step)
        if steps > self.max_steps:
            steps = self.max_steps
            self._acc = 0.0  # drop the backlog: never try to catch up on minutes
        else:
            self._acc = max(0.0, self._acc - steps * self.step)
        self.ticks += steps
        return steps

    @property
    def alpha(self) -> float:
        """How far (0..1) the present lies between the last step and the next: for drawing."""
        return min(1.0, self._acc / self.step)

    def reset(self) -> None:
        """Forget time that passed while nothing ran (e.g. after loading)."""
        self._last = self._now()
        self._acc = 0.0


class ManualTime:
    """A time source for tests and tools: time moves only when told to."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
