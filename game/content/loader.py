"""Load level files into :class:`~game.sim.model.Level` objects, or say exactly what is wrong.

``load_level`` and ``load_levels`` are what the game uses; ``inspect_level`` and
``cross_check`` are the pieces ``techniekwerf check`` reports from. Nothing is loaded at
import time: callers decide when to pay for reading the levels.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from game.content.level_schema import ID_PATTERN, LEVEL
from game.content.worlds import WORLDS_FILE, story_order, world_ids
from game.datafile.problems import LevelError, Problem, format_path, sort_problems
from game.datafile.schema import Context
from game.datafile.yamltree import Refusal, Tree, build_tree, compose, read_text
from game.sim.catalogue import PARTS_FILE
from game.sim.model import Level, Solution

LEVEL_SUFFIX = ".yaml"


@dataclass
class LevelFile:
    """One file's outcome: the level when it is sound, and every problem found in it."""

    path: Path
    source: str  # how the file is named in messages
    level: Level | None = None
    problems: list[Problem] = field(default_factory=list)
    tree: Tree | None = None  # the located document, for messages about it from elsewhere
    #: the board each of the level's solutions ends on (``Board.layout()``), in the order of
    #: ``level.every_solution``, as proving the level replayed them (the checker's design
    #: rules read them instead of replaying every solution again)
    solution_ends: tuple = ()

    def line_of(self, key: str) -> int:
        return self.tree.key_line((key,)) if self.tree else 1


def inspect_level(path: str | os.PathLike[str], source: str | None = None) -> LevelFile:
    """Read, parse and validate one file, gathering all of its problems.

    ``source`` is the name used in messages (default: ``path`` as given).
    """
    path = Path(path)
    result = LevelFile(path, source if source is not None else str(path))
    try:
        node = compose(read_text(path))
    except Refusal as refusal:
        result.problems.append(Problem(result.source, refusal.line, "", refusal.message))
        return result
    tree = build_tree(node, result.source)
    level = LEVEL.check(tree.value, (), Context(tree))
    result.tree = tree
    result.problems = sort_problems(tree.problems)
    if not result.problems and isinstance(level, Level):
        ends: list = []
        result.problems = _replay(level, tree, result.source, ends)
        if not result.problems:
            result.level = level
            result.solution_ends = tuple(ends)
    return result


def _replay(level: Level, tree: Tree, source: str, ends: list | None = None) -> list[Problem]:
    """Prove the level by playing it: not solved at the start, solved by each of its
    solutions with the stars it states. The same simulation the pupil sees decides, so a
    level that loads can always be finished. ``ends`` gets the board each solution ends on."""
    from game.sim.board import Board
    from game.sim.goals import run_board

    problems = []
    if run_board(Board(level), answer=None).solved:
        problems.append(Problem(source, tree.key_line(_solution_key(tree, 0)[:1]), "solution",
                                "the level is already solved before anything is done"))
    for k, solution in enumerate(level.every_solution):
        problems += _replay_one(level, solution, _solution_key(tree, k), tree, source, ends)
    return problems


def _solution_key(tree: Tree, k: int) -> tuple[str | int, ...]:
    """Where solution ``k`` is in the file: ``solution`` or ``solutions[k]``."""
    if ("solutions",) in tree.lines and ("solution",) not in tree.lines:
        return ("solutions", k)
    return ("solution",)


def _replay_one(level: Level, solution: Solution, key: tuple[str | int, ...], tree: Tree,
                source: str, ends: list | None = None) -> list[Problem]:
    """One line when ``solution`` does not solve the level or earns other stars; the board it
    ends on goes to ``ends``."""
    from game.sim.goals import play_solution

    name = format_path(key)
    line = tree.key_line((*key, "stars")) if len(key) > 1 else tree.key_line(key)
    try:
        board, result = play_solution(level, solution)
    except ValueError as refused:
        return [Problem(source, line, name, str(refused).split(": ", 1)[-1])]
    if ends is not None:
        ends.append(board.layout())
    if not result.solved:
        failed = result.failures[0]
        where = ", ".join(f"[{x}, {y}]" for x, y in failed.cells[:3])
        return [Problem(source, line, name,
                        f"does not solve the level: goal {failed.goal.type.value} fails"
                        + (f" at {where}" if where else ""))]
    if result.stars != solution.stars:
        return [Problem(source, tree.line((*key, "stars")), format_path((*key, "stars")),
                        f"the solution earns {result.stars} stars, not {solution.stars}")]
    return []


def load_level(path: str | os.PathLike[str]) -> Level:
    """The level in ``path``; raises :class:`LevelError` listing every problem in the file."""
    result = inspect_level(path)
    if result.level is None:
        raise LevelError(result.problems)
    return result.level


def discover(folder: str | os.PathLike[str], errors: list[OSError] | None = None) -> list[Path]:
    """Level files under ``folder``, sorted; files named ``_*`` are templates and skipped, and
    so are the worlds file and the worlds' parts files.

    Anything named ``*.yaml`` is returned, even a folder or a pipe, so a checker can say
    what is wrong with it rather than silently skipping it. Symlinked folders are not
    followed, so a link loop cannot hang discovery. Folders that cannot be read are
    skipped, and noted in ``errors`` when it is given.
    """
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append if errors is not None else None):
        dirs.sort()
        for name in [*files, *dirs]:
            if name.endswith(LEVEL_SUFFIX) and not name.startswith("_") \
                    and name not in (WORLDS_FILE, PARTS_FILE):
                found.append(Path(root) / name)
    return sorted(found)


