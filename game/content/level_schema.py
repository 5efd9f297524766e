"""The level format as a table of field specs, plus the rules that tie fields together.

Read top to bottom, ``LEVEL`` is the format's reference: every key, its type and range,
its default. ``levels/README.md`` explains the same for level designers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.content.worlds import World, world_ids
from game.datafile.problems import REPORTED, FieldPath, Partial
from game.datafile.schema import (
    Bool,
    CellSpec,
    Choice,
    Context,
    Field,
    FieldCheck,
    Int,
    ListOf,
    MapOf,
    Record,
    Spec,
    Tagged,
    Text,
    describe,
    did_you_mean,
    shorten,
)
from game.kerndoelen import allowed as kerndoelen_allowed
from game.kerndoelen import is_kerndoel
from game.sim.board import Board, Refusal
from game.sim.catalogue import CATALOGUE
from game.sim.editor import Editor
from game.sim.environment import SKY, WIND, Environment, Stretch
from game.sim.geometry import Cell
from game.sim.model import (
    ALWAYS_DAY,
    NO_TIP,
    PREDICT_KINDS,
    PREDICT_PICTURES,
    Cycle,
    Goal,
    GoalType,
    Hint,
    Level,
    LevelKind,
    ParentTip,
    PlacedPart,
    Prediction,
    Question,
    SignalTable,
    Solution,
    StarRule,
    Stars,
    Step,
    StepAction,
    TableRow,
)
from game.sim.parts import Medium, Param, PartSpec, Role

ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
DEFAULT_TICKS = 16

CELL = CellSpec()


class KerndoelSpec(Spec):
    """One kerndoel tag: a number of game.kerndoelen's table or the word ``digital``."""

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if value is REPORTED:
            return REPORTED
        if not is_kerndoel(value):
            ctx.report(path, f"must be a kerndoel ({kerndoelen_allowed()}), not {describe(value)}")
            return REPORTED
        return value


ROTATION = Int(0, 3)
BOOL = Bool()


def _ticks(ctx: Context) -> int | None:
    ticks = ctx.facts.get("ticks")
    return ticks if isinstance(ticks, int) else None


def _default_ticks(ctx: Context) -> int:
    table = ctx.facts.get("table")
    if isinstance(table, SignalTable):
        return table.ticks
    weather = ctx.facts.get("weather")
    if isinstance(weather, tuple) and weather:
        return sum(stretch.ticks for stretch in weather)
    cycle = ctx.facts.get("cycle")
    return cycle.day + cycle.night if isinstance(cycle, Cycle) else DEFAULT_TICKS


# --- checks of one field against its record ------------------------------------------------


def _part_of(siblings: Mapping[str, Any], kind_key: str) -> PartSpec | None:
    kind = siblings.get(kind_key)
    return CATALOGUE.get(kind) if isinstance(kind, str) else None


def turns(kind_key: str = "kind") -> FieldCheck:
    """A rotation other than 0 only means something for parts that look different turned."""

    def check(value: Any, siblings: Mapping[str, Any], ctx: Context) -> str | None:
        part = _part_of(siblings, kind_key)
        if value and part is not None and not part.rotates:
            return f"a {part.kind} is the same every way round; leave rotation out"
        return None

    return check


def goal_option(*types: GoalType) -> FieldCheck:
    """Goal keys that only narrow some goal types (``kind`` only for ``powered``)."""
    allowed = {t.value for t in types}

    def check(value: Any, siblings: Mapping[str, Any], ctx: Context) -> str | None:
        goal = siblings.get("type")
        if goal in {t.value for t in GoalType} and goal not in allowed:
            return f"a {goal} goal has no such option (only {', '.join(sorted(allowed))})"
        return None

    return check


def _lowest_first(value: tuple[int, int], siblings: Mapping[str, Any], ctx: Context) -> str | None:
    low, high = value
    return f"lowest groep {low} comes after highest {high}" if low > high else None


@dataclass(frozen=True)
class Kind(Spec):
    """A part kind from the catalogue, optionally only those that pass ``allow``."""

    allow: Callable[[PartSpec], bool] | None = None
    what: str = ""  # what ``allow`` lets through, for messages: "a power consumer"

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if value is REPORTED:
            return REPORTED
        if not isinstance(value, str):
            ctx.report(path, f"must be a part kind, not {describe(value)}")
            return REPORTED
        if value not in CATALOGUE:
            hint = did_you_mean(value, list(CATALOGUE))
            ctx.report(path, f"unknown part kind {shorten(value)}{hint}")
            return REPORTED
        if self.allow and not self.allow(CATALOGUE[value]):
            fits = ", ".join(k for k, s in CATALOGUE.items() if self.allow(s))
            ctx.report(path, f"must be {self.what} ({fits}), not {value}")
            return REPORTED
        return value



# --- the specs -------------------------------------------------------------------------------


def _is_bed(part: PartSpec) -> bool:
    return part.role is Role.FIELD


def _is_power_consumer(part: PartSpec) -> bool:
    return part.role is Role.CONSUMER and part.medium is Medium.POWER


def _is_signal_output(part: PartSpec) -> bool:
    return part.role is Role.CONSUMER and part.medium is Medium.SIGNAL


