"""The catalogue of parts, read from the parts files of the worlds (``levels/<world>/parts.yaml``).

A parts file is a list of parts; each is checked like a level file, every problem reported
as one ``file:line: field: message`` line (:class:`game.datafile.problems.LevelError`), and
built into a :class:`game.sim.parts.PartSpec`. What a field means is written in
``levels/README.md`` ("Parts") and in :class:`PartSpec`.

:data:`CATALOGUE` reads the game's parts files the first time it is asked for a part, never
when this module is imported.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from game import PROJECT_ROOT
from game.datafile.problems import REPORTED, FieldPath, LevelError, Problem, sort_problems
from game.datafile.schema import (
    Bool,
    Choice,
    Context,
    Field,
    Int,
    ListOf,
    MapOf,
    Record,
    Spec,
    Text,
    check_list_file,
    describe,
    did_you_mean,
    raise_problems,
)
from game.datafile.yamltree import MAX_BYTES
from game.sim.geometry import Side
from game.sim.parts import Flow, Medium, Param, PartSpec, Port, Role

#: the name of a world's parts file, in the world's folder under ``levels/``
PARTS_FILE = "parts.yaml"
#: the game's own levels folder, whose world folders hold the parts files
DEFAULT_FOLDER = PROJECT_ROOT / "levels"
#: what a weather-driven source follows (game.sim.environment)
DRIVERS = ("sun", "wind")
#: what a signal part does (game.sim.media.signal): a gate, or the output it is
SIGNALS = ("and", "or", "not", "lamp", "door", "bell")
#: what a circuit part is in a loop (game.sim.media.circuit)
CIRCUITS = ("battery", "lamp", "switch", "two_way", "coil", "insulator", "scrap")
#: how a cooler sends its heat out of the building (game.sim.media.heat)
COOLS_WITH = ("outside_air", "water")
#: the most a number of a part may be (energy blocks, drops, coins, ticks)
MOST = 99

_SIDES = ListOf(Choice(tuple(s.name for s in Side)), min_len=1, max_len=4, unique=True,
                build=lambda names: frozenset(Side[n] for n in names))
_AMOUNT = Int(0, MOST)


class ParamSpec(Spec):
    """One per-part option: ``{default: 0, min: 0, max: 12}``; ``max: ticks`` means the
    level's run length; a true/false option has only a default."""

    FIELDS: dict[str, Field] = {
        "default": Field(Spec(), required=True),
        "min": Field(Int(0, MOST)),
        "max": Field(Spec()),
    }

    def check(self, value: Any, path: FieldPath, ctx: Context) -> Any:
        if value is REPORTED:
            return REPORTED
        if not isinstance(value, dict) or "default" not in value:
            ctx.report(path, f"must be a mapping {{default: ..., min: ..., max: ...}}, "
                             f"not {describe(value)}")
            return REPORTED
        for key in value:
            if key not in self.FIELDS:
                hint = did_you_mean(key, list(self.FIELDS)) or " (known keys: default, min, max)"
                ctx.report((*path, key), f"unknown key{hint}", key=True)
        default, lo, hi = value["default"], value.get("min"), value.get("max")
        if isinstance(default, bool):
            if lo is not None or hi is not None:
                ctx.report(path, "a true/false option has no min: or max:")
                return REPORTED
            return Param(default)
        if not isinstance(default, int) or not 0 <= default <= MOST:
            ctx.report((*path, "default"), f"must be true, false or a whole number from 0 to "
                                           f"{MOST}, not {describe(default)}")
            return REPORTED
        lo = _AMOUNT.check(lo, (*path, "min"), ctx) if lo is not None else 0
        if hi == "ticks":
            return Param(default, lo, None, up_to_ticks=True) if lo is not REPORTED else REPORTED
        hi = _AMOUNT.check(hi, (*path, "max"), ctx) if hi is not None else MOST
        if REPORTED in (lo, hi):
            return REPORTED
        if not lo <= default <= hi:
            ctx.report((*path, "default"), f"must be from {lo} to {hi}, not {default}")
            return REPORTED
        return Param(default, lo, hi)


def _build(values: dict[str, Any], ctx: Context) -> PartSpec:
    values = dict(values)
    values["medium"] = Medium(values["medium"])
    values["role"] = Role(values["role"])
    values["flow"] = Flow(values["flow"])
    values["ports"] = values["ports"] or frozenset()
    values["more_ports"] = tuple(values["more_ports"])
    if values["routes"] is not None:
        values["routes"] = {Side[entry]: exits for entry, exits in values["routes"].items()}
    values["options"] = values.pop("params") or {}
    values["teeth"] = {Side[side]: n for side, n in (values["teeth"] or {}).items()}
    values["joins"] = {Side[side]: how for side, how in (values["joins"] or {}).items()}
    return PartSpec(**values)


