"""The design review of ``techniekwerf check --search``: rules about a level's design that a
level can load without, so the game keeps every level while a designer works on them.

- A level for groep 7 or 8 carries at least two solutions that end on different boards
  (LEVELS.md: more than one build solves it).
- A small level has no build with fewer parts than its three-star rule allows
  (:mod:`game.content.search`, bounded).
"""

from __future__ import annotations

from game.content.loader import LevelFile
from game.content.problems import Problem
from game.content.search import cheaper_build

#: a level whose groep range reaches this needs two different solutions in its file
TWO_SOLUTIONS_FROM_GROEP = 7


def review_level(file: LevelFile, search: bool = True) -> list[Problem]:
    """The review's lines for a level that loaded (``search``: with the bounded search)."""
    from game.sim.goals import play_solution

    level = file.level
    assert level is not None
    problems = []
    key = "solutions" if len(level.every_solution) > 1 else "solution"
    if level.groep[1] >= TWO_SOLUTIONS_FROM_GROEP:
        boards = {play_solution(level, s)[0].layout() for s in level.every_solution}
        if len(boards) < 2:
            problems.append(Problem(
                file.source, file.line_of(key), key,
                "a level for groep 7-8 needs at least two solutions that end on different "
                "boards (solutions: a list)"))
    found = cheaper_build(level) if search else None
    if found is not None:
        budget = level.stars.three.max_parts
        problems.append(Problem(
            file.source, file.line_of("stars"), "stars",
            f"a build with {found.parts} parts solves it; 3 stars needs at most {budget}: "
            "tighten or change the level"))
    return problems