def _is_circuit_lamp(part: PartSpec) -> bool:
    return part.medium is Medium.CIRCUIT and part.circuit == "lamp"


def _is_steel_scrap(part: PartSpec) -> bool:
    return part.medium is Medium.CIRCUIT and part.circuit == "scrap" and part.magnetic


def _is_consumer_goal_kind(part: PartSpec) -> bool:
    """What a goal's ``kind:`` may narrow to: a power consumer, a signal output, a workbench
    lamp or steel scrap."""
    return (_is_power_consumer(part) or _is_signal_output(part) or _is_circuit_lamp(part)
            or _is_steel_scrap(part))


def _build_part(values: dict[str, Any], ctx: Context) -> PlacedPart:
    return PlacedPart(**values)


def _option_spec(option: Param) -> Spec:
    if isinstance(option.default, bool):
        return Bool()
    if option.up_to_ticks:
        return Int(option.lo, _ticks, why="the level's ticks")
    return Int(option.lo, option.hi)


@dataclass(frozen=True)
class PartRecord(Record):
    """A part on the board: the keys every part has, plus the options of its kind, which
    come from the part's ``params`` in its world's parts file (a battery's ``charge``)."""

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if value is REPORTED or not isinstance(value, dict):
            return super().check(value, path, ctx)
        kind = value.get("kind")
        part = CATALOGUE.get(kind) if isinstance(kind, str) else None
        extra = [key for key in value if key not in self.fields]
        if part is None:  # the kind is reported; its options cannot be checked
            return super().check({k: v for k, v in value.items() if k not in extra}, path, ctx)
        params: dict[str, Any] = {}
        for key in extra:
            if not isinstance(key, str) or key not in part.options:
                self._not_an_option(key, part, path, ctx)
                params[str(key)] = REPORTED
            else:
                params[key] = _option_spec(part.options[key]).check(value[key], (*path, key), ctx)
        for name, option in part.options.items():
            ticks = _ticks(ctx)
            if name not in value and option.up_to_ticks and ticks and ticks < int(option.default):
                ctx.report((*path, "kind"),
                           f"a {part.kind}'s {name} is {option.default} by default, but a test "
                           f"runs {ticks} ticks; give it {name}: or more ticks")
        placed = super().check({k: v for k, v in value.items() if k not in extra}, path, ctx)
        if placed is REPORTED or REPORTED in params.values():
            return REPORTED
        return PlacedPart(placed.kind, placed.at, placed.rotation, placed.locked, placed.broken,
                          params=params)

    def _not_an_option(self, key: Any, part: PartSpec, path: FieldPath, ctx: Context) -> None:
        others = [k for k, s in CATALOGUE.items() if key in s.options]
        if others:
            have = "has" if len(others) == 1 else "have"
            ctx.report((*path, key), f"only {', '.join(others)} {have} {key}:; this part is a "
                                     f"{part.kind}")
            return
        known = [*self.fields, *part.options]
        hint = did_you_mean(str(key), known) or " (known keys: " + ", ".join(known) + ")"
        ctx.report((*path, key), f"unknown key{hint}", key=True)


PART = PartRecord(
    {
        "kind": Field(Kind(), required=True),
        "at": Field(CELL, required=True),
        "rotation": Field(ROTATION, default=0, check=turns()),
        "locked": Field(BOOL, default=True),
        "broken": Field(BOOL, default=False),
    },
    build=_build_part,
)

GHOST = Record(
    {
        "kind": Field(Kind(), required=True),
        "at": Field(CELL, required=True),
        "rotation": Field(ROTATION, default=0, check=turns()),
    },
    build=lambda v, ctx: PlacedPart(v["kind"], v["at"], v["rotation"], locked=False),
)

HINT = Record(
    {
        "text": Field(Text(200), required=True),
        "cells": Field(ListOf(CELL, unique=True), default=()),
        "ghost": Field(GHOST),
    },
    build=lambda v, ctx: Hint(**v),
)

#: "Samen ontdekken": the card a parent and child read together (game.sim.model.ParentTip)
PARENT_TIP_CARD = Record(
    {
        "what": Field(Text(260), required=True,
                      missing="the technology of the level, in two sentences"),
        "region": Field(Text(220), required=True,
                        missing="a real fact about it from Amsterdam, Utrecht or Flevoland"),
        "ask": Field(Text(160), required=True, missing="a question a parent asks the child"),
        "home": Field(Text(240), required=True,
                      missing="something small to try at home, with things every house has"),
    },
    build=lambda v, ctx: ParentTip(**v),
)


#: goal names that were renamed: old name -> (new name, why), refused with a one-line message
RENAMED_GOALS: dict[str, tuple[str, str]] = {
    "no_overload": ("no_shortage", "too little energy is a shortage, not an overload; "
                    "an overload is a fuse that trips: no_tripped_fuse"),
}


@dataclass(frozen=True)
class GoalChoice(Choice):
    """A goal type; an old, renamed one is refused with its new name."""

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if isinstance(value, str) and value in RENAMED_GOALS:
            new, why = RENAMED_GOALS[value]
            ctx.report(path, f"{value} is now called {new} ({why})")
            return REPORTED
        return super().check(value, path, ctx)


