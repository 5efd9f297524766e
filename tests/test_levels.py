"""Every shipped level: it loads, it is not solved at the start, its reference solution
solves it with exactly the stated stars, its palette is a real budget, and each world
is a full course (enough levels, fix levels, groep 3 to 8)."""

from __future__ import annotations

from collections import defaultdict

import pytest

import game
from game.content.loader import load_levels
from game.content.worlds import world_ids, worlds
from game.sim.board import Board, Refusal
from game.sim.editor import Editor
from game.sim.goals import play_solution, run_board
from game.sim.model import LevelKind, StepAction

LEVELS_DIR = game.PROJECT_ROOT / "levels"
LEVELS = load_levels(LEVELS_DIR)
BY_ID = {level.id: level for level in LEVELS}
WORLDS = world_ids()
#: the worlds on the map (levels/worlds.yaml ``playable``): each must be a whole course; a world
#: whose ladder is still being built has levels that load and play, but no place on the map yet
PLAYABLE = tuple(p.world for p in worlds() if p.playable)


def _worlds():
    worlds = defaultdict(list)
    for level in LEVELS:
        worlds[level.world].append(level)
    return {w: sorted(levels, key=lambda lv: lv.order) for w, levels in worlds.items()}


ids = pytest.mark.parametrize("level_id", sorted(BY_ID))


def test_ids_are_unique():
    assert len(BY_ID) == len(LEVELS)


@ids
def test_level_loads(level_id):
    level = BY_ID[level_id]
    assert level.world in WORLDS
    assert level.id.startswith(f"{level.world.replace('_', '-')}-")  # ids have no _
    assert len(level.hints) == 3, "a nudge, a pointer and a near-answer"
    assert level.hints[1].cells, "the second hint points at cells"
    tip = level.parent_tip  # "Samen ontdekken": a card in four parts
    assert all(part.strip() for part in tip.parts()), "what, region, ask and home"


@ids
def test_not_solved_at_start(level_id):
    level = BY_ID[level_id]
    evaluation = run_board(Board(level))
    assert not evaluation.solved
    assert evaluation.failures


@ids
def test_reference_solution_earns_its_stars(level_id):
    level = BY_ID[level_id]
    board, evaluation = play_solution(level)
    assert evaluation.solved, [(r.goal.type, r.cells) for r in evaluation.failures]
    assert evaluation.stars == level.solution.stars
    placed = sum(step.action is StepAction.PLACE for step in level.solution.steps)
    assert board.parts_used() == placed


@ids
def test_reference_solution_is_the_three_star_one(level_id):
    assert BY_ID[level_id].solution.stars == 3


@ids
def test_hints_cost_the_third_star(level_id):
    level = BY_ID[level_id]
    board, _ = play_solution(level)
    answer = next((s.kind for s in level.solution.steps if s.action is StepAction.ANSWER), None)
    assert run_board(board, hints_used=3, answer=answer).stars == 2


@ids
def test_over_budget_is_refused(level_id):
    level = BY_ID[level_id]
    assert level.palette, "every level has something to place"
    kind, count = sorted(level.palette.items())[0]
    editor = Editor(Board(level))
    board = editor.board
    free = [(x, y) for y in range(board.height) for x in range(board.width)
            if (x, y) not in board.blocked and (x, y) not in board.pieces]
    assert len(free) > count, "room to try one part too many"
    for cell in free[:count]:
        assert editor.place(kind, cell), editor.last_refusal
    assert not editor.place(kind, free[count])
    assert editor.last_refusal is Refusal.NONE_LEFT


@ids
def test_ghost_hints_fit_the_board(level_id):
    level = BY_ID[level_id]
    for hint in level.hints:
        for cell in hint.cells:
            assert level.in_grid(cell)
        if hint.ghost is not None:
            assert level.in_grid(hint.ghost.at)
            assert hint.ghost.at not in level.blocked


@ids
def test_explore_levels_ask_a_question_answered_by_trying(level_id):
    level = BY_ID[level_id]
    if level.kind is not LevelKind.EXPLORE:
        assert level.question is None and level.predict is None
        return
    board, evaluation = play_solution(level)
    if level.predict is not None:  # predict, test, explain: the run decides, not the pick
        assert level.question is None and evaluation.solved
        if level.predict.kind == "table":  # the pupil fills in the table; its want is the answer
            assert level.predict.answer == tuple(row.want for row in level.table.rows)
            return
        assert len([c for c in level.predict.choices if c != level.predict.answer]) >= 1
        return
    assert level.question is not None
    wrong = [c for c in level.question.choices if c != level.question.answer]
    assert wrong
    assert not run_board(board, answer=wrong[0]).solved


@pytest.mark.parametrize("world", PLAYABLE)
def test_world_is_a_full_course(world):
    levels = _worlds()[world]
    assert len(levels) >= 8
    assert sum(lv.kind is LevelKind.FIX for lv in levels) >= 2
    assert any(lv.kind is LevelKind.EXPLORE for lv in levels)
    assert min(lv.groep[0] for lv in levels) == 3
    assert max(lv.groep[1] for lv in levels) == 8
    orders = [lv.order for lv in levels]
    assert orders == sorted(set(orders))
    # groep bands never go backwards by more than one step
    lows = [lv.groep[0] for lv in levels]
    assert all(b >= a - 1 for a, b in zip(lows, lows[1:], strict=False))


@pytest.mark.parametrize("world", PLAYABLE)
def test_first_level_introduces_little(world):
    first = _worlds()[world][0]
    assert first.groep[0] == 3
    assert 1 <= len(first.new_parts) <= 2
    assert sum(first.palette.values()) <= 3


def test_parts_are_introduced_before_they_are_needed():
    """A part a pupil must place is new in that level or was introduced earlier in the world."""
    for levels in _worlds().values():
        known: set[str] = set()
        for level in levels:
            known |= set(level.new_parts)
            needed = {s.kind for s in level.solution.steps if s.action is StepAction.PLACE}
            assert needed <= known, (level.id, needed - known)


def test_check_command_passes():
    from game.content import check
    assert check.main([str(LEVELS_DIR)]) == 0
