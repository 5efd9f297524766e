"""The guide's own prose, ``teacher_guide/gids.yaml``, read and checked like a level file.

Every problem is one ``file:line: field: message`` line: a text that is too long or empty, a
world without its goals per groep band, a level of the game without an entry here, an entry
for a level (or world) that does not exist.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game import PROJECT_ROOT
from game.datafile.problems import LevelError, Problem, sort_problems
from game.datafile.schema import Context, Field, ListOf, MapOf, Record, Text
from game.datafile.yamltree import Refusal, Tree, build_tree, compose, read_text
from game.sim.model import Level


def guide_file(root: Path = PROJECT_ROOT) -> Path:
    """Where a project keeps the guide's prose."""
    return root / "teacher_guide" / "gids.yaml"


GUIDE_FILE = guide_file()
#: the groep bands a world's learning goals are written for
BANDS = ("3-4", "5-6", "7-8")

_PROSE = Text(1500)
_LINE = Text(400)


@dataclass(frozen=True)
class WorldText:
    world: str
    how: str  # how the world works in the game
    goals: dict[str, str]  # groep band ("3-4") -> the learning goals
    activity: str  # the hands-on activity
    careers: tuple[str, ...]
    simplified: str  # where the game simplifies nature


@dataclass(frozen=True)
class LevelText:
    teaches: str  # what it teaches
    question: str  # the question for the class


@dataclass(frozen=True)
class Guide:
    intro: str
    tips: tuple[str, ...]
    seen: tuple[str, ...]  # "Stroom is geen water": what pupils see in the game
    real: tuple[str, ...]  # ... and what a real circuit needs
    worlds: dict[str, WorldText]
    levels: dict[str, LevelText]
    tree: Tree  # where each entry stands, for problems found later

    def line(self, *path: str | int) -> int:
        return self.tree.key_line(tuple(path))


_WORLD = Record(
    {
        "world": Field(Text(30, r"[a-z][a-z_]*", "lower-case letters and _"), required=True),
        "uitleg": Field(_PROSE, required=True),
        "doelen": Field(Record({band: Field(_PROSE, required=True) for band in BANDS}),
                        required=True),
        "doen": Field(_PROSE, required=True),
        "beroepen": Field(ListOf(Text(120), min_len=1), required=True),
        "vereenvoudigd": Field(_PROSE, required=True),
    },
    build=lambda v, ctx: WorldText(v["world"], v["uitleg"], dict(v["doelen"]), v["doen"],
                                   tuple(v["beroepen"]), v["vereenvoudigd"]),
)

_LEVEL = Record(
    {"leert": Field(_PROSE, required=True), "vraag": Field(_LINE, required=True)},
    build=lambda v, ctx: LevelText(v["leert"], v["vraag"]),
)

_GUIDE = Record(
    {
        "intro": Field(_PROSE, required=True),
        "tips": Field(ListOf(_LINE), default=()),
        "stroom": Field(Record({"ziet": Field(ListOf(_LINE, min_len=1), required=True),
                                "echt": Field(ListOf(_LINE, min_len=1), required=True)}),
                        required=True, missing="the box 'Stroom is geen water'"),
        "worlds": Field(ListOf(_WORLD, min_len=1), required=True),
        "levels": Field(MapOf(Text(80, r"[a-z0-9-]+", "a level id"), _LEVEL), required=True),
    },
)


def read_guide(path: str | os.PathLike[str] = GUIDE_FILE) -> Guide:
    """The guide's prose in ``path``; :class:`LevelError` with every problem of its shape."""
    source = _display(Path(path))
    try:
        tree = build_tree(compose(read_text(Path(path))), source)
    except Refusal as refusal:
        raise LevelError([Problem(source, refusal.line, "", refusal.message)]) from None
    ctx = Context(tree)
    values: Any = _GUIDE.check(tree.value, (), ctx)
    if tree.problems or not isinstance(values, dict):
        raise LevelError(sort_problems(tree.problems))
    worlds: dict[str, WorldText] = {}
    for i, world in enumerate(values["worlds"]):
        if world.world in worlds:
            tree.report(("worlds", i, "world"), f"{world.world} has an entry already")
        worlds.setdefault(world.world, world)
    if tree.problems:
        raise LevelError(sort_problems(tree.problems))
    return Guide(values["intro"], tuple(values["tips"]), tuple(values["stroom"]["ziet"]),
                 tuple(values["stroom"]["echt"]), worlds, dict(values["levels"]), tree)


def guide_problems(guide: Guide, levels: Iterable[Level]) -> list[Problem]:
    """What the guide and the game's levels disagree on, one problem each: a level (or a
    world) without an entry, an entry for a level (or a world) that does not exist."""
    levels = list(levels)
    source = guide.tree.source
    ids = {level.id for level in levels}
    worlds = {level.world for level in levels}
    problems = []
    for level in levels:
        if level.id not in guide.levels:
            problems.append(Problem(source, guide.line("levels"), "levels",
                                    f"no entry for level {level.id} ({_display(Path(level.source))})"
                                    f"; write its 'leert' and 'vraag'"))
    for level_id in guide.levels:
        if level_id not in ids:
            problems.append(Problem(source, guide.line("levels", level_id), f"levels.{level_id}",
                                    "no level has this id (renamed or removed?)"))
    for world in sorted(worlds - set(guide.worlds)):
        problems.append(Problem(source, guide.line("worlds"), "worlds",
                                f"no entry for world {world}; write its goals, "
                                f"activity and careers"))
    for i, world in enumerate(guide.worlds):
        if world not in worlds:
            problems.append(Problem(source, guide.line("worlds", i, "world"),
                                    f"worlds[{i}].world", f"{world} has no levels"))
    return sort_problems(problems)


def _display(path: Path) -> str:
    """A path as messages name it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)
