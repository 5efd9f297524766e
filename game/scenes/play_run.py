"""One Test as the pupil watches it: the simulation stepped at a calm, fixed pace.

The simulation itself is instant; showing 5 ticks a second (20 on fast-forward) lets a child
follow the water and the current. The run keeps every state so the goals can judge it and
so the board can stay in its last state after a failure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pygame

from game.sim.board import Board
from game.sim.geometry import Cell
from game.sim.goals import GOALS, Evaluation
from game.sim.model import Cycle, GoalType
from game.sim.simulation import Simulation, TickState
from game.ui.board_fx import RunPaths, run_paths

if TYPE_CHECKING:
    from game.ui.board_view import BoardView
    from game.ui.view import Painter

TICKS_PER_SECOND = 5.0
FAST = 4
LINGER = 0.6  # seconds the last tick stays before the verdict: let the pupil look


#: loops that play while a run's fact names anything (current flowing in the town or on the
#: workbench, water, things on belts, a fridge cooling, gears turning)
RUN_LOOPS: tuple[tuple[str, str], ...] = (("live", "power_hum"), ("wet", "water"),
                                          ("items", "belt"), ("cooling", "fridge"),
                                          ("flowing", "power_hum"), ("turning", "gears"))
#: loops that stop when their fact names nothing any more (a fridge that reached its
#: temperature falls quiet and hums again when it starts cooling again; gears whose motor
#: loses its energy at night stop whirring); the others play on
STOPPING_LOOPS = frozenset({"fridge", "gears"})
#: one-shot sounds when a fact newly names a cell: a lamp lights, a leak starts, a plane takes
#: in the right things, things pile up or fall off, an ice pack starts melting (it cracks), a
#: heater switches on (the click of its switch); on the workbench a lamp glows, the
#: electromagnet grabs steel (a clunk), gears that block each other bump; in the data centre
#: a gate or signal lamp switches on (a relay's tick), a door lock opens (chk-clack), an
#: alarm bell starts to ring (a gentle tring-tring), a message reaches its address (a blip: a
#: fact that counts per cell sounds each time a count goes up, see :func:`newly`)
RUN_SOUNDS: tuple[tuple[str, str], ...] = (("powered", "lamp_on"), ("leaks", "leak"),
                                           ("took", "item_in"), ("jammed", "jam"),
                                           ("dropped", "jam"), ("wrong", "jam"),
                                           ("flat", "jam"), ("trucks_out", "truck"),
                                           ("melting", "ice_crack"), ("heating", "toggle"),
                                           ("glowing", "lamp_on"), ("held", "magnet"),
                                           ("gear_jam", "jam"), ("gates_on", "relay"),
                                           ("lamps_on", "relay"), ("doors_open", "door_lock"),
                                           ("ringing", "alarm_bell"),
                                           ("packets_received", "packet"))
LOOP_SOUNDS = tuple(dict.fromkeys(sound for _fact, sound in RUN_LOOPS))


def newly(before: Any, after: Any) -> bool:
    """Whether a fact names something new from one tick to the next: a cell it did not name
    before, or (a fact that counts per cell, like the messages each server took) a count
    that went up."""
    if isinstance(after, Mapping):
        prev = before if isinstance(before, Mapping) else {}
        return any(key not in prev or (isinstance(value, int | float)
                                       and isinstance(prev[key], int | float)
                                       and value > prev[key])
                   for key, value in after.items())
    return bool(set(after or ()) - set(before or ()))


@dataclass
class RunNews:
    """What changed with the newest tick, for sounds."""

    lamps_on: set[Cell] = field(default_factory=set)
    new_leaks: bool = False
    ticks: int = 0
    #: the one-shot sounds the newest ticks call for (RUN_SOUNDS), each once
    sounds: set[str] = field(default_factory=set)


class LiveRun:
    def __init__(self, board: Board) -> None:
        self.sim = Simulation(board)
        self.board = self.sim.board  # the frozen copy the run works on
        first = self.sim.step()
        self.paths: RunPaths = run_paths(self.board, first.arrival, self.sim.flows)
        self.fast = False
        self._into_tick = 0.0  # seconds since the current tick was shown
        self.finished = False
        #: the first tick's one-shot sounds (a lamp lit from the start), heard on the first update
        self._first_sounds = {sound for fact, sound in RUN_SOUNDS if first.fact(fact)}

    @property
    def states(self) -> list[TickState]:
        return self.sim.states

    @property
    def state(self) -> TickState:
        return self.sim.states[-1]

    @property
    def period(self) -> float:
        return 1.0 / (TICKS_PER_SECOND * (FAST if self.fast else 1))

    @property
    def fraction(self) -> float:
        """How far the present is into the next tick (0..1), for smooth water fronts."""
        return min(1.0, self._into_tick / self.period)

    @property
    def more_ticks(self) -> bool:
        return not self.sim.done

    @property
    def progress(self) -> float:
        total = max(1, self.sim.ticks_total)
        return min(1.0, (self.state.tick + (self.fraction if self.more_ticks else 1)) / total)

    def update(self, dt: float) -> RunNews:
        news = RunNews()
        if self.finished:
            return news
        news.sounds, self._first_sounds = self._first_sounds, set()
        self._into_tick += dt
        while self._into_tick >= self.period and not self.sim.done:
            self._into_tick -= self.period
            before = self.state
            after = self.sim.step()
            news.ticks += 1
            news.lamps_on |= set(after.powered) - set(before.powered)
            news.new_leaks |= bool(after.leaks - before.leaks)
            news.sounds |= {sound for fact, sound in RUN_SOUNDS
                            if newly(before.fact(fact, ()), after.fact(fact, ()))}
        if self.sim.done and self._into_tick >= max(self.period, LINGER / (FAST if self.fast else 1)):
            self.finished = True
        return news

    def finish_now(self) -> None:
        """Run the rest at once (tools and screenshots: no need to watch)."""
        while not self.sim.done:
            self.sim.step()
        self.finished = True


# --- showing a run: shared by the play screen and the teacher's replay of an attempt ----------
def show_run(view: BoardView, run: LiveRun | None, running: bool) -> None:
    """Hand the run's present state to the board view (None: back to the still board)."""
    if run is None:
        view.state, view.paths, view.more_ticks, view.fraction = None, None, False, 0.0
        return
    view.state, view.paths = run.state, run.paths
    view.more_ticks, view.fraction = run.more_ticks and running, run.fraction


