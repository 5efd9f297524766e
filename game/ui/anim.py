"""Small tweens for feedback that moves: parts pop in, turn, wobble; stars fly in.

Scenes own the time: they call :meth:`Tweens.update` with the frame's ``dt`` so tests can
step animations by hand.

Calmer motion (``settings.reduce_motion``): some children are distracted or made unwell by
movement. With it on, tweens end at once (a placed part is simply there, a failed part keeps
its cross badge but does not wobble) and decorative movement stops: scenes multiply the size
of a bob, sway or breathing by :func:`motion` (0 when calm) and skip confetti. Nothing that
carries information is hidden: badges, stars, the flow of current and water stay.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass


def calm(settings) -> bool:
    """True when the player asked for calmer motion."""
    return bool(getattr(settings, "reduce_motion", False))


def motion(settings) -> float:
    """How much decorative movement to show: 1.0 normally, 0.0 with calmer motion."""
    return 0.0 if calm(settings) else 1.0


def clamp01(t: float) -> float:
    return 0.0 if t < 0 else 1.0 if t > 1 else t


def ease_out_cubic(t: float) -> float:
    t = clamp01(t)
    return 1 - (1 - t) ** 3


def ease_in_out(t: float) -> float:
    t = clamp01(t)
    return t * t * (3 - 2 * t)


def ease_out_back(t: float, overshoot: float = 1.7) -> float:
    """Ends a little past 1 and settles back: a friendly "landing"."""
    t = clamp01(t) - 1
    return 1 + t * t * ((overshoot + 1) * t + overshoot)


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def pop_scale(t: float) -> float:
    """0.8 -> 1.05 -> 1 over t in 0..1 (ART.md: parts pop in when placed)."""
    t = clamp01(t)
    if t < 0.6:
        return lerp(0.8, 1.05, ease_out_cubic(t / 0.6))
    return lerp(1.05, 1.0, ease_in_out((t - 0.6) / 0.4))


def wobble_angle(t: float, amplitude: float = 9.0) -> float:
    """A gentle side-to-side swing that dies out; 2 swings a second, well under 3 Hz."""
    t = clamp01(t)
    return amplitude * math.sin(t * math.tau * 2) * (1 - t)


def shake_offset(t: float, amplitude: float = 8.0) -> float:
    """A short horizontal "no" shake for refused edits."""
    t = clamp01(t)
    return amplitude * math.sin(t * math.tau * 2.5) * (1 - t)


@dataclass
class Tween:
    kind: str  # "pop", "turn", "wobble", "shake"
    duration: float
    elapsed: float = 0.0
    value: float = 0.0  # kind-specific: the start angle of a turn
    loops: bool = False  # wobble until cleared (a failed part keeps swinging gently)

    @property
    def t(self) -> float:
        if self.loops:
            return (self.elapsed % self.duration) / self.duration
        return clamp01(self.elapsed / self.duration)

    @property
    def done(self) -> bool:
        return not self.loops and self.elapsed >= self.duration


class Tweens:
    """Running tweens keyed by (what, kind), e.g. ((3, 2), "pop")."""

    def __init__(self, calm: Callable[[], bool] | None = None) -> None:
        self._items: dict[tuple[Hashable, str], Tween] = {}
        self.enabled = True  # False: reduced motion, every tween ends at once
        # asked on every start and update, so turning calmer motion on mid-level counts at once
        self.calm: Callable[[], bool] = calm or (lambda: False)

    @property
    def still(self) -> bool:
        """Nothing may move now (calmer motion, or switched off)."""
        return not self.enabled or self.calm()

    def start(self, key: Hashable, kind: str, duration: float, value: float = 0.0,
              loops: bool = False) -> None:
        if self.still:
            return
        self._items[(key, kind)] = Tween(kind, duration, 0.0, value, loops)

    def update(self, dt: float) -> None:
        if self.still:
            self._items.clear()  # what was moving ends where it belongs
            return
        finished = []
        for k, tw in self._items.items():
            tw.elapsed += dt
            if tw.done:
                finished.append(k)
        for k in finished:
            del self._items[k]

    def get(self, key: Hashable, kind: str) -> Tween | None:
        return self._items.get((key, kind))

    def subjects(self) -> set[Hashable]:
        """Everything that is moving now (so a cached picture leaves those out)."""
        return {k for k, _ in self._items}

    def clear(self, kind: str | None = None) -> None:
        if kind is None:
            self._items.clear()
        else:
            for k in [k for k in self._items if k[1] == kind]:
                del self._items[k]

    def __bool__(self) -> bool:
        return bool(self._items)
