"""Design rules of ``techniekwerf check`` over a level that loads (the game keeps every level
that loads while a designer works on these):

- A level for groep 7 or 8 carries at least two solutions that end on different boards
  (LEVELS.md: more than one build solves it). A level that truly has one good build says so
  in a comment with :data:`ONE_BUILD_MARK` and why: a design question for the lead. Plain
  ``check`` accepts that note; ``check --search`` still lists the level.
- ``check --search`` only: a small level has no build with fewer parts than its three-star
  rule allows (:mod:`game.content.search`, bounded).
"""

from __future__ import annotations

from game.content.loader import LevelFile
from game.content.search import cheaper_build
from game.datafile.problems import Problem

#: a level whose groep range reaches this needs two different solutions in its file
TWO_SOLUTIONS_FROM_GROEP = 7
#: the comment of a level file that explains why it has one good build only
ONE_BUILD_MARK = "ONE BUILD ONLY"


def two_solutions(file: LevelFile) -> Problem | None:
    """One line when a groep 7-8 level's solutions do not end on two different boards."""
    from game.sim.goals import play_solution

    level = file.level
    assert level is not None
    if level.groep[1] < TWO_SOLUTIONS_FROM_GROEP:
        return None
    ends = file.solution_ends  # as the loader's proof replayed them, else replayed here
    if len(ends) != len(level.every_solution):
        ends = tuple(play_solution(level, s)[0].layout() for s in level.every_solution)
    if len(set(ends)) >= 2:
        return None
    key = "solutions" if len(level.every_solution) > 1 else "solution"
    return Problem(file.source, file.line_of(key), key,
                   "a level for groep 7-8 needs at least two solutions that end on different "
                   f"boards (solutions: a list), or a '# {ONE_BUILD_MARK}: why' comment")


def marked_one_build(file: LevelFile) -> bool:
    try:
        return ONE_BUILD_MARK in file.path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return False


def review_level(file: LevelFile, search: bool = False) -> list[Problem]:
    """The design lines for a level that loaded (``search``: the review of ``--search``)."""
    level = file.level
    assert level is not None
    problems = []
    one = two_solutions(file)
    if one is not None and (search or not marked_one_build(file)):
        problems.append(one)
    found = cheaper_build(level) if search else None
    if found is not None:
        budget = level.stars.three.max_parts
        problems.append(Problem(
            file.source, file.line_of("stars"), "stars",
            f"a build with {found.parts} parts solves it; 3 stars needs at most {budget}: "
            "tighten or change the level"))
    return problems
