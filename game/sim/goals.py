"""Did the run reach the level's goals, and if not, which goal failed where?

The answer is specific on purpose: the play screen puts a badge on the exact house that
stayed dark or the pipe end that leaked, because "it does not work" teaches nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.sim.board import Board
from game.sim.editor import Editor
from game.sim.geometry import Cell
from game.sim.model import Goal, GoalType, Level, LevelKind, StarRule, StepAction
from game.sim.parts import N_, Role
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

    @property
    def failures(self) -> tuple[GoalResult, ...]:
        """Failed goals, causes first: a leak or an overload explains the thirsty bed or the
        dark house, so that is what the pupil should hear about first."""
        failed = [r for r in self.results if not r.ok]
        return tuple(sorted(failed, key=lambda r: CAUSE_FIRST.get(r.goal.type, 9)))


CAUSE_FIRST = {GoalType.NO_LEAKS: 0, GoalType.NO_OVERLOAD: 0}

GOAL_TEXT: dict[GoalType, tuple[str, str]] = {
    # goal type -> (what the goal asks, what the pupil is told when it fails)
    GoalType.POWERED: (N_("Give every building power."), N_("This one has no power.")),
    GoalType.WATERED: (N_("Water every greenhouse bed."), N_("These plants are still thirsty.")),
    GoalType.FILLED: (N_("Fill the water tank."), N_("This tank is not full yet.")),
    GoalType.NO_LEAKS: (N_("Don't spill any water."), N_("Water leaks out here.")),
    GoalType.NO_OVERLOAD: (N_("Don't ask too much of the power."),
                           N_("Too much to power with too little.")),
    GoalType.ANSWER: (N_("Answer the question."), N_("That is not the answer yet.")),
}


def _matches(goal: Goal, cell: Cell, kind: str) -> bool:
    return (goal.kind is None or goal.kind == kind) and (goal.at is None or goal.at == cell)


def check_goal(goal: Goal, board: Board, states: Sequence[TickState], answer: str | None) -> GoalResult:
    fail_text = GOAL_TEXT[goal.type][1]
    pieces = board.pieces
    bad: dict[Cell, int] = {}  # cell -> first tick it went wrong

    def mark(cells, tick: int) -> None:
        for c in cells:
            bad.setdefault(c, tick)

    if goal.type == GoalType.POWERED:
        targets = [c for c, p in pieces.items()
                   if p.spec.role == Role.CONSUMER and p.spec.medium.value == "power"
                   and _matches(goal, c, p.kind)]
        for s in states:
            mark((c for c in targets if c in s.dark), s.tick)
        if not states:
            mark(targets, 0)
    elif goal.type == GoalType.WATERED:
        last = states[-1].bed_water if states else {}
        for c, p in pieces.items():
            if p.spec.role == Role.FIELD and _matches(goal, c, p.kind):
                needs = p.needs if p.needs is not None else p.spec.extra["needs"]
                if last.get(c, 0) < needs:
                    mark([c], len(states))
    elif goal.type == GoalType.FILLED:
        last = states[-1].tank_level if states else {}
        for c, p in pieces.items():
            if (p.spec.role == Role.TANK and _matches(goal, c, p.kind)
                    and last.get(c, 0) < p.spec.capacity):
                mark([c], len(states))
    elif goal.type == GoalType.NO_LEAKS:
        for s in states:
            mark((cell for cell, _side in s.leaks), s.tick)
    elif goal.type == GoalType.NO_OVERLOAD:
        for s in states:
            mark(s.overloaded, s.tick)
    elif goal.type == GoalType.ANSWER:
        question = board.level.question
        if question is None or answer != question.answer:
            return GoalResult(goal, False, (), fail_text, None)
    if bad:
        cells = tuple(sorted(bad, key=lambda c: (bad[c], c)))
        return GoalResult(goal, False, cells, fail_text, min(bad.values()))
    return GoalResult(goal, True, (), GOAL_TEXT[goal.type][0], None)


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
    if not solved:
        return Evaluation(False, results, 0, (), parts, hints_used)
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
        return Evaluation(True, results, stars, tuple(reasons), parts, hints_used)
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
    return Evaluation(True, results, stars, tuple(reasons), parts, hints_used)


def run_board(board: Board, hints_used: int = 0, answer: str | None = None) -> Evaluation:
    """Freeze the board, run a whole Test and judge it."""
    return evaluate(board, Simulation(board).run(), hints_used, answer)


def play_solution(level: Level) -> tuple[Board, Evaluation]:
    """Replay the level's reference solution through the editor and the simulation."""
    editor = Editor(Board(level))
    answer = None
    for step in level.solution.steps:
        if step.action == StepAction.ANSWER:
            answer = step.kind
        elif not editor.apply(step):
            raise ValueError(f"{level.id}: solution step {step} refused: {editor.last_refusal.value if editor.last_refusal else '?'}")
    return editor.board, run_board(editor.board, 0, answer)
