"""A medium with none of its parts on the board gives its facts at once, every tick, instead of
working through its empty lists (game/sim/media: items, motion, water, power; most levels use
one or two of the media). Those shortcuts must give exactly what the medium's own full step
gives on such a board: the same facts (the same keys, in the same order), the same meter and
what the medium keeps between ticks. Here every shipped level's solved board is run twice: as
the game runs it, and with the shortcuts turned off (each medium then works through its empty
lists), and the two runs must agree tick for tick. A fact added
to a medium's full step and not to its shortcut fails here."""

from __future__ import annotations

from game.sim.goals import play_solution
from game.sim.media.items import ItemsMedium
from game.sim.media.motion import MotionMedium
from game.sim.media.power import PowerMedium
from game.sim.media.water import WaterMedium
from game.sim.simulation import Simulation
from tests.scene_gallery import catalogue


class _Empty(dict):
    """No parts, yet not falsy: a medium's ``if not self.pieces`` shortcut is passed by."""

    def __bool__(self) -> bool:
        return True


class _EmptyList(list):
    def __bool__(self) -> bool:
        return True


def _no_shortcuts(sim: Simulation) -> set[str]:
    """Turn off the shortcut of every medium of ``sim`` that would take one; their names."""
    turned = set()
    for medium in sim.media:
        if isinstance(medium, (ItemsMedium, MotionMedium)) and not medium.pieces:
            medium.pieces = _Empty()
        elif isinstance(medium, WaterMedium) and not (
                medium.nets or medium.float_of or medium.sprinklers):
            medium.nets = _EmptyList()
        elif isinstance(medium, PowerMedium) and medium.unpowered:
            medium.unpowered = False
        else:
            continue
        turned.add(type(medium).__name__)
    return turned


def _ticks(sim: Simulation) -> list:
    out = []
    for state in sim.run():
        out.append((state.tick, state.daylight, state.weather, sorted(state.producing),
                    [(name, list(facts.items())) for name, facts in state.facts.items()],
                    list(state.meter.items())))
    kept = [(type(m).__name__, getattr(m, "meter", None), getattr(m, "collected", None))
            for m in sim.media]
    return [*out, kept]


def _boards():
    for level in catalogue():
        yield level.id, play_solution(level)[0]


def test_every_shortcut_gives_what_the_full_step_gives():
    turned: dict[str, int] = {}
    for name, board in _boards():
        fast, full = Simulation(board), Simulation(board)
        for medium in _no_shortcuts(full):
            turned[medium] = turned.get(medium, 0) + 1
        assert _ticks(fast) == _ticks(full), name
    # the comparison means something only where a shortcut is taken: each is, on many boards
    assert sorted(turned) == ["ItemsMedium", "MotionMedium", "PowerMedium", "WaterMedium"]
    assert min(turned.values()) >= 10, turned
