"""The worlds on the map and the kinds of level, as every screen names and colours them.

The worlds themselves are data (levels/worlds.yaml, read by :mod:`game.content.worlds`):
nothing here, and no screen, names one.

No screen of its own: any scene may import it (tests/test_scene_graph.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.content.worlds import Place, story_order, worlds
from game.sim.model import Level, LevelKind
from game.sim.parts import N_

if TYPE_CHECKING:
    from game.content.loader import LevelCatalogue
    from game.progress.store import ProgressStore


def places() -> tuple[Place, ...]:
    """The worlds on the map, in its order (levels/worlds.yaml, read once)."""
    return worlds()


def place_of(world: str) -> Place | None:
    """The map's place of ``world`` (None for a world the map does not know)."""
    return next((p for p in worlds() if p.world == world), None)


def world_colour(world: str) -> str:
    """The theme colour ``world``'s levels wear (blue for a world the map does not know)."""
    place = place_of(world)
    return place.colour if place is not None else "blue"


def first_world(ids) -> str:
    """Of the worlds ``ids``, the one the story starts with."""
    return story_order(ids)[0]


def growth_step(solved: int, total: int, steps: int = 4) -> int:
    """How many of a world's ``steps`` growth layers show when ``solved`` of its ``total``
    levels are solved: one more for each full part of the way (with four layers: a quarter,
    half, three quarters), the last only when every level is solved."""
    if total <= 0 or steps <= 0:
        return 0
    solved = min(max(solved, 0), total)
    return steps * solved // total


def solved_count(store: ProgressStore | None, levels: LevelCatalogue | None,
                 world: str) -> tuple[int, int]:
    """(levels of ``world`` the pupil solved, levels of ``world``), from the progress API."""
    ours = levels.world(world) if levels is not None else []
    if store is None:
        return 0, len(ours)
    return sum(store.is_completed(lv.id) for lv in ours), len(ours)


def completes_world(store: ProgressStore | None, levels: LevelCatalogue | None,
                    level: Level) -> bool:
    """Whether solving ``level`` now (before it is stored) solves the last unsolved level
    of its world: true once per world, never when a solved level is played again."""
    if store is None or levels is None or store.is_completed(level.id):
        return False
    ours = levels.world(level.world)
    return any(lv.id == level.id for lv in ours) and all(
        store.is_completed(lv.id) for lv in ours if lv.id != level.id)


def world_name(world: str) -> str:
    """The msgid naming ``world`` (the id itself for a world the map does not know)."""
    place = place_of(world)
    return place.name if place else world


KIND_NAMES = {"build": N_("Build"), "fix": N_("Fix"), "explore": N_("Explore")}
#: The kind's colour (Okabe-Ito): its badge on the card, the accent a child learns.
KIND_COLORS = {"build": "orange", "fix": "vermillion", "explore": "purple"}
#: The chip with the kind in words, as (fill, letters): the kind's hue with dark letters, or
#: darkened under white ones, so the word is easy to read (theme.TEXT_ON: at least 4.5:1).
KIND_CHIPS = {"build": ("orange", "ink"), "fix": ("vermillion_deep", "white"),
              "explore": ("purple_deep", "white")}

def kind_of(level: Level) -> str:
    """The level's kind as the key of the tables above ("build", "fix", "explore")."""
    return LevelKind(level.kind).value
