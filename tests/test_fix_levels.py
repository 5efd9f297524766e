"""Every fix level fails first for the reason its story gives (LEVELS.md: a fix level shows
the fault before the pupil mends it): run as shipped, its first failed goal and the cells it
names are the ones below. A new fix level must be added here, with the failure its story
tells of."""

from __future__ import annotations

import pytest

from game.sim.goals import evaluate
from game.sim.model import GoalType, LevelKind
from game.sim.simulation import Simulation
from tests.scene_gallery import catalogue as shipped_levels

#: fix level -> (the goal its first failure is about, the cells that failure names)
FIRST_FAILURE = {
    "city-04-broken-wire": (GoalType.POWERED, {(5, 1), (6, 1)}),  # two houses dark
    "city-10-dark-in-lelystad": (GoalType.POWERED, {(5, 4), (6, 4)}),  # end of the street
    "city-13-busy-street": (GoalType.NO_TRIPPED_FUSE, {(1, 1)}),  # the fuse trips
    "greenport-04-cracked-pipe": (GoalType.NO_LEAKS, {(2, 1)}),  # the cracked pipe
    "greenport-10-dry-in-aalsmeer": (GoalType.NO_LEAKS, {(6, 1)}),  # water on the floor
    "greenport-13-big-leak-small-leak": (GoalType.WATERED, {(7, 3), (8, 3), (8, 4), (9, 4)}),
    "logistics-04-pile-up": (GoalType.NO_JAM, {(0, 3), (1, 3)}),  # the parcels pile up
    "logistics-08-two-faults": (GoalType.NO_WRONG, {(3, 3)}),  # parcels go wrong
    "life-sciences-04-the-gap": (GoalType.NOT_TOO_WARM, {(2, 2), (4, 2)}),  # too warm inside
    "life-sciences-09-blocked-vent": (GoalType.VENT_FREE, {(3, 2)}),  # the fridge's vent
    "hightech-02-the-gap": (GoalType.LAMPS_LIT, {(3, 1)}),  # the crane's lamp stays dark
    "hightech-09-the-jammed-gears": (GoalType.NO_GEAR_JAM, {(2, 2), (3, 1), (3, 2)}),  # jam
    "ict-04-the-broken-cable": (GoalType.PACKETS_DELIVERED, {(2, 2)}),  # no blue square
    "ict-11-warm-hall": (GoalType.NOT_TOO_WARM, {(1, 1), (4, 1)}),  # two servers too warm
}


def fix_levels():
    return [lv for lv in shipped_levels() if lv.kind == LevelKind.FIX]


def test_every_fix_level_says_how_it_fails_first():
    assert {lv.id for lv in fix_levels()} == set(FIRST_FAILURE)


@pytest.mark.parametrize("level_id", sorted(FIRST_FAILURE))
def test_a_fix_level_fails_first_for_the_reason_its_story_gives(level_id):
    from game.sim.board import Board

    level = next(lv for lv in fix_levels() if lv.id == level_id)
    board = Board(level)
    failures = evaluate(board, Simulation(board).run()).failures
    goal, cells = FIRST_FAILURE[level_id]
    assert failures, f"{level_id} works as shipped: nothing to fix"
    assert (failures[0].goal.type, set(failures[0].cells)) == (goal, cells), level_id
