"""The lesson plans (lesbrieven), ``teacher_guide/lesbrieven.yaml``, read and checked like a
level file: ready-made 45-minute lessons, each for three or four consecutive levels of one
world. The guide prints them; the teacher's lessons screen starts a new lesson from one.

Every problem is one ``file:line: field: message`` line: a part missing or too long, a level
that does not exist, levels from two worlds or out of order, a level of the game in no lesson
plan or in two.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game import PROJECT_ROOT
from game.datafile.problems import LevelError, Problem, sort_problems
from game.datafile.schema import Context, Field, ListOf, Record, Text
from game.datafile.yamltree import Refusal, Tree, build_tree, compose, read_text
from game.sim.model import Level

#: the most levels and the fewest in one lesson plan
FEWEST, MOST = 3, 4
#: a lesson's title in the game's store is at most this long (game/scenes/lessons.py TITLE_MAX)
TITLE_MAX = 40
#: the lesson plans' file holds a plan for every three or four levels of every world: more room
#: than a level file has (game.datafile.yamltree.MAX_BYTES)
MAX_BYTES = 256 * 1024


def lesbrieven_file(root: Path = PROJECT_ROOT) -> Path:
    """Where a project keeps its lesson plans."""
    return root / "teacher_guide" / "lesbrieven.yaml"


LESBRIEVEN_FILE = lesbrieven_file()

_PROSE = Text(1200)
_LINE = Text(300)


@dataclass(frozen=True)
class Lesbrief:
    id: str  # "city-1"
    title: str
    band: str  # "5-6"
    level_ids: tuple[str, ...]
    goal: str  # leerdoel
    preparation: str
    materials: tuple[str, ...]
    introduction: str  # with a real object or a short demonstration
    prediction: str  # what each pair writes down before playing
    playing: str  # in pairs
    discussion: str  # nabespreking, with a pupil's build replayed on the board
    exit_question: str
    quick: str  # differentiation: pupils who are done quickly
    slow: str  # ... and pupils who get stuck
    activity: str  # the hands-on activity

    @property
    def anchor(self) -> str:
        """The lesson plan's anchor in the guide's HTML."""
        return f"lesbrief-{self.id}"


@dataclass(frozen=True)
class Lesbrieven:
    intro: str
    plans: tuple[Lesbrief, ...]
    tree: Tree  # where each entry stands, for problems found later

    def line(self, *path: str | int) -> int:
        return self.tree.key_line(tuple(path))


_PLAN = Record(
    {
        "id": Field(Text(40, r"[a-z][a-z_-]*-[0-9]+", "a world and a number, like city-1"),
                    required=True),
        "titel": Field(Text(TITLE_MAX), required=True),
        "groep": Field(Text(5, r"[1-8]-[1-8]", "a groep band like 5-6"), required=True),
        "levels": Field(ListOf(Text(80, r"[a-z0-9-]+", "a level id"), min_len=FEWEST,
                               max_len=MOST), required=True),
        "doel": Field(_PROSE, required=True),
        "voorbereiding": Field(_PROSE, required=True),
        "materialen": Field(ListOf(_LINE, min_len=1), required=True),
        "introductie": Field(_PROSE, required=True),
        "voorspelling": Field(_PROSE, required=True),
        "spelen": Field(_PROSE, required=True),
        "nabespreking": Field(_PROSE, required=True),
        "exitvraag": Field(_LINE, required=True),
        "differentiatie": Field(Record({"snel": Field(_PROSE, required=True),
                                        "langzaam": Field(_PROSE, required=True)}),
                                required=True),
        "praktijk": Field(_PROSE, required=True),
    },
    build=lambda v, ctx: Lesbrief(
        v["id"], v["titel"], v["groep"], tuple(v["levels"]), v["doel"], v["voorbereiding"],
        tuple(v["materialen"]), v["introductie"], v["voorspelling"], v["spelen"],
        v["nabespreking"], v["exitvraag"], v["differentiatie"]["snel"],
        v["differentiatie"]["langzaam"], v["praktijk"]),
)

_FILE = Record({"intro": Field(_PROSE, required=True),
                "lesbrieven": Field(ListOf(_PLAN, min_len=1), required=True)})


def read_lesbrieven(path: str | os.PathLike[str] = LESBRIEVEN_FILE) -> Lesbrieven:
    """The lesson plans in ``path``; :class:`LevelError` with every problem of their shape."""
    source = _display(Path(path))
    try:
        tree = build_tree(compose(read_text(Path(path), MAX_BYTES, "the lesson plans' file")),
                          source)
    except Refusal as refusal:
        raise LevelError([Problem(source, refusal.line, "", refusal.message)]) from None
    values: Any = _FILE.check(tree.value, (), Context(tree))
    if tree.problems or not isinstance(values, dict):
        raise LevelError(sort_problems(tree.problems))
    seen: set[str] = set()
    for i, plan in enumerate(values["lesbrieven"]):
        if plan.id in seen:
            tree.report(("lesbrieven", i, "id"), f"{plan.id} is the id of another lesson plan")
        seen.add(plan.id)
        low, high = (int(n) for n in plan.band.split("-"))
        if low > high:
            tree.report(("lesbrieven", i, "groep"), f"{plan.band}: the lower groep comes first")
    if tree.problems:
        raise LevelError(sort_problems(tree.problems))
    return Lesbrieven(values["intro"], tuple(values["lesbrieven"]), tree)


def lesbrieven_problems(plans: Lesbrieven, levels: Iterable[Level],
                        worlds: Iterable[str] | None = None) -> list[Problem]:
    """What the lesson plans and the game's levels disagree on, one problem each: a level that
    does not exist, levels of two worlds in one plan, levels not one after the other, a level
    in two plans, and a level of a playable world (``worlds``; default: every world with
    levels) in none."""
    levels = list(levels)
    by_id = {level.id: level for level in levels}
    source = plans.tree.source
    problems: list[Problem] = []
    home: dict[str, str] = {}  # level id -> the plan it is in
    for i, plan in enumerate(plans.plans):
        where = ("lesbrieven", i, "levels")
        field = f"lesbrieven[{i}].levels"
        known = []
        for j, level_id in enumerate(plan.level_ids):
            if level_id not in by_id:
                problems.append(Problem(source, plans.line(*where, j), f"{field}[{j}]",
                                        f"no level has the id {level_id}"))
            elif level_id in home:
                problems.append(Problem(source, plans.line(*where, j), f"{field}[{j}]",
                                        f"{level_id} is in lesson plan {home[level_id]} already"))
            else:
                home[level_id] = plan.id
                known.append(by_id[level_id])
        if len({level.world for level in known}) > 1:
            problems.append(Problem(source, plans.line(*where), field,
                                    "levels of more than one world: "
                                    + ", ".join(sorted({level.world for level in known}))))
        elif len(known) == len(plan.level_ids):
            orders = [level.order for level in known]
            if orders != list(range(orders[0], orders[0] + len(orders))):
                problems.append(Problem(source, plans.line(*where), field,
                                        "the levels must come one after the other, in the "
                                        "world's order (numbers "
                                        + ", ".join(map(str, orders)) + ")"))
    wanted = set(worlds) if worlds is not None else {level.world for level in levels}
    for level in levels:
        if level.world in wanted and level.id not in home:
            problems.append(Problem(source, plans.line("lesbrieven"), "lesbrieven",
                                    f"level {level.id} is in no lesson plan"))
    return sort_problems(problems)


def ready_lesbrieven(levels: Iterable[Level], path: str | os.PathLike[str] = LESBRIEVEN_FILE
                     ) -> list[Lesbrief]:
    """The lesson plans whose levels all exist, for the game's lessons screen; none when the
    file is missing or damaged (the guide and ``techniekwerf check`` say why)."""
    ids = {level.id for level in levels}
    try:
        plans = read_lesbrieven(path)
    except (LevelError, OSError):
        return []
    return [plan for plan in plans.plans if all(i in ids for i in plan.level_ids)]


def _display(path: Path) -> str:
    """A path as messages name it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)