#: circuit goals about one lamp or one steel scrap that ``kind:`` and ``at:`` may narrow
CIRCUIT_GOALS = (GoalType.LAMPS_LIT, GoalType.LAMPS_BRIGHT, GoalType.LAMPS_DARK,
                 GoalType.SWITCHED, GoalType.MAGNET_HOLDS)


GOAL = Record(
    {
        "type": Field(GoalChoice(tuple(t.value for t in GoalType)), required=True),
        "kind": Field(
            Kind(_is_consumer_goal_kind,
                 "a power consumer, a signal output, a workbench lamp or steel scrap"),
            check=goal_option(GoalType.POWERED, GoalType.SIGNAL_ON, GoalType.SIGNAL_OFF,
                              *CIRCUIT_GOALS)
        ),
        "at": Field(CELL, check=goal_option(GoalType.POWERED, GoalType.WATERED, GoalType.FILLED,
                                            GoalType.SIGNAL_ON, GoalType.SIGNAL_OFF,
                                            *CIRCUIT_GOALS)),
        # packets: every message gets to its address at most this many ticks after it is sent
        "within": Field(Int(1, 400), check=goal_option(GoalType.PACKETS_DELIVERED)),
    },
    build=lambda v, ctx: Goal(GoalType(v["type"]), v["kind"], v["at"], v["within"]),
)

STAR_RULE = Record(
    {"max_parts": Field(Int(0, 99)), "max_hints": Field(Int(0, 3)),
     "max_cost": Field(Int(0, 999)), "max_co2": Field(Int(0, 999)),
     "max_water": Field(Int(0, 999)), "max_energy": Field(Int(0, 999))},
    build=lambda v, ctx: StarRule(**v),
)


@dataclass(frozen=True)
class StarRules(Spec):
    """A star's rule, or a list of up to three rules of which the build must keep one (three
    stars by different trade-offs: ``three: [{max_cost: 14}, {max_co2: 0, max_cost: 18}]``).
    Built into a tuple of rules, the first one first."""

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if isinstance(value, list):
            rules = ListOf(STAR_RULE, 1, 3).check(value, path, ctx)
            return rules if isinstance(rules, tuple) else REPORTED
        rule = STAR_RULE.check(value, path, ctx)
        return REPORTED if rule is REPORTED or isinstance(rule, Partial) else (rule,)


STARS = Record(
    {"two": Field(StarRules(), default=(StarRule(),)),
     "three": Field(StarRules(), default=(StarRule(),))},
    build=lambda v, ctx: Stars(two=v["two"][0], three=v["three"][0], more_two=v["two"][1:],
                               more_three=v["three"][1:]),
)


