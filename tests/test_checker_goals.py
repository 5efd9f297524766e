"""Every goal judges something that is there: a ``filled`` or ``watered`` goal on a board
without a tank or bed, a goal ``at`` a cell without its part, a ``kind`` that is not on the
board, a ``no_leaks`` goal without water or a ``no_shortage`` goal without power would each be
met by doing nothing. The checker refuses each with one line at the goal (before, such a
level passed, or was called "already solved")."""

from __future__ import annotations

import pytest

import game
from game.content.level_schema import GOAL_FLOWS, GOAL_TARGETS
from game.content.loader import inspect_level
from game.sim.model import GoalType
from tests.test_content_loader import BASE, problems_of, write

GREENPORT = game.PROJECT_ROOT / "levels" / "greenport" / "01-first-drops.yaml"
POWERED = "goals:\n  - {type: powered}"


def with_goals(*goals: str) -> str:
    assert POWERED in BASE
    return BASE.replace(POWERED, "goals:\n" + "".join(f"  - {g}\n" for g in goals).rstrip("\n"))


CASES = {
    "watered without a bed": (
        with_goals("{type: watered}"),
        ["lvl.yaml:15: goals[0]: a watered goal needs a greenhouse bed (bed) on the board; "
         "parts has none"]),
    "filled without a tank": (
        with_goals("{type: powered}", "{type: filled}"),
        ["lvl.yaml:16: goals[1]: a filled goal needs a tank (tank) on the board; parts has none"]),
    "powered at an empty cell": (
        with_goals("{type: powered, at: [0, 0]}"),
        ["lvl.yaml:15: goals[0].at: there is no part at [0, 0]; a powered goal at a cell needs "
         "a power consumer there"]),
    "powered at a wire": (
        with_goals("{type: powered, at: [2, 1]}"),
        ["lvl.yaml:15: goals[0].at: the part at [2, 1] is a wire_straight, not a power consumer "
         "(house, street_light, school)"]),
    "powered kind not on the board": (
        with_goals("{type: powered, kind: school}"),
        ["lvl.yaml:15: goals[0].kind: there is no school on the board"]),
    "powered kind and at disagree": (
        with_goals("{type: powered, kind: school, at: [4, 1]}"),
        ["lvl.yaml:15: goals[0].kind: the part at [4, 1] is a house, not a school"]),
    "watered at a house": (
        with_goals("{type: powered}", "{type: watered, at: [4, 1]}"),
        ["lvl.yaml:16: goals[1].at: the part at [4, 1] is a house, not a greenhouse bed (bed)"]),
    "no_leaks without water": (
        with_goals("{type: powered}", "{type: no_leaks}"),
        ["lvl.yaml:16: goals[1]: a no_leaks goal needs a water source (tap, pump) on the board "
         "or in the palette; there is none"]),
    "no_overload is refused with its new name": (
        with_goals("{type: powered}", "{type: no_overload}"),
        ["lvl.yaml:16: goals[1].type: no_overload is now called no_shortage (too little energy "
         "is a shortage, not an overload; an overload is a fuse that trips: no_tripped_fuse)"]),
    "no_tripped_fuse without a fuse": (
        with_goals("{type: powered}", "{type: no_tripped_fuse}"),
        ["lvl.yaml:16: goals[1]: a no_tripped_fuse goal needs a fuse (fuse) on the board or in "
         "the palette; there is none"]),
    "powered without any consumer": (
        with_goals("{type: powered}").replace("{kind: house, at: [4, 1]}",
                                              "{kind: wire_corner, at: [4, 1]}"),
        ["lvl.yaml:15: goals[0]: a powered goal needs a power consumer (house, street_light, "
         "school) on the board; parts has none"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_goal_without_its_part_is_refused_in_one_line(tmp_path, case):
    text, expected = CASES[case]
    assert problems_of(tmp_path, text) == expected


def test_a_goal_that_names_what_is_there_passes(tmp_path):
    for goals in (["{type: powered, at: [4, 1]}"], ["{type: powered, kind: house}"],
                  ["{type: powered, kind: house, at: [4, 1]}", "{type: no_shortage}"]):
        assert problems_of(tmp_path, with_goals(*goals)) == [], goals


def _greenport(goals: str) -> str:
    text = GREENPORT.read_text(encoding="utf-8")
    assert "goals:\n  - {type: watered}\n" in text
    return text.replace("goals:\n  - {type: watered}\n", goals)


def test_no_shortage_on_a_water_level_is_refused(tmp_path):
    path = write(tmp_path / "greenport",
                 _greenport("goals:\n  - {type: watered}\n  - {type: no_shortage}\n"), "g.yaml")
    assert [str(p) for p in inspect_level(path, "g.yaml").problems] == [
        "g.yaml:28: goals[1]: a no_shortage goal needs a power consumer (house, street_light, "
        "school) on the board or in the palette; there is none"]


def test_watered_at_a_bed_and_no_leaks_pass_on_a_water_level(tmp_path):
    path = write(tmp_path / "greenport", _greenport(
        "goals:\n  - {type: watered, at: [1, 1]}\n  - {type: no_leaks}\n"), "g.yaml")
    assert inspect_level(path, "g.yaml").problems == []


def test_filled_at_a_bed_is_refused(tmp_path):
    path = write(tmp_path / "greenport", _greenport(
        "goals:\n  - {type: watered}\n  - {type: filled, at: [1, 1]}\n"), "g.yaml")
    assert [str(p) for p in inspect_level(path, "g.yaml").problems] == [
        "g.yaml:28: goals[1].at: the part at [1, 1] is a bed, not a tank (tank)"]


def test_every_goal_kind_is_considered():
    """A new goal type must say what it needs (or be the answer goal, checked elsewhere)."""
    judged = set(GOAL_TARGETS) | set(GOAL_FLOWS) | {GoalType.ANSWER}
    assert judged == set(GoalType)


def test_every_shipped_level_still_passes():
    from game.content.loader import discover

    for path in discover(game.PROJECT_ROOT / "levels"):
        assert inspect_level(path).problems == [], path
