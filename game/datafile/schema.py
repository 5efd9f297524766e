"""A small field-spec language and the one validator that walks it.

Every rule about the *shape* of a level lives in a table of specs (see ``level_schema``);
this module knows how to check a value against a spec, convert it to its typed form and
report each problem once, at the line of the offending value. Checks that tie several
fields together are plain functions attached to a :class:`Record` as ``rules``.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.datafile.problems import (
    REPORTED,
    FieldPath,
    LevelError,
    Partial,
    Problem,
    sort_problems,
)
from game.datafile.yamltree import Refusal, Tree, build_tree, compose, read_text
from game.text_rules import text_problem


@dataclass
class Context:
    """What the validator carries along: the located document and facts later fields need.

    ``facts`` holds values of fields marked ``remember`` (the grid size, the run length...)
    so that a cell can be checked against the grid without every spec knowing the level.
    """

    tree: Tree
    facts: dict[str, Any] = field(default_factory=dict)

    def report(self, path: FieldPath, message: str, *, key: bool = False) -> None:
        self.tree.report(path, message, key=key)


def describe(value: Any) -> str:
    """How a wrong value is named in a message: by its type, plus the value when short."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}" if len(repr(value)) <= 20 else "a long number"
    if isinstance(value, str):
        return f"the text {shorten(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "something else"


def shorten(text: str, limit: int = 40) -> str:
    """Quote a designer's text for a message without letting a long one swamp the line."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def did_you_mean(word: str, options: Sequence[str]) -> str:
    """``"; did you mean 'story'?"`` when ``word`` is close to one of ``options``."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class Spec:
    """Checks one value; returns its typed form, or REPORTED after reporting what is wrong."""

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        raise NotImplementedError


Bound = int | Callable[[Context], "int | None"] | None


def _bound(bound: Bound, ctx: Context) -> int | None:
    return bound(ctx) if callable(bound) else bound


@dataclass(frozen=True)
class Int(Spec):
    """A whole number in ``lo..hi``; a bound may depend on the level (e.g. its ticks)."""

    lo: Bound = None
    hi: Bound = None
    why: str = ""  # names a level-dependent bound in messages: "(the level's ticks)"

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if value is REPORTED:
            return REPORTED
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.report(path, f"must be a whole number, not {describe(value)}")
            return REPORTED
        lo, hi = _bound(self.lo, ctx), _bound(self.hi, ctx)
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            ctx.report(path, f"must be {self._range(lo, hi)}, not {value}")
            return REPORTED
        return value

    def _range(self, lo: int | None, hi: int | None) -> str:
        why = f" ({self.why})" if self.why else ""
        if hi is None:
            return f"at least {lo}"
        if lo is None:
            return f"at most {hi}{why}"
        return f"from {lo} to {hi}{why}"


@dataclass(frozen=True)
class Bool(Spec):
    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if value is REPORTED:
            return REPORTED
        if not isinstance(value, bool):
            ctx.report(path, f"must be true or false, not {describe(value)}")
            return REPORTED
        return value


@dataclass(frozen=True)
class Text(Spec):
    """Non-empty text, at most ``max_len`` characters, optionally matching ``pattern``.

    Every text of a level follows :mod:`game.text_rules` (no control characters, lone
    surrogates, noncharacters or direction overrides, something visible), because it is drawn
    and read aloud; a line break is refused too, the game wraps text itself.
    """

    max_len: int = 200
    pattern: str | None = None
    pattern_help: str = ""

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if value is REPORTED:
            return REPORTED
        if not isinstance(value, str):
            ctx.report(path, f"must be text, not {describe(value)} (put it in quotes)")
            return REPORTED
        value = value.rstrip("\n")  # a folded block (story: >) ends with a line break
        if not value.strip():
            ctx.report(path, "must not be empty")
            return REPORTED
        problem = text_problem(value)
        if problem:
            if problem.startswith("holds a line break"):
                problem += "; write it on one line, the game wraps the text"
            ctx.report(path, problem)
            return REPORTED
        if len(value) > self.max_len:
            ctx.report(path, f"is {len(value)} characters long; keep it to {self.max_len}")
            return REPORTED
        if self.pattern and not re.fullmatch(self.pattern, value):
            ctx.report(path, f"{shorten(value)} must be {self.pattern_help}")
            return REPORTED
        return value