def cross_check(files: Iterable[LevelFile], *, broken_too: bool = True) -> list[Problem]:
    """Rules that span files: unique ids, and one level per (world, order).

    Each clash is one line on the later file that names the earlier one, so a designer sees
    both files at once. ``broken_too``: a file with other problems takes part with the id,
    world and order it states (the checker: fixing one file must not reveal a second problem);
    without it only levels that loaded do (the game: a broken file must not cost a good one).
    """
    problems: list[Problem] = []
    ids: dict[str, LevelFile] = {}
    orders: dict[tuple[str, int], LevelFile] = {}
    for file in files:
        level_id, world, order = _identity(file, broken_too)
        if level_id is not None:
            if level_id in ids:
                text = f"{level_id} is already used by"
                problems.append(_clash(file, "id", text, ids[level_id]))
            else:
                ids[level_id] = file
        if world is not None and order is not None:
            slot = (world, order)
            if slot in orders:
                text = f"{order} is already the order of {world} level"
                problems.append(_clash(file, "order", text, orders[slot]))
            else:
                orders[slot] = file
    return problems


def _identity(file: LevelFile, broken_too: bool) -> tuple[str | None, str | None, int | None]:
    """The id, world and order a file states, each None when it is not a sound value."""
    if file.level is not None:
        return file.level.id, file.level.world, file.level.order
    values = file.tree.value if broken_too and file.tree is not None else None
    if not isinstance(values, dict):
        return None, None, None
    level_id, world, order = values.get("id"), values.get("world"), values.get("order")
    return (
        level_id if isinstance(level_id, str) and re.fullmatch(ID_PATTERN, level_id) else None,
        world if isinstance(world, str) and world in world_ids() else None,
        order if isinstance(order, int) and not isinstance(order, bool) else None,
    )


def _clash(file: LevelFile, key: str, text: str, first: LevelFile) -> Problem:
    return Problem(file.source, file.line_of(key), key, f"{text} {first.source}")


def playable(files: Iterable[LevelFile]) -> tuple[list[Level], list[str]]:
    """What the game plays of ``files``, and one warning line per matter for the teacher.

    A broken file costs only its own level: one line counts them and names the first. A
    level whose id (or world and order) an earlier file already has is left out with a line
    naming both files, e.g. ``levels/city/b.yaml:1: id: city-03 is already used by
    levels/city/a.yaml``.
    """
    files = list(files)
    clashes = cross_check(files, broken_too=False)
    clashing = {problem.file for problem in clashes}
    good = [f.level for f in files if f.level is not None and f.source not in clashing]
    broken = [f.source for f in files if f.level is None]
    first_clash = {problem.file: problem for problem in reversed(clashes)}
    lines = [f"skipped {problem} (run 'techniekwerf check' for details)"
             for problem in clashes if first_clash[problem.file] is problem]
    if broken:
        lines.insert(0, f"skipped {len(broken)} broken level file(s), first {broken[0]}; "
                        "run 'techniekwerf check' for details")
    return good, lines


def load_levels(folder: str | os.PathLike[str]) -> list[Level]:
    """Every level under ``folder``; raises :class:`LevelError` with all problems of all files."""
    files = [inspect_level(path) for path in discover(folder)]
    problems = [p for file in files for p in file.problems] + cross_check(files)
    if problems:
        raise LevelError(problems)
    return [file.level for file in files if file.level is not None]


def map_order(worlds: Iterable[str]) -> list[str]:
    """World names, each once, in story order (levels/worlds.yaml; unknown worlds last, by
    name)."""
    return story_order(worlds)


class LevelCatalogue:
    """The game's levels, by id and per world in play order."""

    def __init__(self, levels: Iterable[Level]) -> None:
        self._levels = sorted(levels, key=lambda level: (level.world, level.order))
        self._by_id = {level.id: level for level in self._levels}

    @classmethod
    def load(cls, folder: str | os.PathLike[str]) -> LevelCatalogue:
        """Load every level under ``folder`` (raises :class:`LevelError`)."""
        return cls(load_levels(folder))

    def get(self, level_id: str) -> Level:
        """The level with ``level_id``; KeyError naming the id when there is none."""
        try:
            return self._by_id[level_id]
        except KeyError:
            raise KeyError(f"no level with id {level_id!r}") from None

    def find(self, level_id: str) -> Level | None:
        """The level with ``level_id``, None when there is none (or no longer: a stored
        attempt or a lesson may name a level that was removed)."""
        return self._by_id.get(level_id)

    def world(self, world: str) -> list[Level]:
        """The levels of ``world``, in play order (empty for an unknown world)."""
        return [level for level in self._levels if level.world == world]

    def worlds(self) -> list[str]:
        """The worlds that have levels, in map order (unknown worlds last, by name)."""
        return map_order(lv.world for lv in self._levels)

    def __contains__(self, level_id: object) -> bool:
        return level_id in self._by_id

    def __iter__(self) -> Iterator[Level]:
        return iter(self._levels)

    def __len__(self) -> int:
        return len(self._levels)