def _ports_fit(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    """Rules between fields: a part of the board's cells has no ports; a plug is on a free
    side and carries another medium."""
    if values["role"] == Role.FIELD.value and values["ports"] not in (None, REPORTED):
        ctx.report((*path, "ports"), "a field part (a bed) has no ports; leave ports: out")
    if values["role"] != Role.FIELD.value and values["medium"] != Medium.HEAT.value \
            and values["circuit"] != "scrap" and values["ports"] is None:
        ctx.report((*path, "ports"), "missing; the sides where the part connects, e.g. [N, S]")
    main = values["ports"] if isinstance(values["ports"], frozenset) else frozenset()
    for i, port in enumerate(values["more_ports"] or ()):
        if not isinstance(port, Port):
            continue
        if port.side in main:
            ctx.report((*path, "more_ports", i, "side"),
                       f"{port.side.name} is already one of the part's ports")
        if values["medium"] == port.medium.value:
            ctx.report((*path, "more_ports", i, "medium"),
                       "must be another medium than the part's own (that is what ports: are)")


def _motion_sides(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    """Motion: every side with ``teeth`` or ``joins`` is one of the part's ports, no side has
    both, and every port of a motion part has one of them."""
    teeth = {} if values["teeth"] is None else values["teeth"]
    joins = {} if values["joins"] is None else values["joins"]
    if not isinstance(teeth, dict) or not isinstance(joins, dict):
        return
    ports = values["ports"] if isinstance(values["ports"], frozenset) else frozenset()
    for key, sides in (("teeth", teeth), ("joins", joins)):
        for side in sides:
            if Side[side] not in ports:
                ctx.report((*path, key, side), f"{side} is not one of the part's ports")
    for side in set(teeth) & set(joins):
        ctx.report((*path, "joins", side), f"{side} already has teeth: a side meshes or joins")
    if values["medium"] == Medium.MOTION.value:
        for side in sorted(ports - {Side[s] for s in (*teeth, *joins)}):
            ctx.report((*path, "ports"), f"{side.name} has no teeth and no joins: say how it "
                                         f"turns the part beside it")


def _meter_is_an_option(values: dict[str, Any], path: FieldPath, ctx: Context) -> None:
    """``meter:`` and ``toggles:`` name one of the part's params."""
    params = values["params"] if isinstance(values["params"], dict) else {}
    for key in ("meter", "toggles"):
        name = values[key]
        if key == "toggles" and not values["toggle"]:
            continue
        if isinstance(name, str) and name not in params:
            ctx.report((*path, key), f"{name} is not one of its params "
                                     f"({', '.join(map(str, params)) or 'it has none'})")


_PORT = Record(
    {
        "side": Field(Choice(tuple(s.name for s in Side)), required=True),
        "medium": Field(Choice(tuple(m.value for m in Medium if m is not Medium.NONE)),
                        required=True),
        "flow": Field(Choice(tuple(f.value for f in Flow)), default=Flow.BOTH.value),
    },
    build=lambda v, ctx: Port(Side[v["side"]], Medium(v["medium"]), Flow(v["flow"])),
)

PART = Record(
    {
        "kind": Field(Text(30, r"[a-z][a-z0-9_]*", "lower-case letters, digits and _"),
                      required=True),
        "medium": Field(Choice(tuple(m.value for m in Medium)), required=True),
        "role": Field(Choice(tuple(r.value for r in Role)), required=True),
        "ports": Field(_SIDES, default=None),
        "flow": Field(Choice(tuple(f.value for f in Flow)), default=Flow.BOTH.value),
        "routes": Field(MapOf(Choice(tuple(s.name for s in Side)), _SIDES), default=None),
        "more_ports": Field(ListOf(_PORT, max_len=3), default=()),
        "name": Field(Text(40), required=True),
        "description": Field(Text(200), required=True),
        "output": Field(_AMOUNT, default=0),
        "demand": Field(_AMOUNT, default=0),
        "capacity": Field(_AMOUNT, default=0),
        "rate": Field(_AMOUNT, default=0),
        "energy": Field(_AMOUNT, default=0),
        "pressure": Field(_AMOUNT, default=0),
        "price": Field(_AMOUNT, default=0),
        "co2": Field(_AMOUNT, default=0),
        "toggle": Field(Bool(), default=False),
        "toggles": Field(Text(20, r"[a-z][a-z_]*", "the name of one of its params"),
                         default="on"),
        "rotates": Field(Bool(), default=True),
        "daylight_only": Field(Bool(), default=False),
        "night_only": Field(Bool(), default=False),
        "driven_by": Field(Choice(DRIVERS), default=None),
        "fuse": Field(Bool(), default=False),
        "backup": Field(Bool(), default=False),
        "float_valve": Field(Bool(), default=False),
        "drip": Field(Bool(), default=False),
        "drain": Field(Bool(), default=False),
        "diverter": Field(Bool(), default=False),
        "scanner": Field(Bool(), default=False),
        "charger": Field(Bool(), default=False),
        "heat_flow": Field(Int(0, 9), default=4),
        "heat_store": Field(Int(1, MOST), default=10),
        "air_flow": Field(Int(0, 9), default=None),
        "cools_with": Field(Choice(COOLS_WITH), default=None),
        "mixes": Field(Bool(), default=False),
        "melt": Field(Int(0, 999), default=0),
        "fridge": Field(Bool(), default=False),
        "probe": Field(Bool(), default=False),
        "thermostat": Field(Bool(), default=False),
        "signal": Field(Choice(SIGNALS), default=None),
        "circuit": Field(Choice(CIRCUITS), default=None),
        "resistance": Field(Int(0, 9), default=0),
        "magnetic": Field(Bool(), default=False),
        "router": Field(Bool(), default=False),
        "teeth": Field(MapOf(Choice(tuple(s.name for s in Side)), Int(4, MOST)), default=None),
        "joins": Field(MapOf(Choice(tuple(s.name for s in Side)), Choice(("shaft", "belt"))),
                       default=None),
        "meter": Field(Text(20, r"[a-z][a-z_]*", "the name of one of its params"),
                       default=None),
        "params": Field(MapOf(Text(20, r"[a-z][a-z_]*", "lower-case letters and _"),
                              ParamSpec()), default=None),
    },
    build=_build,
    rules=(_ports_fit, _meter_is_an_option, _motion_sides),
)


#: parts files read without a problem, by (path, the file's bytes): the answer of a file
#: read again unchanged (``techniekwerf check`` reads the game's parts on every run)
_READ: dict[tuple[str, bytes], dict[str, PartSpec]] = {}


def _file_key(path: str | os.PathLike[str]) -> tuple[str, bytes] | None:
    try:
        with open(path, "rb") as stream:
            return str(path), stream.read(MAX_BYTES + 1)
    except (OSError, ValueError):
        return None


def read_parts(path: str | os.PathLike[str]) -> dict[str, PartSpec]:
    """The parts in one parts file, by kind, in file order; :class:`LevelError` with every
    problem of the file."""
    key = _file_key(path)
    if key is not None and key in _READ:
        return dict(_READ[key])
    parts = _read_parts(path)
    if key is not None and _file_key(path) == key:  # unchanged while it was read
        if len(_READ) >= 32:
            _READ.clear()
        _READ[key] = dict(parts)
    return parts


def _read_parts(path: str | os.PathLike[str]) -> dict[str, PartSpec]:
    checked, ctx = check_list_file(path, PART, "parts", "- kind:")
    parts: dict[str, PartSpec] = {}
    for i, part in enumerate(checked):
        if not isinstance(part, PartSpec):
            continue
        if part.kind in parts:
            ctx.report((i, "kind"), f"{part.kind} is already a part of this file")
        parts.setdefault(part.kind, part)
    raise_problems(ctx)
    return parts


def parts_files(folder: str | os.PathLike[str]) -> list[Path]:
    """Every world's parts file under ``folder``, in folder order."""
    return sorted(Path(folder).glob(f"*/{PARTS_FILE}"))


def read_catalogue(folder: str | os.PathLike[str]) -> dict[str, PartSpec]:
    """Every part of every world under ``folder``; :class:`LevelError` with every problem of
    every file, a kind that two files give among them."""
    found: dict[str, tuple[PartSpec, Path]] = {}
    problems: list[Problem] = []
    for path in parts_files(folder):
        try:
            parts = read_parts(path)
        except LevelError as error:
            problems.extend(error.problems)
            continue
        for kind, part in parts.items():
            if kind in found:
                problems.append(Problem(str(path), 0, "kind",
                                        f"{kind} is already a part in {found[kind][1]}"))
            found.setdefault(kind, (part, path))
    if problems:
        raise LevelError(sort_problems(problems))
    if not found:
        raise LevelError([Problem(str(folder), 0, "", f"no {PARTS_FILE} in any world folder")])
    return {kind: part for kind, (part, _) in found.items()}


class Catalogue(Mapping[str, PartSpec]):
    """Every part kind of the game, read from the parts files when first asked for."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self._parts: dict[str, PartSpec] | None = None

    def _all(self) -> dict[str, PartSpec]:
        if self._parts is None:
            self._parts = read_catalogue(self.folder)
        return self._parts

    def __getitem__(self, kind: str) -> PartSpec:
        parts = self._parts  # read once, then every piece asks (the simulation's hot path)
        return (self._all() if parts is None else parts)[kind]

    def get(self, kind: str, default: Any = None) -> Any:  # Mapping.get, without a raise
        parts = self._parts
        return (self._all() if parts is None else parts).get(kind, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __contains__(self, kind: object) -> bool:
        return kind in self._all()


#: the game's parts (read on first use)
CATALOGUE = Catalogue(DEFAULT_FOLDER)


def spec(kind: str) -> PartSpec:
    """The spec of ``kind``; raises KeyError naming the kind when there is none."""
    try:
        return CATALOGUE[kind]
    except KeyError:
        raise KeyError(f"unknown part kind {kind!r}") from None