@dataclass(frozen=True)
class Choice(Spec):
    """One word out of a fixed set."""

    options: tuple[str, ...]

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if value is REPORTED:
            return REPORTED
        if value not in self.options or not isinstance(value, str):
            hint = did_you_mean(value, self.options) if isinstance(value, str) else ""
            listed = ", ".join(self.options)
            ctx.report(path, f"must be one of {listed}, not {describe(value)}{hint}")
            return REPORTED
        return value


@dataclass(frozen=True)
class CellSpec(Spec):
    """A cell ``[x, y]``; inside the grid once the grid is known (fact ``grid``)."""

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if value is REPORTED:
            return REPORTED
        if not (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(n, int) and not isinstance(n, bool) for n in value)
        ):
            ctx.report(path, f"must be a cell [x, y] of two whole numbers, not {describe(value)}")
            return REPORTED
        x, y = value
        grid = ctx.facts.get("grid")
        if grid and not (0 <= x < grid[0] and 0 <= y < grid[1]):
            ctx.report(path, f"cell [{x}, {y}] is outside the {grid[0]}x{grid[1]} grid")
            return REPORTED
        return (x, y)


@dataclass(frozen=True)
class ListOf(Spec):
    """A list of ``item``s, ``min_len..max_len`` long, built into a tuple (or ``build``)."""

    item: Spec
    min_len: int = 0
    max_len: int | None = None
    unique: bool = False
    build: Callable[[list[Any]], Any] = tuple

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if value is REPORTED:
            return REPORTED
        if not isinstance(value, list):
            ctx.report(path, f"must be a list [..], not {describe(value)}")
            return REPORTED
        if not self.min_len <= len(value) <= (self.max_len or len(value)):
            ctx.report(path, f"must have {self._count()}, not {len(value)}")
            return REPORTED
        items = [self.item.check(v, (*path, i), ctx) for i, v in enumerate(value)]
        if self.unique:
            self._report_repeats(items, path, ctx)
        valid = [item for item in items if item is not REPORTED]
        if len(valid) < len(items):
            indexed = tuple((i, item) for i, item in enumerate(items) if item is not REPORTED)
            return Partial(self.build(valid), indexed)
        return self.build(valid)

    def _count(self) -> str:
        if self.max_len is None:
            return f"at least {self.min_len} item{'s' * (self.min_len != 1)}"
        if self.min_len == self.max_len:
            return f"exactly {self.min_len} items"
        return f"{self.min_len} to {self.max_len} items"

    @staticmethod
    def _report_repeats(items: list[Any], path: FieldPath, ctx: Context) -> None:
        seen: set[Any] = set()
        for i, item in enumerate(items):
            if item is REPORTED:
                continue
            if item in seen:
                ctx.report((*path, i), "is listed twice")
            seen.add(item)


@dataclass(frozen=True)
class MapOf(Spec):
    """A mapping of ``key`` specs to ``value`` specs (e.g. the palette), built into a dict."""

    key: Spec
    value: Spec

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if value is REPORTED:
            return REPORTED
        if not isinstance(value, dict):
            ctx.report(path, f"must be a mapping {{key: value}}, not {describe(value)}")
            return REPORTED
        result = {
            self.key.check(k, (*path, k), ctx): self.value.check(v, (*path, k), ctx)
            for k, v in value.items()
        }
        if REPORTED in result or REPORTED in result.values():
            return REPORTED
        return result


