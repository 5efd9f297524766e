"""Typed level data: what the content loader produces and the simulation consumes.

All texts are English msgids; the interface translates them where it shows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from game.sim.catalogue import CATALOGUE
from game.sim.geometry import Cell
from game.sim.parts import N_

if TYPE_CHECKING:
    from game.sim.environment import Environment


class LevelKind(str, Enum):
    BUILD = "build"
    FIX = "fix"
    EXPLORE = "explore"


class GoalType(str, Enum):
    POWERED = "powered"  # every matching consumer has power whenever it needs it
    WATERED = "watered"  # every greenhouse bed got water for as many ticks as it needs
    FILLED = "filled"  # every tank is full at the end
    NO_LEAKS = "no_leaks"  # no water spills out of an open pipe end, ever
    NO_SHORTAGE = "no_shortage"  # no power network ever gives too little for its consumers
    NO_TRIPPED_FUSE = "no_tripped_fuse"  # no fuse ever carries more than it may (overload)
    PUMPS_RUN = "pumps_run"  # every pump gets the energy it needs, every tick
    NO_WASTE = "no_waste"  # no water lost in the air or off a full bed, ever
    DELIVERED = "delivered"  # every item loaded in the run reached a bay that takes its label
    NO_JAM = "no_jam"  # no item is ever stuck, no loading point ever has to wait
    NO_WRONG = "no_wrong"  # no item ever goes to a bay with another label
    NO_DROP = "no_drop"  # no item ever falls off a belt
    NO_FLAT = "no_flat"  # no electric truck ever runs out of battery
    SCANNED = "scanned"  # every item a bay takes in went through a scanner first
    NOT_TOO_WARM = "not_too_warm"  # no part with a band is ever warmer than its high
    NOT_TOO_COLD = "not_too_cold"  # no part with a band is ever colder than its low
    VENT_FREE = "vent_free"  # no fridge that has energy ever has its vent blocked
    STRONG_ENOUGH = "strong_enough"  # no isotope ever reaches a hospital weaker than it needs
    SIGNAL_ON = "signal_on"  # every matching signal output (lamp, door, bell) on, every tick
    SIGNAL_OFF = "signal_off"  # no matching signal output is ever on (the alarm stays quiet)
    TRUTH_TABLE = "truth_table"  # every row of the level's table gives its wanted outputs
    SHAFT_SPEED = "shaft_speed"  # every output shaft turns at its speed and way, every tick
    NO_GEAR_JAM = "no_gear_jam"  # no gear train that a motor drives ever jams
    # circuit (game.sim.media.circuit): lamps, the electromagnet, switches, shorts
    LAMPS_LIT = "lamps_lit"  # every matching lamp glows (at least a little), every tick
    LAMPS_BRIGHT = "lamps_bright"  # every matching lamp glows brightly (not shared in a row)
    LAMPS_DARK = "lamps_dark"  # no matching lamp ever glows
    MAGNET_HOLDS = "magnet_holds"  # every matching steel scrap is held by an electromagnet
    SWITCHED = "switched"  # every switch turns every matching lamp on and off
    NO_SHORT_CIRCUIT = "no_short_circuit"  # no battery's poles joined by wire alone
    # packets (game.sim.media.packets): messages with an address on a network
    PACKETS_DELIVERED = "packets_delivered"  # every message sent (and not lost) got to its address
    NO_PACKET_LOST = "no_packet_lost"  # no message is ever lost where a cable breaks
    # the data centre (game.sim.media.heat and power): server racks need energy every tick
    SERVERS_ON = "servers_on"  # every server rack gets the energy it needs, every tick
    ANSWER = "answer"  # explore levels: the question is answered correctly


#: a part's parameters as data: (name, value) pairs in name order, e.g. (("charge", 4),)
Params = tuple[tuple[str, int | bool], ...]

#: what a parameter is when a level says nothing about it (the old fields' defaults); a value
#: equal to this is not stored, so two parts that behave the same compare equal
UNSET: dict[str, int | bool | None] = {"on": True}


def normal_params(params: Iterable[tuple[str, int | bool | None]]) -> dict[str, int | bool]:
    """``params`` without the values that say nothing (None, or the unset default)."""
    return {k: v for k, v in sorted(params) if v is not None and UNSET.get(k) != v}


def params_with(params: Mapping[str, int | bool] | Iterable[tuple[str, int | bool]] | None,
                     on: bool | None, charge: int | None,
                     needs: int | None) -> dict[str, int | bool]:
    merged: dict[str, int | bool | None] = dict(params.items() if isinstance(params, Mapping)
                                                else params or ())
    for name, value in (("on", on), ("charge", charge), ("needs", needs)):
        if value is not None:
            merged[name] = value
    return normal_params(merged.items())


@dataclass(frozen=True, init=False)
class PlacedPart:
    """A part on the board at the start of a level (or in a hint's ghost).

    Per-part options are data in ``params`` (``on`` for switches and valves, ``charge`` for
    batteries, ``needs`` for beds, more for later worlds); the old keyword arguments
    ``on=``, ``charge=`` and ``needs=`` still work and are read back as properties."""

    kind: str
    at: Cell
    rotation: int = 0
    locked: bool = True  # the pupil cannot move or turn it (a broken part can still be removed)
    broken: bool = False  # fix levels: it does not work and must be replaced
    params: Params = ()

    def __init__(self, kind: str, at: Cell, rotation: int = 0, locked: bool = True,
                 broken: bool = False, on: bool | None = None, charge: int | None = None,
                 needs: int | None = None,
                 params: Mapping[str, int | bool] | Params | None = None) -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "at", at)
        object.__setattr__(self, "rotation", rotation)
        object.__setattr__(self, "locked", locked)
        object.__setattr__(self, "broken", broken)
        object.__setattr__(self, "params",
                           tuple(params_with(params, on, charge, needs).items()))

    def param(self, name: str, default: int | bool | None = None) -> int | bool | None:
        """This part's value of option ``name``, else its kind's default, else ``default``."""
        params = dict(self.params)
        if name in params:
            return params[name]
        spec = CATALOGUE.get(self.kind)
        if spec is not None and name in spec.options:
            return spec.options[name].default
        return UNSET.get(name, default)

    @property
    def on(self) -> bool:  # switches and valves: closed circuit / open valve
        return bool(self.param("on", True))

    @property
    def charge(self) -> int | None:  # batteries: charge at the start
        value = self.param("charge")
        return None if value is None else int(value)

    @property
    def needs(self) -> int | None:  # greenhouse beds: ticks of water they need
        value = self.param("needs")
        return None if value is None else int(value)


@dataclass(frozen=True)
class Goal:
    type: GoalType
    kind: str | None = None  # POWERED: only consumers of this kind (None: all consumers)
    at: Cell | None = None  # only the part at this cell
    #: packets_delivered: every message must get to its address at most this many ticks after
    #: it was sent (None: by the end of the run)
    within: int | None = None


@dataclass(frozen=True)
class StarRule:
    max_parts: int | None = None  # parts the pupil placed, at most
    max_hints: int | None = None  # hints the pupil opened, at most
    max_cost: int | None = None  # coins the placed parts cost together, at most
    max_co2: int | None = None  # CO2 blocks the parts put out over the whole run, at most
    max_water: int | None = None  # fresh water taken in over the run (drain water is not)
    max_energy: int | None = None  # energy blocks heaters and fridges used over the run


@dataclass(frozen=True)
class Stars:
    two: StarRule = StarRule()
    three: StarRule = StarRule()
    #: other rules a star may be earned by instead (different trade-offs: cheap, or clean)
    more_two: tuple[StarRule, ...] = ()
    more_three: tuple[StarRule, ...] = ()

    def options(self, star: int) -> tuple[StarRule, ...]:
        """The rules of which a build must keep one to earn ``star`` (2 or 3)."""
        return (self.two, *self.more_two) if star == 2 else (self.three, *self.more_three)


@dataclass(frozen=True)
class Hint:
    text: str  # msgid
    cells: tuple[Cell, ...] = ()  # cells to highlight
    ghost: PlacedPart | None = None  # a see-through part showing a near-answer


@dataclass(frozen=True)
class ParentTip:
    """"Samen ontdekken": the card a parent and child read together, in four parts (msgids)."""

    what: str  # the technology of the level, in two sentences
    region: str  # a real fact about it from Amsterdam, Utrecht or Flevoland
    ask: str  # a question for the parent to ask
    home: str  # something small to try at home, with things every house has

    def parts(self) -> tuple[str, str, str, str]:
        return self.what, self.region, self.ask, self.home

    def __bool__(self) -> bool:
        return any(self.parts())


NO_TIP = ParentTip("", "", "", "")


@dataclass(frozen=True)
class Question:
    """Explore levels: a question answered by picking one of a few part pictures."""

    text: str  # msgid
    choices: tuple[str, ...]  # part kinds
    answer: str  # one of the choices
    #: msgid: what the pupil saw and why, shown with the result whatever was predicted
    explain: str = ""


#: what a prediction's pictures show: part kinds, numbers, cells of the board, or pictures;
#: or ``table``: the pupil fills in the outputs of the level's truth table (``Level.table``)
PREDICT_KINDS = ("part", "number", "place", "picture", "table")
#: the pictures a prediction of kind ``picture`` can show (``assets/icons/<name>``) and what
#: each is called when it is read aloud
PREDICT_PICTURES: dict[str, str] = {
    "sun": N_("Day"), "moon": N_("Night"), "check": N_("It works"),
    "cross": N_("It does not work"),
}


@dataclass(frozen=True)
class Prediction:
    """Explore levels (SCIENCE.md: predict, test, explain): the pupil picks what will happen
    before the first run; after the run the explanation shows that pick beside the result.
    A wrong prediction costs nothing: the level's goals judge the run, not the pick."""

    text: str  # msgid: the question, asked before the first run
    kind: str  # one of PREDICT_KINDS
    #: part kinds, whole numbers, cells (x, y) or picture names (assets/icons), by ``kind``;
    #: a ``table`` prediction has none (the pupil fills in every row)
    choices: tuple[str | int | tuple[int, int], ...]
    #: one of the choices: what the run shows; a ``table`` prediction: the table's ``want``
    #: outputs row by row (``TableGuess``), what a run that solves the level gives
    answer: str | int | tuple[int, int] | TableGuess
    explain: str  # msgid: what the run showed and why, one or two sentences


#: a filled-in truth table: for each row of ``SignalTable.rows`` each output on (True) or off
#: (False); None where the pupil has not filled it in yet
TableGuess = tuple[tuple[bool | None, ...], ...]


def table_guess_done(guess: TableGuess | None) -> bool:
    """Whether every cell of a filled-in table is on or off (none left empty)."""
    return guess is not None and bool(guess) and all(v is not None for row in guess for v in row)


@dataclass(frozen=True)
class TableRow:
    """One row of a truth table: the inputs as the row sets them, the outputs it wants."""

    inputs: tuple[bool, ...]  # in the order of SignalTable.inputs
    want: tuple[bool, ...] | None = None  # in the order of SignalTable.outputs; None: not judged


@dataclass(frozen=True)
class SignalTable:
    """Signals (game.sim.media.signal): the cases a Test plays in turn. Each row sets the
    ``inputs`` (buttons, sensors) on or off for ``each`` ticks; the ``truth_table`` goal
    checks the ``outputs`` (lamps, doors, bells) at the last tick of every row."""

    inputs: tuple[Cell, ...]
    outputs: tuple[Cell, ...]
    rows: tuple[TableRow, ...]
    each: int = 3  # ticks each row runs

    def row_at(self, tick: int) -> int:
        """The row a tick of the run plays (the last row after the table's end)."""
        return min(tick // self.each, len(self.rows) - 1)

    def row_end(self, row: int) -> int:
        """The last tick of ``row``: where its outputs are read."""
        return (row + 1) * self.each - 1

    @property
    def ticks(self) -> int:
        return len(self.rows) * self.each


class StepAction(str, Enum):
    PLACE = "place"
    REMOVE = "remove"
    ROTATE = "rotate"
    TOGGLE = "toggle"
    ANSWER = "answer"


@dataclass(frozen=True)
class Step:
    action: StepAction
    at: Cell | None = None
    kind: str | None = None  # PLACE: the part; ANSWER: the chosen part kind
    rotation: int = 0  # PLACE only


@dataclass(frozen=True)
class Solution:
    steps: tuple[Step, ...]
    stars: int  # the stars this solution earns with no hints used


@dataclass(frozen=True)
class Cycle:
    """Day and night: ticks of daylight, then ticks of darkness, repeating."""

    day: int
    night: int

    def is_day(self, tick: int) -> bool:
        return tick % (self.day + self.night) < self.day


ALWAYS_DAY = Cycle(day=1, night=0)


@dataclass(frozen=True)
class Level:
    id: str
    world: str  # "city" or "greenport" (more worlds later)
    kind: LevelKind
    order: int  # position within the world
    groep: tuple[int, int]  # lowest and highest groep (3-8)
    kerndoelen: tuple[int | str, ...]  # game.kerndoelen: 39-46, 48 or "digital"
    title: str  # msgid
    story: str  # msgid: the job, one or two sentences
    width: int
    height: int
    blocked: frozenset[Cell]  # scenery cells where nothing can be built
    parts: tuple[PlacedPart, ...]
    palette: dict[str, int]  # part kind -> how many the pupil may place
    goals: tuple[Goal, ...]
    stars: Stars
    hints: tuple[Hint, ...]
    parent_tip: ParentTip  # "Samen ontdekken"
    solution: Solution
    ticks: int  # length of one Test run
    cycle: Cycle = ALWAYS_DAY
    question: Question | None = None
    source: str = ""  # the file it came from, for messages
    new_parts: tuple[str, ...] = field(default=())  # parts this level introduces
    #: what every blocked cell shows (the story's "tree", the island's "canal"); None: a mix of
    #: the world's scenery pictures
    scenery: str | None = None
    #: the weather tick by tick (None: made from ``cycle``: sun by day, a steady breeze)
    environment: Environment | None = None
    #: every solution in the file, the reference ``solution`` first (empty: just that one)
    solutions: tuple[Solution, ...] = field(default=())
    #: explore levels: what the pupil predicts before the first run (None: no prediction)
    predict: Prediction | None = None
    #: the measuring probe is in the toolbar (fix levels have it unless the file says no)
    probe: bool = False
    #: things on belts: the code each label shows instead of its symbol, for older groups to
    #: read ("JFK" for label 1, ...); empty: the labels show their symbols
    codes: tuple[str, ...] = ()
    #: heat (game.sim.media.heat): the room's air temperature in °C, around the parts and
    #: beyond the board's edge
    room: int = 20
    #: signals (game.sim.media.signal): the truth table's cases a Test plays in turn
    table: SignalTable | None = None

    @property
    def every_solution(self) -> tuple[Solution, ...]:
        """The reference solution and any others the level file gives."""
        return self.solutions or (self.solution,)

    def weather(self) -> Environment:
        """This level's weather time line for one run."""
        from game.sim.environment import Environment

        return self.environment or Environment.from_cycle(self.cycle, self.ticks)

    def in_grid(self, cell: Cell) -> bool:
        return 0 <= cell[0] < self.width and 0 <= cell[1] < self.height
