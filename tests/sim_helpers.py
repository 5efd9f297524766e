"""Small level builders for the simulation tests (no files, no pygame)."""

from __future__ import annotations

from game.sim.model import (
    ALWAYS_DAY,
    NO_TIP,
    Cycle,
    Goal,
    GoalType,
    Level,
    LevelKind,
    PlacedPart,
    Solution,
    StarRule,
    Stars,
)


def make_level(parts=(), palette=None, goals=(GoalType.POWERED,), width=8, height=6, ticks=12,
               cycle: Cycle = ALWAYS_DAY, blocked=(), stars: Stars | None = None, question=None,
               steps=()) -> Level:
    return Level(
        id="test-level", world="city", kind=LevelKind.BUILD, order=1, groep=(3, 8),
        kerndoelen=(42,), title="Test", story="A test level.", width=width, height=height,
        blocked=frozenset(blocked),
        parts=tuple(p if isinstance(p, PlacedPart) else PlacedPart(*p) for p in parts),
        palette=dict(palette or {}),
        goals=tuple(g if isinstance(g, Goal) else Goal(g) for g in goals),
        stars=stars or Stars(two=StarRule(max_parts=3), three=StarRule(max_parts=2, max_hints=0)),
        hints=(), parent_tip=NO_TIP, solution=Solution(tuple(steps), 1), ticks=ticks, cycle=cycle,
        question=question,
    )