def check_list_file(path: str | os.PathLike[str], item: Spec, noun: str,
                    first: str) -> tuple[list[Any], Context]:
    """Read a data file that holds a list (the worlds, a world's parts) and check each item
    with ``item``; returns the checked items (REPORTED where wrong) and the context, whose
    problems the caller raises after its own rules. :class:`LevelError` at once when the file
    cannot be read or holds no list of ``noun`` (``first``: how an item starts, ``- kind:``)."""
    source = str(path)
    try:
        tree = build_tree(compose(read_text(Path(path))), source)
    except Refusal as refusal:
        raise LevelError([Problem(source, refusal.line, "", refusal.message)]) from None
    ctx = Context(tree)
    if not isinstance(tree.value, list) or not tree.value:
        ctx.report((), f"a {noun} file holds a list of {noun} ({first} ...), not "
                       f"{describe(tree.value)}")
        raise LevelError(sort_problems(tree.problems))
    return [item.check(value, (i,), ctx) for i, value in enumerate(tree.value)], ctx


def raise_problems(ctx: Context) -> None:
    """:class:`LevelError` with every problem found so far, if there is one."""
    if ctx.tree.problems:
        raise LevelError(sort_problems(ctx.tree.problems))


#: ``check(value, siblings, ctx)`` -> a message when the (valid) value does not fit its record.
FieldCheck = Callable[[Any, Mapping[str, Any], Context], "str | None"]


@dataclass(frozen=True)
class Field:
    """One key of a :class:`Record`.

    ``default`` may be a function of the context (the default run length depends on the
    cycle). ``remember`` stores the field's value as a fact for fields checked after it.
    """

    spec: Spec
    required: bool = False
    default: Any = None
    check: FieldCheck | None = None
    remember: bool = False
    missing: str = ""  # said after "missing": why the field is needed


#: ``rule(values, path, ctx)`` reports problems that involve several fields of a record.
Rule = Callable[[dict[str, Any], FieldPath, Context], None]


@dataclass(frozen=True)
class Record(Spec):
    """A mapping with known keys, checked in table order and built into a typed object."""

    fields: dict[str, Field]
    build: Callable[[dict[str, Any], Context], Any] = lambda values, ctx: values
    rules: tuple[Rule, ...] = ()

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if value is REPORTED:
            return REPORTED
        if not isinstance(value, dict):
            what = "a level file must hold" if not path else "must be"
            keys = ", ".join(f"{k}:" for k in list(self.fields)[:3])
            ctx.report(path, f"{what} a mapping ({keys} ...), not {describe(value)}")
            return REPORTED
        self._report_unknown(value, path, ctx)
        values = {
            name: self._field(name, spec, value, path, ctx) for name, spec in self.fields.items()
        }
        for rule in self.rules:
            rule(values, path, ctx)
        if any(v is REPORTED or isinstance(v, Partial) for v in values.values()):
            return REPORTED
        return self.build(values, ctx)

    def _report_unknown(self, value: dict[str, Any], path: FieldPath, ctx: Context) -> None:
        for key in value:
            if key not in self.fields:
                hint = did_you_mean(key, list(self.fields))
                if not hint:
                    hint = " (known keys: " + ", ".join(self.fields) + ")"
                ctx.report((*path, key), f"unknown key{hint}", key=True)

    @staticmethod
    def _field(name: str, spec: Field, value: dict[str, Any], path: FieldPath, ctx: Context) -> Any:
        where = (*path, name)
        if name in value:
            result = spec.spec.check(value[name], where, ctx)
            if result is not REPORTED and not isinstance(result, Partial) and spec.check:
                message = spec.check(result, value, ctx)
                if message:
                    ctx.report(where, message)
        elif spec.required:
            ctx.report(where, "missing" + (f"; {spec.missing}" if spec.missing else ""))
            result = REPORTED
        else:
            result = spec.default(ctx) if callable(spec.default) else spec.default
        if spec.remember:
            ctx.facts[name] = result
        return result


@dataclass(frozen=True)
class Tagged(Spec):
    """A mapping whose one "action" key says which record it is (a solution step)."""

    variants: dict[str, Record]
    noun: str = "item"

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if value is REPORTED:
            return REPORTED
        names = ", ".join(self.variants)
        tags = [k for k in value if k in self.variants] if isinstance(value, dict) else []
        if len(tags) != 1:
            found = f"; it has {' and '.join(tags)}" if tags else ""
            ctx.report(path, f"a {self.noun} must have exactly one of {names}{found}")
            return REPORTED
        return self.variants[tags[0]].check(value, path, ctx)
