"""Did the run reach the level's goals, and if not, which goal failed where?

The answer is specific on purpose: the play screen puts a badge on the exact house that
stayed dark or the pipe end that leaked, because "it does not work" teaches nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from game.sim.board import Board, Piece
from game.sim.editor import Editor
from game.sim.geometry import Cell
from game.sim.model import Goal, GoalType, Level, LevelKind, Solution, StarRule, StepAction
from game.sim.parts import N_, Medium, PartSpec, Role
from game.sim.simulation import Simulation, TickState


@dataclass(frozen=True)
class GoalResult:
    goal: Goal
    ok: bool
    cells: tuple[Cell, ...] = ()  # where it went wrong (or, when ok, what it is about)
    message: str = ""  # msgid: what a pupil is told
    tick: int | None = None  # the first tick it went wrong


@dataclass(frozen=True)
class Evaluation:
    solved: bool
    results: tuple[GoalResult, ...]
    stars: int  # 0 when not solved
    reasons: tuple[str, ...]  # msgids: why these stars (and how to earn more)
    parts_used: int
    hints_used: int
    #: every star limit of the level beside what the run reached (:data:`STAR_MEASURES`)
    checks: tuple[StarCheck, ...] = ()
    #: the limits the reasons tell about (one rule of the star that counts; see _weigh)
    told: tuple[StarCheck, ...] = ()

    @property
    def failures(self) -> tuple[GoalResult, ...]:
        """Failed goals, causes first: a leak, a shortage or a tripped fuse explains the thirsty
        bed or the dark house, so that is what the pupil should hear about first."""
        failed = [r for r in self.results if not r.ok]
        return tuple(sorted(failed, key=lambda r: GOALS[r.goal.type].cause_rank))


class When(str, Enum):
    """When a goal looks at the run."""

    EVERY_TICK = "every_tick"  # wrong as soon as the fact names a part at any tick
    AT_END = "at_end"  # wrong if a part's amount at the end is below what it needs
    LAST_TICK = "last_tick"  # wrong where the fact still names a cell after the last tick
    ANSWER = "answer"  # explore levels: the pupil's answer, not the run


def _power_consumer(spec: PartSpec) -> bool:
    return spec.role == Role.CONSUMER and spec.medium == Medium.POWER


def _signal_output(spec: PartSpec) -> bool:
    return spec.role == Role.CONSUMER and spec.medium == Medium.SIGNAL


def _circuit_lamp(spec: PartSpec) -> bool:
    return spec.medium == Medium.CIRCUIT and spec.circuit == "lamp"


def _server(spec: PartSpec) -> bool:
    """A server rack: a heat part that needs energy and is busier under a ``load``."""
    return spec.medium == Medium.HEAT and spec.energy > 0 and "load" in spec.options


def _bed_needs(piece: Piece) -> int:
    return int(piece.param("needs") or 0)


@dataclass(frozen=True)
class GoalRule:
    """Everything about one type of goal, in one row of :data:`GOALS`: how the run is judged,
    what the pupil reads, the badge on the board and the order failures are told in."""

    type: GoalType
    when: When
    #: the TickState fact it reads (a set of cells or of (cell, side), or an amount per cell)
    fact: str | None
    #: the parts it is about (None: every cell the fact names, whatever stands there)
    parts: Callable[[PartSpec], bool] | None
    text: str  # msgid: what the goal asks
    fail: str  # msgid: what the pupil is told where it went wrong
    badge: str  # the status (game.ui.theme.STATUS) on a cell where it went wrong
    #: AT_END: the amount a part must have reached
    threshold: Callable[[Piece], int] | None = None
    cause_rank: int = 9  # lower first: a leak or a shortage explains the thirsty bed
    explain: str = ""  # msgid: why it went wrong, for an explanation card (none yet)
    #: LAST_TICK on a fact that is cell -> why (packets: ``packets_out``): (why, msgid) the
    #: most telling first; the pupil is told the first why the run shows, at its cells
    reasons: tuple[tuple[str, str], ...] = ()


GOALS: dict[GoalType, GoalRule] = {rule.type: rule for rule in (
    GoalRule(GoalType.POWERED, When.EVERY_TICK, "dark", _power_consumer,
             N_("Give every building energy."), N_("This one gets no energy."), "unpowered"),
    GoalRule(GoalType.WATERED, When.AT_END, "bed_water", lambda s: s.role == Role.FIELD,
             N_("Water every greenhouse bed."), N_("These plants are still thirsty."), "dry",
             threshold=_bed_needs),
    GoalRule(GoalType.FILLED, When.AT_END, "tank_level", lambda s: s.role == Role.TANK,
             N_("Fill the water tank."), N_("This tank is not full yet."), "dry",
             threshold=lambda p: p.spec.capacity),
    GoalRule(GoalType.NO_LEAKS, When.EVERY_TICK, "leaks", None,
             N_("Don't spill any water."), N_("Water leaks out here."), "leak", cause_rank=0),
    GoalRule(GoalType.NO_SHORTAGE, When.EVERY_TICK, "short", None,
             N_("Make enough energy for everyone."),
             N_("Not enough energy here: too little for all of them."),
             "attention", cause_rank=0),
    GoalRule(GoalType.NO_TRIPPED_FUSE, When.EVERY_TICK, "tripped", None,
             N_("Don't let a fuse trip."),
             N_("Too much current went through this fuse, so it tripped."),
             "attention", cause_rank=0),
    GoalRule(GoalType.PUMPS_RUN, When.EVERY_TICK, "no_power", lambda s: s.energy > 0,
             N_("Give every pump energy."), N_("The pump has no power."), "unpowered",
             cause_rank=0),
    GoalRule(GoalType.NO_WASTE, When.EVERY_TICK, "wasting", None,
             N_("Don't waste water."),
             N_("Water is lost here: in the air, or off a bed that already had enough."),
             "attention"),
    GoalRule(GoalType.DELIVERED, When.LAST_TICK, "undelivered", None,
             N_("Bring everything to where it must go."),
             N_("Not everything got there in time."), "attention"),
    GoalRule(GoalType.NO_JAM, When.EVERY_TICK, "jammed", None,
             N_("Keep everything moving: no pile-ups."),
             N_("Here things pile up and cannot go on."), "attention", cause_rank=0),
    GoalRule(GoalType.NO_WRONG, When.EVERY_TICK, "wrong", None,
             N_("Send everything to the place on its label."),
             N_("Something with another label went in here."), "broken", cause_rank=0),
    GoalRule(GoalType.NO_DROP, When.EVERY_TICK, "dropped", None,
             N_("Don't let anything fall off a belt."),
             N_("Here something fell off the belt."), "leak", cause_rank=0),
    GoalRule(GoalType.NO_FLAT, When.EVERY_TICK, "flat", None,
             N_("Let no truck run out of battery."),
             N_("This truck's battery is empty: it cannot drive on."), "unpowered",
             cause_rank=0),
    GoalRule(GoalType.SCANNED, When.EVERY_TICK, "unscanned", None,
             N_("Send every bag through the scanner before it flies."),
             N_("A bag went in here that no scanner looked at."), "attention"),
    GoalRule(GoalType.NOT_TOO_WARM, When.EVERY_TICK, "too_warm", None,
             N_("Keep it cool enough: never warmer than its highest temperature."),
             N_("This got too warm."), "attention"),
    GoalRule(GoalType.NOT_TOO_COLD, When.EVERY_TICK, "too_cold", None,
             N_("Keep it warm enough: never colder than its lowest temperature."),
             N_("This got too cold."), "attention"),
    GoalRule(GoalType.VENT_FREE, When.EVERY_TICK, "vent_blocked", None,
             N_("Leave room behind every fridge for its warm air."),
             N_("The back of this fridge is blocked: its heat cannot get out, so it cannot "
                "cool."), "broken", cause_rank=0),
    GoalRule(GoalType.STRONG_ENOUGH, When.EVERY_TICK, "too_weak", None,
             N_("Bring every isotope to the hospital strong enough."),
             N_("This one arrived too weak: it lost too much on the way."), "attention",
             cause_rank=0),
    GoalRule(GoalType.SHAFT_SPEED, When.EVERY_TICK, "wrong_speed",
             lambda s: s.medium == Medium.MOTION and s.role == Role.CONSUMER,
             N_("Make the machine's shaft turn at its number, the way its arrow points."),
             N_("This shaft does not turn at its number, or turns the wrong way."),
             "attention"),
    GoalRule(GoalType.NO_GEAR_JAM, When.EVERY_TICK, "gear_jam", None,
             N_("Let the gears turn: no gears that jam."),
             N_("These gears jam: each one would have to turn both ways at once."),
             "broken", cause_rank=0),
    # signals (game.sim.media.signal): lamps, door locks and alarm bells
    GoalRule(GoalType.SIGNAL_ON, When.EVERY_TICK, "outputs_off", _signal_output,
             N_("Get the signal through: keep it on."), N_("The signal does not get here."),
             "unpowered"),
    GoalRule(GoalType.SIGNAL_OFF, When.EVERY_TICK, "outputs_on", _signal_output,
             N_("Keep it off: no signal may get here."), N_("A signal got here: it went on."),
             "attention"),
    GoalRule(GoalType.TRUTH_TABLE, When.EVERY_TICK, "table_wrong", None,
             N_("Make every row of the table come out right."),
             N_("In one row of the table this came out wrong."), "attention"),
    GoalRule(GoalType.LAMPS_LIT, When.EVERY_TICK, "unlit", _circuit_lamp,
             N_("Make the lamp light up."), N_("This lamp does not light up."), "unpowered"),
    GoalRule(GoalType.LAMPS_BRIGHT, When.EVERY_TICK, "not_bright", _circuit_lamp,
             N_("Make every lamp glow brightly."), N_("This lamp is not bright."),
             "attention"),
    GoalRule(GoalType.LAMPS_DARK, When.EVERY_TICK, "glowing", _circuit_lamp,
             N_("Keep this lamp off."), N_("This lamp lights up, but it should stay off."),
             "attention"),
    GoalRule(GoalType.MAGNET_HOLDS, When.EVERY_TICK, "not_held",
             lambda s: s.magnetic and s.circuit == "scrap",
             N_("Let the electromagnet hold the steel."),
             N_("No magnet holds this steel."), "attention"),
    GoalRule(GoalType.SWITCHED, When.EVERY_TICK, "unswitched", _circuit_lamp,
             N_("Make every switch turn the lamp on and off."),
             N_("Not every switch turns this lamp on and off."), "attention"),
    GoalRule(GoalType.NO_SHORT_CIRCUIT, When.EVERY_TICK, "shorted", None,
             N_("No short circuit: current must go through a lamp."),
             N_("Short circuit: only wire between the two sides of the bench battery. It gets "
                "hot!"), "broken", cause_rank=0),
    # packets (game.sim.media.packets): messages with an address
    GoalRule(GoalType.PACKETS_DELIVERED, When.LAST_TICK, "packets_out", None,
             N_("Bring every message to its address."),
             N_("Not every message got to its address."), "attention",
             reasons=(
                 ("wrong", N_("A message for another address came in here. Only a router "
                              "reads the address.")),
                 ("no_cable", N_("The messages cannot leave here: the cable does not go "
                                 "all the way.")),
                 ("no_way", N_("This router finds no way to the address of these messages.")),
                 ("waiting", N_("These messages were still waiting when the time was up. "
                                "The cable was full.")),
                 ("moving", N_("These messages were still on their way when the time was "
                               "up.")))),
    GoalRule(GoalType.NO_PACKET_LOST, When.EVERY_TICK, "packets_lost_at", None,
             N_("Lose no message."), N_("A message was lost here: its cable broke."), "broken",
             cause_rank=0),
    # the data centre: a server rack (a heat part on a cable) goes off without energy
    GoalRule(GoalType.SERVERS_ON, When.EVERY_TICK, "dark", _server,
             N_("Keep every server running: it needs energy every moment."),
             N_("The servers went off here: they got no energy."), "unpowered",
             cause_rank=0),
    GoalRule(GoalType.ANSWER, When.ANSWER, None, None,
             N_("Answer the question."), N_("That is not the answer yet."), "broken"),
)}


def goal_rule(goal_type: GoalType) -> GoalRule:
    return GOALS[goal_type]


# Kept for readers of the time before the table: derived from it, never written by hand.
CAUSE_FIRST = {t: rule.cause_rank for t, rule in GOALS.items() if rule.cause_rank != 9}
GOAL_TEXT: dict[GoalType, tuple[str, str]] = {t: (rule.text, rule.fail) for t, rule in GOALS.items()}


def _matches(goal: Goal, cell: Cell, kind: str) -> bool:
    return (goal.kind is None or goal.kind == kind) and (goal.at is None or goal.at == cell)


def _cells(value: Iterable[Any]) -> Iterable[Cell]:
    """The cells a fact names: a set of cells, or of (cell, side) like the leaks."""
    for item in value:
        yield item[0] if isinstance(item[0], tuple) else item


#: packets_delivered ``within:`` N ticks: what the pupil is told where a message took longer
LATE = N_("These messages took too long to get to their address.")


def mark_late(within: int, states: Sequence[TickState],
              mark: Callable[[Iterable[Cell], int], None]) -> None:
    """Packets: the cells where a message still was ``within`` ticks after it was sent (the
    tick it first shows on the board), at that tick: it did not arrive in time."""
    sent: dict[int, int] = {}
    for s in states:
        for pid, _address, _how, cell, _came in s.fact("packets", ()):
            first = sent.setdefault(pid, s.tick)
            if s.tick - first >= within:
                mark([cell], s.tick)


def check_goal(goal: Goal, board: Board, states: Sequence[TickState], answer: str | None) -> GoalResult:
    rule = GOALS[goal.type]
    bad: dict[Cell, int] = {}  # cell -> first tick it went wrong

    def mark(cells: Iterable[Cell], tick: int) -> None:
        for c in cells:
            bad.setdefault(c, tick)

    if rule.when == When.ANSWER:
        question = board.level.question
        if question is None or answer != question.answer:
            return GoalResult(goal, False, (), rule.fail, None)
    elif rule.parts is not None:
        parts, fact = rule.parts, rule.fact or ""
        targets = [(c, p) for c, p in board.pieces.items()
                   if parts(p.spec) and _matches(goal, c, p.kind)]
        if rule.when == When.EVERY_TICK:
            about = [c for c, _p in targets]
            for s in states:
                named = s.fact(fact)
                mark((c for c in about if c in named), s.tick)
            if not states:
                mark(about, 0)
        else:
            assert rule.threshold is not None
            last = states[-1].fact(fact, {}) if states else {}
            for c, p in targets:
                if last.get(c, 0) < rule.threshold(p):
                    mark([c], len(states))
    elif rule.when == When.LAST_TICK and rule.reasons:
        why = states[-1].fact(rule.fact or "", {}) if states else {}
        for reason, message in rule.reasons:
            cells = sorted(c for c, w in why.items() if w == reason)
            if cells:
                return GoalResult(goal, False, tuple(cells), message, len(states))
        if goal.within is not None:
            mark_late(goal.within, states, mark)
    elif rule.when == When.LAST_TICK:
        if states:
            mark(_cells(states[-1].fact(rule.fact or "", ())), len(states))
    else:
        for s in states:
            mark(_cells(s.fact(rule.fact or "", ())), s.tick)
    if bad:
        first_bad = tuple(sorted(bad, key=lambda c: (bad[c], c)))
        late = goal.within is not None and goal.type == GoalType.PACKETS_DELIVERED
        return GoalResult(goal, False, first_bad, LATE if late else rule.fail, min(bad.values()))
    return GoalResult(goal, True, (), rule.text, None)


# --- what a star may ask beyond "it works" ------------------------------------------------------
@dataclass(frozen=True)
class StarMeasure:
    """One thing a star rule may set a limit on (``stars: three: {max_cost: 14}``): how the
    build and its run are measured, the icon that shows the number without words, and what
    the pupil is told when the limit was kept or not."""

    key: str  # the star rule's key (a field of StarRule)
    icon: str  # icons/<name>
    measure: Callable[[Board, Sequence[TickState]], int]
    reached: str  # msgid
    missed: str  # msgid


def _cost(board: Board, states: Sequence[TickState]) -> int:
    """Coins: the prices of the parts the pupil placed (the level's own parts are not bought)."""
    return sum(p.spec.price for p in board.pieces.values() if p.placed)


def _co2(board: Board, states: Sequence[TickState]) -> int:
    """CO2 blocks: each tick, every part that burned fuel (``burning``) puts out its ``co2``."""
    return sum(board.pieces[c].spec.co2 for s in states for c in s.fact("burning", ())
               if c in board.pieces)


def _water(board: Board, states: Sequence[TickState]) -> int:
    """Fresh water the taps and pumps gave over the run (game.sim.media.water's
    ``water_used``: drain water sent back round again is not new water)."""
    return int(states[-1].fact("water_used", 0) or 0) if states else 0


def _energy(board: Board, states: Sequence[TickState]) -> int:
    """Energy blocks the heaters and fridges used over the run (game.sim.media.heat's
    ``energy_used``)."""
    return int(states[-1].fact("energy_used", 0) or 0) if states else 0


STAR_MEASURES: tuple[StarMeasure, ...] = (
    StarMeasure("max_parts", "build", lambda board, states: board.parts_used(),
                N_("You used few parts."), N_("Can you do it with fewer parts?")),
    StarMeasure("max_cost", "coin", _cost,
                N_("Cheap enough!"), N_("Too dear. Can you build it with cheaper parts?")),
    StarMeasure("max_co2", "co2", _co2,
                N_("Clean enough: little or no CO₂."),
                N_("Too much CO₂: the generator ran too long.")),
    StarMeasure("max_water", "drop", _water,
                N_("Little fresh water used."),
                N_("Too much fresh water used. Can less go to waste?")),
    StarMeasure("max_energy", "bolt", _energy,
                N_("Little energy used."),
                N_("Too much energy used. Can the heat stay where it is with less?")),
)
MEASURE = {m.key: m for m in STAR_MEASURES}
#: the measures beyond parts and hints: a level that limits one of them is told per limit
TRADE_OFFS = ("max_cost", "max_co2", "max_water", "max_energy")


@dataclass(frozen=True)
class StarCheck:
    """One limit of one star's rule beside what the build reached."""

    star: int  # 2 or 3
    key: str  # a StarMeasure's key
    value: int
    limit: int
    option: int = 0  # which of the star's rules (Stars.options): any one kept earns it

    @property
    def ok(self) -> bool:
        return self.value <= self.limit

    @property
    def measure(self) -> StarMeasure:
        return MEASURE[self.key]

    @property
    def message(self) -> str:
        return self.measure.reached if self.ok else self.measure.missed


def star_checks(level: Level, board: Board | None, states: Sequence[TickState],
                ) -> tuple[StarCheck, ...]:
    """Every limit of the two- and three-star rules beside what this build and run reached
    (parts do not count on explore levels). ``board`` None: the limits alone, value 0."""
    out: list[StarCheck] = []
    values: dict[str, int] = {}
    for star in (2, 3):
        for option, rule in enumerate(level.stars.options(star)):
            for m in STAR_MEASURES:
                limit = getattr(rule, m.key)
                if limit is None or (m.key == "max_parts" and level.kind == LevelKind.EXPLORE):
                    continue
                if m.key not in values:
                    values[m.key] = 0 if board is None else m.measure(board, states)
                out.append(StarCheck(star, m.key, values[m.key], limit, option))
    return tuple(out)


def trades_off(level: Level) -> bool:
    """Does a star of ``level`` ask for more than few parts and no hints, or can it be earned
    in more than one way?"""
    stars = level.stars
    return bool(stars.more_two or stars.more_three) or any(
        getattr(rule, key) is not None
        for star in (2, 3) for rule in stars.options(star) for key in TRADE_OFFS)


def checks_told(ev: Evaluation) -> tuple[StarCheck, ...]:
    """The limits an evaluation's reasons tell about: those of the rule that counts for the
    next star to earn (the third once it is earned)."""
    return ev.told


def _meets(rule: StarRule, parts: int | None, hints: int) -> bool:
    """``parts`` None: parts do not count (explore levels)."""
    return (rule.max_parts is None or parts is None or parts <= rule.max_parts) and (
        rule.max_hints is None or hints <= rule.max_hints)


def evaluate(board: Board, states: Sequence[TickState], hints_used: int = 0,
             answer: str | None = None) -> Evaluation:
    level = board.level
    results = tuple(check_goal(g, board, states, answer) for g in level.goals)
    solved = all(r.ok for r in results)
    parts = board.parts_used()
    checks = star_checks(level, board, states)
    if not solved:
        return Evaluation(False, results, 0, (), parts, hints_used, checks)
    if trades_off(level):
        return _weigh(level, results, checks, parts, hints_used)
    reasons = [N_("It works!")]
    stars = 1
    two, three = level.stars.two, level.stars.three
    # An explore level asks the pupil to try things: the parts tried (all still on the board,
    # or taken away again) never cost a star there, only the hints do.
    explore = level.kind == LevelKind.EXPLORE
    counted = None if explore else parts
    if _meets(two, counted, hints_used):
        stars = 2
        if _meets(three, counted, hints_used):
            stars = 3
    if explore:
        reasons.append(N_("You tried it out and found the answer!") if stars == 3 else
                       N_("Try it once more without hints for the third star.") if stars == 2
                       else N_("Try it once more with fewer hints."))
        return Evaluation(True, results, stars, tuple(reasons), parts, hints_used, checks)
    if stars >= 2 and two.max_parts is not None:
        reasons.append(N_("You used few parts."))
    if stars == 3:
        reasons.append(N_("The smartest solution!"))
    elif stars == 2 and three.max_hints is not None and hints_used > three.max_hints:
        reasons.append(N_("Try it once more without hints for the third star."))
    elif stars == 2:
        reasons.append(N_("Can you do it with even fewer parts?"))
    else:
        reasons.append(N_("Can you do it with fewer parts?"))
    return Evaluation(True, results, stars, tuple(reasons), parts, hints_used, checks)


def _weigh(level: Level, results: tuple[GoalResult, ...], checks: tuple[StarCheck, ...],
           parts: int, hints: int) -> Evaluation:
    """A level whose stars weigh cost, CO2 or water, or can be earned in more than one way: a
    star needs every limit of one of its rules kept (and a star below it earned). The reasons
    say, for the star that counts (the next one to earn, or the third once earned), each limit
    of its rule reached or missed: of the rule kept, else of the one nearest to being kept.
    The card draws each with its icon, the number and the limit."""

    def misses(star: int, option: int) -> int:
        rule = level.stars.options(star)[option]
        hinted = rule.max_hints is not None and hints > rule.max_hints
        return sum(not c.ok for c in checks if (c.star, c.option) == (star, option)) + hinted

    def best(star: int) -> int:
        n = len(level.stars.options(star))
        return min(range(n), key=lambda option: (misses(star, option), option))

    stars = 1
    if misses(2, best(2)) == 0:
        stars = 2
        if misses(3, best(3)) == 0:
            stars = 3
    shown = min(3, stars + 1)
    option = best(shown)
    told = tuple(c for c in checks if (c.star, c.option) == (shown, option))
    reasons = [N_("It works!")]
    # what was missed first (how to earn the star), then what was reached
    reasons.extend(dict.fromkeys(c.message for c in sorted(told, key=lambda c: c.ok)))
    rule = level.stars.options(shown)[option]
    if rule.max_hints is not None and hints > rule.max_hints:
        reasons.append(N_("Try it once more without hints for the third star.")
                       if shown == 3 else N_("Try it once more with fewer hints."))
    return Evaluation(True, results, stars, tuple(reasons), parts, hints, checks, told)


def run_board(board: Board, hints_used: int = 0, answer: str | None = None) -> Evaluation:
    """Freeze the board, run a whole Test and judge it."""
    return evaluate(board, Simulation(board).run(), hints_used, answer)


def play_solution(level: Level, solution: Solution | None = None) -> tuple[Board, Evaluation]:
    """Replay the level's reference solution (or ``solution``, another of its solutions)
    through the editor and the simulation."""
    editor = Editor(Board(level))
    answer = None
    for step in (solution or level.solution).steps:
        if step.action == StepAction.ANSWER:
            answer = step.kind
        elif not editor.apply(step):
            raise ValueError(f"{level.id}: solution step {step} refused: {editor.last_refusal.value if editor.last_refusal else '?'}")
    return editor.board, run_board(editor.board, 0, answer)
