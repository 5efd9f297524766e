"""The worlds on the map and the kinds of level, as every screen names and colours them.

No screen of its own: any scene may import it (tests/test_scene_graph.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.sim.model import Level, LevelKind
from game.sim.parts import N_

if TYPE_CHECKING:
    from game.content.loader import LevelCatalogue
    from game.progress.store import ProgressStore

Point = tuple[int, int]


@dataclass(frozen=True)
class Place:
    world: str  # the world id, also the badge art name in assets/map/
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
    #: solved, the last when every level is solved; see :func:`growth_step`)
    growth: tuple[str, ...] = ()
    #: msgid: what Noor says when the pupil has solved every level of the world
    finale: str = ""
    #: the place that has the map's focus when the map opens
    first: bool = False


PLACES: tuple[Place, ...] = (
    Place("water", N_("Water and Sea"),
          # TRANSLATORS: a real town on the map (keep its name, or write it in your letters)
          N_("Den Helder"), (370, 60), (240, 100), False,
          towns=("above_left", "left", "below_right")),
    Place("life_sciences", N_("Health Lab"),
          # TRANSLATORS: a real town on the map (keep its name, or write it in your letters)
          N_("Petten"), (345, 150), (245, 245), False,
          towns=("right", "above_right", "below_right")),
    Place("hightech", N_("Machine Works"),
          # TRANSLATORS: a real town on the map (keep its name, or write it in your letters)
          N_("IJmond"), (330, 360), (195, 410), False,
          towns=("above_right", "right", "below_right")),
    Place("ict", N_("Data Centre"),
          # TRANSLATORS: a real town on the map (keep its name, or write it in your letters)
          N_("Amsterdam"), (485, 468), (560, 362), False, "above",
          towns=("left", "below_left", "above_left")),
    Place("logistics", N_("Airport and Harbour"),
          # TRANSLATORS: a real town on the map (keep its name, or write it in your letters)
          N_("Almere"), (622, 475), (790, 335),
          False, towns=("below", "above", "below_left")),
    Place("greenport", N_("Greenhouses"),
          # TRANSLATORS: a real town on the map (keep its name, or write it in your letters)
          N_("Aalsmeer"), (407, 568), (272, 572), True,
          "left", towns=("below", "above", "right"),
          growth=("map/grow/greenport-1", "map/grow/greenport-2", "map/grow/greenport-3",
                  "map/grow/greenport-4"),
          finale=N_("Hooray! Every greenhouse is full of plants and flowers. You built it "
                    "all!")),
    Place("media", N_("Media Park"),
          # TRANSLATORS: a real town on the map (keep its name, or write it in your letters)
          N_("Hilversum"), (590, 522), (712, 502), False, "right",
          towns=("left", "above_left", "below_left", "below")),
    Place("city", N_("Energy City"),
          # TRANSLATORS: a real town on the map (keep its name, or write it in your letters)
          N_("Utrecht"), (572, 628), (692, 628), True, "right",
          towns=("left", "above_left", "below_left"),
          growth=("map/grow/city-1", "map/grow/city-2", "map/grow/city-3", "map/grow/city-4"),
          finale=N_("Hooray! The whole city has energy now, from the sun and the wind. You "
                    "built it all!"),
          first=True),
)
PLACE_BY_WORLD = {p.world: p for p in PLACES}

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


def place_of(world: str) -> Place | None:
    """The map's place of ``world`` (None for a world the map does not know)."""
    return PLACE_BY_WORLD.get(world)


def world_name(world: str) -> str:
    """The msgid naming ``world`` (the id itself for a world the map does not know)."""
    place = PLACE_BY_WORLD.get(world)
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
