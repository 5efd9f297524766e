"""The worlds of the game as data: ``levels/worlds.yaml``, read and checked like a level file.

A world is a place on the map (where its badge and its town's pin are, where the names go),
what it is called, the colour its levels wear, what grows on its badge as its levels are
solved, what Noor says when the last one is, and where it comes in the story. A new world
is a folder of levels, an entry in this file, its art and the Python of its medium; no screen,
theme or store names a world.

Problems are one ``file:line: field: message`` line each, as for levels; the game reads the
file once (:func:`worlds`) and a broken one stops the checker and the game with those lines.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from game import PROJECT_ROOT
from game.datafile.problems import REPORTED, FieldPath
from game.datafile.schema import (
    Bool,
    Choice,
    Context,
    Field,
    Int,
    ListOf,
    Record,
    Spec,
    Text,
    check_list_file,
    describe,
    did_you_mean,
    raise_problems,
)

WORLDS_FILE = "worlds.yaml"
#: the game's own worlds
DEFAULT_PATH = PROJECT_ROOT / "levels" / WORLDS_FILE
Point = tuple[int, int]
#: where a badge's name or a town's name may go beside it
SIDES = ("below", "above", "left", "right", "above_left", "above_right", "below_left",
         "below_right")
#: the theme colours a world's levels may wear (white or ink letters read on each: theme.py
#: readable picks them)
COLOURS = ("blue", "green", "orange", "vermillion", "purple", "sky_blue")
MAP_W, MAP_H = 1280, 720


@dataclass(frozen=True)
class Place:
    world: str  # the world id: the levels' ``world:``, its folder, the badge art in assets/map/
    name: str  # msgid: what the world is about, for a child
    town: str  # msgid: the real place it stands for
    spot: Point  # the town's landmark on region.svg (logical pixels)
    pos: Point  # centre of the badge
    playable: bool
    label: str = "below"  # where the name goes: "below", "above", "left" or "right" of the badge
    #: where the town's name may go beside its pin, best first (see town_rect): away from
    #: the line to the badge and the landmark drawn at the town
    towns: tuple[str, ...] = ("right",)
    #: what grows on the badge as the pupil solves the world's levels: art layers in
    #: assets/ drawn over the badge one after the other (the first at a quarter of the levels
    #: solved, the last when every level is solved)
    growth: tuple[str, ...] = ()
    #: msgid: what Noor says when the pupil has solved every level of the world
    finale: str = ""
    #: the place that has the map's focus when the map opens
    first: bool = False
    #: the theme colour of the world's level cards, numbers and backdrop
    colour: str = "blue"
    #: where the world comes in the story (level lists, lessons, the dashboard): 1 first
    story: int = 99


_POINT = ListOf(Int(0, max(MAP_W, MAP_H)), min_len=2, max_len=2)


def _on_map(value: Any, _doc: Mapping[str, Any], _ctx: Context) -> str | None:
    x, y = value
    return None if x <= MAP_W and y <= MAP_H else f"must lie on the map ({MAP_W} x {MAP_H})"


def _place(values: dict[str, Any], _ctx: Context) -> Place:
    return Place(values["world"], values["name"], values["town"], tuple(values["spot"]),
                 tuple(values["badge"]), values["playable"], values["label"],
                 tuple(values["towns"]), tuple(values["growth"]), values["finale"] or "",
                 values["first"], values["colour"], values["story"])


def _finale_when_playable(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    if values["playable"] is True and not values["finale"]:
        ctx.report((*path, "finale"), "missing; a world with levels needs Noor's last line")


WORLD = Record(
    {
        "world": Field(Text(30, r"[a-z][a-z_]*", "lower-case letters and _"), required=True),
        "name": Field(Text(40), required=True),
        "town": Field(Text(30), required=True),
        "spot": Field(_POINT, required=True, check=_on_map),
        "badge": Field(_POINT, required=True, check=_on_map),
        "playable": Field(Bool(), default=False),
        "label": Field(Choice(("below", "above", "left", "right")), default="below"),
        "towns": Field(ListOf(Choice(SIDES), min_len=1, unique=True), default=("right",)),
        "growth": Field(ListOf(Text(80, r"[a-z0-9_/-]+", "an art name such as map/grow/x-1"),
                               max_len=8), default=()),
        "finale": Field(Text(200), default=None),
        "first": Field(Bool(), default=False),
        "colour": Field(Choice(COLOURS), default="blue"),
        "story": Field(Int(1, 99), default=99),
    },
    build=_place,
    rules=(_finale_when_playable,),
)


def _one_of_each(values: list[Any], path: FieldPath, ctx: Context) -> None:
    seen: dict[str, int] = {}
    for i, place in enumerate(values):
        if not isinstance(place, Place):
            continue
        if place.world in seen:
            ctx.report((*path, i, "world"), f"{place.world} is already world {seen[place.world]}")
        seen.setdefault(place.world, i)
    firsts = [p.world for p in values if isinstance(p, Place) and p.first]
    if len(firsts) > 1:
        ctx.report(path, f"only one world may be first: {', '.join(firsts)}")


def read_worlds(path: str | os.PathLike[str]) -> tuple[Place, ...]:
    """The worlds in ``path``, in the map's order; :class:`LevelError` with every problem."""
    places, ctx = check_list_file(path, WORLD, "worlds", "- world:")
    _one_of_each(places, (), ctx)
    raise_problems(ctx)
    return tuple(p for p in places if isinstance(p, Place))


@functools.cache
def worlds(path: str | os.PathLike[str] = DEFAULT_PATH) -> tuple[Place, ...]:
    """The game's worlds (read once)."""
    return read_worlds(path)


def world_ids() -> tuple[str, ...]:
    return tuple(p.world for p in worlds())


def story_order(ids: Any) -> list[str]:
    """World ids, each once, in story order (worlds the file does not know last, by name)."""
    order = {p.world: (p.story, i) for i, p in enumerate(worlds())}
    return sorted(set(ids), key=lambda w: (order.get(w, (100, 0)), w))


class World(Spec):
    """A level's ``world:``: one of the worlds of ``levels/worlds.yaml``."""

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if value is REPORTED:
            return REPORTED
        known = world_ids()
        if not isinstance(value, str) or value not in known:
            hint = did_you_mean(value, known) if isinstance(value, str) else ""
            ctx.report(path, f"must be one of the worlds of levels/{WORLDS_FILE} "
                             f"({', '.join(known)}), not {describe(value)}{hint}")
            return REPORTED
        return value