def _answer_is_a_choice(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    if not _valid(values, "choices", "answer"):
        return
    choices, answer = values["choices"], values["answer"]
    if answer not in choices:
        ctx.report((*path, "answer"), f"{answer} is not one of the choices")


QUESTION = Record(
    {
        "text": Field(Text(200), required=True),
        "choices": Field(ListOf(Kind(), 2, 4, unique=True), required=True),
        "answer": Field(Kind(), required=True),
        "explain": Field(Text(300), default=""),
    },
    build=lambda v, ctx: Question(**v),
    rules=(_answer_is_a_choice,),
)


@dataclass(frozen=True)
class PredictChoice(Spec):
    """One choice of a prediction, of the block's ``kind`` (checked before it): a part kind,
    a whole number 0..99, a cell of the board or a picture name."""

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        kind = ctx.facts.get("predict_kind")
        if value is REPORTED or kind not in PREDICT_KINDS:
            return REPORTED
        if kind == "table":
            return value  # said once by the rule (_predict_answer_is_a_choice)
        if kind == "part":
            return Kind().check(value, path, ctx)
        if kind == "number":
            return Int(0, 99).check(value, path, ctx)
        if kind == "place":
            return CELL.check(value, path, ctx)
        return Choice(tuple(PREDICT_PICTURES)).check(value, path, ctx)


def _remember_predict_kind(value: Any, siblings: Mapping[str, Any], ctx: Context) -> str | None:
    ctx.facts["predict_kind"] = value
    return None


def _predict_answer_is_a_choice(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    kind = ctx.facts.pop("predict_kind", None)
    if kind == "table":
        table = ctx.facts.get("table")
        if table is None:
            ctx.report((*path, "kind"), "a table prediction needs the level's table:")
        elif isinstance(table, SignalTable) and any(row.want is None for row in table.rows):
            ctx.report((*path, "kind"), "a table prediction needs want: in every row of the "
                                        "table (what the run shows, the answer)")
        for name in ("choices", "answer"):
            if values[name] is not None:
                ctx.report((*path, name), "a table prediction has none: the pupil fills in "
                                          "the table's outputs, and its want: is the answer",
                           key=True)
                values[name] = REPORTED
        return
    for name in ("choices", "answer"):
        if kind in PREDICT_KINDS and values[name] is None:
            ctx.report((*path, name), "missing")
            values[name] = REPORTED
    if _valid(values, "choices", "answer") and values["answer"] not in values["choices"]:
        ctx.report((*path, "answer"), "is not one of the choices")


def _build_prediction(v: dict[str, Any], ctx: Context) -> Prediction:
    """A prediction; a ``table`` one takes its answer from the table's ``want`` row by row."""
    if v["kind"] != "table":
        return Prediction(**v)
    table = ctx.facts.get("table")
    rows = table.rows if isinstance(table, SignalTable) else ()
    answer = tuple(tuple(row.want or ()) for row in rows)
    return Prediction(v["text"], "table", (), answer, v["explain"])


PREDICT = Record(
    {
        "text": Field(Text(200), required=True),
        "kind": Field(Choice(PREDICT_KINDS), required=True, check=_remember_predict_kind),
        # not for kind: table (the pupil fills in the level's table; see the rule)
        "choices": Field(ListOf(PredictChoice(), 2, 4, unique=True), default=None),
        "answer": Field(PredictChoice(), default=None),
        "explain": Field(Text(300), required=True),
    },
    build=_build_prediction,
    rules=(_predict_answer_is_a_choice,),
)


#: one row of a truth table: ``{in: [true, false], want: [false]}`` (want: left out on an
#: explore level that only asks what happens)
TABLE_ROW = Record(
    {
        "in": Field(ListOf(BOOL, 1, 4), required=True),
        "want": Field(ListOf(BOOL, 1, 4), default=None),
    },
    build=lambda v, ctx: TableRow(v["in"], v["want"]),
)

#: signals: the truth table's cases a Test plays in turn (game.sim.model.SignalTable)
TABLE = Record(
    {
        "inputs": Field(ListOf(CELL, 1, 4, unique=True), required=True),
        "outputs": Field(ListOf(CELL, 1, 4, unique=True), required=True),
        "each": Field(Int(1, 20), default=3),
        "rows": Field(ListOf(TABLE_ROW, 1, 16), required=True),
    },
    build=lambda v, ctx: SignalTable(v["inputs"], v["outputs"], v["rows"], v["each"]),
)


def _step(action: StepAction, **extra: Field) -> Record:
    """The record of one solution step: its action key plus any extra keys."""
    spec = Kind() if action in (StepAction.PLACE, StepAction.ANSWER) else CELL
    key = action.value

    def build(values: dict[str, Any], ctx: Context) -> Step:
        if spec is CELL:
            return Step(action, at=values[key])
        return Step(
            action, at=values.get("at"), kind=values[key], rotation=values.get("rotation", 0)
        )

    return Record({key: Field(spec, required=True), **extra}, build=build)


STEP = Tagged(
    {
        "place": _step(
            StepAction.PLACE,
            at=Field(CELL, required=True),
            rotation=Field(ROTATION, default=0, check=turns("place")),
        ),
        "remove": _step(StepAction.REMOVE),
        "rotate": _step(StepAction.ROTATE),
        "toggle": _step(StepAction.TOGGLE),
        "answer": _step(StepAction.ANSWER),
    },
    noun="step",
)

SOLUTION = Record(
    {
        "stars": Field(Int(1, 3), required=True),
        "steps": Field(ListOf(STEP, min_len=1), required=True),
    },
    build=lambda v, ctx: Solution(steps=v["steps"], stars=v["stars"]),
)

GRID = Record(
    {"width": Field(Int(2, 16), required=True), "height": Field(Int(2, 10), required=True)},
    build=lambda v, ctx: (v["width"], v["height"]),
)

CYCLE = Record(
    {"day": Field(Int(1, 400), required=True), "night": Field(Int(0, 400), required=True)},
    build=lambda v, ctx: Cycle(**v),
)


def _rain_from_cloud(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    if values["rain"] is True and values["sky"] == "clear":
        ctx.report((*path, "rain"), "rain falls from clouds; give this stretch sky: cloudy")


#: one stretch of a level's own weather: ``{ticks: 4, sky: cloudy, wind: calm, rain: true}``
WEATHER_STRETCH = Record(
    {
        "ticks": Field(Int(1, 400), required=True),
        "sky": Field(Choice(tuple(SKY)), default="clear"),
        "wind": Field(Choice(tuple(WIND)), default="breeze"),
        "rain": Field(BOOL, default=False),
    },
    build=lambda v, ctx: Stretch(**v),
    rules=(_rain_from_cloud,),
)


# --- rules across the whole level ------------------------------------------------------------


def _cell(cell: Cell) -> str:
    return f"[{cell[0]}, {cell[1]}]"


def _valid(values: dict[str, Any], *names: str) -> bool:
    """All the named fields are sound, so a rule over them cannot report a follow-up error."""
    return all(values[n] is not REPORTED and not isinstance(values[n], Partial) for n in names)


def _usable(value: Any) -> Any:
    """What a lenient rule can work with: the sound part of a list, or None."""
    if isinstance(value, Partial):
        return value.value
    return None if value is REPORTED else value


def _usable_items(value: Any) -> list[tuple[int, Any]]:
    """The sound items of a list field with their indexes in the file."""
    if isinstance(value, Partial):
        return list(value.indexed)
    return [] if value is REPORTED else list(enumerate(value))


def _question_fits_kind(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    """Explore levels, and only they, ask a question (and have an answer goal) or a
    prediction (and judge the run only: a wrong prediction costs nothing)."""
    if not _valid(values, "kind", "question", "goals", "predict"):
        return
    explore = values["kind"] == LevelKind.EXPLORE.value
    predict = values["predict"]
    if explore and values["question"] is None and predict is None:
        ctx.report(("predict",), "missing; an explore level asks for a prediction (or a question)")
    if not explore and values["question"] is not None:
        ctx.report(("question",), "only explore levels have a question", key=True)
    if not explore and predict is not None:
        ctx.report(("predict",), "only explore levels have a prediction", key=True)
    if predict is not None and values["question"] is not None:
        ctx.report(("question",), "give predict: or question:, not both", key=True)
    answers = [i for i, goal in enumerate(values["goals"]) if goal.type is GoalType.ANSWER]
    if explore and values["question"] is not None and not answers:
        ctx.report(("goals",), "an explore level needs the goal {type: answer}")
    for i in answers if not explore else ():
        ctx.report(("goals", i, "type"), "only explore levels have an answer goal")
    for i in answers if predict is not None else ():
        ctx.report(("goals", i, "type"), "a prediction is never wrong: leave out the answer "
                                         "goal, the run is judged by the other goals")


def _table_prediction_judged(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    """A filled-in table is compared with what a solved run gives: the table's want, which
    only the truth_table goal holds the run to."""
    predict = values["predict"]
    if not _valid(values, "goals", "predict") or predict is None or predict.kind != "table":
        return
    if not any(goal.type is GoalType.TRUTH_TABLE for goal in values["goals"]):
        ctx.report(("goals",), "a table prediction needs the goal {type: truth_table}")


def _parts_fit_board(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    """One part a cell, and none on blocked scenery."""
    blocked = _usable(values["blocked"]) or frozenset()
    first: dict[Cell, tuple[int, str]] = {}
    for i, part in _usable_items(values["parts"]):
        if part.at in blocked:
            ctx.report(("parts", i, "at"), f"cell {_cell(part.at)} is blocked scenery")
        elif part.at in first:
            j, other = first[part.at]
            ctx.report(
                ("parts", i, "at"), f"cell {_cell(part.at)} already holds parts[{j}] ({other})"
            )
        else:
            first[part.at] = (i, part.kind)


def _is_tank(part: PartSpec) -> bool:
    return part.role is Role.TANK


def _is_water_source(part: PartSpec) -> bool:
    return part.role is Role.SOURCE and part.medium is Medium.WATER and not part.drain


def _is_fuse(part: PartSpec) -> bool:
    return part.fuse


def _is_item_source(part: PartSpec) -> bool:
    return part.medium is Medium.ITEMS and part.role is Role.SOURCE


def _is_bay(part: PartSpec) -> bool:
    return part.medium is Medium.ITEMS and part.role is Role.CONSUMER


def _is_output_shaft(part: PartSpec) -> bool:
    return part.medium is Medium.MOTION and part.role is Role.CONSUMER


def _has_band(part: PartSpec) -> bool:
    return "low" in part.options and "high" in part.options


def _is_power_supply(part: PartSpec) -> bool:
    return part.medium is Medium.POWER and part.role in (Role.SOURCE, Role.STORAGE)


#: Goals that judge parts fixed on the board at the start: what each judges, named for messages
GOAL_TARGETS: dict[GoalType, tuple[Callable[[PartSpec], bool], str]] = {
    GoalType.POWERED: (_is_power_consumer, "power consumer"),
    GoalType.WATERED: (_is_bed, "greenhouse bed"),
    GoalType.FILLED: (_is_tank, "tank"),
    GoalType.SIGNAL_ON: (_is_signal_output, "signal output"),
    GoalType.SIGNAL_OFF: (_is_signal_output, "signal output"),
    GoalType.LAMPS_LIT: (_is_circuit_lamp, "workbench lamp"),
    GoalType.LAMPS_BRIGHT: (_is_circuit_lamp, "workbench lamp"),
    GoalType.LAMPS_DARK: (_is_circuit_lamp, "workbench lamp"),
    GoalType.SWITCHED: (_is_circuit_lamp, "workbench lamp"),
    GoalType.MAGNET_HOLDS: (_is_steel_scrap, "steel scrap"),
}
#: Goals about what flows: the parts (on the board or in the palette) without which the goal
#: could never fail, so it would mean nothing
GOAL_FLOWS: dict[GoalType, tuple[tuple[Callable[[PartSpec], bool], str], ...]] = {
    GoalType.NO_LEAKS: ((_is_water_source, "water source"),),
    GoalType.NO_SHORTAGE: ((_is_power_consumer, "power consumer"),
                           (_is_power_supply, "power source or battery")),
    GoalType.NO_TRIPPED_FUSE: ((_is_fuse, "fuse"),),
    GoalType.PUMPS_RUN: ((lambda p: p.energy > 0, "pump"),),
    GoalType.NO_WASTE: ((_is_water_source, "water source"),),
    GoalType.DELIVERED: ((_is_item_source, "loading point"), (_is_bay, "bay")),
    GoalType.NO_JAM: ((_is_item_source, "loading point"),),
    GoalType.NO_WRONG: ((_is_item_source, "loading point"), (_is_bay, "bay")),
    GoalType.NO_DROP: ((_is_item_source, "loading point"),),
    GoalType.NO_FLAT: ((lambda p: _is_item_source(p) and "battery" in p.options, "truck depot"),),
    GoalType.SCANNED: ((_is_item_source, "loading point"), (lambda p: p.scanner, "scanner")),
    GoalType.NOT_TOO_WARM: ((_has_band, "part with a band (low and high)"),),
    GoalType.NOT_TOO_COLD: ((_has_band, "part with a band (low and high)"),),
    GoalType.VENT_FREE: ((lambda p: p.fridge, "fridge"),),
    GoalType.STRONG_ENOUGH: ((lambda p: _is_item_source(p) and "strength" in p.options,
                              "reactor"),
                             (lambda p: _is_bay(p) and "needs" in p.options, "hospital")),
    GoalType.TRUTH_TABLE: ((_is_signal_output, "lamp, door lock or alarm bell"),),
    GoalType.SHAFT_SPEED: ((_is_output_shaft, "output shaft"),),
    GoalType.NO_GEAR_JAM: ((lambda p: p.medium is Medium.MOTION and p.role is Role.SOURCE,
                            "motor"),),
    GoalType.NO_SHORT_CIRCUIT: ((lambda p: p.medium is Medium.CIRCUIT and p.circuit == "battery",
                                 "bench battery"),),
    GoalType.PACKETS_DELIVERED: ((lambda p: p.medium is Medium.PACKETS and "send_red" in p.options,
                                  "computer or server"),),
    GoalType.NO_PACKET_LOST: ((lambda p: p.medium is Medium.PACKETS and p.capacity > 0
                               and not p.router, "packet cable"),),
    GoalType.SERVERS_ON: ((lambda p: "load" in p.options and p.energy > 0, "server rack"),),
}


def _kinds(test: Callable[[PartSpec], bool]) -> str:
    return ", ".join(kind for kind, spec in CATALOGUE.items() if test(spec))


def _goals_have_targets(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    """Every goal judges something that is there: a ``watered`` goal on a board without a bed
    (or a goal ``at`` a cell without its part) would be met by doing nothing."""
    if not _valid(values, "goals", "parts", "palette"):
        return
    parts: tuple[PlacedPart, ...] = values["parts"]
    placeable = [CATALOGUE[kind] for kind in values["palette"]]
    for i, goal in enumerate(values["goals"]):
        if goal.type in GOAL_TARGETS:
            _goal_target(goal, i, parts, *GOAL_TARGETS[goal.type], ctx)
        for test, noun in GOAL_FLOWS.get(goal.type, ()):
            if not any(test(CATALOGUE[p.kind]) for p in parts) and not any(map(test, placeable)):
                ctx.report(("goals", i), f"a {goal.type.value} goal needs a {noun} "
                           f"({_kinds(test)}) on the board or in the palette; there is none")
                break


def _goal_target(goal: Goal, i: int, parts: tuple[PlacedPart, ...],
                 test: Callable[[PartSpec], bool], noun: str, ctx: Context) -> None:
    kind = goal.type.value
    if goal.at is not None:
        part = next((p for p in parts if p.at == goal.at), None)
        if part is None:
            ctx.report(("goals", i, "at"), f"there is no part at {_cell(goal.at)}; "
                                           f"a {kind} goal at a cell needs a {noun} there")
        elif not test(CATALOGUE[part.kind]):
            ctx.report(("goals", i, "at"), f"the part at {_cell(goal.at)} is a {part.kind}, "
                                           f"not a {noun} ({_kinds(test)})")
        elif goal.kind is not None and part.kind != goal.kind:
            ctx.report(("goals", i, "kind"), f"the part at {_cell(goal.at)} is a {part.kind}, "
                                             f"not a {goal.kind}")
    elif goal.kind is not None:
        if not any(p.kind == goal.kind for p in parts):
            ctx.report(("goals", i, "kind"), f"there is no {goal.kind} on the board")
    elif not any(test(CATALOGUE[p.kind]) for p in parts):
        ctx.report(("goals", i), f"a {kind} goal needs a {noun} ({_kinds(test)}) on the board; "
                                 "parts has none")


def _build_has_palette(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    if values["kind"] == LevelKind.BUILD.value and values["palette"] == {}:
        ctx.report(("palette",), "a build level needs at least one part to place")


def _bare_level(values: dict[str, Any]) -> Level:
    """Just enough of the level for its board: what the solution's steps are played on."""
    width, height = values["grid"]
    return Level(
        id="", world="", kind=LevelKind.BUILD, order=1, groep=(3, 8), kerndoelen=(), title="",
        story="", width=width, height=height, blocked=values["blocked"], parts=values["parts"],
        palette=values["palette"], goals=(), stars=Stars(), hints=(), parent_tip=NO_TIP,
        solution=Solution((), 1), ticks=1)


def _refusal_text(refusal: Refusal | None, step: Step, board: Board) -> str:
    """What the game's own editor refused, said about the step in the file."""
    at = step.at or (0, 0)
    piece = board.pieces.get(at)
    kind = step.kind or (piece.kind if piece else "")
    texts = {
        Refusal.OFF_GRID: f"cell {_cell(at)} is outside the {board.width}x{board.height} grid",
        Refusal.BLOCKED: f"cell {_cell(at)} is blocked scenery",
        Refusal.OCCUPIED: f"cell {_cell(at)} already holds a {piece.kind if piece else 'part'}",
        Refusal.NONE_LEFT: (
            f"{kind} is not in the palette" if kind not in board.level.palette
            else f"no {kind} is left to place: the palette has {board.level.palette[kind]} "
                 "and all of them are on the board"),
        Refusal.UNKNOWN_PART: f"{kind} is not a part",
        Refusal.EMPTY: f"there is no part at {_cell(at)}",
        Refusal.LOCKED: f"the {kind} at {_cell(at)} is locked",
        Refusal.NO_ROTATE: f"a {kind} is the same every way round",
        Refusal.NO_TOGGLE: (f"the {kind} at {_cell(at)} is broken" if piece and piece.broken
                            else f"a {kind} cannot be switched"),
    }
    return texts.get(refusal, "the game refuses this step") if refusal else "refused"


def _solutions(values: dict[str, Any], ctx: Context) -> list[tuple[FieldPath, Solution]]:
    """Each solution with the path of its key: ``solution:`` (one) or ``solutions:`` (a list);
    reports a level that has neither or both."""
    one, many = values["solution"], values["solutions"]
    if one is REPORTED or many is REPORTED or isinstance(many, Partial):
        return []
    if one is None and not many:
        ctx.report(("solution",), "missing; every level needs a reference solution "
                                  "(stars: and steps:)")
        return []
    if one is not None and many:
        ctx.report(("solutions",), "give solution: (one) or solutions: (a list), not both",
                   key=True)
        return []
    if one is not None:
        return [(("solution",), one)]
    return [(("solutions", k), s) for k, s in enumerate(many) if isinstance(s, Solution)]


def _solution_replays(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    """Play every solution through the game's own editor, step by step.

    The checker and the game share one set of board rules: a step the pupil could take
    (place, remove the part again, place it elsewhere) is one the checker accepts, and a
    step the game would refuse is named here with its line. Whether the finished board
    *works* is proved by the simulation afterwards (``loader._replay``).
    """
    solutions = _solutions(values, ctx)
    if not solutions or not _valid(values, "grid", "parts", "blocked", "palette", "question"):
        return
    for key, solution in solutions:
        _replay_steps(values, key, solution, ctx)


def _replay_steps(values: dict[str, Any], key: FieldPath, solution: Solution,
                  ctx: Context) -> None:
    """Replay one solution's steps, naming each step the game refuses."""
    editor = Editor(Board(_bare_level(values)))
    question: Question | None = values["question"]
    steps = solution.steps
    for i, step in enumerate(steps):
        where = (*key, "steps", i, step.action.value)
        if step.action is StepAction.ANSWER:
            if question is None:
                ctx.report(where, "only explore levels have an answer step")
            elif step.kind not in question.choices:
                ctx.report(where, f"{step.kind} is not one of the question's choices")
        elif not editor.apply(step):
            ctx.report(where, _refusal_text(editor.last_refusal, step, editor.board))
    answered = any(step.action is StepAction.ANSWER for step in steps)
    explore = values["kind"] == LevelKind.EXPLORE.value
    if explore and values["question"] is not None and not answered:
        ctx.report((*key, "steps"), "an explore level's solution must answer the question")


def scenery_pictures(world: str) -> list[str]:
    """The scenery a world's blocked cells can show: ``assets/tiles/blocked_<world>_<name>``."""
    import game

    folder = game.PROJECT_ROOT / "assets" / "tiles"
    return sorted(p.stem.removeprefix(f"blocked_{world}_")
                  for p in folder.glob(f"blocked_{world}_*.svg"))


def _scenery_is_drawn(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    """The scenery a level names (the story's tree) is a picture its world has."""
    scenery, world = values["scenery"], values["world"]
    if scenery in (None, REPORTED) or world is REPORTED:
        return
    pictures = scenery_pictures(world)
    if scenery not in pictures:
        ctx.report(("scenery",), f"{world} has no scenery called {scenery!r}; choose one of: "
                                 + ", ".join(pictures))
    elif not _usable(values["blocked"]):
        ctx.report(("scenery",), "there are no blocked cells to show it on")


def _weather_fits_run(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    """A level's own weather lasts exactly as long as one Test (the strip shows every tick)."""
    if not _valid(values, "weather", "ticks") or values["weather"] is None:
        return
    lasts = sum(stretch.ticks for stretch in values["weather"])
    if lasts != values["ticks"]:
        ctx.report(("weather",), f"the stretches last {lasts} ticks but a test runs "
                                 f"{values['ticks']} (ticks:); make them the same", key=True)


def _table_fits_board(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    """A truth table's columns are the inputs and outputs on the board, its rows fill the run,
    and the truth_table goal has a table to judge."""
    if not _valid(values, "table", "goals", "parts", "ticks"):
        return
    table: SignalTable | None = values["table"]
    goals = [i for i, goal in enumerate(values["goals"]) if goal.type is GoalType.TRUTH_TABLE]
    if table is None:
        for i in goals:
            ctx.report(("goals", i, "type"), "a truth_table goal needs the level's table:")
        return
    parts = {p.at: CATALOGUE[p.kind] for p in values["parts"]}
    for key, test, noun in (("inputs", lambda s: s.medium is Medium.SIGNAL
                             and s.role is Role.SOURCE, "button or sensor"),
                            ("outputs", _is_signal_output, "lamp, door lock or alarm bell")):
        for j, cell in enumerate(getattr(table, key)):
            if cell not in parts or not test(parts[cell]):
                ctx.report(("table", key, j), f"there is no {noun} at {_cell(cell)} on the board")
    for j, row in enumerate(table.rows):
        if len(row.inputs) != len(table.inputs):
            ctx.report(("table", "rows", j, "in"), f"gives {len(row.inputs)} inputs; the table "
                       f"has {len(table.inputs)}")
        if row.want is not None and len(row.want) != len(table.outputs):
            ctx.report(("table", "rows", j, "want"), f"gives {len(row.want)} outputs; the table "
                       f"has {len(table.outputs)}")
    if values["ticks"] != table.ticks:
        ctx.report(("ticks",), f"a test runs {values['ticks']} ticks but the table's rows take "
                               f"{table.ticks} ({len(table.rows)} rows of {table.each}); leave "
                               "ticks: out", key=True)
    if goals and all(row.want is None for row in table.rows):
        ctx.report(("goals", goals[0], "type"), "no row of the table says what it wants")


def _world_matches_folder(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    folder = Path(ctx.tree.source).parent.name
    world = values["world"]
    if folder in world_ids() and world is not REPORTED and world != folder:
        ctx.report(("world",), f"is {world} but the file is in the {folder} folder")


def _build_level(v: dict[str, Any], ctx: Context) -> Level | object:
    if v["solution"] is None and not v["solutions"]:
        return REPORTED  # said by _solutions
    width, height = v["grid"]
    return Level(
        id=v["id"],
        world=v["world"],
        kind=LevelKind(v["kind"]),
        order=v["order"],
        groep=v["groep"],
        kerndoelen=v["kerndoelen"],
        title=v["title"],
        story=v["story"],
        width=width,
        height=height,
        blocked=v["blocked"],
        parts=v["parts"],
        palette=v["palette"],
        goals=v["goals"],
        stars=v["stars"],
        hints=v["hints"],
        parent_tip=v["parent_tip"],
        solution=v["solution"] or v["solutions"][0],
        solutions=v["solutions"] or (v["solution"],),
        ticks=v["ticks"],
        cycle=v["cycle"] or ALWAYS_DAY,
        environment=(Environment.from_forecast(v["cycle"] or ALWAYS_DAY, v["weather"])
                     if v["weather"] else None),
        question=v["question"],
        predict=v["predict"],
        probe=v["kind"] == LevelKind.FIX.value if v["probe"] is None else v["probe"],
        source=ctx.tree.source,
        new_parts=v["new_parts"],
        scenery=v["scenery"],
        codes=v["codes"],
        room=v["room"],
        table=v["table"],
    )


LEVEL = Record(
    {
        "id": Field(
            Text(60, ID_PATTERN, "lowercase letters, digits and dashes, like city-01-first-light"),
            required=True,
        ),
        "world": Field(World(), required=True),
        "kind": Field(Choice(tuple(k.value for k in LevelKind)), required=True),
        "order": Field(Int(1, 999), required=True),
        "groep": Field(ListOf(Int(3, 8), 2, 2), required=True, check=_lowest_first),
        "kerndoelen": Field(ListOf(KerndoelSpec(), 1, 6, unique=True), required=True),
        "title": Field(Text(60), required=True),
        "story": Field(Text(300), required=True),
        "new_parts": Field(ListOf(Kind(), unique=True), default=()),
        "grid": Field(GRID, required=True, remember=True),
        "blocked": Field(ListOf(CELL, unique=True, build=frozenset), default=frozenset()),
        "scenery": Field(Text(20, r"[a-z]+", "one lowercase word, like tree"), default=None),
        "cycle": Field(CYCLE, remember=True),
        "weather": Field(ListOf(WEATHER_STRETCH, 1, 40), default=None, remember=True),
        "table": Field(TABLE, default=None, remember=True),
        "ticks": Field(Int(1, 400), default=_default_ticks, remember=True),
        "parts": Field(ListOf(PART), default=()),
        "palette": Field(
            MapOf(Kind(), Int(1, 99)),
            required=True,
            missing="the parts the pupil may place, e.g. {wire_straight: 2}",
        ),
        "goals": Field(ListOf(GOAL, 1, 8), required=True),
        "stars": Field(STARS, default=Stars()),
        "hints": Field(ListOf(HINT, 1, 3), required=True),
        "parent_tip": Field(PARENT_TIP_CARD, required=True),
        "question": Field(QUESTION),
        "predict": Field(PREDICT),
        "probe": Field(BOOL, default=None),
        # things on belts have labels 1-4, messages on a network addresses 1-5
        "codes": Field(ListOf(Text(4, r"[A-Z0-9]{2,4}", "2 to 4 capital letters or digits"),
                              1, 5, unique=True), default=()),
        "room": Field(Int(0, 40), default=20),
        "solution": Field(SOLUTION, default=None),
        "solutions": Field(ListOf(SOLUTION, 1, 6), default=()),
    },
    build=_build_level,
    rules=(
        _question_fits_kind,
        _parts_fit_board,
        _goals_have_targets,
        _build_has_palette,
        _solution_replays,
        _world_matches_folder,
        _scenery_is_drawn,
        _weather_fits_run,
        _table_fits_board,
        _table_prediction_judged,
    ),
)
