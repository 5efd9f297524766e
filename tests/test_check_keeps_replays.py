"""The loader keeps the board each solution ends on while it proves a level, and the checker's
design rule (two different solutions for groep 7-8, ``game.content.review``) reads them
instead of replaying every solution a second time: they are the boards a fresh replay ends on."""

from __future__ import annotations

from game import PROJECT_ROOT
from game.content.loader import LevelFile, discover, inspect_level
from game.content.review import TWO_SOLUTIONS_FROM_GROEP, two_solutions
from game.sim.goals import play_solution


def test_the_kept_ends_are_the_boards_a_fresh_replay_ends_on():
    checked = 0
    for path in discover(PROJECT_ROOT / "levels"):
        file = inspect_level(path)
        if file.level is None:
            continue  # the worlds and parts files
        level = file.level
        assert len(file.solution_ends) == len(level.every_solution), path.name
        if level.groep[1] >= TWO_SOLUTIONS_FROM_GROEP:  # where the rule reads them
            fresh = tuple(play_solution(level, s)[0].layout() for s in level.every_solution)
            assert file.solution_ends == fresh, path.name
            replayed = LevelFile(file.path, file.source, level, [], file.tree)  # none kept
            assert (two_solutions(file) is None) == (two_solutions(replayed) is None), path.name
            checked += 1
    assert checked >= 10