#: the badge (a status of game.ui.theme.STATUS) on a cell where a goal failed: what went wrong
#: there, in a colour and a shape (read from the goal table, game.sim.goals.GOALS)
FAILURE_BADGE: dict[GoalType, str] = {t: rule.badge for t, rule in GOALS.items()}


def failure_badge(goal: GoalType) -> str:
    """The badge of a failed goal of this type: its own from the goal table, else the cross."""
    return FAILURE_BADGE.get(goal, "broken")


def failure_marks(ev: Evaluation) -> dict[Cell, str]:
    """A badge on every cell where a goal failed, saying what failed there; causes first (a
    leak's drop wins over the dry bed it left behind)."""
    marks: dict[Cell, str] = {}
    for r in ev.failures:
        badge = failure_badge(r.goal.type)
        for c in r.cells:
            marks.setdefault(c, badge)
    return marks


def success_marks(board: Board) -> dict[Cell, str]:
    """A ✓ on everything the goals were about: the houses, beds and tanks that work."""
    return {c: "works" for c, p in board.pieces.items()
            if p.spec.role.value in ("consumer", "field", "tank")}


def draw_timeline(painter: Painter, r: pygame.Rect, run: LiveRun, cycle: Cycle,
                  tick: int | None = None) -> None:
    """How far the run is, with day and night as yellow and blue stretches; ``tick`` puts the
    marker on one moment of a finished run (the teacher looking back at it)."""
    total = max(1, run.sim.ticks_total)
    painter.panel(r, fill="paper", radius=20, shadow=0)
    inner = r.inflate(-10, -10)
    if cycle.night > 0:
        for t in range(total):
            x0 = inner.x + inner.width * t / total
            x1 = inner.x + inner.width * (t + 1) / total
            colour = (250, 226, 120) if run.sim.environment.at(t).is_day else (70, 90, 160)
            painter.rect(colour, (x0, inner.y, x1 - x0 + 1, inner.height))
    else:
        painter.rect((250, 226, 120), inner, 14)
    progress = run.progress if tick is None else min(1.0, (tick + 1) / total)
    done = inner.width * progress
    painter.rect((255, 255, 255, 110), (inner.x + done, inner.y, inner.width - done,
                                        inner.height))
    painter.rect("ink", r, 20, 3)
    mx = inner.x + done
    day = run.state.daylight if tick is None else run.states[tick].daylight
    icon = "icons/sun" if day or cycle.night == 0 else "icons/moon"
    painter.circle("paper", (mx, r.centery), 24)
    painter.circle("ink", (mx, r.centery), 24, 3)
    painter.image(icon, (mx - 18, r.centery - 18, 36, 36))
